"""Offline bundle benchmark: the first search on a new machine, figures side by side.

Prints, from ONE run (so the baselines share the machine's load with the measurements),
the wall time of `search 清洁氢 --json` as a cold process:

1. the bundle (dist/unidoreader) from an empty home with the network cut off: seeds the
   library and adopts the prebuilt index; target under 5 s;
2. the installed app (this environment) on an empty library: seeds it and builds the
   index first (what the prebuilt index saves);
3. the installed app again on that library (warm: the index exists);
4. `python -c pass` and the bundle's `--version`: the floor of a cold process each way.

Usage: .venv/bin/python bench/bench_bundle.py [--runs 3]   (build first: bash packaging/build.sh)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXE = REPO / "dist" / "unidoreader" / "unidoreader"
QUERY = "清洁氢"


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{command} failed:\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not EXE.is_file():
        raise SystemExit(f"{EXE} is missing: bash packaging/build.sh")
    offline = ["unshare", "-n"] if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"]).returncode == 0 else []
    if not offline:
        print("(unshare -n not permitted: the bundle runs with the network on)")
    figures: dict[str, list[float]] = {name: [] for name in ("bundle, first", "installed, first", "installed, warm", "python -c pass", "bundle --version")}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
            home = Path(tmp) / "home"
            home.mkdir()
            bare = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
            figures["bundle, first"].append(timed([*offline, str(EXE), "search", QUERY, "--json"], bare))
            figures["bundle --version"].append(timed([*offline, str(EXE), "--version"], bare))
            installed = dict(os.environ, UNIDOREADER_HOME=str(Path(tmp) / "installed"), UNIDOREADER_CACHE=str(Path(tmp) / "cache"))
            command = [sys.executable, "-m", "unidoreader", "search", QUERY, "--json"]
            figures["installed, first"].append(timed(command, installed))
            figures["installed, warm"].append(timed(command, installed))
            figures["python -c pass"].append(timed([sys.executable, "-c", "pass"], installed))
    print(f"`search {QUERY} --json` as a cold process, {args.runs} run(s), seconds (median, max):")
    for name, values in figures.items():
        print(f"  {name:18} {statistics.median(values):6.2f}  {max(values):6.2f}")
    print("target: bundle, first < 5 s")


if __name__ == "__main__":
    main()
