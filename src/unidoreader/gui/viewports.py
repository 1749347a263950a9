"""The viewport of a scroll area, fetched without PySide6's costly type search.

`QAbstractScrollArea.viewport()` returns a plain C++ `QWidget` that has no Python
wrapper yet. To wrap it, PySide6 (6.11) looks for the most derived Python type among
every subclass of QWidget it knows, and so creates each lazily loaded widget class of
QtWidgets on the spot, with all its enums: the calendar, the wizard, the file, font and
colour dialogs, some forty classes, ~15 ms, once per process, on the way to the first
window. `findChild` with a type wraps the same object as that type, directly.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

#: The object name Qt gives the viewport of every QAbstractScrollArea (qabstractscrollarea.cpp).
VIEWPORT_NAME = "qt_scrollarea_viewport"


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    """`area.viewport()`, wrapped as a QWidget. Keep the result (an attribute of the
    widget that uses it): while that wrapper lives, later `viewport()` calls return it."""
    found = area.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else area.viewport()
