"""Which schema a document is checked against when no ``--schema`` is given.

The field's tools (oXygen, Jing users, TEI Publisher) follow the document: its own
``<?xml-model?>`` processing instructions (W3C "Associating Schemas with XML
documents"). tei-edition does the same, in this order, per file:

1. an ``xml-model`` naming a RELAX NG (XML syntax) or XSD grammar that resolves to a
   *local* file: a relative path or ``file:`` URL against the document's location, or
   an http(s) URL mapped to a file by an OASIS XML catalog (``--catalog``,
   ``$XML_CATALOG_FILES``). A URL no catalog maps is never fetched;
2. ``schema/tei-edition.xsd`` for documents tei-edition made (their
   ``appInfo/application[@ident='tei-edition']`` says so);
3. the official ``tei_all`` when configured (``$TEI_EDITION_TEI_ALL``, or ``tei-all`` in
   an ``edition.toml`` beside or above the file, or in ``source/`` of the cwd);
4. otherwise a usage error that says what to do.

The association is read from the parsed tree (:meth:`Chooser.for_tree`), so each
file is parsed once; a file large enough to be streamed is scanned first, reading only
the prolog and the ``teiHeader`` (:meth:`Chooser.for_file`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from ..errors import UsageError, XMLInputError
from ..xmlio import TEI_NS, parse
from .schemas import OUR_XSD, RNG_NS, TEI_ALL_ENV, XSD_NS, find_tei_all

CATALOG_ENV = "XML_CATALOG_FILES"
CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
SCHEMATRON_NS = ("http://purl.oclc.org/dsdl/schematron", "http://www.ascc.net/xml/schematron")
TEI_ALL_URL = "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# What encode.py writes in the teiHeader of every document it makes.
_OURS = "/".join(f"{{{TEI_NS}}}{step}" for step in ("encodingDesc", "appInfo", "application"))
_OURS += "[@ident='tei-edition']"
_HEADER = f"{{{TEI_NS}}}teiHeader"

# How a file's schemas were chosen (the ``by`` of a Choice).
BY_OPTION = "--schema"
BY_XML_MODEL = "xml-model"
BY_TEI_EDITION = "tei-edition"
BY_TEI_ALL = "tei_all"
BY_UNREADABLE = "unreadable"
"""The file cannot be read: check_file reports why, no schema is needed."""
BY_NOTHING = "nothing"
"""Nothing associates a schema: a usage error (``validate`` raises it, naming the files)."""


@dataclass(frozen=True)
class Choice:
    """The schemas one file is checked against, how they were chosen, and why an
    association the document names was passed over (``notes``)."""

    schemas: tuple[str, ...]
    by: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Association:
    """What a document's prolog and header say about its schema."""

    models: tuple[dict[str, str], ...] = ()
    """Pseudo-attributes of each ``<?xml-model?>`` before the root element."""
    ours: bool = False
    """Made by tei-edition."""


# -- OASIS XML catalogs ---------------------------------------------------------------


@dataclass
class Catalog:
    """The entries of OASIS XML catalogs that map URIs to files: ``uri``, ``system``,
    ``rewriteURI``, ``rewriteSystem``, and ``nextCatalog`` (read when first needed)."""

    exact: dict[str, str] = field(default_factory=dict)
    rewrites: list[tuple[str, str]] = field(default_factory=list)
    following: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    """Catalog files already read on this chain, against nextCatalog loops."""
    _next: list[Catalog] | None = None

    @classmethod
    def load(cls, location: str, seen: set[str] | None = None) -> Catalog:
        """Read one catalog file (a path or ``file:`` URL); raise UsageError if unusable."""
        # Only local catalogs: an http(s) location is "not found", never fetched.
        path = _local_path(location) if location.startswith("file:") else Path(location)
        if path is None or not path.is_file():
            raise UsageError(f"catalog not found: {location}")
        try:
            tree = parse(path)
        except XMLInputError as exc:
            raise UsageError(f"cannot read catalog {path}: {exc.message}") from None
        root = tree.getroot()
        if root.tag != f"{{{CATALOG_NS}}}catalog":
            raise UsageError(f"{path} is not an OASIS XML catalog (root <catalog> in {CATALOG_NS})")
        file_uri = path.resolve().as_uri()
        catalog = cls(seen=(seen or set()) | {file_uri})
        for el in root.iter(f"{{{CATALOG_NS}}}*"):
            base = _base(el, file_uri)
            local = etree.QName(el).localname
            if local in ("uri", "system"):
                key = el.get("name" if local == "uri" else "systemId")
                if key and el.get("uri") and key not in catalog.exact:  # first entry wins
                    catalog.exact[key] = urljoin(base, el.get("uri", ""))
            elif local in ("rewriteURI", "rewriteSystem"):
                start = el.get("uriStartString" if local == "rewriteURI"
                               else "systemIdStartString")
                if start and el.get("rewritePrefix") is not None:
                    catalog.rewrites.append((start, urljoin(base, el.get("rewritePrefix", ""))))
            elif local == "nextCatalog" and el.get("catalog"):
                catalog.following.append(urljoin(base, el.get("catalog", "")))
        # The longest matching start string wins (OASIS catalogs 7.2.2).
        catalog.rewrites.sort(key=lambda pair: -len(pair[0]))
        return catalog

    def resolve(self, uri: str) -> str | None:
        """The URI ``uri`` maps to, or None when no entry maps it."""
        if uri in self.exact:
            return self.exact[uri]
        for start, prefix in self.rewrites:
            if uri.startswith(start):
                return prefix + uri[len(start):]
        if self._next is None:
            # Missing or broken next catalogs are skipped, as libxml2 does.
            self._next = []
            for location in self.following:
                if location in self.seen:
                    continue
                try:
                    self._next.append(Catalog.load(location, self.seen))
                except UsageError:
                    continue
        for catalog in self._next:
            found = catalog.resolve(uri)
            if found is not None:
                return found
        return None


