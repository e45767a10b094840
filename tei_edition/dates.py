"""Date expressions and their ISO 8601 normalisation.

:func:`parse_date_line` reads a transcription's date line — a date, perhaps with the
place it was written at, in any shipped language (``Wien, den 3. Mai 1849``, ``[c.
1848]``, ``n.d.``); :func:`parse_date` is its older, English-only form. :func:`find_dates`
finds every English date expression in running text. All give the TEI dating attributes
of att.datable.w3c (TEI Guidelines 3.6.4, 13.4): ``when`` for a day, month or year;
``from``/``to`` for a period; ``notBefore``/``notAfter`` for a point known only to lie
within bounds ("between March 21 and 24"), a season or a part of a year, whose bounds
are conventions:

- seasons (northern hemisphere, meteorological): spring Mar–May, summer Jun–Aug,
  autumn/fall Sep–Nov, winter 1 Dec of the year to the end of February of the next;
- parts of a year: beginning/start of Q1, middle of Apr–Sep, end of Q4, early
  Jan–Apr, late Sep–Dec, first half Jan–Jun, second half Jul–Dec; of a month:
  beginning/early days 1–10, middle 11–20, end/late 21–last.

A bare number is a year only in ``YEAR_RANGE`` and not when it reads as a page,
volume or issue number, a part of a larger number, or a count of something
(``1500 men``) without a preposition of time before it.

The words of each language (months, weekdays, "c.", "n.d." …) are data, in
``data/months.toml``; docs/transcription-format.md ("Date lines") lists the forms.
Every pattern is anchored or bounded (no nested quantifiers, bounded runs of spaces in
date lines), so recognition is linear in the length of the text.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

YEAR_RANGE = range(1500, 2100)


def _load_languages() -> dict[str, dict[str, Any]]:
    text = resources.files(__package__).joinpath("data/months.toml").read_text("utf-8")
    tables = tomllib.loads(text)
    for code, table in tables.items():
        if len(table["months"]) != 12:
            raise ValueError(f"data/months.toml: [{code}] must list 12 months")
    return tables


_LANGUAGE_DATA = _load_languages()
LANGUAGES: tuple[str, ...] = tuple(_LANGUAGE_DATA)
"""The languages whose date words ship in ``data/months.toml``."""

_EN = _LANGUAGE_DATA["en"]
MONTHS = {name.lower(): i for i, names in enumerate(_EN["months"], 1) for name in names}

_MONTH_NAMES = sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)
# Patterns are ASCII (re.A): digits are 0-9, so other scripts' digits are never read as
# years. "May" the verb and "Mar"/"Jan" as words are only months next to a day or year, which
# every pattern below requires.
MONTH = r"(?:" + "|".join(_MONTH_NAMES) + r")(?:\.(?!\w))?"
_EN_SUFFIXES = "|".join(sorted(_EN["day_suffixes"], key=len, reverse=True))
DAY = rf"(?:[12]\d|3[01]|0?[1-9])(?:{_EN_SUFFIXES})?"
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

Attrs = dict[str, str]


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    attrs: Attrs | None
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


def _span(year: int, first_month: int, last_month: int) -> Attrs | None:
    if year < 1:
        return None
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    return {"notBefore": f"{year:04d}-{first_month:02d}-01",
            "notAfter": f"{end_year:04d}-{end_month:02d}-{_last_day(end_year, end_month):02d}"}


def _season_attrs(season: str, year: int) -> Attrs | None:
    first, last = SEASONS[season.lower()]
    return _span(year, first, last)


def _part_attrs(part: str, year: int, month: int | None) -> Attrs | None:
    part = " ".join(part.lower().replace("-", " ").split())
    if month is not None:
        if year < 1:
            return None
        first, last = MONTH_PARTS[part]
        last = min(last, _last_day(year, month))
        return {"notBefore": f"{year:04d}-{month:02d}-{first:02d}",
                "notAfter": f"{year:04d}-{month:02d}-{last:02d}"}
    if part not in YEAR_PARTS:
        return None
    first, last = YEAR_PARTS[part]
    return _span(year, first, last)


def _bounds(start: str | None, end: str | None, kind: str) -> Attrs | None:
    """A range's attributes: ``from``/``to`` for a period, ``notBefore``/``notAfter`` for
    a point somewhere within it ("between … and …")."""
    # ISO strings of mixed precision still compare in time order ("1920" < "1920-05").
    if not start or not end or end <= start:
        return None
    names = ("notBefore", "notAfter") if kind == "between" else ("from", "to")
    return {names[0]: start, names[1]: end}


def _full_year(first: str, last: str) -> str:
    """``1848–49``: a two-digit end year takes the century of the first."""
    return first[:2] + last if len(last) == 2 else last


def _range_ends(g: dict[str, str | None], month: Callable[[str], int]
                ) -> tuple[str | None, str | None]:
    """Start and end ISO dates of a range whose parts are named y/y1/y2, m/m1/m2, d1/d2."""
    y1, y2 = g.get("y1") or g["y"], g.get("y2") or g["y"]
    if y1 is None or y2 is None:
        return None, None
    y2 = _full_year(y1, y2)
    m1, m2 = g.get("m1") or g.get("m"), g.get("m2") or g.get("m")
    d1, d2 = g.get("d1"), g.get("d2")
    return (iso(int(y1), month(m1) if m1 else None, _day(d1) if d1 else None),
            iso(int(y2), month(m2) if m2 else None, _day(d2) if d2 else None))


# Ranges, written once for running text and date lines: {M} month, {D} day, {Y} year,
# {W} a space, {C} comma and/or space, {OF} "of"/"de" (optional), {YP} "de" before a
# year (optional), {J} the joiner (a dash, "to", "and" …).
_RANGE_TEMPLATES = [
    "(?P<m>{M}){W}(?P<d1>{D}){J}(?P<d2>{D}){C}{YP}(?P<y>{Y})",  # March 21–24, 1848
    "(?P<d1>{D}){J}(?P<d2>{D}){W}{OF}(?P<m>{M}){C}{YP}(?P<y>{Y})",  # 21–24 March 1848
    "(?P<m1>{M}){W}(?P<d1>{D}){J}(?P<m2>{M}){W}(?P<d2>{D}){C}{YP}(?P<y>{Y})",
    "(?P<d1>{D}){W}{OF}(?P<m1>{M}){J}(?P<d2>{D}){W}{OF}(?P<m2>{M}){C}{YP}(?P<y>{Y})",
    "(?P<m1>{M}){J}(?P<m2>{M}){C}{YP}(?P<y>{Y})",  # March–April 1848
]


def _renamed(pattern: str, prefix: str) -> str:
    """Give each alternative's groups distinct names (Python needs unique group names)."""
    counts = {"year": 0, "month": 0, "day": 0}

    def rename(m: re.Match[str]) -> str:
        counts[m[1]] += 1
        return f"(?P<{prefix}{m[1]}{counts[m[1]]}>"

    return re.sub(r"\(\?P<(year|month|day)>", rename, pattern)


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made plain groups, to embed it in a larger one."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# -- running text (English) ---------------------------------------------------------

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


