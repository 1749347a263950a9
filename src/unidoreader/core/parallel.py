"""Sharing bulk work (parsing at import, segmenting at indexing) with worker processes.

Worker processes are started with "spawn" (the only start method on Windows and in a
frozen app, which must call multiprocessing.freeze_support()), so the functions they run
are module-level functions of this package. This process works too: it takes items
from the end of the list while the workers take them from the start, and the two meet
in the middle, so neither waits for the other. Callers fall back to doing everything
in-process when worker processes cannot start (`UNAVAILABLE`).
"""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterator, TypeVar

#: Below this many characters of text, worker processes cost more than they save.
PARALLEL_MIN_CHARS = 300_000
#: What failing to start or talk to worker processes raises (BrokenProcessPool is a RuntimeError).
UNAVAILABLE = (OSError, RuntimeError, ImportError, EOFError)

T = TypeVar("T")
#: A task for a worker: a module-level function, its arguments, and what turns its result
#: into the final one (in this process).
Task = tuple[Callable[..., Any], tuple[Any, ...], Callable[[Any], T]]


def default_workers(chars: int) -> int:
    """Worker processes worth starting: one per spare core, none for little text or when
    the machine is already busy (then a second process only adds start-up and copying)."""
    cores = os.cpu_count() or 1
    if chars < PARALLEL_MIN_CHARS or cores < 2:
        return 0
    if hasattr(os, "getloadavg") and os.getloadavg()[0] > cores - 0.5:
        return 0
    return cores - 1


def bootstrapping() -> bool:
    """True inside a spawned process still importing its parent's main module (a script
    without an `if __name__ == "__main__"` guard): starting workers there must not happen."""
    import multiprocessing

    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


def shared(
    count: int,
    workers: int,
    local: Callable[[int], T],
    remote: Callable[[int], Task[T]],
    initializer: Callable[[], None] | None = None,
) -> Iterator[tuple[int, T]]:
    """Results for items 0..count-1 as (item, result), in the order they are done: item i
    by `local(i)` here (from the end) or by the task `remote(i)` in a worker (from the start)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    low, high = 0, count  # workers take item low, this process item high - 1
    pending: dict[Future[Any], tuple[int, Callable[[Any], T]]] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=initializer) as pool:
        try:
            while low < high or pending:
                while low < high and len(pending) < 2 * workers:  # keep every worker fed
                    function, args, finish = remote(low)
                    pending[pool.submit(function, *args)] = (low, finish)
                    low += 1
                finished = [future for future in pending if future.done()]
                if not finished and low >= high:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    finished = list(done)
                for future in finished:
                    item, finish = pending.pop(future)
                    yield item, finish(future.result())
                if low < high:
                    high -= 1
                    yield high, local(high)
        finally:
            for future in pending:
                future.cancel()
