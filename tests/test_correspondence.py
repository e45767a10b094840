"""profileDesc/correspDesc from edition.toml: senders, addressees, places and dates."""

from __future__ import annotations

import shutil

import pytest

from tei_edition.convert import Sources, convert
from tei_edition.errors import SourceError
from tei_edition.metadata import load
from tei_edition.validate import iter_issues, our_schema
from tei_edition.xmlio import NSMAP, serialize

from .conftest import CASES

CASE = CASES / "correspondence"
NAME = "1921-04-02-letter"

REGISTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R
</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc></teiHeader><standOff>
<listPerson>
 <person xml:id="kv1"><persName>Karl Vogt</persName></person>
 <person xml:id="kv2"><persName>Karl Vogt</persName></person>
 <person xml:id="ann"><persName>Anna Petrova</persName></person>
</listPerson>
<listPlace><place xml:id="riga"><placeName>Riga</placeName></place></listPlace>
<listOrg><org xml:id="league"><orgName>Communist League</orgName></org></listOrg>
</standOff></TEI>"""


def _actions(tree) -> list[tuple[str, list[tuple[str, dict[str, str], str]]]]:
    """Each correspAction as (type, [(child, attributes, text), …])."""
    desc = tree.getroot().find("tei:teiHeader/tei:profileDesc/tei:correspDesc", NSMAP)
    if desc is None:
        return []
    return [
        (action.get("type"),
         [(child.tag.rpartition("}")[2], dict(child.attrib), child.text or "")
          for child in action])
        for action in desc
    ]


def _letter(tmp_path, keys: str):
    """Convert a small letter whose [documents.letter] table holds ``keys``."""
    (tmp_path / "register.xml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "edition.toml").write_text(
        f'[edition]\ntitle = "E"\n\n[documents.letter]\ntitle = "A letter"\n{keys}\n',
        encoding="utf-8")
    txt = tmp_path / "letter.txt"
    txt.write_text("A letter\n\nMay 3, 1849\n\nDear friend, all is well.\n", encoding="utf-8")
    issues: list = []
    tree = convert(txt, Sources.load(tmp_path), issues=issues)
    return tree, issues


def test_the_case_gets_sent_and_received_actions_with_register_refs():
    issues: list = []
    tree = convert(CASE / f"{NAME}.txt", Sources.load(CASE), issues=issues)
    assert _actions(tree) == [
        ("sent", [
            ("persName", {"ref": "register.xml#petrova"}, "Anna Petrova"),
            ("placeName", {"ref": "register.xml#riga"}, "Riga"),
            ("date", {"when": "1921-04-02"}, ""),
        ]),
        ("received", [
            ("persName", {"ref": "register.xml#lind"}, "Boris Lind"),
            ("orgName", {"ref": "register.xml#typographers"}, "Kharkov Typographers’ Union"),
            ("placeName", {"ref": "register.xml#kharkov"}, "Kharkov"),
            ("date", {"notBefore": "1921-04-10", "notAfter": "1921-04-20"}, ""),
        ]),
    ]
    assert [i for i in issues if i.rule == "corresp-unknown-name"] == []


def test_the_case_is_valid_against_our_schema_and_tei_all(tmp_path, tei_all):
    # Written beside the register, so the integrity rules resolve every @ref too.
    shutil.copy(CASE / "register.xml", tmp_path / "register.xml")
    out = tmp_path / f"{NAME}.xml"
    out.write_bytes(serialize(convert(CASE / f"{NAME}.txt", Sources.load(CASE))))
    assert [i.render() for i in iter_issues(out, our_schema())] == []
    assert [i.render() for i in iter_issues(out, tei_all)] == []


def test_no_correspondence_keys_no_correspdesc(tmp_path):
    tree, _ = _letter(tmp_path, "")
    assert tree.getroot().find(".//tei:correspDesc", NSMAP) is None


def test_only_what_is_known_is_encoded(tmp_path):
    tree, _ = _letter(tmp_path, 'addressee = "Anna Petrova"')
    assert _actions(tree) == [
        ("received", [("persName", {"ref": "register.xml#ann"}, "Anna Petrova")]),
    ]


def test_an_organisation_sends_as_orgname_and_names_are_spacing_normalised(tmp_path):
    tree, _ = _letter(tmp_path, 'sender = ["Communist  League", "Anna Petrova"]')
    assert _actions(tree) == [("sent", [
        ("orgName", {"ref": "register.xml#league"}, "Communist League"),
        ("persName", {"ref": "register.xml#ann"}, "Anna Petrova"),
    ])]


def test_an_unknown_name_is_kept_without_ref_and_warned_about_with_its_line(tmp_path):
    # "Riga" is a place of the register, not a person: as a sender it is unknown too.
    tree, issues = _letter(tmp_path, 'sender = "Wilhelm Wolff"\naddressee = "Riga"\n'
                                     'received-place = "Cologne"')
    assert _actions(tree) == [
        ("sent", [("persName", {}, "Wilhelm Wolff")]),
        ("received", [("persName", {}, "Riga"), ("placeName", {}, "Cologne")]),
    ]
    warnings = [(i.file, i.line, i.severity) for i in issues if i.rule == "corresp-unknown-name"]
    toml = str(tmp_path / "edition.toml")
    assert warnings == [(toml, 6, "warning"), (toml, 7, "warning"), (toml, 8, "warning")]
    assert "'Wilhelm Wolff'" in issues[0].message and "register.xml" in issues[0].message


def test_a_name_of_several_entries_is_an_error_at_its_line(tmp_path):
    with pytest.raises(SourceError) as info:
        _letter(tmp_path, 'sent-place = "Riga"\n\nsender = "Karl Vogt"')
    error = info.value
    assert (error.path, error.line) == (str(tmp_path / "edition.toml"), 8)
    assert "'kv1', 'kv2'" in error.message and "sender" in error.message


@pytest.mark.parametrize(("value", "attrs"), [
    ("1849-05-03", {"when": "1849-05-03"}),          # a TOML date
    ('"1849-05-03"', {"when": "1849-05-03"}),
    ('"1849-05"', {"when": "1849-05"}),
    ('"1849"', {"when": "1849"}),
    ('["1848-03-21", "1848-03-24"]', {"notBefore": "1848-03-21", "notAfter": "1848-03-24"}),
    ('["1848-03", 1848-04-02]', {"notBefore": "1848-03", "notAfter": "1848-04-02"}),
    ('["1848-03-05", "1848-03"]', {"notBefore": "1848-03-05", "notAfter": "1848-03"}),
])
def test_dates(tmp_path, value, attrs):
    tree, _ = _letter(tmp_path, f"sent-date = {value}\nreceived-date = {value}")
    assert _actions(tree) == [("sent", [("date", attrs, "")]), ("received", [("date", attrs, "")])]


@pytest.mark.parametrize(("value", "words"), [
    ('"1848-03/1848-04"', 'write a range as a list: sent-date = ["1848-03", "1848-04"]'),
    ('"3 May 1849"', "ISO 8601"),
    ('"1849-02-30"', "names a real day"),
    ('"1849-13"', "names a real day"),
    ("1849-05-03T10:00:00", "without a time"),
    ('["1848-03-21"]', "a list of 1"),
    ('["1848-04", "1848-03-31"]', "1848-04 is after 1848-03-31"),
    ("1849", "ISO 8601"),
])
def test_bad_dates_are_errors_at_their_line(tmp_path, value, words):
    (tmp_path / "edition.toml").write_text(
        f'[documents.letter]\ntitle = "A"\n\n# when\nsent-date = {value}\n', encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load(tmp_path / "edition.toml")
    assert info.value.line == 5
    assert words in info.value.message
    assert "[documents.letter]" in info.value.message


@pytest.mark.parametrize(("value", "words"), [
    ("[]", "empty list"),
    ('""', "non-empty string"),
    ("42", "non-empty string"),
])
def test_bad_names_are_errors_at_their_line(tmp_path, value, words):
    (tmp_path / "edition.toml").write_text(
        f'[documents.letter]\nsender = "A"\naddressee = {value}\n', encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load(tmp_path / "edition.toml")
    assert (info.value.line, words in info.value.message) == (3, True)


def test_key_lines_belong_to_the_documents_own_table(tmp_path):
    (tmp_path / "edition.toml").write_text(
        '[documents.a.printed]\ntitle = "P"\n\n[documents.a]\nsender = "X"\n\n'
        '[documents."b"]\naddressee = [\n  "Y",\n  "Z",\n]\nsent-place = "Q"\n',
        encoding="utf-8")
    meta = load(tmp_path / "edition.toml")
    a, b = meta.documents["a"].correspondence, meta.documents["b"].correspondence
    assert a is not None and b is not None
    assert (a.lines["sender"], a.lines["addressee"]) == (5, 1)  # absent key: the table's line
    assert (b.addressees, b.lines["addressee"], b.lines["sent-place"]) == (("Y", "Z"), 8, 12)


def test_a_misspelt_key_is_refused_with_the_allowed_ones(tmp_path):
    (tmp_path / "edition.toml").write_text('[documents.letter]\nrecipient = "A"\n',
                                           encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load(tmp_path / "edition.toml")
    assert "'recipient'" in info.value.message and "addressee" in info.value.message
