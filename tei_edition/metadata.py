"""The edition's metadata file (``source/edition.toml``): facts a transcription does not state.

Format: ``docs/edition-metadata.md``. Unknown keys are errors, so a typo never
silently drops a fact from the TEI header.
"""

from __future__ import annotations

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
class DocumentMeta:
    title: str | None = None
    """The editor's main title, over the heading the converter picked."""
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    """``author = "…"`` or a list of co-authors, in the order given."""
    language: str | None = None
    transcription: Bibl = field(default_factory=Bibl)
    printed: Bibl | None = None
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
_DOC_KEYS = {"title", "subtitle", "author", "language", "transcription", "printed"}
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


def _authors(value: object, where: str, path: Path, line: int | None) -> tuple[str, ...]:
    """``author = "A"`` or ``author = ["A", "B"]`` (co-authors)."""
    values = value if isinstance(value, list) else [value]
    if not values:
        raise SourceError(f"author in [{where}] is an empty list; leave the key out instead",
                          path, line)
    return tuple(_text(v, "author", where, path, line) for v in values)


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


def _document_lines(raw: str) -> dict[str, int]:
    """The line of each document's first table header (tomllib gives no positions)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), start=1):
        m = _DOC_HEADER.match(line)
        if m:
            name = next(g for g in (m["q"], m["s"], m["bare"]) if g is not None)
            lines.setdefault(name, number)
    return lines


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
    lines = _document_lines(raw)
    documents = {}
    for name, table in data.get("documents", {}).items():
        where, line = f"documents.{name}", lines.get(name)
        if not isinstance(table, dict):
            raise SourceError(f"documents.{name} must be a table: [documents.{name}]", path, line)
        _check_keys(table, _DOC_KEYS, where, path, line)
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
