"""The authority register (``source/register.xml``) and name matching against it.

The register is a TEI document whose ``standOff`` holds ``listPerson``, ``listPlace``
and ``listOrg``. Every ``persName``/``placeName``/``orgName`` of an entry is a form the
texts use; the matcher finds them in running text. Mentions point at entries with
``@ref="register.xml#ID"`` (TEI Guidelines 13.3.1, att.canonical): one file for the
whole edition, copied beside the built documents so the pointers resolve.
"""

from __future__ import annotations

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
        return NameMatcher(self)


class NameMatcher:
    """Finds register names in text: longest form first, whole words only.

    A name may end before a possessive (``Semyonov’s``) but not inside a longer word
    (``Wrangelites``) or a hyphenated compound (``Balakhovich`` in ``Bulak-Balakhovich``
    is only the longer name, when the register has it).
    """

    def __init__(self, register: Register) -> None:
        self.forms = {form: entries[0] for form, entries in register.variants().items()}
        alternatives = sorted(self.forms, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w|-\w)")
            if alternatives else None
        )

    def find(self, text: str) -> list[Mention]:
        if self.pattern is None:
            return []
        return [Mention(m.start(), m.end(), self.forms[m.group()])
                for m in self.pattern.finditer(text)]

    def entry(self, name: str) -> Entry | None:
        """The entry whose form is exactly ``name`` (whitespace-normalised)."""
        return self.forms.get(" ".join(name.split()))

