"""Data exports: the edition as the rest of digital humanities reads it.

``mentions`` (CSV and JSON, for OpenRefine, Palladio, spreadsheets), ``geojson``
(places with coordinates, for QGIS, geojson.io, Leaflet), ``network`` (persons and
organisations co-occurring in a paragraph or letter, as GEXF 1.3 and a CSV edge list,
for Gephi and Cytoscape) and ``cmif`` (the letters' correspDesc as the Correspondence
Metadata Interchange Format, for correspSearch). Shapes: docs/data-exports.md.

Aggregation is Python over one walk of each document (:mod:`.corpus`); CMIF, a
tree-to-tree job, is an XSLT 1.0 stylesheet (``xslt/cmif/cmif.xsl``) run like the
other exporters, compiled once and denied file and network access.

Every output is deterministic: rows in document order, features, nodes and edges
sorted by id, no timestamps (except CMIF's mandatory date of last update, taken from
``$SOURCE_DATE_EPOCH`` when set, else today).

GEXF is written with lxml, not networkx's ``write_gexf``: networkx writes GEXF
1.1draft and 1.2draft only (the issue asks for 1.3), would be a dependency of some
megabytes for about forty lines of XML writing, and builds its XML with the standard
library's ElementTree where everything else here is lxml; the graph itself is a
``Counter`` of pairs, which needs no graph library either.

Missing data: an export whose input lacks what it needs warns and still writes a
valid, empty result (a CSV with its header, an empty FeatureCollection, a graph with
no nodes), exit 0, so that ``build`` and pipelines can rely on the files; CMIF is the
exception, since a CMIF file without letters is no CMIF file: :class:`DataError`
(exit 1).
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import itertools
import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import TeiEditionError, UsageError
from ..xmlio import TEI_NS, serialize, write_atomic
from . import ACCESS, XSLT_DIR, transform
from .corpus import AUTHORITIES, DATE_ATTRIBUTES, Corpus, Mention, parse_geo

_T = f"{{{TEI_NS}}}"


class DataError(TeiEditionError):
    """The input lacks what a data format cannot do without (exit 1)."""


@dataclass
class DataExport:
    """What one format makes of a corpus: output file name → bytes, and warnings."""

    files: dict[str, bytes]
    warnings: list[str] = field(default_factory=list)


# --- mentions -------------------------------------------------------------------------

MENTION_COLUMNS = ("document", "part", "unit", "unit_element", "element", "ref", "key",
                   "register_id", "kind", "name", "text", *DATE_ATTRIBUTES, *AUTHORITIES,
                   "context")


def _mention_row(m: Mention) -> tuple[str, ...]:
    """The mention's values, in MENTION_COLUMNS order."""
    return (m.document, m.part, m.unit, m.unit_element, m.element, m.ref, m.key, m.id,
            m.kind, m.name, m.text, *(m.dates.get(a, "") for a in DATE_ATTRIBUTES),
            *(m.authorities.get(a, "") for a in AUTHORITIES), m.context)


def mentions(corpus: Corpus) -> DataExport:
    """``mentions.csv`` and ``mentions.json``: one row per name or date mentioned."""
    rows = [_mention_row(m) for m in corpus.mentions()]
    warnings = list(corpus.warnings)
    if not rows:
        warnings.append("warning: mentions: the documents mention no names or dates "
                        "(persName, placeName, orgName, rs/name with @ref or @key, date)")
    buffer = io.StringIO()
    # The csv module quotes as RFC 4180 says (fields with , " or line breaks; "" inside),
    # and ends records with CRLF, as it requires.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MENTION_COLUMNS)
    writer.writerows(rows)
    document = {
        "format": "tei-edition mentions",
        "version": 1,
        "columns": list(MENTION_COLUMNS),
        "mentions": [dict(zip(MENTION_COLUMNS, [v or None for v in row], strict=True))
                     for row in rows],
    }
    return DataExport({"mentions.csv": buffer.getvalue().encode("utf-8"),
                       "mentions.json": _json(document)}, warnings)


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
"""One encoder for every record: ``json.dumps`` with options builds a new one per call."""


def _json(data: dict[str, object]) -> bytes:
    """A JSON document with one member per line and one record per line in its lists:
    readable and diffable. (json's fast C encoder runs only without ``indent``: with
    it, the mentions of 1,000 documents took 3 s to write.)"""
    members = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            records = ",\n    ".join(map(_ENCODE, value))
            text = f"[\n    {records}\n  ]"
        else:
            text = _ENCODE(value)
        members.append(f"  {_ENCODE(key)}: {text}")
    return ("{\n" + ",\n".join(members) + "\n}\n").encode("utf-8")


# --- geojson --------------------------------------------------------------------------

