"""How each recogniser's cost grows with its input: 1×, 2×, 4×, 8× and the factor per doubling.

A linear recogniser doubles its time when its input doubles (factor ≈ 2, n log n a little
more); a quadratic one quadruples it. Every case feeds generated, adversarial input of
the shape that once stalled a recogniser (a credit line of ``by a by a …``, a text of
capitalised words, a register of 10^5 names …) to the function that reads it, in this
process, best of ``--repeat`` runs; setup (parsing, encoding, building a register) is not
timed unless it is the subject. Then one generated 8 MB transcription is converted, in
this process and as a whole ``tei-edition convert`` process.

    python benchmarks/growth.py [--repeat 3] [--scale 1] [--only credit] [--no-big]

The target is a factor of at most 2.3 per doubling for every case; the script exits 1
when a case exceeds it. ``tests/test_growth.py`` runs the same cases at small sizes.
"""

from __future__ import annotations

import argparse
import atexit
import copy
import gc
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from tei_edition import annotate, dates, entities, transcription  # noqa: E402
from tei_edition import register as register_module  # noqa: E402
from tei_edition.convert import Sources, convert  # noqa: E402
from tei_edition.encode import encode  # noqa: E402
from tei_edition.register import Entry, Register  # noqa: E402
from tei_edition.xmlio import NSMAP  # noqa: E402

TARGET = 2.3
Prepare = Callable[[], Callable[[], object]]
"""Called untimed before each run: sets up fresh state, returns what is timed."""


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[int], Prepare]
    """Input of size ``n`` (in the case's own unit) → a fresh-state preparer."""
    base: int
    """The 1× size for the benchmark; tests use a fraction of it."""


def doc(body: str, *, credit: str = "Transcribed by David Walters",
        headings: str = "Title") -> str:
    return f"{headings}\n\nNovember 29, 1920\n\n{credit}\n\n{body}\n"


def parsing(make_text: Callable[[int], str]) -> Callable[[int], Prepare]:
    """A case timing ``transcription.parse`` of the generated transcription."""
    def make(n: int) -> Prepare:
        text = make_text(n)
        return lambda: lambda: transcription.parse(text)
    return make


def annotating(make_text: Callable[[int], str],
               step: Callable[[etree._Element, Register], object],
               register: Register | None = None) -> Callable[[int], Prepare]:
    """A case timing one annotator on the encoded TEI of the generated transcription."""
    def make(n: int) -> Prepare:
        reg = register or Register()
        tree = encode(transcription.parse(make_text(n)), None, reg)

        def prepare() -> Callable[[], object]:
            text_el = copy.deepcopy(tree).getroot().find("tei:text", NSMAP)
            return lambda: step(text_el, reg)
        return prepare
    return make


def encoding(make_text: Callable[[int], str]) -> Callable[[int], Prepare]:
    """A case timing ``encode`` of the parsed transcription."""
    def make(n: int) -> Prepare:
        parsed = transcription.parse(make_text(n))
        return lambda: lambda: encode(parsed)
    return make


def converting(n: int) -> Prepare:
    """The whole ``convert`` of the bundled transcription repeated to ``n`` KB."""
    folder = Path(tempfile.mkdtemp(prefix="growth-"))
    atexit.register(shutil.rmtree, folder, True)
    for name in ("register.xml", "edition.toml", "not-names.lst"):
        (folder / name).write_bytes((ROOT / "source" / name).read_bytes())
    path = folder / "big.txt"
    path.write_text(big_transcription(n / 1000), "utf-8")
    sources = Sources.load(folder)
    return lambda: lambda: convert(path, sources)


