"""notAllowed propagation (validate/simplify.py) keeps every verdict.

The rewritten grammar must accept exactly the documents the pruned one accepts: checked
on small grammars built for the rules (and for the two libxml2 faults they work around),
and on real TEI (the shared samples and our fixtures, each also mutated: an element
dropped, repeated, or copied elsewhere) against tei_all pruned to each document's names.
"""

from __future__ import annotations

import copy
import random
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.errors import XMLInputError
from tei_edition.validate.schemas import element_names
from tei_edition.validate.simplify import simplify
from tei_edition.xmlio import parse

from .conftest import CASES, SHARED

RNG = "http://relaxng.org/ns/structure/1.0"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def grammar(start: str, defines: str = "") -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(
        f'<grammar xmlns="{RNG}"><start>{start}</start>{defines}'
        '<define name="b"><element name="b"><empty/></element></define>'
        '<define name="c"><element name="c"><text/></element></define></grammar>'))


def verdict(g: etree._ElementTree, doc: str) -> bool:
    return bool(etree.RelaxNG(g).validate(etree.fromstring(doc)))


DOCS = ["<a/>", "<a><b/></a>", "<a><b/><b/></a>", "<a><c>x</c></a>", "<a><b/><c/></a>",
        "<a><c/><b/><b/></a>", '<a o="1"><b/></a>']

# Each rewrite's grammar and the documents of DOCS (by index) its language accepts.
# The expected sets are written out rather than taken from libxml2 on the unsimplified
# grammar: libxml2 itself rejects <a/> against zeroOrMore(notAllowed), which the
# simplified grammar gets right.
CASES_RULES = {
    "choice loses notAllowed": ('<element name="a"><choice><ref name="b"/><notAllowed/>'
                                '</choice></element>', {1}),
    "zeroOrMore of notAllowed": ('<element name="a"><zeroOrMore><notAllowed/></zeroOrMore>'
                                 '<zeroOrMore><ref name="b"/></zeroOrMore></element>',
                                 {0, 1, 2}),
    "group with notAllowed": ('<element name="a"><choice><group><ref name="b"/><notAllowed/>'
                              '</group><ref name="c"/></choice></element>', {3}),
    "element of notAllowed": ('<element name="a"><optional><element name="x"><notAllowed/>'
                              '</element></optional><ref name="b"/></element>', {1}),
    "attribute of notAllowed": ('<element name="a"><optional><attribute name="o"><notAllowed/>'
                                '</attribute></optional><zeroOrMore><ref name="b"/>'
                                '</zeroOrMore></element>', {0, 1, 2}),
    "repeated group with a dead part": ('<element name="a"><oneOrMore><ref name="b"/>'
                                        '<zeroOrMore><notAllowed/></zeroOrMore></oneOrMore>'
                                        '</element>', {1, 2}),
    "interleave": ('<element name="a"><interleave><zeroOrMore><ref name="b"/></zeroOrMore>'
                   '<optional><ref name="c"/></optional><zeroOrMore><notAllowed/>'
                   '</zeroOrMore></interleave></element>', {0, 1, 2, 3, 4, 5}),
    "mixed": ('<element name="a"><mixed><zeroOrMore><choice><ref name="b"/><notAllowed/>'
              '</choice></zeroOrMore></mixed></element>', {0, 1, 2}),
}


@pytest.mark.parametrize("name", sorted(CASES_RULES))
def test_each_rewrite_keeps_the_language(name):
    pattern, accepted = CASES_RULES[name]
    after = simplify(grammar(pattern))
    assert not list(after.iter(f"{{{RNG}}}notAllowed"))
    assert {i for i, doc in enumerate(DOCS) if verdict(after, doc)} == accepted


def test_dead_defines_and_their_refs_go():
    g = grammar('<element name="a"><zeroOrMore><choice><ref name="b"/><ref name="dead"/>'
                '</choice></zeroOrMore></element>',
                '<define name="dead"><element name="d"><ref name="gone"/></element></define>'
                '<define name="gone"><notAllowed/></define>'
                '<define name="k" combine="choice"><notAllowed/></define>'
                '<define name="k" combine="choice"><ref name="b"/></define>')
    out = simplify(g)
    names = {d.get("name") for d in out.iter(f"{{{RNG}}}define")}
    assert "dead" not in names and "gone" not in names
    assert len([d for d in out.iter(f"{{{RNG}}}define") if d.get("name") == "k"]) == 1
    assert verdict(out, "<a><b/><b/></a>") and not verdict(out, "<a><d/></a>")


