"""Time `tei-edition build` per document: the bundled edition and N generated copies.

The copies are the bundled transcription under new names, each dated one day later
(so the timeline and the listing have distinct dates), in a copy of source/ without
the per-document facts of edition.toml and corrections.toml (those name documents).
Each build runs in this process (one interpreter start, stylesheets compiled once,
as `tei-edition build` does), best of --repeat runs, into a fresh folder.

    python benchmarks/build.py [--copies 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
DATE = re.compile(r"^November 29, 1920$", re.M)


def generated(folder: Path, copies: int) -> Path:
    """A source/ of ``copies`` transcriptions made from the bundled one."""
    src = folder / "source"
    shutil.copytree(SOURCE, src)
    [text] = sorted(SOURCE.glob("*.txt"))
    body = text.read_text("utf-8")
    (src / text.name).unlink()
    (src / "corrections.toml").write_text("", "utf-8")
    toml = (src / "edition.toml").read_text("utf-8")
    (src / "edition.toml").write_text(toml.split("\n[documents.")[0] + "\n", "utf-8")
    start = dt.date(1920, 11, 29)
    for i in range(copies):
        day = start + dt.timedelta(days=i)
        name = f"{day.isoformat()}-copy-{i:03d}"
        date = f"{day:%B} {day.day}, {day.year}"
        (src / f"{name}.txt").write_text(DATE.sub(date, body), "utf-8")
    return src


def best_of(source: Path, scratch: Path, repeat: int) -> float:
    from tei_edition import build

    best = float("inf")
    for run in range(repeat):
        out = scratch / f"out-{source.parent.name}-{run}"
        start = time.perf_counter()
        report = build(source, out)
        best = min(best, time.perf_counter() - start)
        if not report.ok:
            sys.exit(f"build failed: {report.failed or report.problems or report.stopped}")
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        bundled = best_of(SOURCE, scratch, args.repeat)
        n = len(list(SOURCE.glob("*.txt")))
        print(f"bundled edition: {n} document(s), {bundled:.3f} s, {bundled / n:.3f} s/document")
        many = scratch / "many"
        many.mkdir()
        src = generated(many, args.copies)
        total = best_of(src, scratch, args.repeat)
        print(f"{args.copies} generated copies: {total:.3f} s, "
              f"{total / args.copies:.3f} s/document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
