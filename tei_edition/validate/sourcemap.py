"""Map problems in converted documents back to the transcription they came from.

``convert`` records the transcription in ``appInfo/application/ref[@type='transcription']``
(relative to the TEI file). An issue inside a paragraph, an endnote or a header line
of such a document is annotated with ``source/NAME.txt:LINE``.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import TeiEditionError
from ..issues import Issue
from ..xmlio import NSMAP, TEI_NS, TRANSCRIPTION_REF, PathIndex


def _block_lines(tree: etree._ElementTree, transcription: Path) -> dict[str, int]:
    """Element (by its XPath) → first line of its block in the transcription."""
    from ..transcription import read  # local: the validator does not need the parser otherwise

    doc = read(transcription)
    text = tree.getroot().find("tei:text", NSMAP)
    lines: dict[str, int] = {}
    key = tree.getpath
    if text is None:
        return lines
    for el, block in zip(text.iterfind(".//tei:titlePart", NSMAP), doc.headings, strict=False):
        lines[key(el)] = block.line
    for el in text.iterfind(".//tei:docDate", NSMAP):
        lines[key(el)] = doc.date.line
    for el, credit in zip(text.iterfind(".//tei:byline", NSMAP), doc.credits, strict=False):
        lines[key(el)] = credit.block.line
    paragraphs = [p for p in text.iterfind("tei:body/tei:div/tei:p", NSMAP)]
    for el, block in zip(paragraphs, doc.paragraphs, strict=False):
        lines[key(el)] = block.line
    for el in text.iter(f"{{{TEI_NS}}}note"):
        note = doc.notes.get(int(el.get("n", "0"))) if (el.get("n") or "").isdigit() else None
        if note is not None:
            lines[key(el)] = note.line
    return lines


def locate_in_transcription(tree: etree._ElementTree, name: str,
                            issues: list[Issue]) -> list[Issue]:
    ptr = tree.getroot().find(TRANSCRIPTION_REF, NSMAP)
    if ptr is None or not ptr.get("target"):
        return issues
    transcription = Path(name).parent / ptr.get("target")
    # The document is untrusted: its pointer may name /dev/zero or ~/.ssh/id_rsa. Only a
    # regular file in the document's own folder tree is read.
    folder = Path(name).parent.resolve()
    if not transcription.resolve().is_relative_to(folder) or not transcription.is_file():
        return issues
    try:
        lines = _block_lines(tree, transcription)
    except TeiEditionError:
        return issues
    out = []
    # Paths to elements, computed once: one positional XPath per issue costs the
    # element's siblings each time (quadratic for 20 000 problems in one div).
    xpath = PathIndex()
    at = {xpath(el): el for el in tree.iter() if isinstance(el.tag, str)}
    for issue in issues:
        line = None
        if issue.xpath:
            el = at.get(issue.xpath)
            while el is not None and line is None:
                line = lines.get(tree.getpath(el))
                el = el.getparent()
        if line is not None:
            issue = Issue(issue.file, issue.line, issue.col, issue.severity, issue.rule,
                          issue.message, issue.xpath, f"{transcription}:{line}")
        out.append(issue)
    return out

