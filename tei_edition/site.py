"""The edition site: ``build/html/`` as a static reading edition.

``build`` converts and validates; this module writes what readers open: a reading
page per document (previous/next by date, the TEI beside it, a citation), the index,
the register page, an SVG map and timeline drawn here from the register and the
dates, a search index (Pagefind when its binary runs, else a small JSON index), the
shipped assets (CSS, print CSS, JavaScript), and serves it all on 127.0.0.1.

XSLT renders every page (html/*.xsl, switched to site mode by the ``assets-href``
parameter); Python computes what needs the whole edition and writes the files.
Nothing is fetched from the network, by the build or by the pages.
"""

from __future__ import annotations

import functools
import json
import math
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from .export import ACCESS, XSLT_DIR, transform
from .metadata import EditionMeta
from .xmlio import TEI_NS, XML_NS, serialize, write_atomic

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
ASSETS = ("edition.css", "print.css", "edition.js", "search.js")
ASSETS_HREF = "assets/"
TEI_COPY = "tei"  # build/html/tei/: the XML beside the pages, so "view TEI" works from html/ too
PAGEFIND_DIR = "pagefind"
JSON_INDEX = "search-index.js"
REGISTER_FILE = "register.xml"
NS = {"t": TEI_NS}
_ID = f"{{{XML_NS}}}id"
_NOTE, _P = f"{{{TEI_NS}}}note", f"{{{TEI_NS}}}p"


@functools.cache
def _page_xslt() -> etree.XSLT:
    return etree.XSLT(etree.parse(str(XSLT_DIR / "html" / "page.xsl")), access_control=ACCESS)


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def fold(text: str) -> str:
    """A sort key: lower case, diacritics removed ("Łódź" sorts with "lodz")."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# ------------------------------------------------------------------------------- dates

_ISO = re.compile(r"^(-?\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def year_fraction(iso: str, end: bool = False) -> float | None:
    """An ISO 8601 date as a fractional year: its start, or with ``end`` its end
    ("1920" ends at 1921.0, "1920-11" at 1920-12-01)."""
    m = _ISO.match(iso.strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    if not month:
        return year + (1.0 if end else 0.0)
    if not day:
        return year + (month - (0 if end else 1)) / 12
    return year + (month - 1) / 12 + (day - (0 if end else 1)) / 365


def date_span(el: etree._Element) -> tuple[float, float] | None:
    """(start, end) in fractional years of a TEI date element's normalised value."""
    start = el.get("when") or el.get("from") or el.get("notBefore")
    stop = el.get("when") or el.get("to") or el.get("notAfter") or start
    if not start:
        start = stop
    if not start or not stop:
        return None
    a, b = year_fraction(start), year_fraction(stop, end=True)
    return (a, b) if a is not None and b is not None and b >= a else None


def iso_label(el: etree._Element) -> str:
    if el.get("when"):
        return el.get("when", "")
    if el.get("from") or el.get("to"):
        return f"{el.get('from', '')}/{el.get('to', '')}"
    return f"between {el.get('notBefore', '…')} and {el.get('notAfter', '…')}"


# ------------------------------------------------------------------------------ the site


def page_href(name: str, suffix: str = ".html", fragment: str = "") -> str:
    """The one way a generated link to an edition file is made: ``name + suffix`` as a
    single percent-encoded path segment, then ``#fragment``.

    Names come from file names and ids, which anyone may choose: ``javascript:alert(1)``
    must become ``javascript%3Aalert%281%29.html``, a relative link to that file and
    never a scheme; ``/``, ``\\`` and ``?`` cannot make it leave the folder either."""
    href = quote(name + suffix, safe="")
    return f"{href}#{quote(fragment, safe='')}" if fragment else href


