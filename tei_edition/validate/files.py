"""Which files to validate: paths, folders (recursive ``*.xml``), globs, git changes."""

from __future__ import annotations

import glob
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..errors import UsageError


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, ``*.xml`` under folders, and glob matches; sorted, without duplicates."""
    out: dict[Path, Path] = {}  # resolved → as first written: one file, however spelled
    for raw in paths:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            for p in sorted(p for p in path.rglob("*.xml") if p.is_file()):
                out.setdefault(p.resolve(), p)
        elif path.is_file():
            out.setdefault(path.resolve(), path)
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matches:
                raise UsageError(f"no files match {text!r}")
            for p in matches:
                out.setdefault(p.resolve(), p)
        else:
            raise UsageError(f"no such file or folder: {text}")
    return list(out.values())


def changed_since(rev: str, paths: Iterable[str | Path]) -> list[Path]:
    """The ``*.xml`` files under ``paths`` changed in git since ``rev`` (and not deleted)."""
    scope = [str(p) for p in paths] or ["."]
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=True).stdout.strip()
        result = subprocess.run(
            ["git", "diff", "--name-only", "--diff-filter=ACMRT", rev, "--", *scope],
            capture_output=True, text=True, check=True,
        )
        untracked = subprocess.run(
            ["git", "ls-files", "--others", "--exclude-standard", "--", *scope],
            capture_output=True, text=True, check=True,
        )
    except FileNotFoundError:
        raise UsageError("--changed-since needs git on the PATH") from None
    except subprocess.CalledProcessError as exc:
        raise UsageError(f"git cannot compare with {rev!r}: {exc.stderr.strip()}") from None
    names = result.stdout.splitlines()
    files = [Path(top) / name for name in names] + [Path(n) for n in untracked.stdout.splitlines()]
    cwd = Path.cwd()
    return sorted({
        p.relative_to(cwd) if p.is_relative_to(cwd) else p
        for p in (f.resolve() for f in files)
        if p.suffix == ".xml" and p.is_file()
    })
