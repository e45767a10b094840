"""Validation: every rule on small fixtures, the engine (files, streaming, jobs) and the CLI.

Fixtures live in tests/cases/validate/<rule>/; each is a minimal TEI document that is
valid against schema/tei-edition.xsd except for the one thing its comment names.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tei_edition.cli import cli
from tei_edition.errors import UsageError
from tei_edition.validate import is_valid, iter_issues, load_schema
from tei_edition.validate.schemas import OUR_XSD
from tei_edition.validate.stream import STREAM_THRESHOLD

from .conftest import CASES, SOURCE

# The package exports the function ``validate``, which shadows the subpackage name.
engine = importlib.import_module("tei_edition.validate")
xinclude = importlib.import_module("tei_edition.validate.xinclude")

V = CASES / "validate"
MINIMAL = CASES / "schema" / "valid" / "minimal.xml"
SHARED = Path(__file__).resolve().parents[2] / "shared"
TEI_ALL_RNG = SHARED / "tei" / "tei_all.rng"
NAME = "1920-11-29-soviet-press"


# The fixtures are written for schema/tei-edition.xsd but not made by tei-edition, so
# they name it (the CLI's default would follow their association, else tei_all).
OURS = ["--schema", str(OUR_XSD)]


def validate(paths, schemas=None, **options) -> engine.Report:  # type: ignore[no-untyped-def]
    return engine.validate(paths, schemas or [OUR_XSD], **options)


def rules(issues) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(issue.rule for issue in issues)


def errors(issues, rule: str | None = None) -> list:  # type: ignore[no-untyped-def]
    return [i for i in issues if i.is_error and (rule is None or i.rule == rule)]


def minimal_with(paragraphs: str) -> str:
    """The minimal valid document with its one paragraph replaced."""
    return MINIMAL.read_text(encoding="utf-8").replace("<p>Text.</p>", paragraphs)


@pytest.fixture(scope="module")
def rng_tei_all():
    """tei_all, compiled once per process: spelt as the CLI spells it (a str), since
    load_schema caches per spelling and explaining an invalid document compiles the whole
    grammar (seconds)."""
    if not TEI_ALL_RNG.is_file():
        pytest.skip(f"official TEI schema not found at {TEI_ALL_RNG} (../shared is absent)")
    return load_schema(str(TEI_ALL_RNG))


# -- wellformed ----------------------------------------------------------------


def test_malformed_file_is_reported_with_line_and_column_not_raised():
    path = V / "wellformed" / "malformed.xml"
    report = validate([path])
    assert not report.ok
    assert report.unchecked == [str(path)]
    [issue] = report.issues
    assert (issue.rule, issue.severity, issue.line) == ("wellformed", "error", 5)
    assert issue.col is not None and issue.col > 1
    assert "title" in issue.message


def test_malformed_file_exits_1_and_prints_line_col(runner):
    path = V / "wellformed" / "malformed.xml"
    result = runner.invoke(cli, ["validate", *OURS, str(path)])
    assert result.exit_code == 1
    assert re.match(rf"{re.escape(str(path))}:5:\d+: error: \[wellformed\] ", result.stdout)
    assert "Traceback" not in result.output


def test_malformed_file_does_not_stop_the_others(runner):
    good = V / "date-iso" / "good.xml"
    result = runner.invoke(cli, ["validate", *OURS, str(V / "wellformed" / "malformed.xml"),
                                 str(good), "--format", "json"])
    assert result.exit_code == 1
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert files[str(good)]["valid"] is True
    assert files[str(V / "wellformed" / "malformed.xml")]["checked"] is False


# -- xinclude ------------------------------------------------------------------


def test_xinclude_of_a_sibling_file_validates():
    assert validate([V / "xinclude" / "sibling" / "main.xml"]).issues == []


def test_xinclude_of_a_sibling_file_validates_against_tei_all(rng_tei_all):
    report = validate([V / "xinclude" / "sibling" / "main.xml"], [rng_tei_all])
    assert report.ok, report.issues


def test_xinclude_content_is_validated():
    """The included paragraph's misspelt persname is found: inclusion really happened."""
    issues = validate([V / "xinclude" / "sibling" / "main-bad-part.xml"]).issues
    assert any("did you mean persName?" in i.message for i in errors(issues, "xsd"))


