"""Report formats for validation results: text, json, junit, github, sarif.

A name → renderer registry (as xmldiff registers its formatters). Each renderer
takes a :class:`~tei_edition.validate.Report` and returns the whole output as text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import __version__
from ..issues import Issue

if TYPE_CHECKING:
    from . import Report

RULES = {
    "wellformed": "The file is well-formed XML and safe to read (no entities, no external DTD).",
    "xinclude": "Every xi:include can be included (or has an xi:fallback).",
    "xsd": "The document is valid against the XML Schema.",
    "rng": "The document is valid against the RELAX NG schema.",
    "id-unique": "An xml:id occurs once in a document and once across the edition.",
    "ref-resolves": "Every #id, file.xml and file.xml#id pointer resolves.",
    "note-reachable": "A note outside the running text has @target or is pointed at.",
    "date-iso": "Dating attributes hold ISO 8601 (W3C) values.",
    "date-order": "@from is not after @to, @notBefore not after @notAfter.",
    "date-combination": "@when is not combined with range attributes.",
    "register-unused": "Every register entry is used by some document.",
}


def summary(report: Report) -> str:
    """Files checked, valid, invalid, and problems by rule, in one line."""
    by_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(report.by_rule().items()))
    invalid = len(report.invalid)
    return (f"{len(report.files)} file(s) checked against {', '.join(report.schemas)}: "
            f"{len(report.files) - invalid} valid, {invalid} invalid"
            + (f"; problems by rule: {by_rule}" if by_rule else ""))


_HOW = {
    "--schema": "--schema",
    "xml-model": "named by their xml-model",
    "tei-edition": "made by tei-edition",
    "tei_all": "no association: tei_all",
}


def schema_lines(report: Report) -> list[str]:
    """Which schemas checked which files, grouped (a line per group, not per file), and
    the notes on associations passed over. Empty when one ``--schema`` set checked all:
    the summary line already names it."""
    groups: dict[tuple[tuple[str, ...], str], list[str]] = {}
    notes: dict[str, list[str]] = {}
    for path in report.files:
        choice = report.choices.get(path)
        if choice is None or not choice.schemas:
            continue
        groups.setdefault((choice.schemas, choice.by), []).append(path)
        for note in choice.notes:
            notes.setdefault(note, []).append(path)
    lines = []
    if len(groups) > 1 or any(by != "--schema" for _, by in groups):
        for (schemas, by), paths in groups.items():
            lines.append(f"checked against {', '.join(schemas)}: {len(paths)} file(s)"
                         f" ({_HOW.get(by, by)})")
    for note, paths in notes.items():
        where = paths[0] if len(paths) == 1 else (
            f"{len(paths)} files, e.g. {paths[0]}")
        lines.append(f"note: {where}: {note}")
    return lines


def render_text(report: Report) -> str:
    return "".join(issue.render() + "\n" for issue in report.issues)


def render_json(report: Report) -> str:
    invalid = set(report.invalid)
    data = {
        "tool": {"name": "tei-edition", "version": __version__},
        "schemas": report.schemas,
        "summary": {
            "files": len(report.files),
            "valid": len(report.files) - len(invalid),
            "invalid": len(invalid),
            "by_rule": dict(sorted(report.by_rule().items())),
        },
        "files": [
            {"path": path, "valid": path not in invalid, "checked": path not in report.unchecked,
             "schemas": report.schemas_for(path), **_choice(report, path),
             "issues": [issue.as_dict() for issue in report.issues_for(path)]}
            for path in report.files
        ],
        "edition_issues": [i.as_dict() for i in report.issues if i.file not in report.files],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _choice(report: Report, path: str) -> dict[str, object]:
    """How the file's schemas were chosen, and notes, when not by --schema."""
    choice = report.choices.get(path)
    if choice is None or choice.by == "--schema":
        return {}
    return {"schema_chosen_by": choice.by, "schema_notes": list(choice.notes)}


