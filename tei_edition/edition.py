"""Build orchestration: ``source/`` → ``build/{tei,html,text,data}``.

Each document is converted, validated against our schema and, when it can be
found, the official ``tei_all``; a document that fails is reported and nothing is
written for it, and the others are still built. What the whole edition shares
(edition.toml, corrections.toml, register.xml) must be sound first: a problem there
stops the build before anything is written. ``build/`` then mirrors ``source/``: the
outputs of a document that failed or whose transcription is gone are removed.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import metadata
from . import site as edition_site
from .convert import Sources, convert
from .encode import point_to_transcription
from .errors import TeiEditionError, UsageError
from .export import transform
from .export.corpus import Corpus, Document
from .export.data import write_edition_data
from .issues import Issue
from .register import REGISTER_FILE
from .validate import Schema, load_schema, our_schema, validate
from .validate.schemas import SCHEMA_DIR, TEI_ALL_ENV, find_tei_all
from .xmlio import (
    NSMAP,
    TEI_NS,
    TRANSCRIPTION_REF,
    XML_NS,
    parse,
    remove_stale_temporaries,
    serialize,
    write_atomic,
)


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    failed: dict[str, list[str]] = field(default_factory=dict)
    """Transcriptions for which nothing was written, with the reasons."""
    schemas: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Integrity errors across the written edition (e.g. a pointer that resolves nowhere)."""
    stopped: list[str] = field(default_factory=list)
    """Errors in what all documents share (edition.toml, corrections, register) that
    stopped the build before anything was written."""
    removed: list[str] = field(default_factory=list)
    """Outputs of earlier builds removed because their document failed or is gone."""

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problems and not self.stopped


def _index_listing(
    meta: metadata.EditionMeta, trees: dict[str, etree._ElementTree], register: bool,
    data: Sequence[str] = (),
) -> etree._ElementTree:
    """The small listing index.xsl renders: one ``doc`` per built document, one
    ``data`` per file of build/data/ ("download the data")."""
    ns = {"t": TEI_NS}
    root = etree.Element(
        "edition",
        title=meta.title,
        publisher=meta.publisher,
        licence=meta.licence or "",
        lang=meta.language,
    )
    if meta.licence_url:
        root.set("licence-url", meta.licence_url)
    if register:
        root.set("register", "register.html")
    for name, tree in trees.items():
        doc = etree.SubElement(root, "doc", href=f"{name}.html")
        doc.text = tree.findtext(".//t:titleStmt/t:title[@type='main']", namespaces=ns) or name
        date = tree.find(".//t:profileDesc/t:creation/t:date", ns)
        if date is not None:
            doc.set("when", date.get("when", ""))
            doc.set("date", date.text or "")
        authors = [" ".join(a.xpath("string()").split())
                   for a in tree.iterfind(".//t:titleStmt/t:author", ns)]
        if authors:
            doc.set("author", _joined([a for a in authors if a]))
    for name in data:
        fmt, label = DATA_LABELS[name]
        etree.SubElement(root, "data", href=f"../{DATA_DIR}/{name}", format=fmt, label=label)
    return root.getroottree()


# build/data/ file → (format, label) for the index's "download the data" links.
DATA_DIR = "data"
DATA_LABELS = {
    "mentions.csv": ("CSV", "Every mention of a person, place, organisation or date (CSV)"),
    "mentions.json": ("JSON", "Every mention of a person, place, organisation or date (JSON)"),
    "places.geojson": ("GeoJSON", "Places with coordinates (GeoJSON)"),
    "network.gexf": ("GEXF", "Network of persons and organisations (GEXF, for Gephi)"),
    "network-edges.csv": ("CSV", "Network edge list (CSV, for Gephi and Cytoscape)"),
    "cmif.xml": ("CMIF", "Letters' metadata (CMIF, for correspSearch)"),
}


def _write_data(out: Path, meta: metadata.EditionMeta, built: dict[str, etree._ElementTree],
                register: etree._ElementTree | None) -> tuple[list[str], list[str]]:
    """Write build/data/ from the built documents; (file names, warnings)."""
    if not built:
        return [], []
    corpus = Corpus([Document(name, tree) for name, tree in built.items()],
                    {REGISTER_FILE: register} if register is not None else None)
    written, warnings = write_edition_data(
        corpus, out / DATA_DIR, title=f"{meta.title}: letters", publisher=meta.publisher,
        editors=meta.editors)
    return [p.name for p in written], warnings


def _joined(names: list[str]) -> str:
    """Co-authors for a listing: ``A``, ``A and B``, ``A, B and C``."""
    return names[0] if len(names) < 2 else ", ".join(names[:-1]) + " and " + names[-1]


def _where(el: etree._Element) -> tuple[str, str]:
    """(xml:id to link to, label) for the place of a mention in a built document."""
    for ancestor in el.iterancestors():
        local = etree.QName(ancestor).localname
        ident = ancestor.get(f"{{{XML_NS}}}id") or ""
        if local == "note":
            return ident, f"note {ancestor.get('n', '')}".strip()
        if local == "p" and ident:
            return ident, f"¶ {ancestor.get('n')}" if ancestor.get("n") else "¶"
        if local in ("byline", "titlePart", "docDate"):
            return "", local
        if local == "teiHeader":
            return "", "header"
    return "", "text"


