"""Linear time: no recogniser a contributed transcription can stall (benchmarks/growth.py).

Two kinds of test. Growth guards time each formerly quadratic recogniser on an input
and on one four times as large (best of several runs, fresh state each) and require the
ratio to stay below 8: linear work gives about 4, quadratic 16. No absolute seconds are
asserted. Equivalence tests check that each linear rewrite gives what the backtracking
pattern it replaced gave, on generated inputs.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from types import ModuleType

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tei_edition import dates, entities
from tei_edition.register import Entry, Register
from tei_edition.transcription import _credit_by

from .conftest import ROOT

SETTINGS = settings(max_examples=400, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _growth_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("growth", ROOT / "benchmarks" / "growth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("growth", module)
    spec.loader.exec_module(module)
    return module


growth = _growth_module()

# Case → 1× size for the guard: small, yet big enough that quadratic work would show.
GUARDED = {
    "credit: by a … ,": 500,
    "credit: by A. … ;": 500,
    "credit: by + spaces": 1000,
    "body: paragraphs": 250,
    "encode: a paragraph of many lines": 2500,
    "dates: between … and": 500,
    "names: register size": 2000,
    "quotes: ‘a’ ‘a’ …": 1000,
    "names: tag in one paragraph": 2500,
    "dates: tag in one paragraph": 2500,
    "labels: regularise": 250,
    "suggest: Capitalised. Words.": 500,
    "suggest: Mr Mr Mr …": 1000,
    "suggest: of of of …": 1000,
    "letters: signatories": 500,
}
LIMIT = 8.0


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_cost_grows_linearly(name: str) -> None:
    [case] = [c for c in growth.CASES if c.name == name]
    n = GUARDED[name]
    small, large = case.make(n), case.make(4 * n)
    ratio = float("inf")
    for repeat in (5, 9):  # a second, longer try before failing on a busy machine
        ratio = min(ratio, growth.best_time(large, repeat) / growth.best_time(small, repeat))
        if ratio < LIMIT:
            break
    assert ratio < LIMIT, f"{name}: 4× the input took {ratio:.1f}× the time (quadratic: 16×)"


def test_name_matching_does_not_slow_down_with_the_register() -> None:
    """The same text against a register 8× larger: the trie walk does not try each form."""
    text = " ".join(["Peace", "of", "Kamiro", "and", "Tadoskiel", "the"] * 2000)
    small, large = (growth.synthetic_register(k).matcher() for k in (2000, 16000))
    ratio = (growth.best_time(lambda: lambda: large.find(text), 5)
             / growth.best_time(lambda: lambda: small.find(text), 5))
    assert ratio < LIMIT / 2  # linear in the register: 8×


def test_a_register_makes_its_matcher_once_per_set_of_entries() -> None:
    """Each document asks for the matcher twice: a register of 10^5 names must not
    gather and compile its forms again for every document."""
    register = growth.synthetic_register(2000)
    first = register.matcher()
    assert register.matcher() is first
    entry = next(iter(register.entries.values()))
    register.entries["added"] = dataclasses.replace(entry, id="added", names=("Zyxwv",))
    again = register.matcher()
    assert again is not first and again.entry("Zyxwv") is not None


# -- equivalence with the patterns replaced ------------------------------------------

OLD_CREDIT_BY = re.compile(r"(?P<statement>.*\S)\s+by\s+(?P<name>[^,;:()]+?)\.?$")


@SETTINGS
@given(st.lists(st.sampled_from(["by", "b", "y", " ", "\u00a0", "\t", "a", "A", ".", ",", ";",
                                 "(", ")", "x"]), max_size=30).map("".join))
@example("Transcribed and HTML markup for the Trotsky Internet Archive by David Walters")
@example("Transcribed by A. Person.")
@example("Edited by  \u00a0")
@example("Source: Collected Works, by Marx")
def test_credit_by_splits_as_the_regex_did(line: str) -> None:
    old = OLD_CREDIT_BY.match(line)
    assert _credit_by(line) == ((old["statement"], old["name"]) if old else None)


OLD_SENTENCE_START = re.compile(r"(?:^|[.!?:;(“‘\"]|\[[0-9]+\]|^\(?[0-9]+[.)])$")


@SETTINGS
@given(st.text(st.sampled_from(list("[]()0123456789. :;!?“‘\"aA\u00a0")), max_size=14),
       st.integers(0, 14))
@example("(12) ", 5)
@example("1. ", 3)
@example("x [3]  ", 7)
@example("(1", 2)
def test_sentence_start_reads_as_the_regex_did(line: str, at: int) -> None:
    at = min(at, len(line))
    old = bool(OLD_SENTENCE_START.search(line[:at].rstrip()))
    assert entities._starts_sentence(line, at) == old


def _old_find(forms: list[str], text: str) -> list[tuple[int, int, str]]:
    alternatives = sorted(dict.fromkeys(forms), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w|-\w)")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


_NAME_CHARS = st.sampled_from(["A", "b", "B", " ", "-", "’", "_", "1", "é", ".", "[", "\\"])


@SETTINGS
@given(st.lists(st.text(_NAME_CHARS, min_size=1, max_size=5), min_size=1, max_size=6),
       st.text(_NAME_CHARS, max_size=40))
@example(["Balakhovich", "Bulak-Balakhovich", "Lloyd George", "Lloyd"],
         "Bulak-Balakhovich and Lloyd Georges, Lloyd’s, Balakhovich-x, Balakhovich-")
def test_name_matching_finds_what_the_alternation_did(forms: list[str], text: str) -> None:
    entries = {f"e{i}": Entry(f"e{i}", "person", form, (form,), (), None, None)
               for i, form in enumerate(forms)}
    matcher = Register(None, entries).matcher()
    found = [(m.start, m.end, text[m.start:m.end]) for m in matcher.find(text)]
    assert found == _old_find(forms, text)
    assert all(matcher.forms[t] is m.entry for (_, _, t), m in zip(found, matcher.find(text),
                                                                  strict=True))


def _all_patterns(text: str) -> list[dates.DateMatch]:
    """find_dates as it was: every pattern over every text, no prefilter."""
    found = []
    for pattern, normalise in dates._PATTERNS:
        for m in pattern.finditer(text):
            attrs = normalise(m, text)
            if attrs is not False:
                found.append(dates.DateMatch(m.start(), m.end(), m.group(), attrs or None))
    chosen: list[dates.DateMatch] = []
    for match in sorted(found, key=lambda d: (d.start, -(d.end - d.start))):
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen


_DATE_WORDS = st.sampled_from(["1848", "1849", "21", "3", "May", "March", "from", "FROM", "to",
                               "between", "Between", "and", "spring", "of", "end", "first half",
                               "early", "mid", "-", "–", " ", ", ", "the", "K", "İ"])


@SETTINGS
@given(st.lists(_DATE_WORDS, max_size=14).map(" ".join))
@example("between March 21 and 24, 1848, from 1918 to 1920, the first half of 1849")
@example("FROM 1918 TO 1920; Spring 1919; Early-March 1848")
def test_date_prefilters_skip_only_what_cannot_match(text: str) -> None:
    assert dates.find_dates(text) == _all_patterns(text)
