"""Entry script of the frozen app: the same `main` as the installed `unidoreader` command.

Kept apart from `unidoreader/__main__.py` so that frozen-only set-up has one obvious home:
- `freeze_support()` lets the index builder's worker processes (multiprocessing "spawn")
  start from the frozen executable instead of re-running the app;
- a windowed executable (Windows' unidoreader-gui.exe, the macOS app opened from Finder)
  has no stdout/stderr (None): writes to them would raise, so they go to the null device.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    from unidoreader.cli import main

    sys.exit(main())
