"""Schemas: our XSD, any XSD or RELAX NG, compiled once and reused across files.

libxml2 (through lxml) decides validity at the speed of ``xmllint``. For an XSD,
xmlschema then explains a failing document, since it lists every error with its
element path where libxml2 may stop early. For RELAX NG, libxml2 stops at the first
error in a subtree, so an invalid document is explained element by element (see
:class:`RNGSchema`), removing each offending node and validating again, as Jing does.

RELAX NG grammars as large as ``tei_all`` take 6–14 s to compile in libxml2, and the
compiled form cannot be saved. Instead the grammar is *pruned* for the documents at
hand: every ``element`` pattern whose name occurs in none of them is replaced by
``notAllowed``. A derivation of a document never uses the pattern of an element it
does not contain, and replacing a pattern by ``notAllowed`` only removes documents
from the language, so the pruned grammar accepts exactly the same documents among
those using only the kept names — and compiles in milliseconds. The argument holds for
any kept set that contains the document's names, so one grammar compiled for the union
of the names seen so far serves every later document those names cover (see
:meth:`RNGSchema.compile`); the union is remembered on disk per schema hash, so the
next run compiles once for the whole corpus. libxml2's messages on a pruned grammar are poor (a
required child that is absent makes its parent's whole content ``notAllowed``), yet the
full grammar takes seconds to compile; so an invalid document is explained with small
grammars, one per failing element name, that keep the patterns of the children the
element may have (see :class:`RNGSchema`). Their compiled form costs 10–80 ms and is
kept per process; a disk cache would not help, since compiling, not pruning, is the cost.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from lxml import etree

from ..errors import UsageError, XMLInputError
from ..issues import Issue
from ..xmlio import PathIndex, element_xpath, parse, readable_xpath
from .simplify import simplify

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
OUR_XSD = SCHEMA_DIR / "tei-edition.xsd"
TEI_ALL_ENV = "TEI_EDITION_TEI_ALL"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
MAX_ERRORS = 5000
XSD_MAX_EXPLAINED = 100  # XSD problems explained per document (xmlschema is slow)
MAX_ERRORS_ENV = "TEI_EDITION_RNG_MAX_ERRORS"

QName = tuple[str, str]
"""(namespace, local name) of an element."""


def element_names(tree: etree._ElementTree | etree._Element) -> frozenset[QName]:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    names = set()
    for tag in {el.tag for el in root.iter(etree.Element)}:  # distinct tags, then split
        ns, _, local = tag[1:].partition("}") if tag[0] == "{" else ("", "", tag)
        names.add((ns, local))
    return frozenset(names)


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

    def prepare(self) -> None:
        """Compile now what validating will need (before forking workers, so that they
        share it)."""

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
        issues: list[Issue] = []
        xpath = PathIndex()
        for error in self.explainer().iter_errors(_few_attributes(tree, name, issues)):
            if len(issues) == XSD_MAX_EXPLAINED:
                # xmlschema's cost per error grows with the element (it prints its
                # attributes): 4000 bad attributes took minutes. libxml2 decided already.
                issues.append(Issue(name, None, None, "error", "xsd",
                                    f"more errors: only the first {XSD_MAX_EXPLAINED} are "
                                    "explained; fix these and validate again"))
                break
            elem = error.elem
            reason = " ".join(str(error.reason or error.message).split())
            if hasattr(elem, "tag") and isinstance(elem.tag, str):
                reason = f"<{etree.QName(elem).localname}>: {reason}"
            # A content-model error is the parent's; the child it rejects is where to look
            # (none when content is missing at the end).
            child = getattr(error, "invalid_child", None)
            if isinstance(child, etree._Element) and isinstance(child.tag, str):
                elem = child
            line = getattr(elem, "sourceline", None)
            path = xpath(elem) if hasattr(elem, "getroottree") else error.path
            issues.append(Issue(name, line, None, "error", "xsd", self.hint(reason), path))
        if not issues:  # the two validators disagree: trust libxml2's verdict, say so
            issues = [Issue(name, e.line or None, e.column or None, "error", "xsd",
                            self.hint(e.message)) for e in self.lxml.error_log]
        return issues


def _few_attributes(tree: etree._ElementTree, name: str,
                    issues: list[Issue]) -> etree._ElementTree:
    """``tree``, or for xmlschema a copy whose elements keep at most
    ``XSD_MAX_EXPLAINED`` attributes: it reprints all of an element's attributes for each
    bad one (4000 attributes: two minutes). The verdict stays libxml2's, on the whole."""
    crowded = [el for el in tree.iter() if len(el.attrib) > XSD_MAX_EXPLAINED]
    if not crowded:
        return tree
    for el in crowded:
        issues.append(Issue(name, el.sourceline, None, "error", "xsd",
                            f"<{etree.QName(el).localname}> has {len(el.attrib)} attributes: "
                            f"only its first {XSD_MAX_EXPLAINED} are explained"))
    work = copy.deepcopy(tree)
    for el in work.iter():
        for key in el.attrib.keys()[XSD_MAX_EXPLAINED:]:
            del el.attrib[key]
    return work


