"""Work over many files in forked worker processes, results in input order.

Workers are forked after the stylesheets and schemas are compiled, so they inherit
them compiled; what a worker needs besides its item is set in a module-level list
before :func:`ordered_map` is called (a forked child sees the parent's memory).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

_In = TypeVar("_In")
_Out = TypeVar("_Out")

PARALLEL_FROM = 100
"""With jobs left to us, files from which forking workers pays off: a worker costs
~20 ms to start and to hand its results back, a small TEI file ~0.5 ms to check."""


def default_jobs() -> int:
    """The cores this process may run on (a CI container may get fewer than the host)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def jobs_for(count: int, jobs: int | None) -> int:
    """``jobs`` as given; None: the machine's cores for ``count`` ≥ PARALLEL_FROM items,
    else 1."""
    if jobs is not None:
        return jobs
    return default_jobs() if count >= PARALLEL_FROM else 1


def ordered_map(work: Callable[[_In], _Out], items: Sequence[_In], jobs: int,
                chunk: int = 64) -> Iterator[_Out]:
    """``work(item)`` for each item, in order; in ``jobs`` forked workers when > 1."""
    if jobs <= 1 or len(items) <= 1:
        yield from map(work, items)
        return
    import multiprocessing  # only for parallel runs: ~10 ms to import
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork")
    # Chunks small enough that every worker gets several (balance), large enough that
    # handing them over costs little.
    chunksize = max(1, min(chunk, len(items) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=ctx) as pool:
        yield from pool.map(work, items, chunksize=chunksize)


_BACKGROUND: list[Callable[[], Any]] = []
"""The work of :func:`in_background`, set before forking: the child inherits it."""


def _background() -> Any:
    return _BACKGROUND[0]()


def in_background(work: Callable[[], _Out], jobs: int) -> Callable[[], _Out]:
    """Start ``work()`` in a forked process when ``jobs`` > 1 (else run it now), so the
    caller can do other work meanwhile; returns a function that waits for the result
    and raises what ``work`` raised. ``work`` may use anything in memory (the child is
    a fork); only its result is sent back, so it must pickle."""
    if jobs <= 1:
        result = work()
        return lambda: result
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _BACKGROUND[:] = [work]  # until the result is in: whenever the child forks, it sees it
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(_background)

    def result() -> _Out:
        try:
            return future.result()
        finally:
            pool.shutdown()
            _BACKGROUND.clear()

    return result


def run_all(work: Callable[[_In], _Out], items: Sequence[_In], jobs: int, label: str,
            progress: bool | None, failed: Callable[[_Out], bool],
            chunk: int = 64) -> list[_Out]:
    """:func:`ordered_map` to a list, with a progress bar (``label``; ``failed`` says
    which results count as failures; ``progress`` as in :class:`..progress.Progress`)."""
    from .progress import Progress

    results: list[_Out] = []
    with Progress(len(items), label, enabled=progress) as bar:
        for result in ordered_map(work, items, jobs, chunk):
            results.append(result)
            bar.done(failed=failed(result))
    return results
