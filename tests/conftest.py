"""Test configuration shared by the whole suite.

- Qt runs offscreen (set here, before anything imports Qt).
- Every user directory (HOME, XDG dirs, the library) points into a temp dir, so no
  test reads or writes the developer's real data (qutebrowser's habit).
- Tests under tests/gui/ are marked `gui` automatically.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import socket
import sys

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DATA = REPO / "tests" / "data"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
# Property tests run max_examples * FUZZ_SCALE cases: 1 in the suite, more in bench/fuzz.py.
FUZZ_SCALE = max(1, int(os.environ.get("UNIDOREADER_FUZZ_SCALE", "1")))


def seed(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` ("000", "004"...)."""
    (path,) = [p for p in SEED_FILES if p.name.startswith(prefix)]
    return path


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        path = home / name.lower()
        path.mkdir(mode=0o700)
        monkeypatch.setenv(name, str(path))
    monkeypatch.setenv("UNIDOREADER_HOME", str(home / "library"))
    return home


class NetworkAttempt(RuntimeError):
    """Raised inside the code under test when it tries to reach the network."""


NETWORK_ATTEMPTS: list[str] = []


def _refuse_network(event: str, args: tuple) -> None:
    """Audit hook: the app never touches the network, so any attempt fails the test."""
    if event == "socket.connect":
        sock, address = args
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            NETWORK_ATTEMPTS.append(f"connect {address}")
            raise NetworkAttempt(f"network connection attempted: {address}")
    elif event == "socket.getaddrinfo":
        NETWORK_ATTEMPTS.append(f"getaddrinfo {args[0]}")
        raise NetworkAttempt(f"name lookup attempted: {args[0]}")


sys.addaudithook(_refuse_network)


@pytest.fixture(autouse=True)
def _no_network_attempts() -> None:
    """Fail any test during which the code tried to reach the network, even if it swallowed the error."""
    NETWORK_ATTEMPTS.clear()
    yield
    assert NETWORK_ATTEMPTS == [], f"the app tried to reach the network: {NETWORK_ATTEMPTS}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    gui_dir = REPO / "tests" / "gui"
    for item in items:
        if gui_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)
