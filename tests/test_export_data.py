"""Data exports (mentions, geojson, network, cmif): content, standard readers, determinism.

The expectations are computed here independently of tei_edition.export (plain lxml
XPath over the TEI), so a bug in the module's walk cannot confirm itself.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.edition import _index_listing, build
from tei_edition.export.corpus import Corpus, parse_geo
from tei_edition.export.data import DATA_FORMATS, DataError, export_data, render_data
from tei_edition.metadata import EditionMeta

from .conftest import CASES, SHARED, SOURCE

CASE = CASES / "export-data"
FILES = sorted(CASE.glob("*.xml"))
T = {"t": "http://www.tei-c.org/ns/1.0"}
GEXF = {"g": "http://gexf.net/1.3"}
NAMES = ("persName", "placeName", "orgName", "geogName", "date")
UNIT_TAGS = {"p", "ab", "note", "head", "l", "item", "byline", "dateline", "opener",
             "closer", "salute", "signed", "docAuthor", "titlePart", "cell", "correspAction"}


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def _corpus() -> Corpus:
    return Corpus.from_paths(FILES)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _expected_mentions(path: Path) -> list[tuple[str, str, str]]:
    """(element, @ref, @key) of every mention: names and dates in text and correspDesc,
    rs/name only when they point somewhere, nothing inside register lists."""
    tree = etree.parse(str(path))
    found = tree.xpath(
        "(//t:profileDesc/t:correspDesc | //t:text)//*[self::t:persName or self::t:placeName"
        " or self::t:orgName or self::t:geogName or self::t:date or ((self::t:rs or "
        "self::t:name) and (@ref or @key))][not(ancestor::t:listPerson or "
        "ancestor::t:listPlace or ancestor::t:listOrg or ancestor::t:standOff)]",
        namespaces=T)
    return [(_local(e), e.get("ref", ""), e.get("key", "")) for e in found]


def _read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def _ids(refs: list[str]) -> list[str]:
    return [r.partition("#")[2] if r.startswith("register.xml#") else r for r in refs]


def _independent_edges(paths: list[Path]) -> Counter[tuple[str, str]]:
    """Co-occurrence counted from scratch: a letter is one passage, otherwise the nearest
    paragraph-like ancestor (p, note, head, …) is."""
    units: dict[tuple[str, object], set[str]] = {}
    for path in paths:
        tree = etree.parse(str(path))
        letter = bool(tree.xpath("//t:profileDesc/t:correspDesc", namespaces=T))
        names = tree.xpath("(//t:profileDesc/t:correspDesc | //t:text)//*[(self::t:persName "
                           "or self::t:orgName) and (@ref or @key)]", namespaces=T)
        for el in names:
            ident = _ids([el.get("ref") or el.get("key")])[0]
            if letter:
                units.setdefault((path.stem, "letter"), set()).add(ident)
                continue
            block = next((a for a in el.iterancestors() if _local(a) in UNIT_TAGS), None)
            if block is not None:
                units.setdefault((path.stem, block), set()).add(ident)
    edges: Counter[tuple[str, str]] = Counter()
    for members in units.values():
        for pair in itertools.combinations(sorted(members), 2):
            edges[pair] += 1
    return edges


def _gexf_edges(data: bytes) -> Counter[tuple[str, str]]:
    root = etree.fromstring(data)
    return Counter({(e.get("source"), e.get("target")): int(float(e.get("weight")))
                    for e in root.iterfind(".//g:edge", GEXF)})


# --- mentions ---------------------------------------------------------------------------

def test_every_mention_is_a_row_in_csv_and_json() -> None:
    result = render_data(_corpus(), "mentions")
    rows = _read_csv(result.files["mentions.csv"])
    document = json.loads(result.files["mentions.json"])
    expected = [(p.stem, *m) for p in FILES if p.name != "register.xml"
                for m in _expected_mentions(p)]
    assert [(r["document"], r["element"], r["ref"], r["key"]) for r in rows] == expected
    assert document["format"] == "tei-edition mentions" and document["version"] == 1
    assert list(rows[0]) == document["columns"]
    assert [{k: v or "" for k, v in m.items()} for m in document["mentions"]] == rows
    assert result.warnings == []


def test_mention_rows_carry_place_text_dates_authorities_and_context() -> None:
    rows = _read_csv(render_data(_corpus(), "mentions").files["mentions.csv"])
    by = {(r["document"], r["unit"], r["text"]): r for r in rows}
    note = by[("report", "report-n1", "late February")]
    assert (note["unit_element"], note["notBefore"], note["notAfter"]) == (
        "note", "1921-02-20", "1921-02-28")
    # lb break="no" joins the word; the choice reads corr, not sic
    kharkov = by[("report", "report-p2", "Kharkov")]
    assert kharkov["geonames"] == "http://www.geonames.org/706483"
    assert "the Typographers met" in kharkov["context"]
    assert "Typografers" not in kharkov["context"]
    petrova = by[("report", "report-p1", "Anna Petrova")]
    assert (petrova["register_id"], petrova["kind"], petrova["name"]) == (
        "petrova", "person", "Anna Petrova")
    assert petrova["viaf"] == "http://viaf.org/viaf/1000001"
    assert petrova["wikidata"] == "http://www.wikidata.org/entity/Q1000001"
    # a note inside a paragraph is its own passage: not in the paragraph's context
    assert "Okuneva" not in petrova["context"]
    union = by[("report", "report-p1", "Typographers’ Union")]
    assert union["wikidata"] == "http://www.wikidata.org/entity/Q1000003"
    spring = by[("report", "report-p2", "in spring")]
    assert (spring["from"], spring["to"], spring["when"]) == ("1921-04", "1921-05", "")
    sender = by[("letter-1", "", "Anna Petrova")]
    assert (sender["part"], sender["unit_element"]) == ("correspDesc", "correspAction")


def test_csv_quotes_as_rfc_4180() -> None:
    data = render_data(_corpus(), "mentions").files["mentions.csv"]
    assert all(line.endswith(b"\r") for line in data.split(b"\n")[:-1])  # CRLF records
    assert b'""as she put it, home""' in data  # quotes doubled inside a quoted field
    row = next(r for r in _read_csv(data) if r["unit"] == "report-p3")
    assert row["context"] == 'Okuneva stayed, "as she put it, home".'


# --- geojson ----------------------------------------------------------------------------

def test_every_register_place_with_coordinates_is_a_feature_lon_lat() -> None:
    collection = json.loads(render_data(_corpus(), "geojson").files["places.geojson"])
    register = etree.parse(str(CASE / "register.xml"))
    with_geo = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p.findtext(
        "t:location/t:geo", namespaces=T) for p in register.iterfind(".//t:place", T)
        if p.find("t:location/t:geo", T) is not None}
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == set(with_geo) == {"riga", "kharkov", "south-pole-station"}
    for ident, geo in with_geo.items():
        lat, lon = (float(x) for x in geo.split())
        assert features[ident]["geometry"] == {"type": "Point", "coordinates": [lon, lat]}
    assert features["riga"]["geometry"]["coordinates"] == [24.10589, 56.946]
    assert features["south-pole-station"]["geometry"]["coordinates"] == [-45.25, -89.5]
    riga = features["riga"]["properties"]
    assert riga["name"] == "Riga" and riga["register_id"] == "riga"
    assert riga["geonames"] == "http://www.geonames.org/456172"
    assert riga["mentions"] == 4 and riga["documents"] == ["letter-1", "report"]
    assert features["south-pole-station"]["properties"]["mentions"] == 0


def test_geojson_without_coordinates_is_empty_with_a_warning(tmp_path: Path) -> None:
    doc = tmp_path / "plain.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>'
                   '<placeName>Somewhere</placeName></p></body></text></TEI>')
    result = export_data([doc], "geojson", tmp_path / "out")
    assert json.loads((tmp_path / "out" / "places.geojson").read_text()) == {
        "type": "FeatureCollection", "features": []}
    assert any("no place has coordinates" in w for w in result.warnings)


@pytest.mark.parametrize(("geo", "expected"), [
    ("56.946 24.10589", (56.946, 24.10589)),
    ("37.80355, 12.4379", (37.80355, 12.4379)),
    ("48,208333 16,373056", (48.208333, 16.373056)),
    ("-89.5,-45.25", (-89.5, -45.25)),
    ("91 10", None), ("north", None), ("1 2 3", None),
])
def test_parse_geo(geo: str, expected: tuple[float, float] | None) -> None:
    assert parse_geo(geo) == expected


# --- network ----------------------------------------------------------------------------

def test_network_edges_match_an_independent_count() -> None:
    result = render_data(_corpus(), "network")
    docs = [p for p in FILES if p.name != "register.xml"]
    expected = _independent_edges(docs)
    assert _gexf_edges(result.files["network.gexf"]) == expected
    rows = _read_csv(result.files["network-edges.csv"])
    assert Counter({(r["Source"], r["Target"]): int(r["Weight"]) for r in rows}) == expected
    assert {r["Type"] for r in rows} == {"Undirected"}
    assert expected[("lind", "petrova")] == 3  # letter-1, report-p1, report-p2


def test_gexf_is_1_3_with_labels_and_authority_ids() -> None:
    root = etree.fromstring(render_data(_corpus(), "network").files["network.gexf"])
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    graph = root.find("g:graph", GEXF)
    assert graph.get("defaultedgetype") == "undirected"
    nodes = {n.get("id"): n for n in graph.iterfind("g:nodes/g:node", GEXF)}
    assert set(nodes) == {"petrova", "lind", "okuneva", "union",
                          "http://d-nb.info/gnd/100000004X"}  # no node for "a stranger"
    lind = nodes["lind"]
    values = {v.get("for"): v.get("value") for v in lind.iterfind("g:attvalues/g:attvalue",
                                                                  GEXF)}
    assert lind.get("label") == "Boris Lind"
    assert values["gnd"] == "http://d-nb.info/gnd/100000002X" and values["kind"] == "person"
    declared = {a.get("id") for a in graph.iterfind("g:attributes/g:attribute", GEXF)}
    assert set(values) <= declared
    ids = [e.get("id") for e in graph.iterfind("g:edges/g:edge", GEXF)]
    assert len(ids) == len(set(ids))


# --- cmif -------------------------------------------------------------------------------

def test_cmif_structure() -> None:
    root = etree.fromstring(render_data(_corpus(), "cmif").files["cmif.xml"])
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    pub = root.find("t:teiHeader/t:fileDesc/t:publicationStmt", T)
    assert pub.find("t:idno[@type='url']", T) is not None
    assert pub.find("t:date", T).get("when") == "2023-11-14T22:13:20Z"
    assert pub.find("t:availability/t:licence", T).get("target") == (
        "https://creativecommons.org/licenses/by/4.0/")
    bibl = root.find("t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl", T)
    assert bibl.get("type") == "online"
    descs = root.findall("t:teiHeader/t:profileDesc/t:correspDesc", T)
    assert [d.get("key") for d in descs] == ["letter-1", "letter-2"]  # not the report
    for desc in descs:
        assert desc.get("source") == "#" + bibl.get("{http://www.w3.org/XML/1998/namespace}id")
        assert [a.get("type") for a in desc] == ["sent", "received"]
        for action in desc:
            assert {_local(c) for c in action} <= {"persName", "orgName", "placeName", "date"}
            assert action.find("t:persName", T) is not None or action.find("t:orgName", T) \
                is not None
        for el in desc.iter():
            ref = el.get("ref")
            assert ref is None or ref.startswith(("http://viaf.org/viaf/", "http://d-nb.info/gnd/",
                                                  "http://www.wikidata.org/entity/",
                                                  "http://www.geonames.org/"))
    sent, received = descs[0]
    assert [(_local(c), c.get("ref"), c.text) for c in sent] == [
        ("persName", "http://viaf.org/viaf/1000001", "Anna Petrova"),  # VIAF over Wikidata
        ("placeName", "http://www.geonames.org/456172", "Riga"),
        ("date", None, None)]
    assert sent.find("t:date", T).attrib == {"when": "1921-04-02"}
    assert received.find("t:orgName", T).get("ref") == "http://www.wikidata.org/entity/Q1000003"
    assert dict(received.find("t:date", T).attrib) == {"notBefore": "1921-04-10",
                                                       "notAfter": "1921-04-20"}
    unknown = descs[1].find("t:correspAction[@type='received']", T)
    assert [c.text for c in unknown] == ["Unknown"]


def test_cmif_without_letters_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="none of the 1 document") as caught:
        export_data([CASE / "report.xml"], "cmif", tmp_path)
    assert caught.value.exit_code == 1
    assert not list(tmp_path.iterdir())


@pytest.mark.skipif(not (SHARED / "tei-samples").is_dir(), reason="../shared is absent")
def test_cmif_and_geojson_of_third_party_tei() -> None:
    samples = SHARED / "tei-samples"
    corpus = Corpus.from_paths([
        samples / "invalid" / "schnitzler-briefe_L01650.xml",
        samples / "valid" / "escher_K_3182_AE_an_von_Roeder_1878-07-09.xml"])
    root = etree.fromstring(render_data(corpus, "cmif").files["cmif.xml"])
    refs = [p.get("ref") for p in root.iterfind(".//t:correspDesc/t:correspAction/t:persName", T)]
    assert "http://d-nb.info/gnd/118609807" in refs  # Schnitzler's @ref, kept as found
    # Escher types both correspondents inside the sent action: the addressee is received
    received = root.find(".//t:correspDesc[@key='escher_K_3182_AE_an_von_Roeder_1878-07-09']"
                         "/t:correspAction[@type='received']/t:persName", T)
    assert received.text == "Alfred Escher"
    features = json.loads(render_data(corpus, "geojson").files["places.geojson"])["features"]
    wien = next(f for f in features if f["id"] == "pmb50")
    assert wien["geometry"]["coordinates"] == [16.373056, 48.208333]  # "48,208333 16,373056"
    mitford = Corpus.from_paths([samples / "valid" / "mitford_si-Add-Journal-07-2024.xml"])
    places = json.loads(render_data(mitford, "geojson").files["places.geojson"])["features"]
    aldermaston = next(f for f in places if f["id"] == "Aldermaston")
    assert aldermaston["geometry"]["coordinates"] == [-1.15, 51.383]


# --- every format: determinism, file choice, the registry -------------------------------

@pytest.mark.parametrize("fmt", list(DATA_FORMATS))
def test_reruns_are_byte_identical(fmt: str, tmp_path: Path) -> None:
    first = export_data(FILES, fmt, tmp_path / "a").written
    second = export_data(list(reversed(FILES)), fmt, tmp_path / "b").written
    assert [p.name for p in first] == list(DATA_FORMATS[fmt].outputs)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_output_file_picks_one_output(tmp_path: Path) -> None:
    result = export_data(FILES, "mentions", tmp_path / "people.json")
    assert result.written == [tmp_path / "people.json"]
    assert json.loads((tmp_path / "people.json").read_text())["mentions"]
    from tei_edition.errors import UsageError
    with pytest.raises(UsageError, match="mentions writes"):
        export_data(FILES, "mentions", tmp_path / "people.gexf")
    with pytest.raises(UsageError, match="unknown data format"):
        export_data(FILES, "kml", tmp_path)


def test_a_missing_register_is_a_warning(tmp_path: Path) -> None:
    doc = tmp_path / "report.xml"
    doc.write_bytes((CASE / "report.xml").read_bytes())
    result = export_data([doc], "mentions", tmp_path / "out")
    assert any("points into register.xml" in w for w in result.warnings)
    rows = _read_csv((tmp_path / "out" / "mentions.csv").read_bytes())
    assert rows and all(r["viaf"] == "" for r in rows)


# --- the bundled edition, through build ---------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("edition")
    report = build(SOURCE, out)
    assert report.ok, report.failed or report.problems or report.stopped
    return out


def test_build_writes_the_data(built: Path) -> None:
    names = {p.name for p in (built / "data").iterdir()}
    assert names == {"mentions.csv", "mentions.json", "places.geojson", "network.gexf",
                     "network-edges.csv"}  # no letter in source/: no cmif.xml
    docs = sorted((built / "tei").glob("*.xml"))
    docs = [d for d in docs if d.name != "register.xml"]
    rows = _read_csv((built / "data" / "mentions.csv").read_bytes())
    expected = [(d.stem, *m) for d in docs for m in _expected_mentions(d)]
    assert [(r["document"], r["element"], r["ref"], r["key"]) for r in rows] == expected
    assert len(json.loads((built / "data" / "mentions.json").read_bytes())["mentions"]) == \
        len(rows)


def test_build_geojson_has_every_register_place_with_coordinates(built: Path) -> None:
    register = etree.parse(str(SOURCE / "register.xml"))
    expected = {}
    for place in register.iterfind(".//t:place", T):
        geo = place.findtext("t:location/t:geo", namespaces=T)
        if geo:
            lat, lon = (float(x) for x in geo.split())
            expected[place.get("{http://www.w3.org/XML/1998/namespace}id")] = [lon, lat]
    features = json.loads((built / "data" / "places.geojson").read_bytes())["features"]
    assert expected and {f["id"]: f["geometry"]["coordinates"] for f in features} == expected


def test_build_network_matches_an_independent_count(built: Path) -> None:
    docs = [d for d in sorted((built / "tei").glob("*.xml")) if d.name != "register.xml"]
    expected = _independent_edges(docs)
    assert expected
    assert _gexf_edges((built / "data" / "network.gexf").read_bytes()) == expected


def test_build_removes_a_stale_cmif_and_lists_the_data(tmp_path: Path) -> None:
    stale = tmp_path / "data" / "cmif.xml"
    stale.parent.mkdir(parents=True)
    stale.write_text("<TEI/>")
    report = build(SOURCE, tmp_path)
    assert not stale.exists() and str(stale) in report.removed
    listing = _index_listing(EditionMeta(), {}, False, ["mentions.csv", "cmif.xml"])
    assert [(d.get("href"), d.get("format")) for d in listing.getroot().iter("data")] == [
        ("../data/mentions.csv", "CSV"), ("../data/cmif.xml", "CMIF")]


def test_build_of_letters_writes_cmif(tmp_path: Path) -> None:
    report = build(CASES / "correspondence", tmp_path)
    assert report.built
    root = etree.parse(str(tmp_path / "data" / "cmif.xml")).getroot()
    assert root.findall(".//t:correspDesc", T)


# --- the command line ------------------------------------------------------------------

def test_cli_offers_exactly_the_data_formats_of_the_library():
    from tei_edition.cli import _DATA_FORMATS
    from tei_edition.export import DATA_FORMAT_NAMES

    assert tuple(DATA_FORMATS) == DATA_FORMAT_NAMES == _DATA_FORMATS


def test_cli_data_formats_to_standard_output_parse(runner):
    from tei_edition.cli import cli

    files = [str(f) for f in FILES]
    mentions = runner.invoke(cli, ["export", "mentions", *files])
    assert mentions.exit_code == 0, mentions.output
    rows = list(csv.DictReader(io.StringIO(mentions.stdout, newline="")))
    assert len(rows) == sum(len(_expected_mentions(f)) for f in FILES
                            if f.name != "register.xml")
    places = runner.invoke(cli, ["export", "geojson", *files])
    assert json.loads(places.stdout)["type"] == "FeatureCollection"
    network = runner.invoke(cli, ["export", "network", *files])
    assert etree.fromstring(network.stdout_bytes).tag == "{http://gexf.net/1.3}gexf"
    cmif = runner.invoke(cli, ["export", "cmif", *files])
    assert cmif.exit_code == 0, cmif.output
    assert etree.fromstring(cmif.stdout_bytes).xpath("count(//t:correspDesc)", namespaces=T) > 0


def test_cli_data_format_to_one_file_or_a_folder(runner, tmp_path):
    from tei_edition.cli import cli

    files = [str(f) for f in FILES]
    result = runner.invoke(cli, ["export", "mentions", *files, "-o", str(tmp_path / "p.csv")])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["p.csv"]
    result = runner.invoke(cli, ["export", "network", *files, "-o", str(tmp_path / "net")])
    assert sorted(p.name for p in (tmp_path / "net").iterdir()) == [
        "network-edges.csv", "network.gexf"]


def test_cli_cmif_without_letters_fails_and_writes_nothing(runner, tmp_path):
    from tei_edition.cli import cli

    result = runner.invoke(cli, ["export", "cmif", str(CASE / "report.xml"),
                                 "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "letter" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_cli_register_option_is_for_data_formats_only(runner):
    from tei_edition.cli import cli

    result = runner.invoke(cli, ["export", "html", str(FILES[0]), "--register",
                                 str(CASE / "register.xml")])
    assert result.exit_code == 2
