"""A progress display for runs over many files: documents done, failures, time left.

Shown on standard error only when it is a terminal (never in CI logs or pipes) and
only for runs of many files; drawn by tqdm, imported only then (~100 ms).
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

MIN_FILES = 20
"""Fewer files finish before a bar would be worth drawing."""


class Progress:
    """``with Progress(total, "validate") as bar: bar.done(failed=...)`` — a no-op
    unless ``enabled`` (default: standard error is a terminal and ``total`` is large)."""

    def __init__(self, total: int, label: str, *, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = total >= MIN_FILES and sys.stderr.isatty()
        self.failed = 0
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=label, unit="doc", file=sys.stderr,
                             leave=False, dynamic_ncols=True, mininterval=0.2)

    def done(self, n: int = 1, *, failed: int = 0) -> None:
        if self._bar is None:
            return
        if failed:
            self.failed += failed
            self._bar.set_postfix(failed=self.failed, refresh=False)
        self._bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.close()
