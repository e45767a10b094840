"""English date expressions and their ISO 8601 normalisation.

:func:`parse_date` reads a string that is wholly one date (a transcription's date
line); :func:`find_dates` finds every date expression in running text. Both give
the TEI dating attributes of att.datable.w3c (TEI Guidelines 3.6.4, 13.4):
``when`` for a day, month or year; ``from``/``to`` for a range; ``notBefore``/
``notAfter`` for a season or part of a year, whose bounds are conventions:

- seasons (northern hemisphere, meteorological): spring Mar–May, summer Jun–Aug,
  autumn/fall Sep–Nov, winter 1 Dec of the year to the end of February of the next;
- parts of a year: beginning/start of Q1, middle of Apr–Sep, end of Q4, early
  Jan–Apr, late Sep–Dec, first half Jan–Jun, second half Jul–Dec; of a month:
  beginning/early days 1–10, middle 11–20, end/late 21–last.

A bare number is a year only in ``YEAR_RANGE`` and not when it reads as a page,
volume or issue number, a part of a larger number, or a count of something
(``1500 men``) without a preposition of time before it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

YEAR_RANGE = range(1500, 2100)

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH_NAMES = sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)
# Patterns are ASCII (re.A): digits are 0-9, so other scripts' digits are never read as
# years. "May" the verb and "Mar"/"Jan" as words are only months next to a day or year, which
# every pattern below requires.
MONTH = r"(?:" + "|".join(_MONTH_NAMES) + r")(?:\.(?!\w))?"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"\d{4}"
_B = r"(?<![\w\-.,/])"  # a number starts here: not glued to a word or another number
_E = r"(?![\w]|[.,/]\d|-\w)"  # and ends here

SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 14)}
# Parts of a year, as (first month, last month).
YEAR_PARTS = {"beginning": (1, 3), "start": (1, 3), "end": (10, 12), "middle": (4, 9),
              "early": (1, 4), "late": (9, 12), "mid": (4, 9), "first half": (1, 6),
              "second half": (7, 12)}
# Parts of a month, as (first day, last day); 31 stands for the month's last day.
MONTH_PARTS = {"beginning": (1, 10), "start": (1, 10), "early": (1, 10), "middle": (11, 20),
               "mid": (11, 20), "end": (21, 31), "late": (21, 31)}

# Words before a number that make it a page, volume or issue number, not a year.
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:p|pp|vol|vols|no|nos|nr|page|pages|volume|volumes|number|numbers|issue|"
    r"chapter|art|article|section|fig|figure|line|lines)\.?|[§#№$£€¥%])\s*$", re.I)
_TIME_PREPOSITION = re.compile(
    r"\b(?:in|of|since|by|until|till|from|to|after|before|during|through|throughout|year|"
    r"and|or|about|around|circa|c\.)\s+$", re.I)
_PLURAL_NOUN_AFTER = re.compile(r"\s+[a-z]+s\b")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    attrs: dict[str, str] | None
    """ISO attributes, or None when the expression names no real date (``February 30``)."""


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 for a (possibly partial) date, or None when it does not exist.

    Year 0 does not exist either: XML Schema 1.0 dates, which TEI uses, have no year 0.
    """
    if year < 1:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and month is not None:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    if month is not None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def _month(value: str) -> int:
    return MONTHS[value.rstrip(".").lower()]


def _day(value: str) -> int:
    return int(re.match(r"\d+", value).group())  # type: ignore[union-attr]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _span(year: int, first_month: int, last_month: int) -> dict[str, str] | None:
    if year < 1:
        return None
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    return {"notBefore": f"{year:04d}-{first_month:02d}-01",
            "notAfter": f"{end_year:04d}-{end_month:02d}-{_last_day(end_year, end_month):02d}"}


def _renamed(pattern: str, prefix: str) -> str:
    """Give each alternative's groups distinct names (Python needs unique group names)."""
    counts = {"year": 0, "month": 0, "day": 0}

    def rename(m: re.Match[str]) -> str:
        counts[m[1]] += 1
        return f"(?P<{prefix}{m[1]}{counts[m[1]]}>"

    return re.sub(r"\(\?P<(year|month|day)>", rename, pattern)


# A single date: month day year | day (of) month year | month year | year.
_ONE = (
    rf"(?:(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})"
    rf"|(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR})"
    rf"|(?P<month>{MONTH}),?\s+(?P<year>{YEAR})"
    rf"|(?P<year>{YEAR}))"
)
_S, _A, _Z = (_renamed(_ONE, prefix) for prefix in ("s_", "a_", "z_"))


def _parts(m: re.Match[str], prefix: str) -> dict[str, str]:
    """The year/month/day strings of whichever alternative of a single date matched."""
    return {re.sub(r"\d+$", "", k[len(prefix):]): v
            for k, v in m.groupdict().items() if v is not None and k.startswith(prefix)}


def _pick(m: re.Match[str], prefix: str) -> dict[str, str] | None:
    """Normalise the single date matched by the groups named with ``prefix``."""
    found = _parts(m, prefix)
    value = iso(int(found["year"]), _month(found["month"]) if "month" in found else None,
                _day(found["day"]) if "day" in found else None)
    return {"when": value} if value else None