@dataclass
class Doc:
    name: str
    tree: etree._ElementTree

    @property
    def href(self) -> str:
        """The page as a link (percent-encoded); :attr:`file` is its name on disk."""
        return page_href(self.name)

    @property
    def file(self) -> str:
        return f"{self.name}.html"

    @functools.cached_property
    def title(self) -> str:
        found = self.tree.find(".//t:titleStmt/t:title[@type='main']", NS)
        if found is None:
            found = self.tree.find(".//t:titleStmt/t:title", NS)
        return _text(found) or self.name

    @functools.cached_property
    def date(self) -> etree._Element | None:
        return self.tree.find(".//t:profileDesc/t:creation/t:date", NS)

    @functools.cached_property
    def sort_key(self) -> tuple[str, str]:
        d = self.date
        when = (d.get("when") or d.get("from") or d.get("notBefore") or "") if d is not None else ""
        # documents without a date come last, in name order
        return (when or "\uffff", self.name)

    @functools.cached_property
    def description(self) -> str:
        """One line for the index: the abstract, else the first sentence of the text."""
        abstract = self.tree.find(".//t:profileDesc/t:abstract", NS)
        if abstract is not None and _text(abstract):
            return _shorten(_text(abstract))
        for p in self.tree.iterfind(".//t:body//t:p", NS):
            text = _reading_text(p)
            if text:
                sentence = re.split(r"(?<=[.?!])\s", text, maxsplit=1)[0]
                return _shorten(sentence)
        return ""


def _reading_text(el: etree._Element) -> str:
    """The text as read: without labels, notes and the originals of corrections."""
    skip = {f"{{{TEI_NS}}}{n}" for n in ("label", "note", "sic", "orig", "abbr", "del")}
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in skip:
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def _shorten(text: str, limit: int = 160) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _anchor(el: etree._Element) -> tuple[str, str]:
    """(id, label) of the paragraph or note a mention sits in: "¶ 3", "note 2"."""
    for ancestor in el.iterancestors(_NOTE, _P):
        ident = ancestor.get(_ID)
        if not ident:
            continue
        if ancestor.tag == _NOTE:
            return ident, f"note {ancestor.get('n', '')}".strip()
        return ident, f"¶ {ancestor.get('n')}" if ancestor.get("n") else "¶"
    return "", ""


@dataclass
class Entry:
    """A register entry, as the site shows it."""

    id: str
    kind: str  # person, place, org
    name: str
    variants: list[str]
    geo: tuple[float, float] | None
    years: str

    @property
    def tooltip(self) -> str:
        if self.geo:
            return f"{self.name} ({self.geo[0]:.2f}, {self.geo[1]:.2f})"
        return f"{self.name} ({self.years})" if self.years else self.name

    @property
    def sort_key(self) -> str:
        """Persons by surname: the longest other name the preferred one ends with
        ("Lloyd George" of "David Lloyd George"), else its last word."""
        if self.kind != "person":
            return fold(self.name)
        surname = self.name.split()[-1] if self.name.split() else self.name
        for variant in self.variants:
            if self.name.endswith(" " + variant) and len(variant) > len(surname):
                surname = variant
        rest = self.name[: len(self.name) - len(surname)].strip()
        return fold(f"{surname} {rest}".strip())


def register_entries(register: etree._ElementTree | None) -> dict[str, Entry]:
    if register is None:
        return {}
    kinds = {"person": "person", "personGrp": "person", "place": "place", "org": "org"}
    names = {f"{{{TEI_NS}}}{n}" for n in ("persName", "placeName", "orgName", "name")}
    entries = {}
    for el in register.getroot().iter(*(f"{{{TEI_NS}}}{k}" for k in kinds)):
        ident = el.get(_ID)
        if not ident or any(etree.QName(a).localname == "teiHeader" for a in el.iterancestors()):
            continue
        labels = [c for c in el if c.tag in names]
        preferred = next((c for c in labels if c.get("type") == "preferred"),
                         labels[0] if labels else None)
        name = _text(preferred) or ident
        variants = [_text(c) for c in labels if c is not preferred and _text(c)]
        geo = None
        geo_el = el.find("t:location/t:geo", NS)
        if geo_el is not None and geo_el.text:
            try:
                lat, lon = (float(v) for v in geo_el.text.replace(",", " ").split()[:2])
                if -90 <= lat <= 90 and -180 <= lon <= 180:
                    geo = (lat, lon)
            except ValueError:
                pass
        born, died = (el.find(f"t:{w}", NS) for w in ("birth", "death"))
        years = "–".join(
            (e.get("when") or e.get("notBefore") or "")[:4] if e is not None else ""
            for e in (born, died)) if born is not None or died is not None else ""
        entries[ident] = Entry(ident, kinds[etree.QName(el).localname], name, variants, geo,
                               years)
    return entries