class RNGSchema(Schema):
    """A RELAX NG grammar: verdicts from a pruned grammar, explanations element by element.

    An invalid document is explained without the full grammar (seconds to compile for
    tei_all): a *subtree* grammar (pruned, any kept element allowed at the start) finds the
    elements whose subtrees are invalid, walking down from the root, and each such element
    is checked on its own *level* — its attributes and the names and order of its
    children — against a grammar whose start is the element's own pattern and in which the
    patterns of the children it may have are kept with empty content. That grammar is small
    (it compiles in milliseconds, once per element name) and complete enough for libxml2 to
    say what it expected. Within a level, the blamed attribute or child is removed and the
    level checked again until it passes, as Jing skips what it rejects and carries on.
    """

    kind = "rng"

    def __init__(self, path: Path, grammar: etree._ElementTree) -> None:
        super().__init__(path, grammar)
        self._compiled: dict[frozenset[QName], etree.RelaxNG] = {}
        self._subtrees: dict[frozenset[QName], etree.RelaxNG] = {}
        self._levels: dict[QName, etree.RelaxNG | None] = {}
        self._inner: dict[QName, frozenset[QName | None]] = {}
        self._full: etree.RelaxNG | None = None
        self._patterns = [
            (el, _pattern_name(el)) for el in grammar.iter(f"{{{RNG_NS}}}element")
        ]
        self._defines: dict[str, list[etree._Element]] = {}
        for define in grammar.getroot().iter(f"{{{RNG_NS}}}define"):
            self._defines.setdefault(define.get("name", ""), []).append(define)
        self._reach: dict[str, frozenset[QName | None]] = {}
        self._wide: frozenset[QName] = frozenset()
        self._wide_compiled: etree.RelaxNG | None = None
        self._seeded = False
        self._remembered: frozenset[QName] = frozenset()
        self._relaxng(self._pruned(lambda q: "keep" if q is None else "drop"))  # fail early

    @cache  # noqa: B019
    def known_names(self) -> set[str]:
        return {name[1] for _, name in self._patterns if name}

    @cache  # noqa: B019
    def _by_level(self) -> bool:
        """Whether the grammar is one flat grammar (no include, nested grammar, parentRef),
        where element patterns can be copied into a new start and still resolve their refs."""
        root = self.grammar.getroot()
        foreign = ("include", "externalRef", "parentRef", "grammar")
        return not any(el.tag in {f"{{{RNG_NS}}}{t}" for t in foreign}
                       for el in root.iter(f"{{{RNG_NS}}}*") if el is not root)

    def _pruned(self, action: Callable[[QName | None], str]) -> etree._ElementTree:
        """A copy of the grammar with each element pattern kept, emptied or dropped
        (``notAllowed``) as ``action(name)`` says: "keep", "empty" or "drop"."""
        pruned = copy.deepcopy(self.grammar)
        for el, (_, qname) in zip(list(pruned.iter(f"{{{RNG_NS}}}element")), self._patterns,
                                  strict=True):
            what = action(qname)
            if what == "drop":
                el.getparent().replace(el, etree.Element(f"{{{RNG_NS}}}notAllowed"))
            elif what == "empty":
                name_class = [] if qname is not None else [
                    c for c in el if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG_NS}}}")
                ][:1]
                for child in list(el):
                    if not any(child is c for c in name_class):
                        el.remove(child)
                etree.SubElement(el, f"{{{RNG_NS}}}empty")
        return pruned

    def _simplified(self, grammar: etree._ElementTree) -> etree._ElementTree:
        """``grammar`` with notAllowed propagated (same language, ~10× faster to validate
        with: see simplify.py), and the defines no longer reached removed."""
        if not self._by_level():
            return grammar
        return _drop_unreachable(simplify(grammar))

    def _relaxng(self, grammar: etree._ElementTree) -> etree.RelaxNG:
        try:
            return etree.RelaxNG(grammar)
        except etree.RelaxNGParseError as exc:
            raise UsageError(f"cannot compile schema {self.path}: {exc}") from None

    def compile(self, names: frozenset[QName]) -> etree.RelaxNG:
        """A compiled grammar pruned to a superset of ``names``: the same verdicts.

        The pruning argument holds for any kept set containing the document's names, so
        one grammar compiled for the union of the names seen so far (and, between runs,
        the union recorded on disk for this schema) serves every document whose names it
        covers: a corpus pays for a handful of compiles, not one per document.
        """
        compiled = self._compiled.get(names)
        if compiled is not None:
            return compiled
        wide = self._wide_compiled
        if wide is not None and names <= self._wide:
            return wide
        self._seed()
        union = self._wide | names
        compiled = self._relaxng(self._simplified(self._pruned(
            lambda q: "keep" if q is None or q in union else "drop")))
        self._wide, self._wide_compiled = union, compiled
        if len(self._compiled) > 64:
            self._compiled.clear()
        self._compiled[names] = compiled
        if union - self._remembered:
            self._remembered = union
            _remember_names(self._digest(), union)
        return compiled

    @cache  # noqa: B019
    def _digest(self) -> str:
        """The schema's identity for the disk cache: a hash of its bytes."""
        import hashlib

        return hashlib.sha256(etree.tostring(self.grammar)).hexdigest()[:32]

    def full(self) -> etree.RelaxNG:
        """The whole grammar, compiled: slow (seconds for tei_all); only for grammars that
        cannot be explained level by level."""
        if self._full is None:
            self._full = self._relaxng(self.grammar)
        return self._full

    def is_valid(self, tree: etree._ElementTree) -> bool:
        return bool(self.compile(element_names(tree)).validate(tree))

    def _seed(self) -> None:
        """Start from the element names remembered from earlier runs (once)."""
        if not self._seeded:
            self._seeded = True
            self._remembered = _remembered_names(self._digest())
            self._wide |= self._remembered

    def prepare(self) -> None:
        """The grammar for the element names remembered from earlier runs, if any."""
        self._seed()
        if self._remembered and self._wide_compiled is None:
            self.compile(self._remembered)

    # -- what the grammar allows where -------------------------------------------------

    def _reachable(self, node: etree._Element) -> frozenset[QName | None]:
        """Names of the element patterns ``node``'s content reaches without entering
        another element (None for a pattern with a name class such as anyName)."""
        found: set[QName | None] = set()
        for child in node:
            if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{RNG_NS}}}"):
                continue
            if child.tag == f"{{{RNG_NS}}}element":
                found.add(_pattern_name(child))
            elif child.tag == f"{{{RNG_NS}}}ref":
                found |= self._define_reach(child.get("name", ""))
            else:
                found |= self._reachable(child)
        return frozenset(found)

    def _define_reach(self, name: str) -> frozenset[QName | None]:
        # RELAX NG forbids a ref cycle that passes through no element: this terminates.
        reach = self._reach.get(name)
        if reach is None:
            reach = frozenset().union(*(self._reachable(d) for d in self._defines.get(name, [])))
            self._reach[name] = reach
        return reach

    def _attributes(self, node: etree._Element, seen: set[str] | None = None) -> set[QName | None]:
        """Names of the attributes ``node``'s content declares (None for a name class)."""
        seen = set() if seen is None else seen
        found: set[QName | None] = set()
        for child in node:
            if not isinstance(child.tag, str) or child.tag == f"{{{RNG_NS}}}element":
                continue
            if child.tag == f"{{{RNG_NS}}}attribute":
                found.add(_attribute_name(child))
            elif child.tag == f"{{{RNG_NS}}}ref":
                name = child.get("name", "")
                if name not in seen:
                    seen.add(name)
                    for define in self._defines.get(name, []):
                        found |= self._attributes(define, seen)
            elif child.tag.startswith(f"{{{RNG_NS}}}"):
                found |= self._attributes(child, seen)
        return found

    @cache  # noqa: B019
    def _declared(self, name: QName) -> frozenset[QName | None]:
        return frozenset().union(*(self._attributes(el) for el, q in self._patterns if q == name))

    def _describe(self, message: str, blamed: etree._Element | None) -> str:
        """libxml2's message, saying "invalid value" where it says "invalid attribute"
        of an attribute the element has, and naming the attribute of a bad datatype."""
        if blamed is None:
            return message
        local = etree.QName(blamed).localname
        bad_value = _DATATYPE.search(message)
        if bad_value:
            for key, value in blamed.attrib.items():
                if value == bad_value.group(2):
                    return (f"Invalid value '{value}' of attribute {etree.QName(key).localname}"
                            f" for element {local} (not a valid {bad_value.group(1)})")
        attr = _ATTR.search(message)
        if attr and message.startswith("Invalid attribute"):
            declared = self._declared(_qname(blamed))
            for key, value in blamed.attrib.items():
                q = etree.QName(key)
                if q.localname == attr.group(1) and (q.namespace or "", q.localname) in declared:
                    return (f"Invalid value '{value}' of attribute {attr.group(1)} "
                            f"for element {local}")
        return message

    @cache  # noqa: B019
    def _start_names(self) -> frozenset[QName | None]:
        starts = self.grammar.getroot().findall(f"{{{RNG_NS}}}start")
        return frozenset().union(*(self._reachable(s) for s in starts))

    def _with_start(self, grammar: etree._ElementTree,
                    patterns: list[etree._Element]) -> etree._ElementTree:
        """``grammar`` whose start is a choice of copies of ``patterns`` (element patterns
        of a flat grammar: their refs resolve in any copy of it)."""
        root = grammar.getroot()
        for old in root.findall(f"{{{RNG_NS}}}start"):
            root.remove(old)
        start = etree.SubElement(root, f"{{{RNG_NS}}}start")
        choice = etree.SubElement(start, f"{{{RNG_NS}}}choice")
        for el in patterns:
            choice.append(copy.deepcopy(el))
        if not patterns:
            etree.SubElement(choice, f"{{{RNG_NS}}}notAllowed")
        etree.SubElement(choice, f"{{{RNG_NS}}}notAllowed")  # a choice needs two
        return _drop_unreachable(grammar)

    def _subtree_grammar(self, names: frozenset[QName]) -> etree.RelaxNG:
        """Pruned to ``names``, any kept element at the start: is this subtree valid?"""
        compiled = self._subtrees.get(names)
        if compiled is None:
            # As for verdicts, a superset serves: one compile for a corpus's invalid files.
            compiled = next((c for kept, c in self._subtrees.items() if names <= kept), None)
        if compiled is None:
            union = names | self._wide
            pruned = self._pruned(lambda q: "keep" if q is None or q in union else "drop")
            kept = [el for el in pruned.iter(f"{{{RNG_NS}}}element")]
            compiled = self._relaxng(self._simplified(self._with_start(pruned, kept)))
            if len(self._subtrees) > 64:
                self._subtrees.clear()
            self._subtrees[union] = compiled
        return compiled

    def _level_grammar(self, name: QName) -> etree.RelaxNG | None:
        """The patterns of ``name`` at the start; the elements they may contain, empty."""
        if name not in self._levels:
            own = [el for el, q in self._patterns if q == name]
            if not own:
                self._levels[name] = None  # no pattern: its parent reports it
            else:
                inner = frozenset().union(*(self._reachable(el) for el in own))
                self._inner[name] = inner
                pruned = self._pruned(lambda q: "empty" if q is None or q in inner else "drop")
                self._levels[name] = self._relaxng(self._simplified(self._with_start(pruned,
                                                                                     own)))
        return self._levels[name]

    def _expected(self, level: etree.RelaxNG, shallow: etree._Element, name: QName) -> list[str]:
        """The children ``shallow`` may take next (where libxml2 only says "Expecting an
        element, got nothing"): those whose addition no error blames."""
        found = []
        for ns, local in sorted((q for q in self._inner.get(name, ()) if q is not None),
                                key=lambda q: q[1]):
            added = etree.SubElement(shallow, f"{{{ns}}}{local}" if ns else local)
            if not level.validate(shallow):
                work = shallow.getroottree()
                spaces = _prefixes(shallow)
                if any(_find(work, e.path, spaces) is added
                       or e.message.endswith(f"extra content: {local}") for e in level.error_log):
                    local = ""
            shallow.remove(added)
            if local:
                found.append(local)
        return found

    # -- explaining an invalid document ------------------------------------------------

    def iter_issues(self, tree: etree._ElementTree, name: str) -> list[Issue]:
        names = element_names(tree)
        if self.compile(names).validate(tree):
            return []
        issues = self._explain_by_level(tree, name, names) if self._by_level() else []
        if not issues:  # not a flat grammar, or no level to blame: the slow, whole way
            issues = self._explain_whole(tree, name)
        return issues or [Issue(name, None, None, "error", "rng",
                                "not valid against the schema (libxml2 gave no reason)")]

    def _explain_by_level(self, tree: etree._ElementTree, name: str,
                          names: frozenset[QName]) -> list[Issue]:
        subtree = self._subtree_grammar(names)
        root = tree.getroot()
        issues: list[Issue] = []
        starts = self._start_names()
        if None not in starts and _qname(root) not in starts:
            expected = " or ".join(sorted(q[1] for q in starts if q is not None))
            issues.append(Issue(name, root.sourceline, None, "error", "rng", self.hint(
                f"Did not expect element {etree.QName(root).localname} there: the document "
                f"element must be {expected}"), element_xpath(root)))
        budget = max_errors()
        pending = [root]
        while pending:
            el = pending.pop()
            if subtree.validate(el):
                continue  # the whole subtree is valid
            level = self._level_grammar(_qname(el))
            if level is None:
                continue  # an element the grammar does not know: its parent says so
            found, cut = self._explain_level(el, level, name, budget - len(issues))
            issues += found
            if cut or len(issues) >= budget:
                more = sum(1 for rest in pending if not subtree.validate(rest)) + cut
                issues.append(Issue(name, None, None, "warning", "rng", (
                    f"stopped after {len(issues)} RELAX NG errors; at least {more} more "
                    f"not shown (elements with errors not examined). Fix these and validate "
                    f"again, or set {MAX_ERRORS_ENV} above {budget} to see them all")))
                break
            pending.extend(reversed([c for c in el if isinstance(c.tag, str)]))
        # Document order, as Jing reports (a level's errors come before its children's).
        return sorted(issues, key=lambda i: (i.severity != "error", i.line or 0))

    def _explain_level(self, el: etree._Element, level: etree.RelaxNG, name: str,
                       budget: int) -> tuple[list[Issue], int]:
        """Errors of ``el``'s own level; and 1 if the budget ran out before they did."""
        shallow, children = _shallow(el)
        work = shallow.getroottree()
        spaces = _prefixes(shallow)
        issues: list[Issue] = []
        bad_value = False
        while not level.validate(shallow):
            if len(issues) >= budget:
                return issues, 1
            entry = _most_specific(list(level.error_log))
            if entry is None or (bad_value and _MISSING_ATTR.search(entry.message)):
                break  # the attribute removed for its value was required: not a new error
            blamed = _find(work, entry.path, spaces)
            original = el if blamed is shallow or blamed is None else next(
                (o for s, o in children if s is blamed), el)
            message = self._describe(entry.message, blamed)
            if entry.message.endswith("got nothing") and original is el:
                expected = self._expected(level, shallow, _qname(el))
                if expected:
                    shown = ", ".join(expected[:12]) + (
                        f" (or {len(expected) - 12} more)" if len(expected) > 12 else "")
                    message = (f"Element {etree.QName(el).localname} is incomplete: "
                               f"expected element {shown}")
            issues.append(Issue(name, original.sourceline, None, "error", "rng",
                                self.hint(message), element_xpath(original)))
            bad_value = bad_value or message.startswith("Invalid value")
            if original is el and _TEXT.search(entry.message):
                _strip_text(shallow)  # text where only elements may be: reported once
            elif _remove_blamed(work, message, blamed) is None:
                break  # missing content, or nothing to remove: this level is explained
        return issues, 0

    def _explain_whole(self, tree: etree._ElementTree, name: str) -> list[Issue]:
        """Blame the first error's node against the full grammar, remove it, validate
        again (for grammars :meth:`_explain_by_level` cannot take apart)."""
        schema = self.full()
        if schema.validate(tree):  # cannot happen if pruning is exact; never hide a verdict
            return [Issue(name, None, None, "error", "rng",
                          "invalid against the pruned grammar but valid against the full one; "
                          "please report this")]
        work = copy.deepcopy(tree)
        issues: list[Issue] = []
        budget = max_errors()
        bad_value = False
        while len(issues) < budget:
            entry = _most_specific(list(schema.error_log))
            if entry is None or (bad_value and _MISSING_ATTR.search(entry.message)):
                break
            blamed = _find(work, entry.path)
            message = self._describe(entry.message, blamed)
            issues.append(Issue(name, entry.line or None, entry.column or None, "error",
                                "rng", self.hint(message),
                                readable_xpath(work, entry.path) if entry.path else None))
            bad_value = bad_value or message.startswith("Invalid value")
            if _remove_blamed(work, message, blamed) is None or schema.validate(work):
                break
        else:
            issues.append(Issue(name, None, None, "warning", "rng", (
                f"stopped after {budget} RELAX NG errors; more may follow. Fix these and "
                f"validate again, or set {MAX_ERRORS_ENV} above {budget} to see them all")))
        return issues


