"""The parallel helpers: results in order, work in a forked child, errors carried back."""

from __future__ import annotations

import os

import pytest

from tei_edition.errors import SourceError
from tei_edition.parallel import in_background, jobs_for, ordered_map

_PARENT = os.getpid()


def _square(n: int) -> int:
    return n * n


def test_ordered_map_keeps_input_order_in_workers() -> None:
    assert list(ordered_map(_square, list(range(200)), jobs=2, chunk=3)) == [
        n * n for n in range(200)]


def test_jobs_default_to_one_for_few_files() -> None:
    assert jobs_for(10, None) == 1
    assert jobs_for(10, 3) == 3


def test_background_work_runs_in_a_child_and_sees_the_parents_memory() -> None:
    data = {"trees": list(range(1000))}  # not sent: the fork inherits it
    result = in_background(lambda: (os.getpid(), sum(data["trees"])), jobs=2)
    pid, total = result()
    assert pid != _PARENT
    assert total == sum(range(1000))


def test_background_work_runs_inline_with_one_job() -> None:
    assert in_background(os.getpid, jobs=1)() == _PARENT


def test_background_errors_reach_the_caller_with_their_place() -> None:
    def fail() -> None:
        raise SourceError("cannot write the data", "build/data/x.csv", 3)

    result = in_background(fail, jobs=2)
    with pytest.raises(SourceError) as caught:
        result()
    assert caught.value.render() == "build/data/x.csv:3: error: cannot write the data"
