"""Which schema `validate` uses without --schema: xml-model, tei-edition, tei_all, or exit 2.

Fixtures in tests/cases/schema-choice/: documents whose verdict tells which schema checked
them (body/p is valid against tiny.rng/tiny.xsd and tei_all but refused by our XSD; body/div
the other way round), two tiny grammars, and OASIS catalogs mapping http(s) URLs to them.
Every test runs in an empty cwd with no $TEI_EDITION_TEI_ALL and no $XML_CATALOG_FILES, so
the project's own source/edition.toml does not decide for it.
"""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import pytest
from junitparser import JUnitXml
from lxml import etree

from tei_edition.cli import cli
from tei_edition.errors import UsageError
from tei_edition.validate import iter_issues, validate
from tei_edition.validate.choose import CATALOG_ENV, TEI_ALL_URL, Chooser
from tei_edition.validate.schemas import OUR_XSD, TEI_ALL_ENV

from .conftest import CASES, SHARED, TEI_ALL

schemas = importlib.import_module("tei_edition.validate.schemas")

C = CASES / "schema-choice"
TINY_RNG = str((C / "grammars" / "tiny.rng").resolve())
TINY_XSD = str((C / "grammars" / "tiny.xsd").resolve())
OURS = str(OUR_XSD.resolve())
CATALOG = C / "catalog" / "catalog.xml"
SAMPLES = SHARED / "tei-samples"


@pytest.fixture(autouse=True)
def clean(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(TEI_ALL_ENV, raising=False)
    monkeypatch.delenv(CATALOG_ENV, raising=False)
    monkeypatch.chdir(tmp_path)


def chosen(path: Path, **options) -> tuple[list[str], str]:  # type: ignore[no-untyped-def]
    report = validate([path], **options)
    choice = report.choices[str(path)]
    return report.schemas_for(str(path)), choice.by


# -- 1. the document's own xml-model ----------------------------------------------------


@pytest.mark.parametrize(("name", "schema", "rule"), [
    ("relative-rng", TINY_RNG, "rng"),
    ("relative-xsd", TINY_XSD, "xsd"),
])
def test_relative_xml_model_is_used(name, schema, rule):
    good, bad = C / f"{name}.xml", C / f"{name}-invalid.xml"
    report = validate([good, bad])
    assert report.schemas == [schema]
    assert report.choices[str(good)].by == "xml-model"
    assert report.invalid == [str(bad)]  # body/div: fine for our XSD, not for the tiny one
    assert {i.rule for i in report.issues} == {rule}


def test_xml_model_without_schematypens_is_recognised_by_its_extension():
    assert chosen(C / "by-extension.xml") == ([TINY_RNG], "xml-model")


def test_file_url_is_local(tmp_path):
    doc = tmp_path / "doc.xml"
    doc.write_text((C / "relative-rng.xml").read_text(encoding="utf-8").replace(
        'href="grammars/tiny.rng"', f'href="{Path(TINY_RNG).as_uri()}"'), encoding="utf-8")
    assert chosen(doc) == ([TINY_RNG], "xml-model")
    assert validate([doc]).ok


def test_a_missing_local_grammar_is_passed_over_with_a_note():
    path = C / "missing-local.xml"
    report = validate([path])
    assert report.schemas_for(str(path)) == [TINY_XSD] and report.ok
    [note] = report.choices[str(path)].notes
    assert "grammars/absent.rng" in note and "no such file" in note


def test_a_commented_out_xml_model_is_no_association(monkeypatch):
    monkeypatch.setenv(TEI_ALL_ENV, TINY_RNG)  # stands in for tei_all: quick to compile
    assert chosen(C / "commented-out.xml") == ([TINY_RNG], "tei_all")


def test_explicit_schema_overrides_the_xml_model():
    report = validate([C / "relative-rng-invalid.xml"], [OUR_XSD])
    assert report.ok and report.schemas == [OURS]
    assert report.choices[str(C / "relative-rng-invalid.xml")].by == "--schema"


# -- catalogs ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["option", "env"])
def test_catalog_maps_urls_to_local_grammars(monkeypatch, how):
    options = {}
    if how == "option":
        options["catalogs"] = [CATALOG]
    else:
        monkeypatch.setenv(CATALOG_ENV, f"/nonexistent/catalog.xml {CATALOG.as_uri()}")
    # a uri entry; a rewriteURI in a nextCatalog, under xml:base (next.xml loops back)
    assert chosen(C / "url-mapped.xml", **options) == ([TINY_RNG], "xml-model")
    assert chosen(C / "url-rewritten.xml", **options) == ([TINY_XSD], "xml-model")


def test_catalog_option_on_the_command_line(runner):
    result = runner.invoke(cli, ["validate", "--catalog", str(CATALOG), "--format", "json",
                                 str(C / "url-mapped.xml")])
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.stdout)["files"]
    assert entry["schemas"] == [TINY_RNG] and entry["schema_chosen_by"] == "xml-model"


