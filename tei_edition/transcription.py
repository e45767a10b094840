"""Plain transcription → document model.

The grammar is written down in ``docs/transcription-format.md``. In short::

    transcription = heading+ date credit* paragraph+ endnote*
    heading       = a block before the date line (the last one is the title)
    date          = a one-line block that is wholly a date ("November 29, 1920")
    credit        = a block starting with a credit word ("Transcribed", "Source:", …)
    paragraph     = [label " "] text, label = "(N)" | "N)" | "N."; text may hold markers "[N]"
    endnote       = "N. " text, followed by any continuation blocks

Blocks are separated by one or more blank lines. Everything is kept as written;
only line endings (CRLF, CR), a byte-order mark and trailing spaces and tabs are
normalised (see :func:`normalise`).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .dates import parse_date
from .errors import TranscriptionError, UsageError
from .model import Block, Credit, Endnote, LineBreak, Marker, Segment, Transcription

# Credit lines are recognised by their first word: the vocabulary archives use
# for statements of responsibility about the digital text, not about the work.
CREDIT_WORDS = (
    "transcribed",
    "transcription",
    "transcriber",
    "markup",
    "mark-up",
    "html",
    "proofread",
    "proofed",
    "source",
    "translated",
    "translation",
    "translator",
    "edited",
    "editor",
    "online version",
    "first published",
    "published",
    "written",
    "delivered",
    "copyleft",
    "public domain",
    "digitised",
    "digitized",
    "scanned",
    "encoded",
    "prepared",
)
_CREDIT = re.compile(r"(?:" + "|".join(re.escape(w) for w in CREDIT_WORDS) + r")\b", re.I)
_CREDIT_BY = re.compile(r"(?P<statement>.*\S)\s+by\s+(?P<name>[^,;:()]+?)\.?$")

# ASCII digits only; a note number has no leading zero and at most six digits, so that
# "[01]" or "[١]" stay text and the number written is the number kept in note/@n.
_LABEL = re.compile(r"(?P<label>\([0-9]+\)|[0-9]+\)|[0-9]+\.)(?= |$)")
_NOTE_NUMBER = r"(?P<number>[1-9][0-9]{0,5})"
_ENDNOTE = re.compile(_NOTE_NUMBER + r"\. ")
_MARKER = re.compile(r"\[" + _NOTE_NUMBER + r"\]")
# Characters XML 1.0 cannot carry (C0 controls other than tab/newline, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

MAX_HEADINGS = 3


def decode(data: bytes, path: str | Path, encoding: str | None = None) -> str:
    """Decode a transcription: UTF-8 (BOM optional) or UTF-16 with a BOM, or ``encoding``."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}; use a Python codec name such as "
                             "latin-1 or cp1252") from None
        return _decode(data, 0, path, encoding)
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode(data, len(bom), path, codec)
    return _decode(data, 0, path, "utf-8")


def _decode(data: bytes, skip: int, path: str | Path, encoding: str) -> str:
    """Decode ``data[skip:]``; a bad byte is reported at its line, column and file offset."""
    body = data[skip:]
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        # Lines are counted as the grammar counts them (LF, CRLF or CR), in what decodes.
        before = body[: exc.start].decode(encoding, errors="replace")
        before = before.replace("\r\n", "\n").replace("\r", "\n")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        bad = body[exc.start : exc.end].hex(" ")
        raise TranscriptionError(
            f"byte {bad} at offset {skip + exc.start} is not valid {encoding.upper()}; save the "
            "file as UTF-8, or give its encoding with --encoding (e.g. --encoding latin-1)",
            path, line, col,
        ) from None


def normalise(text: str) -> str:
    """The canonical form of a transcription, which the diplomatic export reproduces.

    Line endings become LF, a leading BOM is dropped, spaces and tabs at line ends are
    removed, and a last line without a line ending gets one. Blank lines, including
    those at the start and end of the file, are kept.
    """
    return "\n".join(_lines(text)) + "\n"


def _lines(text: str) -> list[str]:
    """The normalised lines of a transcription, without their line endings."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip(" \t") for line in text.removesuffix("\n").split("\n")]


def _blocks(text: str, path: Path) -> tuple[list[tuple[int, int, list[str]]], int]:
    """Split text into (first line, blank lines before, lines) triples, and the number
    of blank lines after the last block."""
    blocks: list[tuple[int, int, list[str]]] = []
    gap = 0
    for number, line in enumerate(_lines(text), start=1):
        bad = _NOT_XML.search(line)
        if bad:
            raise TranscriptionError(
                f"character U+{ord(bad.group()):04X} cannot appear in XML; remove it",
                path,
                number,
                bad.start() + 1,
            )
        if not line:
            gap += 1
        elif gap or not blocks:
            blocks.append((number, gap, [line]))
            gap = 0
        else:
            blocks[-1][2].append(line)
    return blocks, gap


def _segments(lines: list[str], first_line: int, *, markers: bool, col0: int = 0) -> list[Segment]:
    """Turn a block's lines into text, marker and line-break segments."""
    out: list[Segment] = []
    for i, line in enumerate(lines):
        if i:
            out.append(LineBreak())
        offset = col0 if i == 0 else 0
        pos = 0
        if markers:
            for m in _MARKER.finditer(line):
                if m.start() > pos:
                    out.append(line[pos : m.start()])
                out.append(Marker(int(m["number"]), first_line + i, offset + m.start() + 1))
                pos = m.end()
        if pos < len(line):
            out.append(line[pos:])
    return out


