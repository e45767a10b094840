"""The authority register (``source/register.xml``) and name matching against it.

The register is a TEI document whose ``standOff`` holds ``listPerson``, ``listPlace``
and ``listOrg``. Every ``persName``/``placeName``/``orgName`` of an entry is a form the
texts use; the matcher finds them in running text. Mentions point at entries with
``@ref="register.xml#ID"`` (TEI Guidelines 13.3.1, att.canonical): one file for the
whole edition, copied beside the built documents so the pointers resolve.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError
from .xmlio import NSMAP, XML_NS, parse

REGISTER_FILE = "register.xml"

# entry element → the name element used for its mentions
KINDS = {"person": "persName", "place": "placeName", "org": "orgName"}
AUTHORITY_URLS = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "geonames": "https://www.geonames.org/{}",
}


@dataclass(frozen=True)
class Idno:
    type: str
    value: str
    source: str | None

    @property
    def url(self) -> str | None:
        pattern = AUTHORITY_URLS.get(self.type)
        return pattern.format(self.value) if pattern else None


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    """``person``, ``place`` or ``org``."""
    preferred: str
    names: tuple[str, ...]
    idnos: tuple[Idno, ...]
    geo: str | None
    line: int | None

    @property
    def tag(self) -> str:
        return KINDS[self.kind]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entry: Entry


@dataclass
class Register:
    path: Path | None = None
    entries: dict[str, Entry] = field(default_factory=dict)
    href: str = REGISTER_FILE
    _matcher: tuple[tuple[int, int], NameMatcher] | None = field(
        default=None, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path) -> Register:
        """Read a register; an absent file gives an empty register."""
        path = Path(path)
        if not path.exists():
            return cls(path)
        tree = parse(path)
        register = cls(path)
        # A repeated xml:id would silently replace the first entry (and break every
        # pointer into the file): refuse it here, where both places are known.
        first_line: dict[str, int | None] = {}
        for el in tree.iter():
            ident = el.get(f"{{{XML_NS}}}id") if isinstance(el.tag, str) else None
            if ident is None:
                continue
            if ident in first_line:
                raise SourceError(
                    f"xml:id {ident!r} is used twice, at lines {first_line[ident]} and "
                    f"{el.sourceline}; give each entry its own id (and point @ref at the "
                    "right one)", path, el.sourceline)
            first_line[ident] = el.sourceline
        for kind in KINDS:
            for el in tree.iterfind(f".//tei:{kind}", NSMAP):
                ident = el.get(f"{{{XML_NS}}}id")
                if not ident:
                    raise SourceError(f"a {kind} entry has no xml:id; give it one", path,
                                      el.sourceline)
                names = [" ".join("".join(n.itertext()).split())
                         for n in el.iterfind(f"tei:{KINDS[kind]}", NSMAP)]
                if not names:
                    raise SourceError(f"entry {ident!r} has no {KINDS[kind]}; add its name", path,
                                      el.sourceline)
                preferred = next(
                    (" ".join("".join(n.itertext()).split())
                     for n in el.iterfind(f"tei:{KINDS[kind]}[@type='preferred']", NSMAP)),
                    names[0],
                )
                idnos = tuple(Idno(i.get("type", ""), (i.text or "").strip(), i.get("source"))
                              for i in el.iterfind("tei:idno", NSMAP))
                geo = el.findtext("tei:location/tei:geo", namespaces=NSMAP)
                register.entries[ident] = Entry(ident, kind, preferred, tuple(dict.fromkeys(names)),
                                                idnos, geo.strip() if geo else None, el.sourceline)
        return register

    def ref(self, entry: Entry) -> str:
        return f"{self.href}#{entry.id}"

    def variants(self) -> dict[str, list[Entry]]:
        """Every name form → the entries that use it (more than one is an ambiguity)."""
        forms: dict[str, list[Entry]] = {}
        for entry in self.entries.values():
            for name in entry.names:
                forms.setdefault(name, []).append(entry)
        return forms

    def named(self, name: str, kinds: Collection[str] = tuple(KINDS)) -> list[Entry]:
        """The entries of ``kinds`` (``person``, ``place``, ``org``) that have the name
        form ``name`` exactly (whitespace-normalised); more than one is an ambiguity
        for the caller to report."""
        name = " ".join(name.split())
        return [e for e in self.entries.values() if e.kind in kinds and name in e.names]

    def matcher(self) -> NameMatcher:
        """The name matcher of these entries: made once, then reused while the entries
        stay the same (each document asks twice; with 10^5 names, gathering and hashing
        the forms again took 0.15 s a call)."""
        key = (id(self.entries), len(self.entries))
        if self._matcher is None or self._matcher[0] != key:
            self._matcher = (key, NameMatcher(self))
        return self._matcher[1]


class NameMatcher:
    """Finds register names in text: longest form first, whole words only.

    A name may end before a possessive (``Semyonov’s``) but not inside a longer word
    (``Wrangelites``) or a hyphenated compound (``Balakhovich`` in ``Bulak-Balakhovich``
    is only the longer name, when the register has it).

    The forms are a radix trie walked from each place a name may start: the work is
    the length of the text times at most the length of the longest form, whatever the
    size of the register (a regex alternation of 10^5 forms tries them one by one).
    """

    def __init__(self, register: Register) -> None:
        self.forms = {form: entries[0] for form, entries in register.variants().items()}
        # An empty form (an empty persName) names nothing, so it is never matched.
        self._trie, self._starts = _compile(tuple(form for form in self.forms if form))

    def find(self, text: str) -> list[Mention]:
        r"""The mentions in ``text``, left to right, not overlapping; at each place the
        longest form that ends at a word end (``(?<![\w-])FORM(?!\w|-\w)``)."""
        found: list[Mention] = []
        if self._starts is None:
            return found
        size, search, root, pos = len(text), self._starts.search, self._trie, 0
        while (start := search(text, pos)) is not None:
            at = start.start()
            edges, end, best = root, at, at
            while end < size and (edge := edges.get(text[end])) is not None:
                label, terminal, edges = edge
                if not text.startswith(label, end):
                    break
                end += len(label)
                if terminal and not _continues(text, end):
                    best = end
            if best == at:
                pos = at + 1
                continue
            found.append(Mention(at, best, self.forms[text[at:best]]))
            pos = best
        return found

    def entry(self, name: str) -> Entry | None:
        """The entry whose form is exactly ``name`` (whitespace-normalised)."""
        return self.forms.get(" ".join(name.split()))


# A radix trie: edges keyed by their first character, each (label, a form ends here,
# the edges below); chains without branches are one edge, so a register of 10^5 forms
# costs about two edges a form rather than a node per character.
_Trie = dict[str, tuple[str, bool, "_Trie"]]


def _is_word(ch: str) -> bool:
    r"""``\w`` of a str regex, which the name boundaries are defined by."""
    return ch.isalnum() or ch == "_"


def _continues(text: str, end: int) -> bool:
    """Whether a word goes on at ``end``: a word character, or a hyphen and one."""
    if end >= len(text):
        return False
    ch = text[end]
    return _is_word(ch) or (ch == "-" and end + 1 < len(text) and _is_word(text[end + 1]))


@functools.lru_cache(maxsize=4)
def _compile(forms: tuple[str, ...]) -> tuple[_Trie, re.Pattern[str] | None]:
    """The trie of ``forms`` and a pattern for where a name may start (a character some
    form starts with, not after a word character or a hyphen). Cached: the annotators,
    the suggester and ``build`` ask for a matcher of the same register many times."""
    ordered = sorted(set(forms))
    root = _edges(ordered, 0, len(ordered), 0)
    if not root:
        return root, None
    firsts = "".join(sorted(re.escape(ch) for ch in root))
    return root, re.compile(rf"(?<![\w-])[{firsts}]")


def _edges(forms: list[str], lo: int, hi: int, depth: int) -> _Trie:
    """The edges below the node at ``depth`` shared by the sorted ``forms[lo:hi]``, all
    longer than ``depth``: one per next character, labelled up to where they part."""
    edges: _Trie = {}
    while lo < hi:
        first = forms[lo]
        ch = first[depth]
        group_end = lo + 1
        while group_end < hi and forms[group_end][depth] == ch:
            group_end += 1
        last = forms[group_end - 1]  # sorted: the group's common prefix is first's and last's
        common = depth + 1
        while common < len(first) and common < len(last) and first[common] == last[common]:
            common += 1
        terminal = len(first) == common  # a form that ends here sorts first in its group
        below = lo + 1 if terminal else lo
        edges[ch] = (first[depth:common], terminal,
                     _edges(forms, below, group_end, common) if below < group_end else {})
        lo = group_end
    return edges