def _drop_unreachable(grammar: etree._ElementTree) -> etree._ElementTree:
    """Remove the defines no ref reaches from the start (most of a pruned grammar):
    the language is the same and libxml2 compiles only what is left."""
    root = grammar.getroot()
    defines: dict[str, list[etree._Element]] = {}
    for define in root.findall(f"{{{RNG_NS}}}define"):
        defines.setdefault(define.get("name", ""), []).append(define)
    seen: set[str] = set()
    todo = root.findall(f"{{{RNG_NS}}}start")
    while todo:
        for ref in todo.pop().iter(f"{{{RNG_NS}}}ref"):
            name = ref.get("name", "")
            if name not in seen:
                seen.add(name)
                todo.extend(defines.get(name, []))
    for name, group in defines.items():
        if name not in seen:
            for define in group:
                root.remove(define)
    return grammar


CACHE_ENV = "TEI_EDITION_CACHE"
_MAX_REMEMBERED = 400  # names; past this a union compiles slower than it saves


def _cache_file(digest: str) -> Path | None:
    """Where the element names seen with a schema are remembered between runs:
    ``$TEI_EDITION_CACHE`` (``off`` disables), else ``~/.cache/tei-edition``."""
    raw = os.environ.get(CACHE_ENV)
    if raw == "off":
        return None
    base = Path(raw) if raw else Path(os.environ.get("XDG_CACHE_HOME")
                                      or Path.home() / ".cache") / "tei-edition"
    return base / f"rng-names-{digest}.txt"


