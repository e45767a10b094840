"""What the data exports read: TEI documents, the entities they point at, every mention.

A :class:`Corpus` is a set of TEI documents and the entries their ``@ref``s resolve
to: the entries of a register file they point into (``register.xml#ID``, resolved
beside the document, as TEI pointers are), the ``listPerson``/``listPlace``/``listOrg``
entries of the documents themselves (``#ID``), and authority URIs written straight
into ``@ref`` (``http://d-nb.info/gnd/…``). :func:`Corpus.mentions` walks each document
once and yields one :class:`Mention` per name or date, with its paragraph or note and
a context snippet; the exports in :mod:`tei_edition.export.data` aggregate those.

Only running text and ``correspDesc`` are read: the rest of the header describes the
edition (encoders, sources), and entries of a ``list*`` or ``standOff`` are the
register itself, not mentions of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..xmlio import TEI_NS, XML_NS, parse

_T = f"{{{TEI_NS}}}"
_T_LEN = len(_T)
_CHOICE = _T + "choice"
_XML_ID = f"{{{XML_NS}}}id"

AUTHORITIES = ("wikidata", "viaf", "gnd", "geonames")
"""Authority files recognised in ``idno`` and ``@ref``, in column order."""
# Each authority's canonical URI (the form CMIF/correspSearch and Linked Data use),
# the URIs it is recognised in, and its bare identifiers.
_CANONICAL = {
    "wikidata": "http://www.wikidata.org/entity/{}",
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "http://d-nb.info/gnd/{}",
    "geonames": "http://www.geonames.org/{}",
}
_URI = {
    "wikidata": re.compile(r"https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/(Q\d+)/?"),
    "viaf": re.compile(r"https?://(?:www\.)?viaf\.org/viaf/(\d+)/?"),
    "gnd": re.compile(r"https?://d-nb\.info/gnd/([0-9X-]+)/?"),
    "geonames": re.compile(r"https?://(?:www\.|sws\.)?geonames\.org/(\d+)(?:/\S*)?"),
}
_BARE = {
    "wikidata": re.compile(r"Q\d+"),
    "viaf": re.compile(r"\d+"),
    "gnd": re.compile(r"[0-9X-]+"),
    "geonames": re.compile(r"\d+"),
}


def authority(value: str, type_: str | None = None) -> tuple[str, str] | None:
    """``(authority, canonical URI)`` for an authority URI, or for a bare identifier
    whose authority ``type_`` names (an ``idno/@type``); ``None`` otherwise."""
    value = value.strip()
    if "://" in value:  # most pointers are to a register (register.xml#id): no URI
        for name, pattern in _URI.items():
            m = pattern.fullmatch(value)
            if m:
                return name, _CANONICAL[name].format(m.group(1))
    name = (type_ or "").lower()
    if name in _BARE and _BARE[name].fullmatch(value):
        return name, _CANONICAL[name].format(value)
    return None


# entry element → kind, and the name element that names it
_ENTRIES = {"person": ("person", "persName"), "personGrp": ("person", "persName"),
            "place": ("place", "placeName"), "org": ("org", "orgName")}


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    """``person``, ``place`` or ``org``."""
    name: str
    authorities: Mapping[str, str]
    """authority → canonical URI, in :data:`AUTHORITIES` order."""
    geo: str | None
    """``location/geo`` as written ("lat lon")."""
    source: str


def read_entities(tree: etree._ElementTree, source: str) -> dict[str, Entity]:
    """The entries (``person``, ``personGrp``, ``place``, ``org`` with an ``xml:id``)
    anywhere in a TEI tree: a register or a document's own lists."""
    found: dict[str, Entity] = {}
    for el in tree.iter(*(_T + local for local in _ENTRIES)):
        ident = el.get(_XML_ID)
        if not ident or ident in found:
            continue
        kind, name_tag = _ENTRIES[etree.QName(el).localname]
        names = el.findall(_T + name_tag) or el.findall(_T + "name")
        preferred = next((n for n in names if n.get("type") in ("preferred", "pref")),
                         names[0] if names else None)
        authorities: dict[str, str] = {}
        for idno in el.iterfind(_T + "idno"):
            hit = authority(idno.text or "", idno.get("subtype") or idno.get("type"))
            if hit:
                authorities.setdefault(*hit)
        geo = el.findtext(f"{_T}location/{_T}geo")
        found[ident] = Entity(
            ident, kind, normalise(preferred.xpath("string()")) if preferred is not None else ident,
            {a: authorities[a] for a in AUTHORITIES if a in authorities},
            geo.strip() if geo and geo.strip() else None, source)
    return found


