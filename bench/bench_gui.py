"""Whole-process time of `unidoreader gui --screenshot` with two reports and a search,
against a bare PySide6 window saved the same way, measured in the same run.

    .venv/bin/python bench/bench_gui.py [--runs N]

Both are fresh processes started the same way (python -m ...), offscreen. The library is
prepared once beforehand (seeded and indexed, as after the first start or in the offline
bundle), so the figure is what a delegate waits for at every start. Target: at most 2.5x.

The app runs its start-up search in a helper process (gui/searching.py) that works on
another core while the window is built: the wall-clock figure assumes a second core is
free, so the CPU time of all the processes of a run is printed too. (On this project's
2-core machines the second core is not quite free: a busy loop on one slows a program on
the other by ~50%, so the helper's own work shows in the app's time.)

    .venv/bin/python bench/bench_gui.py --instructions

counts the instructions each process executes instead, under valgrind (callgrind): the
bare window, the app's GUI process, and the helper's search alone. Timing on a shared
machine varies by a third from minute to minute; the counts do not (to ~0.1%), so they
say whether a change made the start cheaper.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no CPU figures
    resource = None  # type: ignore[assignment]

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare window"))
window.resize(1680, 1000)
window.show()
app.processEvents()
# as the app saves it (gui.app.window_image): the painted frame, copied from the backing store
window.screen().grabWindow(window.winId()).save(sys.argv[1], "PNG", 80)
"""


def timed(command: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of one run; its CPU seconds (user + system, the process and
    its children) are appended to `cpu`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if resource and before is not None and cpu is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


def instructions(command: list[str], env: dict[str, str], stdin: bytes | None = None) -> int:
    """Instructions the process executes (its children are not followed), by callgrind."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command], env=env,
                          input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    found = re.search(rb"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError("valgrind printed no instruction count")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", default="中等收入国家")
    parser.add_argument("--instructions", action="store_true", help="count instructions (valgrind) instead of timing")
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        print("--instructions needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(root), "UNIDOREADER_HOME": str(root / "library")}
        # as installed: compiled bytecode is kept (written to a temp cache on the warm-up run)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
        prepare = "from unidoreader.core.library import Library; from unidoreader.gui import searching; searching.ensure_index(Library.open())"
        subprocess.run([sys.executable, "-c", prepare], env=env, check=True)
        app_cmd = [sys.executable, "-m", "unidoreader", "gui", "--open", "000", "001", "--search", args.query, "--screenshot", str(root / "app.png")]
        bare_cmd = [sys.executable, "-c", BARE, str(root / "bare.png")]
        timed(app_cmd, env)  # warm the OS file cache for both before measuring
        timed(bare_cmd, env)
        if args.instructions:
            library = str(root / "library")
            helper_cmd = [sys.executable, "-m", "unidoreader", "search", "--library", library, "--batch", "-", "--json", "--limit", "100"]
            bare_n, app_n = instructions(bare_cmd, env), instructions(app_cmd, env)
            helper_n = instructions(helper_cmd, env, (args.query + "\n").encode("utf-8"))
            print("instructions executed (valgrind callgrind), one run each")
            print(f"bare PySide6 window, screenshot      {bare_n / 1e6:8.0f} M")
            print(f"unidoreader gui, the GUI process     {app_n / 1e6:8.0f} M   ratio {app_n / bare_n:.2f}x")
            print(f"its start-up search helper           {helper_n / 1e6:8.0f} M   (on the other core)")
            return 0
        app_times: list[float] = []
        bare_times: list[float] = []
        app_cpu: list[float] = []
        bare_cpu: list[float] = []
        for _ in range(args.runs):  # interleaved so that machine load hits both alike
            bare_times.append(timed(bare_cmd, env, bare_cpu))
            app_times.append(timed(app_cmd, env, app_cpu))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(f"runs: {args.runs} each, interleaved; median (min) seconds")
    print(f"bare PySide6 window, screenshot      {bare_median:6.3f} ({min(bare_times):.3f})")
    print(f"unidoreader gui: 2 reports + search  {app_median:6.3f} ({min(app_times):.3f})")
    print(f"ratio                                {app_median / bare_median:6.2f}x   (target <= 2.5x)")
    if app_cpu and bare_cpu:
        print(f"CPU seconds, all processes (median)  bare {statistics.median(bare_cpu):.3f}, app {statistics.median(app_cpu):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