class Site:
    """The built documents of an edition, in reading (date) order, and its register."""

    def __init__(self, meta: EditionMeta, trees: dict[str, etree._ElementTree],
                 register: etree._ElementTree | None) -> None:
        self.meta = meta
        self.docs = sorted((Doc(n, t) for n, t in trees.items()), key=lambda d: d.sort_key)
        self.register = register
        self.entries = register_entries(register)

    @property
    def params(self) -> dict[str, str]:
        """The site-mode parameters every page gets (html/site.xsl)."""
        return {
            "assets-href": ASSETS_HREF,
            "site-title": self.meta.title,
            "nav-index": "index.html",
            "nav-register": "register.html" if self.register is not None else "",
            "nav-map": "map.html",
            "nav-timeline": "timeline.html",
            "nav-search": "search.html",
        }

    def document_params(self, i: int) -> dict[str, str]:
        doc = self.docs[i]
        prev = self.docs[i - 1] if i > 0 else None
        nxt = self.docs[i + 1] if i + 1 < len(self.docs) else None
        prefix = REGISTER_FILE + "#"
        used = sorted({r[len(prefix):] for r in doc.tree.xpath("//@ref") if r.startswith(prefix)})
        titles = "".join(f"\n{i}\t{self.entries[i].tooltip}" for i in used if i in self.entries)
        return {
            **self.params,
            "prev-href": prev.href if prev else "",
            "prev-title": prev.title if prev else "",
            "next-href": nxt.href if nxt else "",
            "next-title": nxt.title if nxt else "",
            "tei-href": f"{TEI_COPY}/{page_href(doc.name, '.xml')}",
            "page-href": doc.href,
            "name-titles": titles + "\n" if titles else "",
        }

    def page(self, title: str, current: str, body: Iterable[etree._Element],
             script: str = "") -> bytes:
        page = etree.Element("page", title=f"{title} — {self.meta.title}",
                             lang=self.meta.language, current=current)
        if script:
            page.set("script", script)
        page.extend(body)
        return transform(page.getroottree(), _page_xslt(), **self.params)

    # the marks of the map and the timeline: what they link to
    def mentions(self) -> Iterator[tuple[Doc, etree._Element, str, str]]:
        """(document, element, anchor id, label) for each name and date in the texts."""
        for doc in self.docs:
            text = doc.tree.find("t:text", NS)
            if text is None:
                continue
            for el in text.iter(*(f"{{{TEI_NS}}}{n}" for n in
                                  ("persName", "placeName", "orgName", "date"))):
                ident, label = _anchor(el)
                yield doc, el, ident, label


# --------------------------------------------------------------------------------- pages


def write_documents(out: Path, site: Site) -> dict[str, str]:
    """The reading pages and the TEI beside them; {name: error} for pages that failed."""
    from .errors import TeiEditionError

    failed = {}
    for i, doc in enumerate(site.docs):
        try:
            page = transform(doc.tree, "html", source=f"{doc.name}.xml",
                             **site.document_params(i))
        except TeiEditionError as exc:
            failed[doc.name] = exc.render()
            continue
        write_atomic(out / "html" / doc.file, page)
        write_atomic(out / "html" / TEI_COPY / f"{doc.name}.xml", serialize(doc.tree))
    keep = {f"{d.name}.xml" for d in site.docs if d.name not in failed}
    if site.register is not None:
        keep.add(REGISTER_FILE)
    for stale in (out / "html" / TEI_COPY).glob("*.xml"):
        if stale.name not in keep:
            stale.unlink()
    return failed


def listing(base: etree._ElementTree, site: Site) -> etree._ElementTree:
    """The index listing with what the site adds: descriptions and editors."""
    root = base.getroot()
    if site.meta.editors:
        root.set("editors", ", ".join(site.meta.editors))
    described = {d.href: d.description for d in site.docs}
    for doc in root.iter("doc"):
        if described.get(doc.get("href", "")):
            doc.set("desc", described[doc.get("href", "")])
    return base