def geojson(corpus: Corpus) -> DataExport:
    """``places.geojson``: every place entry with coordinates, mentioned or not."""
    counts: Counter[str] = Counter()
    documents: dict[str, set[str]] = {}
    for m in corpus.mentions():
        if m.id:
            counts[m.id] += 1
            documents.setdefault(m.id, set()).add(m.document)
    warnings = list(corpus.warnings)
    features = []
    for ident in sorted(corpus.entities):
        entity = corpus.entities[ident]
        if entity.kind != "place" or entity.geo is None:
            continue
        point = parse_geo(entity.geo)
        if point is None:
            warnings.append(f"warning: geojson: {entity.source}: place {ident!r} has the "
                            f"unreadable geo {entity.geo!r} (want \"lat lon\" in degrees); "
                            "left out")
            continue
        lat, lon = point
        features.append({
            "type": "Feature",
            "id": ident,
            # GeoJSON (RFC 7946) is longitude first; TEI's geo is latitude first.
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "name": entity.name,
                "register_id": ident,
                **{a: entity.authorities.get(a) for a in AUTHORITIES},
                "mentions": counts[ident],
                "documents": sorted(documents.get(ident, ())),
            },
        })
    if not features:
        warnings.append("warning: geojson: no place has coordinates (listPlace/place/"
                        "location/geo); the collection is empty")
    return DataExport({"places.geojson": _json({"type": "FeatureCollection",
                                                "features": features})}, warnings)


# --- network --------------------------------------------------------------------------

GEXF_NS = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_NODE_ATTRIBUTES = (("kind", "string"), ("wikidata", "string"), ("viaf", "string"),
                    ("gnd", "string"), ("mentions", "integer"), ("documents", "integer"))


@dataclass
class Network:
    nodes: dict[str, dict[str, str | int]]
    """id → label, kind, authority URIs, mentions, documents (counts)."""
    edges: Counter[tuple[str, str]]
    """(source, target), source < target → the number of units both occur in."""


def cooccurrences(corpus: Corpus) -> Network:
    """Persons and organisations occurring together: in a letter (its text and its
    correspDesc), else in a paragraph or note (see :data:`.corpus.UNITS`)."""
    letters = {d.name for d in corpus.documents if d.letter}
    units: dict[tuple[str, int], set[str]] = {}
    nodes: dict[str, dict[str, str | int]] = {}
    seen_in: dict[str, set[str]] = {}
    for m in corpus.mentions():
        if m.kind not in ("person", "org") or not m.id:
            continue  # a name that points nowhere cannot be told apart from another
        node = nodes.setdefault(m.id, {"label": m.name or m.text, "kind": m.kind,
                                       **{a: m.authorities.get(a, "") for a in AUTHORITIES},
                                       "mentions": 0})
        node["mentions"] = int(node["mentions"]) + 1
        seen_in.setdefault(m.id, set()).add(m.document)
        if m.document in letters:
            units.setdefault((m.document, 0), set()).add(m.id)
        elif m.unit_no:
            units.setdefault((m.document, m.unit_no), set()).add(m.id)
    for ident, node in nodes.items():
        node["documents"] = len(seen_in[ident])
    edges: Counter[tuple[str, str]] = Counter()
    for members in units.values():
        edges.update(itertools.combinations(sorted(members), 2))
    return Network(dict(sorted(nodes.items())), edges)


def network(corpus: Corpus) -> DataExport:
    """``network.gexf`` (GEXF 1.3) and ``network-edges.csv``."""
    net = cooccurrences(corpus)
    warnings = list(corpus.warnings)
    if not net.nodes:
        warnings.append("warning: network: no persName/orgName (or rs) points at an entry "
                        "or has @key; the network is empty")
    elif not net.edges:
        warnings.append("warning: network: no two persons or organisations occur in the "
                        "same paragraph or letter; the network has no edges")
    return DataExport({"network.gexf": _gexf(net), "network-edges.csv": _edge_list(net)},
                      warnings)


def _gexf(net: Network) -> bytes:
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS, "xsi": _XSI},
                         version="1.3")
    root.set(f"{{{_XSI}}}schemaLocation", f"{GEXF_NS} {GEXF_NS}/gexf.xsd")
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta")
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "tei-edition"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = (
        "Persons and organisations co-occurring in a paragraph, note or letter; "
        "edge weight: the number of such passages")
    graph = etree.SubElement(root, f"{{{GEXF_NS}}}graph", defaultedgetype="undirected",
                             mode="static")
    attributes = etree.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": "node"})
    for name, type_ in _NODE_ATTRIBUTES:
        etree.SubElement(attributes, f"{{{GEXF_NS}}}attribute", id=name, title=name,
                         type=type_)
    nodes = etree.SubElement(graph, f"{{{GEXF_NS}}}nodes")
    for ident, node in net.nodes.items():
        el = etree.SubElement(nodes, f"{{{GEXF_NS}}}node", id=ident, label=str(node["label"]))
        values = etree.SubElement(el, f"{{{GEXF_NS}}}attvalues")
        for name, _ in _NODE_ATTRIBUTES:
            if node.get(name) not in ("", None):
                etree.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": name,
                                                                   "value": str(node[name])})
    edges = etree.SubElement(graph, f"{{{GEXF_NS}}}edges")
    for n, ((source, target), weight) in enumerate(sorted(net.edges.items())):
        etree.SubElement(edges, f"{{{GEXF_NS}}}edge", id=f"e{n}", source=source,
                         target=target, weight=f"{weight:.1f}")
    etree.indent(root)
    return serialize(root)