def _pick(m: re.Match[str], prefix: str) -> str | None:
    """ISO value of the single date matched by the groups named with ``prefix``."""
    found = _parts(m, prefix)
    return iso(int(found["year"]), _month(found["month"]) if "month" in found else None,
               _day(found["day"]) if "day" in found else None)


def _when(value: str | None) -> Attrs | None:
    return {"when": value} if value else None


def _bare_year(m: re.Match[str], text: str) -> Attrs | bool | None:
    year = int(m.group())
    if year not in YEAR_RANGE:
        return False
    before = text[max(0, m.start() - 20) : m.start()]
    if _NOT_YEAR_BEFORE.search(before):
        return False
    if _PLURAL_NOUN_AFTER.match(text, m.end()) and not _TIME_PREPOSITION.search(before):
        return False
    return {"when": f"{year:04d}"}


def _single_or_year(m: re.Match[str], text: str) -> Attrs | bool | None:
    found = _parts(m, "s_")
    return _bare_year(m, text) if found.keys() == {"year"} else _when(_pick(m, "s_"))


def _year_range(m: re.Match[str]) -> Attrs | None:
    first, last = m["y1"], _full_year(m["y1"], m["y2"])
    if int(last) <= int(first) or int(first) < 1:
        return None
    return {"from": first, "to": last}


