"""Tests for schema/tei-edition.xsd, our TEI customisation.

The schema must load offline in both xmlschema and lxml (libxml2), accept the
specimen documents and the valid variants, reject the invalid cases, and stay
a strict subset of TEI P5 (tei_all): every valid variant is checked against
tei_all.rng, and every element and attribute our schema declares is checked
to be allowed by tei_all in the same parent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schema" / "tei-edition.xsd"
CASES = HERE / "cases"
SPECIMENS = sorted((CASES / "spec").glob("*.xml"))
VALID = sorted((CASES / "schema" / "valid").glob("*.xml"))
INVALID = sorted((CASES / "schema" / "invalid").glob("*.xml"))
# The shared data folder sits beside the checkout.
TEI_ALL = Path(__file__).resolve().parents[2] / "shared" / "tei" / "tei_all.rng"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
RNG_NS = "{http://relaxng.org/ns/structure/1.0}"

# collect_ids=False: otherwise libxml2 itself rejects a duplicate or malformed
# xml:id while parsing, and the schema would never get to see it.
PARSER = etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True)


def ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), PARSER)


@pytest.fixture(scope="module")
def xsd_xmlschema() -> xmlschema.XMLSchema10:
    # allow="local": fail rather than fetch anything from the network
    return xmlschema.XMLSchema10(str(SCHEMA), allow="local")


@pytest.fixture(scope="module")
def xsd_lxml() -> etree.XMLSchema:
    return etree.XMLSchema(parse(SCHEMA))


@pytest.fixture(scope="session")
def tei_all_tree() -> etree._ElementTree:
    if not TEI_ALL.is_file():
        pytest.skip(f"tei_all.rng not found at {TEI_ALL} (no shared folder beside the checkout)")
    return etree.parse(str(TEI_ALL))


@pytest.fixture(scope="session")
def tei_all(tei_all_tree: etree._ElementTree) -> etree.RelaxNG:
    return etree.RelaxNG(tei_all_tree)  # slow (6-14 s): compiled once per session


def xmlschema_errors(schema: xmlschema.XMLSchema10, path: Path) -> list[str]:
    return [str(error) for error in schema.iter_errors(parse(path))]


def lxml_errors(schema: etree.XMLSchema | etree.RelaxNG, path: Path) -> list[str]:
    if schema.validate(parse(path)):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


# -- loading ---------------------------------------------------------------


def test_schema_is_local() -> None:
    doc = parse(SCHEMA)
    locations = doc.xpath(
        "//xs:import/@schemaLocation | //xs:include/@schemaLocation",
        namespaces={"xs": "http://www.w3.org/2001/XMLSchema"},
    )
    assert locations == ["xml.xsd"]
    assert (SCHEMA.parent / "xml.xsd").is_file()


def test_tei_is_the_only_root(xsd_xmlschema: xmlschema.XMLSchema10) -> None:
    assert list(xsd_xmlschema.elements) == ["TEI"]
    assert xsd_xmlschema.target_namespace == TEI_NS


# -- specimens and valid variants -------------------------------------------


@pytest.mark.parametrize("path", SPECIMENS + VALID, ids=ids(SPECIMENS + VALID))
def test_valid_xmlschema(xsd_xmlschema: xmlschema.XMLSchema10, path: Path) -> None:
    assert xmlschema_errors(xsd_xmlschema, path) == []


@pytest.mark.parametrize("path", SPECIMENS + VALID, ids=ids(SPECIMENS + VALID))
def test_valid_lxml(xsd_lxml: etree.XMLSchema, path: Path) -> None:
    assert lxml_errors(xsd_lxml, path) == []


def test_specimens_present() -> None:
    assert {p.name for p in SPECIMENS} >= {"sample.xml", "register.xml"}
    assert len(VALID) >= 10


# -- invalid cases ------------------------------------------------------------


def expected_fault(path: Path) -> str:
    """The keyword after 'expect:' in the comment on line 2 of an invalid case."""
    line2 = path.read_text(encoding="utf-8").splitlines()[1]
    match = re.fullmatch(r"<!-- (.+) \| expect: (\S+) -->", line2)
    assert match, f"{path.name}: line 2 must be '<!-- what is wrong | expect: KEYWORD -->'"
    return match.group(2)


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
def test_invalid_xmlschema(xsd_xmlschema: xmlschema.XMLSchema10, path: Path) -> None:
    errors = xmlschema_errors(xsd_xmlschema, path)
    assert errors, f"{path.name} should be rejected"
    keyword = expected_fault(path)
    assert any(keyword in e for e in errors), f"rejected for another reason: {errors}"


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
def test_invalid_lxml(xsd_lxml: etree.XMLSchema, path: Path) -> None:
    errors = lxml_errors(xsd_lxml, path)
    assert errors, f"{path.name} should be rejected"
    keyword = expected_fault(path)
    assert any(keyword in e for e in errors), f"rejected for another reason: {errors}"


def test_enough_invalid_cases() -> None:
    assert len(INVALID) >= 20


# -- strict subset of tei_all -----------------------------------------------------


@pytest.mark.parametrize("path", SPECIMENS + VALID, ids=ids(SPECIMENS + VALID))
def test_valid_under_tei_all(tei_all: etree.RelaxNG, path: Path) -> None:
    assert lxml_errors(tei_all, path) == []


def rng_allowed(tei_all_tree: etree._ElementTree) -> dict[str, tuple[set[str], set[str]]]:
    """For each TEI element: the child element names and attribute names tei_all allows."""
    defines: dict[str, list[etree._Element]] = {}
    for define in tei_all_tree.iter(f"{RNG_NS}define"):
        defines.setdefault(define.get("name"), []).append(define)

    def walk(node: etree._Element, seen: set[str]) -> Iterator[tuple[str, str]]:
        for child in node.iterchildren(f"{RNG_NS}*"):
            tag = etree.QName(child).localname
            if tag in ("element", "attribute"):
                yield tag, child.get("name") or "*"
            elif tag == "ref" and child.get("name") not in seen:
                seen.add(child.get("name"))
                for define in defines.get(child.get("name"), []):
                    yield from walk(define, seen)
            elif tag not in ("ref", "data", "value", "name", "anyName", "nsName"):
                yield from walk(child, seen)

    allowed: dict[str, tuple[set[str], set[str]]] = {}
    for element in tei_all_tree.iter(f"{RNG_NS}element"):
        if element.get("name"):
            kids, attrs = allowed.setdefault(element.get("name"), (set(), set()))
            for kind, name in walk(element, set()):
                (kids if kind == "element" else attrs).add(name)
    return allowed


def xsd_declared(schema: xmlschema.XMLSchema10) -> dict[str, tuple[set[str], set[str]]]:
    """For each element our schema declares (reachable from TEI): children and attributes."""
    declared: dict[str, tuple[set[str], set[str]]] = {}
    seen: set[tuple[str, int]] = set()
    todo = [schema.elements["TEI"]]
    while todo:
        element = todo.pop()
        key = (element.local_name, id(element.type))
        if key in seen:
            continue
        seen.add(key)
        kids_decl = []
        if element.type.has_complex_content():
            kids_decl = list(element.type.content.iter_elements())
        kids, attrs = declared.setdefault(element.local_name, (set(), set()))
        kids.update(kid.local_name for kid in kids_decl)
        attrs.update(name.replace(f"{{{XML_NS}}}", "xml:") for name in element.attributes)
        todo.extend(kids_decl)
    return declared


def test_declarations_are_allowed_by_tei_all(
    xsd_xmlschema: xmlschema.XMLSchema10, tei_all_tree: etree._ElementTree
) -> None:
    allowed = rng_allowed(tei_all_tree)
    declared = xsd_declared(xsd_xmlschema)
    assert len(declared) > 50
    problems = []
    for name, (kids, attrs) in sorted(declared.items()):
        if name not in allowed:
            problems.append(f"{name}: not a TEI element")
            continue
        tei_kids, tei_attrs = allowed[name]
        problems += [f"{name}: child {kid} not allowed in TEI" for kid in sorted(kids - tei_kids)]
        problems += [f"{name}: @{attr} not allowed in TEI" for attr in sorted(attrs - tei_attrs)]
    assert problems == []
