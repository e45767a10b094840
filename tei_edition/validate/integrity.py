"""Referential integrity and date rules: what no schema checks.

Each rule has a stable id (documented in docs/validation-rules.md):

``id-unique``        an ``xml:id`` occurs once in a document and once across the edition
``ref-resolves``     every ``#id``, ``file.xml`` and ``file.xml#id`` pointer in @ref, @target,
                     @corresp, @source or @resp resolves (note markers pointing at notes too)
``note-reachable``   a note outside the running text has @target or is pointed at
``date-iso``         @when, @from, @to, @notBefore, @notAfter are ISO 8601 (W3C) values
``date-order``       @from ≤ @to and @notBefore ≤ @notAfter
``date-combination`` @when is not combined with a range; @from not with @notBefore, @to not
                     with @notAfter (TEI's own Schematron constraints, which lxml cannot run)
``register-unused``  (warning) a register entry that no validated document points at

Pointers with a URI scheme (``https:``, ``pmb:``) are outside the edition and not checked.

The per-document pass reads every attribute in one XPath call and keeps only strings
(ids, pointers); the line and path of a problem are looked up only when there is one,
so valid documents cost a few tens of microseconds.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from lxml import etree

from ..issues import Issue
from ..xmlio import TEI_NS, XML_NS, element_xpath, parse

POINTER_ATTRS = frozenset({"ref", "target", "corresp", "source", "resp"})
DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter")
# Elements whose @from/@to are pointers or page numbers, not dates (from tei_all: every
# element with @from/@to outside att.datable).
NOT_DATABLE_RANGE = frozenset({"rt", "biblScope", "citedRange", "span", "locus", "app", "arc"})
REGISTER_ENTRIES = frozenset({"person", "place", "org", "personGrp", "event", "object", "bibl"})
# A note whose parent is one of these stands outside the running text.
_DETACHED_PARENTS = frozenset({"div", "div1", "div2", "div3", "div4", "body", "back", "front",
                               "text", "noteGrp", "listAnnotation", "standOff", "TEI",
                               "annotationBlock"})
_XML_ID = f"{{{XML_NS}}}id"
_NOTE = f"{{{TEI_NS}}}note"
_HEADER = f"{{{TEI_NS}}}teiHeader"
_ATTRIBUTES = etree.XPath("//@*")
_NOTES = etree.XPath("//tei:note", namespaces={"tei": TEI_NS})
_WITH_ID = etree.XPath("//*[@xml:id]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_W3C_DATE = re.compile(
    r"-?(?P<year>\d{4,})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d)(?:T\d\d:\d\d:\d\d(?:\.\d+)?"
    r"(?:Z|[+-]\d\d:\d\d)?)?)?)?"
    r"|--(?P<gmonth>\d\d)(?:-(?P<gday>\d\d))?|---(?P<gdayonly>\d\d)|\d\d:\d\d:\d\d(?:\.\d+)?"
)


@dataclass(slots=True)
class Facts:
    """What one document contributes to the edition-wide checks: strings only."""

    path: str
    ids: set[str] = field(default_factory=set)
    external: dict[tuple[str, str], str] = field(default_factory=dict)
    """(file as written, id or "") → the first pointer naming it, e.g. ``@ref='r.xml#a'``."""
    unresolved: dict[str, str] = field(default_factory=dict)
    """``#id`` pointers with no such id in this document: id → the first pointer."""
    pointed: set[str] = field(default_factory=set)
    """Ids in this document that its own pointers reach."""
    entries: set[str] = field(default_factory=set)
    """Register entries (person, place, org …) by xml:id."""
    notes: set[str] = field(default_factory=set)
    """Ids of notes outside the running text that nothing in this document points at."""


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def parse_w3c(value: str) -> tuple[str, str] | None:
    """Check a W3C date; return (earliest, latest) sortable day, or None when invalid."""
    m = _W3C_DATE.fullmatch(value)
    if not m:
        return None
    if m["year"]:
        year, month, day = m["year"], m["month"], m["day"]
        try:
            if day:
                date(int(year), int(month), int(day))
                if "T" in value:
                    datetime.fromisoformat(value.replace("Z", "+00:00"))
            elif month and not 1 <= int(month) <= 12:
                return None
        except ValueError:
            return None
        return f"{year}-{month or '01'}-{day or '01'}", f"{year}-{month or '12'}-{day or '31'}"
    return value, value


@functools.lru_cache(maxsize=65536)
def _classify(value: str) -> tuple[str, str] | None:
    """(file, fragment) of a pointer the edition must resolve, or None (URLs, images).

    Cached: editions repeat the same pointers (``register.xml#…``) thousands of times.
    """
    if _SCHEME.match(value):
        return None
    file, _, frag = value.partition("#")
    if not frag and not file.endswith(".xml"):
        return None  # images, HTML and the like: not edition documents
    return file, frag


