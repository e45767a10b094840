#!/usr/bin/env python3
"""The whole pipeline against the C tools, side by side, in one run.

    python benchmarks/run.py [--docs 1000] [--runs 3] [--quick] [--json FILE] [--big-mb 0]

A generated edition (benchmarks/corpus.py: letters, leaflets, statements with notes,
corrections, names from the register) is built once; its TEI (build/tei: the documents
and register.xml) is the corpus every pair works on. Each command is a whole process,
timed from outside (start-up included), ``--runs`` times; a line gives the median,
min–max, peak RSS (GNU time) and the ratio of medians ours / theirs:

* ``tei-edition validate -j1`` (XSD + rules) and ``--no-rules`` and ``-j2`` vs
  ``xmllint --noout --schema schema/tei-edition.xsd``;
* ``tei-edition export html -o DIR`` (and ``-j2``) vs ``xsltproc`` with the same
  stylesheet over the same files (into one output file: xsltproc has no output folder);
* ``tei-edition validate --no-rules --schema tei_all.rng`` vs ``jing tei_all.rng``
  (one JVM), on the valid corpus and on a copy where 5% of the documents are invalid;
* ``tei-edition build`` end to end (default --jobs), and a no-change rebuild, against
  xmllint + xsltproc on the already-converted TEI; one more build prints its phases
  (``--timings``).

``--big-mb N`` adds one N MB document: validate and export, with peak RSS / file size.
The RELAX NG name cache (TEI_EDITION_CACHE) lives in the work folder: the first run of
a tei_all command is cold, the others warm; min–max shows both.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import TEI_ALL, generate
from validate import chunks, run_once, tei_edition_command

ROOT = Path(__file__).resolve().parents[1]
XSD = ROOT / "schema" / "tei-edition.xsd"
HTML_XSL = ROOT / "tei_edition" / "xslt" / "html" / "document.xsl"


@dataclass
class Timing:
    label: str
    seconds: list[float]
    max_rss_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def timed(label: str, argvs: list[list[str]], runs: int, ok: set[int],
          stdout: Path | None = None, env: dict[str, str] | None = None,
          before: list[str] | None = None) -> Timing:
    """Run ``argvs`` (chunks of one command) ``runs`` times; ``before`` runs untimed
    ahead of each run (to restore a state)."""
    seconds, rss = [], 0
    for _ in range(runs):
        if before:
            subprocess.run(before, check=True, capture_output=True)
        total = 0.0
        for argv in argvs:
            if stdout is not None:  # xsltproc writes to standard output
                argv = ["sh", "-c", " ".join(f"'{a}'" for a in argv) + f" > '{stdout}'"]
            old = dict(os.environ)
            os.environ.update(env or {})
            try:
                sample, err = run_once(argv)
            finally:
                os.environ.clear()
                os.environ.update(old)
            if sample.code not in ok:
                sys.exit(f"{label}: exit code {sample.code}\n{err[-2000:]}")
            total += sample.seconds
            rss = max(rss, sample.max_rss_kb)
        seconds.append(total)
    t = Timing(label, seconds, rss / 1024)
    print(f"  {label:<44} median {t.median:7.3f} s  ({min(seconds):.3f}–{max(seconds):.3f})"
          f"  RSS {t.max_rss_mb:6.1f} MB", flush=True)
    return t


def ratio(name: str, ours: Timing, theirs: Timing, target: str, results: list[dict]) -> None:
    r = ours.median / theirs.median
    print(f"  RATIO {name:<48} {r:6.2f}×  (target {target})", flush=True)
    results.append({"pair": name, "ratio": round(r, 3), "target": target,
                    "ours": asdict(ours), "theirs": asdict(theirs)})


def break_some(corpus: Path, into: Path, share: float, seed: int = 5) -> int:
    """A copy of ``corpus`` where ``share`` of the documents carry an attribute neither
    schema allows (invalid for XSD and tei_all alike)."""
    shutil.copytree(corpus, into)
    docs = sorted(p for p in into.glob("*.xml") if p.name != "register.xml")
    rng = random.Random(seed)
    broken = rng.sample(docs, max(1, int(len(docs) * share)))
    for path in broken:
        data = path.read_text("utf-8")
        path.write_text(re.sub(r"<p\b", '<p bogus="1"', data, count=1), "utf-8")
    return len(broken)


def big_document(template: Path, target: Path, megabytes: float) -> Path:
    """``template``'s body paragraphs repeated (fresh ids) to ≥ ``megabytes``."""
    from lxml import etree

    tree = etree.parse(str(template))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    paras = tree.getroot().findall(".//t:body/t:div/t:p", ns)
    div = paras[0].getparent()
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    size, rounds = len(etree.tostring(tree)), 0
    per = sum(len(etree.tostring(p)) for p in paras)
    while size < megabytes * 1e6:
        rounds += 1
        for p in paras:
            clone = etree.fromstring(etree.tostring(p))
            for el in clone.iter():
                if el.get(xml_id):
                    el.set(xml_id, f"{el.get(xml_id)}-r{rounds}")
            div.append(clone)
        size += per
    tree.write(str(target), encoding="UTF-8", xml_declaration=True)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="200 documents, 2 runs")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--big-mb", type=float, default=0, help="also one document this large")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    args = parser.parse_args()
    if args.quick:
        args.docs, args.runs = min(args.docs, 200), min(args.runs, 2)
    for tool in ("xmllint", "xsltproc", "jing"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not on the PATH (README: Benchmarks)")
    tei = tei_edition_command()
    # As users run it: an installed wheel has its bytecode compiled (pip does that), so
    # start-up must not include compiling every module, which this variable would force.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    work = args.keep or Path(tempfile.mkdtemp(prefix="tei-run-"))
    if args.keep:
        work.mkdir(parents=True)
    env = {"TEI_EDITION_CACHE": str(work / "cache")}
    results: list[dict] = []
    one, five, _ = os.getloadavg()
    print(f"{args.docs} documents, {args.runs} runs each; {os.cpu_count()} CPUs, load "
          f"{one:.2f}/{five:.2f}; work folder {work}", flush=True)
    try:
        src = generate(work, args.docs)
        out = work / "build"
        tei_all = TEI_ALL if TEI_ALL.is_file() else None

        print("\n[build]")
        build = timed("tei-edition build (end to end)",
                      [[*tei, "build", "--source", str(src), "--out", str(out), "--force"]],
                      args.runs, {0}, env=env)
        # Where the time goes: one more build, untimed, that reports its phases.
        phases = subprocess.run(
            [*tei, "build", "--source", str(src), "--out", str(out), "--force", "--timings"],
            capture_output=True, text=True, env={**os.environ, **env}, check=True)
        [line] = [ln for ln in phases.stderr.splitlines() if ln.startswith("timings: ")]
        print(f"  {line}")
        results.append({"pair": "build phases", "timings": line.removeprefix("timings: ")})
        nochange = timed("tei-edition build (no change)",
                         [[*tei, "build", "--source", str(src), "--out", str(out)]],
                         args.runs, {0}, env=env)
        corpus = out / "tei"
        files = sorted(str(p) for p in corpus.glob("*.xml"))
        docs = [f for f in files if not f.endswith("register.xml")]
        mb = sum(Path(f).stat().st_size for f in files) / 1e6
        print(f"  corpus: {len(files)} files, {mb:.1f} MB in {corpus}")

        print("\n[validate: our XSD]")
        xmllint = timed("xmllint --noout --schema", chunks(
            ["xmllint", "--noout", "--schema", str(XSD)], files), args.runs, {0})
        v1 = timed("tei-edition validate -j1", [[*tei, "validate", "-j1", str(corpus)]],
                   args.runs, {0}, env=env)
        v1n = timed("tei-edition validate -j1 --no-rules",
                    [[*tei, "validate", "-j1", "--no-rules", str(corpus)]], args.runs, {0},
                    env=env)
        v2 = timed("tei-edition validate -j2", [[*tei, "validate", "-j2", str(corpus)]],
                   args.runs, {0}, env=env)
        ratio("validate -j1 / xmllint --schema", v1, xmllint, "≤ 1.2", results)
        ratio("validate -j1 --no-rules / xmllint --schema", v1n, xmllint, "≤ 1.2", results)
        ratio("validate -j2 / xmllint --schema", v2, xmllint, "< 1", results)

        print("\n[export html]")
        html = work / "html-out"
        html.mkdir()
        xsltproc = timed("xsltproc document.xsl", chunks(
            ["xsltproc", "--nonet", str(HTML_XSL)], docs), args.runs, {0},
            stdout=work / "xsltproc.html")
        e1 = timed("tei-edition export html -o DIR", chunks(
            [*tei, "export", "html", "-o", str(html)], docs), args.runs, {0})
        e2 = timed("tei-edition export html -j2 -o DIR", chunks(
            [*tei, "export", "html", "-j2", "-o", str(html)], docs), args.runs, {0})
        ratio("export html / xsltproc", e1, xsltproc, "≤ 1.2", results)
        ratio("export html -j2 / xsltproc", e2, xsltproc, "—", results)

        if tei_all is not None:
            invalid = work / "invalid-tei"
            broken = break_some(corpus, invalid, 0.05)
            bad_files = sorted(str(p) for p in invalid.glob("*.xml"))
            for title, group, codes in (("valid", files, {0}),
                                        (f"5% invalid ({broken})", bad_files, {0, 1})):
                print(f"\n[tei_all.rng, {title}]")
                jing = timed(f"jing ({title})", chunks(["jing", str(tei_all)], group),
                             args.runs, codes)
                ours = timed(f"tei-edition --schema tei_all ({title})", chunks(
                    [*tei, "validate", "--no-rules", "--schema", str(tei_all)], group),
                    args.runs, {1} if codes != {0} else {0}, env=env)
                ratio(f"validate --schema tei_all.rng / jing, {title}", ours, jing, "< 1",
                      results)

        print("\n[build vs the C tools on the converted TEI]")
        both = Timing("xmllint + xsltproc", [a + b for a, b in zip(
            sorted(xmllint.seconds), sorted(xsltproc.seconds), strict=True)],
            max(xmllint.max_rss_mb, xsltproc.max_rss_mb))
        ratio("build / (xmllint + xsltproc)", build, both, "≤ 2", results)
        print(f"  no-change rebuild: median {nochange.median:.3f} s (target < 1 s)")
        results.append({"pair": "no-change rebuild", "seconds": nochange.median,
                         "target": "< 1 s", "ours": asdict(nochange)})

        if args.big_mb:
            print(f"\n[one {args.big_mb:g} MB document]")
            big_dir = work / "big"
            big_dir.mkdir()
            shutil.copyfile(corpus / "register.xml", big_dir / "register.xml")
            # A statement: paragraphs may follow paragraphs (not a letter's closer).
            plain = next(d for d in docs if "<closer" not in Path(d).read_text("utf-8"))
            big = big_document(Path(plain), big_dir / "big.xml", args.big_mb)
            size = big.stat().st_size / 1e6
            bv = timed("tei-edition validate (big)", [[*tei, "validate", str(big)]], 1, {0, 1})
            be = timed("tei-edition export html (big)",
                       [[*tei, "export", "html", "-o", str(work / "big-out"), str(big)]], 1, {0})
            bx = timed("xmllint --schema (big)",
                       [["xmllint", "--noout", "--schema", str(XSD), str(big)]], 1, {0})
            bt = timed("xsltproc (big)", [["xsltproc", "--nonet", str(HTML_XSL), str(big)]], 1,
                       {0}, stdout=work / "big-xsltproc.html")
            for t in (bv, be, bx, bt):
                print(f"  RSS / size {t.label:<40} {t.max_rss_mb / size:5.2f}×  (target ≤ 3)")
                results.append({"pair": f"RSS/size {t.label}", "ratio":
                                round(t.max_rss_mb / size, 3), "target": "≤ 3",
                                "ours": asdict(t), "size_mb": size})
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print("\nSummary (ratios of medians, ours / theirs)")
    for r in results:
        if "ratio" in r:
            print(f"  {r['pair']:<52} {r['ratio']:6.2f}×  target {r['target']}")
        elif "seconds" in r:
            print(f"  {r['pair']:<52} {r['seconds']:6.3f} s  target {r['target']}")
        else:
            print(f"  {r['pair']}: {r['timings']}")
    if args.json:
        args.json.write_text(json.dumps({"docs": args.docs, "runs": args.runs,
                                         "cpus": os.cpu_count(), "time": time.time(),
                                         "results": results}, indent=1) + "\n", "utf-8")
        print(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
