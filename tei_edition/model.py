"""The document model between a plain transcription and its TEI encoding.

A transcription is a sequence of *blocks* (runs of non-blank lines separated by
blank lines). Each block keeps exactly what was written, as segments: text, note
markers and line breaks, so that encoding loses nothing and the diplomatic
export can give the file back byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Marker:
    """An inline note marker such as ``[1]``."""

    number: int
    line: int
    col: int


@dataclass(frozen=True)
class LineBreak:
    """A line break inside a block (the block continues on the next line)."""


Segment = str | Marker | LineBreak


@dataclass
class Block:
    """A run of non-blank lines: a heading, the date line, a credit, a paragraph."""

    line: int
    """1-based line of the block's first line in the source."""
    gap_before: int
    """Blank lines between this block and the previous one (for the first block: the
    blank lines at the start of the file)."""
    segments: list[Segment]
    label: str | None = None
    """A paragraph label exactly as written: ``(1)``, ``1)`` or ``1.``."""

    @property
    def text(self) -> str:
        """The block's text with markers and line breaks as written."""
        out: list[str] = []
        for seg in self.segments:
            if isinstance(seg, Marker):
                out.append(f"[{seg.number}]")
            elif isinstance(seg, LineBreak):
                out.append("\n")
            else:
                out.append(seg)
        return "".join(out)

    @property
    def number(self) -> str | None:
        """The digits of the label (``"5"`` for ``5)``), for ``@n``."""
        return "".join(ch for ch in self.label if ch.isdigit()) if self.label else None


@dataclass
class Credit:
    """A credit line such as ``Transcribed … by David Walters``."""

    block: Block
    statement: str
    """What was done (``Transcribed and HTML markup for the … Archive``)."""
    name: str | None
    """Who did it, when the line says ``by NAME``."""


@dataclass
class Endnote:
    """A trailing endnote ``N. text``, possibly followed by continuation blocks."""

    number: int
    blocks: list[Block]
    """The first block's segments start after ``N. ``."""

    @property
    def line(self) -> int:
        return self.blocks[0].line


@dataclass
class Transcription:
    """A parsed plain transcription."""

    path: Path
    headings: list[Block]
    """Heading lines before the date; the last is the title, any before it are genre lines."""
    date: Block
    date_attrs: dict[str, str]
    """ISO 8601 normalisation of the date line (``{"when": "1920-11-29"}``)."""
    credits: list[Credit]
    paragraphs: list[Block]
    notes: dict[int, Endnote] = field(default_factory=dict)
    trailing_blank_lines: int = 0

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def title(self) -> Block:
        return self.headings[-1]

    @property
    def genre_lines(self) -> list[Block]:
        return self.headings[:-1]
