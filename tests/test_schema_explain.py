"""Explaining an invalid document: every error, at the offending node, with a useful message.

RELAX NG: tei_all is never compiled whole; each failing element is checked on its own
level against a small grammar (see RNGSchema). XSD: a content-model error names the child
it rejects. Schemas are always given explicitly (the default choice is not tested here).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_edition.issues import Issue
from tei_edition.validate import load_schema, validate
from tei_edition.validate.schemas import MAX_ERRORS_ENV, OUR_XSD, RNGSchema

from .conftest import CASES

RNG_CASES = CASES / "validate" / "rng"
XSD_CASES = CASES / "validate" / "xsd"


@pytest.fixture
def no_full_grammar(tei_all, monkeypatch):  # type: ignore[no-untyped-def]
    """Explaining must not fall back to compiling the whole of tei_all (13 s)."""
    def refuse(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the full grammar was compiled")
    monkeypatch.setattr(RNGSchema, "full", refuse)
    return tei_all


def rng_issues(path: Path, schema) -> list[Issue]:  # type: ignore[no-untyped-def]
    return validate([path], [schema], rules=False).issues


def test_more_than_fifty_errors_are_all_reported(no_full_grammar):
    issues = rng_issues(RNG_CASES / "many-errors.xml", no_full_grammar)
    assert [i.line for i in issues] == list(range(13, 133))
    assert all("colour" in i.message and i.severity == "error" for i in issues)
    assert issues[-1].xpath == "/tei:TEI/tei:text/tei:body/tei:div/tei:p[120]"


def test_the_cap_says_how_many_were_left_out_and_how_to_see_them(no_full_grammar,
                                                                  monkeypatch):
    monkeypatch.setenv(MAX_ERRORS_ENV, "10")
    issues = rng_issues(RNG_CASES / "many-errors.xml", no_full_grammar)
    assert [i.line for i in issues if i.is_error] == list(range(13, 23))
    [note] = [i for i in issues if not i.is_error]
    assert "stopped after 10" in note.message
    assert "at least 110 more" in note.message
    assert MAX_ERRORS_ENV in note.message


def test_each_kind_of_error_is_reported_at_its_node(no_full_grammar):
    issues = rng_issues(RNG_CASES / "varied.xml", no_full_grammar)
    found = {i.line: i.message for i in issues}
    assert sorted(found) == [5, 8, 10, 15, 21, 22, 23]
    assert "status" in found[5]
    assert found[8] == "Element titleStmt is incomplete: expected element title"
    assert "text" in found[10] and "sourceDesc" in found[10]
    assert found[15] == "Did not expect element p there"
    assert "did you mean persName?" in found[21]
    assert "head" in found[22]
    assert found[23] == "Invalid value 'yesterday' of attribute when for element date"


def test_missing_required_child_is_reported_once_its_wrong_children_are_skipped(
        no_full_grammar, tmp_path):
    # As Jing does: the wrong children are reported, then the element is incomplete.
    doc = (RNG_CASES / "many-errors.xml").read_text().replace(
        "<titleStmt><title>Many errors</title></titleStmt>",
        "<titleStmt>\n<name>A</name>\n</titleStmt>")
    (tmp_path / "d.xml").write_text(doc)
    issues = [i for i in rng_issues(tmp_path / "d.xml", no_full_grammar)
              if "colour" not in i.message]
    assert [(i.line, i.message) for i in issues] == [
        (7, "Element titleStmt is incomplete: expected element title"),
        (8, "Did not expect element name there"),
    ]


def test_a_wrong_document_element_is_reported_and_its_content_still_checked(no_full_grammar):
    issues = rng_issues(RNG_CASES / "wrong-root.xml", no_full_grammar)
    assert [i.line for i in issues] == [4, 4]
    assert "document element must be TEI or teiCorpus" in issues[0].message
    assert "colour" in issues[1].message


def test_existing_rng_cases_are_explained_without_the_full_grammar(no_full_grammar):
    for case in ("two-errors.xml", "missing-child-and-attribute.xml"):
        assert [i.line for i in rng_issues(RNG_CASES / case, no_full_grammar)] == [6, 11]


def test_a_level_grammar_is_compiled_once_per_element_name(tei_all):
    rng_issues(RNG_CASES / "many-errors.xml", tei_all)
    level = tei_all._levels[("http://www.tei-c.org/ns/1.0", "p")]
    rng_issues(RNG_CASES / "varied.xml", tei_all)
    assert tei_all._levels[("http://www.tei-c.org/ns/1.0", "p")] is level


SMALL = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><ref name="list"/></start>
  <define name="list"><element name="list">
    <oneOrMore><ref name="item"/></oneOrMore></element></define>
  <define name="item"><element name="item">
    <attribute name="n"><data type="integer"/></attribute><text/></element></define>
</grammar>"""


def test_a_small_grammar_reports_every_error(tmp_path):
    (tmp_path / "s.rng").write_text(SMALL)
    (tmp_path / "d.xml").write_text(
        '<list>\n<item n="1">a</item>\n<item n="x">b</item>\n<other/>\n<item n="2"/>\n'
        '<item n="y">c</item>\n</list>')
    issues = rng_issues(tmp_path / "d.xml", load_schema(tmp_path / "s.rng"))
    assert [(i.line, i.message) for i in issues] == [
        (3, "Invalid value 'x' of attribute n for element item (not a valid integer)"),
        (4, "Did not expect element other there"),
        (6, "Invalid value 'y' of attribute n for element item (not a valid integer)"),
    ]


def test_a_grammar_with_include_is_explained_the_slow_way(tmp_path):
    (tmp_path / "part.rng").write_text(SMALL)
    (tmp_path / "s.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="part.rng"/>'
        '</grammar>')
    (tmp_path / "d.xml").write_text('<list>\n<item n="x">b</item>\n<other/>\n</list>')
    issues = rng_issues(tmp_path / "d.xml", load_schema(tmp_path / "s.rng"))
    assert [i.line for i in issues] == [2, 3]


# -- XSD ------------------------------------------------------------------------------


def test_xsd_content_model_error_is_at_the_misplaced_child_not_its_parent():
    issues = validate([XSD_CASES / "misplaced-child.xml"], [OUR_XSD], rules=False).issues
    assert [(i.line, i.xpath) for i in issues] == [
        (8, "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt[2]"),
        (16, "/tei:TEI/tei:text/tei:body/tei:div/tei:docDate"),
    ]
    assert "docDate" in issues[1].message