def register_page(page: etree._ElementTree, site: Site) -> etree._ElementTree:
    """The register page's input with the sort keys of its entries (persons by surname)."""
    keys = etree.Element("sortKeys")
    for entry in site.entries.values():
        etree.SubElement(keys, "sortKey", ref=entry.id, key=entry.sort_key)
    page.getroot().insert(1, keys)
    return page


def write_index(out: Path, base: etree._ElementTree, site: Site) -> None:
    write_atomic(out / "html" / "index.html", transform(listing(base, site), "index",
                                                         **site.params))


def write_register(out: Path, page: etree._ElementTree, site: Site,
                   register_bytes: bytes) -> None:
    write_atomic(out / "html" / "register.html",
                 transform(register_page(page, site), "register", **site.params))
    write_atomic(out / "html" / TEI_COPY / REGISTER_FILE, register_bytes)


def write_site(out: Path, site: Site, search: SearchIndex) -> list[str]:
    """Assets, map, timeline, search page and index (``search``, started once the
    document pages were written); returns warnings."""
    html = out / "html"
    for name in ASSETS:
        write_atomic(html / ASSETS_HREF / name, (ASSETS_DIR / name).read_bytes())
    write_atomic(html / "map.html", site.page("Map", "map", map_body(site)))
    write_atomic(html / "timeline.html", site.page("Timeline", "timeline", timeline_body(site)))
    engine, warnings = search.finish(site)
    write_atomic(html / "search.html", site.page("Search", "search", search_body(engine),
                                                 script="search.js"))
    return warnings


# ----------------------------------------------------------------------------------- map

SVG_W = 800


def _step(extent: float, ticks: int = 8) -> float:
    """A round step (1, 2, 5 × 10^n) giving at most about ``ticks`` ticks over ``extent``."""
    raw = max(extent, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _el(tag: str, parent: etree._Element | None = None, text: str = "",
        **attrs: str | float) -> etree._Element:
    values = {k.rstrip("_").replace("_", "-"): (f"{v:.1f}" if isinstance(v, float) else str(v))
              for k, v in attrs.items()}
    el = etree.Element(tag, values) if parent is None else etree.SubElement(parent, tag, values)
    if text:
        el.text = text
    return el


def _chart(body: list[etree._Element], svg: etree._Element, caption: str,
           columns: tuple[str, ...]) -> etree._Element:
    """A picture with its caption, then the table of its marks (for readers who would
    rather read, and for screen readers), added to ``body``; returns the table's body
    to fill."""
    figure = _el("figure", class_="chart")
    figure.append(svg)
    _el("figcaption", figure, caption, class_="muted")
    table = _el("table", class_="marks")
    body += [figure, table]
    head = _el("tr", _el("thead", table))
    for label in columns:
        _el("th", head, label, scope="col")
    return _el("tbody", table)


def map_svg(places: list[Entry], counts: dict[str, int]) -> etree._Element:
    """An equirectangular map of the places, on a graticule, each mark a link to its
    register entry (no tiles, no outlines: nothing that needs the network)."""
    lats = [p.geo[0] for p in places if p.geo]
    lons = [p.geo[1] for p in places if p.geo]
    pad = max(2.0, 0.08 * max(max(lons) - min(lons), max(lats) - min(lats)))
    south, north = max(-90.0, min(lats) - pad), min(90.0, max(lats) + pad)
    west, east = max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)
    # shrink longitudes by the cosine of the middle latitude: shapes stay recognisable
    k = math.cos(math.radians((north + south) / 2)) or 1.0
    scale = (SVG_W - 60) / ((east - west) * k)
    height = (north - south) * scale + 40

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return 40 + (lon - west) * k * scale, 10 + (north - lat) * scale

    svg = _el("svg", viewBox=f"0 0 {SVG_W} {height:.0f}", role="img",
              aria_labelledby="map-title")
    _el("title", svg, "Places mentioned in the edition", id="map-title")
    grid = _el("g", svg, class_="graticule")
    step = _step(max(east - west, north - south))
    lon = math.ceil(west / step) * step
    while lon <= east:
        (x1, y1), (x2, y2) = xy(north, lon), xy(south, lon)
        _el("line", grid, x1=x1, y1=y1, x2=x2, y2=y2)
        _el("text", svg, f"{lon:g}°", x=x2, y=y2 + 14, text_anchor="middle")
        lon += step
    lat = math.ceil(south / step) * step
    while lat <= north:
        (x1, y1), (x2, y2) = xy(lat, west), xy(lat, east)
        _el("line", grid, x1=x1, y1=y1, x2=x2, y2=y2)
        _el("text", svg, f"{lat:g}°", x=x1 - 4, y=y1 + 4, text_anchor="end")
        lat += step
    ordered = sorted(places, key=lambda p: (-p.geo[0], p.geo[1]) if p.geo else (0, 0))
    radius = {p.id: 4.0 + min(counts.get(p.id, 0), 6) for p in ordered}
    # labels keep clear of every mark and of the labels placed before them
    taken = []
    for p in ordered:
        assert p.geo
        mx, my = xy(*p.geo)
        taken.append((mx - radius[p.id], my - radius[p.id], mx + radius[p.id],
                      my + radius[p.id]))
    for place in ordered:
        assert place.geo
        x, y = xy(*place.geo)
        link = _el("a", svg, href=page_href("register", fragment=place.id), class_="place-mark")
        n = counts.get(place.id, 0)
        r = radius[place.id]
        _el("title", link, f"{place.tooltip}: {n} mention{'s' * (n != 1)}")
        _el("circle", link, cx=x, cy=y, r=f"{r:g}", class_="mark")
        lx, ly, anchor = _label_spot(x, y, r, 6.5 * len(place.name), taken)
        _el("text", link, place.name, x=lx, y=ly, class_="label", text_anchor=anchor)
    return svg