def test_xinclude_error_in_included_content_points_to_a_real_place():
    main = V / "xinclude" / "sibling" / "main-bad-part.xml"
    [issue] = [i for i in validate([main]).issues if "persname" in i.message]
    include_line = next(n for n, line in enumerate(main.read_text().splitlines(), 1)
                        if "xi:include" in line)
    assert (issue.file, issue.line) in {(str(main), include_line),
                                        (str(main.parent / "bad-part.xml"), 2)}


def test_xinclude_missing_target_with_fallback_uses_the_fallback():
    report = validate([V / "xinclude" / "fallback" / "main.xml"])
    assert report.ok and report.issues == []


def test_xinclude_missing_target_without_fallback_is_an_error(runner):
    path = V / "xinclude" / "missing" / "main.xml"
    report = validate([path])
    [issue] = report.issues
    assert (issue.rule, issue.severity, issue.line) == ("xinclude", "error", 12)
    assert "absent.xml" in issue.message and "fallback" in issue.message
    assert report.unchecked == [str(path)]
    assert runner.invoke(cli, ["validate", *OURS, str(path)]).exit_code == 1


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """Every file the XInclude processor parses."""
    seen: list[Path] = []
    real = xinclude.parse

    def spy(path):  # type: ignore[no-untyped-def]
        seen.append(Path(path).resolve())
        return real(path)

    monkeypatch.setattr(xinclude, "parse", spy)
    return seen


def test_xinclude_outside_the_documents_folder_is_refused_and_never_read(reads):
    path = V / "xinclude" / "outside" / "edition" / "main.xml"
    secret = (V / "xinclude" / "outside" / "secret.xml").resolve()
    report = validate([path])
    [issue] = report.issues
    assert issue.rule == "xinclude" and "refusing" in issue.message
    assert "outside the document's folder" in issue.message
    assert secret not in reads
    assert not report.ok


@pytest.mark.parametrize("spelling", ["absolute", "file-url", "symlink", "parse-text"])
def test_xinclude_other_ways_out_of_the_folder_are_refused(tmp_path, reads, spelling):
    secret = tmp_path / "secret.xml"
    secret.write_text('<p xmlns="http://www.tei-c.org/ns/1.0">secret</p>', encoding="utf-8")
    edition = tmp_path / "edition"
    edition.mkdir()
    href, extra = {
        "absolute": (str(secret), ""),
        "file-url": (secret.as_uri(), ""),
        "symlink": ("link.xml", ""),
        "parse-text": ("../secret.xml", ' parse="text"'),
    }[spelling]
    if spelling == "symlink":
        (edition / "link.xml").symlink_to(secret)
    doc = edition / "main.xml"
    doc.write_text(minimal_with(
        f'<p>Text <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{href}"{extra}/>'
        "</p>"), encoding="utf-8")
    [issue] = validate([doc]).issues
    assert issue.rule == "xinclude" and "refusing" in issue.message
    assert secret.resolve() not in reads


# What the conftest http_server serves: a valid paragraph, were it ever included.
HTTP_BODY = b'<p xmlns="http://www.tei-c.org/ns/1.0">From the network.</p>'


@pytest.mark.parametrize("fallback", [False, True], ids=["no-fallback", "fallback"])
def test_xinclude_of_an_http_url_is_refused_and_never_fetched(tmp_path, http_server, fallback):
    base, requests = http_server
    inner = "<xi:fallback>offline</xi:fallback>" if fallback else ""
    doc = tmp_path / "main.xml"
    doc.write_text(minimal_with(
        f'<p>Text <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="{base}/part.xml">{inner}</xi:include></p>'), encoding="utf-8")
    issues = validate([doc]).issues
    if fallback:
        assert issues == []
    else:
        [issue] = issues
        assert issue.rule == "xinclude" and "never URLs" in issue.message
    assert requests == []


# -- xsd -----------------------------------------------------------------------


def test_misspelt_element_gets_a_suggestion():
    [issue] = validate([V / "xsd" / "misspelt.xml"]).issues
    assert (issue.rule, issue.line) == ("xsd", 11)
    assert "persname" in issue.message
    assert "did you mean persName?" in issue.message


