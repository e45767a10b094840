"""The edition site `tei-edition build` writes into build/html/, checked without a
browser (tests/test_browser.py drives Chromium): valid HTML5, no network, prev/next by
date, the register sorted by surname, map and timeline marks that land on anchors,
the search index (Pagefind, or the JSON fallback), and the preview server."""

from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path

import html5lib
import pytest
from lxml import etree, html

from tei_edition import build, preview, site
from tei_edition.export import transform
from tei_edition.xmlio import parse

from .conftest import SOURCE
from .html_checks import internal_links_resolve, network_loads

NAME = "1920-11-29-soviet-press"
SVG_A = "{http://www.w3.org/2000/svg}a"


def two_documents(tmp_path: Path) -> Path:
    """source/ with the bundled transcription twice, a week apart (no per-document facts)."""
    src = tmp_path / "source"
    shutil.copytree(SOURCE, src)
    text = (src / f"{NAME}.txt").read_text("utf-8")
    (src / f"{NAME}.txt").unlink()
    (src / "corrections.toml").write_text("", "utf-8")
    toml = (src / "edition.toml").read_text("utf-8")
    (src / "edition.toml").write_text(toml.split("\n[documents.")[0] + "\n", "utf-8")
    (src / "1920-12-06-later.txt").write_text(
        text.replace("November 29, 1920", "December 6, 1920", 1), "utf-8")
    (src / "1920-11-29-earlier.txt").write_text(text, "utf-8")
    return src


def page(built: Path, name: str) -> html.HtmlElement:
    return html.parse(str(built / "html" / name)).getroot()


def test_every_page_is_valid_html5_with_lang_and_no_network(built) -> None:
    pages = sorted((built / "html").glob("*.html"))
    assert {p.name for p in pages} >= {f"{NAME}.html", "index.html", "register.html",
                                       "map.html", "timeline.html", "search.html"}
    strict = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for path in pages:
        strict.parse(path.read_bytes())  # raises on the first parse error
        doc = page(built, path.name)
        assert doc.get("lang") == "en", path.name
        assert internal_links_resolve(doc) == [], path.name
        for tag, attr, value in network_loads(doc):
            if not attr:
                continue  # the element itself (link, script): its URL is checked
            # only the shipped assets and the search index, by relative URL
            assert "//" not in value and (built / "html" / value).is_file(), (path, tag, attr)


def test_assets_come_from_the_package(built) -> None:
    for name in site.ASSETS:
        assert (built / "html" / "assets" / name).read_bytes() == (
            site.ASSETS_DIR / name).read_bytes()
    css = (built / "html" / "assets" / "edition.css").read_text("utf-8")
    assert "prefers-color-scheme:dark" in css and "@import" not in css and "url(" not in css


def test_single_file_export_stays_standalone(built) -> None:
    doc = html.document_fromstring(transform(parse(built / "tei" / f"{NAME}.xml"), "html"))
    assert network_loads(doc) == []
    assert not doc.xpath("//*[@class='site-header' or @class='p-tools' or @class='cite']")


def test_reading_page_header_tei_copy_and_tooltips(built) -> None:
    doc = page(built, f"{NAME}.html")
    tei = doc.xpath("//a[@class='tei-link']/@href")[0]
    assert tei == f"tei/{NAME}.xml"
    assert b"<TEI" in (built / "html" / tei).read_bytes()
    assert (built / "html" / "tei" / "register.xml").is_file()
    credits = [" ".join(dd.text_content().split()) for dd in doc.xpath("//dd[@class='resp']")]
    assert "Transcribed and HTML markup for the Trotsky Internet Archive: David Walters" in credits
    paris = doc.xpath("//a[@class='placeName'][@href='register.html#paris']")[0]
    assert paris.get("title") == "Paris (48.85, 2.35)"
    assert doc.xpath("//*[@data-not-before='1919-06-01']/@title") == [
        "between 1919-06-01 and 1919-08-31"]
    assert [a.text_content() for a in doc.xpath("//p[@id]/span[@class='p-tools']/a")] == [
        f"¶ {n}" for n in range(1, 7)]


def test_index_describes_each_document(built) -> None:
    doc = page(built, "index.html")
    [item] = doc.xpath("//ol[@class='documents']/li")
    assert item.xpath("string(span[@class='doc-desc'])").startswith(
        "To the question about the situation at the front")
    assert "1 document, 1920" in doc.xpath("string(//dl[@class='edition-meta'])")
    assert doc.xpath("//ul[@class='data-links']//a[@href='../data/mentions.csv']")


