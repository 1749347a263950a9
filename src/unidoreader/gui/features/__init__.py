"""The features of the main window, one module and one object each.

The window (gui/main_window.py) only lays things out: it builds each feature, puts the
feature's panes into docks and its actions into the menus, and connects the feature's
signals. A feature owns its actions, widgets and state and never reaches into the
window: what it needs (the lane, the user data, the reading panes, another feature's
widget) is handed to its constructor, and what it wants done elsewhere (a status line,
a message box, a report opened) it asks for by signal. So each can be built and tested
alone, with no application-wide object.

To add a feature (a pane, a mode, a set of commands):

1. write `gui/features/NAME.py` with a `Feature` subclass; give it
   - `docks()`: the panes it shows (`DockSpec`: name, widget, side, title, focus key);
   - `menu_items()`: its actions (`MenuItem`: which menu; the action's objectName is
     its command name, `window.action(NAME)` finds it);
   - `retranslate()`, `library_loaded()`, `entries_changed()`, `save_state()`,
     `restore_state()`, `busy()`, `close()` as it needs them (all optional);
2. build it in `MainWindow._build_features()` and pass it to `self._register(...)`;
3. put its action names into `MENU_LAYOUT` in main_window.py if they should sit in a
   particular group of a menu (otherwise they are appended to the menu they name).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

if TYPE_CHECKING:
    from unidoreader.core.library import Entry, Library
    from unidoreader.core.userdata import UserData


@dataclass
class DockSpec:
    """A pane the window shows in a dock. `title()` is called on every retranslation;
    `focus_shortcut` adds a "go to" action (focus_NAME) that shows the dock and focuses
    `focus_widget`; `below` / `tab_with` name a dock to split under / to share a tab with;
    `visibility(seen)` is told whenever the pane comes into view or leaves it (its dock
    shown or closed, its tab chosen or another one)."""

    name: str
    widget: QWidget
    area: Qt.DockWidgetArea
    title: Callable[[], str]
    focus_widget: QWidget | None = None
    focus_shortcut: str | None = None
    focus_text: Callable[[], str] | None = None
    below: str | None = None
    tab_with: str | None = None
    visibility: Callable[[bool], None] | None = None


@dataclass
class MenuItem:
    """An action for a menu of the window (`menu`: file, view, search, bookmarks, help, or a new one)."""

    menu: str
    action: QAction


class Feature(QObject):
    """One part of the window: owns its actions and state, talks by signals."""

    message = Signal(str)  # a line for the status bar
    alert = Signal(str, str, object)  # title, text, QMessageBox.Icon: a window-modal message
    openRequested = Signal(str, object)  # doc id, where: dict of block / offsets / offset / new_pane
    failed = Signal(str)  # what could not be done (the screenshot mode reports it)
    workDone = Signal()  # a job of this feature ended: the window may now be settled
    showPane = Signal(object)  # a widget of this feature: bring its dock to the front
    libraryEdited = Signal(str)  # documents were added or removed; a doc id to select, or ""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent  # for dialogs only
        self._actions: list[QAction] = []

    # -- for subclasses ------------------------------------------------------------------

    def action(self, name: str, slot: Callable[..., Any], shortcut: QKeySequence | str | None = None, checkable: bool = False) -> QAction:
        """A new action named `name` (its command name) that runs `slot`."""
        action = QAction(self.parent_widget)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self._actions.append(action)
        return action

    def warn(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
        self.alert.emit(title, text, icon)

    def inform(self, title: str, text: str) -> None:
        self.alert.emit(title, text, QMessageBox.Icon.Information)

    # -- what the window asks of every feature (all optional) --------------------------------

    def actions(self) -> list[QAction]:
        """Every action of the feature (the window adds them so their shortcuts work)."""
        return list(self._actions)

    def docks(self) -> list[DockSpec]:
        return []

    def menu_items(self) -> list[MenuItem]:
        return []

    def menus(self) -> dict[str, QMenu]:
        """Whole menus the feature fills itself (e.g. one refilled as it opens), by menu name."""
        return {}

    def retranslate(self) -> None:
        """Set the texts of the feature's actions and widgets in the current language."""

    def library_loaded(self, library: "Library") -> None:
        """The library is open (called once, before any document is shown)."""

    def entries_changed(self, entries: "list[Entry]") -> None:
        """The library's documents are now `entries`."""

    def restore_state(self, userdata: "UserData") -> None:
        """Take back what was saved at the last close (only when the window restores)."""

    def save_state(self, userdata: "UserData") -> None:
        """Save what should come back after a restart."""

    def busy(self) -> bool:
        """True while work the window should wait for (a screenshot, a test) is pending."""
        return False

    def close(self) -> None:
        """The window closes: stop what runs."""
