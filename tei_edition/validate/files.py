"""Which files to validate: paths, folders (recursive ``*.xml``), globs, git changes."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import UsageError


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, ``*.xml`` under folders, and glob matches; sorted, without duplicates."""
    out: dict[str, Path] = {}  # real path → as first written: one file, however spelled
    real_dirs: dict[str, str] = {}

    def add(p: Path, is_link: bool) -> None:
        # One realpath per folder rather than per file: it costs a system call per level.
        if is_link:
            key = os.path.realpath(p)
        else:
            parent = os.path.dirname(p) or "."
            if parent not in real_dirs:
                real_dirs[parent] = os.path.realpath(parent)
            key = os.path.join(real_dirs[parent], p.name)
        out.setdefault(key, p)

    for raw in paths:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            for p, is_link in _xml_files(path):
                add(p, is_link)
        elif path.is_file():
            add(path, path.is_symlink())
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matches:
                raise UsageError(f"no files match {text!r}")
            for p in matches:
                add(p, p.is_symlink())
        else:
            raise UsageError(f"no such file or folder: {text}")
    return list(out.values())


def _xml_files(folder: Path) -> list[tuple[Path, bool]]:
    """``*.xml`` files under ``folder`` (and whether each is a link), sorted by path, as
    ``folder.rglob("*.xml")`` finds them: linked folders are not entered, linked files
    count when they point to a file. One ``scandir`` per folder, no ``stat`` per file."""
    found: list[tuple[Path, bool]] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(current / entry.name)
                    elif entry.name.endswith(".xml") and entry.is_file():
                        found.append((current / entry.name, entry.is_symlink()))
        except PermissionError:
            continue
    found.sort(key=lambda item: item[0])
    return found


def _git(*args: str) -> bytes:
    import subprocess  # only for --changed-since

    return subprocess.run(["git", *args], capture_output=True, check=True).stdout


def changed_since(rev: str, paths: Iterable[str | Path]) -> list[Path]:
    """The ``*.xml`` files under ``paths`` changed in git since ``rev`` (and not deleted).

    ``rev`` is resolved to a commit first (``rev-parse --verify --end-of-options``), so a
    value such as ``--output=FILE`` is a revision that does not exist, never an option of
    git. Names are read NUL-separated (``-z``): git would quote non-ASCII names otherwise.
    """
    import subprocess

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
