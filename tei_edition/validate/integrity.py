"""Referential integrity and date rules: what no schema checks.

Each rule has a stable id (documented in docs/validation-rules.md):

``id-unique``        an ``xml:id`` occurs once in its scope (the document, or the edition)
``ref-resolves``     every pointer (``#id``, ``file.xml``, ``file.xml#id``, or a private
                     prefix declared by ``prefixDef``) in a pointer attribute resolves
``pointer-form``     (warning) a bare value that is an xml:id, where ``#id`` was meant
``note-reachable``   a note outside the running text has @target or is pointed at
``date-iso``         @when, @from, @to, @notBefore, @notAfter are ISO 8601 (W3C) values
``date-order``       @from ≤ @to and @notBefore ≤ @notAfter
``date-combination`` @when is not combined with a range; @from not with @notBefore, @to not
                     with @notAfter (TEI's own Schematron constraints, which lxml cannot run)
``register-unused``  (warning) a register entry that no validated document points at

Scope of ids. TEI asks an ``xml:id`` to be unique within its document, and ``#id`` (a
"shorthand pointer", Guidelines 16.2.2) names an element of the same document. So by
default each document is its own scope: two independent letters may both number their
``lb`` ``p1-l1``, and ``#p1-l1`` must resolve where it is written. Files inside an edition
(a folder holding ``edition.toml``, or below one) form one scope: an id is unique across
all of them and ``#id`` may resolve in any of them. ``check_edition(unique_ids=True)``
makes all files checked one edition (what ``build`` asks for), ``False`` makes every file
its own scope. ``file.xml#id`` pointers name their file and are checked in every scope.

Pointer attributes are those of datatype ``teidata.pointer`` in tei_all (P5 4.x), e.g.
att.global.linking (@corresp, @sameAs, @next …), att.global.rendition (@rendition),
att.ascribed (@who), att.witnessed (@wit), att.written (@hand), handShift/@new, @scheme
of catRef/classCode/keywords, @from/@to of span/app/arc/rt. @facs is checked only as a
``#id`` or ``file.xml#id``: it usually names an image. @key and @url are not pointers.
Values with a URI scheme (``https:``) are outside the edition; a private prefix
(``pmb:123``) declared by a ``prefixDef`` (Guidelines 16.2.3) is expanded through the
first ``prefixDef`` of that ident whose ``matchPattern`` matches the whole part after the
colon, and checked when it expands to a local pointer. TEI XPointer schemes
(``#xpath(…)``, ``#range(…)``, 16.2.5) are not checked. Everything inside ``egXML``
(the TEI Examples namespace: examples, not the document) is ignored by every rule.

The per-document pass reads every attribute in one XPath call and keeps only strings
(ids, pointers) and the attribute nodes of pointers; the line and path of a problem are
looked up only when there is one, so valid documents cost a few tens of microseconds.
Edition-wide problems re-read their file once and index it (ids and pointers) once.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Union

from lxml import etree

from ..issues import Issue
from ..xmlio import TEI_NS, XML_NS, PathIndex, parse

EG_NS = "http://www.tei-c.org/ns/Examples"
EDITION_FILE = "edition.toml"
# teidata.pointer attributes, whatever element carries them (tei_all 4.x).
POINTER_ATTRS = frozenset({
    "ref", "target", "corresp", "source", "resp", "rendition", "who", "toWhom", "wit",
    "hand", "facs", "ana", "change", "decls", "sameAs", "copyOf", "next", "prev", "exclude",
    "select", "synch", "scribeRef", "scriptRef", "spanTo", "targetEnd", "edRef", "end",
    "datingMethod", "datingPoint", "period", "calendar", "where", "perf", "inst", "nymRef",
    "domains", "unitRef", "lemmaRef", "mutual", "given",
})
# Attributes that are pointers on some elements only: name → (elements, True if only on
# those elements, False if on all but those).
POINTER_ON: dict[str, tuple[frozenset[str], bool]] = {
    "new": (frozenset({"handShift"}), True),  # shift/@new is a value, not a pointer
    "scheme": (frozenset({"catRef", "classCode", "keywords", "locus", "locusGrp",
                          "occupation", "socecStatus"}), True),
    "active": (frozenset({"relation"}), True),  # interaction/@active is an enumeration
    "passive": (frozenset({"relation"}), True),
    "origin": (frozenset({"timeline"}), True),
    "since": (frozenset({"when"}), True),
    "start": (frozenset({"schemaSpec"}), False),  # schemaSpec/@start names elements
}
DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter")
_XML_BASE = f"{{{XML_NS}}}base"  # marks XIncluded content
_RARE = frozenset(POINTER_ON) | {"matchPattern", _XML_BASE}  # attributes looked at closely
# Elements whose @from/@to are pointers or page numbers, not dates (from tei_all: every
# element with @from/@to outside att.datable).
NOT_DATABLE_RANGE = frozenset({"rt", "biblScope", "citedRange", "span", "locus", "app", "arc"})
RANGE_POINTERS = frozenset({"rt", "span", "app", "arc"})  # … of which these point
REGISTER_ENTRIES = frozenset({"person", "place", "org", "personGrp", "event", "object", "bibl"})
# A note whose parent is one of these stands outside the running text.
_DETACHED_PARENTS = frozenset({"div", "div1", "div2", "div3", "div4", "body", "back", "front",
                               "text", "noteGrp", "listAnnotation", "standOff", "TEI",
                               "annotationBlock"})
_XML_ID = f"{{{XML_NS}}}id"
_NOTE = f"{{{TEI_NS}}}note"
_HEADER = f"{{{TEI_NS}}}teiHeader"
_PREFIX_DEF = f"{{{TEI_NS}}}prefixDef"
_EGXML = f"{{{EG_NS}}}egXML"
_ATTRIBUTES = etree.XPath("//@*")
# The attributes of egXML itself are the document's (att.global); those of its content not.
_ATTRIBUTES_OUTSIDE_EXAMPLES = etree.XPath("//@*[not(../ancestor::eg:egXML)]",
                                           namespaces={"eg": EG_NS})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FILE_EXT = re.compile(r"\.[A-Za-z][A-Za-z0-9]{1,4}$")
_W3C_DATE = re.compile(
    r"-?(?P<year>\d{4,})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d)(?:T\d\d:\d\d:\d\d(?:\.\d+)?"
    r"(?:Z|[+-]\d\d:\d\d)?)?)?)?"
    r"|--(?P<gmonth>\d\d)(?:-(?P<gday>\d\d))?|---(?P<gdayonly>\d\d)|\d\d:\d\d:\d\d(?:\.\d+)?"
)

Where = Union[int, None, etree._Element, "etree._ElementUnicodeResult"]
"""Where a value was read: a line (streaming), an element, or an attribute node."""


@dataclass(slots=True)
class Dangling:
    """The first ``#id`` pointer of a document to an id it does not have."""

    pointer: str
    line: int | None
    xpath: str | None
    count: int = 1


