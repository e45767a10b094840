#!/usr/bin/env python3
"""Benchmark ``tei-edition validate`` against xmllint and Jing, as whole processes.

Usage::

    python benchmarks/validate.py [--docs 2000] [--big-mb 20] [--runs 3] [--keep DIR]

What is measured, and why
-------------------------
Users compare ``tei-edition validate`` with the tools they already run in CI, so every
figure here is the wall-clock time of a whole process (start-up, schema compilation,
parsing, validation, reporting), started with :mod:`subprocess`. Each command runs
``--runs`` times (default 3); the table shows the fastest run (min, the least disturbed
by other work on the machine), the median, the least CPU time (user + system, from
:func:`os.wait4`, workers included: steadier than wall time on a busy machine) and the
peak resident set size (max RSS, reported by ``/usr/bin/time`` for the command alone).
Ratios are of the fastest wall times, with the CPU-time ratio beside them.

1. **Corpus** (``--docs`` documents "like ours"). The canonical TEI that ``build``
   makes from ``source/`` is copied with a distinct id prefix per copy (every xml:id
   and every pointer to one rewritten) and one word per paragraph changed, so the
   corpus is valid against ``schema/tei-edition.xsd`` and passes the integrity rules:
   ids are unique across it, and ``register.xml`` (copied from the build) lies beside
   the documents so that every ``register.xml#…`` pointer resolves. Timed:

   a. ``xmllint --noout --schema schema/tei-edition.xsd FILES`` (the baseline: libxml2
      alone; one process, split only if the command line would be too long),
   b. ``tei-edition validate --jobs 1 DIR`` (our default: XSD and integrity rules),
   c. ``tei-edition validate --jobs 1 --no-rules DIR`` (XSD only),
   d. ``tei-edition validate --jobs 2 DIR``.

   The target is b/a ≤ 1.3: the rules must not cost much more than the schema.

2. **One large document** (≥ ``--big-mb`` MB): the same document with its body
   paragraphs repeated under fresh xml:ids, in a folder of its own with its own
   ``register.xml``. The engine streams files over 8 MB against an XSD (iterparse,
   freeing finished elements), so its peak memory should stay near that of a small
   document, and far below the document's in-memory tree. Timed with peak RSS:
   ``xmllint --schema``, ``xmllint --stream --schema``, ``tei-edition validate`` (and,
   to separate the cost of the integrity rules, ``--no-rules``), and ``tei-edition
   validate`` on one small document for the memory comparison.

3. **Real-world samples** (``/work/shared/tei-samples``, if present) against the
   official ``tei_all.rng``: Jing, ``xmllint --relaxng`` and ``tei-edition validate
   --no-rules --schema tei_all.rng``. libxml2 needs 6-14 s to compile tei_all; the
   engine compiles a grammar pruned to the elements present instead (and explains an
   invalid document with small per-element grammars, see 4). Six of the 16 samples
   are invalid, so the ten valid ones are also timed on their own.

4. **Explaining invalid documents** (the invalid samples): ``jing tei_all.rng FILE`` and
   ``tei-edition validate --no-rules --schema tei_all.rng FILE``, each file on its own and
   all together, with the number of errors each reports (counted from one extra run). The
   engine never compiles the full grammar to explain: it checks each failing element
   against a small grammar of its own level. Target: ours/jing ≤ 2 per file.
   ``--explain-only`` runs this section alone (no corpus is generated).

The script checks exit codes: a corpus run that does not report "valid" aborts the
benchmark, since timing a failure would be meaningless.
"""

from __future__ import annotations

import argparse
import copy
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
XSD = ROOT / "schema" / "tei-edition.xsd"
TEMPLATE_NAME = "1920-11-29-soviet-press.xml"
REGISTER_NAME = "register.xml"
SAMPLES = Path("/work/shared/tei-samples")
TEI_ALL = Path("/work/shared/tei/tei_all.rng")
TARGET_RATIO = 1.3
EXPLAIN_TARGET = 2.0
GNU_TIME = Path("/usr/bin/time")

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": TEI_NS}
# Words swapped into paragraphs so that no two copies have identical texts.
VOCABULARY = ("army", "front", "peace", "coal", "railway", "congress", "press", "labour",
              "winter", "treaty", "harvest", "frontier", "question", "policy", "order")


# ---------------------------------------------------------------------------------------
# Running and timing processes


@dataclass
class Sample:
    seconds: float
    cpu: float
    """User + system CPU seconds of the process and the children it waited for."""
    max_rss_kb: int
    code: int


