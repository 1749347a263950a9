"""Fixtures for the GUI tests: a prepared library (seeded and indexed once per session,
copied per test so tests never see each other's changes) and a started main window."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

from unidoreader.core.library import Library


@pytest.fixture(scope="session")
def template_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds imported and indexed once for the whole GUI test session."""
    root = tmp_path_factory.mktemp("template") / "library"
    library = Library.open(root)
    from unidoreader.gui import searching

    searching.ensure_index(library)
    return root


@pytest.fixture
def library_dir(template_library: Path, tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(template_library, target)
    return target


@pytest.fixture
def make_window(qtbot, library_dir: Path) -> Callable[..., object]:
    """Start a main window on the test's library (call again to simulate a restart)."""
    from unidoreader.gui.app import create_window

    def make(restore: bool = True, size: tuple[int, int] = (1500, 900)):
        window = create_window(library_dir, restore=restore)
        qtbot.addWidget(window)
        if window.userdata.state("window.geometry") is None:  # a restart keeps the saved geometry
            window.resize(*size)
        window.show()
        window.start()
        qtbot.waitUntil(window.is_settled, timeout=30000)
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()