def _label_spot(x: float, y: float, r: float, width: float,
                taken: list[tuple[float, float, float, float]]) -> tuple[float, float, str]:
    """Where a mark's label goes: right, left, above or below it, the first spot that
    overlaps no label placed before and stays inside the map."""
    spots = [(x + r + 4, y + 4, "start"), (x - r - 4, y + 4, "end"),
             (x, y - r - 5, "middle"), (x, y + r + 14, "middle")]
    for lx, ly, anchor in spots:
        left = {"start": lx, "end": lx - width, "middle": lx - width / 2}[anchor]
        box = (left, ly - 11, left + width, ly + 3)
        inside = box[0] >= 0 and box[2] <= SVG_W
        if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3]
                              and b[1] < box[3] for b in taken):
            taken.append(box)
            return lx, ly, anchor
    return spots[0]


def map_body(site: Site) -> list[etree._Element]:
    counts: dict[str, int] = {}
    for _doc, el, _i, _l in site.mentions():
        ref = el.get("ref", "")
        if ref.startswith(REGISTER_FILE + "#"):
            counts[ref.partition("#")[2]] = counts.get(ref.partition("#")[2], 0) + 1
    places = [e for e in site.entries.values() if e.kind == "place" and e.geo]
    body = [_el("h1", text="Map of the places")]
    if not places:
        body.append(_el("p", text="No place in the register has coordinates.", class_="muted"))
        return body
    rows = _chart(body, map_svg(places, counts), "Places of the register with coordinates "
                  "(location/geo), on an equirectangular graticule. Each mark links to its "
                  "register entry.", ("Place", "Coordinates", "Mentions"))
    for place in sorted(places, key=lambda p: fold(p.name)):
        assert place.geo
        row = _el("tr", rows)
        _el("a", _el("td", row), place.name, href=page_href("register", fragment=place.id))
        _el("td", row, f"{place.geo[0]:.4f}, {place.geo[1]:.4f}")
        _el("td", row, str(counts.get(place.id, 0)))
    return body


# ------------------------------------------------------------------------------ timeline


def timeline_marks(site: Site) -> list[tuple[float, float, str, str, str]]:
    """(start, end, href, label, kind) for each document and each date it mentions."""
    marks = []
    for doc in site.docs:
        span = date_span(doc.date) if doc.date is not None else None
        if span:
            label = f"{doc.title} ({_text(doc.date) or iso_label(doc.date)})"
            marks.append((*span, doc.href, label, "document"))
    for doc, el, ident, where in site.mentions():
        if etree.QName(el).localname != "date":
            continue
        span = date_span(el)
        if span:
            href = page_href(doc.name, fragment=ident)
            label = f"“{_text(el)}” ({iso_label(el)}), {doc.title} {where}".strip()
            marks.append((*span, href, label, "mention"))
    return marks


