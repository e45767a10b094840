"""English date expressions and their ISO 8601 normalisation.

:func:`parse_date` reads a whole string (the date line of a transcription);
:func:`find_dates` finds date expressions in running text. Both return the TEI
dating attributes (att.datable.w3c): ``when``, ``from``/``to`` or
``notBefore``/``notAfter``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = (
    r"(?P<{}>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
)
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>\d{{4}})"


def _m(name: str) -> str:
    return _MONTH.format(name)


def _d(name: str) -> str:
    return _DAY.format(name)


def _y(name: str) -> str:
    return _YEAR.format(name)


# Whole-string forms of a single date, most specific first.
_SINGLE = [
    re.compile(rf"{_m('month')}\s+{_d('day')},?\s+{_y('year')}"),  # November 29, 1920
    re.compile(
        rf"(?:the\s+)?{_d('day')}\s+(?:of\s+)?{_m('month')},?\s+{_y('year')}"
    ),  # 29 November 1920
    re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)"),  # 1920-11-29
    re.compile(rf"{_m('month')},?\s+{_y('year')}"),  # November 1920
    re.compile(_y("year")),  # 1920
]


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 for a (possibly partial) date, or None when it does not exist."""
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat()
        if month is not None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    except ValueError:
        return None
    return f"{year:04d}"


def _month_number(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.rstrip(".").lower()]


def parse_date(text: str) -> dict[str, str] | None:
    """Normalise a string that is wholly one date; None if it is not one."""
    text = text.strip()
    for pattern in _SINGLE:
        m = pattern.fullmatch(text)
        if not m:
            continue
        groups = m.groupdict()
        year = int(groups["year"])
        month = _month_number(groups["month"]) if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
        value = iso(year, month, day)
        return {"when": value} if value else None
    return None
