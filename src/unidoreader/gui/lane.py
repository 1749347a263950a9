"""One background lane for all long work (Anki's QueryOp / calibre's worker habit).

Jobs run one at a time, in order, on a single worker thread; their results, partial
results and errors come back to the GUI thread through queued signals. One lane (not a
pool) keeps the core simple: the library, the index and jieba are never used by two
jobs at once, and the two CPU cores stay shared with the GUI thread.
"""

from __future__ import annotations

import queue
import threading
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal

Callback = Callable[[Any], None]


@dataclass(eq=False)
class Job:
    """A unit of background work. `fn(job)` runs on the lane; it may call
    `job.partial(value)` to stream results and `job.progress(done, total, message)`."""

    label: str
    fn: Callable[["Job"], Any]
    on_done: Callback | None = None
    on_error: Callable[[BaseException], None] | None = None
    on_partial: Callback | None = None
    cancelled: bool = False
    _lane: "Lane | None" = field(default=None, repr=False)

    def cancel(self) -> None:
        """Ask the job to stop; callbacks of a cancelled job are never called."""
        self.cancelled = True

    def partial(self, value: Any) -> None:
        if self._lane is not None and not self.cancelled:
            self._lane._deliver_signal.emit(self, "partial", (value,))

    def progress(self, done: int, total: int, message: str = "") -> None:
        if self._lane is not None and not self.cancelled:
            self._lane._progress_signal.emit(int(done), int(total), str(message))


class Lane(QObject):
    """The background lane. `busy` is True while a job is queued or running."""

    started = Signal(str)  # label of the job that starts
    progress = Signal(int, int, str)
    idle = Signal()
    _deliver_signal = Signal(object, str, tuple)
    _progress_signal = Signal(int, int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._pending = 0
        self._deliver_signal.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progress_signal.connect(self.progress, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._loop, name="unidoreader-lane", daemon=True)
        self._thread.start()

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def submit(
        self,
        label: str,
        fn: Callable[[Job], Any],
        on_done: Callback | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_partial: Callback | None = None,
    ) -> Job:
        job = Job(label, fn, on_done, on_error, on_partial, _lane=self)
        self._pending += 1
        self._queue.put(job)
        return job

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop after the running job (queued ones are cancelled)."""
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job.cancel()
        self._queue.put(None)
        self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if job.cancelled:
                self._deliver_signal.emit(job, "skip", (None,))
                continue
            self._deliver_signal.emit(job, "start", (None,))
            try:
                value = job.fn(job)
            except BaseException as error:  # noqa: BLE001 - reported to the GUI, never lost
                error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
                self._deliver_signal.emit(job, "error", (error,))
            else:
                self._deliver_signal.emit(job, "done", (value,))

    def _deliver(self, job: Job, what: str, boxed: tuple[Any]) -> None:
        # Values travel boxed in a 1-tuple: PySide6 mis-counts references to a bare None
        # sent through a queued `object` argument (seen as a crash at interpreter exit).
        (value,) = boxed
        if what == "start":
            self.started.emit(job.label)
            return
        if what == "partial":
            if not job.cancelled and job.on_partial:
                job.on_partial(value)
            return
        self._pending -= 1
        try:
            if job.cancelled or what == "skip":
                pass
            elif what == "done" and job.on_done:
                job.on_done(value)
            elif what == "error":
                if job.on_error:
                    job.on_error(value)
                else:
                    traceback.print_exception(value)
        finally:
            if self._pending == 0:
                self.idle.emit()
