"""Streaming validation of large files against an XSD, in flat memory.

lxml validates against an XML Schema while ``iterparse`` reads, so a large valid
file is checked, integrity rules included, while each finished element is freed.
Anything unusual (a DOCTYPE, an XInclude, an invalid or malformed document) falls
back to the whole-tree path, which explains problems in full.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..xmlio import XI_NS
from .integrity import EG_NS, Collector

if TYPE_CHECKING:
    from . import FileResult
    from .schemas import XSDSchema

STREAM_THRESHOLD = 8 * 1024 * 1024
_INCLUDE = f"{{{XI_NS}}}include"
_EGXML = f"{{{EG_NS}}}egXML"


def stream_check(path: Path, schema: XSDSchema, rules: bool) -> FileResult | None:
    """Check a large file streaming; None when the whole-tree path must take over."""
    from . import FileResult

    with path.open("rb") as handle:
        if b"<!DOCTYPE" in handle.read(8192):
            return None
    collector = Collector(str(path), paths=False)
    # egXML content is an example, not the document: the rules skip it. Its elements can
    # only come after a declaration of the Examples namespace, so ancestors are looked
    # at only once one has been seen ("start-ns"), and documents without examples pay
    # nothing.
    examples = False
    try:
        context = etree.iterparse(
            str(path), events=("end", "start-ns"), schema=schema.lxml,
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        )
        for event, el in context:
            if event == "start-ns":
                examples = examples or el[1] == EG_NS
                continue
            if el.tag == _INCLUDE:
                return None
            if rules and not (examples and any(True for _ in el.iterancestors(_EGXML))):
                collector.visit(el)
            el.clear(keep_tail=True)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:  # finished siblings: free them
                    del parent[0]
        docinfo = context.root.getroottree().docinfo
    except etree.XMLSyntaxError:
        return None  # invalid or malformed: the whole-tree path reports it properly
    if docinfo is None or docinfo.internalDTD is not None or docinfo.system_url:
        return None  # a DOCTYPE after all: the whole-tree path refuses or reports it
    issues, facts = collector.finish() if rules else ([], None)
    return FileResult(str(path), issues, facts)
