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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from ..issues import Issue
from ..xmlio import TEI_NS, XML_NS, element_xpath, readable_xpath

POINTER_ATTRS = ("ref", "target", "corresp", "source", "resp")
DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter")
# Elements whose @from/@to are pointers or page numbers, not dates (from tei_all: every
# element with @from/@to outside att.datable).
NOT_DATABLE_RANGE = {"rt", "biblScope", "citedRange", "span", "locus", "app", "arc"}
REGISTER_ENTRIES = {"person", "place", "org", "personGrp", "event", "object", "bibl"}
# A note whose parent is one of these stands outside the running text.
_DETACHED_PARENTS = {"div", "div1", "div2", "div3", "div4", "body", "back", "front", "text",
                     "noteGrp", "listAnnotation", "standOff", "TEI", "annotationBlock"}
_XML_ID = f"{{{XML_NS}}}id"
_NOTE = f"{{{TEI_NS}}}note"
_HEADER = f"{{{TEI_NS}}}teiHeader"
_SELECT = etree.XPath(
    "//*[@xml:id or @ref or @target or @corresp or @source or @resp or @when or @from or @to"
    " or @notBefore or @notAfter or local-name()='note']"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_W3C_DATE = re.compile(
    r"-?(?P<year>\d{4,})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d)(?:T\d\d:\d\d:\d\d(?:\.\d+)?"
    r"(?:Z|[+-]\d\d:\d\d)?)?)?)?"
    r"|--(?P<gmonth>\d\d)(?:-(?P<gday>\d\d))?|---(?P<gdayonly>\d\d)|\d\d:\d\d:\d\d(?:\.\d+)?"
)


@dataclass
class Pointer:
    attr: str
    value: str
    file: str
    """The target file as written (empty for a same-document ``#id``)."""
    ident: str | None
    line: int | None
    xpath: str | None


@dataclass
class Facts:
    """What one document contributes to the edition-wide checks."""

    path: str
    ids: dict[str, int | None] = field(default_factory=dict)
    external: list[Pointer] = field(default_factory=list)
    pointed: set[str] = field(default_factory=set)
    """Ids in this document that its own pointers reach."""
    entries: dict[str, int | None] = field(default_factory=dict)
    """Register entries (person, place, org …) by xml:id."""
    unresolved: list[Pointer] = field(default_factory=list)
    """``#id`` pointers with no such id in this document."""


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def parse_w3c(value: str) -> tuple[str, str] | None:
    """Check a W3C date; return (sortable start, sortable end) or None when invalid."""
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
        lo = f"{year}-{month or '01'}-{day or '01'}"
        hi = f"{year}-{month or '12'}-{day or '31'}"
        return lo, hi
    return value, value


@dataclass
class _Note:
    ident: str | None
    line: int | None
    xpath: str | None


class Collector:
    """Visits relevant elements one at a time (a whole tree, or a stream of them)."""

    def __init__(self, name: str, paths: bool = True,
                 tree: etree._ElementTree | None = None) -> None:
        self.name = name
        self.tree = tree
        self.paths = paths
        self.issues: list[Issue] = []
        self.facts = Facts(name)
        self.pointers: list[Pointer] = []
        self.notes: list[_Note] = []

    def issue(self, rule: str, el: etree._Element, message: str) -> None:
        path = element_xpath(el) if self.paths else None
        self.issues.append(Issue(self.name, el.sourceline, None, "error", rule, message, path))

    def _path(self, el: etree._Element) -> str | None:
        """libxml2's positional path (fast); made readable only if an issue needs it."""
        return el.getroottree().getpath(el) if self.paths else None

    def visit(self, el: etree._Element) -> None:
        facts = self.facts
        ident = el.get(_XML_ID)
        if ident is not None:
            if ident in facts.ids:
                self.issue("id-unique", el, f"xml:id {ident!r} is already used on line "
                           f"{facts.ids[ident]}; give this element another id")
            else:
                facts.ids[ident] = el.sourceline
            parent = el.getparent()
            if (_local(el) in REGISTER_ENTRIES and parent is not None
                    and _local(parent).startswith("list")):
                facts.entries[ident] = el.sourceline
        for attr in POINTER_ATTRS:
            raw = el.get(attr)
            if raw is None:
                continue
            for value in raw.split():
                if _SCHEME.match(value):
                    continue
                file, _, frag = value.partition("#")
                if not frag and not file.endswith(".xml"):
                    continue  # images, HTML and the like: not edition documents
                self.pointers.append(Pointer(attr, value, file, frag or None, el.sourceline,
                                             self._path(el)))
        if el.get("when") is not None or el.get("from") is not None or el.get(
            "to") is not None or el.get("notBefore") is not None or el.get(
                "notAfter") is not None:
            _check_dates(el, self.issue)
        if el.tag == _NOTE:
            self._visit_note(el)

    def _visit_note(self, note: etree._Element) -> None:
        parent = note.getparent()
        if parent is None or _local(parent) not in _DETACHED_PARENTS:
            return
        if note.get("target") or note.get("targetEnd"):
            return
        if any(a.tag == _HEADER for a in note.iterancestors()):
            return
        self.notes.append(_Note(note.get(_XML_ID), note.sourceline, self._path(note)))

    def finish(self) -> tuple[list[Issue], Facts]:
        facts = self.facts
        for pointer in self.pointers:
            if pointer.file:
                facts.external.append(pointer)
            elif pointer.ident in facts.ids:
                facts.pointed.add(pointer.ident)
            else:  # not here: may be an id elsewhere in the edition, decided edition-wide
                facts.unresolved.append(pointer)
        if self.tree is not None:  # few of these; other paths never reach an issue
            for item in (*facts.unresolved, *self.notes):
                if item.xpath:
                    item.xpath = readable_xpath(self.tree, item.xpath)
        for note in self.notes:
            if note.ident and note.ident in facts.pointed:
                continue
            if note.ident:  # may be pointed at from another document: decided edition-wide
                facts.entries.setdefault("#note:" + note.ident, note.line)
                continue
            self.issues.append(Issue(
                self.name, note.line, None, "error", "note-reachable",
                "this note stands outside the text and nothing points to it: give it "
                "@target, or an xml:id that a marker (ref/ptr) points to", note.xpath))
        return self.issues, facts


def check_document(tree: etree._ElementTree, name: str) -> tuple[list[Issue], Facts]:
    """Per-document rules; returns the issues and the facts for the edition-wide pass."""
    collector = Collector(name, tree=tree)
    for el in _SELECT(tree):
        collector.visit(el)
    return collector.finish()


def _check_dates(el: etree._Element, issue) -> None:  # type: ignore[no-untyped-def]
    names = ("when",) if _local(el) in NOT_DATABLE_RANGE else DATE_ATTRS
    values = {a: el.get(a) for a in names if el.get(a) is not None}
    if not values:
        return
    parsed = {}
    for attr, value in values.items():
        span = parse_w3c(value)
        if span is None:
            issue("date-iso", el, f"@{attr}={value!r} is not an ISO 8601 date (expected "
                  "YYYY, YYYY-MM, YYYY-MM-DD or a dateTime)")
        else:
            parsed[attr] = span
    for lo, hi in (("from", "to"), ("notBefore", "notAfter")):
        if lo in parsed and hi in parsed and parsed[lo][0] > parsed[hi][1]:
            issue("date-order", el, f"@{lo}={values[lo]!r} is later than @{hi}={values[hi]!r}; "
                  "swap them or correct one")
    if "when" in values and values.keys() & {"from", "to", "notBefore", "notAfter"}:
        issue("date-combination", el, "@when cannot be combined with @from/@to/@notBefore/"
              "@notAfter: keep @when for a point, the others for a range")
    for a, b in (("from", "notBefore"), ("to", "notAfter")):
        if a in values and b in values:
            issue("date-combination", el, f"@{a} cannot be combined with @{b}")


def check_edition(  # type: ignore[no-untyped-def]
    facts: list[Facts], load_ids, *, unique_ids: bool = True,
) -> list[Issue]:
    """Edition-wide rules over the facts of every validated document.

    ``load_ids(path)`` returns the xml:ids of a document outside the run (or None when
    it cannot be read). With ``unique_ids=False`` an id may recur in other documents
    (editions whose ids are unique per document only).
    """
    issues: list[Issue] = []
    by_path = {str(Path(f.path).resolve()): f for f in facts}
    first_seen: dict[str, str] = {}
    for f in facts:
        for ident, line in f.ids.items():
            if unique_ids and ident in first_seen and first_seen[ident] != f.path:
                issues.append(Issue(f.path, line, None, "error", "id-unique",
                                    f"xml:id {ident!r} is also used in {first_seen[ident]}; "
                                    "ids must be unique across the edition"))
            else:
                first_seen.setdefault(ident, f.path)
    pointed: dict[str, set[str]] = {}
    for f in facts:
        for p in f.unresolved:
            owner = first_seen.get(p.ident or "")
            if owner is None:
                issues.append(Issue(f.path, p.line, None, "error", "ref-resolves",
                                    f"@{p.attr}={p.value!r} points to no element: no xml:id "
                                    f"{p.ident!r} in this document or the edition", p.xpath))
            else:
                pointed.setdefault(str(Path(owner).resolve()), set()).add(p.ident or "")
        for p in f.external:
            target = str((Path(f.path).parent / p.file).resolve())
            known = by_path.get(target)
            ids = known.ids if known else load_ids(target)
            if ids is None:
                issues.append(Issue(f.path, p.line, None, "error", "ref-resolves",
                                    f"@{p.attr}={p.value!r}: file {p.file!r} not found",
                                    p.xpath))
            elif p.ident and p.ident not in ids:
                issues.append(Issue(f.path, p.line, None, "error", "ref-resolves",
                                    f"@{p.attr}={p.value!r}: {p.file} has no xml:id "
                                    f"{p.ident!r}", p.xpath))
            elif p.ident:
                pointed.setdefault(target, set()).add(p.ident)
    for target, idents in pointed.items():
        register = by_path.get(target)
        if register is None:
            continue
        for ident, line in register.entries.items():
            if ident.startswith("#note:"):
                continue
            if ident not in idents and ident not in register.pointed:
                issues.append(Issue(register.path, line, None, "warning", "register-unused",
                                    f"register entry {ident!r} is used by no validated "
                                    "document"))
    for f in facts:
        for key, line in f.entries.items():
            if key.startswith("#note:") and key[6:] not in pointed.get(
                str(Path(f.path).resolve()), set()
            ):
                issues.append(Issue(f.path, line, None, "error", "note-reachable",
                                    f"note {key[6:]!r} stands outside the text and nothing "
                                    "points to it: give it @target or point a marker at it"))
    return issues
