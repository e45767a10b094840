"""Build orchestration: ``source/`` → ``build/{tei,html,text,data}``.

Each document is converted, validated against our schema and, when it can be
found, the official ``tei_all``; a document that fails is reported and nothing is
written for it, and the others are still built. What the whole edition shares
(edition.toml, corrections.toml, register.xml) must be sound first: a problem there
stops the build before anything is written. ``build/`` then mirrors ``source/``: the
outputs of a document that failed or whose transcription is gone are removed.

Builds are incremental and parallel. ``build/.tei-edition-state.json`` records a hash
of every input: each transcription, and what all documents share (edition.toml,
corrections.toml, register.xml, letter-words.toml, tei_all, and tei-edition's own code,
stylesheets and schemas). Only documents whose transcription changed are converted
again; a change to a shared input rebuilds every document (register usage is not
tracked: a new entry may match names in any text). A reading page is rendered again
when its TEI or its site parameters (previous/next, name tooltips) changed; the
edition-wide pages and data are rewritten when anything changed. Documents are
converted, and pages rendered, in worker processes forked after the schemas and
stylesheets are compiled; results are collected in source order, so the output does
not depend on ``jobs``. The data exports are then written by a forked child while the
register page, map, timeline and search index are written here.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree

from . import __version__, metadata
from . import site as edition_site
from .convert import Sources, convert
from .encode import point_to_transcription
from .errors import TeiEditionError, UsageError
from .export import transform
from .export.corpus import Corpus, Document
from .export.data import write_edition_data
from .issues import Issue
from .parallel import default_jobs, in_background, run_all
from .register import REGISTER_FILE
from .validate import Schema, check_rules, load_schema, our_schema
from .validate.schemas import SCHEMA_DIR, TEI_ALL_ENV, find_tei_all
from .xmlio import (
    NSMAP,
    TEI_NS,
    TRANSCRIPTION_REF,
    XML_NS,
    OutputLock,
    parse,
    parse_bytes,
    remove_stale_temporaries,
    serialize,
    write_atomic,
    write_atomic_many,
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
    rebuilt: int = 0
    """Documents converted in this run (the others were up to date)."""
    up_to_date: bool = False
    """Nothing changed since the last build: nothing was written (the rest of the
    report is the last build's)."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per phase, in the order they ran (``tei-edition build --timings``);
    ``data`` ran in a child process alongside ``register`` and ``site``."""

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problems and not self.stopped


_R = TypeVar("_R")


class _Laps:
    """The wall time of the build's phases, one after another: ``lap(name)`` ends one."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into, self.last = into, time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.into[phase] = self.into.get(phase, 0.0) + now - self.last
        self.last = now


def _timed(work: Callable[..., _R], *args: Any) -> tuple[_R, float]:
    """``work(*args)`` and the seconds it took."""
    start = time.perf_counter()
    return work(*args), time.perf_counter() - start


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
        doc = etree.SubElement(root, "doc", href=edition_site.page_href(name))
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


_T = f"{{{TEI_NS}}}"
_ID = f"{{{XML_NS}}}id"
_NOTE, _P, _HEADER = f"{_T}note", f"{_T}p", f"{_T}teiHeader"
_HEADER_PARTS = {f"{_T}{local}": local for local in ("byline", "titlePart", "docDate")}


def _where(el: etree._Element) -> tuple[str, str]:
    """(xml:id to link to, label) for the place of a mention in a built document."""
    for ancestor in el.iterancestors():
        tag = ancestor.tag
        if tag == _NOTE:
            return ancestor.get(_ID) or "", f"note {ancestor.get('n', '')}".strip()
        if tag == _P and ancestor.get(_ID):
            n = ancestor.get("n")
            return ancestor.get(_ID), f"¶ {n}" if n else "¶"
        if tag in _HEADER_PARTS:
            return "", _HEADER_PARTS[tag]
        if tag == _HEADER:
            return "", "header"
    return "", "text"


_MAIN_TITLE = etree.XPath("string(//t:titleStmt/t:title[@type='main'])",
                          namespaces={"t": TEI_NS})
_POINTING_INTO_REGISTER = etree.XPath(f"//*[starts-with(@ref, '{REGISTER_FILE}#')]")


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
        title = _MAIN_TITLE(tree)
        for el in _POINTING_INTO_REGISTER(tree):  # filtered in C: most elements point nowhere
            ref = el.get("ref")
            target, where = _where(el)
            etree.SubElement(
                mentions,
                "mention",
                ref=ref.partition("#")[2],
                doc=edition_site.page_href(name),
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


def _remove_stale(out: Path, source: Path, failed: set[str], has_register: bool) -> list[Path]:
    """Remove outputs of earlier builds that source/ no longer accounts for: those of
    documents that failed, of transcriptions that are gone (only files our own header
    says were built from them), of a register that is gone. Nothing else."""
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
    return _unlink(stale)


def _remove_stale_data(out: Path, data: Sequence[str]) -> list[Path]:
    """Remove the data exports this build did not write (cmif.xml once no letter is left)."""
    return _unlink([out / DATA_DIR / name for name in sorted(set(DATA_LABELS) - set(data))])


def _unlink(paths: Iterable[Path]) -> list[Path]:
    removed = []
    for path in paths:
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


STATE_FILE = ".tei-edition-state.json"
STATE_VERSION = 1
PACKAGE_DIR = Path(__file__).resolve().parent
# tei-edition's own files whose change can change an output.
_CODE_SUFFIXES = (".py", ".xsl", ".xsd", ".toml", ".css", ".js", ".svg")


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:32]


def _read(path: Path | None) -> bytes:
    try:
        return path.read_bytes() if path is not None else b"\0none"
    except OSError:
        return b"\0missing"


def _shared_digest(source: Path, out: Path, encoding: str | None,
                   tei_all: Path | None) -> str:
    """One hash of everything all documents depend on."""
    from .letters import LETTER_WORDS_FILE

    parts = [__version__.encode(), str(encoding).encode(),
             str(source.resolve()).encode(), str(out.resolve()).encode()]
    for name in (metadata.METADATA_FILE, "corrections.toml", REGISTER_FILE, LETTER_WORDS_FILE):
        parts += [name.encode(), _read(source / name)]
    # tei_all is large (1 MB) and never edited in place: its path, size and time suffice.
    if tei_all is not None:
        st = tei_all.stat()
        parts.append(f"{tei_all.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            parts += [str(path.relative_to(PACKAGE_DIR)).encode(), _read(path)]
    return _digest(*parts)


def _outputs_of(out: Path, name: str) -> list[Path]:
    return [out / sub / f"{name}{ext}" for sub, ext in OUTPUTS.items()] + [
        out / "html" / edition_site.TEI_COPY / f"{name}.xml"]


def _load_state(out: Path) -> dict[str, Any]:
    try:
        state = json.loads((out / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and state.get("version") == STATE_VERSION else {}


def _save_state(out: Path, state: dict[str, Any]) -> None:
    state["version"] = STATE_VERSION
    write_atomic(out / STATE_FILE, json.dumps(state, indent=1, sort_keys=True) + "\n")


@dataclass
class _Converted:
    """What converting one transcription gave (returned from a worker)."""

    name: str
    warnings: list[str] = field(default_factory=list)
    failed: list[str] | None = None
    used: list[str] = field(default_factory=list)
    """Register ids a failed document accounts for (see _entries_used)."""
    tei: bytes = b""
    text: bytes = b""


_BUILD: list[tuple[Sources, list[Schema], Path, str | None]] = []
"""The build in progress, set before forking: workers inherit it."""
_SITE: list[edition_site.Site] = []


def _convert_one(path: Path) -> _Converted:
    """Convert and validate one document; its TEI and text (in a worker: the parent
    writes, so that thousands of files share one flush to disk)."""
    sources, schemas, out, encoding = _BUILD[0]
    name = path.stem
    result = _Converted(name)
    tree: etree._ElementTree | None = None
    try:
        notes: list[Issue] = []
        tree = convert(path, sources, encoding=encoding, issues=notes)
        result.warnings = [n.render() for n in notes]
        point_to_transcription(tree, os.path.relpath(path.resolve(), (out / "tei").resolve()))
        problems = [issue for schema in schemas
                    for issue in schema.iter_issues(tree, f"{name}.xml")]
        if problems:
            result.failed = [p.render() for p in problems]
        else:
            tei, text = serialize(tree), transform(tree, "text")
    except TeiEditionError as exc:
        result.failed = [exc.render()]
    if result.failed is not None:
        result.used = sorted(_entries_used(tree, path, sources))
        return result
    result.tei, result.text = tei, text
    return result


def _render_page(i: int) -> tuple[bytes, str | None]:
    """The reading page of the i-th document, or its error."""
    site = _SITE[0]
    doc = site.docs[i]
    try:
        return transform(doc.tree, "html", source=f"{doc.name}.xml",
                         **site.document_params(i)), None
    except TeiEditionError as exc:
        return b"", exc.render()


def _replay(state: dict[str, Any], texts: Iterable[Path], report: BuildReport) -> None:
    """The report of the last build, for documents not converted again."""
    docs = state.get("documents", {})
    for path in texts:
        entry = docs[path.stem]
        report.warnings.extend(entry.get("warnings", []))
        if entry.get("failed") is not None:
            report.failed[str(path)] = entry["failed"]
        else:
            report.built.append(str(path))


def _transcriptions(source: Path) -> tuple[list[Path], dict[str, list[str]]]:
    """The transcriptions to build, and those refused, by name as shown → the reason.

    A link out of source/ would publish whatever it points at (``x.txt`` → ~/.ssh/…);
    a name that is not UTF-8 cannot be written into the TEI, the pages or the state:
    each is refused on its own, with what to do, and the others are built."""
    root = source.resolve()
    texts, refused = [], {}
    for path in sorted(source.glob("*.txt")):
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        if shown != str(path):
            refused[shown] = [f"{shown}: error: the file name is not UTF-8: rename the file "
                              "(e.g. convmv -f latin1 -t utf8) and build again"]
        elif path.is_symlink() and not path.resolve().is_relative_to(root):
            refused[shown] = [f"{shown}: error: a symbolic link to {path.resolve()}, outside "
                              f"{source}/: links out of the source folder are not followed "
                              "(their target would be published); copy the file into it"]
        elif path.is_file():
            texts.append(path)
    return texts, refused


def build(
    source: str | Path = "source", out: str | Path = "build", *, encoding: str | None = None,
    jobs: int | None = None, force: bool = False, progress: bool | None = False,
) -> BuildReport:
    """Build the whole edition from ``source`` into ``out``; never raises for one bad document.

    ``encoding`` reads the transcriptions in that encoding instead of UTF-8/UTF-16.
    ``jobs`` worker processes convert and render (default: the machine's cores); only
    what changed since the last build is rebuilt, unless ``force``. ``progress`` draws a
    progress bar on a terminal (None: when standard error is one).
    """
    source, out = Path(source), Path(out)
    if not source.is_dir():
        raise UsageError(f"source folder not found: {source}")
    texts, refused = _transcriptions(source)
    if not texts:
        raise UsageError("; ".join(m for ms in refused.values() for m in ms)
                         or f"no transcriptions (*.txt) in {source}")
    jobs = jobs or default_jobs()
    report = BuildReport()
    clock = _Laps(report.timings)
    report.failed.update(refused)

    # Before anything is parsed: has anything changed since the last build?
    configured = metadata.load(source / metadata.METADATA_FILE).tei_all
    tei_all = find_tei_all(configured)
    shared = _shared_digest(source, out, encoding, tei_all)
    inputs = {p.stem: _digest(_read(p)) for p in texts}
    state = {} if force else _load_state(out)
    docs_state: dict[str, dict[str, Any]] = state.get("documents", {})
    same_shared = state.get("shared") == shared
    fresh = {name for name, digest in inputs.items()
             if same_shared and docs_state.get(name, {}).get("input") == digest
             and (docs_state[name].get("failed") is not None
                  or all(p.is_file() for p in _outputs_of(out, name)))}
    edition_files = [out / "html" / "index.html"]
    if fresh == set(inputs) and set(docs_state) == set(inputs) and all(
            p.is_file() for p in edition_files):
        edition = state.get("edition", {})
        report.warnings.extend(edition.get("head", []))
        _replay(state, texts, report)
        report.warnings.extend(edition.get("warnings", []))
        report.problems = edition.get("problems", [])
        report.schemas = edition.get("schemas", [])
        report.up_to_date = True
        clock.lap("check")
        return report

    # A broken edition.toml, corrections.toml or register.xml raises here: one error.
    sources = Sources.load(source)
    # A fact for a document that does not exist would be dropped without a word.
    report.stopped = [e.render() for e in sources.unknown_documents(p.stem for p in texts)]
    if report.stopped:
        return report
    meta = sources.meta
    schemas: list[Schema] = [our_schema()]
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
    # Held until build() returns: a second build into out/ stops here with a clear error.
    lock = OutputLock(out)  # noqa: F841 - released when this frame ends
    if out.is_dir():
        remove_stale_temporaries(out)
    # From here outputs change: a build killed midway must not be taken for up to date.
    (out / STATE_FILE).unlink(missing_ok=True)

    # Convert what changed, in workers forked now that schemas and stylesheets are compiled.
    from .export import stylesheet

    for fmt in ("text", "html"):
        stylesheet(fmt)
    _BUILD[:] = [(sources, schemas, out, encoding)]
    dirty = [p for p in texts if p.stem not in fresh]
    clock.lap("prepare")
    results = run_all(_convert_one, dirty, jobs, "build: convert", progress,
                      lambda c: c.failed is not None, chunk=16)
    converted: dict[str, _Converted] = {c.name: c for c in results}
    report.rebuilt = len(dirty)
    write_atomic_many((out / sub / f"{c.name}{ext}", data) for c in results if c.failed is None
                      for sub, ext, data in (("tei", ".xml", c.tei), ("text", ".txt", c.text)))
    clock.lap("convert")

    built: dict[str, etree._ElementTree] = {}
    new_state: dict[str, dict[str, Any]] = {}
    failed_use: set[str] = set()  # register ids only failed documents may account for
    for path in texts:
        name = path.stem
        if name in converted:
            done = converted[name]
            entry = {"input": inputs[name], "warnings": done.warnings, "failed": done.failed,
                     "used": done.used}
            data = done.tei
        else:
            entry = dict(docs_state[name])
            data = b"" if entry.get("failed") is not None else (
                out / "tei" / f"{name}.xml").read_bytes()
        new_state[name] = entry
        report.warnings.extend(entry["warnings"])
        if entry["failed"] is not None:
            report.failed[str(path)] = entry["failed"]
            failed_use |= set(entry["used"])
            continue
        # Every page is rendered from the TEI as written, converted now or earlier alike.
        built[name] = parse_bytes(data, str(out / "tei" / f"{name}.xml"))
        entry["tei"] = _digest(data)
        report.built.append(str(path))
    has_register = False
    shift = 0
    published = out / "tei" / REGISTER_FILE
    original = published_bytes = b""  # the register as in source/, and as published
    if register is not None and register_path is not None:
        has_register = True
        _publish_schema(out)
        original = register_path.read_bytes()
        published_bytes = _with_schema(original)
        shift = published_bytes.count(b"\n") - original.count(b"\n")  # lines the PI added
        write_atomic(published, published_bytes)
    # The reading pages need the whole edition (previous/next by date): rendered now,
    # each only if its TEI or its parameters changed.
    site = edition_site.Site(meta, built, register)
    _SITE[:] = [site]
    stale_pages = []
    for i, doc in enumerate(site.docs):
        key = _digest(new_state[doc.name]["tei"].encode(),
                      json.dumps(site.document_params(i), sort_keys=True).encode())
        previous = docs_state.get(doc.name, {}).get("page")
        new_state[doc.name]["page"] = key
        if previous != key or doc.name in converted or not all(
                p.is_file() for p in _outputs_of(out, doc.name)):
            stale_pages.append(i)
    pages = run_all(_render_page, stale_pages, jobs, "build: pages", progress,
                    lambda page: page[1] is not None, chunk=16)
    keep = {f"{d.name}.xml" for d in site.docs}
    written: list[tuple[Path, bytes]] = []
    for i, (page, error) in zip(stale_pages, pages, strict=True):
        doc = site.docs[i]
        # The TEI beside the page: the very bytes of build/tei/.
        tei_file = out / "tei" / f"{doc.name}.xml"
        copy_data = converted[doc.name].tei if doc.name in converted else tei_file.read_bytes()
        if error is None:
            written += [(out / "html" / doc.file, page),
                        (out / "html" / edition_site.TEI_COPY / f"{doc.name}.xml", copy_data)]
        else:
            name = site.docs[i].name
            report.failed[str(source / f"{name}.txt")] = [str(error)]
            report.built.remove(str(source / f"{name}.txt"))
            new_state[name].update(failed=[str(error)], used=[])
            del built[name]
            keep.discard(f"{name}.xml")
    write_atomic_many(written)
    if site.register is not None:
        keep.add(REGISTER_FILE)
    for stale in (out / "html" / edition_site.TEI_COPY).glob("*.xml"):
        if stale.name not in keep:
            stale.unlink()
    failed_names = {Path(p).stem for p in report.failed}
    report.removed = [str(p) for p in _remove_stale(out, source, failed_names, has_register)]
    clock.lap("pages")
    # The document pages are final: they are indexed for search while the rest is written
    # (and the indexer stopped if writing it fails).
    with edition_site.SearchIndex(out / "html") as search:
        # The data exports are written by a child process meanwhile (they share nothing
        # with the pages below but the trees, which the fork inherits).
        data_written = in_background(
            lambda: _timed(_write_data, out, meta, built, register), jobs)
        if register is not None and register_path is not None:
            page = _register_page(meta, register, built)
            edition_site.write_register(out, page, site, original)
            clock.lap("register")
        # map, timeline, assets and the search index, over the pages now in html/
        edition_warnings = edition_site.write_site(out, site, search)
        clock.lap("site")
        (data_files, data_warnings), report.timings["data"] = data_written()
        clock.lap("data wait")
        edition_warnings[:0] = data_warnings
        edition_site.write_index(out, _index_listing(meta, built, has_register, data_files),
                                 site)
        report.removed += [str(p) for p in _remove_stale_data(out, data_files)]
    clock.lap("index")
    # Integrity across what was written: pointers, ids, dates (schemas were checked above).
    if built:
        # Schemas were checked above, document by document, on these very trees: the
        # rules remain. The built documents are one edition: ids unique across them
        # (docs/validation-rules.md).
        trees = {str(out / "tei" / f"{n}.xml"): tree for n, tree in built.items()}
        if has_register:
            trees[str(published)] = parse_bytes(published_bytes, str(published))
        issues = [
            # Problems of the register are the editors' to fix in source/, at its lines.
            dataclasses.replace(i, file=str(register_path),
                                line=i.line - shift if i.line else i.line)
            if i.file == str(published) and register_path is not None else i
            for i in check_rules(trees, unique_ids=True)
        ]
        report.problems = [i.render() for i in issues if i.is_error]
        # An entry only a failed document mentions is not unused: the edition is incomplete.
        excused = {entry.line for ident, entry in sources.register.entries.items()
                   if ident in failed_use}
        edition_warnings.extend(
            i.render() for i in issues
            if not i.is_error and not (i.rule == "register-unused" and i.line in excused)
        )
    clock.lap("rules")
    report.warnings.extend(edition_warnings)
    _BUILD.clear()
    _SITE.clear()
    _save_state(out, {"shared": shared, "documents": new_state, "edition": {
        "head": [] if tei_all else [_tei_all_missing(meta.tei_all)],
        "warnings": edition_warnings,
        "problems": report.problems, "schemas": report.schemas}})
    clock.lap("state")
    return report