@dataclass
class Measurement:
    label: str
    command: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(s.seconds for s in self.samples)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def best_cpu(self) -> float:
        return min(s.cpu for s in self.samples)

    @property
    def max_rss_mb(self) -> float:
        return max(s.max_rss_kb for s in self.samples) / 1024

    @property
    def codes(self) -> str:
        return ",".join(sorted({str(s.code) for s in self.samples}))


class BenchmarkError(RuntimeError):
    pass


def run_once(argv: Sequence[str], cwd: Path | None = None) -> tuple[Sample, str]:
    """Run one process; its wall time, peak RSS and standard error.

    A child's max RSS counts the memory of the process it was forked from (Linux keeps
    the high-water mark across exec), so measured directly it would include this
    script's own memory. The command is therefore started by ``/usr/bin/time``, a small
    process, which reports its child's peak RSS; without it, :func:`os.wait4` gives the
    child's max RSS, an upper bound.
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        command = list(argv)
        if GNU_TIME.is_file():
            command = [str(GNU_TIME), "-f", "%M", "-o", rss.name, *command]
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        reported = rss.read().split()
        max_rss = int(reported[-1]) if reported and reported[-1].isdigit() else usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(elapsed, cpu, int(max_rss), proc.returncode), stderr


def chunks(argv: Sequence[str], files: Sequence[str]) -> list[list[str]]:
    """``argv + files`` split into command lines the kernel accepts (usually one)."""
    limit = min(os.sysconf("SC_ARG_MAX"), 2 * 1024 * 1024) // 2 - sum(
        len(k) + len(v) + 2 for k, v in os.environ.items())
    base = sum(len(a) + 1 for a in argv)
    out: list[list[str]] = [[]]
    size = base
    for name in files:
        if out[-1] and size + len(name) + 1 > limit:
            out.append([])
            size = base
        out[-1].append(name)
        size += len(name) + 1
    return [[*argv, *group] for group in out]


def measure(label: str, argvs: Sequence[Sequence[str]], runs: int, ok: set[int],
            cwd: Path | None = None, show: str | None = None) -> Measurement:
    """Time ``argvs`` run one after another (chunks of one command), ``runs`` times."""
    shown = show or " ".join(argvs[0])
    result = Measurement(label, shown + (f"  [{len(argvs)} chunks]" if len(argvs) > 1 else ""))
    for _ in range(runs):
        total, cpu, rss, worst = 0.0, 0.0, 0, 0
        for argv in argvs:
            sample, stderr = run_once(argv, cwd)
            if sample.code not in ok:
                tail = "\n".join(stderr.splitlines()[-15:])
                raise BenchmarkError(f"{label}: exit code {sample.code} (expected "
                                     f"{sorted(ok)}) from {shown}\n{tail}")
            total += sample.seconds
            cpu += sample.cpu
            rss = max(rss, sample.max_rss_kb)
            worst = max(worst, sample.code)
        result.samples.append(Sample(total, cpu, rss, worst))
    print(f"  {label:<40} min {result.best:8.3f} s  median {result.median:8.3f} s  "
          f"CPU {result.best_cpu:8.3f} s  max RSS {result.max_rss_mb:7.1f} MB", flush=True)
    return result


def tei_edition_command() -> list[str]:
    script = Path(sys.executable).parent / "tei-edition"
    if script.is_file():
        return [str(script)]
    found = shutil.which("tei-edition")
    return [found] if found else [sys.executable, "-m", "tei_edition.cli"]


def require(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        raise BenchmarkError(f"{tool} is not on the PATH")
    return found


# ---------------------------------------------------------------------------------------
# Generating the corpus


def build_template(work: Path) -> tuple[etree._ElementTree, Path]:
    """Build the edition into ``work/build``; the canonical TEI and its register."""
    from tei_edition import build

    try:
        report = build(SOURCE, work / "build")
    except Exception as exc:  # the package under test is broken: say so, do not time it
        raise BenchmarkError(f"tei-edition build raised {type(exc).__name__}: {exc}") from exc
    if not report.ok:
        raise BenchmarkError(f"tei-edition build failed: {report.failed} {report.problems}")
    tei = work / "build" / "tei"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(str(tei / TEMPLATE_NAME), parser), tei / REGISTER_NAME


def serialize(tree: etree._ElementTree) -> bytes:
    body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def vary(text: str, rng: random.Random) -> str:
    """Replace one lower-case word of ``text`` by another: a small, harmless change."""
    words = text.split(" ")
    candidates = [k for k, w in enumerate(words) if w.isalpha() and w.islower()]
    if not candidates:
        return text
    words[rng.choice(candidates)] = rng.choice(VOCABULARY)
    return " ".join(words)


def vary_paragraph(p: etree._Element, rng: random.Random) -> None:
    """Change one word in the longest text node of a paragraph."""
    slots: list[tuple[int, etree._Element | None]] = [(len(p.text or ""), None)]
    slots += [(len(child.tail or ""), child) for child in p]
    _, owner = max(slots, key=lambda slot: slot[0])
    if owner is None:
        p.text = vary(p.text or "", rng)
    else:
        owner.tail = vary(owner.tail or "", rng)


def rename(tree: etree._ElementTree, old: str, new: str) -> None:
    """Rewrite the id prefix ``old`` to ``new`` in every attribute (ids and pointers)."""
    for el in tree.getroot().iter():
        for key, value in el.attrib.items():
            if old in value:
                el.set(key, value.replace(old, new))


def body_paragraphs(tree: etree._ElementTree) -> list[etree._Element]:
    return tree.getroot().findall("t:text/t:body/t:div/t:p", NS)


def make_corpus(template: etree._ElementTree, register: Path, folder: Path, docs: int) -> None:
    folder.mkdir(parents=True)
    shutil.copyfile(register, folder / REGISTER_NAME)
    prefix = template.getroot().get(XML_ID) or ""
    stem = Path(TEMPLATE_NAME).stem
    for i in range(docs):
        tree = copy.deepcopy(template)
        name = f"{stem}-{i:05d}"
        rename(tree, prefix, "d" + name)
        idno = tree.getroot().find(".//t:publicationStmt/t:idno[@type='filename']", NS)
        if idno is not None:
            idno.text = name + ".xml"
        rng = random.Random(i)
        for p in body_paragraphs(tree):
            vary_paragraph(p, rng)
        (folder / f"{name}.xml").write_bytes(serialize(tree))


def make_big(template: etree._ElementTree, register: Path, folder: Path, megabytes: float) -> Path:
    """The template with its body paragraphs repeated (fresh ids) until ≥ ``megabytes``."""
    folder.mkdir(parents=True)
    shutil.copyfile(register, folder / REGISTER_NAME)
    tree = copy.deepcopy(template)
    originals = body_paragraphs(tree)
    div = originals[0].getparent()
    assert div is not None
    target = int(megabytes * 1024 * 1024)
    base = len(serialize(tree))
    per_round = sum(len(etree.tostring(p)) for p in originals)
    rounds = max(1, math.ceil((target - base) / per_round))
    rng = random.Random(0)
    number = len(originals)
    done = 0
    while True:
        for _ in range(rounds - done):
            done += 1
            for p in originals:
                clone = copy.deepcopy(p)
                for el in clone.iter():
                    ident = el.get(XML_ID)
                    if ident is not None:
                        el.set(XML_ID, f"{ident}-r{done}")
                number += 1
                clone.set("n", str(number))
                vary_paragraph(clone, rng)
                div.append(clone)
        data = serialize(tree)
        if len(data) >= target:
            break
        rounds += max(1, math.ceil((target - len(data)) / per_round))
    path = folder / "big.xml"
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------
# The benchmark


def ratio_line(name: str, num: Measurement, den: Measurement, target: float | None = None) -> str:
    """Ratio of the fastest wall times (what a user waits), and of CPU times."""
    r = num.best / den.best
    verdict = ""
    if target is not None:
        verdict = f"   target ≤ {target:.1f}: " + ("met" if r <= target else "NOT MET")
    return (f"  {name:<34} {r:7.2f}×  (wall {num.best:.3f} s / {den.best:.3f} s; "
            f"CPU {num.best_cpu / den.best_cpu:.2f}×){verdict}")


def print_table(title: str, rows: Sequence[Measurement]) -> None:
    print(f"\n{title}")
    print(f"  {'':<40} {'min s':>9} {'median s':>9} {'CPU s':>9} {'max RSS MB':>11} {'exit':>5}")
    for m in rows:
        print(f"  {m.label:<40} {m.best:9.3f} {m.median:9.3f} {m.best_cpu:9.3f} "
              f"{m.max_rss_mb:11.1f} {m.codes:>5}")
    for m in rows:
        print(f"    {m.label}: {m.command}")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def bench_corpus(corpus: Path, docs: int, runs: int, tei: list[str]) -> list[str]:
    files = sorted(p.name for p in corpus.glob("*.xml"))
    print(f"\n[1] corpus: {docs} documents + {REGISTER_NAME} in {corpus} "
          f"({sum((corpus / f).stat().st_size for f in files) / 1e6:.1f} MB)", flush=True)
    xmllint = require("xmllint")
    a = measure("a  xmllint --schema", chunks([xmllint, "--noout", "--schema", str(XSD)], files),
                runs, {0}, cwd=corpus,
                show=f"xmllint --noout --schema {XSD} <{len(files)} files>")
    b = measure("b  tei-edition validate -j1", [[*tei, "validate", "--jobs", "1", str(corpus)]],
                runs, {0})
    c = measure("c  tei-edition validate -j1 --no-rules",
                [[*tei, "validate", "--jobs", "1", "--no-rules", str(corpus)]], runs, {0})
    d = measure("d  tei-edition validate -j2", [[*tei, "validate", "--jobs", "2", str(corpus)]],
                runs, {0})
    print_table(f"Corpus: {docs} documents, best of {runs}", [a, b, c, d])
    lines = [
        ratio_line("b/a (rules, 1 job)", b, a, TARGET_RATIO),
        ratio_line("c/a (schema only, 1 job)", c, a),
        ratio_line("d/a (rules, 2 jobs)", d, a),
    ]
    print("\n".join(lines))
    return lines


def bench_big(big: Path, small: Path, runs: int, tei: list[str]) -> list[str]:
    size = big.stat().st_size / 1024 / 1024
    print(f"\n[2] large document: {big} ({size:.1f} MB)", flush=True)
    xmllint = require("xmllint")
    rows = [
        measure("xmllint --schema", [[xmllint, "--noout", "--schema", str(XSD), str(big)]],
                runs, {0}),
        measure("xmllint --stream --schema",
                [[xmllint, "--noout", "--stream", "--schema", str(XSD), str(big)]], runs, {0}),
        measure("tei-edition validate", [[*tei, "validate", str(big)]], runs, {0}),
        measure("tei-edition validate --no-rules", [[*tei, "validate", "--no-rules", str(big)]],
                runs, {0}),
        measure("tei-edition validate (small doc)", [[*tei, "validate", str(small)]], runs, {0}),
    ]
    print_table(f"Large document ({size:.1f} MB) and one small document "
                f"({small.stat().st_size / 1024:.1f} KB), best of {runs}", rows)
    xmllint_dom, _, ours, _, ours_small = rows
    lines = [
        ratio_line("tei-edition / xmllint --schema", ours, xmllint_dom),
        f"  {'RSS tei-edition big / small':<34} {ours.max_rss_mb / ours_small.max_rss_mb:6.2f}×"
        f"  ({ours.max_rss_mb:.1f} MB / {ours_small.max_rss_mb:.1f} MB; "
        f"xmllint tree: {xmllint_dom.max_rss_mb:.1f} MB)",
    ]
    print("\n".join(lines))
    return lines


def bench_samples(samples: Path, tei_all: Path, runs: int, tei: list[str]) -> list[str]:
    all_files = sorted(str(p) for p in samples.rglob("*.xml"))
    valid = [f for f in all_files if Path(f).parent.name == "valid"]
    print(f"\n[3] {len(all_files)} real samples from {samples} against {tei_all}", flush=True)
    jing, xmllint = require("jing"), require("xmllint")
    lines: list[str] = []
    for title, files in ((f"all {len(all_files)}", all_files), (f"{len(valid)} valid", valid)):
        if not files:
            continue
        n = f"<{len(files)} files>"
        rows = [
            measure(f"jing ({title})", [[jing, str(tei_all), *files]], runs, {0, 1},
                    show=f"jing {tei_all} {n}"),
            measure(f"xmllint --relaxng ({title})",
                    [[xmllint, "--noout", "--relaxng", str(tei_all), *files]], runs, {0, 3},
                    show=f"xmllint --noout --relaxng {tei_all} {n}"),
            measure(f"tei-edition --no-rules ({title})",
                    [[*tei, "validate", "--no-rules", "--schema", str(tei_all), *files]], runs,
                    {0, 1}, show=f"tei-edition validate --no-rules --schema {tei_all} {n}"),
        ]
        print_table(f"Samples ({title}) against tei_all.rng, best of {runs}", rows)
        jing_m, xmllint_m, ours = rows
        part = [ratio_line(f"tei-edition / jing ({title})", ours, jing_m),
                ratio_line(f"tei-edition / xmllint ({title})", ours, xmllint_m)]
        print("\n".join(part))
        lines += part
    return lines


def count_errors(argv: Sequence[str], marker: str) -> int:
    """How many lines of a command's output (stdout and stderr) contain ``marker``."""
    done = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return sum(marker in line for line in (done.stdout + done.stderr).splitlines())