def _edge_list(net: Network) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    # Source, Target, Type, Weight: the columns Gephi's and Cytoscape's importers know.
    writer.writerow(["Source", "Target", "Type", "Weight", "Source label", "Target label"])
    for (source, target), weight in sorted(net.edges.items()):
        writer.writerow([source, target, "Undirected", weight, net.nodes[source]["label"],
                         net.nodes[target]["label"]])
    return buffer.getvalue().encode("utf-8")


# --- cmif -----------------------------------------------------------------------------

# CMIF asks for persons' ids from VIAF, GND (…) and places' from GeoNames; Wikidata is
# the fallback correspSearch also resolves.
_PREFERRED = {"persName": ("viaf", "gnd", "wikidata"), "orgName": ("viaf", "gnd", "wikidata"),
              "placeName": ("geonames", "wikidata")}


@functools.cache
def _cmif_stylesheet() -> etree.XSLT:
    return etree.XSLT(etree.parse(str(XSLT_DIR / "cmif" / "cmif.xsl")), access_control=ACCESS)


def _updated() -> str:
    """CMIF's date of last update (xsd:dateTime): $SOURCE_DATE_EPOCH, the reproducible-
    builds convention, when set; else today at midnight UTC, so reruns within a day are
    identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    else:
        moment = datetime.datetime.now(datetime.UTC).replace(hour=0, minute=0, second=0,
                                                             microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def cmif(corpus: Corpus, *, title: str | None = None, publisher: str | None = None,
         publisher_url: str | None = None, editors: Iterable[str] = (), url: str = "",
         letter_url: str | None = None, updated: str | None = None) -> DataExport:
    """``cmif.xml``: one ``correspDesc`` per letter, names carrying authority URIs.

    ``url`` is where the CMIF file will be published (``idno type="url"``);
    ``letter_url`` a pattern with ``{name}`` for each letter's page (``correspDesc/@ref``).
    Raises :class:`DataError` when no document has a ``correspDesc``.
    """
    letters = [d for d in corpus.documents if d.letter]
    if not letters:
        raise DataError(
            f"cmif: none of the {len(corpus.documents)} document(s) is a letter (no "
            "teiHeader/profileDesc/correspDesc); CMIF describes letters only")
    first = letters[0].tree
    title = title or "Correspondence metadata: " + (
        " ".join(first.xpath("string(//t:titleStmt/t:title[1])", namespaces={"t": TEI_NS})
                 .split()) or letters[0].name)
    publisher = publisher or " ".join(first.xpath(
        "string(//t:publicationStmt/t:publisher[1])", namespaces={"t": TEI_NS}).split()) \
        or "Unknown publisher"
    root = etree.Element("cmif", title=title, publisher=publisher, url=url,
                         updated=updated or _updated(), **{"bibl-type": "online"})
    # A stable UUID (CMIF recommends one for bibl/@xml:id), an NCName as xml:id must be.
    root.set("bibl-id", f"bibl-{uuid.uuid5(uuid.NAMESPACE_URL, 'tei-edition:' + title)}")
    if publisher_url:
        root.set("publisher-url", publisher_url)
    for editor in editors:
        etree.SubElement(root, "editor").text = editor
    etree.SubElement(root, "bibl").text = f"{title}. {publisher}."
    for doc in letters:
        letter = etree.SubElement(root, "letter", key=doc.name)
        if letter_url:
            letter.set("ref", letter_url.format(name=doc.name))
        for action in doc.tree.iterfind(f"{_T}teiHeader/{_T}profileDesc/{_T}correspDesc/"
                                        f"{_T}correspAction"):
            letter.append(_with_authority_refs(corpus, action))
    data = transform(root.getroottree(), _cmif_stylesheet(), source="cmif")
    return DataExport({"cmif.xml": data}, list(corpus.warnings))


def _with_authority_refs(corpus: Corpus, action: etree._Element) -> etree._Element:
    """A copy of a correspAction whose names' @ref is the authority URI CMIF wants
    (resolved through the register's idno), or absent."""
    copy = etree.Element(action.tag, type=action.get("type", ""))
    for child in action:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        el = etree.SubElement(copy, child.tag, {k: v for k, v in child.attrib.items()
                                                if k != "ref"})
        el.text = " ".join("".join(child.itertext()).split())
        if local in _PREFERRED:
            found = corpus.identify(child)[2]
            uri = next((found[a] for a in _PREFERRED[local] if a in found), None)
            if uri:
                el.set("ref", uri)
    return copy


# --- registry and entry point ---------------------------------------------------------

@dataclass(frozen=True)
class DataFormat:
    name: str
    description: str
    outputs: tuple[str, ...]
    """The files it writes, by name (``-o FILE`` with one of their suffixes picks one)."""
    function: Callable[..., DataExport]


DATA_FORMATS: dict[str, DataFormat] = {
    f.name: f
    for f in (
        DataFormat("mentions", "one row per name or date: CSV and JSON (OpenRefine, "
                   "Palladio, spreadsheets)", ("mentions.csv", "mentions.json"), mentions),
        DataFormat("geojson", "places with coordinates as a GeoJSON FeatureCollection "
                   "(QGIS, geojson.io, Leaflet)", ("places.geojson",), geojson),
        DataFormat("network", "persons and organisations co-occurring in a paragraph or "
                   "letter: GEXF 1.3 and a CSV edge list (Gephi, Cytoscape)",
                   ("network.gexf", "network-edges.csv"), network),
        DataFormat("cmif", "the letters' correspDesc as CMIF, for correspSearch",
                   ("cmif.xml",), cmif),
    )
}


@dataclass
class DataResult:
    written: list[Path]
    warnings: list[str]


def render_data(corpus: Corpus, fmt: str, **options: str) -> DataExport:
    """One data format over a corpus, in memory."""
    try:
        spec = DATA_FORMATS[fmt]
    except KeyError:
        raise UsageError(f"unknown data format {fmt!r}; choose from "
                         f"{', '.join(DATA_FORMATS)}") from None
    return spec.function(corpus, **options)


def export_data(files: Iterable[str | Path], fmt: str, out: str | Path | None = None, *,
                register: str | Path | None = None, **options: str) -> DataResult:
    """Export TEI files to a data format; returns the files written and the warnings.

    ``out`` is a folder (default: the current one) that receives every output of the
    format under its usual name, or a file whose suffix is one of the format's
    outputs (``-o people.csv`` for the mentions' CSV only). ``register`` overrides the
    register the documents' pointers lead to. ``options`` go to the format (cmif:
    ``title``, ``publisher``, ``url``, ``letter_url``, ``updated``).
    """
    paths = [Path(f) for f in files]
    if not paths:
        raise UsageError("no TEI files given")
    if fmt not in DATA_FORMATS:
        raise UsageError(f"unknown data format {fmt!r}; choose from {', '.join(DATA_FORMATS)}")
    spec = DATA_FORMATS[fmt]
    targets = _targets(spec, Path(out) if out is not None else None)
    inputs = {p.resolve() for p in paths}
    for target in targets.values():
        if target.resolve() in inputs:
            raise UsageError(f"{target} would overwrite its input; give another -o")
    result = render_data(Corpus.from_paths(paths, register), fmt, **options)
    for name, target in targets.items():
        write_atomic(target, result.files[name])
    return DataResult(list(targets.values()), result.warnings)


def _targets(spec: DataFormat, out: Path | None) -> dict[str, Path]:
    """Output name → path: all of them in a folder, or the one a file name picks."""
    if out is not None and not out.is_dir() and out.suffix:
        chosen = [name for name in spec.outputs if Path(name).suffix == out.suffix]
        if len(chosen) != 1:
            raise UsageError(f"-o {out}: {spec.name} writes {', '.join(spec.outputs)}; "
                             "give a folder, or a file ending in one of their suffixes")
        return {chosen[0]: out}
    folder = out if out is not None else Path()
    return {name: folder / name for name in spec.outputs}


def write_edition_data(corpus: Corpus, out_dir: Path, **cmif_options: object
                       ) -> tuple[list[Path], list[str]]:
    """Every data format into ``out_dir`` (``build/data/``); cmif only for letters.
    Returns the files written and the warnings."""
    written: list[Path] = []
    warnings: list[str] = []
    for spec in DATA_FORMATS.values():
        if spec.name == "cmif" and not any(d.letter for d in corpus.documents):
            continue
        options = cmif_options if spec.name == "cmif" else {}
        result = spec.function(corpus, **options)
        for name, data in result.files.items():
            write_atomic(out_dir / name, data)
            written.append(out_dir / name)
        warnings += [w for w in result.warnings if w not in warnings]
    return written, warnings