def test_every_schema_error_in_a_file_is_listed():
    issues = validate([V / "xsd" / "three-errors.xml"]).issues
    assert rules(issues) == ["xsd", "xsd", "xsd"]
    assert [i.line for i in issues] == [6, 12, 13]
    assert "colour" in issues[0].message
    assert "did you mean persName?" in issues[1].message
    assert "quantity" in issues[2].message


# -- rng -----------------------------------------------------------------------


def test_rng_two_independent_errors_are_both_reported(rng_tei_all):
    issues = validate([V / "rng" / "two-errors.xml"], [rng_tei_all], rules=False).issues
    assert rules(issues) == ["rng", "rng"]
    assert sorted(i.line for i in issues) == [6, 11]
    messages = " | ".join(i.message for i in issues)
    assert "colour" in messages
    assert "did you mean persName?" in messages


def test_rng_missing_required_child_is_reported_after_another_error(rng_tei_all):
    issues = validate([V / "rng" / "missing-child-and-attribute.xml"], [rng_tei_all],
                      rules=False).issues
    assert sorted(i.line for i in issues) == [6, 11]


def test_rng_valid_document_has_no_issues(rng_tei_all):
    assert validate([MINIMAL], [rng_tei_all]).issues == []


def test_rng_from_the_command_line(runner, rng_tei_all):
    result = runner.invoke(cli, ["validate", "--schema", str(TEI_ALL_RNG),
                                 str(V / "rng" / "two-errors.xml")])
    assert result.exit_code == 1
    assert result.stdout.count(": error: [rng] ") == 2
    assert "tei_all.rng" in result.stderr
    result = runner.invoke(cli, ["validate", "--schema", str(TEI_ALL_RNG), str(MINIMAL)])
    assert result.exit_code == 0, result.output


def test_a_schema_is_compiled_once_however_it_is_named(rng_tei_all, monkeypatch):
    monkeypatch.chdir(TEI_ALL_RNG.parent)
    assert load_schema(TEI_ALL_RNG) is rng_tei_all
    assert load_schema("tei_all.rng") is rng_tei_all


def test_schema_alias_tei_all_reads_the_environment(runner, rng_tei_all, monkeypatch):
    monkeypatch.setenv("TEI_EDITION_TEI_ALL", str(TEI_ALL_RNG))
    result = runner.invoke(cli, ["validate", "--schema", "tei_all", str(MINIMAL)])
    assert result.exit_code == 0, result.output
    assert "tei_all.rng" in result.stderr


def test_xsd_and_rng_together_each_report(rng_tei_all):
    issues = validate([V / "rng" / "two-errors.xml"], [engine.our_schema(), rng_tei_all],
                      rules=False).issues
    assert set(rules(issues)) == {"xsd", "rng"}


# -- id-unique -----------------------------------------------------------------


def test_duplicate_id_in_one_document():
    issues = validate([V / "id-unique" / "single" / "duplicate.xml"]).issues
    [issue] = errors(issues, "id-unique")
    assert issue.line == 13 and "'p1'" in issue.message and "line 12" in issue.message


def test_duplicate_id_across_two_files_of_one_edition():
    # Independent documents may reuse ids (TEI: unique per document); as one edition not.
    a, b = V / "id-unique" / "across" / "a.xml", V / "id-unique" / "across" / "b.xml"
    assert validate([a]).ok and validate([b]).ok
    assert validate([a, b]).issues == []
    report = validate([a, b], unique_ids=True)
    [issue] = errors(report.issues)
    assert issue.rule == "id-unique" and "'shared'" in issue.message
    assert {issue.file, *re.findall(r"also used in (\S+);", issue.message)} == {str(a), str(b)}
    assert report.invalid


def test_ids_scope_options(runner):
    folder = V / "id-unique" / "across"
    assert validate([folder], unique_ids=False).issues == []
    assert runner.invoke(cli, ["validate", *OURS, str(folder)]).exit_code == 0
    assert runner.invoke(cli, ["validate", *OURS, "--ids-scope", "edition", str(folder)]
                         ).exit_code == 1
    assert runner.invoke(cli, ["validate", *OURS, "--ids-scope", "document", str(folder)]
                         ).exit_code == 0
    # the old spellings still work
    assert runner.invoke(cli, ["validate", *OURS, "--unique-ids", str(folder)]).exit_code == 1
    assert runner.invoke(cli, ["validate", *OURS, "--per-document-ids", str(folder)]).exit_code == 0
    result = runner.invoke(cli, ["validate", *OURS, "--unique-ids", "--ids-scope", "document",
                                 str(folder)])
    assert result.exit_code == 2 and "contradicts" in result.output