def bench_explain(samples: Path, tei_all: Path, runs: int, tei: list[str]) -> list[str]:
    files = sorted(str(p) for p in (samples / "invalid").glob("*.xml"))
    print(f"\n[4] explaining {len(files)} invalid samples against {tei_all}", flush=True)
    jing = require("jing")
    ours_argv = [*tei, "validate", "--no-rules", "--schema", str(tei_all)]
    lines: list[str] = []
    groups = [(Path(f).stem, [f]) for f in files] + [(f"all {len(files)}", files)]
    for title, group in groups:
        rows = [
            measure(f"jing ({title})"[:40], [[jing, str(tei_all), *group]], runs, {0, 1},
                    show=f"jing {tei_all} {' '.join(group) if len(group) == 1 else '<files>'}"),
            measure(f"tei-edition ({title})"[:40], [[*ours_argv, *group]], runs, {1},
                    show=" ".join(ours_argv) + (f" {group[0]}" if len(group) == 1
                                                else " <files>")),
        ]
        jing_m, ours = rows
        errors_jing = count_errors([jing, str(tei_all), *group], " error: ")
        errors_ours = count_errors([*ours_argv, *group], ": error: [")
        line = ratio_line(f"{title[:26]}", ours, jing_m, EXPLAIN_TARGET)
        line += f"   errors: ours {errors_ours}, jing {errors_jing}"
        print(line)
        lines.append(line)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=2000, help="documents in the corpus")
    parser.add_argument("--big-mb", type=float, default=20.0, help="size of the large document")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (best and median)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate into DIR (must not exist) and keep it")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="real TEI samples folder")
    parser.add_argument("--tei-all", type=Path, default=TEI_ALL, help="tei_all.rng")
    parser.add_argument("--explain-only", action="store_true",
                        help="only time the explanation of the invalid samples (section 4)")
    args = parser.parse_args(argv)

    if args.explain_only:
        if not (args.samples.is_dir() and args.tei_all.is_file()):
            parser.error(f"{args.samples} or {args.tei_all} not found")
        print(f"tei-edition: {' '.join(tei_edition_command())}; {load()}")
        try:
            lines = bench_explain(args.samples, args.tei_all, args.runs, tei_edition_command())
        except BenchmarkError as exc:
            print(f"benchmark failed: {exc}", file=sys.stderr)
            return 1
        print(f"\nSummary (ratios of the fastest runs; {load()})")
        print("\n".join(lines))
        return 0

    if args.keep:
        if args.keep.exists():
            parser.error(f"{args.keep} exists; give a new folder")
        args.keep.mkdir(parents=True)
        work = args.keep.resolve()
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="tei-bench-")
        work = Path(cleanup.name)

    tei = tei_edition_command()
    try:
        start = time.perf_counter()
        template, register = build_template(work)
        make_corpus(template, register, work / "corpus", args.docs)
        big = make_big(template, register, work / "big", args.big_mb)
        print(f"generated {args.docs} documents and {big.stat().st_size / 1e6:.1f} MB "
              f"in {time.perf_counter() - start:.1f} s under {work}")
        print(f"tei-edition: {' '.join(tei)}; xmllint: {require('xmllint')}; "
              f"Python {sys.version.split()[0]}; {load()}")

        summary = ["Corpus", *bench_corpus(work / "corpus", args.docs, args.runs, tei)]
        small = next(p for p in sorted((work / "corpus").glob("*.xml"))
                     if p.name != REGISTER_NAME)
        summary += ["Large document", *bench_big(big, small, args.runs, tei)]
        if args.samples.is_dir() and args.tei_all.is_file():
            summary += ["Samples", *bench_samples(args.samples, args.tei_all, args.runs, tei)]
            summary += ["Explaining invalid samples",
                        *bench_explain(args.samples, args.tei_all, args.runs, tei)]
        else:
            print(f"\n[3], [4] skipped: {args.samples} or {args.tei_all} not found")
        print(f"\nSummary (ratios of the fastest runs; {load()})")
        print("\n".join(line if line.startswith(" ") else f" {line}" for line in summary))
    except BenchmarkError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if cleanup is not None:
            cleanup.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
