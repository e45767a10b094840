"""Letters, leaflets, decrees and undated papers (docs/transcription-format.md, "Letters").

Golden cases: each ``tests/cases/letters/NAME.txt`` converts (with the register and
edition.toml beside it) to TEI valid against our schema and tei_all, gives the file
back byte for byte through the diplomatic export, and encodes as
``NAME.expected.xml`` says: the ``profileDesc/creation`` and the ``text`` element,
compared canonically. ``TEI_EDITION_UPDATE_GOLDEN=1`` rewrites the expected files
(review the diff before committing them).
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.cli import cli
from tei_edition.convert import Sources, convert
from tei_edition.errors import SourceError, TranscriptionError
from tei_edition.export import transform
from tei_edition.letters import default_words, load
from tei_edition.transcription import normalise, parse
from tei_edition.validate import our_schema
from tei_edition.xmlio import NSMAP, TEI_NS

from .conftest import CASES

LETTERS = CASES / "letters"
TEXTS = sorted(LETTERS.glob("*.txt"))
UPDATE = os.environ.get("TEI_EDITION_UPDATE_GOLDEN") == "1"


def _parts(tree: etree._ElementTree) -> list[etree._Element]:
    root = tree.getroot()
    return [root.find("tei:teiHeader/tei:profileDesc/tei:creation", NSMAP),
            root.find("tei:text", NSMAP)]


def _c14n(el: etree._Element) -> bytes:
    return etree.tostring(copy.deepcopy(el), method="c14n")


@pytest.fixture(scope="module")
def sources() -> Sources:
    return Sources.load(LETTERS)


@pytest.fixture(scope="module")
def converted(sources: Sources) -> dict[str, etree._ElementTree]:
    return {txt.stem: convert(txt, sources) for txt in TEXTS}


def test_every_case_has_its_expected_encoding() -> None:
    assert len(TEXTS) >= 9
    missing = [t.name for t in TEXTS if not t.with_suffix(".expected.xml").is_file()]
    assert UPDATE or not missing, f"no .expected.xml for {missing}"


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.stem)
def test_case_encodes_as_expected(txt: Path, converted) -> None:
    tree = converted[txt.stem]
    expected_path = txt.with_suffix(".expected.xml")
    if UPDATE:
        wrapper = etree.Element(f"{{{TEI_NS}}}expected", nsmap={None: TEI_NS})
        wrapper.text = "\n  "
        for part in _parts(tree):
            wrapper.append(copy.deepcopy(part))
            wrapper[-1].tail = "\n  "
        wrapper[-1].tail = "\n"
        etree.ElementTree(wrapper).write(str(expected_path), encoding="UTF-8",
                                         xml_declaration=True)
    expected = etree.parse(str(expected_path)).getroot()
    for got, want in zip(_parts(tree), expected, strict=True):
        assert _c14n(got).decode() == _c14n(want).decode()


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.stem)
def test_case_is_valid_and_round_trips(txt: Path, converted, tei_all) -> None:
    tree = converted[txt.stem]
    assert [i.render() for i in our_schema().iter_issues(tree, str(txt))] == []
    assert [i.render() for i in tei_all.iter_issues(tree, str(txt))] == []
    assert transform(tree, "diplomatic") == normalise(txt.read_text("utf-8")).encode()


def test_diplomatic_cli_round_trips_a_letter(tmp_path, runner) -> None:
    txt = LETTERS / "1849-weydemeyer-undated.txt"
    xml = tmp_path / "letter.xml"
    assert runner.invoke(cli, ["convert", str(txt), "-o", str(xml)]).exit_code == 0
    result = runner.invoke(cli, ["export", "text", "--diplomatic", str(xml),
                                  "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "letter.txt").read_bytes() == txt.read_bytes()


def test_dateline_place_is_linked_to_the_register(converted) -> None:
    tree = converted["1849-05-03-lincoln-to-speed"]
    [place] = tree.getroot().iterfind(".//tei:opener/tei:dateline/tei:placeName", NSMAP)
    assert (place.text, place.get("ref")) == ("Springfield, Ills.", "register.xml#springfield")


def test_signatories_are_tagged_from_the_register(converted) -> None:
    tree = converted["1848-03-demands"]
    signed = tree.getroot().findall(".//tei:closer/tei:signed", NSMAP)
    assert "".join(signed[0].itertext()) == "The Committee:"
    refs = [el.get("ref").rpartition("#")[2] for el in signed[1].iterfind("tei:persName", NSMAP)]
    assert refs == ["marx", "schapper", "bauer", "engels", "moll", "wolff"]


# -- the grammar, on small inputs ------------------------------------------------------

HEAD = "Letter\n\nSpringfield, Ills., May 3, 1849\n\n"


def test_letter_furniture() -> None:
    doc = parse(HEAD + "Dear Speed:\n\nBody.\n\nMore body.\n\nYour friend, as ever\n\n"
                "A. Lincoln\n\nP.S. One.\n\nIts second paragraph.\n\nP.P.S. Two.\n")
    assert doc.date_line is not None and doc.date_line.place == "Springfield, Ills."
    assert doc.salute is not None and doc.salute.text == "Dear Speed:"
    assert [p.text for p in doc.paragraphs] == ["Body.", "More body."]
    assert doc.closer is not None and doc.closer.salute is not None
    assert doc.closer.salute.text == "Your friend, as ever"
    assert [b.text for b in doc.closer.signed] == ["A. Lincoln"]
    assert [ps.label for ps in doc.postscripts] == ["P.S.", "P.P.S."]
    assert [b.text for b in doc.postscripts[0].blocks] == [" One.", "Its second paragraph."]


def test_signature_under_the_close_in_one_block() -> None:
    doc = parse(HEAD + "My dear Sir,\n\nBody.\n\nYours truly,\nA. Lincoln\n")
    assert doc.closer is not None
    assert doc.closer.salute is not None and doc.closer.salute.text == "Yours truly,"
    [signed] = doc.closer.signed
    assert (signed.text, signed.gap_before, signed.line) == ("A. Lincoln", 0, 10)


@pytest.mark.parametrize(
    "body",
    [
        "Dear friends of the cause, we write to you today at some length about the "
        "matters of the meeting:\n\nBody.\n",  # too long for a salutation
        "Dear Speed\n\nBody.\n",  # no closing punctuation
        "Dear Speed,\nand Fanny,\n\nBody.\n",  # two lines
        "Body.\n\nDear Speed:\n\nMore.\n",  # not the first body block
        "dear Speed,\n\nBody.\n",  # not as listed (case matters)
        "Dear Speed:\n",  # nothing after it: the paragraph itself
    ],
)
def test_no_salute(body: str) -> None:
    assert parse(HEAD + body).salute is None


@pytest.mark.parametrize(
    "body",
    [
        "Body.\n\nYours truly,\n",  # a close without a signature
        "Body.\n\nYours is the future, friend, and the future is long in coming.\n\nA. L.\n",
        "Yours truly,\n\nA. Lincoln\n",  # would leave no paragraph
        "Body.\n\nYours truly,\n\nA. Lincoln\n\nand a last paragraph that goes on and on "
        "for much longer than any name.\n",
        "Body.\n\nKarl Marx and the others\n",  # not a list
        "Body.\n\nKarl Marx, and the others\n",  # a lower-case name
        "Body.\n\nParis\n",  # one name is no list
    ],
)
def test_no_closer(body: str) -> None:
    assert parse(HEAD + body).closer is None


def test_signatories_with_and_without_their_label() -> None:
    doc = parse(HEAD + "Body.\n\nThe Committee:\n\nKarl Marx, Karl Schapper, H. Bauer\n")
    assert doc.closer is not None and doc.closer.salute is None
    assert [b.text for b in doc.closer.signed] == ["The Committee:",
                                                   "Karl Marx, Karl Schapper, H. Bauer"]
    doc = parse(HEAD + "Body.\n\nGarnier-Pagès, Louis Blanc,\nLudwig von Westphalen.\n")
    assert doc.closer is not None and len(doc.closer.signed) == 1
    # The label alone, without a list under it, is a paragraph.
    assert parse(HEAD + "Body.\n\nThe Committee:\n").closer is None


def test_postscript_needs_a_paragraph_before_it() -> None:
    doc = parse(HEAD + "P.S. not a postscript\n\nBody.\n")
    assert doc.postscripts == [] and doc.paragraphs[0].text == "P.S. not a postscript"


def test_numbered_clauses_without_markers_are_paragraphs() -> None:
    doc = parse("Decree\n\nParis, February 25, 1848\n\nPreamble.\n\n1. First.\n\n2. Second.\n")
    assert [p.label for p in doc.paragraphs] == [None, "1.", "2."]
    assert doc.notes == {}


def test_numbered_clauses_and_endnotes() -> None:
    doc = parse("Decree\n\n1848\n\nPreamble [1].\n\n1. First.\n\n2. Second.\n\n1. A note.\n")
    assert [p.label for p in doc.paragraphs] == [None, "1.", "2."]
    assert list(doc.notes) == [1]


def test_a_marker_without_its_endnote_is_still_refused() -> None:
    with pytest.raises(TranscriptionError, match=r"note marker \[1\] has no endnote"):
        parse("Decree\n\n1848\n\nPreamble [1].\n\nThe Committee:\n\nA. B., C. D.\n")
    # With markers, trailing numbered blocks are endnotes, and each needs its marker.
    with pytest.raises(TranscriptionError, match="endnote 1 has no marker"):
        parse("Decree\n\n1848\n\nPreamble [2].\n\n1. First.\n\n2. Second.\n")


def test_an_endnote_without_its_marker_is_still_refused() -> None:
    with pytest.raises(TranscriptionError, match="endnote 2 has no marker"):
        parse("Decree\n\n1848\n\nPreamble [1].\n\n1. A note.\n\n2. Another.\n")


def test_missing_date_line_says_how_to_write_an_undated_paper() -> None:
    with pytest.raises(TranscriptionError, match=r"'n\.d\.' or '\[undated\]'") as info:
        parse("Fragment\n\nSome text.\n\nMore text.\n", "x.txt")
    assert info.value.render().startswith("x.txt:1: error: no date line")


def test_undated_paper() -> None:
    doc = parse("Fragment\n\nn.d.\n\nSome text.\n")
    assert doc.date_line is not None and doc.date_line.undated
    assert doc.date_attrs == {}


# -- letter-words.toml ------------------------------------------------------------------


def test_default_words_are_shipped() -> None:
    words = default_words()
    assert {"Dear", "My dear", "Sehr geehrter", "Lieber", "Cher", "Monsieur"} <= set(
        words.salutations)
    assert {"Yours", "Your friend", "Ever yours", "Ihr", "Votre", "Mit herzlichem Gruß"} <= set(
        words.closings)
    assert {"P.S.", "P.P.S.", "PS", "N.S.", "Nachschrift"} <= set(words.postscripts)


def test_source_words_extend_the_defaults(tmp_path) -> None:
    (tmp_path / "letter-words.toml").write_text('salutations = ["Hochverehrter"]\n', "utf-8")
    words = load(tmp_path / "letter-words.toml")
    assert "Hochverehrter" in words.salutations and "Dear" in words.salutations
    (tmp_path / "doc.txt").write_text(
        "Brief\n\n1848\n\nHochverehrter Freund,\n\nText.\n", "utf-8")
    tree = convert(tmp_path / "doc.txt")
    assert tree.getroot().find(".//tei:opener/tei:salute", NSMAP) is not None


def test_source_words_replace_the_lists_they_name(tmp_path) -> None:
    path = tmp_path / "letter-words.toml"
    path.write_text('replace = ["closings"]\nclosings = ["Salut"]\n', "utf-8")
    words = load(path)
    assert words.closings == ("Salut",)
    assert words.salutations == default_words().salutations


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('salutations = ["Dear"]\nclosers = ["Yours"]\n', "unknown key 'closers'", 2),
        ('salutations = "Dear"\n', "'salutations' must be a list", 1),
        ('replace = ["names"]\n', "'replace' must list", 1),
        ("salutations = [\n", "not valid TOML", None),
    ],
)
def test_bad_letter_words_are_refused_with_their_line(tmp_path, text, message, line) -> None:
    path = tmp_path / "letter-words.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(SourceError, match=message) as info:
        load(path)
    assert info.value.line == line
