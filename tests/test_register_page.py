"""The register page stylesheet (tei_edition/xslt/html/register.xsl), run through lxml.

Input, as the build writes it: ``<registerPage title lang>``, the register TEI as it
is, and ``<mentions>`` with one ``<mention ref doc docTitle target where text/>``
per mention in the edition. Output: a standalone register.html.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from pathlib import Path

import pytest
from lxml import etree, html

from .html_checks import EMBEDDING, internal_links_resolve, network_loads

ROOT = Path(__file__).resolve().parents[1]
STYLESHEET = ROOT / "tei_edition" / "xslt" / "html" / "register.xsl"
REGISTER = ROOT / "source" / "register.xml"
SPEC_REGISTER = Path(__file__).resolve().parent / "cases" / "spec" / "register.xml"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
NS = {"tei": TEI_NS}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

AUTHORITY_URLS = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "geonames": "https://www.geonames.org/{}",
}
NOT_MENTIONED = "not mentioned in the edition"
SOVIET_PRESS = "1920-11-29-soviet-press.html"

# (ref, doc, docTitle, target, where, text), in edition order
MENTIONS = [
    (
        "wrangel",
        SOVIET_PRESS,
        "Communication to Representatives of the Soviet Press",
        "d1920-11-29-soviet-press-p1",
        "¶ 1",
        "Wrangel",
    ),
    (
        "wrangel",
        SOVIET_PRESS,
        "Communication to Representatives of the Soviet Press",
        "d1920-11-29-soviet-press-p3",
        "¶ 3",
        "Wrangel",
    ),
    (
        "wrangel",
        "1920-12-01-other.html",
        "Another Document",
        "d1920-12-01-other-n1",
        "note 1",
        "General Wrangel",
    ),
    (
        "paris",
        SOVIET_PRESS,
        "Communication to Representatives of the Soviet Press",
        "d1920-11-29-soviet-press-byline",
        "byline",
        "Paris",
    ),
    (
        "whites",
        "1920-12-01-other.html",
        "Another Document",
        "d1920-12-01-other-p2",
        "¶ 2",
        "White Guards",
    ),
    (
        "pearce",
        SOVIET_PRESS,
        "Communication to Representatives of the Soviet Press",
        "d1920-11-29-soviet-press-note-1",
        "note 1",
        "Brian Pearce",
    ),
]


def compile_xslt(path: Path) -> etree.XSLT:
    return etree.XSLT(etree.parse(str(path)), access_control=etree.XSLTAccessControl.DENY_ALL)


@pytest.fixture(scope="module")
def register_xsl() -> etree.XSLT:
    return compile_xslt(STYLESHEET)


def register_page(
    register: etree._Element,
    mentions: list[tuple[str, str, str, str, str, str]],
    title: str | None = "Register — Trotsky 1920",
    lang: str | None = "en",
) -> etree._ElementTree:
    """The stylesheet's input, built the way the edition build does it."""
    page = etree.Element("registerPage")
    if title is not None:
        page.set("title", title)
    if lang is not None:
        page.set("lang", lang)
    page.append(copy.deepcopy(register))
    listing = etree.SubElement(page, "mentions")
    for ref, doc, doc_title, target, where, text in mentions:
        etree.SubElement(
            listing,
            "mention",
            ref=ref,
            doc=doc,
            docTitle=doc_title,
            target=target,
            where=where,
            text=text,
        )
    return etree.ElementTree(page)


def transform(xslt: etree.XSLT, tree: etree._ElementTree, **params: str) -> str:
    result = xslt(tree, **{k: etree.XSLT.strparam(v) for k, v in params.items()})
    return bytes(result).decode("utf-8")


def render(xslt: etree.XSLT, tree: etree._ElementTree, **params: str) -> html.HtmlElement:
    out = transform(xslt, tree, **params)
    assert out.startswith("<!DOCTYPE html>\n")
    return html.document_fromstring(out)


def register_root(path: Path = REGISTER) -> etree._Element:
    return etree.parse(str(path), PARSER).getroot()


