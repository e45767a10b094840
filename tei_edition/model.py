"""The document model between a plain transcription and its TEI encoding.

A transcription is a sequence of *blocks* (runs of non-blank lines separated by
blank lines). Each block keeps exactly what was written, as segments: text, note
markers and line breaks, so that encoding loses nothing and the diplomatic
export can give the file back byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .dates import DateLine


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
    blank lines at the start of the file). 0 for a signature written on the line under
    the complimentary close, in the close's own block (see :class:`Closer`)."""
    segments: list[Segment]
    label: str | None = None
    """A paragraph label exactly as written: ``(1)``, ``1)`` or ``1.``; for the first
    block of a postscript its label (``P.S.``)."""

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
        digits = "".join(ch for ch in self.label if ch.isdigit()) if self.label else ""
        return digits or None


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
class Closer:
    """The closing furniture of a letter or a signed paper (TEI Guidelines 4.2.2)."""

    salute: Block | None
    """The complimentary close (``Your friend, as ever``): the first line of its block.
    None for a bare list of signatories."""
    signed: list[Block]
    """The signature blocks after it: a name line, a signatories list and its label
    (``The Committee:``). Lines under the close in its own block come first, as a
    block with ``gap_before == 0``."""

    @property
    def blocks(self) -> list[Block]:
        return [*([self.salute] if self.salute else []), *self.signed]


@dataclass
class Postscript:
    """A postscript: a block starting with its label (``P.S.``) and the blocks after it
    up to the next postscript or the endnotes."""

    blocks: list[Block]

    @property
    def label(self) -> str:
        return self.blocks[0].label or ""


@dataclass
class Transcription:
    """A parsed plain transcription."""

    path: Path
    headings: list[Block]
    """Heading lines before the date; the last is the title, any before it are genre lines."""
    date: Block
    date_attrs: dict[str, str]
    """ISO 8601 normalisation of the date line (``{"when": "1920-11-29"}``), with
    ``cert``/``evidence`` for an uncertain date; empty for an undated paper."""
    credits: list[Credit]
    paragraphs: list[Block]
    """The body's paragraphs, without the letter furniture around them."""
    notes: dict[int, Endnote] = field(default_factory=dict)
    trailing_blank_lines: int = 0
    date_line: DateLine | None = None
    """The date line read as place + separator + date (None for a model built by hand)."""
    salute: Block | None = None
    """The salutation opening a letter (``Dear Speed:``); its presence makes the
    document a letter, whose date line and credits go to ``opener``."""
    closer: Closer | None = None
    postscripts: list[Postscript] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def title(self) -> Block:
        return self.headings[-1]

    @property
    def genre_lines(self) -> list[Block]:
        return self.headings[:-1]

    @property
    def body_blocks(self) -> list[Block]:
        """Every block of the body in source order: salute, paragraphs, closer, postscripts."""
        return [
            *([self.salute] if self.salute else []),
            *self.paragraphs,
            *(self.closer.blocks if self.closer else []),
            *(b for ps in self.postscripts for b in ps.blocks),
        ]
