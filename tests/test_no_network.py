"""The app never touches the network: the guard in conftest.py really catches attempts."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from tests.conftest import NETWORK_ATTEMPTS, NetworkAttempt


def test_the_guard_refuses_a_connection_and_a_name_lookup() -> None:
    with pytest.raises(NetworkAttempt):
        urllib.request.urlopen("http://example.org/", timeout=1)
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    assert len(NETWORK_ATTEMPTS) == 2
    NETWORK_ATTEMPTS.clear()  # this test made the attempts on purpose


def test_local_sockets_stay_allowed() -> None:
    left, right = socket.socketpair()
    left.sendall(b"x")
    assert right.recv(1) == b"x"
    left.close()
    right.close()


def test_searching_loads_no_network_module() -> None:
    """A search process imports neither urllib.request nor http.client (Whoosh's compat
    module would, for a download helper it never calls: core.analysis gives it a stand-in
    that imports the real one only if called), and Whoosh's helper still works."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import unidoreader.core.search, unidoreader.core.index\n"
        "assert 'urllib.request' not in sys.modules and 'http.client' not in sys.modules, 'network modules imported'\n"
        "import whoosh.compat, urllib.request\n"
        "assert callable(whoosh.compat.urlretrieve) and urllib.request.Request\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