_SEASON_WORDS = "|".join(SEASONS)
_PARTS = r"beginning|start|end|middle|first\s+half|second\s+half"
_BODY_TOKENS = {"M": MONTH, "D": DAY, "Y": YEAR, "W": r"\s+", "C": r",?\s+",
                "OF": r"(?:of\s+)?", "YP": ""}
# (prefix, joiner, kind) of a range in running text.
_BODY_JOINERS = [("", r"\s?[-–—]\s?", "from"),
                 (r"\bfrom\s+", r"\s+(?:to|until|till)\s+", "from"),
                 (r"\bbetween\s+", r"\s+and\s+", "between")]


def _body_range(kind: str) -> Callable[[re.Match[str], str], Attrs | None]:
    return lambda m, t: _bounds(*_range_ends(m.groupdict(), _month), kind)


def _body_pair(kind: str) -> Callable[[re.Match[str], str], Attrs | None]:
    return lambda m, t: _bounds(_pick(m, "a_"), _pick(m, "z_"), kind)


# (pattern, normaliser) pairs; a normaliser returns attrs, None (a date that does not
# exist: tagged without attributes) or False (not a date after all).
_WORDS = re.I | re.A  # case-insensitive words, ASCII digits

_PATTERNS: list[tuple[re.Pattern[str], Callable[..., Attrs | bool | None]]] = [
    (re.compile(rf"{_B}{_S}{_E}", re.A), _single_or_year),
    (re.compile(rf"{_B}(?P<year>\d{{4}})-(?P<month>\d\d)-(?P<day>\d\d){_E}", re.A),
     lambda m, t: _when(iso(int(m["year"]), int(m["month"]), int(m["day"])))),
    (re.compile(rf"\bfrom\s+(?:{_A})\s+(?:to|until|till)\s+(?:{_Z}){_E}", _WORDS),
     _body_pair("from")),
    (re.compile(rf"\bbetween\s+(?:{_A})\s+and\s+(?:{_Z}){_E}", _WORDS), _body_pair("between")),
    (re.compile(rf"{_B}(?P<y1>\d{{4}})\s?[-–—]\s?(?P<y2>\d{{4}}|\d{{2}}){_E}", re.A),
     lambda m, t: _year_range(m)),
    (re.compile(rf"\b(?P<season>{_SEASON_WORDS})(?:\s+of)?\s+(?P<year>\d{{4}}){_E}", _WORDS),
     lambda m, t: _season_attrs(m["season"], int(m["year"]))),
    (re.compile(rf"\b(?P<part>{_PARTS})\s+of\s+(?:(?P<month>{MONTH})\s+)?(?P<year>\d{{4}}){_E}",
                _WORDS),
     lambda m, t: _part_attrs(m["part"], int(m["year"]), _month(m["month"]) if m["month"]
                              else None)),
    (re.compile(rf"\b(?P<part>early|late|mid)(?:-|\s+)(?:(?P<month>{MONTH})\s+)?"
                rf"(?P<year>\d{{4}}){_E}", _WORDS),
     lambda m, t: _part_attrs(m["part"], int(m["year"]), _month(m["month"]) if m["month"]
                              else None)),
    # Day and month ranges ("March 21–24, 1848"); month names stay case-sensitive (re.A).
    *((re.compile(prefix + _B + template.format(**_BODY_TOKENS, J=joiner) + _E, re.A),
       _body_range(kind))
      for template in _RANGE_TEMPLATES for prefix, joiner, kind in _BODY_JOINERS),
]


# Every pattern needs a year, four ASCII digits: text without one is not searched. A
# pattern that starts with a word ("from", "between", a season, a part of a year) is not
# run over text that lacks that word (lower-cased: a superset of what re.I|re.A matches).
_YEAR_DIGITS = re.compile(r"\d{4}", re.A)
_LEADING_WORDS = {r"\bfrom": ("from",), r"\bbetween": ("between",),
                  r"\b(?P<season>": tuple(SEASONS),
                  r"\b(?P<part>beginning": ("beginning", "start", "end", "middle", "half"),
                  r"\b(?P<part>early": ("early", "late", "mid")}
_RUN = [(pattern, normalise,
         next((words for start, words in _LEADING_WORDS.items()
               if pattern.pattern.startswith(start)), ()))
        for pattern, normalise in _PATTERNS]


def _candidates(text: str) -> list[DateMatch]:
    found: list[DateMatch] = []
    if not _YEAR_DIGITS.search(text):
        return found
    lowered = text.lower()
    for pattern, normalise, words in _RUN:
        if words and not any(word in lowered for word in words):
            continue
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


