"""The edition's metadata file (``source/edition.toml``): facts a transcription does not state.

Format: ``docs/edition-metadata.md``. Unknown keys are errors, so a typo never
silently drops a fact from the TEI header.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SourceError

METADATA_FILE = "edition.toml"


@dataclass(frozen=True)
class Bibl:
    """A bibliographic description (the online transcription or the printed source)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    editor: str | None = None
    translator: str | None = None
    volume: str | None = None
    publisher: str | None = None
    place: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class CorrespDate:
    """When a letter was sent or received: one ISO 8601 value, or the earliest and
    latest it can be (``notBefore``/``notAfter``, TEI Guidelines 13.4 att.datable)."""

    when: str | None = None
    not_before: str | None = None
    not_after: str | None = None

    def attrs(self) -> dict[str, str]:
        if self.when is not None:
            return {"when": self.when}
        return {"notBefore": self.not_before or "", "notAfter": self.not_after or ""}


@dataclass(frozen=True)
class Correspondence:
    """The facts of one act of correspondence, for ``profileDesc/correspDesc``
    (TEI Guidelines 2.4.6): who sent the letter, where and when; who received it."""

    senders: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    sent_place: str | None = None
    sent_date: CorrespDate | None = None
    received_place: str | None = None
    received_date: CorrespDate | None = None
    lines: dict[str, int | None] = field(default_factory=dict, compare=False)
    """The line of each key in edition.toml, for messages about its value."""


@dataclass(frozen=True)
class DocumentMeta:
    title: str | None = None
    """The editor's main title, over the heading the converter picked."""
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    """``author = "…"`` or a list of co-authors, in the order given."""
    language: str | None = None
    transcription: Bibl = field(default_factory=Bibl)
    printed: Bibl | None = None
    correspondence: Correspondence | None = None
    """``sender``, ``addressee``, ``sent-*``, ``received-*``: a letter's correspDesc."""
    line: int | None = None
    """The line of the ``[documents.NAME]`` table in edition.toml, for messages."""


@dataclass(frozen=True)
class EditionMeta:
    title: str = "A TEI edition"
    publisher: str = "Unknown publisher"
    licence: str | None = None
    licence_url: str | None = None
    language: str = "en"
    editors: tuple[str, ...] = ()
    tei_all: Path | None = None
    documents: dict[str, DocumentMeta] = field(default_factory=dict)
    path: Path | None = None

    def document(self, name: str) -> DocumentMeta:
        return self.documents.get(name, DocumentMeta())

    def unknown_documents(self, names: Iterable[str]) -> list[SourceError]:
        """One error per ``[documents.NAME]`` whose NAME is none of ``names`` (a typo
        there would otherwise drop the document's facts without a word)."""
        known = sorted(set(names))
        folder = self.path.parent if self.path else Path(".")
        return [
            SourceError(f"[documents.{name}]: {missing_transcription(name, known, folder)}",
                        self.path, meta.line)
            for name, meta in self.documents.items()
            if name not in known
        ]