@dataclass(slots=True)
class Facts:
    """What one document contributes to the edition-wide checks: strings only."""

    path: str
    ids: set[str] = field(default_factory=set)
    external: dict[tuple[str, str], tuple[str, str, str]] = field(default_factory=dict)
    """(file as written, id or "") → (attribute, value, as shown) of the first pointer."""
    unresolved: dict[str, Dangling] = field(default_factory=dict)
    """``#id`` pointers with no such id in this document: id → the first pointer."""
    bare: dict[str, str] = field(default_factory=dict)
    """Bare values (no ``#``) naming no id here: value → attribute of the first one."""
    pointed: set[str] = field(default_factory=set)
    """Ids in this document that its own pointers reach."""
    entries: set[str] = field(default_factory=set)
    """Register entries (person, place, org …) by xml:id."""
    notes: set[str] = field(default_factory=set)
    """Ids of notes outside the running text that nothing in this document points at."""
    included: set[str] = field(default_factory=set)
    """Ids of content XInclude brought in (under an ``xml:base``): they resolve pointers
    here, but belong to the included file, so edition-wide uniqueness counts them there."""


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _pointer_here(attr: str, local: str) -> bool:
    elements, only = POINTER_ON[attr]
    return (local in elements) == only


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
def _classify(value: str) -> tuple[str, str, str] | None:
    """(kind, file or prefix, fragment or rest) of one pointer, or None when unchecked.

    Kinds: ``id`` (``#id``), ``file`` (``file.xml``, ``file.xml#id``), ``scheme``
    (``pmb:123``: a URL or a private prefix), ``bare`` (``abc``: no ``#``, no extension —
    an id if it names one). Cached: editions repeat the same pointers thousands of times.
    """
    scheme = _SCHEME.match(value)
    if scheme:
        return "scheme", value[:scheme.end() - 1], value[scheme.end():]
    file, hashed, frag = value.partition("#")
    if hashed:
        if "(" in frag or not (file or frag):
            return None  # a TEI XPointer scheme (Guidelines 16.2.5), not an id
        return ("file", file, frag) if file else ("id", "", frag)
    if value.endswith(".xml"):
        return "file", value, ""
    if "/" in value or _FILE_EXT.search(value):
        return None  # images, HTML and the like: not edition documents
    return "bare", value, ""


