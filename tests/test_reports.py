"""Report formats of `tei-edition validate`: what editors, CI systems and code scanning read."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from junitparser import Failure, JUnitXml

from tei_edition.cli import cli
from tei_edition.validate import validate
from tei_edition.validate.reporting import FORMATS
from tei_edition.validate.schemas import OUR_XSD

from .conftest import CASES

V = CASES / "validate"
VALID = V / "date-iso" / "good.xml"
INVALID = V / "xsd" / "three-errors.xml"  # three xsd errors
MALFORMED = V / "wellformed" / "malformed.xml"  # an error with a column
UNCHECKED = V / "xinclude" / "missing" / "main.xml"  # could not be checked
REGISTER = V / "register-unused" / "register.xml"  # valid, with a warning
LETTER = V / "register-unused" / "letter.xml"
FILES = [VALID, INVALID, MALFORMED, UNCHECKED, REGISTER, LETTER]
BAD = {str(INVALID), str(MALFORMED), str(UNCHECKED)}
# The fixtures are written for our XSD but not made by tei-edition: name it.
OURS = ["--schema", str(OUR_XSD)]
LEVELS = {"error", "warning"}


@pytest.fixture(scope="module")
def report():
    return validate(FILES, [OUR_XSD])


def run(fmt: str, *extra: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["validate", *OURS, "--format", fmt, *extra,
                                      *map(str, FILES)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    """Standard output of one run per format."""
    return {fmt: run(fmt).stdout for fmt in FORMATS}


def test_the_fixture_run_has_errors_warnings_and_columns(report):
    assert {i.severity for i in report.issues} == LEVELS
    assert any(i.col for i in report.issues)
    assert set(report.invalid) == BAD


def test_every_format_is_tested():
    assert set(FORMATS) == {"text", "json", "junit", "github", "sarif"}


# -- text ----------------------------------------------------------------------

TEXT_LINE = re.compile(r"(?P<path>[^:]+):(?P<line>\d+)(?::(?P<col>\d+))?: "
                       r"(?P<severity>error|warning): \[(?P<rule>[a-z-]+)\] (?P<message>.+)")


def test_text_lines(outputs, report):
    lines = outputs["text"].splitlines()
    assert len(lines) == len(report.issues)
    for line, issue in zip(lines, report.issues, strict=True):
        m = TEXT_LINE.fullmatch(line)
        assert m, line
        assert (m["path"], int(m["line"]), m["severity"], m["rule"]) == (
            issue.file, issue.line, issue.severity, issue.rule)
        assert m["message"].startswith(issue.message)
    assert any(TEXT_LINE.fullmatch(line)["col"] for line in lines)
    assert {TEXT_LINE.fullmatch(line)["path"] for line in lines} == BAD | {str(REGISTER)}


def test_text_is_the_default(outputs):
    assert CliRunner().invoke(cli, ["validate", *OURS, *map(str, FILES)]).stdout == (
        outputs["text"])


# -- json ----------------------------------------------------------------------


def test_json(outputs, report):
    data = json.loads(outputs["json"])
    summary = data["summary"]
    assert (summary["files"], summary["valid"], summary["invalid"]) == (6, 3, 3)
    assert summary["by_rule"] == dict(report.by_rule())
    files = {f["path"]: f for f in data["files"]}
    assert set(files) == {str(p) for p in FILES}
    assert {p for p, f in files.items() if not f["valid"]} == BAD
    assert not files[str(UNCHECKED)]["checked"]
    issues = [i for f in data["files"] for i in f["issues"]]
    assert len(issues) == len(report.issues)
    for issue in issues:
        assert {"file", "line", "rule", "message", "severity"} <= issue.keys()
        assert issue["severity"] in LEVELS
        assert isinstance(issue["line"], int)
        assert issue["message"]
        assert files[issue["file"]]["issues"].count(issue) >= 1
    assert [i["rule"] for i in files[str(INVALID)]["issues"]] == ["xsd"] * 3
    assert [i["line"] for i in files[str(INVALID)]["issues"]] == [6, 12, 13]


def test_json_of_a_valid_run():
    result = CliRunner().invoke(cli, ["validate", *OURS, "--format", "json", str(VALID)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"] == {"files": 1, "valid": 1, "invalid": 0, "by_rule": {}}
    assert data["files"] == [{"path": str(VALID), "valid": True, "checked": True,
                              "schemas": [str(OUR_XSD.resolve())], "issues": []}]


# -- junit ---------------------------------------------------------------------


def test_junit(outputs, tmp_path, report):
    path = tmp_path / "junit.xml"
    path.write_text(outputs["junit"], encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    cases = [case for suite in xml for case in suite]
    assert sorted(case.name for case in cases) == sorted(str(p) for p in FILES)
    failed = {case.name for case in cases if any(isinstance(r, Failure) for r in case.result)}
    assert failed == BAD
    by_name = {case.name: case for case in cases}
    assert by_name[str(VALID)].is_passed
    assert by_name[str(REGISTER)].is_passed  # a warning does not fail the case
    assert "person-unused" in (by_name[str(REGISTER)].system_out or "")
    [failure] = by_name[str(INVALID)].result
    assert failure.type == "xsd"
    assert failure.text.count("\n") == 2  # all three errors are in the failure text
    suite = next(iter(xml))
    assert (suite.tests, suite.failures) == (6, 3)


# -- github --------------------------------------------------------------------

GITHUB_LINE = re.compile(r"::(?P<level>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+)"
                         r"(?:,col=(?P<col>\d+))?,title=(?P<title>[^:]+)::(?P<message>.+)")


def test_github_annotations(outputs, report):
    lines = outputs["github"].splitlines()
    assert len(lines) == len(report.issues)
    for line, issue in zip(lines, report.issues, strict=True):
        m = GITHUB_LINE.fullmatch(line)
        assert m, line
        assert m["level"] == issue.severity
        assert (m["file"], int(m["line"])) == (issue.file, issue.line)
        assert issue.rule in m["title"]
        assert "\n" not in m["message"]
    assert any(GITHUB_LINE.fullmatch(line)["col"] for line in lines)


def test_github_escapes_properties(tmp_path):
    odd = tmp_path / "a,b:c.xml"
    odd.write_bytes(MALFORMED.read_bytes())
    result = CliRunner().invoke(cli, ["validate", *OURS, "--format", "github", str(odd)])
    [line] = result.stdout.splitlines()
    m = GITHUB_LINE.fullmatch(line)
    assert m, line
    assert m["file"].endswith("a%2Cb%3Ac.xml")


# -- sarif ---------------------------------------------------------------------


def test_sarif(outputs, report):
    data = json.loads(outputs["sarif"])
    assert data["version"] == "2.1.0"
    [run_] = data["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "tei-edition"
    rule_ids = {rule["id"] for rule in driver["rules"]}
    results = run_["results"]
    assert len(results) == len(report.issues)
    for result, issue in zip(results, report.issues, strict=True):
        assert result["ruleId"] == issue.rule
        assert result["ruleId"] in rule_ids
        assert result["level"] in LEVELS and result["level"] == issue.severity
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == issue.file
        assert location["region"]["startLine"] == issue.line
    assert {r["level"] for r in results} == LEVELS


# -- -o FILE -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_output_file(tmp_path, outputs, fmt):
    out = tmp_path / "reports" / f"report.{fmt}"
    result = run(fmt, "-o", str(out))
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == outputs[fmt]
    assert "file(s) checked" in result.stderr  # the summary still goes to the terminal


def test_output_file_of_a_valid_run(tmp_path):
    out = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["validate", *OURS, "--format", "json", "-o", str(out),
                                      str(VALID)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["valid"] == 1
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind
