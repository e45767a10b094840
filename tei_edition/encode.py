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
- A letter (a document whose body opens with a salutation) keeps its date line, any
  credit lines and the salutation in ``opener`` (``dateline``, ``byline``, ``salute``),
  its complimentary close and signature in ``closer`` (``salute``, ``signed``) and its
  postscripts in ``postscript`` after the closer, each ``p`` keeping its label as
  written (4.2.2 Openers and Closers). A list of signatories under a paper is a
  ``closer`` of ``signed`` blocks, its label (``The Committee:``) a ``signed`` of its own.
- A date line's place is ``placeName`` and its date ``date`` (in ``dateline``, or in
  ``docDate`` outside letters: 4.6 Title Pages); a plain date line keeps the ISO value
  on ``docDate`` itself. A date the editors supplied (written in square brackets) is
  ``supplied reason="omitted-in-original"`` inside the ``date``, the brackets being
  its rendition (11.3.1.4 Additions by the editor, 3.5.3); an undated paper's
  ``date`` (``n.d.``) has no dating attribute. ``profileDesc/creation`` repeats the
  date and the place (2.4.1 Creation).
- A letter's sender, addressee, places and dates stated in edition.toml are
  ``profileDesc/correspDesc`` with one ``correspAction`` per action, ``@type="sent"``
  and ``"received"`` (2.4.6 Correspondence Description); each name points into the
  register with ``@ref``, as CMIF (correspSearch) expects of a correspondence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from . import __version__
from .errors import SourceError
from .issues import Issue
from .metadata import Bibl, CorrespDate, Correspondence, EditionMeta
from .model import Block, Credit, LineBreak, Marker, Segment, Transcription
from .register import KINDS, Register
from .xmlio import TEI_NS, TRANSCRIPTION_REF, XML_NS

