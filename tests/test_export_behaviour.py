"""The exporters' behaviour on the faults other TEI exposed (one test per fault), the
export command's options (markdown, --header, --width) and the --diplomatic refusal."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from lxml import etree, html

from tei_edition.cli import cli
from tei_edition.export import render

CASES = Path(__file__).resolve().parent / "cases" / "export"
SAMPLE = Path(__file__).resolve().parent / "cases" / "spec" / "sample.xml"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def case(name: str) -> etree._ElementTree:
    return etree.parse(str(CASES / f"{name}.xml"), PARSER)


def page(name: str) -> html.HtmlElement:
    return html.document_fromstring(render(case(name), "html"))


def text(name: str, **kw: object) -> str:
    return render(case(name), "text", **kw).decode("utf-8")  # type: ignore[arg-type]


def test_notes_in_choice_once_in_document_order_linked_both_ways() -> None:
    doc = page("notes-in-choice")
    refs = doc.xpath("//a[@class='noteref']")
    assert [r.text for r in refs] == ["1", "2", "3", "4"]
    items = doc.xpath("//ol[@class='notes']/li")
    assert [li.text_content().split()[1] for li in items] == ["first", "on", "same", "last"]
    for ref, li in zip(refs, items, strict=True):
        assert ref.get("href") == "#" + li.get("id")
        assert li.xpath("a[@class='noteback']/@href") == ["#" + ref.get("id")]
    # the hidden reading's words are on hover, without its note's text
    assert doc.xpath("//span[@title='original: teh']")
    assert "One[1] the[2] word, upon[3] it[4]." in text("notes-in-choice")


def test_words_broken_at_line_ends_stay_whole() -> None:
    out = text("hyphenation")
    assert ("The Religion of the coun-try, the Commonwealth, a soldier and a writer.\n"
            "Next line.") in out
    body = page("hyphenation").xpath("//main")[0]
    words = body.text_content().split()
    assert {"Religion", "Commonwealth,", "soldier", "writer."} <= set(words)
    assert len(body.xpath(".//br")) == 1  # the real line break only


def test_our_own_lb_without_spaces_is_still_a_line_break() -> None:
    out = render(etree.parse(str(SAMPLE), PARSER), "text").decode("utf-8")
    assert "\nA second line.\n" in out


def test_endnotes_in_back_numbered_at_the_call() -> None:
    doc = page("endnotes-back")
    refs = doc.xpath("//a[@class='noteref']")
    assert [(r.text, r.get("href")) for r in refs] == [("1", "#n1"), ("2", "#n2")]
    assert doc.get_element_by_id("n1").xpath("a[@class='noteback']/@href") == ["#noteref-n1"]
    assert not doc.xpath("//section[@class='back']//a[@class='noteref']")  # no row of markers
    out = text("endnotes-back")
    assert "A call[1] and another[2]" in out and "[1][2]" not in out
    assert "[1] The first endnote." in out


def test_apparatus_readings_and_sigla() -> None:
    doc = page("apparatus")
    variants = [v.text_content() for v in doc.xpath("//span[@class='app-variants']")]
    assert variants == [" [dark B]", " [no lemma; text of A1; boats B]", " [om. A1]"]
    out = text("apparatus")
    assert "The bright sea,\nand ships afar." in out
    assert ("Apparatus\n\n1. bright] dark B\n\n2. ships] (no lemma: text of A1) boats B"
            "\n\n3. afar] om. A1\n") in out


def test_registers_as_entries() -> None:
    entry = page("registers").get_element_by_id("p1")
    rows = dict(zip(entry.xpath(".//dt/text()"), [dd.text_content() for dd in entry.xpath(".//dd")],
                    strict=True))
    assert rows["Name"] == "Mary Russell Mitford" and "1787-12-16" in rows["Born"]
    assert entry.xpath(".//a[@href='https://viaf.org/viaf/12345']")


def test_families_lists_tables_verse_gaps_signs_and_links() -> None:
    doc = page("families")
    assert doc.xpath("//div[@class='p']/div[@class='list']/ul/li") and not doc.xpath("//p//ul")
    assert doc.xpath("//table//th[.='a']") and doc.xpath("//table//td[.='b']")
    assert [s.text for s in doc.xpath("//span[@class='lineno']")] == ["5"]
    assert doc.xpath("//p[@class='speaker'][.='ROBERT']")
    main = doc.xpath("//main")[0].text_content()
    for shown in ("[3 lines illegible]", "[sup]", "unc(?)", "⟦gone⟧", "\\new/", "act and more",
                  "See I and the letter"):
        assert shown in main, shown
    assert doc.xpath("//a[@class='ptr'][@href='#d1'][.='I']")
    assert doc.xpath("//div[@class='opener']/div[@class='salute']")
    assert "Text [3 lines illegible] then [sup], unc(?), new, act and more." in text("families")


def test_signs_are_edition_configurable() -> None:
    out = render(case("families"), "html", **{"supplied-open": "⟨", "supplied-close": "⟩"})
    assert "⟨sup⟩" in html.document_fromstring(out).text_content()


def test_lang_declared_nearest_and_never_guessed() -> None:
    doc = page("lang")
    assert doc.get("lang") == "de"
    assert doc.xpath("//span[@lang='en'][.='some English']")
    assert doc.xpath("//li[@class='note'][@lang='fr']")
    assert page("no-lang").get("lang") is None


def test_header_leaves_empty_fields_out_and_links_urls() -> None:
    out = text("header")
    assert "Source: Book, https://example.org/book, <https://example.org/scan>\n" in out
    assert not re.search(r", ,|: ,|Source: $", out, re.M)
    doc = page("header")
    dd = doc.xpath("//dl[@class='doc-meta']/dd")
    assert [a.get("href") for a in doc.xpath("//dl[@class='doc-meta']//a")] == [
        "https://example.org/book", "https://example.org/scan",
        "https://creativecommons.org/licenses/by/4.0/"]
    assert all(d.text_content().strip() for d in dd)


def test_peer_faults_names_whitespace_determinism_css() -> None:
    doc = page("no-lang")
    assert doc.xpath("//a[@class='persName'][@href='https://d-nb.info/gnd/1']")
    body = doc.xpath("//main")[0].text_content()
    assert "Leonie Guttmann, British Library British Museum." in body
    assert render(case("families"), "html") == render(case("families"), "html")
    assert not doc.xpath("//link | //script") and doc.xpath("//head/style")
    # notes are numbered markers, never inlined text
    assert "une note" not in page("lang").xpath("//main")[0].text_content()


def test_choice_shown_is_decided_by_the_mode() -> None:
    tree = etree.parse(str(SAMPLE), PARSER)
    reading = render(tree, "text").decode()
    assert "headed" in reading and "beaded" not in reading
    diplomatic = render(tree, "diplomatic").decode()
    assert "beaded" in diplomatic and "headed" not in diplomatic


def test_diplomatic_refuses_tei_tei_edition_did_not_make() -> None:
    other = str(CASES / "families.xml")
    result = CliRunner().invoke(cli, ["export", "text", "--diplomatic", other])
    assert result.exit_code == 2
    assert "not made by tei-edition" in result.output
    ok = CliRunner().invoke(cli, ["export", "text", "--diplomatic", str(SAMPLE)])
    assert ok.exit_code == 0, ok.output


def test_text_header_option_and_width() -> None:
    runner = CliRunner()
    with_header = runner.invoke(cli, ["export", "text", str(CASES / "header.xml")]).output
    assert with_header.startswith("Header case\nAuthor: Ann Author\nDate: 1820\n")
    without = runner.invoke(cli, ["export", "text", "--no-header", str(CASES / "header.xml")])
    assert without.output == "Body.\n"
    hyphenation = str(CASES / "hyphenation.xml")
    wrapped = runner.invoke(cli, ["export", "text", "--width", "20", hyphenation])
    lines = wrapped.output.splitlines()
    assert max(len(line) for line in lines) <= 20
    assert "Religion" in wrapped.output.split() and "Commonwealth," in wrapped.output.split()


def test_markdown_front_matter_headings_footnotes_verse(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "markdown", str(CASES / "families.xml"),
                                      str(CASES / "notes-in-choice.xml"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "families.md").read_text(encoding="utf-8")
    assert md.startswith("---\ntitle: 'T'\nsource: 's'\nlang: 'en'\n---\n")
    assert "\n# Letter\n" in md and "\nfour\\\nfive\n" in md and "- one" in md
    notes = (tmp_path / "notes-in-choice.md").read_text(encoding="utf-8")
    assert "One[^1] the[^2] word, upon[^3] it[^4]." in notes
    assert "\n[^4]: last\n" in notes