def test_missing_or_broken_catalog_given_is_a_usage_error(runner, tmp_path):
    (tmp_path / "bad.xml").write_text("<notacatalog/>", encoding="utf-8")
    for catalog in (tmp_path / "none.xml", tmp_path / "bad.xml"):
        result = runner.invoke(cli, ["validate", "--catalog", str(catalog),
                                     str(C / "url-mapped.xml")])
        assert result.exit_code == 2, result.output
        assert str(catalog) in result.stderr


# What the conftest http_server serves: a grammar that would make the document valid.
HTTP_BODY = (C / "grammars" / "tiny.rng").read_bytes()


def test_an_unmapped_url_is_never_fetched(runner, tmp_path, monkeypatch, http_server):
    base, requests = http_server
    doc = tmp_path / "doc.xml"
    doc.write_text((C / "relative-rng-invalid.xml").read_text(encoding="utf-8").replace(
        'href="grammars/tiny.rng"', f'href="{base}/tiny.rng"'), encoding="utf-8")
    # Nothing else associated: a usage error that says the URL was not fetched.
    result = runner.invoke(cli, ["validate", str(doc)])
    assert result.exit_code == 2, result.output
    assert f"{base}/tiny.rng not fetched" in result.stderr and str(doc) in result.stderr
    # With tei_all configured (our XSD stands in for it), the file falls through to it.
    monkeypatch.setenv(TEI_ALL_ENV, str(OUR_XSD))
    result = runner.invoke(cli, ["validate", "--catalog", str(CATALOG), str(doc)])
    assert result.exit_code == 0, result.output
    assert f"note: {doc}: xml-model {base}/tiny.rng not fetched" in result.stderr
    assert requests == []


def test_a_catalog_mapping_to_another_url_is_not_fetched(tmp_path, monkeypatch, http_server):
    base, requests = http_server
    catalog = tmp_path / "catalog.xml"
    catalog.write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        f'<uri name="http://schemas.example.org/tiny/tiny.rng" uri="{base}/tiny.rng"/>'
        "</catalog>", encoding="utf-8")
    monkeypatch.setenv(TEI_ALL_ENV, str(OUR_XSD))
    report = validate([C / "url-mapped.xml"], catalogs=[catalog])
    choice = report.choices[str(C / "url-mapped.xml")]
    assert choice.by == "tei_all" and "a URL, which is not fetched" in choice.notes[0]
    assert requests == []


# -- 2. made by tei-edition; 3. tei_all; 4. exit 2 --------------------------------------


def test_a_tei_edition_document_is_checked_against_schema_even_with_tei_all(monkeypatch):
    monkeypatch.setenv(TEI_ALL_ENV, TINY_RNG)
    assert chosen(C / "made-by-tei-edition.xml") == ([OURS], "tei-edition")


def test_schematron_only_falls_through_with_a_note(monkeypatch):
    monkeypatch.setenv(TEI_ALL_ENV, TINY_RNG)
    path = C / "schematron-only.xml"
    report = validate([path])
    assert report.choices[str(path)].by == "tei_all" and report.ok
    assert "Schematron only" in report.choices[str(path)].notes[0]


def test_tei_all_from_an_edition_toml_above_the_file(tmp_path):
    (tmp_path / "edition.toml").write_text(f'[edition]\ntei-all = "{TINY_RNG}"\n',
                                           encoding="utf-8")
    (tmp_path / "data").mkdir()
    doc = tmp_path / "data" / "doc.xml"
    shutil.copy(C / "no-association.xml", doc)
    assert chosen(doc) == ([TINY_RNG], "tei_all")


def test_tei_all_from_source_edition_toml_of_the_cwd(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "edition.toml").write_text(
        f'[edition]\ntei-all = "{TINY_XSD}"\n', encoding="utf-8")
    assert chosen(C / "no-association.xml") == ([TINY_XSD], "tei_all")


