"""Golden-file tests of the exporters: tests/cases/export/NAME.xml (a small TEI input
written by hand, one per family of elements) → NAME.expected.html (the page's
<main> and Notes section) and NAME.expected.txt (the reading text).

Set TEI_EDITION_REGOLD=1 to rewrite the expected files after a deliberate change,
then read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree, html

from tei_edition.export import render

from .html_checks import internal_links_resolve, network_loads

CASES = Path(__file__).resolve().parent / "cases" / "export"
INPUTS = sorted(CASES.glob("*.xml"))
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def html_fragment(page: bytes) -> str:
    doc = html.document_fromstring(page)
    parts = doc.xpath("//main | //section[@class='notes']")
    return "\n".join(html.tostring(p, encoding="unicode") for p in parts) + "\n"


def check(expected: Path, actual: str) -> None:
    if os.environ.get("TEI_EDITION_REGOLD"):
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", INPUTS, ids=lambda p: p.stem)
def test_golden_html(case: Path) -> None:
    page = render(etree.parse(str(case), PARSER), "html", source=str(case))
    doc = html.document_fromstring(page)
    assert internal_links_resolve(doc) == [] and network_loads(doc) == []
    check(case.with_suffix(".expected.html"), html_fragment(page))


@pytest.mark.parametrize("case", INPUTS, ids=lambda p: p.stem)
def test_golden_text(case: Path) -> None:
    text = render(etree.parse(str(case), PARSER), "text", source=str(case)).decode("utf-8")
    check(case.with_suffix(".expected.txt"), text)