def parse_date(text: str) -> Attrs | None:
    """Normalise a string that is wholly one English date; None if it is not one."""
    text = text.strip()
    matches = find_dates(text)
    if len(matches) == 1 and (matches[0].start, matches[0].end) == (0, len(text)):
        return matches[0].attrs
    return None


# -- date lines (every shipped language) ---------------------------------------------


@dataclass(frozen=True)
class DateLine:
    """A one-line block that is wholly a (place and) date: ``place + separator + date``."""

    place: str | None
    """Leading place text exactly as written ("Springfield, Ills."); None: no place."""
    separator: str
    """Text between place and date exactly as written (", ", ", den "); "" with no place."""
    date: str
    """The date exactly as written, brackets, "c." and "?" included ("[March 1848]")."""
    attrs: Attrs
    """TEI attributes for ``date``: when | from+to | notBefore+notAfter, plus precision
    (approximate: "c."), cert (queried: "?") and evidence (a queried supplied date);
    {} for an undated paper."""
    supplied: bool
    """The editor supplied the date: it stands in square brackets."""
    undated: bool
    """"n.d.", "[undated]", "s.d.", "o.D." …: a date element with no dating attributes."""


_MAX_LINE = 200  # a date line is short; longer lines are refused before any matching
_SP = r"[ \t\u00a0]"
_W = _SP + "{1,3}"
_W0 = _SP + "{0,3}"
_PLACE_REFUSES = re.compile(r"[\d\[\]{}?!;:\"“”„«»]")


def _word(word: str) -> str:
    """A literal word or phrase: a space stands for 1–3 spaces, a full stop inside may be
    followed by one ("o. D."), and a word ending in a letter must end there."""
    out = []
    for i, ch in enumerate(word):
        if ch == " ":
            out.append(_W)
        elif ch == "." and i < len(word) - 1:
            out.append(r"\." + _SP + "?")
        else:
            out.append(re.escape(ch))
    return "".join(out) + (r"(?!\w)" if word[-1].isalnum() else "")


def _alt(words: Iterable[str]) -> str:
    """One alternation of words, longest first; never matches when there are none."""
    unique = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(_word(w) for w in unique) + ")" if unique else "(?!)"


class _Alternatives:
    """Alternatives of one regex, each in a named group of its own: one match tells
    which alternative matched and its parts, with no second matching."""

    def __init__(self, alternatives: Sequence[tuple[str, str]], tag: str) -> None:
        self.read_as: list[tuple[str, str, list[tuple[str, str]]]] = []
        parts = []
        for i, (pattern, kind) in enumerate(alternatives):
            key = f"{tag}{i}"
            names = re.findall(r"\(\?P<(\w+)>", pattern)
            parts.append(f"(?P<{key}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<{key}_\1>", pattern)
                         + ")")
            self.read_as.append((key, kind, [(f"{key}_{n}", n) for n in names]))
        self.pattern = "(?:" + "|".join(parts) + ")"

    def read(self, found: re.Match[str]) -> tuple[str, dict[str, str | None]]:
        for key, kind, names in self.read_as:
            if found.group(key) is not None:
                return kind, {short: found.group(full) for full, short in names}
        raise AssertionError("no alternative matched")


@dataclass(frozen=True)
class _Grammar:
    search: re.Pattern[str]  # [separator] date \Z, found once from the left
    cores: _Alternatives  # what the date's core is (in the search pattern)
    singles: re.Pattern[str]  # one single date, for each end of "from <date> to <date>"
    single_parts: _Alternatives
    months: dict[str, int]


