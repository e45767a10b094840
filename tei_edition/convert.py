"""Transcription file → canonical, annotated TEI tree: the public ``convert`` step."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import corrections, metadata, transcription
from .annotate import annotate
from .corrections import Correction
from .encode import editors_id, encode
from .errors import SourceError
from .issues import Issue
from .metadata import EditionMeta
from .register import REGISTER_FILE, Register
from .xmlio import NSMAP


@dataclass
class Sources:
    """What a folder of transcriptions shares: metadata, register, corrections."""

    meta: EditionMeta = field(default_factory=EditionMeta)
    register: Register = field(default_factory=Register)
    corrections: list[Correction] = field(default_factory=list)

    @classmethod
    def load(cls, folder: str | Path) -> Sources:
        folder = Path(folder)
        return cls(
            metadata.load(folder / metadata.METADATA_FILE),
            Register.load(folder / REGISTER_FILE),
            corrections.load(folder / corrections.CORRECTIONS_FILE),
        )

    def unknown_documents(self, names: Iterable[str]) -> list[SourceError]:
        """A ``[documents.NAME]`` or a correction's ``document`` naming none of ``names``
        (the transcriptions there are): each is a fact that would be silently dropped."""
        names = set(names)
        return (self.meta.unknown_documents(names)
                + corrections.unknown_documents(self.corrections, names))


def convert(
    path: str | Path, sources: Sources | None = None, *, encoding: str | None = None,
    issues: list[Issue] | None = None,
) -> etree._ElementTree:
    """Convert a plain transcription to canonical TEI.

    ``sources`` defaults to the ``edition.toml``, ``register.xml`` and
    ``corrections.toml`` beside the transcription. Warnings (e.g. a date that
    cannot be normalised) are appended to ``issues`` when given. Raises
    :class:`~tei_edition.errors.TranscriptionError` on a malformed transcription and
    :class:`~tei_edition.errors.SourceError` on a correction that matches no place.
    """
    path = Path(path)
    if sources is None:
        sources = Sources.load(path.parent)
        if issues is not None:
            # Converting one file need not fail for another's entry, but it should say so
            # (``build`` refuses these outright).
            names = {p.stem for p in path.parent.glob("*.txt")} | {path.stem}
            issues.extend(Issue(e.path or "", e.line, None, "warning", "unknown-document",
                                e.message) for e in sources.unknown_documents(names))
    doc = transcription.read(path, encoding)
    tree = encode(doc, sources.meta, sources.register, issues)
    text_el = tree.getroot().find("tei:text", NSMAP)
    resp = "#" + editors_id(doc.name)
    corrections.apply(text_el, [c for c in sources.corrections if c.document == doc.name], resp)
    found = annotate(tree, sources.register, str(path))
    if issues is not None:
        issues.extend(found)
    return tree