def parse_geo(geo: str) -> tuple[float, float] | None:
    """``(lat, lon)`` from a TEI ``geo`` ("lat lon", as TEI's default notation has it;
    also "lat, lon" and decimal commas, "48,3 14,28333"), or ``None`` if unreadable
    or out of range."""
    parts = geo.split()
    if len(parts) == 1:
        parts = parts[0].split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = (float(p.rstrip(",").replace(",", ".")) for p in parts)
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def normalise(text: str) -> str:
    """Reading text: words broken at ``lb break="no"`` joined, whitespace collapsed."""
    return " ".join((_JOINED.sub("", text) if _JOIN in text else text).split())


_JOIN = "\x00"  # where a word continues across lb/pb/cb break="no"
_JOINED = re.compile(r"\s*\x00\s*")

# Elements a mention may be: names always, rs/name only when they point somewhere.
_KIND_OF = {"persName": "person", "placeName": "place", "geogName": "place", "orgName": "org",
            "date": "date", "rs": "", "name": ""}
_POINTING_ONLY = {"rs", "name"}
# The blocks a mention is placed in ("paragraph or note") and that co-occurrence counts.
UNITS = frozenset({"p", "ab", "note", "head", "l", "item", "byline", "dateline", "opener",
                   "closer", "salute", "signed", "docAuthor", "titlePart", "cell",
                   "correspAction"})
# Register content inside a document is not running text.
_SKIP = frozenset({"listPerson", "listPlace", "listOrg", "listEvent", "listNym",
                   "listRelation", "standOff"})
# In a choice, the reading text takes corr over sic, reg over orig, expan over abbr.
_ALTERNATIVE = {"sic": "corr", "orig": "reg", "abbr": "expan"}
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
"""The attributes of a date (att.datable.w3c) the exports carry."""
CONTEXT_CHARS = 60
"""Characters of context on either side of a mention (then cut at a word)."""

_SCOPES = etree.XPath("//t:text[not(ancestor::t:text)] | //t:teiHeader/t:profileDesc/"
                      "t:correspDesc", namespaces={"t": TEI_NS})
_CORRESP = etree.XPath("boolean(//t:teiHeader/t:profileDesc/t:correspDesc)",
                       namespaces={"t": TEI_NS})
_REFS = etree.XPath("//@ref")


@dataclass
class Mention:
    document: str
    part: str
    """``front``, ``body``, ``back`` or ``correspDesc``."""
    unit: str
    """``xml:id`` of the paragraph, note (… see :data:`UNITS`) the mention is in."""
    unit_element: str
    element: str
    ref: str
    key: str
    id: str
    """The entity: a register or list entry's id, else the URI in @ref, else @key."""
    kind: str
    name: str
    """The entry's preferred name, when the entity is an entry."""
    text: str = ""
    dates: dict[str, str] = field(default_factory=dict)
    authorities: dict[str, str] = field(default_factory=dict)
    context: str = ""
    unit_no: int = 0
    """Serial number of the unit within the corpus (0: outside any unit)."""


@dataclass
class Document:
    name: str
    tree: etree._ElementTree
    path: Path | None = None

    @property
    def letter(self) -> bool:
        """Whether it is a letter: its header has a ``correspDesc``."""
        return bool(_CORRESP(self.tree))


@dataclass
class _Unit:
    element: str
    id: str
    no: int
    parts: list[str] = field(default_factory=list)
    length: int = 0
    open: list[tuple[Mention, int, int]] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)


