"""The plain-transcription grammar: what is read, what is kept, what is refused."""

from __future__ import annotations

import codecs

import pytest

from tei_edition.errors import TranscriptionError
from tei_edition.model import LineBreak, Marker
from tei_edition.transcription import decode, normalise, parse, read

from .conftest import SOURCE

MINIMAL = "A Title\n\nMarch 3, 1921\n\n(1) First paragraph. [1]\n\n2) Second.\n\n1. The note.\n"


def test_real_transcription_structure():
    doc = read(SOURCE / "1920-11-29-soviet-press.txt")
    assert doc.title.text == "Communication to Representatives of the Soviet Press"
    assert [b.text for b in doc.genre_lines] == ["Various Subjects"]
    assert doc.date_attrs == {"when": "1920-11-29"}
    assert [(c.statement, c.name) for c in doc.credits] == [
        ("Transcribed and HTML markup for the Trotsky Internet Archive", "David Walters")
    ]
    assert [p.label for p in doc.paragraphs] == ["(1)", "(2)", "(3)", "(4)", "5)", "(6)"]
    assert [p.number for p in doc.paragraphs] == ["1", "2", "3", "4", "5", "6"]
    assert sorted(doc.notes) == [1, 2]
    assert doc.notes[1].line == 22 and doc.notes[1].blocks[0].gap_before == 2
    markers = [s for p in doc.paragraphs for s in p.segments if isinstance(s, Marker)]
    assert [(m.number, m.line) for m in markers] == [(1, 9), (2, 9)]


def test_labels_are_kept_as_written_and_optional():
    text = "T\n\n1920\n\n(1) a\n\n2) b\n\n3. c\n\nunlabelled\n\n(4)\n"
    doc = parse(text)
    assert [p.label for p in doc.paragraphs] == ["(1)", "2)", "3.", None, "(4)"]
    assert doc.paragraphs[0].segments == [" a"]
    assert doc.paragraphs[3].text == "unlabelled"


def test_paragraphs_labelled_like_endnotes_without_markers_are_paragraphs():
    doc = parse("T\n\n1920\n\n1. first\n\n2. second\n")
    assert [p.label for p in doc.paragraphs] == ["1.", "2."]
    assert doc.notes == {}


def test_endnote_continuation_blocks_and_line_breaks():
    doc = parse("T\n\n1920\n\nText [1] and\nmore.\n\n1. Note one.\n\nIts second paragraph.\n")
    assert doc.paragraphs[0].segments == [
        "Text ", Marker(1, 5, 6), " and", LineBreak(), "more."
    ]
    assert [b.text for b in doc.notes[1].blocks] == ["Note one.", "Its second paragraph."]


def test_crlf_bom_and_trailing_spaces_are_tolerated():
    crlf = ("\ufeff" + MINIMAL.replace("\n", "  \r\n")).encode("utf-8")
    doc = parse(decode(crlf, "x.txt"), "x.txt")
    assert parse(MINIMAL).paragraphs[1].text == doc.paragraphs[1].text == " Second."
    assert normalise(crlf.decode("utf-8")) == MINIMAL


def test_utf16_with_bom_is_read():
    data = codecs.BOM_UTF16_LE + MINIMAL.encode("utf-16-le")
    assert decode(data, "x.txt") == MINIMAL


def test_header_facts():
    doc = parse("Genre\n\nThe Title\n\n2 March 1921\n\nSource: a book.\n\nText.\n")
    assert doc.title.text == "The Title"
    assert doc.date_attrs == {"when": "1921-03-02"}
    assert [(c.statement, c.name) for c in doc.credits] == [("Source: a book.", None)]


def refusal(text: str | bytes) -> TranscriptionError:
    with pytest.raises(TranscriptionError) as info:
        if isinstance(text, bytes):
            text = decode(text, "bad.txt")
        parse(text, "bad.txt")
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty"),
        ("\n  \n\n", 1, "empty"),
        ("Title\n\nno date here\n\ntext\n", 1, "no date line"),
        ("Title\n\n1920\n", 3, "no body text"),
        ("T\n\n1920\n\nText [2].\n\n1. Note.\n", 5, "[2] has no endnote"),
        ("T\n\n1920\n\nText [1].\n\n1. Note.\n\n2. Orphan.\n", 9, "endnote 2 has no marker"),
        ("T\n\n1920\n\nA [1] B [2]\n\n1. x\n\n2. y\n\n2. z\n", 11, "duplicate endnote number 2"),
        ("T\n\n1920\n\nA [1] B [1]\n\n1. x\n", 5, "duplicate note marker [1]"),
        # Endnotes start at the last "1. ": an earlier "2. x" is a paragraph labelled "2.".
        ("T\n\n1920\n\nA [1] B [2]\n\n2. x\n\n1. y\n", 5, "[2] has no endnote"),
        ("T\n\n1920\n\nA [1] B [2]\n\n1. x\n\n3. z\n\n2. y\n", 11, "comes after endnote 3"),
        ("T\n\n1920\n\nA \x01 B\n", 5, "U+0001"),
    ],
)
def test_refusals_name_the_line(text, line, words):
    error = refusal(text)
    assert error.line == line
    assert words in error.message
    assert error.render().startswith(f"bad.txt:{line}:")


def test_marker_column_is_reported():
    error = refusal("T\n\n1920\n\n(1) Text here [3].\n\n1. x\n")
    assert (error.line, error.col) == (5, 15)


def test_undecodable_bytes_give_line_and_offset():
    error = refusal("T\n\n1920\n\ncaf\xe9\n".encode("latin-1"))
    assert error.line == 5 and error.col == 4
    assert "offset 12" in error.message and "--encoding" in error.message


def test_encoding_option_reads_latin1_deliberately():
    data = "T\n\n1920\n\ncaf\xe9\n".encode("latin-1")
    assert parse(decode(data, "x.txt", "latin-1")).paragraphs[0].text == "caf\xe9"
