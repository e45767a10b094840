"""The English date recogniser and its ISO 8601 normalisation."""

from __future__ import annotations

import pytest

from tei_edition.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "span", "attrs"),
    [
        ("on October 25, 1922, after", "October 25, 1922", {"when": "1922-10-25"}),
        ("on 25 October 1922.", "25 October 1922", {"when": "1922-10-25"}),
        ("November 2nd, 1917 came", "November 2nd, 1917", {"when": "1917-11-02"}),
        ("the 14th of February, 1921 reached", "14th of February, 1921", {"when": "1921-02-14"}),
        ("beaten in November 1920.", "November 1920", {"when": "1920-11"}),
        ("described in 1908 as", "1908", {"when": "1908"}),
        ("the year 1921 saw", "1921", {"when": "1921"}),
        ("through 1921-1922 continual", "1921-1922", {"from": "1921", "to": "1922"}),
        ("the years 1921–22 were", "1921–22", {"from": "1921", "to": "1922"}),
        ("from 1918 to 1920 he", "from 1918 to 1920", {"from": "1918", "to": "1920"}),
        ("between March 1917 and 1921", "between March 1917 and 1921",
         {"from": "1917-03", "to": "1921"}),
        ("in the summer of 1919, but", "summer of 1919",
         {"notBefore": "1919-06-01", "notAfter": "1919-08-31"}),
        ("the winter of 1920 was", "winter of 1920",
         {"notBefore": "1920-12-01", "notAfter": "1921-02-28"}),
        ("By the end of 1920 all", "end of 1920",
         {"notBefore": "1920-10-01", "notAfter": "1920-12-31"}),
        ("In early 1919, when", "early 1919",
         {"notBefore": "1919-01-01", "notAfter": "1919-04-30"}),
        ("late November 1920 it", "late November 1920",
         {"notBefore": "1920-11-21", "notAfter": "1920-11-30"}),
        ("the first half of 1921", "first half of 1921",
         {"notBefore": "1921-01-01", "notAfter": "1921-06-30"}),
        ("dated 1920-11-29 here", "1920-11-29", {"when": "1920-11-29"}),
    ],
)
def test_dates_are_found_and_normalised(text, span, attrs):
    [match] = find_dates(text)
    assert (match.text, match.attrs) == (span, attrs)
    assert text[match.start : match.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "in the three years that the Soviet power has existed",
        "every five years, oblige the masses",
        "during the next few months",
        "for more details see Vol.IV and p. 1917, page 1920",
        "3000 roubles a ream, 1,200 copies of the primer",
        "it cost 1500 roubles",
        "This winter we printed",
        "numbers like 19201 or 1920.5 are not years",
    ],
)
def test_durations_quantities_and_page_numbers_are_not_dates(text):
    assert find_dates(text) == []


def test_a_date_that_does_not_exist_is_found_without_normalisation():
    [feb30] = find_dates("signed on February 30, 1921.")
    assert feb30.text == "February 30, 1921" and feb30.attrs is None
    [backwards] = find_dates("in 1922-1921")
    assert backwards.attrs is None


def test_parse_date_reads_whole_date_lines_only():
    assert parse_date("November 29, 1920") == {"when": "1920-11-29"}
    assert parse_date("  2 March 1921 ") == {"when": "1921-03-02"}
    assert parse_date("Written in November 1920") is None
    assert parse_date("Various Subjects") is None