def render_junit(report: Report) -> str:
    """JUnit XML: one test case per file; each error a failure, warnings in system-out."""
    invalid = set(report.invalid)
    cases = []
    for path in report.files:
        issues = report.issues_for(path)
        errors = [i for i in issues if i.is_error]
        body = ""
        if path in invalid:
            message = errors[0].message if errors else "not checked"
            text = "\n".join(i.render() for i in errors) or "the file could not be checked"
            body += (f"<failure message={quoteattr(message)} "
                     f"type={quoteattr(errors[0].rule if errors else 'unchecked')}>"
                     f"{_escape(text)}</failure>")
        warnings = [i for i in issues if not i.is_error]
        if warnings:
            out = _escape("\n".join(i.render() for i in warnings))
            body += f"<system-out>{out}</system-out>"
        cases.append(f'  <testcase classname="tei-edition.validate" name={quoteattr(path)}>'
                     f"{body}</testcase>")
    suite = (f'<testsuite name="tei-edition validate" tests="{len(report.files)}" '
             f'failures="{len(invalid)}" errors="0" skipped="0">')
    # Suite-level properties: every JUnit schema allows them (testcase-level ones not).
    properties = "".join(f'<property name="schema" value={quoteattr(name)}/>'
                         for name in report.schemas)
    properties = f"  <properties>{properties}</properties>\n" if properties else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n' + suite + "\n"
            + properties + "\n".join(cases) + "\n</testsuite>\n</testsuites>\n")


# Characters XML 1.0 cannot hold at all, not even as references: C0 controls other than
# tab/newline/return, lone surrogates (undecodable file names), U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape(text: str) -> str:
    text = _NOT_XML.sub(_visible, text)  # a file named "a\x01.xml" still gives valid XML
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes (xml.sax.saxutils pulls in urllib)."""
    escaped = _escape(text).replace('"', "&quot;").replace("\n", "&#10;")
    return f'"{escaped}"'.replace("\r", "&#13;").replace("\t", "&#9;")


def _github_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: one annotation per problem."""
    lines = []
    for issue in report.issues:
        level = "error" if issue.is_error else "warning"
        props = [f"file={_github_escape(issue.file, True)}"]
        if issue.line:
            props.append(f"line={issue.line}")
        if issue.col:
            props.append(f"col={issue.col}")
        props.append(f"title={_github_escape('tei-edition ' + issue.rule, True)}")
        lines.append(f"::{level} {','.join(props)}::{_github_escape(issue.message)}")
    return "".join(line + "\n" for line in lines)


def _sarif_result(issue: Issue) -> dict[str, object]:
    region: dict[str, int] = {}
    if issue.line:
        region["startLine"] = issue.line
    if issue.col:
        region["startColumn"] = issue.col
    location: dict[str, object] = {"artifactLocation": {"uri": issue.file}}
    if region:
        location["region"] = region
    result: dict[str, object] = {
        "ruleId": issue.rule,
        "level": "error" if issue.is_error else "warning",
        "message": {"text": issue.message},
        "locations": [{"physicalLocation": location}],
    }
    if issue.xpath:
        result["locations"][0]["logicalLocations"] = [  # type: ignore[index]
            {"fullyQualifiedName": issue.xpath, "kind": "element"}
        ]
    return result


def render_sarif(report: Report) -> str:
    """SARIF 2.1.0, for code-scanning tools."""
    used = sorted({issue.rule for issue in report.issues} | set(RULES))
    data = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tei-edition",
                "version": __version__,
                "informationUri": "https://pypi.org/project/tei-edition/",
                "rules": [{"id": rule, "shortDescription": {"text": RULES.get(rule, rule)}}
                          for rule in used],
            }},
            "artifacts": [{"location": {"uri": path},
                           "properties": {"schemas": report.schemas_for(path),
                                          **_choice(report, path)}}
                          for path in report.files],
            "results": [_sarif_result(issue) for issue in report.issues],
        }],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "github": render_github,
    "sarif": render_sarif,
}
