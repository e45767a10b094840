"""Validation: schemas (our XSD, any XSD or RELAX NG) and the edition's own rules.

One engine, three entry points, as in xmlschema: :func:`iter_issues` yields every
problem, :func:`validate` returns a :class:`Report` over many files, and
:func:`is_valid` answers yes or no.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import XMLInputError
from ..issues import Issue
from ..xmlio import parse
from .schemas import Schema, load_schema, our_schema

__all__ = ["Report", "Schema", "is_valid", "iter_issues", "load_schema", "our_schema", "validate"]


def iter_issues(
    document: str | Path | etree._ElementTree,
    schema: Schema | None = None,
    *,
    name: str | None = None,
) -> Iterator[Issue]:
    """Yield every problem in one document: well-formedness, then the schema's findings."""
    schema = schema or our_schema()
    if isinstance(document, str | Path):
        name = name or str(document)
        try:
            tree = parse(document)
        except XMLInputError as exc:
            yield Issue(name, exc.line, exc.col, "error", "wellformed", exc.message)
            return
    else:
        tree = document
        name = name or tree.docinfo.URL or "<tree>"
    yield from schema.iter_issues(tree, name)


def is_valid(document: str | Path | etree._ElementTree, schema: Schema | None = None) -> bool:
    return not any(issue.is_error for issue in iter_issues(document, schema))


@dataclass
class Report:
    """The outcome of validating many files."""

    schema: str
    files: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def invalid(self) -> list[str]:
        bad = {issue.file for issue in self.issues if issue.is_error}
        return [f for f in self.files if f in bad]

    @property
    def ok(self) -> bool:
        return not self.invalid


def validate(paths: Iterable[str | Path], schema: Schema | None = None) -> Report:
    """Validate files against ``schema`` (default: our XSD), compiling it once."""
    schema = schema or our_schema()
    report = Report(schema.name)
    for path in paths:
        report.files.append(str(path))
        report.issues.extend(iter_issues(path, schema))
    return report