def missing_transcription(name: str, known: Iterable[str], folder: Path) -> str:
    """What to say about a document NAME that has no ``NAME.txt``: the closest name."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    hint = (f"did you mean {close[0]!r}?" if close
            else "correct the name, or remove the entry if the document is gone")
    return f"no transcription {name}.txt in {folder}/; {hint}"


# ``author`` (one name or a list) is read into ``authors``.
_BIBL_KEYS = ({f.replace("_", "-") for f in Bibl.__dataclass_fields__} - {"authors"}) | {"author"}
_CORRESP_KEYS = ("sender", "addressee", "sent-place", "sent-date", "received-place",
                 "received-date")
_DOC_KEYS = {"title", "subtitle", "author", "language", "transcription", "printed",
             *_CORRESP_KEYS}
_EDITION_KEYS = {"title", "publisher", "licence", "licence-url", "language", "editors", "tei-all"}


def _check_keys(
    table: dict[str, Any], allowed: set[str], where: str, path: Path, line: int | None = None
) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise SourceError(
            f"unknown key {unknown[0]!r} in [{where}]; allowed keys: {', '.join(sorted(allowed))}",
            path, line,
        )


def _text(value: object, key: str, where: str, path: Path, line: int | None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourceError(f"{key} in [{where}] must be a non-empty string, not {value!r}",
                          path, line)
    return value


def _authors(
    value: object, where: str, path: Path, line: int | None, key: str = "author"
) -> tuple[str, ...]:
    """``author = "A"`` or ``author = ["A", "B"]`` (co-authors); also ``sender``,
    ``addressee``."""
    values = value if isinstance(value, list) else [value]
    if not values:
        raise SourceError(f"{key} in [{where}] is an empty list; leave the key out instead",
                          path, line)
    return tuple(" ".join(_text(v, key, where, path, line).split()) for v in values)


_ISO_DATE = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")


def _iso_bounds(value: str) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day an ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` can mean;
    None when it is not one of these or names no real day (``1849-02-30``)."""
    m = _ISO_DATE.fullmatch(value)
    if not m:
        return None
    try:
        year = int(m["y"])
        if m["d"]:
            day = datetime.date(year, int(m["m"]), int(m["d"]))
            return day, day
        first, last = (int(m["m"]),) * 2 if m["m"] else (1, 12)
        return (datetime.date(year, first, 1),
                datetime.date(year, last, calendar.monthrange(year, last)[1]))
    except ValueError:  # month 13, day 30 of February, year 0000
        return None


def _iso(value: object, key: str, where: str, path: Path, line: int | None) -> str:
    """One ISO 8601 date: a TOML date (``1849-05-03`` unquoted) or a string of one."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and _iso_bounds(value.strip()):
        return value.strip()
    hint = ""
    shown = value.isoformat() if isinstance(value, datetime.date | datetime.time) else repr(value)
    if isinstance(value, str) and "/" in value:
        first, _, last = value.partition("/")
        hint = f'; write a range as a list: {key} = ["{first.strip()}", "{last.strip()}"]'
    elif isinstance(value, datetime.datetime | datetime.time):
        hint = "; give the day without a time"
    raise SourceError(
        f"{key} in [{where}] must be an ISO 8601 date that names a real day, month or year "
        f"(YYYY-MM-DD, YYYY-MM or YYYY, e.g. 1849-05-03), or a list [earliest, latest] of "
        f"two; not {shown}{hint}", path, line)


def _corresp_date(value: object, key: str, where: str, path: Path,
                  line: int | None) -> CorrespDate:
    """``1849-05-03``, ``"1849-05"``, ``"1849"`` or ``["1848-03-21", "1848-03-24"]``."""
    if not isinstance(value, list):
        return CorrespDate(when=_iso(value, key, where, path, line))
    if len(value) != 2:
        raise SourceError(f"{key} in [{where}] is a list of {len(value)}; a range is a list "
                          'of two, the earliest and the latest date: ["1848-03-21", '
                          '"1848-03-24"]', path, line)
    earliest, latest = (_iso(v, key, where, path, line) for v in value)
    # The earliest day the first value can mean must not be after the last day the
    # second can mean (as the date-order rule checks notBefore/notAfter).
    first, last = _iso_bounds(earliest), _iso_bounds(latest)
    if first and last and first[0] > last[1]:
        raise SourceError(f"{key} in [{where}]: {earliest} is after {latest}; give the "
                          "earliest date first", path, line)
    return CorrespDate(not_before=earliest, not_after=latest)


def _correspondence(table: dict[str, Any], where: str, path: Path,
                    lines: dict[str, int | None]) -> Correspondence | None:
    """The correspDesc keys of a document table; None when it has none."""
    if not any(key in table for key in _CORRESP_KEYS):
        return None
    names = {key: _authors(table[key], where, path, lines[key], key)
             for key in ("sender", "addressee") if key in table}
    places = {key: " ".join(_text(table[key], key, where, path, lines[key]).split())
              for key in ("sent-place", "received-place") if key in table}
    dates = {key: _corresp_date(table[key], key, where, path, lines[key])
             for key in ("sent-date", "received-date") if key in table}
    return Correspondence(
        senders=names.get("sender", ()),
        addressees=names.get("addressee", ()),
        sent_place=places.get("sent-place"),
        sent_date=dates.get("sent-date"),
        received_place=places.get("received-place"),
        received_date=dates.get("received-date"),
        lines=lines,
    )


def _bibl(table: dict[str, Any], where: str, path: Path, line: int | None) -> Bibl:
    _check_keys(table, _BIBL_KEYS, where, path, line)
    fields: dict[str, Any] = {}
    for key, value in table.items():
        if key == "author":
            fields["authors"] = _authors(value, where, path, line)
        else:
            fields[key.replace("-", "_")] = str(value)
    return Bibl(**fields)


# A table header of one document: [documents.NAME], [documents."NAME"] or a subtable.
_DOC_HEADER = re.compile(
    r"""^\s*\[\s*documents\s*\.\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<bare>[\w-]+))\s*[.\]]"""
)


_KEY = re.compile(r"""^\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<bare>[\w-]+))\s*=""")
_PART = r"""(?:[\w-]+|"[^"]*"|'[^']*')"""
_ANY_HEADER = re.compile(rf"^\s*\[\[?\s*{_PART}(?:\s*\.\s*{_PART})*\s*\]\]?\s*(?:#.*)?$")


