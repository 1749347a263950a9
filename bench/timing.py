"""Timing helpers shared by the bench scripts (run as `python bench/NAME.py`, so this
module is importable as `timing`)."""

from __future__ import annotations

import time
from typing import Callable


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work()`, in seconds: the least disturbed by
    other load on a shared machine."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best