def tei_register(entries: str, lang: str | None = "en") -> etree._Element:
    lang_att = f' xml:lang="{lang}"' if lang else ""
    return etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"{lang_att}><teiHeader><fileDesc><titleStmt><title>R</title>'
        "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        f"</sourceDesc></fileDesc></teiHeader><standOff>{entries}</standOff></TEI>"
    )


def entries_of(register: etree._Element) -> list[etree._Element]:
    return register.xpath(
        "//tei:standOff//tei:person | //tei:standOff//tei:place | //tei:standOff//tei:org",
        namespaces=NS,
    )


def preferred(entry: etree._Element) -> str:
    return " ".join(entry.xpath("string(*[@type='preferred'])", namespaces=NS).split())


def sort_key(name: str) -> str:
    return "".join(
        c
        for c in unicodedata.normalize("NFD", name.replace("ł", "l").replace("Ł", "L"))
        if not unicodedata.combining(c)
    ).lower()




def facts(article: html.HtmlElement) -> dict[str, html.HtmlElement]:
    """The entry's dl as {dt text: dd}."""
    return {dt.text_content(): dt.getnext() for dt in article.xpath("dl[@class='entry-facts']/dt")}


def text(el: html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


# --------------------------------------------------------------------------------- page


def test_stylesheet_is_xslt_1_with_an_empty_extra_head_hook() -> None:
    root = etree.parse(str(STYLESHEET)).getroot()
    assert root.get("version") == "1.0"
    # only the edition site's header (site.xsl, off unless its parameters are given)
    includes = root.xpath("//xsl:include/@href | //xsl:import/@href", namespaces={"xsl": XSL_NS})
    assert includes == ["site.xsl"]
    hook = root.xpath("xsl:template[@name='extra-head']", namespaces={"xsl": XSL_NS})
    assert len(hook) == 1 and len(hook[0]) == 0 and not (hook[0].text or "").strip()
    params = root.xpath("xsl:param/@name", namespaces={"xsl": XSL_NS})
    assert {"css", "default-lang", "index-href"} <= set(params)


def test_register_page_is_standalone_html(register_xsl) -> None:
    out = transform(register_xsl, register_page(register_root(), MENTIONS))
    assert out.startswith("<!DOCTYPE html>\n")
    doc = html.document_fromstring(out)
    assert doc.get("lang") == "en"
    assert doc.findtext("head/title") == "Register — Trotsky 1920"
    assert doc.xpath("string(//h1)") == "Register — Trotsky 1920"
    assert len(doc.xpath("//meta[@charset or @http-equiv='Content-Type']")) == 1
    assert doc.xpath("//head/style")
    assert network_loads(doc, (*EMBEDDING, "img", "picture")) == []
    assert "<link" not in out and "<script" not in out and "<iframe" not in out
    assert not re.search(r"""\bsrc\s*=\s*["']?\s*(https?:)?//""", out, re.I)
    assert internal_links_resolve(doc) == []
    assert doc.xpath("//a[@href='index.html']")
    # the three sections, in this order, each reachable from the table of contents
    sections = doc.xpath("//section[contains(@class, 'register-section')]")
    assert [s.findtext("h2") for s in sections] == ["Persons", "Places", "Organisations"]
    toc = [a.get("href") for a in doc.xpath("//nav[@class='register-toc']/a")]
    assert toc == ["#" + s.get("id") for s in sections]


def test_every_entry_has_its_id_and_preferred_name(register_xsl) -> None:
    register = register_root()
    doc = render(register_xsl, register_page(register, MENTIONS))
    entries = entries_of(register)
    assert len(entries) > 30
    for entry in entries:
        article = doc.get_element_by_id(entry.get(XML_ID))
        assert article.tag == "article"
        assert article.findtext("h3") == preferred(entry)
    sections = doc.xpath("//section[contains(@class, 'register-section')]")
    kinds = [s.xpath("article/@class") for s in sections]
    assert {c for c in kinds[0]} == {"entry person"}
    assert {c for c in kinds[1]} == {"entry place"}
    assert {c for c in kinds[2]} == {"entry org"}
    assert sum(len(k) for k in kinds) == len(entries)


def test_entries_sorted_by_preferred_name(register_xsl) -> None:
    doc = render(register_xsl, register_page(register_root(), MENTIONS))
    for section in doc.xpath("//section[contains(@class, 'register-section')]"):
        names = [h.text_content() for h in section.xpath("article/h3")]
        assert names == sorted(names, key=sort_key), section.findtext("h2")
    # case and diacritics do not put a name out of place; without a preferred name
    # the first name is the heading and the sort key
    register = tei_register(
        "<listPlace>"
        '<place xml:id="z"><placeName type="preferred">Zagreb</placeName></place>'
        '<place xml:id="l"><placeName type="variant">Lodsch</placeName>'
        '<placeName type="preferred">Łódź</placeName></place>'
        '<place xml:id="a"><placeName type="preferred">amsterdam</placeName></place>'
        '<place xml:id="b"><placeName>Berlin</placeName><placeName>Zehlendorf</placeName></place>'
        '<place xml:id="e"><placeName type="preferred">Évora</placeName></place>'
        "</listPlace>"
    )
    doc = render(register_xsl, register_page(register, []))
    assert doc.xpath("//section[h2='Places']/article/@id") == ["a", "b", "e", "l", "z"]
    assert doc.get_element_by_id("b").findtext("h3") == "Berlin"
    assert doc.get_element_by_id("l").findtext("h3") == "Łódź"


def test_variants_notes_and_coordinates(register_xsl) -> None:
    doc = render(register_xsl, register_page(register_root(), MENTIONS))
    # variants: each once, never the preferred name again
    whites = facts(doc.get_element_by_id("whites"))
    assert text(whites["Other names"]) == "Whites; White Guards"
    archive = facts(doc.get_element_by_id("trotsky-internet-archive"))
    assert text(archive["Other names"]) == "Trotsky Internet Archive"
    assert "Other names" not in facts(doc.get_element_by_id("paris"))
    balakhovich = facts(doc.get_element_by_id("bulak-balakhovich"))
    assert text(balakhovich["Other names"]) == "Bulak-Balakhovich; Balakhovich"
    # notes
    note = facts(doc.get_element_by_id("soviet-russia"))["Note"]
    assert "Russian Socialist Federative Soviet Republic" in text(note)
    # coordinates: as text and as a plain link to OpenStreetMap
    london = facts(doc.get_element_by_id("london"))["Coordinates"]
    assert "51.50853, -0.12574" in text(london)
    assert [a.get("href") for a in london.iter("a")] == [
        "https://www.openstreetmap.org/?mlat=51.50853&mlon=-0.12574"
    ]
    # a place without geo has no coordinates
    assert "Coordinates" not in facts(doc.get_element_by_id("donbas"))


def test_authority_links_and_sources(register_xsl) -> None:
    register = register_root()
    doc = render(register_xsl, register_page(register, MENTIONS))
    checked = 0
    for idno in register.iter(f"{{{TEI_NS}}}idno"):
        entry = idno.getparent()
        article = doc.get_element_by_id(entry.get(XML_ID))
        url = AUTHORITY_URLS[idno.get("type")].format(idno.text.strip())
        link = article.xpath(".//ul[@class='idnos']//a[@href=$u]", u=url)
        assert link and link[0].text_content() == idno.text.strip(), url
        item = link[0].getparent()
        source = item.xpath("small[@class='idno-source']")[0]
        assert text(source) == "source: " + idno.get("source")
        if idno.get("source").startswith("https://"):
            assert [a.get("href") for a in source.iter("a")] == [idno.get("source")]
        else:
            assert not list(source.iter("a"))
        checked += 1
    assert checked > 15
    # wikidata and geonames both present where both are given
    paris = doc.get_element_by_id("paris")
    hrefs = paris.xpath(".//a/@href")
    assert "https://www.geonames.org/2988507" in hrefs
    assert "https://www.wikidata.org/wiki/Q90" in hrefs
    # no identifiers, no authority list
    assert "Authority records" not in facts(doc.get_element_by_id("walters"))


def test_viaf_other_types_and_hostile_values(register_xsl) -> None:
    doc = render(register_xsl, register_page(register_root(SPEC_REGISTER), []))
    bob = doc.get_element_by_id("person-b")
    assert bob.xpath(".//a[@href='https://viaf.org/viaf/123'][.='123']")
    assert bob.xpath(".//a[@href='https://www.wikidata.org/wiki/Q1'][.='Q1']")
    assert doc.get_element_by_id("place-p").xpath(".//a[@href='https://www.geonames.org/2988507']")
    register = tei_register(
        "<listPerson>"
        '<person xml:id="odd"><persName type="preferred">Odd Person</persName>'
        '<idno type="GND" source="javascript:alert(1)">118540238</idno>'
        '<idno type="wikidata">Q1 onclick=x</idno>'
        '<idno type="viaf" source="http://example.org/viaf-dump">https://viaf.org/viaf/42</idno>'
        '<idno type="wikidata">javascript:alert(2)</idno>'
        "</person></listPerson>"
        "<listPlace>"
        '<place xml:id="nowhere"><placeName type="preferred">Nowhere</placeName>'
        "<location><geo>95.1 200</geo></location></place>"
        '<place xml:id="comma"><placeName type="preferred">Comma</placeName>'
        "<location><geo>10.5,-20.25</geo></location></place>"
        "</listPlace>"
    )
    doc = render(
        register_xsl,
        register_page(
            register,
            [
                ("odd", "javascript:alert(3)", "Bad", "x", "¶ 1", "Odd"),
            ],
        ),
    )
    hrefs = doc.xpath("//@href")
    assert not [h for h in hrefs if "javascript" in h.lower() or " " in h]
    odd = doc.get_element_by_id("odd")
    items = [text(li) for li in odd.xpath(".//ul[@class='idnos']/li")]
    assert items[0] == "GND: 118540238 source: javascript:alert(1)"
    assert items[1] == "Wikidata: Q1 onclick=x"
    # a value that is already an authority URL links to itself
    assert odd.xpath(".//a[@href='https://viaf.org/viaf/42']")
    assert odd.xpath(".//a[@href='http://example.org/viaf-dump']")
    assert "Bad" in text(facts(odd)["Mentions"])
    # coordinates out of range: text only; a comma separator is accepted
    nowhere = facts(doc.get_element_by_id("nowhere"))["Coordinates"]
    assert text(nowhere) == "95.1 200" and not list(nowhere.iter("a"))
    comma = facts(doc.get_element_by_id("comma"))["Coordinates"]
    assert comma.xpath("a/@href") == ["https://www.openstreetmap.org/?mlat=10.5&mlon=-20.25"]
    assert network_loads(doc, (*EMBEDDING, "img", "picture")) == []


# ----------------------------------------------------------------------------- mentions


def test_mentions_grouped_by_document(register_xsl) -> None:
    register = register_root()
    doc = render(register_xsl, register_page(register, MENTIONS))
    wrangel = facts(doc.get_element_by_id("wrangel"))["Mentions"]
    groups = wrangel.xpath("ul[@class='mentions']/li")
    assert [g.xpath("a[@class='doc']/@href") for g in groups] == [
        [SOVIET_PRESS],
        ["1920-12-01-other.html"],
    ]
    assert groups[0].xpath("string(a[@class='doc'])") == (
        "Communication to Representatives of the Soviet Press"
    )
    links = [
        (a.get("href"), a.text_content(), a.get("title"))
        for a in wrangel.xpath(".//a[@class='mention']")
    ]
    assert links == [
        (f"{SOVIET_PRESS}#d1920-11-29-soviet-press-p1", "¶ 1", "Wrangel"),
        (f"{SOVIET_PRESS}#d1920-11-29-soviet-press-p3", "¶ 3", "Wrangel"),
        ("1920-12-01-other.html#d1920-12-01-other-n1", "note 1", "General Wrangel"),
    ]
    # every mention appears once, as DOC.html#TARGET, in its entry
    for ref, doc_href, _, target, where, _ in MENTIONS:
        article = doc.get_element_by_id(ref)
        found = article.xpath(".//a[@class='mention'][@href=$h]", h=f"{doc_href}#{target}")
        assert len(found) == 1 and found[0].text_content() == where
    assert len(doc.xpath("//a[@class='mention']")) == len(MENTIONS)
    # entries without mentions say so; entries with mentions do not
    mentioned = {m[0] for m in MENTIONS}
    for entry in entries_of(register):
        article = doc.get_element_by_id(entry.get(XML_ID))
        says = NOT_MENTIONED in text(facts(article)["Mentions"])
        assert says == (entry.get(XML_ID) not in mentioned), entry.get(XML_ID)


def test_no_mentions_at_all(register_xsl) -> None:
    register = register_root()
    doc = render(register_xsl, register_page(register, []))
    assert len(doc.xpath("//*[@class='no-mentions']")) == len(entries_of(register))
    assert not doc.xpath("//a[@class='mention']")
    assert internal_links_resolve(doc) == []


# ---------------------------------------------------------------------- parameters, ids


def test_parameters_and_language(register_xsl) -> None:
    tree = register_page(register_root(), MENTIONS)
    doc = render(register_xsl, tree, css="h3{color:red}", **{"index-href": ""})
    assert "h3{color:red}" in doc.xpath("string(//head/style)")
    assert not doc.xpath("//a[@href='index.html']")
    doc = render(register_xsl, tree, **{"index-href": "../index.html"})
    assert doc.xpath("//a[@href='../index.html'][.='Index']")
    # lang: the page's @lang, else the TEI's xml:lang, else default-lang
    doc = render(register_xsl, register_page(register_root(), [], lang="de"))
    assert doc.get("lang") == "de"
    doc = render(register_xsl, register_page(register_root(), [], lang=None))
    assert doc.get("lang") == "en"
    bare = register_page(tei_register("<listOrg/>", lang=None), [], title=None, lang=None)
    doc = render(register_xsl, bare, **{"default-lang": "fr"})
    assert doc.get("lang") == "fr"
    assert doc.findtext("head/title") == "R"
    assert len(doc.xpath("//*[@class='no-entries']")) == 3
    assert internal_links_resolve(doc) == []


def test_section_ids_never_take_an_entry_id(register_xsl) -> None:
    register = tei_register(
        '<listPerson><person xml:id="persons"><persName type="preferred">P</persName>'
        '</person></listPerson><listPlace><place xml:id="places">'
        '<placeName type="preferred">Q</placeName></place></listPlace>'
    )
    doc = render(
        register_xsl,
        register_page(
            register,
            [
                ("persons", "a.html", "A", "a-p1", "¶ 1", "P"),
            ],
        ),
    )
    assert doc.get_element_by_id("persons").tag == "article"
    assert doc.get_element_by_id("places").tag == "article"
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert internal_links_resolve(doc) == []
    assert doc.xpath("//a[@href='a.html#a-p1']")


def test_extra_head_hook_can_be_overridden(tmp_path) -> None:
    custom = tmp_path / "custom.xsl"
    custom.write_text(
        f'<xsl:stylesheet version="1.0" xmlns:xsl="{XSL_NS}">'
        f'<xsl:import href="{STYLESHEET.as_uri()}"/>'
        '<xsl:template name="extra-head"><meta name="generator" content="custom"/>'
        "</xsl:template></xsl:stylesheet>",
        encoding="utf-8",
    )
    doc = render(compile_xslt(custom), register_page(register_root(SPEC_REGISTER), []))
    assert doc.xpath("//head/meta[@name='generator'][@content='custom']")
    assert doc.xpath("//article[@id='person-b']")
