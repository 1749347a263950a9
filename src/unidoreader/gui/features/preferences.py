"""Preferences: the dialog and the command that opens it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from unidoreader.gui import i18n
from unidoreader.gui.features import Feature, MenuItem


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget, language: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        form = QFormLayout(self)
        form.addRow(self.tr("Language of the interface:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class PreferencesFeature(Feature):
    """Ctrl+, opens the dialog; what was chosen is announced by signal."""

    languageChosen = Signal(str)

    def __init__(self, parent: QWidget, language: Callable[[], str]) -> None:
        super().__init__(parent)
        self.language = language  # the current language, asked when the dialog opens
        self.act_prefs = self.action("preferences", self.open_dialog, "Ctrl+,")

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("file", self.act_prefs)]

    def retranslate(self) -> None:
        self.act_prefs.setText(self.tr("Pr&eferences…"))

    def open_dialog(self) -> None:
        dialog = PreferencesDialog(self.parent_widget, self.language())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.languageChosen.emit(dialog.language.currentData())