def _register_page(
    meta: metadata.EditionMeta,
    register: etree._ElementTree,
    trees: dict[str, etree._ElementTree],
) -> etree._ElementTree:
    """The input of register.xsl: the register and every mention across the edition."""
    page = etree.Element("registerPage", title=f"Register — {meta.title}", lang=meta.language)
    page.append(copy.deepcopy(register.getroot()))
    mentions = etree.SubElement(page, "mentions")
    for name, tree in trees.items():
        title = tree.xpath("string(//t:titleStmt/t:title[@type='main'])", namespaces={"t": TEI_NS})
        for el in tree.iter():
            ref = el.get("ref") if isinstance(el.tag, str) else None
            if not ref or not ref.startswith(REGISTER_FILE + "#"):
                continue
            target, where = _where(el)
            etree.SubElement(
                mentions,
                "mention",
                ref=ref.partition("#")[2],
                doc=f"{name}.html",
                docTitle=title,
                target=target,
                where=where,
                text=" ".join("".join(el.itertext()).split()),
            )
    return page.getroottree()


# build/ subfolder → the suffix of what build writes there (nothing else is ever removed).
OUTPUTS = {"tei": ".xml", "html": ".html", "text": ".txt"}
TEI_ALL_URL = "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"


def _tei_all_missing(configured: Path | None) -> str:
    where = f" at {configured} (tei-all in edition.toml)" if configured else ""
    return (
        f"warning: tei_all not found{where}: documents were checked against schema/ only; "
        "the TEI Consortium publishes tei_all.rng with each P5 release "
        f"({TEI_ALL_URL}): download it and point {TEI_ALL_ENV} or tei-all in "
        "edition.toml at it"
    )


def _built_from(tei_file: Path, transcription: Path) -> bool:
    """Whether ``tei_file`` is a document tei-edition built from ``transcription``: its
    header names our application and that very file (see encode.py)."""
    try:
        root = parse(tei_file).getroot()
    except TeiEditionError:
        return False
    ref = root.find(TRANSCRIPTION_REF, NSMAP)
    if ref is None or ref.getparent().get("ident") != "tei-edition":
        return False
    target = (tei_file.parent / ref.get("target", "")).resolve()
    return target == transcription.resolve()


def _remove_stale(out: Path, source: Path, failed: set[str], has_register: bool,
                  data: Sequence[str] = ()) -> list[Path]:
    """Remove outputs of earlier builds that source/ no longer accounts for: those of
    documents that failed, of transcriptions that are gone (only files our own header
    says were built from them), of a register that is gone, and data exports this
    build did not write (cmif.xml once no letter is left). Nothing else."""
    names = set(failed)
    for tei_file in sorted((out / "tei").glob("*.xml")):
        stem = tei_file.stem
        transcription = source / f"{stem}.txt"
        if (stem != Path(REGISTER_FILE).stem and not transcription.exists()
                and _built_from(tei_file, transcription)):
            names.add(stem)
    stale = [out / sub / f"{name}{ext}" for name in sorted(names) for sub, ext in OUTPUTS.items()]
    if not has_register:
        stale += [out / "tei" / REGISTER_FILE, out / "html" / "register.html"]
    stale += [out / DATA_DIR / name for name in sorted(set(DATA_LABELS) - set(data))]
    removed = []
    for path in stale:
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def _entries_used(tree: etree._ElementTree | None, path: Path, sources: Sources) -> set[str]:
    """Register ids a document points at; for one that could not be converted, the
    entries whose names its text contains (what it would point at)."""
    if tree is not None:
        prefix = sources.register.href + "#"
        return {ref[len(prefix):] for ref in tree.xpath("//@ref") if ref.startswith(prefix)}
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return set()
    return {m.entry.id for m in sources.register.matcher().find(text)}


# The published register names the schema it was checked against, so that
# `tei-edition validate build/tei` (or any editor) finds it without configuration: the
# documents say "made by tei-edition" in their appInfo, the register is the editors' own.
_SCHEMA_PI = (b'<?xml-model href="../schema/tei-edition.xsd" type="application/xml" '
              b'schematypens="http://www.w3.org/2001/XMLSchema"?>\n')
_XML_DECL = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml\s[^>]*\?>\r?\n?")


def _with_schema(data: bytes) -> bytes:
    """The register's bytes with an xml-model PI naming build/schema/, unless it has one."""
    if b"<?xml-model" in data[:4096]:
        return data
    decl = _XML_DECL.match(data)
    end = decl.end() if decl else 0
    if decl and not data[:end].endswith(b"\n"):
        return data[:end] + b"\n" + _SCHEMA_PI + data[end:]
    return data[:end] + _SCHEMA_PI + data[end:]


def _publish_schema(out: Path) -> None:
    """Copy our schema beside the published TEI (build/schema/), as editions ship theirs."""
    for xsd in sorted(SCHEMA_DIR.glob("*.xsd")):
        write_atomic(out / "schema" / xsd.name, xsd.read_bytes())