def test_previous_and_next_by_date(tmp_path) -> None:
    out = tmp_path / "out"
    report = build(two_documents(tmp_path), out)
    assert report.ok, report.failed or report.problems
    earlier, later = page(out, "1920-11-29-earlier.html"), page(out, "1920-12-06-later.html")
    assert earlier.xpath("//nav[@class='doc-nav']/a[@rel='next']/@href") == [
        "1920-12-06-later.html"] * 2  # top and bottom
    assert not earlier.xpath("//a[@rel='prev']")
    assert later.xpath("//a[@rel='prev']/@href")[0] == "1920-11-29-earlier.html"
    # a document that is gone takes its TEI copy with it
    (tmp_path / "source" / "1920-12-06-later.txt").unlink()
    assert build(tmp_path / "source", out).ok
    assert sorted(p.name for p in (out / "html" / "tei").glob("*.xml")) == [
        "1920-11-29-earlier.xml", "register.xml"]


def test_persons_sorted_by_surname(built) -> None:
    doc = page(built, "register.html")
    names = [h.text_content() for h in doc.xpath("//section[@id='persons']//h3")]
    assert names[:3] == ["Semyon Budyonny", "Stanisław Bułak-Bałachowicz",
                         "David Lloyd George"]
    assert names.index("Leon Trotsky") < names.index("David Walters")


def test_entry_sort_keys() -> None:
    entry = site.Entry("x", "person", "David Lloyd George", ["Lloyd George"], None, "")
    assert entry.sort_key == "lloyd george david"
    assert site.Entry("y", "person", "Łukasz Żak", [], None, "").sort_key == "zak lukasz"
    assert site.Entry("z", "place", "Łódź", [], (51.8, 19.5), "").sort_key == "lodz"


def test_dates_as_fractional_years() -> None:
    assert site.year_fraction("1920") == 1920 and site.year_fraction("1920", end=True) == 1921
    assert site.year_fraction("1920-11", end=True) == pytest.approx(1920 + 11 / 12)
    assert site.year_fraction("November") is None
    el = etree.Element("date", notBefore="1919-06-01", notAfter="1919-08-31")
    start, end = site.date_span(el)
    assert 1919.4 < start < end < 1919.7


def _anchor_exists(built: Path, href: str) -> bool:
    target, _, fragment = href.partition("#")
    doc = page(built, target)
    return not fragment or bool(doc.xpath("//*[@id=$f]", f=fragment))


def test_map_marks_link_to_register_entries(built) -> None:
    svg = page(built, "map.html").xpath("//svg")[0]
    marks = svg.xpath(".//a[@class='place-mark']")
    assert {m.get("href") for m in marks} >= {"register.html#paris", "register.html#london"}
    assert all(_anchor_exists(built, m.get("href")) for m in marks)
    width = float(svg.get("viewbox", svg.get("viewBox", "0 0 800 1")).split()[2])
    assert all(0 <= float(t.get("x")) <= width for t in svg.xpath(".//text"))


def test_timeline_marks_link_to_their_paragraphs(built) -> None:
    svg = page(built, "timeline.html").xpath("//svg")[0]
    docs = svg.xpath(".//a[@class='document-mark']/@href")
    mentions = svg.xpath(".//a[@class='mention-mark']/@href")
    assert docs == [f"{NAME}.html"]
    assert f"{NAME}.html#d{NAME}-p6" in mentions  # "1908"
    assert len(mentions) == 9
    assert all(_anchor_exists(built, h) for h in docs + mentions)


def test_pagefind_index_is_built(built) -> None:
    if site.pagefind_binary() is None:
        pytest.skip("pagefind-bin is not installed")
    assert (built / "html" / "pagefind" / "pagefind.js").is_file()
    assert page(built, "search.html").xpath("//form/@data-engine") == ["pagefind"]
    assert not (built / "html" / site.JSON_INDEX).exists()


def test_json_index_when_pagefind_cannot_run(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(site, "pagefind_binary", lambda: None)
    report = build(SOURCE, tmp_path)
    assert report.ok
    assert any("built-in index" in w for w in report.warnings)
    script = (tmp_path / "html" / site.JSON_INDEX).read_text("utf-8")
    assert f'"u": "{NAME}.html#d{NAME}-p3"' in script and "mighty iron and steel" in script
    assert "Bulak-Balakhovich was an officer" in script  # notes are searched too
    search = page(tmp_path, "search.html")
    assert search.xpath("//form/@data-engine") == ["json"]
    assert search.xpath("//script/@src")[-1] == site.JSON_INDEX


def test_preview_server_redirects_to_the_edition(built) -> None:
    server = preview.make_server(built, "127.0.0.1", 0, verbose=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(base + "/") as response:  # follows the redirect
            assert response.url == base + "/html/"
            assert b"Military Writings 1920" in response.read()
        with urllib.request.urlopen(base + "/data/mentions.csv") as response:
            assert response.status == 200
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "/html/nothing.html")
    finally:
        server.shutdown()
        server.server_close()


def test_serve_command_refuses_a_folder_without_an_edition(runner, tmp_path) -> None:
    from tei_edition.cli import cli

    result = runner.invoke(cli, ["serve", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "tei-edition build" in result.stderr