def _remembered_names(digest: str) -> frozenset[QName]:
    """The union of element names earlier runs compiled this schema for. Only names
    are kept, not grammars: compiling from a cached pruned grammar costs as much as
    pruning again; what saves time is compiling once for every document of a run."""
    path = _cache_file(digest)
    try:
        lines = path.read_text("utf-8").splitlines() if path else []
    except (OSError, UnicodeDecodeError):
        return frozenset()
    found = frozenset(tuple(line.split("\t", 1)) for line in lines if "\t" in line)
    return found if len(found) <= _MAX_REMEMBERED else frozenset()  # type: ignore[return-value]


def _remember_names(digest: str, names: frozenset[QName]) -> None:
    path = _cache_file(digest)
    if path is None or len(names) > _MAX_REMEMBERED:
        return
    from ..xmlio import write_atomic

    with contextlib.suppress(OSError):  # a read-only home: the cache only saves time
        write_atomic(path, "".join(f"{ns}\t{local}\n" for ns, local in sorted(names)))


def max_errors() -> int:
    """The most RELAX NG errors reported per document (a guard against hostile files)."""
    raw = os.environ.get(MAX_ERRORS_ENV, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else MAX_ERRORS


def _qname(el: etree._Element) -> QName:
    q = etree.QName(el)
    return (q.namespace or "", q.localname)


def _shallow(el: etree._Element) -> tuple[etree._Element, list[tuple[etree._Element,
                                                                    etree._Element]]]:
    """``el`` with its attributes and text, and its child elements empty: all a level
    grammar looks at. Returns the copy and (copy, original) pairs of the children."""
    copied = etree.Element(el.tag, attrib=dict(el.attrib), nsmap=el.nsmap)
    copied.text = el.text
    pairs: list[tuple[etree._Element, etree._Element]] = []
    for child in el:
        if isinstance(child.tag, str):
            pairs.append((etree.SubElement(copied, child.tag), child))
            pairs[-1][0].tail = child.tail
        elif child.tail:  # a comment or processing instruction: keep the text after it
            if pairs:
                pairs[-1][0].tail = (pairs[-1][0].tail or "") + child.tail
            else:
                copied.text = (copied.text or "") + child.tail
    return copied, pairs


_VAGUE = re.compile(r"failed to validate (content|attributes)|^Invalid sequence|"
                    r"^Extra element .* in interleave")


def _most_specific(entries: list[etree._LogEntry]) -> etree._LogEntry | None:
    """The first entry that names a problem, else the first: libxml2 follows a precise
    message with vaguer ones about the enclosing elements."""
    if not entries:
        return None
    return next((e for e in entries if not _VAGUE.search(e.message)), entries[0])


_MISSING_ATTR = re.compile(r"failed to validate attributes|Expecting attribute|"
                           r"Element \S+ failed to validate content$")
_TEXT = re.compile(r"Did not expect text|extra content: text$")


def _strip_text(el: etree._Element) -> None:
    el.text = None
    for child in el:
        child.tail = None


def _attribute_name(attr: etree._Element) -> QName | None:
    """(namespace, name) of an ``attribute`` pattern: unlike an element's, its namespace
    is not inherited from an ``ns`` attribute above it."""
    raw = attr.get("name")
    if raw is None:
        return None
    raw = raw.strip()
    if ":" in raw:
        prefix, local = raw.split(":", 1)
        uri = attr.nsmap.get(prefix, "http://www.w3.org/XML/1998/namespace"
                             if prefix == "xml" else "")
        return (uri, local)
    return (attr.get("ns", ""), raw)


_DATATYPE = re.compile(r"Type (\S+) doesn't allow value '(.*)'$", re.S)


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


_ATTR = re.compile(r"Invalid (?:attribute|value '.*' of attribute) (\S+) for element", re.S)


def _prefixes(el: etree._Element) -> dict[str, str]:
    """The prefixes in libxml2's paths below ``el`` (lxml's own ns0… included)."""
    found = {"xi": "http://www.w3.org/2001/XInclude"}
    for node in el.iter():
        if isinstance(node.tag, str):
            found.update((p, uri) for p, uri in node.nsmap.items() if p and p not in found)
    return found


def _find(tree: etree._ElementTree, path: str | None,
          namespaces: dict[str, str] | None = None) -> etree._Element | None:
    if not path:
        return None
    try:
        found = tree.xpath(path, namespaces=namespaces or _prefixes(tree.getroot()))
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
    # The bare word is always the alias: a file named tei_all in the working folder must
    # not override $TEI_EDITION_TEI_ALL; write ./tei_all to mean that file.
    if isinstance(spec, str) and spec == "tei_all":
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

