"""Help: the list of keyboard shortcuts and the About box."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from unidoreader.gui.features import Feature, MenuItem


class HelpFeature(Feature):
    """`actions_of_window()`: every action of the window, for the shortcuts list."""

    def __init__(self, parent: QWidget, actions_of_window: Callable[[], list[QAction]]) -> None:
        super().__init__(parent)
        self.actions_of_window = actions_of_window
        self.act_shortcuts = self.action("shortcuts", self.show_shortcuts, QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.act_about = self.action("about", self.about)

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("help", self.act_shortcuts), MenuItem("help", self.act_about)]

    def retranslate(self) -> None:
        self.act_shortcuts.setText(self.tr("&Keyboard shortcuts"))
        self.act_about.setText(self.tr("&About"))

    def show_shortcuts(self) -> None:
        lines = [f"{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText):<16}\t{a.text().replace('&', '')}" for a in self.actions_of_window() if not a.shortcut().isEmpty()]
        self.inform(self.tr("Keyboard shortcuts"), "\n".join(lines))

    def about(self) -> None:
        from unidoreader import __version__

        self.inform(self.tr("About"), self.tr("UNIDO Reports Reader %1\nReads, searches and prints the reports of UNIDO's governing bodies, offline.").replace("%1", __version__))
