"""Plain transcription → document model.

The grammar is written down in ``docs/transcription-format.md``. In short::

    transcription = heading+ date credit* [salute] paragraph+ [closer] postscript* endnote*
    heading       = a block before the date line (the last one is the title)
    date          = a one-line date line ("November 29, 1920", "Paris, March 1848", "n.d.")
    credit        = a block starting with a credit word ("Transcribed", "Source:", …)
    salute        = a short first body block with a listed salutation ("Dear Speed:")
    paragraph     = [label " "] text, label = "(N)" | "N)" | "N."; text may hold markers "[N]"
    closer        = a listed close and its signature, or a list of signatories
    postscript    = a block starting with a listed label ("P.S."), and the blocks after it
    endnote       = "N. " text, followed by any continuation blocks (only with markers)

The letter words are data (:mod:`tei_edition.letters`).

Blocks are separated by one or more blank lines. Everything is kept as written;
only line endings (CRLF, CR), a byte-order mark and trailing spaces and tabs are
normalised (see :func:`normalise`).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from pathlib import Path

from . import letters
from .dates import DateLine, parse_date_line
from .errors import TranscriptionError, UsageError
from .letters import (
    MAX_SIGNATURE_BLOCKS,
    LetterWords,
    default_words,
    is_signatories,
    is_signatories_label,
    is_signature,
)
from .model import (
    Block,
    Closer,
    Credit,
    Endnote,
    LineBreak,
    Marker,
    Postscript,
    Segment,
    Transcription,
)

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
# The name in "STATEMENT by NAME": after the last " by " that has no , ; : ( ) after it.
_NOT_IN_NAME = ",;:()"

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


def parse(
    text: str,
    path: str | Path = "<string>",
    *,
    words: LetterWords | None = None,
    languages: Sequence[str] | None = None,
) -> Transcription:
    """Parse the text of a transcription into the document model.

    ``words`` are the letter formulas (default: the shipped lists); ``languages`` the
    languages whose date forms the date line may use (default: those of
    :func:`~tei_edition.dates.parse_date_line`). Raises :class:`TranscriptionError` with
    the file and line of the first problem.
    """
    path = Path(path)
    words = words or default_words()
    raw, trailing = _blocks(text, path)
    if not raw:
        raise TranscriptionError(
            "the file is empty; a transcription starts with a title line and a date line",
            path,
            1,
        )

    # Heading lines, then the date line.
    date_index, date_line = _find_date_line(raw, languages)
    if date_index is None or date_line is None:
        raise TranscriptionError(
            f"no date line among the first {MAX_HEADINGS + 1} blocks; a transcription starts "
            "with a title line (optionally a genre line before it) and then a date line such "
            "as 'November 29, 1920' or 'Springfield, May 3, 1849'; for an undated paper "
            "write 'n.d.' or '[undated]' as its date line",
            path,
            raw[0][0],
        )

    def plain(i: int) -> Block:
        line, gap, lines = raw[i]
        return Block(line, gap, _segments(lines, line, markers=False))

    headings = [plain(i) for i in range(date_index)]
    date = plain(date_index)

    # Credit lines.
    credits: list[Credit] = []
    i = date_index + 1
    while i < len(raw) and len(raw[i][2]) == 1 and _CREDIT.match(raw[i][2][0]):
        block = plain(i)
        by = _credit_by(raw[i][2][0])
        if by and not by[1][0].isupper():
            by = None  # "by the editors" names nobody in particular
        credits.append(Credit(block, by[0] if by else raw[i][2][0], by[1] if by else None))
        i += 1
    body_start = i
    if body_start == len(raw):
        raise TranscriptionError(
            "no body text after the header lines; add the paragraphs of the document",
            path,
            raw[-1][0],
        )

    notes_start = _notes_start(raw, body_start)
    body = raw[body_start:notes_start]

    # Letter furniture around the paragraphs; each test leaves at least one paragraph.
    salute: Block | None = None
    if len(body) > 1 and words.is_salute(body[0][2]):
        salute = _body_block(body[0])
        body = body[1:]
    postscripts: list[Postscript] = []
    ps_start = next(
        (k for k in range(1, len(body)) if words.postscript_label(body[k][2][0])), len(body)
    )
    for line, gap, lines in body[ps_start:]:
        label = words.postscript_label(lines[0])
        block = _body_block((line, gap, lines), label)
        if label is not None:
            postscripts.append(Postscript([block]))
        else:
            postscripts[-1].blocks.append(block)
    body = body[:ps_start]
    closer: Closer | None = None
    closer_start = _closer_start([lines for _, _, lines in body], words)
    if closer_start is not None:
        closer = _closer(body[closer_start:], words)
        body = body[:closer_start]

    paragraphs = [_body_block(raw_block, _label(raw_block[2][0])) for raw_block in body]
    notes = _endnotes(raw[notes_start:], path)
    doc = Transcription(
        path, headings, date, dict(date_line.attrs), credits, paragraphs, notes, trailing,
        date_line=date_line, salute=salute, closer=closer, postscripts=postscripts,
    )
    _check_markers(doc.body_blocks, notes, path)
    return doc


def _find_date_line(
    raw: list[tuple[int, int, list[str]]], languages: Sequence[str] | None
) -> tuple[int | None, DateLine | None]:
    """The first one-line block after the first heading that is a date line."""
    for i, (_, _, lines) in enumerate(raw[: MAX_HEADINGS + 1]):
        if i and len(lines) == 1:
            found = (parse_date_line(lines[0]) if languages is None
                     else parse_date_line(lines[0], languages=languages))
            if found is not None:
                return i, found
    return None, None


def _credit_by(line: str) -> tuple[str, str] | None:
    """``(statement, name)`` of a credit line ``STATEMENT by NAME[.]``, else None.

    The split is at the last "by" with whitespace on both sides, text before it and a name
    after it holding none of ``, ; : ( )``; a final full stop is not part of the name. A
    scan from the right: a backtracking regex would read the rest of the line once for
    every "by" in it, quadratic on "by a by a … ,".
    """
    floor = max(line.rfind(c) for c in _NOT_IN_NAME)  # the name starts after this
    at = len(line)
    while (at := line.rfind("by", floor + 1, at)) > 0:
        after = at + 2
        while after < len(line) and line[after].isspace():
            after += 1
        before = at
        while before > 0 and line[before - 1].isspace():
            before -= 1
        if after == at + 2 or before == at or before == 0:
            continue  # not a word "by" between spaces, or nothing before it
        name = line[after:]
        if not name:  # only spaces after "by": the name is the last of them
            if after - (at + 2) < 2:
                continue
            name = line[-1]
        elif len(name) > 1 and name.endswith("."):
            name = name[:-1]
        return line[:before], name
    return None


def _notes_start(raw: list[tuple[int, int, list[str]]], body_start: int) -> int:
    """Where the endnotes start: the trailing run from the last block that starts "1. ",
    when body text comes before it and the text has note markers. Without markers,
    numbered blocks are the body's clauses (a decree's "1.", "2.", …), not notes."""
    for j in range(len(raw) - 1, body_start, -1):
        m = _ENDNOTE.match(raw[j][2][0])
        if m and int(m["number"]) == 1:
            if any(_MARKER.search(line) for _, _, lines in raw[body_start:j] for line in lines):
                return j
            break
    return len(raw)


def _label(first_line: str) -> str | None:
    m = _LABEL.match(first_line)
    return m["label"] if m else None


def _body_block(raw_block: tuple[int, int, list[str]], label: str | None = None) -> Block:
    """A body block, its label (when given) split off the first line, markers read."""
    line, gap, lines = raw_block
    cut = len(label) if label is not None else 0
    first = [lines[0][cut:], *lines[1:]]
    return Block(line, gap, _segments(first, line, markers=True, col0=cut), label)


def _closer_start(blocks: list[list[str]], words: LetterWords) -> int | None:
    """Where the closer starts, leaving at least one paragraph before it: a complimentary
    close followed by its signature (under it, or in up to three blocks after it), else a
    trailing list of signatories, optionally after its label ("The Committee:")."""
    n = len(blocks)
    for c in range(max(1, n - 1 - MAX_SIGNATURE_BLOCKS), n):
        if (
            words.is_closing(blocks[c])
            and (len(blocks[c]) > 1 or c + 1 < n)
            and all(is_signature(b) for b in blocks[c + 1 :])
        ):
            return c
    if n >= 2 and is_signatories(blocks[-1]):
        return n - 2 if n >= 3 and is_signatories_label(blocks[-2]) else n - 1
    return None


def _closer(body: list[tuple[int, int, list[str]]], words: LetterWords) -> Closer:
    (line, gap, lines), *rest = body
    signed = [_body_block(b) for b in rest]
    if not words.is_closing(lines):
        return Closer(None, [_body_block((line, gap, lines)), *signed])
    under = [_body_block((line + 1, 0, lines[1:]))] if len(lines) > 1 else []
    return Closer(_body_block((line, gap, lines[:1])), [*under, *signed])


def _endnotes(raw: list[tuple[int, int, list[str]]], path: Path) -> dict[int, Endnote]:
    notes: dict[int, Endnote] = {}
    last = 0
    for line, gap, lines in raw:
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
    return notes


def _check_markers(blocks: list[Block], notes: dict[int, Endnote], path: Path) -> None:
    seen: dict[int, Marker] = {}
    for block in blocks:
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


def read(
    path: str | Path, encoding: str | None = None, *, languages: Sequence[str] | None = None
) -> Transcription:
    """Read and parse a transcription file, with the letter words of its folder."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranscriptionError(f"cannot read the file: {exc.strerror}", path) from None
    words = letters.load(path.parent / letters.LETTER_WORDS_FILE)
    return parse(decode(data, path, encoding), path, words=words, languages=languages)