def test_no_association_and_no_tei_all_is_a_usage_error(runner):
    path = C / "no-association.xml"
    result = runner.invoke(cli, ["validate", str(path), str(C / "relative-rng.xml")])
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: no schema for {path}: ")
    for advice in ("--schema", "<?xml-model", TEI_ALL_ENV, TEI_ALL_URL):
        assert advice in line
    assert result.stdout == ""  # nothing was validated
    with pytest.raises(UsageError, match="no schema for"):
        validate([path])


@pytest.mark.skipif(not (SAMPLES / "valid").is_dir(), reason=f"{SAMPLES} is absent")
def test_valid_third_party_tei_without_tei_all_exits_2_helpfully(runner):
    path = SAMPLES / "valid" / "escher_K_3182_AE_an_von_Roeder_1878-07-09.xml"
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert f"no schema for {path}" in result.stderr
    assert TEI_ALL_ENV in result.stderr and "--schema" in result.stderr


@pytest.mark.skipif(not (SAMPLES / "valid").is_dir() or not TEI_ALL.is_file(),
                    reason=f"{SAMPLES} or {TEI_ALL} is absent")
def test_real_world_valid_samples_are_valid_against_tei_all_by_default(runner, monkeypatch):
    # Schemas only: the samples point into registers that are not shipped (integrity
    # rules would report those). isicily is valid only after XInclude, which is processed.
    monkeypatch.setenv(TEI_ALL_ENV, str(TEI_ALL))
    result = runner.invoke(cli, ["validate", "--no-rules", "--format", "json",
                                 str(SAMPLES / "valid")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 10 and data["summary"]["invalid"] == 0
    assert {tuple(f["schemas"]) for f in data["files"]} == {(str(TEI_ALL.resolve()),)}
    # the URLs their xml-models name are reported, not fetched
    assert "not fetched" in result.stderr and "https://dracor.org/schema.rng" in result.stderr


# -- the one-document API ------------------------------------------------------------


def test_iter_issues_chooses_too(monkeypatch):
    assert iter_issues(C / "relative-rng.xml") == []
    tree = etree.parse(str(C / "relative-rng-invalid.xml"))
    assert {i.rule for i in iter_issues(tree)} == {"rng"}  # relative to the tree's URL
    made = etree.parse(str(C / "made-by-tei-edition.xml"))
    assert iter_issues(etree.ElementTree(made.getroot())) == []  # no URL: rule 2
    with pytest.raises(UsageError, match="no schema for"):
        iter_issues(C / "no-association.xml")


# -- compiled once, shared by workers, reported ------------------------------------------


def test_many_files_naming_one_grammar_compile_it_once(tmp_path, monkeypatch):
    grammar = tmp_path / "g" / "tiny.rng"  # a fresh path: not compiled by earlier tests
    grammar.parent.mkdir()
    shutil.copy(TINY_RNG, grammar)
    text = (C / "relative-rng.xml").read_text(encoding="utf-8").replace(
        "grammars/tiny.rng", "../g/tiny.rng")
    (tmp_path / "docs").mkdir()
    files = []
    for n in range(40):
        files.append(tmp_path / "docs" / f"d{n:02}.xml")
        files[-1].write_text(text if n % 4 else text.replace("<p>Text.</p>", "<div/>"),
                             encoding="utf-8")
    made: list[Path] = []
    original = schemas.RNGSchema

    class Counted(original):  # type: ignore[misc, valid-type]
        def __init__(self, path: Path, grammar: etree._ElementTree) -> None:
            made.append(path)
            super().__init__(path, grammar)

    monkeypatch.setattr(schemas, "RNGSchema", Counted)
    one = validate([tmp_path / "docs"], jobs=1)
    two = validate([tmp_path / "docs"], jobs=2)
    assert made == [grammar.resolve()]
    assert one.issues == two.issues and len(one.invalid) == 10
    assert one.choices == two.choices


def test_mixed_run_groups_schemas_in_the_text_report(runner, monkeypatch):
    monkeypatch.setenv(TEI_ALL_ENV, TINY_XSD)
    files = [C / "relative-rng.xml", C / "by-extension.xml", C / "made-by-tei-edition.xml",
             C / "no-association.xml", C / "schematron-only.xml"]
    result = runner.invoke(cli, ["validate", "--jobs", "2", *map(str, files)])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert f"checked against {TINY_RNG}: 2 file(s) (named by their xml-model)" in lines
    assert f"checked against {OURS}: 1 file(s) (made by tei-edition)" in lines
    assert f"checked against {TINY_XSD}: 2 file(s) (no association: tei_all)" in lines
    assert any(line.startswith(f"note: {C / 'schematron-only.xml'}: ") for line in lines)
    assert lines[-1].startswith("5 file(s) checked against ")
    assert len(lines) == 5


def test_one_explicit_schema_adds_no_lines(runner):
    result = runner.invoke(cli, ["validate", "--schema", TINY_RNG, str(C / "relative-rng.xml")])
    assert result.exit_code == 0
    assert result.stderr == f"1 file(s) checked against {TINY_RNG}: 1 valid, 0 invalid\n"


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "github"])
def test_report_formats_record_the_schema_per_file(runner, tmp_path, fmt):
    files = [C / "relative-rng.xml", C / "relative-xsd-invalid.xml"]
    result = runner.invoke(cli, ["validate", "--format", fmt, *map(str, files)])
    assert result.exit_code == 1, result.output
    if fmt == "json":
        data = json.loads(result.stdout)
        assert [f["schemas"] for f in data["files"]] == [[TINY_RNG], [TINY_XSD]]
        assert {f["schema_chosen_by"] for f in data["files"]} == {"xml-model"}
        assert data["schemas"] == [TINY_RNG, TINY_XSD]
    elif fmt == "junit":
        path = tmp_path / "junit.xml"
        path.write_text(result.stdout, encoding="utf-8")
        [suite] = list(JUnitXml.fromfile(str(path)))
        assert [p.value for p in suite.properties()] == [TINY_RNG, TINY_XSD]
        assert suite.failures == 1
    elif fmt == "sarif":
        [run] = json.loads(result.stdout)["runs"]
        assert [a["properties"]["schemas"] for a in run["artifacts"]] == [[TINY_RNG],
                                                                          [TINY_XSD]]
    else:
        assert result.stdout.startswith(f"::error file={files[1]}")