class Collector:
    """Gathers the facts of one document, element by element or attribute by attribute."""

    def __init__(self, name: str, paths: bool = True) -> None:
        self.name = name
        self.paths = paths
        self.issues: list[Issue] = []
        self.facts = Facts(name)
        self.pointers: list[tuple[str, str]] = []
        self.duplicates = False
        self.detached: list[tuple[str | None, int | None, str | None]] = []

    def issue(self, rule: str, el: etree._Element, message: str) -> None:
        path = element_xpath(el) if self.paths else None
        self.issues.append(Issue(self.name, el.sourceline, None, "error", rule, message, path))

    def add_id(self, ident: str, el: Callable[[], etree._Element]) -> None:
        if ident in self.facts.ids:
            self.duplicates = True
            return
        self.facts.ids.add(ident)
        element = el()
        parent = element.getparent()
        if (_local(element) in REGISTER_ENTRIES and parent is not None
                and _local(parent).startswith("list")):
            self.facts.entries.add(ident)

    def note(self, note: etree._Element) -> None:
        parent = note.getparent()
        if parent is None or _local(parent) not in _DETACHED_PARENTS:
            return
        if note.get("target") or note.get("targetEnd"):
            return
        if any(True for _ in note.iterancestors(_HEADER)):
            return
        self.detached.append((note.get(_XML_ID), note.sourceline,
                              element_xpath(note) if self.paths else None))

    def visit(self, el: etree._Element) -> None:
        """One element (the streaming path)."""
        dated = False
        for key, value in el.attrib.items():
            if key == _XML_ID:
                self.add_id(value, lambda: el)
                if self.duplicates and not self.paths:
                    self.issue("id-unique", el, f"xml:id {value!r} is used twice")
                    self.duplicates = False
            elif key in POINTER_ATTRS:
                self.pointers.append((key, value))
            elif key in DATE_ATTRS:
                dated = True
        if dated:
            _check_dates(el, self.issue)
        if el.tag == _NOTE:
            self.note(el)

    def finish(self, tree: etree._ElementTree | None = None) -> tuple[list[Issue], Facts]:
        facts = self.facts
        if self.duplicates and tree is not None:
            seen: dict[str, int | None] = {}
            for el in _WITH_ID(tree):
                ident = el.get(_XML_ID)
                if ident in seen:
                    self.issue("id-unique", el, f"xml:id {ident!r} is already used on line "
                               f"{seen[ident]}; give this element another id")
                else:
                    seen[ident] = el.sourceline
        for attr, raw in self.pointers:
            for value in raw.split():
                target = _classify(value)
                if target is None:
                    continue
                file, frag = target
                if file:
                    facts.external.setdefault((file, frag), f"@{attr}={value!r}")
                elif frag in facts.ids:
                    facts.pointed.add(frag)
                else:  # not here: may be an id elsewhere in the edition
                    facts.unresolved.setdefault(frag, f"@{attr}={value!r}")
        for ident, line, path in self.detached:
            if ident and ident in facts.pointed:
                continue
            if ident:  # may be pointed at from another document: decided edition-wide
                facts.notes.add(ident)
                continue
            self.issues.append(Issue(
                self.name, line, None, "error", "note-reachable",
                "this note stands outside the text and nothing points to it: give it "
                "@target, or an xml:id that a marker (ref/ptr) points to", path))
        return self.issues, facts


def check_document(tree: etree._ElementTree, name: str) -> tuple[list[Issue], Facts]:
    """Per-document rules; returns the issues and the facts for the edition-wide pass."""
    collector = Collector(name)
    dated: dict[etree._Element, list[tuple[str, str]]] = {}
    pointers = collector.pointers
    for attr in _ATTRIBUTES(tree):
        key = attr.attrname
        if key == _XML_ID:
            collector.add_id(str(attr), attr.getparent)
        elif key in POINTER_ATTRS:
            pointers.append((key, str(attr)))
        elif key in DATE_ATTRS:
            dated.setdefault(attr.getparent(), []).append((key, str(attr)))
    for el, pairs in dated.items():
        pairs.sort(key=lambda p: DATE_ATTRS.index(p[0]))
        for rule, message in date_problems(_local(el), tuple(pairs)):
            collector.issue(rule, el, message)
    for note in _NOTES(tree):
        collector.note(note)
    return collector.finish(tree)


def _check_dates(el: etree._Element, issue) -> None:  # type: ignore[no-untyped-def]
    pairs = tuple((a, v) for a in DATE_ATTRS if (v := el.get(a)) is not None)
    for rule, message in date_problems(_local(el), pairs):
        issue(rule, el, message)


