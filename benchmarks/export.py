"""Time `tei-edition export html FILES -o DIR` against xsltproc running the same stylesheet.

xsltproc here (libxslt 1.1) has no output folder for several inputs (`-o DIR/` fails with
"Is a directory"), so it runs as `xsltproc STYLESHEET FILES > DIR/all`: one process, the
same transforms, its results written to one file.

Both run as whole processes over the same files (by default 200 copies of the real
TEI samples in ../shared/tei-samples/valid/), each best of --repeat runs. Prints the
seconds and the ratio ours / xsltproc; the goal is a ratio of at most 1.2.

    python benchmarks/export.py [--copies 200] [--repeat 3] [--format html|text]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "tei-samples" / "valid"
SHEETS = {"html": "html/document.xsl", "text": "text/reading.xsl"}


def best_of(cmd: list[str], repeat: int, stdout: Path | None = None) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        with open(stdout or "/dev/null", "wb") as out:
            subprocess.run(cmd, check=True, stdout=out, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", choices=sorted(SHEETS), default="html")
    args = parser.parse_args()
    xsltproc = shutil.which("xsltproc")
    if xsltproc is None:
        print("xsltproc is not installed (apt-get install xsltproc)", file=sys.stderr)
        return 2
    samples = sorted(SAMPLES.glob("*.xml"))
    if not samples:
        print(f"no samples in {SAMPLES}", file=sys.stderr)
        return 2
    cli = Path(sys.executable).with_name("tei-edition")
    sheet = ROOT / "tei_edition" / "xslt" / SHEETS[args.format]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        files = []
        for i in range(args.copies):
            sample = samples[i % len(samples)]
            target = src / f"{i:04d}-{sample.name}"
            shutil.copyfile(sample, target)
            files.append(str(target))
        size = sum(Path(f).stat().st_size for f in files) / 1e6
        ours_dir, theirs_dir = Path(tmp) / "ours", Path(tmp) / "xsltproc"
        ours_dir.mkdir()
        theirs_dir.mkdir()
        ours = best_of([str(cli), "export", args.format, *files, "-o", str(ours_dir)], args.repeat)
        theirs = best_of([xsltproc, "--nonet", str(sheet), *files], args.repeat,
                         stdout=theirs_dir / "all")
    print(f"{args.format}: {len(files)} files, {size:.1f} MB")
    print(f"tei-edition export: {ours:.2f} s")
    print(f"xsltproc:           {theirs:.2f} s")
    print(f"ratio:              {ours / theirs:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
