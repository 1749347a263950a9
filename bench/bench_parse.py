"""Parse speed of the five seed reports, next to a baseline measured in the same run.

Baseline: decoding the same files and splitting them into lines (the least any parser
does). Figures are the best of N runs, so other load on the machine inflates them less.

    .venv/bin/python bench/bench_parse.py [--runs N] [--big-mb MB]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from unidoreader.core.parse import parse_text, read_text  # noqa: E402

from timing import best_of  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--big-mb", type=float, default=5.0, help="size of the synthetic big report (0: skip)")
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
    if args.big_mb > 0:
        # scaling: the five seeds repeated up to the size of a very large report
        one = "\n".join(texts[path] for path in files) + "\n"
        big = one * max(1, int(args.big_mb * 1e6 / len(one.encode("utf-8"))))
        t_big = best_of(1, lambda: parse_text(big, "big.txt"))
        t_split = best_of(3, lambda: big.split("\n"))
        size = len(big.encode("utf-8")) / 1e6
        print(f"{'synthetic big report':34} {t_big * 1000:9.1f}ms {t_split * 1000:9.3f}ms   {size:6.1f} MB (one run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