def parse(text: str, path: str | Path = "<string>") -> Transcription:
    """Parse the text of a transcription into the document model.

    Raises :class:`TranscriptionError` with the file and line of the first problem.
    """
    path = Path(path)
    raw, trailing = _blocks(text, path)
    if not raw:
        raise TranscriptionError(
            "the file is empty; a transcription starts with a title line and a date line",
            path,
            1,
        )

    # Heading lines, then the date line.
    date_index = next(
        (
            i
            for i, (_, _, lines) in enumerate(raw[: MAX_HEADINGS + 1])
            if i and len(lines) == 1 and parse_date(lines[0])
        ),
        None,
    )
    if date_index is None:
        raise TranscriptionError(
            f"no date line among the first {MAX_HEADINGS + 1} blocks; a transcription starts "
            "with a title line (optionally a genre line before it) and then a date line such "
            "as 'November 29, 1920'",
            path,
            raw[0][0],
        )

    def plain(i: int) -> Block:
        line, gap, lines = raw[i]
        return Block(line, gap, _segments(lines, line, markers=False))

    headings = [plain(i) for i in range(date_index)]
    date = plain(date_index)
    date_attrs = parse_date(raw[date_index][2][0]) or {}

    # Credit lines.
    credits: list[Credit] = []
    i = date_index + 1
    while i < len(raw) and len(raw[i][2]) == 1 and _CREDIT.match(raw[i][2][0]):
        block = plain(i)
        by = _CREDIT_BY.match(raw[i][2][0])
        if by and not by["name"][0].isupper():
            by = None  # "by the editors" names nobody in particular
        credits.append(
            Credit(block, by["statement"] if by else raw[i][2][0], by["name"] if by else None)
        )
        i += 1
    body_start = i
    if body_start == len(raw):
        raise TranscriptionError(
            "no body text after the header lines; add the paragraphs of the document",
            path,
            raw[-1][0],
        )

    # Endnotes: the trailing run from the last block that starts "1. ", when body text
    # comes before it (otherwise those blocks are paragraphs labelled "1.", "2.", …).
    notes_start = len(raw)
    for j in range(len(raw) - 1, body_start, -1):
        m = _ENDNOTE.match(raw[j][2][0])
        if m and int(m["number"]) == 1:
            notes_start = j
            break

    paragraphs: list[Block] = []
    for j in range(body_start, notes_start):
        line, gap, lines = raw[j]
        m = _LABEL.match(lines[0])
        label = m["label"] if m else None
        first = [lines[0][m.end() :] if m else lines[0], *lines[1:]]
        col0 = m.end() if m else 0
        segments = _segments(first, line, markers=True, col0=col0)
        paragraphs.append(Block(line, gap, segments, label))

    notes: dict[int, Endnote] = {}
    last = 0
    for j in range(notes_start, len(raw)):
        line, gap, lines = raw[j]
        m = _ENDNOTE.match(lines[0])
        if m:
            number = int(m["number"])
            if number in notes:
                raise TranscriptionError(
                    f"duplicate endnote number {number} (first at line {notes[number].line}); "
                    "give each endnote its own number",
                    path,
                    line,
                    1,
                )
            if number < last:
                raise TranscriptionError(
                    f"endnote {number} comes after endnote {last}; list endnotes in "
                    "ascending order",
                    path,
                    line,
                    1,
                )
            last = number
            rest = [lines[0][m.end() :], *lines[1:]]
            notes[number] = Endnote(
                number, [Block(line, gap, _segments(rest, line, markers=False, col0=m.end()))]
            )
        else:
            notes[last].blocks.append(Block(line, gap, _segments(lines, line, markers=False)))

    _check_markers(paragraphs, notes, path)
    return Transcription(path, headings, date, date_attrs, credits, paragraphs, notes, trailing)


def _check_markers(paragraphs: list[Block], notes: dict[int, Endnote], path: Path) -> None:
    seen: dict[int, Marker] = {}
    for block in paragraphs:
        for seg in block.segments:
            if not isinstance(seg, Marker):
                continue
            if seg.number in seen:
                first = seen[seg.number]
                raise TranscriptionError(
                    f"duplicate note marker [{seg.number}] (first at line {first.line}); "
                    "each endnote is referenced once",
                    path,
                    seg.line,
                    seg.col,
                )
            seen[seg.number] = seg
            if seg.number not in notes:
                raise TranscriptionError(
                    f"note marker [{seg.number}] has no endnote; add an endnote "
                    f"'{seg.number}. …' after the text or remove the marker",
                    path,
                    seg.line,
                    seg.col,
                )
    for number, note in notes.items():
        if number not in seen:
            raise TranscriptionError(
                f"endnote {number} has no marker [{number}] in the text; add the marker "
                "where the note belongs or remove the endnote",
                path,
                note.line,
                1,
            )


def read(path: str | Path, encoding: str | None = None) -> Transcription:
    """Read and parse a transcription file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranscriptionError(f"cannot read the file: {exc.strerror}", path) from None
    return parse(decode(data, path, encoding), path)