@functools.lru_cache(maxsize=1024)
def _pattern(match_pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(match_pattern)
    except re.error:  # XPath regex features Python lacks (\i, \c, \p{…}): cannot tell
        return None


_GROUP_REF = re.compile(r"\\([\\$])|\$(\d)")


def _group(m: re.Match[str], ref: re.Match[str]) -> str:
    """A ``$N`` (group N of ``m``; ``$0`` the whole match) or an escaped ``\\$``."""
    if ref[1]:
        return ref[1]
    n = int(ref[2])
    return (m[n] or "") if n <= (m.re.groups or 0) else ""


def expand_prefixed(defs: Iterable[tuple[str, str]], rest: str) -> str | None:
    """Expand the part after ``prefix:`` through the first matching ``prefixDef``.

    Returns the expanded pointer, ``""`` when a pattern could not be read (so nothing is
    known), or None when no ``matchPattern`` matches. The match is of the whole part
    after the colon; ``$1``…``$9`` in the replacement are its groups (16.2.3).
    """
    unreadable = False
    for match_pattern, replacement in defs:
        pattern = _pattern(match_pattern)
        if pattern is None:
            unreadable = True
            continue
        m = pattern.fullmatch(rest)
        if m is None:
            continue
        return _GROUP_REF.sub(functools.partial(_group, m), replacement)
    return "" if unreadable else None


class Collector:
    """Gathers the facts of one document, element by element or attribute by attribute."""

    def __init__(self, name: str, paths: bool = True) -> None:
        self.name = name
        self.paths = paths
        self.issues: list[Issue] = []
        self.facts = Facts(name)
        self.pointers: list[tuple[str, str, Where]] = []
        """(attribute, value, where) of every pointer attribute."""
        self.first_at: dict[str, Where] = {}
        self.duplicates: list[tuple[str, Where]] = []
        self.prefixes: dict[str, list[tuple[str, str]]] = {}
        self.detached: list[tuple[str | None, int | None, str | None]] = []
        self.xpath = PathIndex()  # one numbering of siblings per tree, not one per issue

    def where(self, at: Where) -> tuple[int | None, str | None]:
        if at is None or isinstance(at, int):
            return at, None
        el = at if isinstance(at, etree._Element) else at.getparent()
        return el.sourceline, self.xpath(el) if self.paths else None

    def issue(self, rule: str, el: etree._Element, message: str) -> None:
        self.issue_at(rule, el, message)

    def issue_at(self, rule: str, at: Where, message: str, severity: str = "error") -> None:
        line, path = self.where(at)
        self.issues.append(Issue(self.name, line, None, severity, rule, message, path))

    def add_id(self, ident: str, at: Where, el: Callable[[], etree._Element]) -> None:
        if ident in self.first_at:
            self.duplicates.append((ident, at))
            return
        self.first_at[ident] = at
        element = el()
        parent = element.getparent()
        if (_local(element) in REGISTER_ENTRIES and parent is not None
                and _local(parent).startswith("list")):
            self.facts.entries.add(ident)

    def prefix_def(self, el: etree._Element) -> None:
        if el.tag != _PREFIX_DEF:
            return
        ident, match, replacement = (el.get("ident"), el.get("matchPattern"),
                                     el.get("replacementPattern"))
        if ident and match is not None and replacement is not None:
            self.prefixes.setdefault(ident, []).append((match, replacement))

    def note(self, note: etree._Element) -> None:
        parent = note.getparent()
        if parent is None or _local(parent) not in _DETACHED_PARENTS:
            return
        if note.get("target") or note.get("targetEnd"):
            return
        if any(True for _ in note.iterancestors(_HEADER)):
            return
        self.detached.append((note.get(_XML_ID), note.sourceline,
                              self.xpath(note) if self.paths else None))

    def visit(self, el: etree._Element) -> None:
        """One element (the streaming path); the caller skips elements inside egXML."""
        dated = False
        line = el.sourceline
        for key, value in el.attrib.items():
            if key == _XML_ID:
                self.add_id(value, line, lambda: el)
            elif key in POINTER_ATTRS:
                self.pointers.append((key, value, line))
            elif key in DATE_ATTRS:
                dated = True
            elif key in POINTER_ON and _pointer_here(key, _local(el)):
                self.pointers.append((key, value, line))
        if dated:
            _check_dates(el, self.issue)
            if _local(el) in RANGE_POINTERS:
                self.pointers.extend((k, v, line) for k in ("from", "to")
                                     if (v := el.get(k)) is not None)
        if el.tag == _PREFIX_DEF:
            self.prefix_def(el)
        elif el.tag == _NOTE:
            self.note(el)

    def finish(self) -> tuple[list[Issue], Facts]:
        facts = self.facts
        ids = facts.ids = set(self.first_at)
        for ident, at in self.duplicates:
            first, _ = self.where(self.first_at[ident])
            self.issue_at("id-unique", at, f"xml:id {ident!r} is already used on line "
                          f"{first}; give this element another id")
        expanded: dict[str, str | None] = {}
        warned: set[str] = set()
        unresolved, external, pointed = facts.unresolved, facts.external, facts.pointed
        for attr, raw, at in self.pointers:
            for value in raw.split():
                kind = _classify(value)
                if kind is None:
                    continue
                via = ""  # how a prefixed value was expanded, for the message
                if kind[0] == "scheme":
                    defs = self.prefixes.get(kind[1])
                    if not defs:
                        continue  # a URL, or an undeclared private scheme: outside
                    if value not in expanded:
                        expanded[value] = expand_prefixed(defs, kind[2])
                    full = expanded[value]
                    if full is None:
                        self.issue_at("ref-resolves", at, f"@{attr}={value!r} matches no "
                                      f"matchPattern of the prefixDef for {kind[1]!r}, so it "
                                      "cannot be resolved")
                        continue
                    kind = _classify(full) if full else None
                    if kind is None or kind[0] in ("scheme", "bare"):
                        continue  # expands to a URL: outside the edition
                    via = f" (= {full!r} by its prefixDef)"
                what, file, frag = kind
                if attr == "facs" and not frag:
                    continue  # names an image or a page, not an element
                if what == "id":
                    if frag in ids:
                        pointed.add(frag)
                    elif (dangling := unresolved.get(frag)) is not None:
                        dangling.count += 1
                    else:  # not here: in document scope an error, else maybe elsewhere
                        unresolved[frag] = Dangling(f"@{attr}={value!r}{via}", *self.where(at))
                elif what == "file":
                    if (file, frag) not in external:
                        external[(file, frag)] = (attr, value, f"@{attr}={value!r}{via}")
                elif value in ids:  # bare, and an id of this document: '#' forgotten
                    pointed.add(value)
                    if value not in warned:
                        warned.add(value)
                        self.issue_at("pointer-form", at, f"@{attr}={value!r} is not a pointer "
                                      f"but names xml:id {value!r} of this document: write "
                                      f"'#{value}'", severity="warning")
                else:
                    facts.bare.setdefault(value, attr)
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
    # One C-level walk finds the notes and tells whether there are examples to skip.
    marked = list(tree.getroot().iter(_NOTE, _EGXML))
    examples = bool(marked) and any(el.tag == _EGXML for el in marked)
    dated: dict[etree._Element, list[tuple[str, str, Where]]] = {}
    pointers = collector.pointers
    bases: list[etree._Element] = []
    for attr in (_ATTRIBUTES_OUTSIDE_EXAMPLES if examples else _ATTRIBUTES)(tree):
        key = attr.attrname
        if key == _XML_ID:
            collector.add_id(str(attr), attr, attr.getparent)
        elif key in POINTER_ATTRS:
            pointers.append((key, str(attr), attr))
        elif key in DATE_ATTRS:
            dated.setdefault(attr.getparent(), []).append((key, str(attr), attr))
        elif key in _RARE:
            if key == "matchPattern":
                collector.prefix_def(attr.getparent())
            elif key == _XML_BASE:
                bases.append(attr.getparent())
            elif _pointer_here(key, _local(attr.getparent())):
                pointers.append((key, str(attr), attr))
    for el, found in dated.items():
        local = _local(el)
        if local in RANGE_POINTERS:
            pointers.extend(p for p in found if p[0] in ("from", "to"))
        pairs = [(k, v) for k, v, _ in found]
        if len(pairs) > 1:
            pairs.sort(key=_date_order)
        for rule, message in date_problems(local, tuple(pairs)):
            collector.issue(rule, el, message)
    for note in marked:
        if note.tag == _NOTE and not (examples and _in_example(note)):
            collector.note(note)
    issues, facts = collector.finish()
    for base in bases:
        facts.included.update(i for el in base.iter() if (i := el.get(_XML_ID)) is not None)
    return issues, facts


def _date_order(pair: tuple[str, str]) -> int:
    return DATE_ATTRS.index(pair[0])


def _in_example(el: etree._Element) -> bool:
    return any(True for _ in el.iterancestors(_EGXML))


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
    """Finds the element behind an edition-wide problem: a file is re-read and indexed
    (its ids, its pointer values) once, when its first problem is reported."""

    def __init__(self) -> None:
        self.index: dict[str, tuple[dict[str, etree._Element], dict[tuple[str, str],
                                                                     etree._Element]]] = {}
        self.paths: dict[str, PathIndex] = {}

    def _index(self, path: str) -> tuple[dict[str, etree._Element],
                                         dict[tuple[str, str], etree._Element]]:
        if path not in self.index:
            ids: dict[str, etree._Element] = {}
            pointers: dict[tuple[str, str], etree._Element] = {}
            try:
                tree = parse(path)
            except Exception:
                tree = None
            for attr in _ATTRIBUTES(tree) if tree is not None else ():
                key = attr.attrname
                if key == _XML_ID:
                    ids.setdefault(str(attr), attr.getparent())
                elif key in POINTER_ATTRS or key in POINTER_ON or key in ("from", "to"):
                    for value in attr.split():
                        pointers.setdefault((key, value), attr.getparent())
            self.index[path] = ids, pointers
        return self.index[path]

    def issue(self, path: str, severity: str, rule: str, message: str, *,
              ident: str | None = None, pointer: tuple[str, str] | None = None) -> Issue:
        ids, pointers = self._index(path)
        el = ids.get(ident) if ident is not None else pointers.get(pointer) if pointer else None
        if el is None:
            return Issue(path, None, None, severity, rule, message)
        xpath = self.paths.setdefault(path, PathIndex())
        return Issue(path, el.sourceline, None, severity, rule, message, xpath(el))


def _scopes(facts: list[Facts], unique_ids: bool | None,
            real: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each document's id scope: ("document", path) or ("edition", root)."""
    if unique_ids is True:
        return {f.path: ("edition", "") for f in facts}
    if unique_ids is False:
        return {f.path: ("document", f.path) for f in facts}
    roots: dict[str, str | None] = {}

    def root_of(folder: str) -> str | None:
        if folder not in roots:
            parent = os.path.dirname(folder)
            roots[folder] = (folder if os.path.isfile(os.path.join(folder, EDITION_FILE))
                             else None if parent == folder else root_of(parent))
        return roots[folder]

    scopes = {}
    for f in facts:
        root = root_of(os.path.dirname(real[f.path])) if os.path.isfile(f.path) else None
        scopes[f.path] = ("edition", root) if root else ("document", f.path)
    return scopes


def check_edition(
    facts: list[Facts], load_ids: Callable[[str], set[str] | None], *,
    unique_ids: bool | None = None,
) -> list[Issue]:
    """Edition-wide rules over the facts of every validated document.

    ``load_ids(path)`` returns the xml:ids of a document outside the run (or None when
    it cannot be read); it is called once per file. ``unique_ids`` sets the scope of
    ids and ``#id`` pointers: None (default) per document, or per edition for files
    under a folder with ``edition.toml``; True all files checked form one edition; False
    every document is its own scope.
    """
    locate = _Locator()
    issues: list[Issue] = []
    real = {f.path: os.path.realpath(f.path) for f in facts}
    by_real = {real[f.path]: f for f in facts}
    outside: dict[str, set[str] | None] = {}
    targets: dict[tuple[str, str], str] = {}
    scope_of = _scopes(facts, unique_ids, real)

    owners: dict[tuple[str, str], dict[str, str]] = {}
    for f in facts:
        scope = scope_of[f.path]
        if scope[0] == "document":
            continue
        owner = owners.setdefault(scope, {})
        where = (f"the edition of {os.path.join(scope[1], EDITION_FILE)}" if scope[1]
                 else "all files checked (one edition)")
        for ident in sorted(f.ids - f.included):
            first = owner.setdefault(ident, f.path)
            if first != f.path:
                issues.append(locate.issue(
                    f.path, "error", "id-unique", f"xml:id {ident!r} is also used in {first}; "
                    f"ids must be unique across {where}", ident=ident))
    anywhere: dict[str, str] = {}  # id → first file of the run having it, for hints

    def elsewhere(ident: str, path: str) -> str | None:
        if not anywhere:
            for g in reversed(facts):
                anywhere.update(dict.fromkeys(g.ids, g.path))
        found = anywhere.get(ident)
        if found == path:
            found = next((g.path for g in facts if g.path != path and ident in g.ids), None)
        return found

    pointed: dict[str, set[str]] = {}
    for f in facts:
        scope = scope_of[f.path]
        owner = owners.get(scope, {})
        folder = os.path.dirname(f.path)
        for ident, dangling in f.unresolved.items():
            first = owner.get(ident)
            if first is not None:
                pointed.setdefault(real[first], set()).add(ident)
                continue
            shown = dangling.pointer + (f" ({dangling.count} pointers)"
                                        if dangling.count > 1 else "")
            if scope[0] == "edition":
                message = (f"{shown} points to no element: no xml:id {ident!r} in this "
                           "document or the edition")
            else:
                message = f"{shown} points to no element: no xml:id {ident!r} in this document"
                other = elsewhere(ident, f.path)
                if other is not None:
                    message += (f"; {other} has one: write "
                                f"'{os.path.relpath(other, folder or '.')}#{ident}', or check "
                                "the files as one edition (--ids-scope edition)")
            issues.append(Issue(f.path, dangling.line, None, "error", "ref-resolves", message,
                                dangling.xpath))
        for value, attr in f.bare.items():
            first = owner.get(value)
            if first is None:
                continue
            pointed.setdefault(real[first], set()).add(value)
            pointer = f"{os.path.relpath(first, folder or '.')}#{value}"
            issues.append(locate.issue(
                f.path, "warning", "pointer-form", f"@{attr}={value!r} is not a pointer but "
                f"names xml:id {value!r} of {first}: write {pointer!r}",
                pointer=(attr, value)))
        for (file, ident), (attr, value, shown) in f.external.items():
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
                                           f"{shown}: file {file!r} not found",
                                           pointer=(attr, value)))
            elif ident and ident not in ids:
                issues.append(locate.issue(f.path, "error", "ref-resolves",
                                           f"{shown}: {file} has no xml:id {ident!r}",
                                           pointer=(attr, value)))
            elif ident:
                pointed.setdefault(target, set()).add(ident)
    for target, idents in pointed.items():
        register = by_real.get(target)
        if register is None:
            continue
        for ident in sorted(register.entries - idents - register.pointed):
            issues.append(locate.issue(register.path, "warning", "register-unused",
                                       f"register entry {ident!r} is used by no validated "
                                       "document", ident=ident))
    for f in facts:
        for ident in sorted(f.notes - pointed.get(real[f.path], set())):
            issues.append(locate.issue(
                f.path, "error", "note-reachable", f"note {ident!r} stands outside the text "
                "and nothing points to it: give it @target or point a marker at it",
                ident=ident))
    return issues
