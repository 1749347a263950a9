"""A longer fuzz run than the suite's: the property tests of the parser, the table
recovery, the query parser/searcher, the report comparison and the hostile-input
generators with many times more generated cases, and the growth bounds at many times
the suite's sizes.

    .venv/bin/python bench/fuzz.py [--scale 20]

Prints, per property test, the cases tried and the time, beside the suite's own scale
(scale 1) measured in the same run; exits non-zero if any property fails.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROPERTY_TESTS = [
    "tests/core/parse/test_properties.py",
    "tests/core/test_tables.py::test_rebuild_table_never_raises_and_never_drops_a_figure",
    "tests/core/test_tables.py::test_recover_tables_never_raises_on_arbitrary_table_blocks",
    "tests/test_hardening.py::test_the_query_parser_takes_anything",
    "tests/test_hardening.py::test_any_query_gives_hits_or_none_never_an_error",
    "tests/core/test_compare.py::test_edits_found_are_exactly_the_edits_made",  # 200 x scale seeded edit scripts
    "tests/core/test_compare.py::test_edits_found_for_any_seeded_script",
    # hostile inputs (issue 18): long runs of one character of every kind, many repeats of
    # every structure, files of every kind (FIFOs, devices, folders, links) under odd names
    "tests/test_hostile_inputs.py",
    # the growth bounds at FUZZ_SCALE times the suite's sizes (time at n and at 8n)
    "tests/core/test_pathological.py",
]


def run(scale: int) -> tuple[float, str, int]:
    env = dict(os.environ, UNIDOREADER_FUZZ_SCALE=str(scale))
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics", *PROPERTY_TESTS],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    return time.perf_counter() - started, proc.stdout, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20, help="multiplier of each test's max_examples (default 20)")
    args = parser.parse_args()
    print(f"{'run':<10} {'scale':>5} {'seconds':>8} {'cases':>8}  result")
    failed = False
    for label, scale in (("suite", 1), ("fuzz", args.scale)):
        seconds, out, code = run(scale)
        cases = sum(int(n) for n in re.findall(r"- (\d+) passing", out))
        summary = out.strip().splitlines()[-1] if out.strip() else "no output"
        print(f"{label:<10} {scale:>5} {seconds:>8.1f} {cases:>8}  {summary}")
        failed |= code != 0
        if code != 0:
            print(out[-4000:])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
