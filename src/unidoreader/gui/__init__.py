"""The PySide6 front end: widgets and Qt models over the Qt-free core.

Entry point: `unidoreader.gui.app.run(args)`. Long work (loading the library,
parsing, indexing, searching) runs on one background lane (`lane.Lane`) and comes
back to the GUI thread by queued signal, so the window never freezes.
"""

from __future__ import annotations

import sys


def _keep_none_alive() -> None:
    """Work around PySide6 6.12 (abi3 wheels) on Python 3.11: every call of a Qt method
    returning void gives back one reference to None that it never took (Python 3.12+
    made None immortal, so newer Pythons do not notice); True and False returned by
    Python overrides of virtual methods lose references the same way. After a few thousand calls
    None's count reaches zero and the interpreter aborts ("deallocating None"). We lend
    None a very large number of references once, before any Qt call, as Python 3.12
    does. Checked: sys.getrefcount(None) drops by 1 per QWidget.setWindowTitle()."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or hasattr(sys, "gettotalrefcount"):
        return
    import ctypes

    for singleton in (None, True, False):  # bool results of Python overrides (eventFilter...) too
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: first field of every object
        if abs(refcount.value - sys.getrefcount(singleton)) <= 2 and refcount.value < (1 << 40):
            refcount.value += 1 << 48


_keep_none_alive()