class Corpus:
    """Documents and the entities their pointers resolve to.

    ``registers`` maps the file part of a pointer as written (``register.xml``) to its
    parsed tree, for documents held in memory (as ``build`` has them); documents read
    from files find their register beside them.
    """

    def __init__(self, documents: Iterable[Document],
                 registers: Mapping[str, etree._ElementTree] | None = None) -> None:
        self.documents = list(documents)
        self.warnings: list[str] = []
        self.entities: dict[str, Entity] = {}
        self._loaded: set[str] = set()  # register files (as written or resolved) read
        for href, tree in (registers or {}).items():
            self.entities.update(read_entities(tree, href))
            self._loaded.add(href)
        for doc in self.documents:
            for ident, entity in read_entities(doc.tree, doc.name).items():
                self.entities.setdefault(ident, entity)
        self._unit_no = 0
        self._mentions: list[Mention] | None = None

    @classmethod
    def from_paths(cls, paths: Iterable[str | Path], register: str | Path | None = None
                   ) -> Corpus:
        """Read TEI files; the registers they point into are read from beside them
        (or ``register``, for every pointer into a file of that name). A file that is
        the register of another is not a document of the corpus."""
        trees = {Path(p).resolve(): parse(p) for p in paths}
        registers: dict[Path, etree._ElementTree] = {}
        missing: dict[Path, str] = {}
        given = Path(register).resolve() if register else None
        if given:
            registers[given] = trees.get(given) or parse(given)
        for path, tree in trees.items():
            for href in sorted({_file_part(ref) for ref in _REFS(tree)} - {""}):
                target = (path.parent / href).resolve()
                if given and Path(href).name == given.name:
                    continue
                if target in registers or target in missing:
                    continue
                if target in trees:
                    registers[target] = trees[target]
                elif target.is_file():
                    registers[target] = parse(target)
                else:
                    missing[target] = f"{path.name} points into {href}"
        # By name, so the order files are given in (a shell's glob, a list) cannot
        # change the output.
        docs = sorted((Document(p.stem, t, p) for p, t in trees.items() if p not in registers),
                      key=lambda d: (d.name, str(d.path)))
        corpus = cls(docs, {str(p): t for p, t in registers.items()})
        corpus.warnings += [f"warning: {why}, which is not at {target}: the names it "
                            "identifies have no authority ids or coordinates"
                            for target, why in missing.items()]
        return corpus

    def mentions(self) -> list[Mention]:
        """Every mention of every document, in document order (read once, then kept);
        warns, once per document, about pointers to entries that do not exist."""
        if self._mentions is None:
            self._mentions = self._read_mentions()
        return self._mentions

    def _read_mentions(self) -> list[Mention]:
        rows: list[Mention] = []
        for doc in self.documents:
            start = len(rows)
            for scope in _SCOPES(doc.tree):
                local = etree.QName(scope).localname
                base = _Unit("", "", 0)
                self._visit(scope, doc, "correspDesc" if local == "correspDesc" else "",
                            base, rows)
                self._close(base)
            dangling = sorted({m.ref.split()[0] for m in rows[start:] if m.ref and m.id
                               and m.id not in self.entities and "#" in m.ref
                               and _file_part(m.ref.split()[0]) in self._files()})
            if dangling:
                self.warnings.append(
                    f"warning: {doc.name}: {len(dangling)} pointer(s) to no entry "
                    f"({', '.join(dangling[:3])}{'…' if len(dangling) > 3 else ''}): "
                    "their authority ids are left empty")
        return rows

    def _files(self) -> set[str]:
        """File parts of pointers whose target was read ('' is the document itself)."""
        return {""} | {Path(f).name for f in self._loaded}

    def _visit(self, el: etree._Element, doc: Document, part: str, unit: _Unit,
               rows: list[Mention]) -> None:
        # Tags compared as strings: this runs for every element of every document.
        tag = el.tag
        local = tag[_T_LEN:] if tag.startswith(_T) else ""
        if local in _SKIP:
            return
        if local in _ALTERNATIVE:
            parent = el.getparent()
            if (parent is not None and parent.tag == _CHOICE
                    and parent.find(_T + _ALTERNATIVE[local]) is not None):
                return
        if local in ("front", "body", "back"):
            part = local
        own = local in UNITS
        if own:
            self._unit_no += 1
            unit = _Unit(local, el.get(_XML_ID) or "", self._unit_no)
        mention = None
        if local in _KIND_OF and (local not in _POINTING_ONLY or el.get("ref") or el.get("key")):
            mention = self._mention(el, local, doc, part, unit)
            rows.append(mention)
        start = unit.length
        if el.text:
            unit.add(el.text)
        if local in ("lb", "pb", "cb") and el.get("break") == "no":
            unit.add(_JOIN)
        for child in el:
            if isinstance(child.tag, str):
                self._visit(child, doc, part, unit, rows)
            if child.tail:
                unit.add(child.tail)
            if local == "correspAction":
                unit.add(" ")  # its names and date are items, not running text
        if mention is not None:
            unit.open.append((mention, start, unit.length))
        if own:
            self._close(unit)

    def identify(self, el: etree._Element) -> tuple[str, Entity | None, dict[str, str]]:
        """What a name points at: (id, entry or None, authority → URI).

        The id is the entry's for ``FILE#ID`` and ``#ID``, else the first URI of @ref,
        else @key; authorities come from the entry's idno and from URIs in @ref.
        """
        ref = (el.get("ref") or "").split()
        first = ref[0] if ref else ""
        ident = (first.partition("#")[2] if _file_part(first) or first.startswith("#")
                 else first) or (el.get("key") or "").strip()
        entity = self.entities.get(ident)
        authorities = dict(entity.authorities) if entity else {}
        for token in ref:
            hit = authority(token)
            if hit:
                authorities.setdefault(*hit)
        return ident, entity, {a: authorities[a] for a in AUTHORITIES if a in authorities}

    def _mention(self, el: etree._Element, local: str, doc: Document, part: str,
                 unit: _Unit) -> Mention:
        ref = " ".join((el.get("ref") or "").split())
        key = (el.get("key") or "").strip()
        ident, entity, authorities = self.identify(el)
        kind = entity.kind if entity else _KIND_OF[local]
        if not kind and el.get("type") in ("person", "place", "org"):
            kind = el.get("type", "")
        return Mention(
            document=doc.name, part=part, unit=unit.id, unit_element=unit.element,
            element=local, ref=ref, key=key, id=ident, kind=kind,
            name=entity.name if entity else "",
            dates={a: el.get(a, "") for a in DATE_ATTRIBUTES if el.get(a)}
            if local == "date" else {},
            authorities=authorities,
            unit_no=unit.no)

    @staticmethod
    def _close(unit: _Unit) -> None:
        """Fill in the surface text and context of the unit's mentions, now that its
        text is complete (one join per unit: linear in the document's size)."""
        raw = "".join(unit.parts)
        for mention, start, end in unit.open:
            mention.text = normalise(raw[start:end])
            lo, hi = max(0, start - CONTEXT_CHARS), min(len(raw), end + CONTEXT_CHARS)
            before, after = raw[lo:start], raw[end:hi]
            # Cut at a word: drop a word the window's edge falls inside.
            if lo > 0 and not raw[lo - 1].isspace():
                before = re.sub(r"^\S*", "", before)
            if hi < len(raw) and not raw[hi].isspace():
                after = re.sub(r"\S*$", "", after)
            snippet = normalise(before + raw[start:end] + after)
            mention.context = ("…" if lo > 0 else "") + snippet + ("…" if hi < len(raw) else "")
        unit.open.clear()


def _file_part(ref: str) -> str:
    """The file a pointer leads into: ``register.xml`` for ``register.xml#x``; '' for
    ``#x`` and for anything that is not a relative file pointer (URIs, bare words)."""
    token = ref.split()[0] if ref.split() else ""
    head, sep, _ = token.partition("#")
    if not sep or ":" in head:
        return ""
    return head
