"""Build orchestration: ``source/`` → ``build/{tei,html,text}``.

Each document is converted, validated against our schema and, when it can be
found, the official ``tei_all``; a document that fails is reported and nothing is
written for it, and the others are still built.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import metadata
from .convert import Sources, convert
from .encode import point_to_transcription
from .errors import TeiEditionError, UsageError
from .export import transform
from .issues import Issue
from .register import REGISTER_FILE
from .validate import Schema, load_schema, our_schema, validate
from .validate.schemas import TEI_ALL_ENV, find_tei_all
from .xmlio import (
    TEI_NS,
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

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problems


def _index_listing(
    meta: metadata.EditionMeta, trees: dict[str, etree._ElementTree], register: bool
) -> etree._ElementTree:
    """The small listing index.xsl renders: one ``doc`` per built document."""
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
        author = tree.xpath("string(//t:titleStmt/t:author)", namespaces=ns)
        if author:
            doc.set("author", " ".join(author.split()))
    return root.getroottree()


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


def build(source: str | Path = "source", out: str | Path = "build") -> BuildReport:
    """Build the whole edition from ``source`` into ``out``; never raises for one bad document."""
    source, out = Path(source), Path(out)
    if not source.is_dir():
        raise UsageError(f"source folder not found: {source}")
    sources = Sources.load(source)
    meta = sources.meta
    if out.is_dir():
        remove_stale_temporaries(out)
    report = BuildReport()
    schemas: list[Schema] = [our_schema()]
    tei_all = find_tei_all(meta.tei_all)
    if tei_all:
        schemas.append(load_schema(tei_all))
    else:
        report.warnings.append(
            f"tei_all not found (set {TEI_ALL_ENV} or tei-all in edition.toml): "
            "documents were checked against schema/ only"
        )
    report.schemas = [s.name for s in schemas]

    built: dict[str, etree._ElementTree] = {}
    texts = sorted(source.glob("*.txt"))
    if not texts:
        raise UsageError(f"no transcriptions (*.txt) in {source}")
    for path in texts:
        name = path.stem
        try:
            notes: list[Issue] = []
            tree = convert(path, sources, issues=notes)
            report.warnings.extend(n.render() for n in notes)
            point_to_transcription(tree, os.path.relpath(path.resolve(), (out / "tei").resolve()))
            problems: list[Issue] = [
                issue for schema in schemas for issue in schema.iter_issues(tree, f"{name}.xml")
            ]
            if problems:
                report.failed[str(path)] = [p.render() for p in problems]
                continue
            outputs = {
                out / "tei" / f"{name}.xml": serialize(tree),
                out / "html" / f"{name}.html": transform(tree, "html"),
                out / "text" / f"{name}.txt": transform(tree, "text"),
            }
        except TeiEditionError as exc:
            report.failed[str(path)] = [exc.render()]
            continue
        for target, data in outputs.items():
            write_atomic(target, data)
        built[name] = tree
        report.built.append(str(path))
    register_path = sources.register.path
    has_register = False
    if register_path is not None and register_path.exists():
        register = parse(register_path)
        refused = [i.render() for schema in schemas
                   for i in schema.iter_issues(register, str(register_path))]
        if refused:
            report.failed[str(register_path)] = refused
        else:
            has_register = True
            write_atomic(out / "tei" / REGISTER_FILE, register_path.read_bytes())
            page = _register_page(meta, register, built)
            write_atomic(out / "html" / "register.html", transform(page, "register"))
    write_atomic(
        out / "html" / "index.html", transform(_index_listing(meta, built, has_register), "index")
    )
    # Integrity across what was written: pointers, ids, dates (schemas were checked above).
    if built:
        files = [out / "tei" / f"{n}.xml" for n in built]
        if (out / "tei" / REGISTER_FILE).exists():
            files.append(out / "tei" / REGISTER_FILE)
        checked = validate(files, schemas[:1])
        report.problems = [i.render() for i in checked.issues if i.is_error]
        report.warnings.extend(i.render() for i in checked.issues if not i.is_error)
    return report
