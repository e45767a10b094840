"""The date recogniser (running text and date lines) and its ISO 8601 normalisation."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei_edition.dates import LANGUAGES, DateLine, find_dates, parse_date, parse_date_line


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
        # "between": a point within bounds, not a period.
        ("between March 1917 and 1921", "between March 1917 and 1921",
         {"notBefore": "1917-03", "notAfter": "1921"}),
        ("written March 21–24, 1848 at", "March 21–24, 1848",
         {"from": "1848-03-21", "to": "1848-03-24"}),
        ("written between March 21 and 24, 1848 at", "between March 21 and 24, 1848",
         {"notBefore": "1848-03-21", "notAfter": "1848-03-24"}),
        ("on 21–24 March 1848 the", "21–24 March 1848",
         {"from": "1848-03-21", "to": "1848-03-24"}),
        ("from March 21 – April 2, 1848 on", "March 21 – April 2, 1848",
         {"from": "1848-03-21", "to": "1848-04-02"}),
        ("in March–April 1848 the", "March–April 1848", {"from": "1848-03", "to": "1848-04"}),
        ("dated May 3d, 1849 and", "May 3d, 1849", {"when": "1849-05-03"}),
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


def test_running_text_stays_english():
    assert [m.text for m in find_dates("le 3 mai 1849, am 3. Mai 1849")] == ["1849", "1849"]


# -- date lines ---------------------------------------------------------------------

W, FT, NB = "when", ("from", "to"), ("notBefore", "notAfter")


def _attrs(*pairs: tuple[str, str]) -> dict[str, str]:
    return dict(pairs)


# text, place, separator, attrs, supplied, undated (date = the rest of the text)
DATE_LINES = [
    # everything parse_date reads
    ("November 29, 1920", None, "", {W: "1920-11-29"}, False, False),
    ("29 November 1920", None, "", {W: "1920-11-29"}, False, False),
    ("November 2nd, 1917", None, "", {W: "1917-11-02"}, False, False),
    ("1920-11-29", None, "", {W: "1920-11-29"}, False, False),
    ("November 1920", None, "", {W: "1920-11"}, False, False),
    ("1920", None, "", {W: "1920"}, False, False),
    ("summer of 1919", None, "", {"notBefore": "1919-06-01", "notAfter": "1919-08-31"},
     False, False),
    ("end of 1920", None, "", {"notBefore": "1920-10-01", "notAfter": "1920-12-31"},
     False, False),
    ("late November 1920", None, "", {"notBefore": "1920-11-21", "notAfter": "1920-11-30"},
     False, False),
    ("from 1918 to 1920", None, "", {"from": "1918", "to": "1920"}, False, False),
    # body forms
    ("the 3rd of May 1849", None, "", {W: "1849-05-03"}, False, False),
    ("3rd May, 1849", None, "", {W: "1849-05-03"}, False, False),
    ("Monday, May 3, 1849", None, "", {W: "1849-05-03"}, False, False),
    ("May 3d, 1849", None, "", {W: "1849-05-03"}, False, False),
    ("MAY 3, 1849", None, "", {W: "1849-05-03"}, False, False),
    # a place before the date
    ("Springfield, Ills., May 3, 1849", "Springfield, Ills.", ", ", {W: "1849-05-03"},
     False, False),
    ("Paris, 3 mai 1849", "Paris", ", ", {W: "1849-05-03"}, False, False),
    ("Wien, am 3. Mai 1849", "Wien", ", am ", {W: "1849-05-03"}, False, False),
    ("London, 12th March 1848.", "London", ", ", {W: "1848-03-12"}, False, False),
    ("London, the 12th of March 1848", "London", ", the ", {W: "1848-03-12"}, False, False),
    ("Paris le 1er juin 1849", "Paris", " le ", {W: "1849-06-01"}, False, False),
    ("Frankfurt am Main, den 3. März 1849", "Frankfurt am Main", ", den ",
     {W: "1849-03-03"}, False, False),
    ("Wien, Montag, den 3. Maerz 1849", "Wien", ", ", {W: "1849-03-03"}, False, False),
    ("Roma, li 3 maggio 1849", "Roma", ", li ", {W: "1849-05-03"}, False, False),
    ("Madrid, a 3 de mayo de 1849", "Madrid", ", a ", {W: "1849-05-03"}, False, False),
    ("Paris, janvier 1849", "Paris", ", ", {W: "1849-01"}, False, False),
    ("С.-Петербург, 3 мая 1849 г.", "С.-Петербург", ", ", {W: "1849-05-03"}, False, False),
    ("Wien, 3.5.1849", "Wien", ", ", {W: "1849-05-03"}, False, False),
    ("Paris, n.d.", "Paris", ", ", {}, False, True),
    # ranges
    ("March 21–24, 1848", None, "", {"from": "1848-03-21", "to": "1848-03-24"}, False, False),
    ("21–24 March 1848", None, "", {"from": "1848-03-21", "to": "1848-03-24"}, False, False),
    ("March 21 – April 2, 1848", None, "", {"from": "1848-03-21", "to": "1848-04-02"},
     False, False),
    ("between March 21 and 24, 1848", None, "",
     {"notBefore": "1848-03-21", "notAfter": "1848-03-24"}, False, False),
    ("between 21 and 24 March 1848", None, "",
     {"notBefore": "1848-03-21", "notAfter": "1848-03-24"}, False, False),
    ("1848–1849", None, "", {"from": "1848", "to": "1849"}, False, False),
    ("1848-49", None, "", {"from": "1848", "to": "1849"}, False, False),
    ("March–April 1848", None, "", {"from": "1848-03", "to": "1848-04"}, False, False),
    ("du 21 au 24 mars 1848", None, "", {"from": "1848-03-21", "to": "1848-03-24"},
     False, False),
    ("Berlin, vom 21. bis 24. März 1848", "Berlin", ", ",
     {"from": "1848-03-21", "to": "1848-03-24"}, False, False),
    ("from May 3, 1849 to June 1850", None, "", {"from": "1849-05-03", "to": "1850-06"},
     False, False),
    # uncertainty
    ("c. 1848", None, "", {W: "1848", "precision": "low"}, False, False),
    ("ca. 1848", None, "", {W: "1848", "precision": "low"}, False, False),
    ("c.1848", None, "", {W: "1848", "precision": "low"}, False, False),
    ("circa 1848", None, "", {W: "1848", "precision": "low"}, False, False),
    ("about 1848", None, "", {W: "1848", "precision": "low"}, False, False),
    ("um 1848", None, "", {W: "1848", "precision": "low"}, False, False),
    ("1848?", None, "", {W: "1848", "cert": "medium"}, False, False),
    ("May 3, 1849?", None, "", {W: "1849-05-03", "cert": "medium"}, False, False),
    ("[March 1848]", None, "", {W: "1848-03"}, True, False),
    ("[March 1848].", None, "", {W: "1848-03"}, True, False),
    ("[c. 1848]", None, "", {W: "1848", "precision": "low"}, True, False),
    ("[1848?]", None, "", {W: "1848", "cert": "medium", "evidence": "conjecture"},
     True, False),
    ("[1848]?", None, "", {W: "1848", "cert": "medium", "evidence": "conjecture"},
     True, False),
    ("[c. 1848?]", None, "",
     {W: "1848", "precision": "low", "cert": "medium", "evidence": "conjecture"}, True, False),
    ("Springfield, [May 3, 1849]", "Springfield", ", ", {W: "1849-05-03"}, True, False),
    ("[1450]", None, "", {W: "1450"}, True, False),
    # undated
    ("n.d.", None, "", {}, False, True),
    ("[n.d.]", None, "", {}, True, True),
    ("N. D.", None, "", {}, False, True),
    ("undated", None, "", {}, False, True),
    ("[undated]", None, "", {}, True, True),
    ("no date", None, "", {}, False, True),
    ("s.d.", None, "", {}, False, True),
    ("o.D.", None, "", {}, False, True),
    ("sans date", None, "", {}, False, True),
]


@pytest.mark.parametrize(("text", "place", "separator", "attrs", "supplied", "undated"),
                         DATE_LINES, ids=[case[0] for case in DATE_LINES])
def test_date_lines(text, place, separator, attrs, supplied, undated):
    line = parse_date_line(text)
    assert line is not None
    assert (line.place, line.separator, line.attrs, line.supplied, line.undated) == (
        place, separator, attrs, supplied, undated)
    assert (line.place or "") + line.separator + line.date == text


@pytest.mark.parametrize(
    "text",
    [
        "Dear Sir, May I ask",
        "Springfield",
        "He arrived in Springfield on May 3, 1849.",
        "The letter of May 3, 1849 was lost",
        "Room 12, May 3, 1849",  # digits in the place
        "springfield, May 3, 1849",  # a place begins with a capital
        "One two three four five six seven, May 3, 1849",  # a place is short
        "Springfield May 3, 1849",  # a place is followed by a comma or a connective
        "Did he come? May 3, 1849",
        "February 30, 1921",  # no such day
        "March 24–21, 1848",  # backwards
        "[March 1848",
        "March 1848]",
        "1234",  # a lone number is a year only in YEAR_RANGE
        " May 3, 1849",  # the caller strips the line
        "",
        "1848??",
        "Mayday 3, 1849",
    ],
)
def test_not_date_lines(text):
    assert parse_date_line(text) is None


def test_languages_narrow_the_word_lists():
    assert parse_date_line("Paris, 3 mai 1849", languages=("en",)) is None
    assert parse_date_line("Paris, 3 mai 1849", languages=("fr",)) is not None
    assert parse_date_line("summer of 1919", languages=("de",)) is None
    assert set(LANGUAGES) >= {"en", "fr", "de", "it", "es", "ru"}
    with pytest.raises(ValueError, match="shipped"):
        parse_date_line("1848", languages=("xx",))


def test_month_data_is_complete_and_unambiguous():
    text = resources.files("tei_edition").joinpath("data/months.toml").read_text("utf-8")
    tables = tomllib.loads(text)
    seen: dict[str, int] = {}
    for table in tables.values():
        assert len(table["months"]) == 12
        for number, names in enumerate(table["months"], 1):
            for name in names:
                assert not name.endswith("."), name  # the full stop is optional anyway
                assert seen.setdefault(name.lower(), number) == number, name
    for code in tables:  # every language parses a plain day-month-year on its own
        may = tables[code]["months"][4][0]
        assert parse_date_line(f"3 {may} 1849", languages=(code,)).attrs == {
            "when": "1849-05-03"}


def test_a_long_line_costs_no_more_than_its_length():
    assert parse_date_line("Springfield, " * 10_000 + "May 3, 1849") is None
    assert parse_date_line("x, " * 60 + "May 3, 1849") is None


_pieces = st.sampled_from(
    ["Springfield", "Ills.", ",", ", ", " ", "den ", "le ", "May", "mai", "Mai", "3", "3.",
     "21", "–", "-", "1848", "1849", "49", "[", "]", "?", ".", "c. ", "n.d.", "between ",
     " and ", "of ", "the ", "Monday, ", "x", "É"])


@given(st.lists(_pieces, max_size=10).map("".join))
def test_date_line_parts_give_back_the_text(text):
    line = parse_date_line(text)
    if line is not None:
        assert isinstance(line, DateLine)
        assert (line.place or "") + line.separator + line.date == text
        assert line.undated == (line.attrs == {})
        assert line.supplied == line.date.startswith("[")
