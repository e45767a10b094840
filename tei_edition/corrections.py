"""The editors' emendations (``source/corrections.toml``) applied as choice/sic/corr.

Each correction names its document, the reading as printed (``sic``), the
correction (``corr``) and a ``context``: a stretch of the text containing the sic
once, matching exactly one place. Anything else is an error, so a correction can
never land in the wrong place or silently not at all (TEI Guidelines 3.5.1).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .annotate import slot_text, text_slots, wrap
from .encode import tei
from .errors import SourceError
from .metadata import missing_transcription

CORRECTIONS_FILE = "corrections.toml"
_KEYS = {"document", "sic", "corr", "context", "resp", "note"}


@dataclass(frozen=True)
class Correction:
    document: str
    sic: str
    corr: str
    context: str
    resp: str | None
    path: Path
    line: int | None
    document_line: int | None = None
    """The line of the entry's ``document =`` key (else its ``[[correction]]`` header)."""

    def error(self, message: str) -> SourceError:
        return SourceError(f"correction {self.sic!r} → {self.corr!r}: {message}", self.path,
                           self.line)


def load(path: str | Path) -> list[Correction]:
    """Read the corrections file; an absent file means no corrections."""
    path = Path(path)
    if not path.exists():
        return []
    raw = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"not valid TOML: {exc}", path) from None
    document_lines = _document_lines(raw)
    out = []
    for index, entry in enumerate(data.get("correction", [])):
        # tomllib gives no positions: find the entry by its context line.
        found = re.search(r"^\s*context\s*=\s*[\"']" + re.escape(str(entry.get("context", ""))),
                          raw, re.M)
        line = raw.count("\n", 0, found.start()) + 1 if found else None
        unknown = set(entry) - _KEYS
        missing = {"document", "sic", "corr", "context"} - set(entry)
        if unknown or missing:
            raise SourceError(
                f"a [[correction]] needs document, sic, corr and context (optional: resp, note); "
                f"{'unknown' if unknown else 'missing'} key {sorted(unknown or missing)[0]!r}",
                path, line,
            )
        doc_line = document_lines[index] if index < len(document_lines) else line
        correction = Correction(entry["document"], entry["sic"], entry["corr"], entry["context"],
                                entry.get("resp"), path, line, doc_line)
        if correction.context.count(correction.sic) != 1:
            raise correction.error("the context must contain the sic exactly once")
        out.append(correction)
    return out


_ENTRY = re.compile(r"^\s*\[\[\s*correction\s*\]\]")
_DOCUMENT_KEY = re.compile(r"^\s*document\s*=")


def _document_lines(raw: str) -> list[int]:
    """For each ``[[correction]]`` in order, the line of its ``document =`` key (or of
    its header when the key is missing): one linear pass, as tomllib gives no lines."""
    lines: list[int] = []
    found = True
    for number, line in enumerate(raw.split("\n"), start=1):
        if _ENTRY.match(line):
            lines.append(number)
            found = False
        elif not found and lines and _DOCUMENT_KEY.match(line):
            lines[-1] = number
            found = True
    return lines


def unknown_documents(corrections: list[Correction], names: Iterable[str]) -> list[SourceError]:
    """One error per correction whose ``document`` names no transcription: it would
    otherwise never be applied, and nobody would know."""
    known = sorted(set(names))
    return [
        SourceError(f"correction {c.sic!r} → {c.corr!r}: document = {c.document!r}: "
                    f"{missing_transcription(c.document, known, c.path.parent)}",
                    c.path, c.document_line)
        for c in corrections
        if c.document not in known
    ]


def apply(text_el: etree._Element, corrections: list[Correction], resp: str) -> None:
    """Apply corrections to a document's ``text``; raise if a context is not one place."""
    for correction in corrections:
        slots = [s for s in text_slots(text_el) if correction.context in slot_text(s)]
        hits = sum(slot_text(s).count(correction.context) for s in slots)
        if hits != 1:
            where = "no place" if hits == 0 else f"{hits} places"
            raise correction.error(
                f"the context {correction.context!r} matches {where} in {correction.document}; "
                "give a context that occurs exactly once in the text"
            )
        slot = slots[0]
        start = slot_text(slot).index(correction.context) + correction.context.index(correction.sic)

        def make(span: str, c: Correction = correction) -> etree._Element:
            return tei("choice", None, tei("sic", None, span),
                       tei("corr", {"resp": c.resp or resp}, c.corr))

        wrap(slot, [(start, start + len(correction.sic), make)])
