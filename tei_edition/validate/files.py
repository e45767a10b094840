"""Which files to validate: paths, folders (recursive ``*.xml``), globs, git changes."""

from __future__ import annotations

import glob
import os
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


def _git(*args: str) -> bytes:
    return subprocess.run(["git", *args], capture_output=True, check=True).stdout


def changed_since(rev: str, paths: Iterable[str | Path]) -> list[Path]:
    """The ``*.xml`` files under ``paths`` changed in git since ``rev`` (and not deleted).

    ``rev`` is resolved to a commit first (``rev-parse --verify --end-of-options``), so a
    value such as ``--output=FILE`` is a revision that does not exist, never an option of
    git. Names are read NUL-separated (``-z``): git would quote non-ASCII names otherwise.
    """
    scope = [str(p) for p in paths] or ["."]
    try:
        top = os.fsdecode(_git("rev-parse", "--show-toplevel").rstrip(b"\n"))
        commit = _git("rev-parse", "--verify", "--quiet", "--end-of-options",
                      f"{rev}^{{commit}}").decode("ascii").strip()
        diffed = _git("diff", "-z", "--name-only", "--diff-filter=ACMRT", "--end-of-options",
                      commit, "--", *scope)
        untracked = _git("ls-files", "-z", "--others", "--exclude-standard", "--", *scope)
    except FileNotFoundError:
        raise UsageError("--changed-since needs git on the PATH") from None
    except subprocess.CalledProcessError as exc:
        why = exc.stderr.decode("utf-8", "replace").strip() or "no such revision"
        raise UsageError(f"git cannot compare with {rev!r}: {why}") from None
    # diff names are relative to the top of the work tree, ls-files names to the cwd.
    files = [Path(top) / os.fsdecode(n) for n in diffed.split(b"\0") if n]
    files += [Path(os.fsdecode(n)) for n in untracked.split(b"\0") if n]
    cwd = Path.cwd()
    return sorted({
        p.relative_to(cwd) if p.is_relative_to(cwd) else p
        for p in (f.resolve() for f in files)
        if p.suffix == ".xml" and p.is_file()
    })