def test_a_broken_grammar_named_by_xml_model_is_a_usage_error_naming_the_file(tmp_path,
                                                                               runner):
    (tmp_path / "broken.rng").write_text("<notagrammar/>", encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text((C / "relative-rng.xml").read_text(encoding="utf-8").replace(
        "grammars/tiny.rng", "broken.rng"), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(doc)])
    assert result.exit_code == 2, result.output
    assert "broken.rng" in result.stderr and str(doc) in result.stderr


def test_an_unreadable_file_needs_no_schema(runner, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1  # reported as not well-formed, not as "no schema"
    assert "[wellformed]" in result.stdout


def test_chooser_reads_no_further_than_the_header(tmp_path):
    # Malformed 400 KB after its header (beyond the parser's first chunks): choosing
    # stops at the header and succeeds; checking then reports the error.
    doc = tmp_path / "doc.xml"
    text = (C / "relative-rng.xml").read_text(encoding="utf-8").replace(
        "grammars/tiny.rng", TINY_RNG)
    doc.write_text(text.replace("</body>", "<p>Text.</p>" * 40_000 + "<oops></body>"),
                   encoding="utf-8")
    assert Chooser().for_file(doc).schemas == (TINY_RNG,)
    assert [i.rule for i in validate([doc]).issues] == ["wellformed"]


def test_a_grammar_that_includes_a_url_is_refused_without_a_request(runner, tmp_path,
                                                                      http_server):
    base, requests = http_server
    (tmp_path / "g.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0">'
        f'<start><externalRef href="{base}/tiny.rng"/></start></grammar>', encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text((C / "relative-rng.xml").read_text(encoding="utf-8").replace(
        "grammars/tiny.rng", "g.rng"), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(doc)])
    assert result.exit_code == 2, result.output
    assert "cannot compile schema" in result.stderr and requests == []


def test_an_xml_model_naming_a_private_file_leaks_nothing(runner, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-8c1f2e\n", encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text((C / "relative-rng.xml").read_text(encoding="utf-8").replace(
        'href="grammars/tiny.rng"', f'href="{secret.as_uri()}"'), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(doc)])
    assert result.exit_code == 2, result.output  # not a schema: a usage error naming it
    assert str(secret) in result.stderr and "TOKEN-8c1f2e" not in result.output
