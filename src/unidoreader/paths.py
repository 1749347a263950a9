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
    """The library folder when neither `--library` nor UNIDOREADER_HOME says otherwise:
    the one chosen in Preferences, else the user data folder."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    chosen = chosen_library_dir()
    if chosen is not None:
        return chosen
    from platformdirs import user_data_dir

    return Path(user_data_dir("unidoreader", appauthor=False))


def settings_file() -> Path:
    """The app's own settings (outside any library: which library to open)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("unidoreader", appauthor=False)) / "settings.json"


def chosen_library_dir() -> Path | None:
    """The library folder chosen in Preferences, if any (an unreadable settings file is none)."""
    import json

    try:
        value = json.loads(settings_file().read_text(encoding="utf-8")).get("library")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(value).expanduser() if isinstance(value, str) and value.strip() else None


def set_chosen_library_dir(folder: Path | None) -> None:
    """Remember the library folder for the next start (None: back to the default)."""
    import json

    path = settings_file()
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(settings, dict):
            settings = {}
    except (OSError, ValueError):
        settings = {}
    if folder is None:
        settings.pop("library", None)
    else:
        settings["library"] = str(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(settings, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)
