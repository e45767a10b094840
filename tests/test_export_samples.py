"""Every exporter over every real TEI file in ../shared/tei-samples/valid/: no crash,
no text lost, well-formed HTML.

"No text lost": the characters (whitespace aside) of what the export is meant to show
of <text>, in document order, are a subsequence of the export's characters; each note's
text is too (notes move to the end); editorial signs, markers and headers may be added.
Hidden on purpose: the header, facsimiles, the source reading of a choice that has an
editorial one, and, in text and Markdown, deletions and the readings beside an app's
base text (those go to the apparatus).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree, html

from tei_edition.export import render, stylesheet

from .html_checks import internal_links_resolve, network_loads

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "tei-samples" / "valid"
FILES = sorted(SAMPLES.glob("*.xml")) if SAMPLES.is_dir() else []
T = "{http://www.tei-c.org/ns/1.0}"
XI = "{http://www.w3.org/2001/XInclude}"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         collect_ids=False)
PREFERRED = {T + "corr", T + "reg", T + "expan"}


def hidden(el: etree._Element, fmt: str) -> bool:
    if el.tag in (T + "teiHeader", T + "facsimile", XI + "include", T + "note", T + "gap"):
        return True
    parent = el.getparent()
    if parent is None:
        return False
    if parent.tag == T + "choice":
        shown = next((c for c in parent if c.tag in PREFERRED), parent[0])
        return el is not shown
    if fmt != "html":
        if el.tag == T + "del":
            return True
        if parent.tag == T + "app" and el.tag in (T + "rdg", T + "rdgGrp"):
            return parent.find(T + "lem") is not None or parent.find(T + "rdg") is not el
    return False


def chars(el: etree._Element, fmt: str, out: list[str]) -> None:
    if hidden(el, fmt):
        return
    out.append(el.text or "")
    for child in el:
        if isinstance(child.tag, str):
            chars(child, fmt, out)
        out.append(child.tail or "")


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def is_subsequence(needle: str, hay: str) -> int:
    """-1 if needle is a subsequence of hay, else how many characters of it matched."""
    it = iter(hay)
    for i, ch in enumerate(needle):
        if not any(ch == h for h in it):
            return i
    return -1


def exported_text(data: bytes, fmt: str) -> str:
    if fmt == "html":
        return html.document_fromstring(data).text_content()
    return data.decode("utf-8")


def shape(el: etree._Element) -> list[tuple[str, int]]:
    return [(e.tag, len(list(e.iterancestors()))) for e in el.iter() if isinstance(e.tag, str)]


@pytest.mark.parametrize("fmt", ["html", "text", "markdown"])
@pytest.mark.parametrize("path", FILES or [pytest.param(None, marks=pytest.mark.skip(
    reason=f"{SAMPLES} is absent"))], ids=lambda p: p.stem if p else "absent")
def test_sample_exports_whole(path: Path, fmt: str) -> None:
    tree = etree.parse(str(path), PARSER)
    data = render(tree, fmt, source=str(path))
    got = squeeze(exported_text(data, fmt))
    text_el = tree.getroot().find(T + "text")
    parts: list[str] = []
    chars(text_el if text_el is not None else tree.getroot(), fmt, parts)
    body = squeeze("".join(parts))
    matched = is_subsequence(body, got)
    assert matched == -1, f"{fmt} lost text near {body[max(0, matched - 40):matched + 40]!r}"
    for note in tree.getroot().iter(T + "note"):
        if any(a.tag in (T + "teiHeader", T + "facsimile") for a in note.iterancestors()):
            continue
        parts = [note.text or ""]
        for child in note:
            if isinstance(child.tag, str):
                chars(child, fmt, parts)
            parts.append(child.tail or "")
        assert is_subsequence(squeeze("".join(parts)), got) == -1, "a note was lost"
    if fmt == "html":
        doc = html.document_fromstring(data)
        # well-formed: what the stylesheet built is what a browser's parser reads
        built = stylesheet("html")(tree).getroot()
        assert shape(doc) == shape(built), "HTML restructured by the parser (e.g. div in p)"
        assert internal_links_resolve(doc) == [] and network_loads(doc) == []
        ids = doc.xpath("//@id")
        assert len(ids) == len(set(ids))