def timeline_svg(marks: list[tuple[float, float, str, str, str]]) -> etree._Element:
    lo = math.floor(min(m[0] for m in marks))
    hi = math.ceil(max(m[1] for m in marks))
    if hi - lo < 2:
        lo, hi = lo - 1, hi + 1
    left, right = 20.0, SVG_W - 20.0

    def x(year: float) -> float:
        return left + (year - lo) / (hi - lo) * (right - left)

    # mentioned dates in lanes, so that marks never overlap
    lanes: list[float] = []
    placed = []
    for start, end, href, label, kind in sorted(marks, key=lambda m: (m[0], m[1])):
        if kind == "document":
            placed.append((start, end, href, label, kind, -1))
            continue
        x0, x1 = x(start) - 6, max(x(end), x(start) + 6)
        lane = next((i for i, last in enumerate(lanes) if last < x0), len(lanes))
        if lane == len(lanes):
            lanes.append(x1)
        lanes[lane] = x1
        placed.append((start, end, href, label, kind, lane))
    top, lane_h = 70.0, 16.0
    axis_y = top + max(1, len(lanes)) * lane_h + 10
    svg = _el("svg", viewBox=f"0 0 {SVG_W} {axis_y + 30:.0f}", role="img",
              aria_labelledby="timeline-title")
    _el("title", svg, "Documents and the dates they mention", id="timeline-title")
    _el("text", svg, "Documents", x=left, y=18.0)
    _el("text", svg, "Dates mentioned", x=left, y=top - 8)
    _el("line", svg, x1=left, y1=axis_y, x2=right, y2=axis_y, class_="axis")
    step = max(1, int(_step(hi - lo, 10)))
    year = lo - lo % step + (step if lo % step else 0)
    while year <= hi:
        _el("line", svg, x1=x(year), y1=axis_y, x2=x(year), y2=axis_y + 5, class_="axis")
        _el("text", svg, str(year), x=x(year), y=axis_y + 18, text_anchor="middle")
        _el("line", svg, x1=x(year), y1=28.0, x2=x(year), y2=axis_y, class_="graticule")
        year += step
    for start, end, href, label, kind, lane in placed:
        link = _el("a", svg, href=href, class_=f"{kind}-mark")
        _el("title", link, label)
        if kind == "document":
            _el("circle", link, cx=x(start), cy=40.0, r="7", class_="doc-mark")
            continue
        y = top + lane * lane_h
        if x(end) - x(start) > 8:
            _el("rect", link, x=x(start), y=y - 5, width=x(end) - x(start), height="10",
                rx="3", class_="range")
        _el("circle", link, cx=x(start) if x(end) - x(start) > 8 else x((start + end) / 2),
            cy=y, r="5", class_="mark")
    return svg


def timeline_body(site: Site) -> list[etree._Element]:
    marks = timeline_marks(site)
    body = [_el("h1", text="Timeline")]
    if not marks:
        body.append(_el("p", text="No document or mention has a date.", class_="muted"))
        return body
    rows = _chart(body, timeline_svg(marks), "Top: the documents, by the date they were "
                  "written. Below: the dates they mention (bars for ranges and uncertain "
                  "dates). Each mark links to its document or paragraph.",
                  ("Year", "", "Where"))
    for start, _end, href, label, kind in sorted(marks, key=lambda m: (m[0], m[4])):
        row = _el("tr", rows)
        _el("td", row, f"{math.floor(start)}")
        _el("td", row, kind)
        _el("a", _el("td", row), label, href=href)
    return body


# -------------------------------------------------------------------------------- search


