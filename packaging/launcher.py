"""Entry script of the frozen app: the same `main` as the installed `unidoreader` command.

Kept apart from `unidoreader/__main__.py` so that frozen-only set-up has one obvious home:
`freeze_support()` lets the index builder's worker processes (multiprocessing "spawn")
start from the frozen executable instead of re-running the app.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from unidoreader.cli import main

    sys.exit(main())
