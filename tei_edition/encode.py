"""Document model → canonical TEI P5 tree.

Encoding choices, with the TEI Guidelines sections that justify them:

- The transcription's own heading, date and credit lines are text of the digital
  document and are kept in ``front`` (4.6 Title Pages): ``docTitle/titlePart``,
  ``docDate``, ``byline``. The same facts are also stated in the ``teiHeader``.
- A paragraph label is kept verbatim in ``label`` and its number in ``p/@n`` (3.8 Lists,
  att.global ``@n``).
- An endnote is a ``note`` at the place of its marker, ``@place="end"`` recording
  where the source printed it (3.9.1 Notes).
- Blank lines beyond the usual one between blocks are recorded with
  ``space dim="vertical" unit="line"`` before the block (11.4.1 Space), so the
  diplomatic export can give the source back byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from . import __version__
from .metadata import Bibl, EditionMeta
from .model import Block, Credit, LineBreak, Marker, Segment, Transcription
from .xmlio import TEI_NS, TRANSCRIPTION_REF, XML_NS

_XML_ID = f"{{{XML_NS}}}id"
_XML_LANG = f"{{{XML_NS}}}lang"

# Containers whose children are elements only: indented for people reading the XML.
# Mixed content (p, note, byline, …) is never re-indented: whitespace there is text.
_STRUCTURAL = frozenset(
    [
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "respStmt",
        "publicationStmt",
        "availability",
        "sourceDesc",
        "bibl",
        "encodingDesc",
        "appInfo",
        "application",
        "editorialDecl",
        "normalization",
        "correction",
        "quotation",
        "segmentation",
        "hyphenation",
        "profileDesc",
        "langUsage",
        "creation",
        "text",
        "front",
        "docTitle",
        "body",
        "div",
        "standOff",
        "listPerson",
        "person",
        "listPlace",
        "place",
        "location",
        "listOrg",
        "org",
    ]
)


# What the converter does to the text, stated in every header (2.3.3 editorialDecl).
EDITORIAL_PRACTICE = {
    "normalization": "Line endings (CRLF, CR) were normalised to LF; a byte-order mark and "
    "spaces at line ends were removed. Paragraph labels written unlike the rest of the "
    "document are regularised with choice/orig/reg.",
    "quotation": "Quotation marks around quotations were removed; the quotation is a q whose "
    "@rend records the marks as pre(…) post(…).",
    "correction": "Misprints the editors identified are corrected with choice/sic/corr, "
    "corr/@resp pointing to the editors; the text is otherwise the transcription as published.",
    "interpretation": "Persons, places and organisations are tagged persName, placeName and "
    "orgName with @ref pointing into the edition's register (register.xml); dates are tagged "
    "date with ISO 8601 @when, @from/@to or @notBefore/@notAfter.",
    "segmentation": "Each block of lines separated by blank lines is one titlePart, docDate, "
    "byline or p; paragraph labels are kept as written in label, their number in p/@n; "
    "endnotes are note elements at their markers; vertical space other than one blank line "
    "is recorded with space.",
}


def tei(
    tag: str, attrs: dict[str, str | None] | None = None, *children: etree._Element | str
) -> etree._Element:
    """A TEI element with attributes (None values dropped) and mixed-content children."""
    el = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap=None)
    for key, value in (attrs or {}).items():
        if value is not None:
            el.set(key, value)
    append(el, *children)
    return el


def append(parent: etree._Element, *children: etree._Element | str) -> None:
    """Append elements and strings to ``parent`` as mixed content."""
    for child in children:
        if isinstance(child, str):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + child
            else:
                parent.text = (parent.text or "") + child
        else:
            parent.append(child)


def document_id(name: str) -> str:
    """An NCName for the document, used to prefix every xml:id (unique across the edition)."""
    ident = re.sub(r"[^\w.-]", "-", name)
    return ident if re.match(r"[^\W\d]", ident) else f"d{ident}"


def editors_id(name: str) -> str:
    """The xml:id of the editors' respStmt, which corr/@resp points to."""
    return f"{document_id(name)}-editors"


def _normalised(text: str) -> str:
    """Text with its whitespace (line breaks included) collapsed to single spaces."""
    return " ".join(text.split())


def _space(gap: int, usual: int = 1) -> list[etree._Element]:
    """The ``space`` recording blank lines before a block, unless it is the usual number.

    Between blocks the usual gap is one blank line; before the first block of the file
    and after the last one it is none.
    """
    if gap == usual:
        return []
    return [tei("space", {"dim": "vertical", "unit": "line", "quantity": str(gap)})]


