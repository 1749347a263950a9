"""Parse speed of the five seed reports, next to a baseline measured in the same run.

Baseline: decoding the same files and splitting them into lines (the least any parser
does). Figures are the best of N runs, so other load on the machine inflates them less.

    .venv/bin/python bench/bench_parse.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from unidoreader.core.parse import parse_text, read_text  # noqa: E402


def best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    files = sorted((REPO / "seeds").glob("*.txt"))
    texts = {path: read_text(path) for path in files}

    def baseline() -> None:
        for path in files:
            read_text(path).split("\n")

    def parse_all() -> None:
        for path in files:
            parse_text(read_text(path), path.name)

    base = best_of(args.runs, baseline)
    full = best_of(args.runs, parse_all)
    print(f"{len(files)} seed reports, best of {args.runs} runs")
    print(f"{'':34} {'parse':>10} {'baseline':>10}")
    print(f"{'all five (read + parse)':34} {full * 1000:9.1f}ms {base * 1000:9.1f}ms   ({full / base:.0f}x the baseline)")
    for path in files:
        text = texts[path]
        t_parse = best_of(args.runs, lambda: parse_text(text, path.name))
        t_base = best_of(args.runs, lambda: text.split("\n"))
        print(f"{path.name:34} {t_parse * 1000:9.1f}ms {t_base * 1000:9.3f}ms   {len(text.encode('utf-8')) / 1024:6.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