def synthetic_register(size: int, seed: int = 0) -> Register:
    """``size`` person entries with distinct one- and two-word names ("Kamiro Tadoski")."""
    syllables = ["ka", "ro", "mi", "ta", "len", "gor", "vich", "ski", "an", "el", "ber",
                 "tin", "do", "sa", "ne", "li", "mar", "cus", "pe", "zu"]
    forms: list[str] = []
    i = seed
    while len(forms) < size:
        word = "".join(syllables[(i // 20 ** k) % 20] for k in range(3)).capitalize()
        last = "".join(syllables[(i * 7 // 20 ** k) % 20] for k in range(4)).capitalize()
        forms.append(f"{word} {last}" if i % 3 else word + str(i))
        i += 1
    entries = {f"p{k}": Entry(f"p{k}", "person", form, (form,), (), None, None)
               for k, form in enumerate(dict.fromkeys(forms))}
    return Register(None, entries)


_REGISTER = Register(None, {"wr": Entry("wr", "person", "Wrangel", ("Wrangel", "Lloyd George"),
                                        (), None, None)})


def _suggesting(make_text: Callable[[int], str], not_names: set[str] | None = None
                ) -> Callable[[int], Prepare]:
    def make(n: int) -> Prepare:
        parsed = transcription.parse(make_text(n))
        return lambda: lambda: entities.suggest(parsed, _REGISTER, not_names or set())
    return make


def _matching(register_size: int | None, text_size: int | None) -> Callable[[int], Prepare]:
    """Name matching: a register of ``n`` forms over a fixed text, or the reverse."""
    def make(n: int) -> Prepare:
        size = register_size or n
        register = synthetic_register(size)
        forms = [e.preferred for e in register.entries.values()]
        pieces = []
        for i in range(text_size or n):
            pieces.append(forms[(i * 7919) % len(forms)] if i % 5 == 0 else
                          ["the", "Peace", "of", "Kamiro", "and", "Tadoskiel"][i % 6])
        text = " ".join(pieces)
        if register_size is None:  # the register is the subject: building it is timed
            def prepare() -> Callable[[], object]:
                # The compiled trie is cached per register; clear it so building is timed
                # (getattr: the script also measures checkouts from before the trie).
                compiled = getattr(register_module, "_compile", None)
                if compiled is not None:
                    compiled.cache_clear()
                return lambda: register.matcher().find(text)
            return prepare
        matcher = register.matcher()
        return lambda: lambda: matcher.find(text)
    return make


def _date_line(unit: str, tail: str = "") -> Callable[[int], Prepare]:
    """``parse_date_line`` on a line of ``n`` units (capped at 200 characters by design)."""
    def make(n: int) -> Prepare:
        line = (unit * n)[: 200 - len(tail)].strip() + tail
        return lambda: lambda: dates.parse_date_line(line)
    return make


def _find_dates(unit: str) -> Callable[[int], Prepare]:
    def make(n: int) -> Prepare:
        text = unit * n
        return lambda: lambda: dates.find_dates(text)
    return make


def _letter(n: int, kind: str) -> str:
    body = "Some text of the letter."
    if kind == "salute":  # a long first line that looks like a salutation
        return doc("Dear " + "Friend " * n + ":\n\n" + body)
    if kind == "closer":  # a long closing line and signature
        return doc(body + "\n\nYours truly, " + "ever " * n + "\n\n" + "A. Lincoln " * n)
    if kind == "signatories":
        return doc(body + "\n\n" + ", ".join(["Karl Marx"] * n) + ".")
    if kind == "postscripts":
        return doc(body + "\n\n" + "\n\n".join(f"P.S. Number {i}." for i in range(n)))
    raise ValueError(kind)


def _labels(n: int) -> str:
    # Mostly "(N)", every third "N)": the odd ones are regularised.
    return doc("\n\n".join(f"{i})" if i % 3 == 0 else f"({i}) Clause {i}." for i in range(1, n)))


CASES: list[Case] = [
    # Credit lines: "… by NAME" once read by a backtracking regex, rescanning per "by".
    Case("credit: by a … ,", parsing(lambda n: doc("Body.", credit="Transcribed"
                                                   + " by a" * n + ",")), 2000),
    Case("credit: by A. … ;", parsing(lambda n: doc("Body.", credit="Transcribed"
                                                    + " by A." * n + ";")), 2000),
    Case("credit: by a …", parsing(lambda n: doc("Body.", credit="Transcribed"
                                                 + " by a" * n)), 8000),
    Case("credit: by + spaces", parsing(lambda n: doc("Body.", credit="Transcribed by"
                                                      + "\u00a0" * n + "x,")), 8000),
    # Headings: long lines before the date line (refused as date lines, kept as headings).
    Case("headings: long lines", parsing(lambda n: doc("Body.", headings="\n\n".join(
        ["May 3, 1849 " * n, "Springfield, " * n, "[c. " * n]))), 2000),
    Case("body: paragraphs", parsing(lambda n: doc("\n\n".join(
        f"({i}) Text [{i}] of a paragraph." for i in range(1, n)) + "\n\n" + "\n\n".join(
        f"{i}. Note." for i in range(1, n)))), 2000),
    Case("encode: a paragraph of many lines", encoding(lambda n: doc("A line.\n" * n)), 5000),
    Case("convert: the bundled text ×n (KB)", converting, 100),
    # Date lines: at most 200 characters, so the growth is up to that cap.
    Case("date line: 1 1 1 …", _date_line("1 "), 12),
    Case("date line: May May …", _date_line("May "), 6),
    Case("date line: Place, … date", _date_line("Springfield, ", "May 3, 1849"), 2),
    Case("date line: c. [ …", _date_line("[c. 3 "), 4),
    Case("date line: 3. Mai 3. …", _date_line("3. Mai 1849 bis "), 2),
    # Dates in running text (find_dates).
    Case("dates: between … and", _find_dates("between 1848 and "), 5000),
    Case("dates: from May 3, …", _find_dates("from May 3, 1849 from "), 5000),
    Case("dates: March 21–", _find_dates("March 21–"), 5000),
    Case("dates: 1848-1848-", _find_dates("1848-"), 10000),
    Case("dates: spring of end of", _find_dates("spring of end of early "), 5000),
    Case("dates: May 3 May", _find_dates("May 3 May "), 5000),
    Case("dates: digits", _find_dates("18481"), 10000),
    # Names: a register of 10^5 forms, and text against a large register.
    Case("names: register size", _matching(None, 20000), 12500),
    Case("names: text (10^5 register)", _matching(100000, None), 10000),
    # Annotators on one long paragraph (lxml: inserting many pieces into one parent).
    Case("quotes: ‘a’ ‘a’ …", annotating(lambda n: doc("‘a’ “b” " * n),
                                         lambda t, r: annotate.tag_quotations(t, print)), 2000),
    Case("quotes: unclosed ‘a ‘a …", annotating(lambda n: doc("‘a “b " * n + "’"),
                                                lambda t, r: annotate.tag_quotations(
                                                    t, lambda m: None)), 4000),
    Case("quotes: apostrophes ‘a’s …", annotating(lambda n: doc("‘a’s " * n),
                                                  lambda t, r: annotate.tag_quotations(
                                                      t, lambda m: None)), 4000),
    Case("names: tag in one paragraph", annotating(lambda n: doc("Wrangel and " * n),
                                                   annotate.tag_names, _REGISTER), 2000),
    Case("dates: tag in one paragraph", annotating(lambda n: doc("May 3, 1849; " * n),
                                                   lambda t, r: annotate.tag_dates(
                                                       t, lambda m: None)), 2000),
    Case("labels: regularise", annotating(_labels, lambda t, r: annotate.regularise_labels(t)),
         1000),
    # The suggester.
    Case("suggest: Capitalised. Words.", _suggesting(lambda n: doc("Word. Other " * n)), 2500),
    Case("suggest: Mr Mr Mr …", _suggesting(lambda n: doc("Mr " * n + "X."), {"Mr"}), 2500),
    Case("suggest: of of of …", _suggesting(lambda n: doc("A" + " of" * n + " B.")), 5000),
    Case("suggest: Aa Bb Cc …", _suggesting(lambda n: doc("Aa Bb " * n)), 5000),
    # Letters.
    Case("letters: salute line", parsing(lambda n: _letter(n, "salute")), 5000),
    Case("letters: closer", parsing(lambda n: _letter(n, "closer")), 5000),
    Case("letters: signatories", parsing(lambda n: _letter(n, "signatories")), 5000),
    Case("letters: postscripts", parsing(lambda n: _letter(n, "postscripts")), 1000),
]


def best_time(prepare: Prepare, repeat: int) -> float:
    """The fastest of ``repeat`` runs, each on fresh state, garbage collection paused."""
    best = float("inf")
    for _ in range(repeat):
        run = prepare()
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def growth(case: Case, base: int, repeat: int, doublings: int = 3) -> tuple[list[float], float]:
    """Times at base·2^k (k = 0…doublings) and the mean factor per doubling."""
    times = [best_time(case.make(base * 2 ** k), repeat) for k in range(doublings + 1)]
    return times, (times[-1] / max(times[0], 1e-9)) ** (1 / doublings)


def big_transcription(megabytes: float) -> str:
    """The bundled transcription's body repeated to ``megabytes`` MB, with its endnotes."""
    text = (ROOT / "source" / "1920-11-29-soviet-press.txt").read_text("utf-8")
    head, _, rest = text.partition("\n\n(1) ")
    body = ("(1) " + rest).partition("\n\n\n1. ")[0]
    unit = body.replace("[1]", "").replace("[2]", "")
    copies = max(1, int(megabytes * 1e6 / len(unit.encode())))
    return head + "\n\n" + "\n\n".join([unit] * copies) + "\n"


def convert_big(megabytes: float) -> tuple[float, float, int]:
    """In-process and whole-process conversion time of a generated transcription."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("register.xml", "edition.toml", "not-names.lst"):
            (folder / name).write_bytes((ROOT / "source" / name).read_bytes())
        path = folder / "big.txt"
        path.write_text(big_transcription(megabytes), "utf-8")
        start = time.perf_counter()
        convert(path, Sources.load(folder))
        inside = time.perf_counter() - start
        exe = Path(sys.executable).with_name("tei-edition")
        start = time.perf_counter()
        subprocess.run([str(exe), "convert", str(path), "-o", str(folder / "big.xml")],
                       check=True, capture_output=True)
        whole = time.perf_counter() - start
        return inside, whole, path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every 1× size")
    ap.add_argument("--only", help="run the cases whose name contains this")
    ap.add_argument("--big-mb", type=float, default=8.0)
    ap.add_argument("--no-big", action="store_true", help="skip the 8 MB conversion")
    args = ap.parse_args(argv)
    failed = []
    print(f"{'case':34} {'1×':>9} {'2×':>9} {'4×':>9} {'8×':>9}  per doubling")
    for case in CASES:
        if args.only and args.only not in case.name:
            continue
        times, factor = growth(case, max(1, round(case.base * args.scale)), args.repeat)
        flag = "" if factor <= TARGET else "  > target"
        print(f"{case.name:34} " + " ".join(f"{t * 1000:7.1f}ms" for t in times)
              + f"  ×{factor:.2f}{flag}", flush=True)
        if factor > TARGET:
            failed.append(case.name)
    if not args.no_big and not args.only:
        inside, whole, size = convert_big(args.big_mb)
        print(f"\nconvert {size / 1e6:.1f} MB transcription: {inside:.1f} s in process, "
              f"{whole:.1f} s as `tei-edition convert`")
    if failed:
        print(f"\nabove ×{TARGET} per doubling: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