class Catalogs:
    """Catalogs consulted in order: those given explicitly, then ``$XML_CATALOG_FILES``."""

    def __init__(self, given: Iterable[str | Path] = ()) -> None:
        self.catalogs = [Catalog.load(str(c)) for c in given]
        for location in os.environ.get(CATALOG_ENV, "").split():
            try:  # libxml2 skips a catalog it cannot read: so do we
                self.catalogs.append(Catalog.load(location))
            except UsageError:
                continue

    def resolve(self, uri: str) -> str | None:
        for catalog in self.catalogs:
            found = catalog.resolve(uri)
            if found is not None:
                return found
        return None


def _base(el: etree._Element, file_uri: str) -> str:
    bases = [a.get(_XML_BASE) for a in (el, *el.iterancestors()) if a.get(_XML_BASE)]
    base = file_uri
    for part in reversed(bases):
        base = urljoin(base, part)
    return base


def _local_path(uri: str) -> Path | None:
    """The file a ``file:`` URI names; None for any other scheme (never fetched)."""
    parts = urlsplit(uri)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parts.path))


# -- reading what a document says ---------------------------------------------------


def _models(root: etree._Element) -> tuple[dict[str, str], ...]:
    """Pseudo-attributes of the xml-model PIs before the root element, in order."""
    return tuple(dict(pi.attrib) for pi in reversed(list(root.itersiblings(preceding=True)))
                 if isinstance(pi, etree._ProcessingInstruction) and pi.target == "xml-model")


def _scan_tree(tree: etree._ElementTree) -> _Association:
    root = tree.getroot()
    header = root.find(_HEADER)
    return _Association(_models(root), header is not None and header.find(_OURS) is not None)


def _scan_file(path: Path) -> _Association | None:
    """The prolog's xml-model PIs and whether the header names tei-edition, reading no
    further than the first teiHeader. None if the file is unreadable."""
    try:
        # Opened here, so that stopping early closes it. The safe settings of xmlio's
        # parser: no entities, no DTD, no network. One event (the header's end) rather
        # than one per element: choosing costs a fraction of a parse.
        with path.open("rb") as handle:
            events = etree.iterparse(
                handle, events=("end",), tag=_HEADER, resolve_entities=False,
                load_dtd=False, no_network=True, huge_tree=False, remove_comments=True,
            )
            for _, header in events:
                root = header
                while root.getparent() is not None:
                    root = root.getparent()
                ours = header.getparent() is root and header.find(_OURS) is not None
                return _Association(_models(root), ours)
            # No teiHeader (a page fragment …): the whole file was read.
            return _Association(_models(events.root), False)
    except (etree.XMLSyntaxError, OSError):
        # e.g. a duplicate xml:id, which iterparse refuses and xmlio's parser accepts
        try:
            return _scan_tree(parse(path))
        except XMLInputError:
            return None  # check_file reports why


# -- choosing -----------------------------------------------------------------------


def _kind(model: dict[str, str]) -> str:
    """``rng``, ``xsd``, ``rnc``, ``schematron`` or ``unknown``."""
    ns = model.get("schematypens", "").strip()
    href = model.get("href", "").split("#")[0].lower()
    mime = model.get("type", "").strip().lower()
    if ns in SCHEMATRON_NS:
        return "schematron"
    if ns == RNG_NS:
        return "rnc" if href.endswith(".rnc") or "compact" in mime else "rng"
    if ns == XSD_NS:
        return "xsd"
    if ns:
        return "unknown"
    if "relax-ng-compact" in mime or href.endswith(".rnc"):
        return "rnc"
    for suffix, kind in ((".rng", "rng"), (".xsd", "xsd"), (".sch", "schematron")):
        if href.endswith(suffix):
            return kind
    return "unknown"