@cache
def _grammar(languages: tuple[str, ...]) -> _Grammar:
    """The date-line grammar for these languages (compiled once per selection)."""
    tables = [_LANGUAGE_DATA[code] for code in languages]

    def words(key: str) -> list[str]:
        return [w for t in tables for w in t[key]]

    def pairs(key: str, i: int) -> list[str]:
        return [p[i] for t in tables for p in t[key]]

    months: dict[str, int] = {}
    for code, table in zip(languages, tables, strict=True):
        for number, names in enumerate(table["months"], 1):
            for name in names:
                if months.setdefault(name.lower(), number) != number:
                    raise ValueError(f"data/months.toml: [{code}] {name!r} names another "
                                     "month in another language")
    # A month name (abbreviations may carry a full stop), a day, a year.
    m = "(?:" + "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    m += r")\.?(?!\w)"
    suffixes = _alt(words("day_suffixes"))
    d = rf"(?:[12][0-9]|3[01]|0?[1-9])(?:{_SP}?{suffixes})?(?![0-9])"
    y = rf"[0-9]{{4}}(?![0-9])(?:{_W0}{_alt(words('year_suffixes'))})?"
    art = rf"(?:{_alt(words('articles'))}{_W})?"
    weekday = rf"(?:{_alt(words('weekdays'))}\.?,?{_W})?"
    tokens = {"M": m, "D": d, "Y": y, "W": _W, "C": rf"(?:,{_W0}|{_W})",
              "OF": rf"(?:{_alt(words('of'))}{_W})?",
              "YP": rf"(?:{_alt(words('year_prefixes'))}{_W})?"}
    t = tokens
    singles = [
        (r"(?P<y>[0-9]{4})-(?P<mn>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])", "single"),
        # 3.5.1849: day.month.year, the order of every language that writes dots.
        (rf"(?P<d>[0-9]{{1,2}})\.{_SP}?(?P<mn>[0-9]{{1,2}})\.{_SP}?(?P<y>[0-9]{{4}})(?![0-9])",
         "single"),
        (rf"{art}(?P<m>{m}){_W}(?P<d>{d}){t['C']}(?P<y>{y})", "single"),
        (rf"{art}(?P<d>{d}){_W}{t['OF']}(?P<m>{m}){t['C']}{t['YP']}(?P<y>{y})", "single"),
        (rf"{art}(?P<m>{m}){t['C']}{t['YP']}(?P<y>{y})", "single"),
        (rf"(?P<y>{y})", "single"),
    ]
    single = "(?:" + "|".join(_unnamed(p) for p, _ in singles) + ")"
    # One joiner for every range: a dash or a language's "to"/"and"; an opening "between"
    # makes the range a point within bounds (notBefore/notAfter), else it is a period.
    opener = (rf"(?:(?P<between>{_alt(pairs('between', 0))})"
              rf"|{_alt(pairs('from', 0))}){_W}")
    joiner = (rf"(?:{_W0}[-–—]{_W0}"
              rf"|{_W}{_alt(pairs('from', 1) + pairs('between', 1))}{_W})")
    year_range = "(?P<y1>[0-9]{{4}}){J}(?P<y2>[0-9]{{4}}|[0-9]{{2}})(?![0-9])"
    ranges = [(f"(?:{opener})?" + template.format(**tokens, J=joiner), "range")
              for template in [*_RANGE_TEMPLATES, year_range]]
    # Two whole dates ("from May 3, 1849 to June 1850") only after an opening word: with
    # a dash alone, two dates are already a range above.
    ranges.append((f"{opener}(?P<a>{single}){joiner}(?P<b>{single})", "range"))
    english = []
    if "en" in languages:  # seasons and parts of a year are English words
        english = [
            (rf"(?P<season>{_SEASON_WORDS})(?:{_W}of)?{_W}(?P<y>{y})", "season"),
            (rf"(?:the{_W})?(?P<part>beginning|start|end|middle|first{_W}half|second{_W}half)"
             rf"{_W}of{_W}(?:(?P<m>{m}){_W})?(?P<y>{y})", "part"),
            (rf"(?P<part>early|late|mid)(?:-|{_W})(?:(?P<m>{m}){_W})?(?P<y>{y})", "part"),
        ]
    # A weekday may stand before a single date: "Monday, May 3, 1849".
    cores = _Alternatives([(weekday + p, kind) for p, kind in singles[2:4]]
                          + [*singles[:2], *singles[4:], *ranges, *english], "c")
    circa = "(?:" + "|".join(_word(w) + (_W0 if w.endswith(".") else _W)
                             for w in sorted(set(words("circa")), key=len, reverse=True)) + ")"
    separator = rf",{_W0}{art}|{_W}{_alt(words('articles'))}{_W}"
    date_line = (
        rf"(?P<sep>{separator})?(?<!\w)"
        rf"(?P<date>(?P<open>\[)?"
        rf"(?:(?P<undated>{_alt(words('undated'))})|(?P<circa>{circa})?(?P<core>{cores.pattern})"
        rf"(?P<q1>{_SP}?\?)?)"
        rf"(?P<close>\])?(?P<q2>{_SP}?\?)?(?P<stop>\.)?)\Z"
    )
    single_parts = _Alternatives(singles, "s")
    return _Grammar(re.compile(date_line, re.I), cores,
                    re.compile(single_parts.pattern, re.I), single_parts, months)


