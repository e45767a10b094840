"""The tagger measured against hand-checked gold annotations (tests/gold/*.tsv).

Precision and recall are computed per kind over (kind, where, text, value) tuples:
a tag counts as correct only if its span, its place and its normalisation (register
id or ISO attributes) all agree with the gold. Run ``pytest -s tests/test_gold.py``
to see the figures.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from tei_edition.convert import Sources, convert
from tei_edition.register import KINDS
from tei_edition.xmlio import NSMAP, TEI_NS

from .conftest import CASES, SOURCE

GOLD = Path(__file__).resolve().parent / "gold"
DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter")
TAGS = {*KINDS.values(), "date"}
SKIP_ANCESTORS = {"docDate", "titlePart", "teiHeader"}

DOCUMENTS = [
    (SOURCE / "1920-11-29-soviet-press.txt", GOLD / "1920-11-29-soviet-press.tsv"),
    (CASES / "letter" / "1921-03-02-letter.txt", GOLD / "1921-03-02-letter.tsv"),
]


def _where(el) -> str:
    for ancestor in el.iterancestors():
        local = ancestor.tag.rpartition("}")[2]
        if local == "note":
            return f"n{ancestor.get('n')}"
        if local == "byline":
            return "byline"
        if local == "p" and ancestor.getparent().tag == f"{{{TEI_NS}}}div":
            if ancestor.get("n"):
                return f"p{ancestor.get('n')}"
            paragraphs = ancestor.getparent().findall("tei:p", NSMAP)
            return f"p#{paragraphs.index(ancestor) + 1}"
    return "?"


def predicted(txt: Path) -> Counter[tuple[str, str, str, str]]:
    tree = convert(txt, Sources.load(txt.parent))
    out: Counter[tuple[str, str, str, str]] = Counter()
    for el in tree.getroot().find("tei:text", NSMAP).iter(*(f"{{{TEI_NS}}}{t}" for t in TAGS)):
        if any(a.tag.rpartition("}")[2] in SKIP_ANCESTORS for a in el.iterancestors()):
            continue
        kind = el.tag.rpartition("}")[2]
        if kind == "date":
            value = " ".join(f"{a}={el.get(a)}" for a in DATE_ATTRS if el.get(a))
        else:
            value = (el.get("ref") or "").rpartition("#")[2]
        out[(kind, _where(el), "".join(el.itertext()), value)] += 1
    return out


def gold(tsv: Path) -> Counter[tuple[str, str, str, str]]:
    with tsv.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return Counter((r["kind"], r["where"], r["text"], r["value"]) for r in rows)


def scores(expected: Counter, got: Counter, kinds: set[str]) -> tuple[float, float, int, int]:
    e = Counter({k: v for k, v in expected.items() if k[0] in kinds})
    g = Counter({k: v for k, v in got.items() if k[0] in kinds})
    hits = sum((e & g).values())
    precision = hits / sum(g.values()) if g else 1.0
    recall = hits / sum(e.values()) if e else 1.0
    return precision, recall, sum(e.values()), sum(g.values())


@pytest.mark.parametrize(("txt", "tsv"), DOCUMENTS, ids=lambda p: p.stem)
def test_tagger_against_gold(txt, tsv):
    expected, got = gold(tsv), predicted(txt)
    names = set(KINDS.values())
    name_p, name_r, name_n, _ = scores(expected, got, names)
    date_p, date_r, date_n, _ = scores(expected, got, {"date"})
    print(f"\n{txt.name}: names P={name_p:.3f} R={name_r:.3f} (gold {name_n}); "
          f"dates P={date_p:.3f} R={date_r:.3f} (gold {date_n})")
    missing = expected - got
    extra = got - expected
    assert name_r == 1.0, f"names missed: {sorted(k for k in missing if k[0] in names)}"
    assert date_p >= 0.95, f"wrong dates: {sorted(k for k in extra if k[0] == 'date')}"
    # Beyond the targets: nothing spurious, nothing missed.
    assert not missing and not extra, (sorted(missing), sorted(extra))
