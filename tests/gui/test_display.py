"""The app on a real X server, and one line instead of Qt's abort when it cannot get one.

These start the app as a user does (`python -m unidoreader gui`, no QT_QPA_PLATFORM) in a
child process, against an Xvfb of their own (`-displayfd` picks a free display number)."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from unidoreader.gui import display


def _app_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY")}
    env["HOME"] = str(home)
    env.update(extra)
    return env


def _start_gui(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "unidoreader", "gui"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _xvfb(*options: str) -> Iterator[str]:
    """A private Xvfb; yields its DISPLAY."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1366x768x24", *options],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture
def x_server() -> Iterator[str]:
    yield from _xvfb()


@pytest.fixture
def x_server_with_auth(tmp_path: Path) -> Iterator[str]:
    """An Xvfb that only admits clients holding a cookie this test never gives the app."""
    authority = tmp_path / "server.xauth"
    authority.touch()
    cookie = secrets.token_hex(16)
    # The cookie is written for the display Xvfb will pick; "add" for a wildcard is not
    # enough, so pick after: Xvfb reads the file when a client connects.
    generator = _xvfb("-auth", str(authority))
    address = next(generator)
    subprocess.run(["xauth", "-f", str(authority), "add", address, ".", cookie], check=True, capture_output=True)
    try:
        yield address
    finally:
        generator.close()


def test_the_window_opens_on_a_real_x_server(x_server: str, tmp_path: Path) -> None:
    """The libraries scripts/dev.sh installs are all Qt's X11 plugin needs: the window maps,
    and on a small laptop screen (1366x768) it fits on the screen."""
    app = _start_gui(_app_env(tmp_path, DISPLAY=x_server, UNIDOREADER_HOME=str(tmp_path / "library")))
    try:
        window = _wait_for_mapped_window(x_server, app)
        assert window is not None, "the main window did not appear on the X server"
        assert app.poll() is None
        info = subprocess.run(["xwininfo", "-id", window], env={**os.environ, "DISPLAY": x_server},
                              capture_output=True, text=True).stdout
        width, height = (int(re.search(rf"{name}: (\d+)", info).group(1)) for name in ("Width", "Height"))
        assert width <= 1366 and height <= 768
    finally:
        app.kill()
        app.communicate(timeout=30)


def _wait_for_mapped_window(address: str, app: subprocess.Popen, timeout: float = 120) -> str | None:
    """The id of the app's main window once the X server shows it (mapped, full size)."""
    env = {**os.environ, "DISPLAY": address}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and app.poll() is None:
        tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
        for line in tree.splitlines():
            fields = line.split()
            if '"unidoreader")' in line and fields and fields[0].startswith("0x"):
                state = subprocess.run(["xwininfo", "-id", fields[0]], env=env, capture_output=True, text=True).stdout
                width = re.search(r"Width: (\d+)", state)
                if "IsViewable" in state and width and int(width.group(1)) > 200:
                    return fields[0]
        time.sleep(0.5)
    return None


def _one_line_failure(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "unidoreader", "gui"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode not in (0, -6, 134), done.stderr  # 134/SIGABRT: Qt's abort
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("unidoreader: cannot open the window:")
    assert "QT_QPA_PLATFORM=offscreen" in lines[0]
    return lines[0]


def _unused_display() -> str:
    for number in range(55, 400):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return f":{number}"
    raise AssertionError("no free display number")


def test_an_unreachable_display_is_one_line(tmp_path: Path) -> None:
    address = _unused_display()
    line = _one_line_failure(_app_env(tmp_path, DISPLAY=address, UNIDOREADER_HOME=str(tmp_path / "library")))
    assert f"no X server is running on display {address}" in line


def test_a_refused_display_is_one_line(x_server_with_auth: str, tmp_path: Path) -> None:
    line = _one_line_failure(_app_env(tmp_path, DISPLAY=x_server_with_auth, UNIDOREADER_HOME=str(tmp_path / "library")))
    assert "refused the connection" in line and x_server_with_auth in line


def test_no_display_at_all_is_one_line(tmp_path: Path) -> None:
    line = _one_line_failure(_app_env(tmp_path, UNIDOREADER_HOME=str(tmp_path / "library")))
    assert "there is no display" in line


def test_a_bad_display_name_is_one_line(tmp_path: Path) -> None:
    line = _one_line_failure(_app_env(tmp_path, DISPLAY="not-a-display", UNIDOREADER_HOME=str(tmp_path / "library")))
    assert "is not an X display name" in line


@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs a C compiler to build a plugin with a missing library")
def test_a_platform_plugin_with_a_missing_library_is_named(tmp_path: Path) -> None:
    """A plugin linking a library that is not installed: the line names that library
    (built here: a stand-in plugin linked against a library that is then deleted)."""
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int gone(void);\nint plugin(void) { return gone(); }\n")
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(tmp_path / "libunidogone.so.1"), str(tmp_path / "gone.c"),
                    "-Wl,-soname,libunidogone.so.1"], check=True)
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(tmp_path / "libqfake.so"), str(tmp_path / "plugin.c"),
                    str(tmp_path / "libunidogone.so.1")], check=True)
    (tmp_path / "libunidogone.so.1").unlink()
    line = display.platform_library_problem(tmp_path / "libqfake.so")
    assert line is not None and "libunidogone.so.1" in line and "\n" not in line


def test_a_known_missing_library_names_its_package() -> None:
    line = display.missing_library_message(
        "libxcb-icccm.so.4: cannot open shared object file: No such file or directory", "Qt's X11 platform plugin"
    )
    assert line is not None and "libxcb-icccm4" in line and "scripts/dev.sh setup" in line


def test_a_working_display_passes_the_check(x_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check runs before every start of the app: it must not refuse a good display."""
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", x_server)
    assert display.display_problem() is None