def test_a_define_that_can_only_contain_itself_is_not_allowed():
    # listChange once change is pruned: a listChange must contain a listChange, forever.
    g = grammar('<element name="a"><optional><ref name="lc"/></optional></element>',
                '<define name="lc"><element name="lc"><oneOrMore><ref name="lc"/></oneOrMore>'
                '</element></define>')
    out = simplify(g)
    assert "lc" not in {d.get("name") for d in out.iter(f"{{{RNG}}}define")}
    assert verdict(out, "<a/>") and not verdict(out, "<a><lc/></a>")


def test_no_empty_is_left_in_a_repeated_group():
    """libxml2 rejects <b/><b/> against oneOrMore(b, empty): the rewrite must not make it."""
    g = grammar('<element name="a"><oneOrMore><ref name="b"/><zeroOrMore><notAllowed/>'
                '</zeroOrMore></oneOrMore></element>')
    out = simplify(g)
    assert verdict(out, "<a><b/><b/></a>")
    assert not [e for e in out.iter(f"{{{RNG}}}empty") if e.getparent().tag != f"{{{RNG}}}element"]


def test_the_grammar_libxml2_cannot_compile_is_not_made():
    """A group of one with an attribute and recursion makes libxml2 2.9 loop while
    compiling: the group of one is unwrapped. Compiled in a child process, with a
    deadline, so that a regression fails rather than hangs."""
    g = grammar('<element name="a"><oneOrMore><ref name="lc"/></oneOrMore></element>',
                '<define name="lc"><element name="lc"><group><zeroOrMore><notAllowed/>'
                '</zeroOrMore><oneOrMore><choice><ref name="lc"/><ref name="c"/></choice>'
                '</oneOrMore></group><optional><attribute name="o"/></optional></element>'
                '</define>')
    data = etree.tostring(simplify(g))
    code = ("import sys; from lxml import etree; "
            "etree.RelaxNG(etree.fromstring(sys.stdin.buffer.read())); print('ok')")
    done = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True,
                          timeout=60)
    assert done.stdout.strip() == b"ok"


# --- real TEI against tei_all --------------------------------------------------------

def _documents() -> list[Path]:
    found = sorted((SHARED / "tei-samples").glob("*/*.xml"))
    return found + sorted((CASES / "validate").rglob("*.xml"))


def _mutants(tree: etree._ElementTree, rng: random.Random, count: int):
    yield tree
    for _ in range(count):
        work = copy.deepcopy(tree)
        elements = [e for e in work.iter(etree.Element)][1:]
        if not elements:
            return
        el = rng.choice(elements)
        what = rng.randrange(3)
        if what == 0:
            el.getparent().remove(el)
        elif what == 1:
            el.addnext(copy.deepcopy(el))
        else:
            host = rng.choice(elements)
            if host is not el and el not in host.iterancestors():
                host.append(copy.deepcopy(el))
        yield work


def test_verdicts_on_real_tei_are_unchanged(tei_all):
    documents = [p for p in _documents() if p.is_file()]
    rng = random.Random(13)
    grammars: dict[frozenset, tuple[etree.RelaxNG, etree.RelaxNG]] = {}
    checked = differ = 0
    for path in documents:
        try:
            tree = parse(path)
        except XMLInputError:
            continue
        if not tree.getroot().tag.startswith(f"{{{TEI_NS}}}"):
            continue
        for doc in _mutants(tree, rng, 2):
            names = element_names(doc)
            if names not in grammars:
                pruned = tei_all._pruned(lambda q, n=names: "keep" if q is None or q in n
                                         else "drop")
                grammars[names] = (etree.RelaxNG(pruned),
                                   etree.RelaxNG(simplify(copy.deepcopy(pruned))))
            plain, simplified = grammars[names]
            checked += 1
            if bool(plain.validate(doc)) != bool(simplified.validate(doc)):
                differ += 1
                print(f"verdicts differ: {path}")
    assert checked > 30
    assert differ == 0
