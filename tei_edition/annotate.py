"""Enrich the encoded TEI: names linked to the register, dates, quotations, labels.

Every annotator works on text nodes one at a time, so nothing is tagged across an
element boundary, and skips text already inside a name, a date, a label or an
original reading (``sic``/``orig``), so nothing is tagged twice. What cannot be
normalised is still tagged and reported as a warning :class:`~tei_edition.issues.Issue`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from lxml import etree

from .dates import find_dates
from .encode import tei
from .issues import Issue
from .register import KINDS, Register
from .xmlio import NSMAP, TEI_NS

NAME_TAGS = frozenset(KINDS.values()) | {"name"}
# Text inside these is never annotated: it is already a name or date, a label, a
# heading of the transcription, or the reading as printed.
SKIP = NAME_TAGS | {"date", "docDate", "label", "titlePart", "sic", "orig", "q-open"}

# (opening, closing) quotation marks; a closing mark followed by a letter is an apostrophe.
QUOTES = (("‘", "’"), ("“", "”"))

Slot = tuple[etree._Element, bool]
"""A text node: (element, False) for element.text, (element, True) for element.tail."""


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def text_slots(root: etree._Element, skip: frozenset[str] | set[str] = SKIP) -> list[Slot]:
    """The text nodes under ``root`` that annotators may touch, in document order."""
    slots: list[Slot] = []

    def walk(el: etree._Element, skipped: bool) -> None:
        inside = skipped or _local(el) in skip
        if el.text and not inside:
            slots.append((el, False))
        for child in el:
            if isinstance(child.tag, str):
                walk(child, inside)
            if child.tail and not inside:
                slots.append((child, True))

    walk(root, False)
    return slots


def slot_text(slot: Slot) -> str:
    el, is_tail = slot
    return (el.tail if is_tail else el.text) or ""


def wrap(slot: Slot, pieces: list[tuple[int, int, Callable[[str], etree._Element]]]) -> None:
    """Replace spans of a text node by elements; ``pieces`` are sorted, non-overlapping."""
    if not pieces:
        return
    el, is_tail = slot
    text = slot_text(slot)
    if is_tail:
        el.tail = text[: pieces[0][0]]
    else:
        el.text = text[: pieces[0][0]]
    # Each new element goes right after the previous one (addnext keeps the tails where
    # they belong): no index() or insert(i), which walk the siblings, per piece.
    previous: etree._Element | None = el if is_tail else None
    for i, (start, end, make) in enumerate(pieces):
        new = make(text[start:end])
        following = pieces[i + 1][0] if i + 1 < len(pieces) else len(text)
        new.tail = text[end:following] or None
        if previous is None:
            el.insert(0, new)
        else:
            previous.addnext(new)
        previous = new


def _where(slot: Slot) -> int | None:
    el, is_tail = slot
    return el.sourceline if not is_tail else el.getparent().sourceline


# -- quotations --------------------------------------------------------------------


_CLOSING = {closing: re.compile(re.escape(closing) + r"(?!\w)") for _, closing in QUOTES}


def _quote_spans(text: str) -> Iterator[tuple[int, int, str, str]]:
    """Each opening mark and the first closing mark after it (-1: none); the search goes
    on after that closing mark, so every character is read once per kind of mark."""
    for opening, closing in QUOTES:
        close = _CLOSING[closing]
        pos = 0
        while (start := text.find(opening, pos)) >= 0:
            m = close.search(text, start + 1)
            if not m:
                yield start, -1, opening, closing
                break
            yield start, m.end(), opening, closing
            pos = m.end()


def tag_quotations(text_el: etree._Element, report: Callable[[str], None]) -> None:
    """‘…’ and “…” within one text node become ``q`` with the marks in ``@rend``.

    The marks are removed from the text and recorded as ``rend="pre(‘) post(’)"``, the
    convention of the TEI Stylesheets (TEI Guidelines 3.3.3 on quotation marks).
    """
    for slot in text_slots(text_el):
        text = slot_text(slot)
        pieces = []
        for start, end, opening, closing in sorted(_quote_spans(text)):
            if end < 0:
                report(f"opening quotation mark {opening} without its closing {closing} in "
                       f"the same stretch of text: {text[start:start + 40]!r}; left untagged")
                continue
            if pieces and start < pieces[-1][1]:
                continue  # nested marks of the other kind stay as text inside the outer q

            def make(span: str, o: str = opening, c: str = closing) -> etree._Element:
                return tei("q", {"rend": f"pre({o}) post({c})"}, span[len(o) : -len(c)])

            pieces.append((start, end, make))
        wrap(slot, pieces)


# -- names and dates ---------------------------------------------------------------


def link_names(root: etree._Element, register: Register) -> None:
    """Give existing name elements (author, transcriber, …) the ``@ref`` of their entry."""
    matcher = register.matcher()
    for el in root.iter(*(f"{{{TEI_NS}}}{tag}" for tag in KINDS.values())):
        if el.get("ref") is None:
            entry = matcher.entry("".join(el.itertext()))
            if entry is not None and entry.tag == _local(el):
                el.set("ref", register.ref(entry))


def tag_names(text_el: etree._Element, register: Register) -> None:
    """Tag every register name in running text as persName/placeName/orgName with @ref."""
    matcher = register.matcher()
    for slot in text_slots(text_el):
        pieces = [
            (m.start, m.end,
             lambda span, e=m.entry: tei(e.tag, {"ref": register.ref(e)}, span))
            for m in matcher.find(slot_text(slot))
        ]
        wrap(slot, pieces)


def tag_dates(text_el: etree._Element, report: Callable[[str], None]) -> None:
    """Tag every date expression as ``date`` with its ISO 8601 attributes."""
    for slot in text_slots(text_el):
        pieces = []
        for match in find_dates(slot_text(slot)):
            if match.attrs is None:
                report(f"date {match.text!r} names no real date or range; tagged without "
                       "normalisation — check it and correct the text or add the date by hand")
            pieces.append((match.start, match.end,
                           lambda span, a=match.attrs: tei("date", a or {}, span)))
        wrap(slot, pieces)


# -- paragraph labels --------------------------------------------------------------


_NUMBER = re.compile(r"\d+")


def _label_style(label: str) -> str:
    return _NUMBER.sub("#", label)


def regularise_labels(text_el: etree._Element) -> None:
    """Labels written unlike most of the document's are regularised with orig/reg.

    ``5)`` among ``(1)``…``(6)`` becomes ``<choice><orig>5)</orig><reg>(5)</reg></choice>``
    (TEI Guidelines 3.5.2): the source keeps its slip, readers see the series.
    """
    # Paragraph labels only: a postscript's "P.S." is no number in a series.
    labels = [el for el in text_el.iterfind(".//tei:body//tei:div/tei:p/tei:label", NSMAP)
              if len(el) == 0 and el.text and _NUMBER.search(el.text)]
    styles = Counter(_label_style(el.text) for el in labels)
    if len(styles) < 2:
        return
    norm, count = styles.most_common(1)[0]
    if count * 2 <= len(labels):
        return  # no style is the rule: leave them all as written
    for el in labels:
        if _label_style(el.text) != norm:
            digits = _NUMBER.search(el.text).group()  # type: ignore[union-attr]
            orig = el.text
            el.text = None
            el.append(tei("choice", None, tei("orig", None, orig),
                          tei("reg", None, norm.replace("#", digits))))


def annotate(tree: etree._ElementTree, register: Register, name: str) -> list[Issue]:
    """Run every annotator over a document's ``text``; return the warnings."""
    issues: list[Issue] = []
    text_el = tree.getroot().find("tei:text", NSMAP)

    def report(message: str) -> None:
        issues.append(Issue(name, None, None, "warning", "annotate", message))

    regularise_labels(text_el)
    tag_quotations(text_el, report)
    link_names(tree.getroot(), register)
    tag_names(text_el, register)
    tag_dates(text_el, report)
    return issues