class Chooser:
    """Chooses schemas per document; catalogs and tei_all look-ups are read once."""

    def __init__(self, catalogs: Iterable[str | Path] = (), cwd: Path | None = None) -> None:
        self.catalogs = Catalogs(catalogs)
        self.cwd = cwd or Path.cwd()
        self._tei_all: dict[Path, tuple[str | None, str | None]] = {}

    def for_file(self, path: str | Path) -> Choice:
        path = Path(path)
        found = _scan_file(path) if path.is_file() else None
        if found is None:
            return Choice((), BY_UNREADABLE)
        return self._choose(found, path, path.parent)

    def for_tree(self, tree: etree._ElementTree, name: str | None = None) -> Choice:
        url = tree.docinfo.URL or name
        base = Path(unquote(urlsplit(url).path)) if url and url.startswith("file:") \
            else Path(url) if url and not url.startswith("<") else None
        return self._choose(_scan_tree(tree), base, base.parent if base else self.cwd)

    def _choose(self, found: _Association, doc: Path | None, folder: Path) -> Choice:
        notes: list[str] = []
        chosen: list[str] = []
        grammars = 0
        doc_uri = ""
        for model in found.models:
            # Resolving the path costs a system call per folder level: only when needed.
            doc_uri = doc_uri or (doc.resolve().as_uri() if doc
                                  else self.cwd.resolve().as_uri() + "/")
            href = model.get("href", "").strip()
            kind = _kind(model)
            if not href or kind == "schematron":
                continue
            grammars += 1
            if kind == "rnc":
                notes.append(f"xml-model {href} is RELAX NG compact syntax, which libxml2 "
                             "cannot read (trang converts it to .rng)")
                continue
            if kind == "unknown":
                notes.append(f"xml-model {href} names neither RELAX NG nor XSD")
                continue
            local, why = self._resolve(href, doc_uri)
            if local is None:
                notes.append(why)
            elif str(local) not in chosen:
                chosen.append(str(local))
        if chosen:
            return Choice(tuple(chosen), BY_XML_MODEL, tuple(notes))
        if found.models and not grammars:
            notes.append("its xml-model names Schematron only, which tei-edition does not run")
        if found.ours:
            return Choice((str(OUR_XSD),), BY_TEI_EDITION, tuple(notes))
        tei_all, why = self._tei_all_for(folder.resolve())
        if why:
            notes.append(why)
        if tei_all:
            return Choice((tei_all,), BY_TEI_ALL, tuple(notes))
        return Choice((), BY_NOTHING, tuple(notes))

    def _resolve(self, href: str, doc_uri: str) -> tuple[Path | None, str]:
        """A local file for an xml-model href, or None and why not."""
        absolute = urljoin(doc_uri, href)
        mapped = self.catalogs.resolve(absolute) or (
            self.catalogs.resolve(href) if href != absolute else None)
        target = mapped or absolute
        local = _local_path(target)
        if local is None:
            if mapped:
                return None, (f"xml-model {href}: the catalog maps it to {mapped}, "
                              "a URL, which is not fetched")
            return None, (f"xml-model {href} not fetched: tei-edition never uses the network "
                          f"and no catalog maps it (--catalog FILE or ${CATALOG_ENV})")
        if not local.is_file():
            return None, f"xml-model {href}: no such file {local}"
        return local.resolve(), ""

    def _tei_all_for(self, folder: Path) -> tuple[str | None, str | None]:
        """tei_all for files in ``folder`` (cached per folder), and a note when an
        edition.toml names one that does not exist."""
        if folder not in self._tei_all:
            from ..metadata import METADATA_FILE, load

            # The nearest edition.toml beside or above the file, then source/ of the cwd.
            candidates = [d / METADATA_FILE for d in (folder, *folder.parents)]
            candidates.append(self.cwd / "source" / METADATA_FILE)
            configured: Path | None = None
            for candidate in candidates:
                if candidate.is_file():
                    configured = load(candidate).tei_all
                    if configured is not None:
                        break
            found = find_tei_all(configured)
            why = (f"tei-all in edition.toml names {configured}, which does not exist"
                   if found is None and configured is not None else None)
            self._tei_all[folder] = (str(found.resolve()) if found else None, why)
        return self._tei_all[folder]



def no_schema_message(files: Sequence[str], notes: Sequence[str] = ()) -> str:
    named = files[0] if len(files) == 1 else (
        f"{len(files)} files ({', '.join(files[:3])}{', …' if len(files) > 3 else ''})")
    why = f" ({'; '.join(notes)})" if notes else ""
    return (f"no schema for {named}: no usable <?xml-model?>{why}, not made by tei-edition, "
            f"and tei_all is not configured. Give --schema FILE, add <?xml-model href=\"…\"?> "
            f"to the document, or set {TEI_ALL_ENV} to tei_all.rng (published with each TEI "
            f"P5 release at {TEI_ALL_URL})")
