"""Reading and writing XML safely: one parser, one writer.

Every place tei-edition reads XML goes through :func:`parse`, whose parser never
resolves entities, never loads a DTD and never touches the network; documents
that declare entities or point at an external DTD are refused outright rather
than half-trusted. Every file tei-edition writes goes through :func:`write_atomic`,
so an interrupted run leaves either the old file or the new one, never a torso.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from lxml import etree

from .errors import XMLInputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XI_NS = "http://www.w3.org/2001/XInclude"
NSMAP = {"tei": TEI_NS, "xi": XI_NS}
# Where a converted document names the transcription it was made from (encode.py).
TRANSCRIPTION_REF = (
    "tei:teiHeader/tei:encodingDesc/tei:appInfo/tei:application/tei:ref[@type='transcription']"
)


def make_parser(*, collect_ids: bool = True) -> etree.XMLParser:
    """The one parser configuration tei-edition uses for untrusted XML."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,  # keeps libxml2's limits on depth, text size and amplification
        remove_blank_text=False,
        collect_ids=collect_ids,
    )


_PARSER = make_parser()
# A second parser for documents with duplicate xml:ids: libxml2 refuses them
# when it collects ids, but they should be reported by the validator, not crash it.
_LENIENT_IDS_PARSER = make_parser(collect_ids=False)


_ENTITIES_REFUSED = (
    "the document declares entities in its DOCTYPE; entity declarations are refused for safety "
    "(XXE, entity expansion). Replace the entities by their characters."
)
_EXTERNAL_DTD_REFUSED = (
    "the document points at an external DTD; external DTDs are never loaded. Remove the "
    "DOCTYPE: TEI P5 needs none."
)


def _refuse_hostile(tree: etree._ElementTree, name: str) -> None:
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise XMLInputError(
            _ENTITIES_REFUSED,
            name,
            1,
        )
    if docinfo.system_url or docinfo.public_id:
        raise XMLInputError(
            f"{_EXTERNAL_DTD_REFUSED} ({docinfo.system_url or docinfo.public_id})",
            name,
            1,
        )


_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*(\[.*?\]\s*)?>", re.S)


def _refuse_hostile_prolog(data: bytes, name: str) -> None:
    """Refuse entity declarations and external DTDs before libxml2 sees them."""
    head = data[: 1 << 20]
    if b"<!DOCTYPE" not in head:
        return
    m = _DOCTYPE.search(head)
    decl = m.group() if m else head[head.index(b"<!DOCTYPE"):]
    line = data.count(b"\n", 0, head.index(b"<!DOCTYPE")) + 1
    if b"<!ENTITY" in decl:
        raise XMLInputError(
            _ENTITIES_REFUSED,
            name, line,
        )
    internal = m.group(1) if m and m.group(1) else b""
    if re.search(rb"\b(SYSTEM|PUBLIC)\b", decl.replace(internal, b"")):
        raise XMLInputError(
            _EXTERNAL_DTD_REFUSED,
            name, line,
        )


def parse_bytes(data: bytes, name: str = "<string>") -> etree._ElementTree:
    """Parse XML bytes with the safe parser; raise :class:`XMLInputError` on any problem."""
    _refuse_hostile_prolog(data, name)
    for parser in (_PARSER, _LENIENT_IDS_PARSER):
        try:
            root = etree.fromstring(data, parser, base_url=name if name != "<string>" else None)
        except etree.XMLSyntaxError as exc:
            if parser is _PARSER and "already defined" in str(exc):
                continue
            line, col = exc.position if exc.position else (None, None)
            raise XMLInputError(_syntax_message(exc), name, line, col) from None
        tree = root.getroottree()
        _refuse_hostile(tree, name)
        return tree
    raise AssertionError("unreachable")


def parse(path: str | Path) -> etree._ElementTree:
    """Parse an XML file with the safe parser; raise :class:`XMLInputError` on any problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise XMLInputError(f"cannot read the file: {exc.strerror}", path) from None
    return parse_bytes(data, str(path))


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    msg = exc.msg or str(exc)
    # libxml2 appends ", line N, column M" which we already print as a location.
    head, sep, _ = msg.rpartition(", line ")
    msg = head if sep else msg
    if "Entity" in msg or "entity" in msg:
        msg += " (entities are not resolved: replace them by their characters)"
    return "not well-formed XML: " + msg


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        # Created inside the try, so an interrupt at any point removes it again.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        # Also on KeyboardInterrupt: never leave the temporary file behind.
        tmp.unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files an earlier, killed run left behind (``.NAME.xxxx.tmp``)."""
    for stale in folder.rglob(".*.tmp"):
        stale.unlink(missing_ok=True)


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """Serialise a TEI tree the one canonical way: UTF-8, XML declaration, final newline."""
    # lxml writes the declaration with single quotes; write the usual form ourselves.
    body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


_PREFIXES = {TEI_NS: "tei", XI_NS: "xi"}


def element_xpath(el: etree._Element) -> str:
    """A readable XPath for ``el``: ``/tei:TEI/tei:text/tei:body/tei:div/tei:p[6]/tei:q[1]``.

    TEI and XInclude elements use the ``tei:``/``xi:`` prefixes of :data:`NSMAP`; other
    namespaces fall back to ``*[n]``, so the path always resolves with that map.
    """
    steps = []
    while el is not None and isinstance(el.tag, str):
        qname = etree.QName(el)
        parent = el.getparent()
        prefix = _PREFIXES.get(qname.namespace or "")
        if qname.namespace and prefix is None:
            name, same = "*", [c for c in (parent if parent is not None else [el])
                               if isinstance(c.tag, str)]
        else:
            name = f"{prefix}:{qname.localname}" if prefix else qname.localname
            same = [el] if parent is None else [c for c in parent if c.tag == el.tag]
        steps.append(f"{name}[{same.index(el) + 1}]" if len(same) > 1 else name)
        el = parent
    return "/" + "/".join(reversed(steps))


def readable_xpath(tree: etree._ElementTree, path: str) -> str:
    """Turn a positional path from libxml2 (``/*/*[2]/*[1]``) into :func:`element_xpath`."""
    try:
        found = tree.xpath(path, namespaces=NSMAP)
    except etree.XPathError:
        return path
    if found and isinstance(found[0], etree._Element):
        return element_xpath(found[0])
    return path
