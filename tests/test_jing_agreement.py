"""Our RELAX NG verdict on real-world TEI agrees with Jing's, file by file.

Every sample in ../shared/tei-samples/{valid,invalid} is validated against tei_all.rng by
Jing (the reference RELAX NG validator; Debian's wrapper also processes XInclude) and by
our engine with the integrity rules off. Jing's exit status decides its verdict. On the
invalid samples and the fixtures in cases/validate/rng, the errors must agree too: as many
as Jing reports, on the same lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tei_edition.validate import load_schema, validate

from .conftest import SHARED, TEI_ALL

SAMPLES = SHARED / "tei-samples"
JING = shutil.which("jing")

if not (SAMPLES / "valid").is_dir() or not (SAMPLES / "invalid").is_dir():
    pytest.skip(f"real-world TEI samples not found at {SAMPLES} (../shared is absent)",
                allow_module_level=True)
if JING is None:
    pytest.skip("the jing executable is not installed (Debian package jing)",
                allow_module_level=True)
if not TEI_ALL.is_file():
    pytest.skip(f"official TEI schema not found at {TEI_ALL}", allow_module_level=True)

FILES = sorted((SAMPLES / "invalid").glob("*.xml")) + sorted((SAMPLES / "valid").glob("*.xml"))


# Short JVM runs: the client compiler alone starts Jing about twice as fast (same verdicts).
JAVA_ENV = {**os.environ, "JAVA_TOOL_OPTIONS": " ".join(filter(None, [
    os.environ.get("JAVA_TOOL_OPTIONS"), "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"]))}


def _jing(path: Path) -> tuple[bool, str]:
    done = subprocess.run([JING, str(TEI_ALL), str(path)], capture_output=True, text=True,
                          env=JAVA_ENV, timeout=300)
    return done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def jing_verdicts() -> Iterator[dict[Path, Future[tuple[bool, str]]]]:
    """Jing's verdict (exit status 0 = valid) and output per file, one JVM per file,
    run in the background while our engine validates."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        yield {path: pool.submit(_jing, path) for path in FILES}


@pytest.fixture(scope="module")
def tei_all_rng():
    """Spelt as the CLI and test_validate spell it, to share load_schema's per-spelling cache."""
    return load_schema(str(TEI_ALL))


def test_samples_present():
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_same_verdict_as_jing(path, jing_verdicts, tei_all_rng):
    report = validate([path], [tei_all_rng], rules=False)
    jing_valid, jing_output = jing_verdicts[path].result()
    ours = "\n".join(issue.render() for issue in report.issues)
    assert report.ok == jing_valid, f"jing:\n{jing_output}\nours:\n{ours}"
    if not report.ok:
        assert report.issues, "an invalid verdict must come with a reason"


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_sample_sits_in_the_folder_of_jings_verdict(path, jing_verdicts):
    """The samples' folders (valid/, invalid/) say what Jing says: the data is as described."""
    jing_valid, jing_output = jing_verdicts[path].result()
    assert jing_valid == (path.parent.name == "valid"), jing_output


# -- the errors themselves --------------------------------------------------------------

RNG_FIXTURES = sorted((Path(__file__).resolve().parent / "cases" / "validate" / "rng")
                      .glob("*.xml"))
INVALID = [p for p in FILES if p.parent.name == "invalid"] + RNG_FIXTURES


@pytest.fixture(scope="module")
def jing_on_fixtures() -> Iterator[dict[Path, Future[tuple[bool, str]]]]:
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        yield {path: pool.submit(_jing, path) for path in RNG_FIXTURES}


def _jing_errors(output: str) -> list[tuple[int, str]]:
    """(line, message) of each error Jing reports."""
    found = []
    for line in output.splitlines():
        parts = line.split(":", 4)  # file:line:col: error: message
        if len(parts) == 5 and parts[3].strip() == "error" and parts[1].isdigit():
            found.append((int(parts[1]), parts[4].strip()))
    return found


# Where a line cannot agree: Jing reports a missing child at the end tag and stray text
# where it ends; we report the element's start tag.
_NO_LINE = ("incomplete", "text not allowed", "Did not expect text")


@pytest.mark.parametrize("path", INVALID, ids=[f"{p.parent.name}/{p.stem}" for p in INVALID])
def test_same_errors_as_jing(path, jing_verdicts, jing_on_fixtures, tei_all_rng):
    """As many RELAX NG errors as Jing, on the same lines (where lines can agree)."""
    future = jing_verdicts.get(path) or jing_on_fixtures[path]
    _, output = future.result()
    if "fatal:" in output:
        pytest.skip("Jing stopped on a fatal error (an XInclude without fallback)")
    jing = _jing_errors(output)
    ours = [i for i in validate([path], [tei_all_rng], rules=False).issues if i.rule == "rng"]
    shown = "jing:\n" + "\n".join(f"{n}: {m[:120]}" for n, m in jing) + "\nours:\n" + "\n".join(
        i.render() for i in ours)
    assert len(ours) == len(jing), shown
    assert (sorted(n for n, m in jing if not any(k in m for k in _NO_LINE))
            == sorted(i.line for i in ours if not any(k in i.message for k in _NO_LINE))), shown