def build(
    source: str | Path = "source", out: str | Path = "build", *, encoding: str | None = None
) -> BuildReport:
    """Build the whole edition from ``source`` into ``out``; never raises for one bad document.

    ``encoding`` reads the transcriptions in that encoding instead of UTF-8/UTF-16.
    """
    source, out = Path(source), Path(out)
    if not source.is_dir():
        raise UsageError(f"source folder not found: {source}")
    texts = sorted(source.glob("*.txt"))
    if not texts:
        raise UsageError(f"no transcriptions (*.txt) in {source}")
    report = BuildReport()
    # A broken edition.toml, corrections.toml or register.xml raises here: one error.
    sources = Sources.load(source)
    # A fact for a document that does not exist would be dropped without a word.
    report.stopped = [e.render() for e in sources.unknown_documents(p.stem for p in texts)]
    if report.stopped:
        return report
    meta = sources.meta
    schemas: list[Schema] = [our_schema()]
    tei_all = find_tei_all(meta.tei_all)
    if tei_all:
        schemas.append(load_schema(tei_all))
    else:
        report.warnings.append(_tei_all_missing(meta.tei_all))
    report.schemas = [s.name for s in schemas]

    # Every document points into the register: a broken one stops the build here,
    # rather than failing each pointer of each document.
    register_path = sources.register.path
    register: etree._ElementTree | None = None
    if register_path is not None and register_path.exists():
        register = parse(register_path)
        report.stopped = [i.render() for schema in schemas
                          for i in schema.iter_issues(register, str(register_path))]
        if report.stopped:
            return report
    if out.is_dir():
        remove_stale_temporaries(out)

    built: dict[str, etree._ElementTree] = {}
    failed_use: set[str] = set()  # register ids only failed documents may account for
    for path in texts:
        name = path.stem
        tree: etree._ElementTree | None = None
        try:
            notes: list[Issue] = []
            tree = convert(path, sources, encoding=encoding, issues=notes)
            report.warnings.extend(n.render() for n in notes)
            point_to_transcription(tree, os.path.relpath(path.resolve(), (out / "tei").resolve()))
            problems: list[Issue] = [
                issue for schema in schemas for issue in schema.iter_issues(tree, f"{name}.xml")
            ]
            if problems:
                report.failed[str(path)] = [p.render() for p in problems]
            else:
                outputs = {
                    out / "tei" / f"{name}.xml": serialize(tree),
                    out / "text" / f"{name}.txt": transform(tree, "text"),
                }
        except TeiEditionError as exc:
            report.failed[str(path)] = [exc.render()]
        if str(path) in report.failed:
            failed_use |= _entries_used(tree, path, sources)
            continue
        for target, data in outputs.items():
            write_atomic(target, data)
        built[name] = tree
        report.built.append(str(path))
    has_register = False
    shift = 0
    if register is not None and register_path is not None:
        has_register = True
        _publish_schema(out)
        original = register_path.read_bytes()
        published = _with_schema(original)
        shift = published.count(b"\n") - original.count(b"\n")  # lines the PI added
        write_atomic(out / "tei" / REGISTER_FILE, published)
    # The reading pages need the whole edition (previous/next by date): written now.
    site = edition_site.Site(meta, built, register)
    for name, error in edition_site.write_documents(out, site).items():
        report.failed[str(source / f"{name}.txt")] = [error]
        report.built.remove(str(source / f"{name}.txt"))
        del built[name]
    if register is not None and register_path is not None:
        page = _register_page(meta, register, built)
        edition_site.write_register(out, page, site, register_path.read_bytes())
    data, data_warnings = _write_data(out, meta, built, register)
    report.warnings.extend(data_warnings)
    edition_site.write_index(out, _index_listing(meta, built, has_register, data), site)
    failed_names = {Path(p).stem for p in report.failed}
    report.removed = [str(p) for p in _remove_stale(out, source, failed_names, has_register,
                                                    data)]
    # map, timeline, assets and the search index, over the pages now in html/
    report.warnings.extend(edition_site.write_site(out, site))
    # Integrity across what was written: pointers, ids, dates (schemas were checked above).
    if built:
        files = [out / "tei" / f"{n}.xml" for n in built]
        if (out / "tei" / REGISTER_FILE).exists():
            files.append(out / "tei" / REGISTER_FILE)
        # The built documents are one edition: ids unique across them (docs/validation-rules.md).
        checked = validate(files, schemas[:1], unique_ids=True)
        published = str(out / "tei" / REGISTER_FILE)
        issues = [
            # Problems of the register are the editors' to fix in source/, at its lines.
            dataclasses.replace(i, file=str(register_path),
                                line=i.line - shift if i.line else i.line)
            if i.file == published and register_path is not None else i
            for i in checked.issues
        ]
        report.problems = [i.render() for i in issues if i.is_error]
        # An entry only a failed document mentions is not unused: the edition is incomplete.
        excused = {entry.line for ident, entry in sources.register.entries.items()
                   if ident in failed_use}
        report.warnings.extend(
            i.render() for i in issues
            if not i.is_error and not (i.rule == "register-unused" and i.line in excused)
        )
    return report