class _Encoder:
    def __init__(self, doc: Transcription, meta: EditionMeta) -> None:
        self.doc = doc
        self.meta = meta
        self.doc_meta = meta.document(doc.name)
        self.ident = document_id(doc.name)
        self.lang = self.doc_meta.language or meta.language

    def main_heading(self) -> int:
        """The index of the heading that is the main title.

        The editor's word wins: the heading that ``title`` in edition.toml names, else the
        one before the heading ``subtitle`` names (a title followed by its subtitle); only
        without either is it the grammar's guess, the last heading (genre lines first).
        """
        headings = [_normalised(b.text).casefold() for b in self.doc.headings]
        title, subtitle = self.doc_meta.title, self.doc_meta.subtitle
        if title and _normalised(title).casefold() in headings:
            return headings.index(_normalised(title).casefold())
        if subtitle and len(headings) > 1 and _normalised(subtitle).casefold() in headings:
            at = headings.index(_normalised(subtitle).casefold())
            return at - 1 if at else 1
        return len(headings) - 1

    def titles(self) -> tuple[str, list[str]]:
        """The header's main title and sub titles: edition.toml's, else the headings'."""
        headings = [_normalised(b.text) for b in self.doc.headings]
        main = self.main_heading()
        title = self.doc_meta.title or headings[main]
        if self.doc_meta.subtitle:
            return title, [self.doc_meta.subtitle]
        return title, [h for i, h in enumerate(headings) if i != main]

    # -- inline content -------------------------------------------------------------

    def inline(self, segments: Iterable[Segment]) -> list[etree._Element | str]:
        out: list[etree._Element | str] = []
        for seg in segments:
            if isinstance(seg, LineBreak):
                out.append(tei("lb"))
            elif isinstance(seg, Marker):
                out.append(self.note(seg.number))
            else:
                out.append(seg)
        return out

    def note(self, number: int) -> etree._Element:
        endnote = self.doc.notes[number]
        note = tei(
            "note",
            {
                "n": str(number),
                _XML_ID: f"{self.ident}-n{number}",
                "place": "end",
                "type": "editorial",
            },
        )
        first, *more = endnote.blocks
        append(note, *_space(first.gap_before))
        if not more:
            append(note, *self.inline(first.segments))
            return note
        for block in endnote.blocks:
            if block is not first:
                append(note, *_space(block.gap_before))
            append(note, tei("p", None, *self.inline(block.segments)))
        return note

    # -- text -----------------------------------------------------------------------

    def byline(self, credit: Credit) -> etree._Element:
        text = credit.block.text
        at = text.rfind(credit.name) if credit.name else -1
        if at < 0:
            return tei("byline", None, *self.inline(credit.block.segments))
        name = credit.name or ""
        return tei("byline", None, text[:at], tei("persName", None, name), text[at + len(name) :])

    def front(self) -> etree._Element:
        doc = self.doc
        doc_title = tei("docTitle")
        main = self.main_heading()
        for index, block in enumerate(doc.headings):
            kind = "main" if index == main else "sub"
            append(
                doc_title,
                *_space(block.gap_before, usual=0 if block is doc.headings[0] else 1),
                tei("titlePart", {"type": kind}, *self.inline(block.segments)),
            )
        front = tei("front", None, doc_title, *_space(doc.date.gap_before))
        append(front, tei("docDate", doc.date_attrs, *self.inline(doc.date.segments)))
        for credit in doc.credits:
            append(front, *_space(credit.block.gap_before), self.byline(credit))
        return front

    def paragraph(self, block: Block, ordinal: int) -> etree._Element:
        p = tei("p", {"n": block.number, _XML_ID: f"{self.ident}-p{ordinal}"})
        if block.label is not None:
            append(p, tei("label", None, block.label))
        append(p, *self.inline(block.segments))
        return p

    def body(self) -> etree._Element:
        div = tei("div", {"type": "transcription"})
        for ordinal, block in enumerate(self.doc.paragraphs, start=1):
            append(div, *_space(block.gap_before), self.paragraph(block, ordinal))
        # Blank lines at the end of the file: a space after the last division.
        return tei("body", None, div, *_space(self.doc.trailing_blank_lines, usual=0))

    # -- header ---------------------------------------------------------------------

    def editors_resp(self) -> etree._Element:
        return tei(
            "respStmt",
            {_XML_ID: editors_id(self.doc.name)},
            tei("resp", None, "TEI encoding and editorial corrections"),
            *(tei("name", None, editor) for editor in self.meta.editors or ("tei-edition",)),
        )

    def bibl(self, kind: str, bibl: Bibl, title: str) -> etree._Element:
        el = tei("bibl", {"type": kind})
        for author in bibl.authors:
            append(el, tei("author", None, tei("persName", None, author)))
        append(el, tei("title", {"level": "m" if kind == "printed" else None}, bibl.title or title))
        if bibl.editor:
            append(el, tei("editor", None, tei("persName", None, bibl.editor)))
        if bibl.translator:
            append(el, tei("respStmt", None, tei("resp", None, "translation"),
                           tei("persName", None, bibl.translator)))
        if kind == "transcription":
            for credit in self.doc.credits:
                if credit.name:
                    append(
                        el,
                        tei(
                            "respStmt",
                            None,
                            tei("resp", None, credit.statement),
                            tei("persName", None, credit.name),
                        ),
                    )
        if bibl.volume:
            append(el, tei("biblScope", {"unit": "volume"}, bibl.volume))
        if bibl.place:
            append(el, tei("pubPlace", None, bibl.place))
        if bibl.publisher:
            append(el, tei("publisher", None, bibl.publisher))
        if bibl.date:
            append(el, tei("date", {"when": bibl.date}, bibl.date))
        if bibl.url:
            append(el, tei("ref", {"target": bibl.url}, bibl.url))
        return el

    def header(self) -> etree._Element:
        doc, meta, doc_meta = self.doc, self.meta, self.doc_meta
        title_text, subtitles = self.titles()
        title_stmt = tei("titleStmt", None, tei("title", {"type": "main"}, title_text))
        for subtitle in subtitles:
            append(title_stmt, tei("title", {"type": "sub"}, subtitle))
        for author in doc_meta.authors:  # co-authors: one author each, in the order given
            append(title_stmt, tei("author", None, tei("persName", None, author)))
        for credit in doc.credits:
            if credit.name:
                append(
                    title_stmt,
                    tei(
                        "respStmt",
                        None,
                        tei("resp", None, credit.statement),
                        tei("persName", None, credit.name),
                    ),
                )
        append(title_stmt, self.editors_resp())

        availability = tei("availability")
        if meta.licence:
            append(availability, tei("licence", {"target": meta.licence_url}, meta.licence))
        else:
            append(availability, tei("p", None, "Licence not stated."))
        publication = tei(
            "publicationStmt",
            None,
            tei("publisher", None, meta.publisher),
            availability,
            tei("idno", {"type": "filename"}, f"{doc.name}.xml"),
        )
        source = tei(
            "sourceDesc", None, self.bibl("transcription", doc_meta.transcription, title_text)
        )
        if doc_meta.printed:
            append(source, self.bibl("printed", doc_meta.printed, title_text))

        editorial = tei(
            "editorialDecl",
            None,
            *(
                tei(part, {"marks": "none"} if part == "quotation" else None, tei("p", None, text))
                for part, text in EDITORIAL_PRACTICE.items()
            ),
        )
        encoding = tei(
            "encodingDesc",
            None,
            tei(
                "appInfo",
                None,
                tei(
                    "application",
                    {"ident": "tei-edition", "version": __version__},
                    tei("label", None, "tei-edition"),
                    # The transcription this document was made from, relative to the TEI
                    # file: validation maps problems back to its lines.
                    tei("ref", {"type": "transcription", "target": self.doc.path.name},
                        self.doc.path.name),
                ),
            ),
            editorial,
        )
        creation = tei(
            "creation", None, tei("date", doc.date_attrs, " ".join(doc.date.text.split()))
        )
        profile = tei(
            "profileDesc",
            None,
            tei("langUsage", None, tei("language", {"ident": self.lang})),
            creation,
        )
        return tei(
            "teiHeader",
            None,
            tei("fileDesc", None, title_stmt, publication, source),
            encoding,
            profile,
        )

    def tree(self) -> etree._ElementTree:
        root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
        root.set(_XML_LANG, self.lang)
        root.set(_XML_ID, self.ident)
        root.append(self.header())
        root.append(tei("text", None, self.front(), self.body()))
        indent(root)
        return root.getroottree()


def point_to_transcription(tree: etree._ElementTree, target: str) -> None:
    """Set the path of the source transcription, relative to where the TEI is written."""
    ref = tree.getroot().find(TRANSCRIPTION_REF, {"tei": TEI_NS})
    if ref is not None:
        ref.set("target", target)


def indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only containers two spaces a level; never touch mixed content."""
    if etree.QName(el).localname not in _STRUCTURAL or not len(el):
        return
    if (el.text or "").strip() or any((child.tail or "").strip() for child in el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        child.tail = pad
        indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level


def encode(doc: Transcription, meta: EditionMeta | None = None) -> etree._ElementTree:
    """Encode a parsed transcription as a canonical TEI P5 tree."""
    return _Encoder(doc, meta or EditionMeta()).tree()
