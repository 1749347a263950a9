"""The Qt binding we ship keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 gave back a reference to None it never took on every
void Qt call, aborting the interpreter after a few thousand calls; pyproject.toml
excludes it. This test fails on such a binding instead of crashing a delegate's session.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _Filter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        return False


def test_void_calls_and_python_overrides_do_not_steal_references(qapp) -> None:
    widget = QWidget()
    event_filter = _Filter()
    widget.installEventFilter(event_filter)
    before = sys.getrefcount(None), sys.getrefcount(False)
    for i in range(2000):
        widget.setWindowTitle(str(i))
        qapp.sendEvent(widget, QEvent(QEvent.Type.User))
    after = sys.getrefcount(None), sys.getrefcount(False)
    assert after[0] >= before[0] - 50 and after[1] >= before[1] - 50, (before, after)
