"""Schemas, compiled once and reused across files.

libxml2 (through lxml) decides validity fast, at the speed of ``xmllint``; for an
XSD, xmlschema is then asked to explain a failing document, because it reports
every error where libxml2 may stop early and it names the element path.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..errors import UsageError, XMLInputError
from ..issues import Issue
from ..xmlio import parse

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
OUR_XSD = SCHEMA_DIR / "tei-edition.xsd"


class Schema:
    """A compiled XSD or RELAX NG schema."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = str(path)
        try:
            grammar = parse(self.path)
        except XMLInputError as exc:
            raise UsageError(f"cannot read schema {path}: {exc.message}") from None
        self.kind = "xsd" if etree.QName(grammar.getroot()).localname == "schema" else "rng"
        try:
            self._lxml = (etree.XMLSchema if self.kind == "xsd" else etree.RelaxNG)(grammar)
        except etree.XMLSchemaParseError as exc:
            raise UsageError(f"cannot compile schema {path}: {exc}") from None
        self._xmlschema = None

    def _explainer(self):  # type: ignore[no-untyped-def]
        if self._xmlschema is None:
            import xmlschema  # imported on first failure only: ~0.5 s to import and compile

            self._xmlschema = xmlschema.XMLSchema10(str(self.path))
        return self._xmlschema

    def iter_issues(self, tree: etree._ElementTree, name: str) -> Iterator[Issue]:
        if self._lxml.validate(tree):
            return
        if self.kind == "xsd":
            found = False
            for error in self._explainer().iter_errors(tree):
                found = True
                elem = error.elem
                line = getattr(elem, "sourceline", None)
                yield Issue(name, line, None, "error", "xsd", _reason(error), error.path)
            if found:
                return
        for entry in self._lxml.error_log:
            yield Issue(
                name, entry.line or None, entry.column or None, "error", self.kind, entry.message
            )


def _reason(error) -> str:  # type: ignore[no-untyped-def]
    reason = error.reason or error.message
    return " ".join(str(reason).split())


@functools.cache
def load_schema(path: str | Path) -> Schema:
    """Compile the schema at ``path`` (XSD or RELAX NG by its root), once per process."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"schema not found: {path}")
    return Schema(path.resolve())


def our_schema() -> Schema:
    """The edition's own TEI customisation, ``schema/tei-edition.xsd``."""
    return load_schema(OUR_XSD)
