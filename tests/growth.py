"""Growth measurement for the pathological-input tests: the time of a stage at size n
and at 8n, compared (a linear or n log n stage grows about 8-10x, a quadratic one 64x).

Each size is timed as the best of a few batches, and a batch repeats the call until it
has run for at least MIN_BATCH_S, so that small sizes are measured and not noise (the
machine is shared; only the ratio is asserted, never an absolute time)."""

from __future__ import annotations

import gc
import time
from typing import Any, Callable

MIN_BATCH_S = 0.05
BATCHES = 3
#: What a stage may grow by when its input grows 8x (8 for linear, ~9 for n log n).
MAX_RATIO = 12.0


def per_call(run: Callable[[], Any], give_up: float = float("inf")) -> float:
    """Seconds one call of `run` takes (best of BATCHES batches). A call that alone takes
    longer than `give_up` is measured once: the bound is broken already."""
    best = float("inf")
    for _ in range(BATCHES):
        calls = 0
        gc.collect()
        gc.disable()  # the stage's own cost: a cyclic collection's pass over every live object is the interpreter's
        try:
            started = time.perf_counter()
            while True:
                run()
                calls += 1
                elapsed = time.perf_counter() - started
                if elapsed >= MIN_BATCH_S:
                    break
        finally:
            gc.enable()
        best = min(best, elapsed / calls)
        if best > give_up:
            break
    return best


#: The smallest time at n worth comparing: below it, a shared machine's noise (a few
#: milliseconds of someone else's work) is the measurement. n is doubled until it is met.
MIN_SMALL_S = 0.005


def growth(make: Callable[[int], Any], stage: Callable[[Any], Any], n: int) -> tuple[float, float, float]:
    """(time at n, time at 8n, ratio) of `stage(make(size))`; n is first doubled (at most
    5 times) while one call at n takes less than MIN_SMALL_S."""
    small = make(n)
    stage(small)  # warm-up: imports, caches, jieba
    t_small = per_call(lambda: stage(small))
    for _ in range(5):
        if t_small >= MIN_SMALL_S:
            break
        n *= 2
        small = make(n)
        t_small = per_call(lambda: stage(small))
    large = make(8 * n)
    t_large = per_call(lambda: stage(large), give_up=4 * MAX_RATIO * t_small)
    return t_small, t_large, t_large / t_small


def assert_bounded(make: Callable[[int], Any], stage: Callable[[Any], Any], n: int, what: str) -> None:
    """Fail unless `stage` grows at most MAX_RATIO times from n to 8n (retried twice: a
    neighbour's burst of CPU can make one measurement slow)."""
    ratios = []
    for _attempt in range(3):
        t_small, t_large, ratio = growth(make, stage, n)
        ratios.append(f"{t_small * 1000:.2f} ms -> {t_large * 1000:.2f} ms (x{ratio:.1f})")
        if ratio < MAX_RATIO:
            return
        if ratio > 4 * MAX_RATIO:  # far out: not a neighbour's burst
            break
    raise AssertionError(f"{what}: from n={n} to 8n the time grew {'; then '.join(ratios)}, more than x{MAX_RATIO:g}")
