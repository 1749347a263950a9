"""Where the bundled files and the user's library live.

One place answers "where is X" for the source tree, an installed copy and the frozen
(PyInstaller) bundle alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LIBRARY_ENV = "UNIDOREADER_HOME"


def bundle_root() -> Path:
    """The folder that holds `seeds/` and `resources/`.

    Frozen: PyInstaller unpacks data next to the executable (`sys._MEIPASS`).
    From source (editable install): the repository root, two levels above the package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def seeds_dir() -> Path:
    return bundle_root() / "seeds"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def default_library_dir() -> Path:
    """The library folder when neither `--library` nor UNIDOREADER_HOME says otherwise."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("unidoreader", appauthor=False))