def pagefind_binary() -> Path | None:
    """The Pagefind binary of the ``pagefind-bin`` package, when installed."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        return None


class SearchIndex:
    """The reading pages indexed by Pagefind, in the background from the moment the
    document pages are written: Pagefind reads only pages marked ``data-pagefind-body``
    (the documents), so the rest of the edition can be written meanwhile. Without the
    binary (or when it fails), a small JSON index instead."""

    def __init__(self, html: Path) -> None:
        self.html = html
        self.problem = "the pagefind-bin package is not installed"
        self._process: subprocess.Popen[bytes] | None = None
        binary = pagefind_binary()
        if binary is None:
            return
        # Pagefind writes into a scratch folder outside build/; its files are then
        # copied in one by one with write_atomic, so an interrupted build leaves each
        # file old or new, never a half-written index.
        self._scratch = tempfile.TemporaryDirectory(prefix="tei-edition-pagefind-")
        # What it says goes to a file: a pipe nobody reads until the end could fill up.
        self._said = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finish()
        try:
            self._process = subprocess.Popen(
                [str(binary), "--site", str(html), "--output-path", self._scratch.name,
                 "--silent"], stdin=subprocess.DEVNULL, stdout=self._said,
                stderr=subprocess.STDOUT)
        except OSError as exc:
            self.problem = f"pagefind could not run ({exc})"
            self._cleanup()

    def _cleanup(self) -> None:
        self._scratch.cleanup()
        self._said.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop an index not finished (the build failed meanwhile) and remove its files."""
        if self._process is not None and self._process.returncode is None:
            self._process.kill()
            self._process.wait()
            self._cleanup()

    def finish(self, site: Site) -> tuple[str, list[str]]:
        """Wait for the index and put it in place: ("pagefind" | "json", warnings)."""
        html, process = self.html, self._process
        if process is not None:
            try:
                process.wait(timeout=300)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                self.problem = "pagefind could not run (it took more than 300 s)"
            else:
                if process.returncode == 0:
                    _mirror(Path(self._scratch.name), html / PAGEFIND_DIR)
                    self._cleanup()
                    (html / JSON_INDEX).unlink(missing_ok=True)
                    return "pagefind", []
                self._said.seek(0)
                said = self._said.read().decode("utf-8", "replace").strip().splitlines()[-1:]
                self.problem = (f"pagefind could not run (exit {process.returncode}"
                                f"{': ' + said[0] if said else ''})")
            self._cleanup()
        write_atomic(html / JSON_INDEX, json_index(site))
        shutil.rmtree(html / PAGEFIND_DIR, ignore_errors=True)
        return "json", [f"warning: {self.problem}: search uses a small built-in index instead"]


def _mirror(source: Path, target: Path) -> None:
    """Make ``target`` hold exactly the files of ``source``, each written atomically."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        new = (source / rel).read_bytes()
        path = target / rel
        if not path.is_file() or path.read_bytes() != new:
            write_atomic(path, new)
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target) not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def json_index(site: Site) -> str:
    """The fallback index: one record per paragraph and note, as a script (a script
    loads from file:// where a fetched JSON file would be blocked)."""
    records = []
    for doc in site.docs:
        text = doc.tree.find("t:text", NS)
        if text is None:
            continue
        for el in text.iter(f"{{{TEI_NS}}}p", f"{{{TEI_NS}}}note"):
            ident = el.get(_ID)
            words = _reading_text(el) if etree.QName(el).localname == "p" else _text(el)
            if ident and words:
                local = etree.QName(el).localname
                where = f"¶ {el.get('n')}" if local == "p" and el.get("n") else (
                    f"note {el.get('n', '')}".strip() if local == "note" else "")
                records.append({"u": page_href(doc.name, fragment=ident), "t": doc.title,
                                "w": where, "x": words})
    return "window.TEI_EDITION_INDEX = " + json.dumps(records, ensure_ascii=False) + ";\n"


def search_body(engine: str) -> list[etree._Element]:
    form = _el("form", class_="search", role="search", action="search.html",
               data_engine=engine)
    _el("label", form, "Search the edition", for_="q", class_="skip")
    _el("input", form, id="q", name="q", type="search", placeholder="Words or a \"phrase\"",
        autocomplete="off")
    _el("button", form, "Search", type="submit")
    noscript = _el("noscript")
    _el("p", noscript, "Search runs in the browser and needs JavaScript.")
    body = [_el("h1", text="Search"), form, noscript,
            _el("p", class_="search-status", aria_live="polite"),
            _el("ol", class_="search-results")]
    if engine == "json":
        body.append(_el("script", src=JSON_INDEX))
    return body
