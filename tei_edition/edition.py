"""Build orchestration: ``source/`` → ``build/{tei,html,text}``.

Each document is converted, validated against our schema and, when it can be
found, the official ``tei_all``; a document that fails is reported and nothing is
written for it, and the others are still built.
"""

from __future__ import annotations

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
from .validate.schemas import TEI_ALL_ENV
from .xmlio import TEI_NS, parse, serialize, write_atomic


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


def find_tei_all(meta: metadata.EditionMeta) -> Path | None:
    """The official tei_all schema: ``$TEI_EDITION_TEI_ALL``, else ``tei-all`` in edition.toml."""
    env = os.environ.get(TEI_ALL_ENV)
    if env:
        if not Path(env).is_file():
            raise UsageError(f"{TEI_ALL_ENV}={env} is not a file")
        return Path(env)
    if meta.tei_all and meta.tei_all.is_file():
        return meta.tei_all
    return None


def _index_listing(
    meta: metadata.EditionMeta, trees: dict[str, etree._ElementTree]
) -> etree._ElementTree:
    ns = {"t": TEI_NS}
    root = etree.Element(
        "edition", title=meta.title, publisher=meta.publisher, licence=meta.licence or ""
    )
    for name, tree in trees.items():
        doc = etree.SubElement(root, "doc", href=f"{name}.html")
        doc.text = tree.findtext(".//t:titleStmt/t:title[@type='main']", namespaces=ns) or name
        date = tree.find(".//t:profileDesc/t:creation/t:date", ns)
        if date is not None:
            doc.set("when", date.get("when", ""))
            doc.set("date", date.text or "")
        author = tree.findtext(".//t:titleStmt/t:author", namespaces=ns)
        if author:
            doc.set("author", " ".join(author.split()))
    return root.getroottree()


def build(source: str | Path = "source", out: str | Path = "build") -> BuildReport:
    """Build the whole edition from ``source`` into ``out``; never raises for one bad document."""
    source, out = Path(source), Path(out)
    if not source.is_dir():
        raise UsageError(f"source folder not found: {source}")
    sources = Sources.load(source)
    meta = sources.meta
    report = BuildReport()
    schemas: list[Schema] = [our_schema()]
    tei_all = find_tei_all(meta)
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
    register = sources.register
    if register.path is not None and register.path.exists():
        problems = [i.render() for i in our_schema().iter_issues(parse(register.path),
                                                                 str(register.path))]
        if problems:
            report.failed[str(register.path)] = problems
        else:
            write_atomic(out / "tei" / REGISTER_FILE, register.path.read_bytes())
    write_atomic(out / "html" / "index.html", transform(_index_listing(meta, built), "index"))
    # Integrity across what was written: pointers, ids, dates (schemas were checked above).
    if built:
        files = [out / "tei" / f"{n}.xml" for n in built]
        if (out / "tei" / REGISTER_FILE).exists():
            files.append(out / "tei" / REGISTER_FILE)
        checked = validate(files, schemas[:1])
        report.problems = [i.render() for i in checked.issues if i.is_error]
        report.warnings.extend(i.render() for i in checked.issues if not i.is_error)
    return report