def _core_attrs(grammar: _Grammar, kind: str, g: dict[str, str | None]) -> Attrs | None:
    """The attributes of a date's core (no brackets or qualifiers); None: no real date."""
    def month(name: str) -> int:
        return grammar.months[name.rstrip(".").lower()]

    def year(value: str | None) -> int:
        return int(value[:4])  # type: ignore[index]  # without "г."

    if kind == "single":
        mon = int(g["mn"]) if g.get("mn") else month(g["m"]) if g.get("m") else None
        return _when(iso(year(g["y"]), mon, _day(g["d"]) if g.get("d") else None))
    if kind == "season":
        return _season_attrs(g["season"], year(g["y"]))  # type: ignore[arg-type]
    if kind == "part":
        return _part_attrs(g["part"], year(g["y"]),  # type: ignore[arg-type]
                           month(g["m"]) if g["m"] else None)
    kind = "between" if g.get("between") else "from"
    if g.get("a") is not None:  # two whole dates
        ends = []
        for key in ("a", "b"):
            found = grammar.singles.fullmatch(g[key])  # type: ignore[arg-type]
            attrs = found and _core_attrs(grammar, *grammar.single_parts.read(found))
            ends.append(attrs["when"] if attrs else None)
        return _bounds(*ends, kind)
    if g.get("y"):
        g["y"] = g["y"][:4]  # type: ignore[index]
    return _bounds(*_range_ends(g, month), kind)


def _place_ok(place: str) -> bool:
    """A place is short, begins with a capital and has no digits or sentence marks."""
    return (place[0].isupper() and len(place.split()) <= 6
            and not _PLACE_REFUSES.search(place))


def parse_date_line(text: str, languages: Sequence[str] = LANGUAGES) -> DateLine | None:
    """A one-line block that is wholly a (place and) date, else None.

    ``place + separator + date == text``.  ``languages`` (ISO 639-1 codes of
    ``data/months.toml``) narrows the word lists tried; by default all are, since a line
    that is wholly a date is context enough.  The text is taken as it is: a line with
    spaces around it is refused (strip it first).
    """
    if not text or len(text) > _MAX_LINE or text != text.strip():
        return None
    unknown = [code for code in languages if code not in _LANGUAGE_DATA]
    if unknown or not languages:
        raise ValueError(f"no date words for {unknown or 'no language'}; "
                         f"shipped: {', '.join(LANGUAGES)}")
    grammar = _grammar(tuple(dict.fromkeys(languages)))
    # One leftmost search for "[separator] date" anchored at the end: the place is what
    # comes before it, however many commas it has, without trying every split point.
    found = grammar.search.search(text)
    if not found:
        return None
    place, separator = text[: found.start()] or None, found["sep"] or ""
    if (place is None) != (separator == "") or (place and not _place_ok(place)):
        return None
    supplied = found["open"] is not None
    if supplied != (found["close"] is not None) or (found["q1"] and found["q2"]):
        return None
    if found["undated"]:
        return DateLine(place, separator, found["date"], {}, supplied, True)
    core = found["core"]
    attrs = _core_attrs(grammar, *grammar.cores.read(found))
    if attrs is None:
        return None
    plain = not (supplied or found["circa"] or found["q1"] or found["q2"] or place)
    if plain and core.isdigit() and int(core) not in YEAR_RANGE:
        return None  # a lone number is a year only where years are expected
    if found["circa"]:
        # "c. 1848" is approximate, not doubtful: att.dimensions/@precision (21.2),
        # rather than bounds nobody wrote down.
        attrs["precision"] = "low"
    if found["q1"] or found["q2"]:
        attrs["cert"] = "medium"  # queried: att.global.responsibility/@cert (1.3.1.1.4, 21.1)
        if supplied:
            attrs["evidence"] = "conjecture"  # att.editLike: the editor's guess
    return DateLine(place, separator, found["date"], attrs, supplied, False)
