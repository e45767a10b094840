"""Schemas: our XSD, any XSD or RELAX NG, compiled once and reused across files.

libxml2 (through lxml) decides validity at the speed of ``xmllint``. For an XSD,
xmlschema then explains a failing document, since it lists every error with its
element path where libxml2 may stop early. For RELAX NG, libxml2 stops at the first
error in a subtree, so a second pass removes the offending node and validates again
until the document passes or no node can be blamed.

RELAX NG grammars as large as ``tei_all`` take 6–14 s to compile in libxml2, and the
compiled form cannot be saved. Instead the grammar is *pruned* for the documents at
hand: every ``element`` pattern whose name occurs in none of them is replaced by
``notAllowed``. A derivation of a document never uses the pattern of an element it
does not contain, and replacing a pattern by ``notAllowed`` only removes documents
from the language, so the pruned grammar accepts exactly the same documents among
those using only the kept names — and compiles in milliseconds. Pruned grammars are
cached per set of element names. libxml2's messages on a pruned grammar are poorer
(it reports from whichever alternative failed last), so a document found invalid is
explained with the full grammar, compiled once per process when first needed.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
from functools import cache
from pathlib import Path

from lxml import etree

from ..errors import UsageError, XMLInputError
from ..issues import Issue
from ..xmlio import element_xpath, parse, readable_xpath

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
OUR_XSD = SCHEMA_DIR / "tei-edition.xsd"
TEI_ALL_ENV = "TEI_EDITION_TEI_ALL"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
MAX_PASSES = 50

QName = tuple[str, str]
"""(namespace, local name) of an element."""


def element_names(tree: etree._ElementTree | etree._Element) -> frozenset[QName]:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    return frozenset(
        (q.namespace or "", q.localname)
        for q in (etree.QName(el) for el in root.iter() if isinstance(el.tag, str))
    )


class Schema:
    """A compiled schema that yields :class:`Issue` records for a document tree."""

    kind = "schema"

    def __init__(self, path: Path, grammar: etree._ElementTree) -> None:
        self.path = path
        self.name = str(path)
        self.grammar = grammar

    def known_names(self) -> set[str]:
        """Element names the schema declares, for "did you mean" hints."""
        raise NotImplementedError

    def iter_issues(self, tree: etree._ElementTree, name: str) -> list[Issue]:
        raise NotImplementedError

    def hint(self, message: str) -> str:
        """Add "did you mean persName?" when a message names an unknown element."""
        known = self.known_names()
        for word in re.findall(r"(?:element|tag) '?(?:\{[^}]*\}|\w+:)?([\w.-]+)'?", message):
            if word not in known:
                close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
                if not close:
                    close = [k for k in known if k.lower() == word.lower()]
                if close:
                    return f"{message} — did you mean {close[0]}?"
        return message


class XSDSchema(Schema):
    kind = "xsd"

    def __init__(self, path: Path, grammar: etree._ElementTree) -> None:
        super().__init__(path, grammar)
        try:
            self.lxml = etree.XMLSchema(grammar)
        except etree.XMLSchemaParseError as exc:
            raise UsageError(f"cannot compile schema {path}: {exc}") from None
        self._explainer = None

    @cache  # noqa: B019 - one schema object per process
    def known_names(self) -> set[str]:
        return {el.get("name") for el in self.grammar.iter(f"{{{XSD_NS}}}element")
                if el.get("name")}

    def explainer(self):  # type: ignore[no-untyped-def]
        if self._explainer is None:
            import xmlschema  # only when a document fails: ~0.7 s to import and compile

            self._explainer = xmlschema.XMLSchema10(str(self.path), allow="local")
        return self._explainer

    def iter_issues(self, tree: etree._ElementTree, name: str) -> list[Issue]:
        if self.lxml.validate(tree):
            return []
        issues = []
        for error in self.explainer().iter_errors(tree):
            elem = error.elem
            line = getattr(elem, "sourceline", None)
            reason = " ".join(str(error.reason or error.message).split())
            if hasattr(elem, "tag") and isinstance(elem.tag, str):
                reason = f"<{etree.QName(elem).localname}>: {reason}"
            path = element_xpath(elem) if hasattr(elem, "getroottree") else error.path
            issues.append(Issue(name, line, None, "error", "xsd", self.hint(reason), path))
        if not issues:  # the two validators disagree: trust libxml2's verdict, say so
            issues = [Issue(name, e.line or None, e.column or None, "error", "xsd",
                            self.hint(e.message)) for e in self.lxml.error_log]
        return issues


class RNGSchema(Schema):
    kind = "rng"

    def __init__(self, path: Path, grammar: etree._ElementTree) -> None:
        super().__init__(path, grammar)
        self._compiled: dict[frozenset[QName], etree.RelaxNG] = {}
        self._full: etree.RelaxNG | None = None
        self._patterns = [
            (el, _pattern_name(el)) for el in grammar.iter(f"{{{RNG_NS}}}element")
        ]
        self.compile(frozenset())  # fail early on a broken grammar

    @cache  # noqa: B019
    def known_names(self) -> set[str]:
        return {name[1] for _, name in self._patterns if name}

    def compile(self, names: frozenset[QName]) -> etree.RelaxNG:
        """The grammar pruned to ``names``, compiled (cached per name set)."""
        compiled = self._compiled.get(names)
        if compiled is None:
            pruned = copy.deepcopy(self.grammar)
            for el, qname in (
                (el, qname) for el, qname in zip(pruned.iter(f"{{{RNG_NS}}}element"),
                                                 (q for _, q in self._patterns), strict=True)
                if qname is not None and qname not in names
            ):
                el.getparent().replace(el, etree.Element(f"{{{RNG_NS}}}notAllowed"))
                del qname
            try:
                compiled = etree.RelaxNG(pruned)
            except etree.RelaxNGParseError as exc:
                raise UsageError(f"cannot compile schema {self.path}: {exc}") from None
            if len(self._compiled) > 64:
                self._compiled.clear()
            self._compiled[names] = compiled
        return compiled

    def full(self) -> etree.RelaxNG:
        """The whole grammar, compiled: slow (seconds for tei_all), used to explain."""
        if self._full is None:
            self._full = etree.RelaxNG(self.grammar)
        return self._full

    def is_valid(self, tree: etree._ElementTree) -> bool:
        return bool(self.compile(element_names(tree)).validate(tree))

    def iter_issues(self, tree: etree._ElementTree, name: str) -> list[Issue]:
        if self.is_valid(tree):
            return []
        schema = self.full()
        if schema.validate(tree):  # cannot happen if pruning is exact; never hide a verdict
            return [Issue(name, None, None, "error", "rng",
                          "invalid against the pruned grammar but valid against the full one; "
                          "please report this")]
        # Second passes: blame the first error's node, remove it, validate again.
        work = copy.deepcopy(tree)
        issues: list[Issue] = []
        emptied: list[etree._Element] = []  # parents of removed nodes (kept alive: `is` works)
        for _ in range(MAX_PASSES):
            entries = list(schema.error_log)
            if not entries:
                break
            first = entries[0]
            path = first.path
            blamed = _find(work, path)
            if "got nothing" in first.message and any(blamed is p for p in emptied):
                break  # content we removed ourselves is now missing: an artefact of the passes
            issues.append(Issue(name, first.line or None, first.column or None, "error", "rng",
                                self.hint(first.message),
                                readable_xpath(work, path) if path else None))
            parent = _remove_blamed(work, first.message, blamed)
            if parent is None or schema.validate(work):
                break
            emptied.append(parent)
        return issues or [Issue(name, None, None, "error", "rng",
                                "not valid against the schema (libxml2 gave no reason)")]


def _pattern_name(el: etree._Element) -> QName | None:
    """The (namespace, name) an ``element`` pattern matches, or None for name classes."""
    raw = el.get("name")
    if raw is None:
        return None
    raw = raw.strip()
    if ":" in raw:
        prefix, local = raw.split(":", 1)
        return (el.nsmap.get(prefix, ""), local)
    for ancestor in (el, *el.iterancestors()):
        ns = ancestor.get("ns")
        if ns is not None:
            return (ns, raw)
    return ("", raw)


_ATTR = re.compile(r"Invalid attribute (\S+) for element")


def _find(tree: etree._ElementTree, path: str | None) -> etree._Element | None:
    if not path:
        return None
    try:
        found = tree.xpath(path, namespaces={"xi": "http://www.w3.org/2001/XInclude"})
    except etree.XPathError:
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


def _remove_blamed(tree: etree._ElementTree, message: str,
                   el: etree._Element | None) -> etree._Element | None:
    """Remove the node an error blames, so the next pass finds the next error.

    Returns the element that lost something (to recognise errors we caused), or None
    when no node can be blamed.
    """
    if el is None:
        return None
    attr = _ATTR.search(message)
    if attr:
        for key in list(el.attrib):
            if etree.QName(key).localname == attr.group(1):
                del el.attrib[key]
                return el
        return None
    if "extra content: " in message:
        wanted = message.rsplit("extra content: ", 1)[1].strip()
        el = next((c for c in el if isinstance(c.tag, str)
                   and etree.QName(c).localname == wanted), None)
        if el is None:
            return None
    parent = el.getparent()
    if parent is None:
        return None
    parent.remove(el)
    return parent


def load_schema(spec: str | Path) -> Schema:
    """Compile a schema once per process: a path to an XSD or RELAX NG file, or
    ``tei_all`` for the official TEI schema named by ``$TEI_EDITION_TEI_ALL``."""
    path = Path(spec)
    if str(spec) == "tei_all" and not path.exists():
        path = _configured_tei_all()
    if not path.is_file():
        raise UsageError(f"schema not found: {path}")
    return _compile(path.resolve())  # one compiled schema per file, however it is spelled


@cache
def _compile(path: Path) -> Schema:
    try:
        grammar = parse(path)
    except XMLInputError as exc:
        raise UsageError(f"cannot read schema {path}: {exc.message}") from None
    root = etree.QName(grammar.getroot())
    if root.namespace == XSD_NS:
        return XSDSchema(path.resolve(), grammar)
    if root.namespace == RNG_NS:
        return RNGSchema(path.resolve(), grammar)
    raise UsageError(f"{path} is neither an XSD nor a RELAX NG (XML syntax) schema")


def find_tei_all(configured: Path | None) -> Path | None:
    """The official tei_all schema: ``$TEI_EDITION_TEI_ALL``, else ``configured`` (the
    ``tei-all`` entry of edition.toml) when that file exists; None when neither."""
    env = os.environ.get(TEI_ALL_ENV)
    if env:
        if not Path(env).is_file():
            raise UsageError(f"{TEI_ALL_ENV}={env} is not a file")
        return Path(env)
    return configured if configured is not None and configured.is_file() else None


def _configured_tei_all() -> Path:
    """``--schema tei_all``: the environment, else ``source/edition.toml`` of the cwd."""
    from ..metadata import load  # the edition's own settings, when run from its folder

    found = find_tei_all(load(Path("source") / "edition.toml").tei_all)
    if found is None:
        raise UsageError(f"--schema tei_all needs {TEI_ALL_ENV} set to the path of "
                         "tei_all.rng (or tei-all in source/edition.toml)")
    return found


def our_schema() -> Schema:
    """The edition's own TEI customisation, ``schema/tei-edition.xsd``."""
    return load_schema(OUR_XSD)

