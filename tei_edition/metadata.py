"""The edition's metadata file (``source/edition.toml``): facts a transcription does not state.

Format: ``docs/edition-metadata.md``. Unknown keys are errors, so a typo never
silently drops a fact from the TEI header.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SourceError

METADATA_FILE = "edition.toml"


@dataclass(frozen=True)
class Bibl:
    """A bibliographic description (the online transcription or the printed source)."""

    title: str | None = None
    author: str | None = None
    editor: str | None = None
    translator: str | None = None
    volume: str | None = None
    publisher: str | None = None
    place: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class DocumentMeta:
    author: str | None = None
    language: str | None = None
    transcription: Bibl = field(default_factory=Bibl)
    printed: Bibl | None = None


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


_BIBL_KEYS = {f.replace("_", "-") for f in Bibl.__dataclass_fields__}
_DOC_KEYS = {"author", "language", "transcription", "printed"}
_EDITION_KEYS = {"title", "publisher", "licence", "licence-url", "language", "editors", "tei-all"}


def _check_keys(table: dict[str, Any], allowed: set[str], where: str, path: Path) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise SourceError(
            f"unknown key {unknown[0]!r} in [{where}]; allowed keys: {', '.join(sorted(allowed))}",
            path,
        )


def _bibl(table: dict[str, Any], where: str, path: Path) -> Bibl:
    _check_keys(table, _BIBL_KEYS, where, path)
    return Bibl(**{k.replace("-", "_"): str(v) for k, v in table.items()})


def load(path: str | Path) -> EditionMeta:
    """Load ``edition.toml``; a missing file gives default metadata."""
    path = Path(path)
    if not path.exists():
        return EditionMeta()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"not valid TOML: {exc}", path) from None
    _check_keys(data, {"edition", "documents"}, "top level", path)
    edition = dict(data.get("edition", {}))
    _check_keys(edition, _EDITION_KEYS, "edition", path)
    documents = {}
    for name, table in data.get("documents", {}).items():
        where = f"documents.{name}"
        _check_keys(table, _DOC_KEYS, where, path)
        documents[name] = DocumentMeta(
            author=table.get("author"),
            language=table.get("language"),
            transcription=_bibl(table.get("transcription", {}), where + ".transcription", path),
            printed=_bibl(table["printed"], where + ".printed", path)
            if "printed" in table
            else None,
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