def test_per_document_ids_still_catch_a_duplicate_within_a_document():
    issues = validate([V / "id-unique" / "single" / "duplicate.xml"], unique_ids=False).issues
    assert errors(issues, "id-unique")


def test_same_file_named_twice_is_checked_once(monkeypatch):
    monkeypatch.chdir(V / "id-unique" / "across")
    report = validate(["a.xml", Path("a.xml").resolve()])
    assert len(report.files) == 1 and report.issues == []


# -- ref-resolves --------------------------------------------------------------


def test_pointer_to_a_missing_id_in_the_same_document():
    [issue] = validate([V / "ref-resolves" / "local" / "missing.xml"]).issues
    assert (issue.rule, issue.line) == ("ref-resolves", 11)
    assert "#missing" in issue.message and "#here" not in issue.message


def test_pointer_to_an_existing_id_in_another_file():
    # other.xml is not in the run: it is read to learn its ids
    assert validate([V / "ref-resolves" / "files" / "to-existing-id.xml"]).issues == []


def test_pointer_to_a_missing_id_in_an_existing_file():
    [issue] = validate([V / "ref-resolves" / "files" / "to-missing-id.xml"]).issues
    assert issue.rule == "ref-resolves" and "other.xml#y" in issue.message
    assert "has no xml:id 'y'" in issue.message


def test_pointer_to_a_missing_file():
    [issue] = validate([V / "ref-resolves" / "files" / "to-missing-file.xml"]).issues
    assert issue.rule == "ref-resolves" and "not found" in issue.message
    assert "nofile.xml" in issue.message


def test_pointer_to_an_id_in_another_validated_file():
    # '#b-1' is a same-document reference: it resolves in b.xml only in edition scope.
    a, b = V / "ref-resolves" / "cross" / "a.xml", V / "ref-resolves" / "cross" / "b.xml"
    assert rules(validate([a]).issues) == ["ref-resolves"]
    [issue] = validate([a, b]).issues
    assert issue.rule == "ref-resolves" and "write 'b.xml#b-1'" in issue.message
    assert validate([a, b], unique_ids=True).issues == []
    assert validate([a.parent], unique_ids=True).issues == []


def test_pointers_with_a_uri_scheme_are_not_checked():
    assert validate([V / "ref-resolves" / "external" / "uris.xml"]).issues == []


@pytest.mark.parametrize("name", ["local/missing.xml", "files/to-missing-file.xml"])
def test_one_document_api_reports_dangling_pointers(name):
    path = V / "ref-resolves" / name
    assert rules(iter_issues(path, load_schema(OUR_XSD))) == ["ref-resolves"]
    assert not is_valid(path, load_schema(OUR_XSD))


# -- note-reachable ------------------------------------------------------------


def test_detached_note_nothing_points_to():
    [issue] = validate([V / "note-reachable" / "detached.xml"]).issues
    assert (issue.rule, issue.line) == ("note-reachable", 12)


def test_detached_note_pointed_at_by_a_marker_is_fine():
    assert validate([V / "note-reachable" / "pointed.xml"]).issues == []


def test_detached_note_with_an_id_nobody_points_to():
    [issue] = validate([V / "note-reachable" / "detached-with-id.xml"]).issues
    assert (issue.rule, issue.line) == ("note-reachable", 12) and "'n1'" in issue.message


def test_detached_note_with_target_is_fine():
    assert validate([V / "note-reachable" / "with-target.xml"]).issues == []


def test_inline_note_is_fine():
    assert validate([V / "note-reachable" / "inline.xml"]).issues == []


# -- date-iso, date-order, date-combination -----------------------------------


def test_month_13_is_not_an_iso_date():
    issues = validate([V / "date-iso" / "bad-month.xml"]).issues
    [issue] = errors(issues, "date-iso")
    assert issue.line == 11 and "1920-13-01" in issue.message