def _range(m: re.Match[str]) -> dict[str, str] | None:
    start, end = _pick(m, "a_"), _pick(m, "z_")
    # ISO strings of mixed precision still compare in time order ("1920" < "1920-05").
    if not start or not end or end["when"] < start["when"]:
        return None
    return {"from": start["when"], "to": end["when"]}


def _year_range(m: re.Match[str]) -> dict[str, str] | None:
    first, last = m["y1"], m["y2"]
    if len(last) == 2:
        last = first[:2] + last
    if int(last) <= int(first) or int(first) < 1:
        return None
    return {"from": first, "to": last}


def _season(m: re.Match[str]) -> dict[str, str] | None:
    first, last = SEASONS[m["season"].lower()]
    return _span(int(m["year"]), first, last)


def _year_part(m: re.Match[str]) -> dict[str, str] | None:
    part = " ".join(m["part"].lower().replace("-", " ").split())
    if m["month"]:
        year, month = int(m["year"]), _month(m["month"])
        if year < 1:
            return None
        first, last = MONTH_PARTS[part]
        last = min(last, _last_day(year, month))
        return {"notBefore": f"{year:04d}-{month:02d}-{first:02d}",
                "notAfter": f"{year:04d}-{month:02d}-{last:02d}"}
    if part not in YEAR_PARTS:
        return None
    first, last = YEAR_PARTS[part]
    return _span(int(m["year"]), first, last)


def _bare_year(m: re.Match[str], text: str) -> dict[str, str] | bool | None:
    year = int(m.group())
    if year not in YEAR_RANGE:
        return False
    before = text[max(0, m.start() - 20) : m.start()]
    if _NOT_YEAR_BEFORE.search(before):
        return False
    if _PLURAL_NOUN_AFTER.match(text, m.end()) and not _TIME_PREPOSITION.search(before):
        return False
    return {"when": f"{year:04d}"}


_SEASON_WORDS = "|".join(SEASONS)
_PARTS = r"beginning|start|end|middle|first\s+half|second\s+half"

# (pattern, normaliser) pairs; a normaliser returns attrs, None (a date that does not
# exist: tagged without attributes) or False (not a date after all).
_WORDS = re.I | re.A  # case-insensitive words, ASCII digits

_PATTERNS: list[tuple[re.Pattern[str], Callable[..., dict[str, str] | bool | None]]] = [
    (re.compile(rf"{_B}{_S}{_E}", re.A), lambda m, t: _single_or_year(m, t)),
    (re.compile(rf"{_B}(?P<year>\d{{4}})-(?P<month>\d\d)-(?P<day>\d\d){_E}", re.A),
     lambda m, t: ({"when": v} if (v := iso(int(m["year"]), int(m["month"]), int(m["day"])))
                   else None)),
    (re.compile(rf"\b(?:from|between)\s+(?:{_A})\s+(?:to|and|until|till)\s+(?:{_Z}){_E}", _WORDS),
     lambda m, t: _range(m)),
    (re.compile(rf"{_B}(?P<y1>\d{{4}})\s?[-–—]\s?(?P<y2>\d{{4}}|\d{{2}}){_E}", re.A),
     lambda m, t: _year_range(m)),
    (re.compile(rf"\b(?P<season>{_SEASON_WORDS})(?:\s+of)?\s+(?P<year>\d{{4}}){_E}", _WORDS),
     lambda m, t: _season(m)),
    (re.compile(rf"\b(?P<part>{_PARTS})\s+of\s+(?:(?P<month>{MONTH})\s+)?(?P<year>\d{{4}}){_E}",
                _WORDS), lambda m, t: _year_part(m)),
    (re.compile(rf"\b(?P<part>early|late|mid)(?:-|\s+)(?:(?P<month>{MONTH})\s+)?"
                rf"(?P<year>\d{{4}}){_E}", _WORDS), lambda m, t: _year_part(m)),
]


def _single_or_year(m: re.Match[str], text: str) -> dict[str, str] | bool | None:
    found = _parts(m, "s_")
    return _bare_year(m, text) if found.keys() == {"year"} else _pick(m, "s_")


def _candidates(text: str) -> list[DateMatch]:
    found: list[DateMatch] = []
    for pattern, normalise in _PATTERNS:
        for m in pattern.finditer(text):
            attrs = normalise(m, text)
            if attrs is not False:
                found.append(DateMatch(m.start(), m.end(), m.group(), attrs or None))
    return found


def find_dates(text: str) -> list[DateMatch]:
    """Every date expression in ``text``, longest first where they overlap, in text order."""
    chosen: list[DateMatch] = []
    for match in sorted(_candidates(text), key=lambda d: (d.start, -(d.end - d.start))):
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen


def parse_date(text: str) -> dict[str, str] | None:
    """Normalise a string that is wholly one date; None if it is not one."""
    text = text.strip()
    matches = find_dates(text)
    if len(matches) == 1 and (matches[0].start, matches[0].end) == (0, len(text)):
        return matches[0].attrs
    return None
