"""The furniture of letters and signed papers: salutations, closes, signatures, postscripts.

The words differ by language, so they are data: ``tei_edition/data/letter-words.toml``
ships the defaults, and a ``letter-words.toml`` beside the transcriptions adds to them
or replaces the lists it names (docs/transcription-format.md, "Letters"). The shape
tests here are deliberately conservative (short blocks, listed formulas only): a
paragraph that merely begins "Dear" or "Yours" stays a paragraph.

Every test is a single anchored match or a split: linear in the length of the block.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import SourceError

LETTER_WORDS_FILE = "letter-words.toml"
LISTS = ("salutations", "closings", "postscripts")

# A salutation is one line ending like an address to someone: "Dear Speed:", "Sir,".
SALUTE_ENDINGS = (",", ":", "!", "—")
MAX_SALUTE_WORDS = 10
# A name line under the close ("A. Lincoln"), at most this long.
MAX_NAME_WORDS = 8
MAX_NAME_LINES = 3
MAX_SIGNATURE_BLOCKS = 3
# A signatory is at most four words ("Johann Georg Eccarius", "H. Bauer").
MAX_SIGNATORY_WORDS = 4
MAX_LABEL_WORDS = 6
# Lower-case words that may stand inside a name: "Ludwig von Westphalen".
NAME_PARTICLES = frozenset(
    ["von", "van", "der", "den", "de", "du", "des", "la", "le", "di", "da", "del", "zu", "ten"]
)


def _formula(words: tuple[str, ...]) -> re.Pattern[str]:
    """An anchored alternation of literal formulas, longest first, ending at a word end."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?!\w)") if words else re.compile(r"(?!)")


@dataclass(frozen=True)
class LetterWords:
    """The formulas that open and close letters, and the labels of postscripts."""

    salutations: tuple[str, ...]
    closings: tuple[str, ...]
    postscripts: tuple[str, ...]

    @functools.cached_property
    def _salute(self) -> re.Pattern[str]:
        return _formula(self.salutations)

    @functools.cached_property
    def _closing(self) -> re.Pattern[str]:
        return _formula(self.closings)

    @functools.cached_property
    def _postscript(self) -> re.Pattern[str]:
        alternatives = "|".join(
            re.escape(w) for w in sorted(self.postscripts, key=len, reverse=True)
        ) or "(?!)"
        # The label as written, with a colon if it has one; then a space, a dash or the end.
        return re.compile(rf"(?:{alternatives}):?(?=[ \t—–]|$)")

    def is_salute(self, lines: list[str]) -> bool:
        """``Dear Speed:``: one short line, a listed formula, ending with , : ! or —."""
        return (
            len(lines) == 1
            and lines[0].endswith(SALUTE_ENDINGS)
            and len(lines[0].split()) <= MAX_SALUTE_WORDS
            and self._salute.match(lines[0]) is not None
        )

    def is_closing(self, lines: list[str]) -> bool:
        """``Your friend, as ever``: a short first line starting with a listed formula;
        any further lines of the block are name lines (the signature under it)."""
        return (
            len(lines) <= 1 + MAX_NAME_LINES
            and len(lines[0].split()) <= MAX_SALUTE_WORDS
            and self._closing.match(lines[0]) is not None
            and all(_is_name_line(line) for line in lines[1:])
        )

    def postscript_label(self, line: str) -> str | None:
        """The label of a postscript (``P.S.``, ``Nachschrift:``) at the start of ``line``."""
        m = self._postscript.match(line)
        return m.group() if m else None


def _is_name_line(line: str) -> bool:
    return len(line.split()) <= MAX_NAME_WORDS and line[:1].isupper()


def is_signature(lines: list[str]) -> bool:
    """A block that may follow a complimentary close: name lines, a signatories list, or
    the label of one."""
    return (
        (len(lines) <= MAX_NAME_LINES and all(_is_name_line(line) for line in lines))
        or is_signatories(lines)
    )


def is_signatories_label(lines: list[str]) -> bool:
    """``The Committee:``: one short capitalised line ending with a colon."""
    return (
        len(lines) == 1
        and lines[0].endswith(":")
        and len(lines[0].split()) <= MAX_LABEL_WORDS
        and lines[0][:1].isupper()
    )


def is_signatories(lines: list[str]) -> bool:
    """``Karl Marx, Karl Schapper, H. Bauer``: at least two comma-separated names of at
    most four words, each word capitalised or a name particle (a final full stop allowed)."""
    names = " ".join(lines).removesuffix(".").split(",")
    return len(names) >= 2 and all(_is_signatory(name.split()) for name in names)


def _is_signatory(words: list[str]) -> bool:
    return (
        0 < len(words) <= MAX_SIGNATORY_WORDS
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w in NAME_PARTICLES for w in words)
    )


# -- loading -------------------------------------------------------------------------


def _line_of(text: str, key: str) -> int | None:
    """The line where a top-level key is set, for error messages."""
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _read(path: Path, text: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{LETTER_WORDS_FILE} is not valid TOML: {exc}", path) from None


def _words(path: Path, text: str, data: dict[str, object], key: str) -> tuple[str, ...]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise SourceError(f"'{key}' must be a list of non-empty strings", path,
                          _line_of(text, key))
    return tuple(w.strip() for w in value)


@functools.cache
def default_words() -> LetterWords:
    """The word lists shipped in ``tei_edition/data/letter-words.toml``."""
    source = resources.files(__package__) / "data" / LETTER_WORDS_FILE
    text = source.read_text(encoding="utf-8")
    path = Path(str(source))
    data = _read(path, text)
    return LetterWords(*(_words(path, text, data, key) for key in LISTS))


def load(path: str | Path) -> LetterWords:
    """The default lists, extended (or, for the lists named in ``replace``, replaced) by
    the ``letter-words.toml`` at ``path`` when there is one."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return default_words()
    return _load(path, stamp)


@functools.lru_cache(maxsize=64)
def _load(path: Path, stamp: int) -> LetterWords:
    del stamp  # part of the cache key only: an edited file is read again
    text = path.read_text(encoding="utf-8")
    data = _read(path, text)
    for key in data:
        if key not in (*LISTS, "replace"):
            raise SourceError(
                f"unknown key '{key}' in {LETTER_WORDS_FILE}; the keys are "
                + ", ".join(LISTS) + " and replace", path, _line_of(text, key))
    replace = data.get("replace", [])
    if not isinstance(replace, list) or not all(r in LISTS for r in replace):
        raise SourceError("'replace' must list some of " + ", ".join(LISTS), path,
                          _line_of(text, "replace"))
    defaults = default_words()
    merged: dict[str, tuple[str, ...]] = {}
    for key in LISTS:
        given = _words(path, text, data, key) if key in data else ()
        if key in replace:
            merged[key] = given
        else:
            base: tuple[str, ...] = getattr(defaults, key)
            merged[key] = base + tuple(w for w in given if w not in base)
    return LetterWords(**merged)