def _name(m: re.Match[str]) -> str:
    return next(g for g in (m["q"], m["s"], m["bare"]) if g is not None)


def _document_lines(raw: str) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """The line of each document's first table header, and of each key in its own
    ``[documents.NAME]`` table (tomllib gives no positions; only messages use them)."""
    lines: dict[str, int] = {}
    keys: dict[tuple[str, str], int] = {}
    table: str | None = None  # the document whose own table this line is in
    for number, line in enumerate(raw.split("\n"), start=1):
        if m := _DOC_HEADER.match(line):
            lines.setdefault(_name(m), number)
            table = _name(m) if m.group().endswith("]") else None
        elif _ANY_HEADER.match(line):
            table = None
        elif table is not None and (k := _KEY.match(line)):
            keys.setdefault((table, _name(k)), number)
    return lines, keys


def load(path: str | Path) -> EditionMeta:
    """Load ``edition.toml``; a missing file gives default metadata."""
    path = Path(path)
    if not path.exists():
        return EditionMeta()
    try:
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"not valid TOML: {exc}", path) from None
    _check_keys(data, {"edition", "documents"}, "top level", path)
    edition = dict(data.get("edition", {}))
    _check_keys(edition, _EDITION_KEYS, "edition", path)
    lines, key_lines = _document_lines(raw)
    documents = {}
    for name, table in data.get("documents", {}).items():
        where, line = f"documents.{name}", lines.get(name)
        if not isinstance(table, dict):
            raise SourceError(f"documents.{name} must be a table: [documents.{name}]", path, line)
        _check_keys(table, _DOC_KEYS, where, path, line)
        corresp_lines = {key: key_lines.get((name, key), line) for key in _CORRESP_KEYS}
        text = {key: _text(table[key], key, where, path, line)
                for key in ("title", "subtitle", "language") if key in table}
        documents[name] = DocumentMeta(
            title=text.get("title"),
            subtitle=text.get("subtitle"),
            authors=_authors(table["author"], where, path, line) if "author" in table else (),
            language=text.get("language"),
            transcription=_bibl(table.get("transcription", {}), where + ".transcription", path,
                                line),
            printed=_bibl(table["printed"], where + ".printed", path, line)
            if "printed" in table
            else None,
            correspondence=_correspondence(table, where, path, corresp_lines),
            line=line,
        )
    tei_all = edition.pop("tei-all", None)
    return EditionMeta(
        title=edition.get("title", EditionMeta.title),
        publisher=edition.get("publisher", EditionMeta.publisher),
        licence=edition.get("licence"),
        licence_url=edition.get("licence-url"),
        language=edition.get("language", "en"),
        editors=tuple(edition.get("editors", ())),
        tei_all=(path.parent / tei_all) if tei_all else None,
        documents=documents,
        path=path,
    )