@functools.lru_cache(maxsize=65536)
def date_problems(local: str, pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The (rule, message) problems of one element's dating attributes (cached: dates
    repeat across an edition)."""
    if local in NOT_DATABLE_RANGE:
        pairs = tuple(p for p in pairs if p[0] == "when")
    values = dict(pairs)
    if not values:
        return ()
    found = []
    parsed = {}
    for attr, value in values.items():
        span = parse_w3c(value)
        if span is None:
            found.append(("date-iso", f"@{attr}={value!r} is not an ISO 8601 date (expected "
                          "YYYY, YYYY-MM, YYYY-MM-DD or a dateTime)"))
        else:
            parsed[attr] = span
    for lo, hi in (("from", "to"), ("notBefore", "notAfter")):
        if lo in parsed and hi in parsed and parsed[lo][0] > parsed[hi][1]:
            found.append(("date-order", f"@{lo}={values[lo]!r} is later than "
                          f"@{hi}={values[hi]!r}; swap them or correct one"))
    if "when" in values and values.keys() & {"from", "to", "notBefore", "notAfter"}:
        found.append(("date-combination", "@when cannot be combined with @from/@to/"
                      "@notBefore/@notAfter: keep @when for a point, the others for a range"))
    for a, b in (("from", "notBefore"), ("to", "notAfter")):
        if a in values and b in values:
            found.append(("date-combination", f"@{a} cannot be combined with @{b}"))
    return tuple(found)


class _Locator:
    """Finds the element behind an edition-wide problem, re-reading a file only then."""

    def __init__(self) -> None:
        self.trees: dict[str, etree._ElementTree | None] = {}

    def _tree(self, path: str) -> etree._ElementTree | None:
        if path not in self.trees:
            try:
                self.trees[path] = parse(path)
            except Exception:
                self.trees[path] = None
        return self.trees[path]

    def issue(self, path: str, severity: str, rule: str, message: str,
              find: Callable[[etree._ElementTree], Iterable[etree._Element]]) -> Issue:
        tree = self._tree(path)
        el = next(iter(find(tree)), None) if tree is not None else None
        if el is None:
            return Issue(path, None, None, severity, rule, message)
        return Issue(path, el.sourceline, None, severity, rule, message, element_xpath(el))

    @staticmethod
    def by_id(ident: str) -> Callable[[etree._ElementTree], Iterable[etree._Element]]:
        return lambda tree: tree.xpath("//*[@xml:id=$i]", i=ident)

    @staticmethod
    def by_pointer(pointer: str) -> Callable[[etree._ElementTree], Iterable[etree._Element]]:
        attr, _, value = pointer.partition("=")
        value = value.strip("'\"")
        return lambda tree: (
            el for el in tree.xpath(f"//*[@{attr[1:]}]") if value in el.get(attr[1:]).split()
        )


def check_edition(
    facts: list[Facts], load_ids: Callable[[str], set[str] | None], *, unique_ids: bool = True,
) -> list[Issue]:
    """Edition-wide rules over the facts of every validated document.

    ``load_ids(path)`` returns the xml:ids of a document outside the run (or None when
    it cannot be read); it is called once per file. With ``unique_ids=False`` an id may
    recur in other documents (editions whose ids are unique per document only).
    """
    locate = _Locator()
    issues: list[Issue] = []
    real = {f.path: os.path.realpath(f.path) for f in facts}
    by_real = {real[f.path]: f for f in facts}
    outside: dict[str, set[str] | None] = {}
    targets: dict[tuple[str, str], str] = {}

    owner: dict[str, str] = {}
    for f in facts:
        for ident in sorted(f.ids):
            first = owner.setdefault(ident, f.path)
            if unique_ids and first != f.path:
                issues.append(locate.issue(
                    f.path, "error", "id-unique", f"xml:id {ident!r} is also used in {first}; "
                    "ids must be unique across the edition", locate.by_id(ident)))
    pointed: dict[str, set[str]] = {}
    for f in facts:
        for ident, pointer in f.unresolved.items():
            first = owner.get(ident)
            if first is None:
                issues.append(locate.issue(
                    f.path, "error", "ref-resolves", f"{pointer} points to no element: no "
                    f"xml:id {ident!r} in this document or the edition",
                    locate.by_pointer(pointer)))
            else:
                pointed.setdefault(real[first], set()).add(ident)
        folder = os.path.dirname(f.path)
        for (file, ident), pointer in f.external.items():
            target = targets.get((folder, file))
            if target is None:
                target = targets[(folder, file)] = os.path.realpath(os.path.join(folder, file))
            known = by_real.get(target)
            if known is not None:
                ids = known.ids
            else:
                if target not in outside:
                    outside[target] = load_ids(target)
                ids = outside[target]
            if ids is None:
                issues.append(locate.issue(f.path, "error", "ref-resolves",
                                           f"{pointer}: file {file!r} not found",
                                           locate.by_pointer(pointer)))
            elif ident and ident not in ids:
                issues.append(locate.issue(f.path, "error", "ref-resolves",
                                           f"{pointer}: {file} has no xml:id {ident!r}",
                                           locate.by_pointer(pointer)))
            elif ident:
                pointed.setdefault(target, set()).add(ident)
    for target, idents in pointed.items():
        register = by_real.get(target)
        if register is None:
            continue
        for ident in sorted(register.entries - idents - register.pointed):
            issues.append(locate.issue(register.path, "warning", "register-unused",
                                       f"register entry {ident!r} is used by no validated "
                                       "document", locate.by_id(ident)))
    for f in facts:
        for ident in sorted(f.notes - pointed.get(real[f.path], set())):
            issues.append(locate.issue(
                f.path, "error", "note-reachable", f"note {ident!r} stands outside the text "
                "and nothing points to it: give it @target or point a marker at it",
                locate.by_id(ident)))
    return issues
