"""Sharing bulk work (parsing at import, segmenting at indexing) with worker processes.

Worker processes are started with "spawn" (the only start method on Windows and in a
frozen app, which must call multiprocessing.freeze_support()), so the functions they run
are module-level functions of this package. This process works too: it takes items
from the end of the list while the workers take them from the start, and the two meet
in the middle, so neither waits for the other. Callers fall back to doing everything
in-process when worker processes cannot start (`UNAVAILABLE`). The workers outlive a job
by a few seconds (IDLE_S) and load jieba as they start: the indexing that follows an
import reuses the processes that parsed it, warm.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future, ProcessPoolExecutor

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


#: Characters of work kept queued for each worker (see `shared`).
AHEAD_CHARS = 150_000
#: How long idle worker processes are kept for the next bulk job (an import is followed
#: by indexing: the workers that parsed it segment it, with jieba already loaded).
IDLE_S = 15.0

_pool_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_pool_users = 0
_retire_timer: threading.Timer | None = None


#: How often a worker checks that the process that started it is still alive.
PARENT_WATCH_S = 0.5


def _exit_with_parent(parent: int, death_signal: bool) -> None:
    """Make this worker end when its parent process dies (a SIGKILLed import must not
    leave workers segmenting for minutes, re-parented to init).

    On Linux the kernel sends SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG),
    when the parent is the process's main thread (the signal follows the thread that
    started the worker, and only the main thread lives as long as the process).
    Everywhere, a daemon thread also watches the parent's pid and exits when it changes
    or vanishes: the portable fallback, within PARENT_WATCH_S."""
    import signal
    import sys
    import time

    if death_signal and sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_PDEATHSIG = 1
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl here: the watch below does it
            pass
    if os.getppid() != parent:  # the parent died before the signal was set up
        os._exit(1)

    def alive() -> bool:
        if os.getppid() != parent:  # POSIX: re-parented
            return False
        if os.name == "nt":  # Windows does not re-parent: ask whether the pid still runs
            return _windows_pid_alive(parent)
        return True

    def watch() -> None:
        while alive():
            time.sleep(PARENT_WATCH_S)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    SYNCHRONIZE = 0x00100000
    handle = kernel32.OpenProcess(SYNCHRONIZE, False, pid)
    if not handle:
        return False
    try:
        return kernel32.WaitForSingleObject(handle, 0) != 0  # WAIT_OBJECT_0: it has exited
    finally:
        kernel32.CloseHandle(handle)


def _prepare_worker(parent: int = 0, death_signal: bool = False) -> None:
    """In a new worker: exit when the parent dies; load jieba in the background while the
    first tasks (parsing) run, so that segmenting, which comes next, finds it loaded."""
    if parent:
        _exit_with_parent(parent, death_signal)

    def load() -> None:
        from unidoreader.core import analysis

        analysis.segment_pieces("工发组织")

    threading.Thread(target=load, name="load-jieba", daemon=True).start()


@contextmanager
def _workers(count: int) -> Iterator[ProcessPoolExecutor]:
    """The worker pool, started on first use and kept IDLE_S seconds after the last."""
    global _pool, _pool_size, _pool_users, _retire_timer
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # here: searching never starts workers

    with _pool_lock:
        if _retire_timer is not None:
            _retire_timer.cancel()
            _retire_timer = None
        if _pool is not None and (_pool_size != count and not _pool_users):
            _pool.shutdown(wait=False)
            _pool = None
        if _pool is None:
            context = multiprocessing.get_context("spawn")
            death_signal = threading.current_thread() is threading.main_thread()
            _pool = ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_prepare_worker,
                                        initargs=(os.getpid(), death_signal))
            _pool_size = count
        pool = _pool
        _pool_users += 1
    failed = False
    try:
        yield pool
    except BaseException:
        failed = True
        raise
    finally:
        with _pool_lock:
            _pool_users -= 1
            if failed and _pool is pool:  # a broken pool, or an interrupted job: start afresh next time
                _pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            elif _pool is pool and not _pool_users:
                _retire_timer = threading.Timer(IDLE_S, _retire, args=(pool,))
                _retire_timer.daemon = True
                _retire_timer.start()


def stop_workers() -> None:
    """Stop the idle worker processes now rather than IDLE_S seconds after their last job."""
    with _pool_lock:
        pool = _pool
        if _retire_timer is not None:
            _retire_timer.cancel()
    if pool is not None:
        _retire(pool)


def _retire(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is not pool or _pool_users:
            return
        _pool = None
    pool.shutdown(wait=True)


def shared(
    count: int,
    workers: int,
    local: Callable[[int], T],
    remote: Callable[[int], Task[T]],
    size: Callable[[int], int] | None = None,
) -> Iterator[tuple[int, T]]:
    """Results for items 0..count-1 as (item, result), in the order they are done: item i
    by `local(i)` here (from the end) or by the task `remote(i)` in a worker (from the start).

    `size(i)`: the item's size (characters). Workers are kept fed with at least two items
    each and, when sizes are known, AHEAD_CHARS each: this process hands out work only
    between two of its own items, and one of those can be a large report.
    """
    from concurrent.futures import FIRST_COMPLETED, wait

    low, high = 0, count  # workers take item low, this process item high - 1
    pending: dict[Future[Any], tuple[int, int, Callable[[Any], T]]] = {}
    queued = 0  # size of the pending items
    with _workers(workers) as pool:
        try:
            while low < high or pending:
                while low < high and (len(pending) < 2 * workers or (size is not None and queued < AHEAD_CHARS * workers)):
                    function, args, finish = remote(low)
                    amount = size(low) if size is not None else 0
                    pending[pool.submit(function, *args)] = (low, amount, finish)
                    queued += amount
                    low += 1
                finished = [future for future in pending if future.done()]
                if not finished and low >= high:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    finished = list(done)
                for future in finished:
                    item, amount, finish = pending.pop(future)
                    queued -= amount
                    yield item, finish(future.result())
                if low < high:
                    high -= 1
                    yield high, local(high)
        finally:
            for future in pending:
                future.cancel()
