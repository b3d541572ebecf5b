"""The page pass's machinery: pages linted in this process or on a process pool, results handed over in
order, and the garbage collector's policy while a run keeps its results alive.

A run makes many objects that live until it ends (page results, findings, report rows) and little cyclic
garbage, so the process that collects results does not collect garbage during a run; a process that lints
pages (a pool worker, or this one at ``-j1``) collects its pages' garbage with a raised young threshold.
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import TypeVar

from sitelint.worker import YOUNG_COLLECTIONS, PageResult, Task, lint_task, lint_task_pickled

T = TypeVar("T")

#: CPython's default threshold of the oldest generation
_FULL_COLLECTIONS = 10
#: pages linted in this process between two freezes of what is alive
_FREEZE_EVERY = 500


@contextmanager
def _thresholds(young: int | None, oldest: int) -> Iterator[None]:
    """The collector's first (unless None) and oldest-generation thresholds, restored afterwards."""
    first, second, third = gc.get_threshold()
    gc.set_threshold(first if young is None else young, second, oldest)
    try:
        yield
    finally:
        gc.set_threshold(first, second, third)


@contextmanager
def collecting(on: bool) -> Iterator[None]:
    """Automatic collection turned on (or off), as it was afterwards."""
    was = gc.isenabled()
    if on:
        _enable()
    else:
        gc.disable()
    try:
        yield
    finally:
        if was:
            _enable()
        else:
            gc.disable()


def _enable() -> None:
    """Automatic collection on. What was made while it was off joins the oldest generation unscanned
    (``gc.freeze()`` then ``gc.unfreeze()``): the first young collection would scan all of it otherwise.
    Not when objects are frozen already: unfreezing would thaw them too."""
    if not gc.isenabled() and gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
    gc.enable()


@contextmanager
def no_collections() -> Iterator[None]:
    """A run keeps a large set of acyclic objects alive until it ends (page results, findings, report
    rows) and makes little other garbage, so the collector would only scan them over and over: full
    collections whenever they grow by a quarter (seconds of a 10,000-page run), young ones as they are
    made (a third of the cost of receiving the workers' results). So this process does not collect during a run,
    except while it lints pages itself (``-j1``) or drives a Dask cluster; worker processes collect their
    pages' garbage as usual. Full collections stay off throughout; cyclic garbage left is collected after."""
    with _thresholds(None, 1_000_000), collecting(False):
        yield


def in_process(tasks: list[Task]) -> Iterator[PageResult]:
    """The page pass in this process (``-j1``). The pages' garbage is collected as usual, full collections
    included; every few hundred pages, right after a full collection, what is alive (the results so far)
    is frozen out of the collector's sight, so that full collections do not scan it over and over. A
    caller's own frozen objects are left alone: then nothing is frozen."""
    freeze = gc.get_freeze_count() == 0
    with _thresholds(YOUNG_COLLECTIONS, _FULL_COLLECTIONS), collecting(True):  # young ones as in a worker
        try:
            for i, task in enumerate(tasks, 1):
                yield lint_task(task)
                if freeze and i % _FREEZE_EVERY == 0:
                    gc.collect()
                    gc.freeze()
        finally:
            if freeze:
                gc.unfreeze()


def chunks(total: int, jobs: int) -> list[tuple[int, int]]:
    """(start, end) of the runs of tasks sent to the workers one at a time: up to 64 tasks while every worker
    has plenty left, then smaller and smaller ones, so that the workers finish together (a worker left alone
    with a large last chunk keeps the other cores idle)."""
    largest = max(1, min(64, total // (jobs * 8)))
    out = []
    start = 0
    while start < total:
        end = start + max(1, min(largest, (total - start) // (jobs * 4)))
        out.append((start, end))
        start = end
    return out


def lint_tasks(tasks: list[Task]) -> list[PageResult]:
    return [lint_task(task) for task in tasks]


def lint_tasks_pickled(tasks: list[Task]) -> list[bytes]:
    return [lint_task_pickled(task) for task in tasks]


def in_order(chunks: list[Future[list[T]]]) -> Iterator[T]:
    """The chunks' items, in the order of the chunks, each chunk as soon as it is done."""
    for chunk in chunks:
        yield from chunk.result()


def unpickled(blobs: Iterable[bytes], keep: list[bytes | None]) -> Iterator[PageResult]:
    for blob in blobs:
        keep.append(blob)
        yield pickle.loads(blob)


def consume(results: Iterable[PageResult], total: int, progress: Callable[[int, int], None] | None,
             received: Callable[[PageResult], None] | None = None) -> list[PageResult]:
    out: list[PageResult] = []
    for i, result in enumerate(results, 1):
        out.append(result)
        if received is not None:
            received(result)
        if progress is not None:
            progress(i, total)
    return out