@pytest.mark.parametrize("value", ["1920-02-30", "1920-11-29T25:00:00", "20-11-29", "1920-1-5",
                                   "29.11.1920"])
def test_other_impossible_dates_are_not_iso_dates(tmp_path, value):
    doc = tmp_path / "d.xml"
    doc.write_text(minimal_with(f'<p><date when="{value}">d</date></p>'), encoding="utf-8")
    assert errors(validate([doc]).issues, "date-iso")


def test_year_month_and_day_precision_are_fine():
    assert validate([V / "date-iso" / "good.xml"]).issues == []


def test_the_schema_fixture_of_date_forms_passes_the_date_rules():
    issues = validate([CASES / "schema" / "valid" / "dates.xml"]).issues
    assert not [i for i in issues if i.rule.startswith("date")]


def test_biblscope_from_is_a_page_not_a_date():
    issues = validate([V / "date-iso" / "biblscope-pages.xml"]).issues
    assert not [i for i in issues if i.rule.startswith("date")]


def test_biblscope_from_document_is_valid_against_tei_all(rng_tei_all):
    assert validate([V / "date-iso" / "biblscope-pages.xml"], [rng_tei_all]).issues == []


@pytest.mark.parametrize(("name", "attrs"), [
    ("from-after-to.xml", "@from='1922' is later than @to='1921'"),
    ("notbefore-after-notafter.xml", "@notBefore='1921-03' is later than @notAfter='1921-02-28'"),
])
def test_range_in_the_wrong_order(name, attrs):
    report = validate([V / "date-order" / name])
    [issue] = report.issues
    assert (issue.rule, issue.line) == ("date-order", 11)
    assert attrs in issue.message
    assert not report.ok


def test_ranges_in_order_are_fine():
    assert validate([V / "date-order" / "ordered.xml"]).issues == []


@pytest.mark.parametrize(("name", "words"), [
    ("when-with-from.xml", "@when cannot be combined"),
    ("from-with-notbefore.xml", "@from cannot be combined with @notBefore"),
    ("to-with-notafter.xml", "@to cannot be combined with @notAfter"),
])
def test_forbidden_date_combinations(name, words):
    [issue] = validate([V / "date-combination" / name]).issues
    assert (issue.rule, issue.line) == ("date-combination", 11)
    assert words in issue.message


def test_from_with_notafter_is_allowed():
    assert validate([V / "date-combination" / "from-with-notafter.xml"]).issues == []


# -- register-unused -----------------------------------------------------------


def test_unused_register_entry_is_a_warning_only(runner):
    folder = V / "register-unused"
    report = validate([folder / "letter.xml", folder / "register.xml"])
    [issue] = report.issues
    assert (issue.rule, issue.severity) == ("register-unused", "warning")
    assert issue.file == str(folder / "register.xml") and issue.line == 14
    assert "person-unused" in issue.message
    assert report.ok
    result = runner.invoke(cli, ["validate", *OURS, str(folder)])
    assert result.exit_code == 0
    assert "warning: [register-unused]" in result.stdout and "person-unused" in result.stdout


def test_register_entries_used_by_the_specimen_give_no_warning():
    spec = CASES / "spec"
    assert validate([spec / "sample.xml", spec / "register.xml"]).issues == []


# -- issues mapped back to the transcription -----------------------------------