_XML_ID = f"{{{XML_NS}}}id"
_XML_LANG = f"{{{XML_NS}}}lang"
# The dating attributes docDate itself has (att.datable.w3c); @evidence is not among them.
_DATABLE = frozenset(["when", "from", "to", "notBefore", "notAfter"])

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
        "correspDesc",
        "correspAction",
        "text",
        "front",
        "docTitle",
        "body",
        "div",
        "opener",
        "closer",
        "postscript",
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
            # parent[-1], not len(parent): lxml counts children one by one, which made a
            # paragraph of many lines (a string after each lb) quadratic to encode.
            try:
                last = parent[-1]
            except IndexError:
                parent.text = (parent.text or "") + child
            else:
                last.tail = (last.tail or "") + child
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
    def __init__(
        self,
        doc: Transcription,
        meta: EditionMeta,
        register: Register | None = None,
        issues: list[Issue] | None = None,
    ) -> None:
        self.doc = doc
        self.meta = meta
        self.register = register or Register()
        self.issues = issues if issues is not None else []
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
        front = tei("front", None, doc_title)
        if doc.salute is None:
            append(front, *_space(doc.date.gap_before), self.doc_date())
            for credit in doc.credits:
                append(front, *_space(credit.block.gap_before), self.byline(credit))
        return front

    # -- date lines -------------------------------------------------------------------

    def date(self, text: str | None = None) -> etree._Element:
        """The date of the date line as ``date``, with its dating attributes.

        A date in square brackets was supplied by the editors: the brackets become
        ``supplied`` (TEI Guidelines 11.3.1.4), which the diplomatic export writes back
        as brackets.
        """
        line = self.doc.date_line
        if text is None:
            text = line.date if line else self.doc.date.text
        inner = text[1:-1]
        if (line is not None and line.supplied and text.startswith("[") and text.endswith("]")
                and "[" not in inner and "]" not in inner):
            content: etree._Element | str = tei("supplied", {"reason": "omitted-in-original"},
                                                inner)
        else:
            content = text
        return tei("date", self.doc.date_attrs, content)

    def _plain_date_line(self) -> bool:
        """A date line that is only an exact or ranged date: ``docDate`` carries its ISO
        value itself, as it always has."""
        line = self.doc.date_line
        return line is None or (
            line.place is None and not line.supplied and not line.undated
            and set(self.doc.date_attrs) <= _DATABLE
        )

    def date_line_content(self) -> list[etree._Element | str]:
        """place, separator, date: ``<placeName>Springfield, Ills.</placeName>, <date>``."""
        line = self.doc.date_line
        if line is None or line.place is None:
            return [self.date()]
        return [tei("placeName", None, line.place), line.separator, self.date()]

    def doc_date(self) -> etree._Element:
        if self._plain_date_line():
            return tei("docDate", self.doc.date_attrs, *self.inline(self.doc.date.segments))
        return tei("docDate", None, *self.date_line_content())

    # -- letter furniture --------------------------------------------------------------

    def opener(self) -> etree._Element:
        """A letter's date line, credits and salutation, as written before the body."""
        doc = self.doc
        opener = tei("opener", None, tei("dateline", None, *self.date_line_content()))
        for credit in doc.credits:
            append(opener, *_space(credit.block.gap_before), self.byline(credit))
        if doc.salute is not None:
            append(opener, *_space(doc.salute.gap_before),
                   tei("salute", None, *self.inline(doc.salute.segments)))
        return opener

    def closer(self) -> etree._Element | None:
        closer_model = self.doc.closer
        if closer_model is None:
            return None
        closer = tei("closer")
        if closer_model.salute is not None:
            append(closer, tei("salute", None, *self.inline(closer_model.salute.segments)))
        for index, block in enumerate(closer_model.signed):
            if block.gap_before == 0:
                append(closer, tei("lb"))  # the signature under the close, in its block
            elif index or closer_model.salute is not None:
                append(closer, *_space(block.gap_before))
            append(closer, tei("signed", None, *self.inline(block.segments)))
        return closer

    def postscript(self, index: int) -> etree._Element:
        postscript = tei("postscript", {_XML_ID: f"{self.ident}-ps{index + 1}"})
        for at, block in enumerate(self.doc.postscripts[index].blocks):
            p = tei("p")
            if block.label is not None:
                append(p, tei("label", None, block.label))
            append(p, *self.inline(block.segments))
            append(postscript, *(_space(block.gap_before) if at else []), p)
        return postscript

    def paragraph(self, block: Block, ordinal: int) -> etree._Element:
        p = tei("p", {"n": block.number, _XML_ID: f"{self.ident}-p{ordinal}"})
        if block.label is not None:
            append(p, tei("label", None, block.label))
        append(p, *self.inline(block.segments))
        return p

    def body(self) -> etree._Element:
        doc = self.doc
        div = tei("div", {"type": "transcription"})
        if doc.salute is not None:
            append(div, *_space(doc.date.gap_before), self.opener())
        for ordinal, block in enumerate(doc.paragraphs, start=1):
            append(div, *_space(block.gap_before), self.paragraph(block, ordinal))
        closer = self.closer()
        if closer is not None and doc.closer is not None:
            append(div, *_space(doc.closer.blocks[0].gap_before), closer)
        for index, ps in enumerate(doc.postscripts):
            append(div, *_space(ps.blocks[0].gap_before), self.postscript(index))
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

    def corresp_name(self, name: str, key: str, kinds: tuple[str, ...]) -> etree._Element:
        """A name from edition.toml as persName/orgName/placeName, with the ``@ref`` of
        the one register entry of ``kinds`` that has this form.

        An unknown name is kept without ``@ref`` (and said so); a form several entries
        share would point at a guess, so it stops the document.
        """
        corresp = self.doc_meta.correspondence
        line = corresp.lines.get(key) if corresp else None
        where = f"{key} in [documents.{self.doc.name}]"
        entries = self.register.named(name, kinds)
        if len(entries) > 1:
            ids = ", ".join(repr(e.id) for e in entries)
            raise SourceError(
                f"{where}: {name!r} is a name of several register entries ({ids}); write a "
                "form only one of them has, or keep the form in one entry of register.xml",
                self.meta.path, line)
        if not entries:
            what = " or ".join({"org": "organisation"}.get(k, k) for k in kinds)
            self.issues.append(Issue(
                str(self.meta.path or "edition.toml"), line, None, "warning",
                "corresp-unknown-name",
                f"{where}: {name!r} is the name of no {what} in the register, so it has no "
                "@ref; add it to register.xml (or correct the spelling)"))
            # Without an entry the kind is unknown; a correspondent is most often a person.
            return tei(KINDS[kinds[0]], None, name)
        entry = entries[0]
        return tei(entry.tag, {"ref": self.register.ref(entry)}, name)

    def corresp_action(
        self, kind: str, names: tuple[str, ...], name_key: str, place: str | None,
        date: CorrespDate | None,
    ) -> etree._Element | None:
        """One ``correspAction``: who, where, when — in that order, as CMIF has it."""
        parts = [self.corresp_name(n, name_key, ("person", "org")) for n in names]
        if place:
            parts.append(self.corresp_name(place, f"{kind}-place", ("place",)))
        if date:
            parts.append(tei("date", date.attrs()))
        return tei("correspAction", {"type": kind}, *parts) if parts else None

    def corresp_desc(self, corresp: Correspondence) -> etree._Element:
        """``profileDesc/correspDesc`` (TEI Guidelines 2.4.6): the sending and, where
        anything about it is known, the receiving of the letter."""
        actions = (
            self.corresp_action("sent", corresp.senders, "sender", corresp.sent_place,
                                corresp.sent_date),
            self.corresp_action("received", corresp.addressees, "addressee",
                                corresp.received_place, corresp.received_date),
        )
        return tei("correspDesc", None, *(a for a in actions if a is not None))

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
        # The date of the date line, then its place (TEI Guidelines 2.4.1 Creation).
        place = doc.date_line.place if doc.date_line else None
        written = doc.date_line.date if doc.date_line else doc.date.text
        creation = tei("creation", None, self.date(" ".join(written.split())))
        if place:
            append(creation, tei("placeName", None, place))
        profile = tei(
            "profileDesc",
            None,
            tei("langUsage", None, tei("language", {"ident": self.lang})),
            creation,
        )
        if doc_meta.correspondence is not None:
            append(profile, self.corresp_desc(doc_meta.correspondence))
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


def encode(
    doc: Transcription,
    meta: EditionMeta | None = None,
    register: Register | None = None,
    issues: list[Issue] | None = None,
) -> etree._ElementTree:
    """Encode a parsed transcription as a canonical TEI P5 tree.

    ``register`` gives the header's correspondents their ``@ref``; warnings (a name the
    register lacks) are appended to ``issues`` when given.
    """
    return _Encoder(doc, meta or EditionMeta(), register, issues).tree()