@pytest.fixture
def converted(runner, tmp_path) -> Path:
    """The specimen transcription converted next to a copy of it, as `convert -o` does."""
    txt = tmp_path / f"{NAME}.txt"
    shutil.copyfile(SOURCE / f"{NAME}.txt", txt)
    out = tmp_path / "x.xml"
    result = runner.invoke(cli, ["convert", str(txt), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert validate([out]).ok
    return out


def test_converted_document_is_valid(converted):
    assert validate([converted]).issues == []


@pytest.fixture
def collecting(monkeypatch) -> None:
    """Run the cyclic garbage collector just before issues are mapped, as it may at any time.

    xmlschema leaves reference cycles that keep the tree's element proxies alive until the
    collector runs; a mapping keyed by id() of proxies (an earlier bug) worked only until then.
    """
    real = engine.locate_in_transcription

    def collected(*args, **kwargs):  # type: ignore[no-untyped-def]
        gc.collect()
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "locate_in_transcription", collected)


def _break(converted: Path, old: str, new: str) -> None:
    text = converted.read_text(encoding="utf-8")
    assert text.count(old) == 1
    converted.write_text(text.replace(old, new), encoding="utf-8")


def test_schema_error_in_paragraph_3_points_to_line_13(converted, collecting):
    _break(converted, "<label>(3)</label>", '<label bogus="x">(3)</label>')
    [issue] = validate([converted]).issues
    assert issue.rule == "xsd" and "bogus" in issue.message
    assert issue.source == f"{converted.parent / f'{NAME}.txt'}:13"


def test_rule_errors_point_to_their_transcription_lines(converted):
    """Dates in the wrong order in paragraphs 1, 3 and 6 point to lines 9, 13 and 19."""
    for n in (1, 3, 6):
        _break(converted, f"<label>({n})</label>",
               f'<label>({n})</label><date from="1922" to="1921">x</date>')
    issues = validate([converted]).issues
    assert rules(issues) == ["date-order"] * 3
    transcription = converted.parent / f"{NAME}.txt"
    assert [i.source for i in issues] == [f"{transcription}:{line}" for line in (9, 13, 19)]


def test_issue_in_a_document_without_transcription_has_no_source():
    [issue] = validate([V / "xsd" / "misspelt.xml"]).issues
    assert issue.source is None


# -- engine and CLI: exit codes, file selection, options -----------------------


def test_exit_codes(runner, tmp_path):
    good = V / "date-iso" / "good.xml"
    bad = V / "date-order" / "from-after-to.xml"
    assert runner.invoke(cli, ["validate", *OURS, str(good)]).exit_code == 0
    assert runner.invoke(cli, ["validate", *OURS, str(good), str(bad)]).exit_code == 1
    assert runner.invoke(cli, ["validate", *OURS, str(V / "xinclude" / "missing" / "main.xml")]
                         ).exit_code == 1  # could not be checked
    for args in (
        [str(tmp_path / "missing.xml")],
        [str(good), str(tmp_path / "missing.xml")],
        ["--schema", str(tmp_path / "nope.rng"), str(good)],
        ["--schema", str(good), str(good)],  # a TEI file is not a schema
        ["--format", "yaml", str(good)],
        ["--jobs", "0", str(good)],
        ["--bogus", str(good)],
        [str(tmp_path / "*.nothing")],
    ):
        result = runner.invoke(cli, ["validate", *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_unknown_schema_file_is_a_usage_error():
    with pytest.raises(UsageError):
        validate([V / "date-iso" / "good.xml"], [V / "nope.xsd"])


@pytest.fixture
def tree(tmp_path) -> Path:
    """A folder of documents in sub-folders, with files that are not XML."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    good = (V / "date-iso" / "good.xml").read_text(encoding="utf-8")
    (tmp_path / "top.xml").write_text(good, encoding="utf-8")
    (tmp_path / "a" / "mid.xml").write_text(good, encoding="utf-8")
    (tmp_path / "a" / "b" / "deep.xml").write_text(good, encoding="utf-8")
    (tmp_path / "a" / "notes.txt").write_text("not XML", encoding="utf-8")
    (tmp_path / "a" / "b" / "copy.xml.bak").write_text("<broken", encoding="utf-8")
    return tmp_path


def test_folders_are_searched_recursively_for_xml(tree):
    report = validate([tree])
    assert sorted(Path(f).relative_to(tree).as_posix() for f in report.files) == [
        "a/b/deep.xml", "a/mid.xml", "top.xml"]
    assert report.ok


def test_globs(tree, runner, monkeypatch):
    assert len(validate([f"{tree}/**/*.xml"]).files) == 3
    assert [Path(f).name for f in validate([f"{tree}/a/*.xml"]).files] == ["mid.xml"]
    monkeypatch.chdir(tree)
    result = runner.invoke(cli, ["validate", *OURS, "--format", "json", "a/**/*.xml"])
    assert result.exit_code == 0, result.output
    assert sorted(f["path"] for f in json.loads(result.stdout)["files"]) == [
        "a/b/deep.xml", "a/mid.xml"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_validates_only_changed_and_new_files(tmp_path, runner, monkeypatch):
    good = (V / "date-iso" / "good.xml").read_text(encoding="utf-8")
    (tmp_path / "tei").mkdir()
    for name in ("kept.xml", "edited.xml"):
        (tmp_path / "tei" / name).write_text(good, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "two documents")
    (tmp_path / "tei" / "edited.xml").write_text(
        good.replace('when="1920"', 'when="1920" from="1921"'), encoding="utf-8")
    (tmp_path / "tei" / "new.xml").write_text(good, encoding="utf-8")
    (tmp_path / "tei" / "notes.txt").write_text("changed, not XML", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["validate", *OURS, "--changed-since", "HEAD", "--format", "json"])
    assert result.exit_code == 1, result.output  # edited.xml now breaks date-combination
    data = json.loads(result.stdout)
    assert sorted(f["path"] for f in data["files"]) == ["tei/edited.xml", "tei/new.xml"]
    assert data["summary"]["by_rule"] == {"date-combination": 1}
    # within a path; and nothing changed means nothing to do
    result = runner.invoke(cli, ["validate", *OURS, "--changed-since", "HEAD", "tei/new.xml",
                                 "--format", "json"])
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["tei/new.xml"]
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "more")
    result = runner.invoke(cli, ["validate", *OURS, "--changed-since", "HEAD"])
    assert result.exit_code == 0 and "no XML files changed" in result.stderr
    result = runner.invoke(cli, ["validate", *OURS, "--changed-since", "no-such-rev"])
    assert result.exit_code == 2


MIXED = [
    V / "date-iso" / "good.xml",
    V / "date-order" / "from-after-to.xml",
    V / "xsd" / "three-errors.xml",
    V / "wellformed" / "malformed.xml",
    V / "xinclude" / "missing" / "main.xml",
    V / "id-unique" / "across" / "a.xml",
    V / "id-unique" / "across" / "b.xml",
    V / "ref-resolves" / "cross" / "a.xml",
    V / "ref-resolves" / "cross" / "b.xml",
    V / "register-unused" / "letter.xml",
    V / "register-unused" / "register.xml",
    V / "note-reachable" / "detached-with-id.xml",
]


def test_jobs_2_gives_the_same_issues_as_jobs_1(runner):
    def run(jobs: str) -> dict:  # type: ignore[type-arg]
        # one edition, so that edition-wide rules have to combine the workers' facts
        result = runner.invoke(cli, ["validate", *OURS, "--jobs", jobs, "--format", "json",
                                     "--ids-scope", "edition", *map(str, MIXED)])
        assert result.exit_code == 1, result.output
        return json.loads(result.stdout)

    one, two = run("1"), run("2")
    assert two == one
    assert set(one["summary"]["by_rule"]) >= {"date-order", "xsd", "wellformed", "xinclude",
                                              "id-unique", "register-unused", "note-reachable"}
    assert validate(MIXED, jobs=2).issues == validate(MIXED, jobs=1).issues
    assert (validate(MIXED, jobs=2, unique_ids=True).issues
            == validate(MIXED, jobs=1, unique_ids=True).issues)


def test_no_rules_turns_the_integrity_rules_off(runner):
    bad = V / "date-order" / "from-after-to.xml"
    assert runner.invoke(cli, ["validate", *OURS, str(bad)]).exit_code == 1
    result = runner.invoke(cli, ["validate", *OURS, "--no-rules", str(bad)])
    assert result.exit_code == 0 and result.stdout == ""
    issues = validate(MIXED, rules=False).issues
    assert set(rules(issues)) == {"xsd", "wellformed", "xinclude"}


def test_summary_line_on_stderr(runner):
    result = runner.invoke(cli, ["validate", *OURS, *map(str, MIXED)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    report = validate(MIXED)
    m = re.fullmatch(r"(\d+) file\(s\) checked against (.+): (\d+) valid, (\d+) invalid; "
                     r"problems by rule: (.+)", line)
    assert m, line
    assert int(m[1]) == len(MIXED)
    assert m[2].endswith("tei-edition.xsd")
    assert (int(m[3]), int(m[4])) == (len(MIXED) - len(report.invalid), len(report.invalid))
    by_rule = {rule: int(n) for rule, n in (part.rsplit(" ", 1) for part in m[5].split(", "))}
    assert by_rule == dict(report.by_rule())
    assert by_rule["xsd"] == 3 and by_rule["register-unused"] == 1
    # the summary goes to stderr only: stdout holds exactly the report
    assert line not in result.stdout


def test_summary_of_a_valid_run(runner):
    result = runner.invoke(cli, ["validate", *OURS, str(V / "date-iso" / "good.xml")])
    assert result.stdout == ""
    assert re.fullmatch(r"1 file\(s\) checked against \S+: 1 valid, 0 invalid\n", result.stderr)


# -- large files: the streaming path -------------------------------------------


def _large(tmp_path: Path, name: str, middle: str = "") -> tuple[Path, int]:
    """A valid document over the streaming threshold; ``middle`` goes in the middle.

    Returns the path and the line ``middle`` is on. Long paragraphs keep the element count
    (and so the time to explain an invalid file) low.
    """
    para = "<p>" + "A long paragraph of running text, repeated. " * 90 + "</p>\n"
    count = STREAM_THRESHOLD // len(para) + 10
    head = minimal_with("\n" + para * (count // 2))
    before, _, after = head.partition("</div>")
    text = before + middle + "\n" + para * (count - count // 2) + "</div>" + after
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > STREAM_THRESHOLD
    line = before.count("\n") + 1
    return path, line


@pytest.fixture
def streamed(monkeypatch) -> list[object]:
    """The results of the streaming path (None when it handed over to the whole tree)."""
    outcomes: list[object] = []
    real = engine.stream_check

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)
        outcomes.append(result)
        return result

    monkeypatch.setattr(engine, "stream_check", spy)
    return outcomes


def test_large_valid_file_is_validated_streaming(tmp_path, streamed):
    path, _ = _large(tmp_path, "large.xml", "<p>Middle.</p>")
    report = validate([path])
    assert len(streamed) == 1 and streamed[0] is not None, "the streaming path was not taken"
    assert report.ok and report.issues == []
    assert validate([MINIMAL]).ok  # same verdict as the small document


def test_large_file_with_a_rule_error_is_reported_with_its_line(tmp_path, streamed):
    middle = '<p>In <date from="1922" to="1921">1921–1922</date>.</p>'
    path, line = _large(tmp_path, "large-rule.xml", middle)
    small = tmp_path / "small.xml"
    small.write_text(minimal_with(middle), encoding="utf-8")
    [issue] = validate([path]).issues
    assert streamed and streamed[0] is not None
    assert (issue.rule, issue.line, issue.file) == ("date-order", line, str(path))
    [small_issue] = validate([small]).issues
    assert (small_issue.rule, small_issue.message) == (issue.rule, issue.message)


def test_large_file_with_a_schema_error_is_reported_with_its_line(tmp_path, streamed):
    middle = '<p>Written by <persname>Ann</persname>.</p>'
    path, line = _large(tmp_path, "large-bad.xml", middle)
    report = validate([path])
    assert streamed == [None]  # handed over to the whole-tree path, which explains
    [issue] = report.issues
    assert (issue.rule, issue.line) == ("xsd", line)
    assert "did you mean persName?" in issue.message
    assert not report.ok


def test_large_file_with_duplicate_ids_is_reported(tmp_path):
    middle = '<p xml:id="twice">One.</p><p xml:id="twice">Two.</p>'
    path, line = _large(tmp_path, "large-dup.xml", middle)
    issues = validate([path]).issues
    assert [i.line for i in errors(issues, "id-unique")] == [line]


def test_large_malformed_file_is_reported_not_raised(tmp_path):
    path, line = _large(tmp_path, "large-broken.xml", "<p>Unclosed <hi>emphasis.</p>")
    report = validate([path])
    [issue] = report.issues
    assert issue.rule == "wellformed" and issue.line == line
    assert not report.ok


@pytest.mark.skipif(not hasattr(os, "fork"), reason="parallel validation forks")
def test_large_files_in_parallel(tmp_path):
    good, _ = _large(tmp_path, "good.xml", "<p>Middle.</p>")
    bad, line = _large(tmp_path, "bad.xml", '<p><date when="1920-13-01">x</date></p>')
    report = validate([good, bad], jobs=2)
    assert report.invalid == [str(bad)]
    assert {(i.rule, i.line) for i in report.issues} == {("xsd", line), ("date-iso", line)}
