"""Preferences: the language, the reader's font size and line spacing, the default
page size for printing, and the library folder. Kept in the library's user data
(the folder itself in the app's settings file, as it decides which library opens)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from unidoreader import paths
from unidoreader.gui import i18n
from unidoreader.gui.features import Feature, MenuItem
from unidoreader.gui.render import LINE_SPACING

if TYPE_CHECKING:
    from unidoreader.core.userdata import UserData

PAGE_SIZES = ("A4", "A3", "A5", "B5", "Letter", "Legal")
LINE_SPACINGS = (100, 120, 135, 150, 175, 200)
FONT_SIZES = (8, 28)  # points, the range offered


@dataclass(frozen=True)
class Preferences:
    language: str
    font_size: int = 0  # points; 0: the application's font size
    line_spacing: int = LINE_SPACING  # percent
    page_size: str = "A4"
    library: str = ""  # the library folder; "": the default one


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget, current: Preferences | str, default_font_size: int = 10) -> None:
        # the dialog's widget classes are imported as it opens (an imported Qt class is
        # built by PySide, enums and all: not on the way to the first window)
        from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox

        super().__init__(parent)
        if isinstance(current, str):
            current = Preferences(language=current)
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.font_size = QSpinBox()
        self.font_size.setRange(*FONT_SIZES)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(current.font_size or default_font_size)
        self.line_spacing = QComboBox()
        for percent in LINE_SPACINGS:
            self.line_spacing.addItem(f"{percent} %", percent)
        self.line_spacing.setCurrentIndex(max(0, self.line_spacing.findData(current.line_spacing)))
        self.page_size = QComboBox()
        for name in PAGE_SIZES:
            self.page_size.addItem(name, name)
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(current.page_size)))
        self.library = QLineEdit(current.library)
        self.library.setPlaceholderText(str(paths.default_library_dir()) if not current.library else "")
        self.library.setMinimumWidth(320)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        folder = QHBoxLayout()
        folder.addWidget(self.library, 1)
        folder.addWidget(browse)
        note = QLabel(self.tr("A new library folder is used from the next start."))
        note.setStyleSheet("color: #5e5c64;")
        form = QFormLayout(self)
        form.addRow(self.tr("Language of the interface:"), self.language)
        form.addRow(self.tr("Reading font size:"), self.font_size)
        form.addRow(self.tr("Line spacing:"), self.line_spacing)
        form.addRow(self.tr("Page size for printing:"), self.page_size)
        form.addRow(self.tr("Library folder:"), folder)
        form.addRow("", note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._default_font_size = default_font_size

    def _browse(self) -> None:
        from unidoreader.gui import dialogs

        folder = dialogs.existing_directory(self, self.tr("Library folder"), self.library.text() or str(Path.home()))
        if folder:
            self.library.setText(folder)

    def chosen(self, language_only: Preferences) -> Preferences:
        size = self.font_size.value()
        return replace(
            language_only,
            language=self.language.currentData(),
            font_size=0 if size == self._default_font_size and not language_only.font_size else size,
            line_spacing=int(self.line_spacing.currentData()),
            page_size=str(self.page_size.currentData()),
            library=self.library.text().strip(),
        )


class PreferencesFeature(Feature):
    """Ctrl+, opens the dialog; what changed is announced by signal (and saved here)."""

    languageChosen = Signal(str)
    readingStyleChosen = Signal(int, int)  # font size (0: default), line spacing (percent)
    pageSizeChosen = Signal(str)
    libraryChosen = Signal(str)  # a folder, or "" for the default; used from the next start

    def __init__(self, parent: QWidget, language: Callable[[], str], userdata: "UserData | None" = None,
                 default_font_size: Callable[[], float] | None = None) -> None:
        super().__init__(parent)
        self.language = language  # the current language, asked when the dialog opens
        self.userdata = userdata
        self.default_font_size = default_font_size or (lambda: 10.0)
        self.act_prefs = self.action("preferences", self.open_dialog, "Ctrl+,")

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("file", self.act_prefs)]

    def retranslate(self) -> None:
        self.act_prefs.setText(self.tr("Pr&eferences…"))

    def current(self) -> Preferences:
        chosen = paths.chosen_library_dir()
        font_size, line_spacing, page_size = self._saved()
        return Preferences(
            language=self.language(),
            font_size=font_size,
            line_spacing=line_spacing,
            page_size=page_size,
            library=str(chosen) if chosen else "",
        )

    def _saved(self) -> tuple[int, int, str]:
        """The saved reading font size (0: the interface's), line spacing and page size."""
        state = self.userdata.state if self.userdata else (lambda key, default=None: default)
        return (
            int(state("reading.font_size", 0) or 0),
            int(state("reading.line_spacing", LINE_SPACING) or LINE_SPACING),
            str(state("print.page_size", "A4") or "A4"),
        )

    def apply_saved(self) -> None:
        """At start: tell the features the saved reading style and page size (not
        `current()`: the chosen library folder lives in the app's settings file, whose
        lookup loads platformdirs, and is no business of the start)."""
        font_size, line_spacing, page_size = self._saved()
        self.readingStyleChosen.emit(font_size, line_spacing)
        self.pageSizeChosen.emit(page_size)

    def open_dialog(self) -> None:
        before = self.current()
        dialog = PreferencesDialog(self.parent_widget, before, round(self.default_font_size()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply(dialog.chosen(before), before)

    def apply(self, after: Preferences, before: Preferences | None = None) -> None:
        """Save `after` and announce what differs from `before`."""
        before = before or self.current()
        if self.userdata:
            self.userdata.set_state("reading.font_size", after.font_size)
            self.userdata.set_state("reading.line_spacing", after.line_spacing)
            self.userdata.set_state("print.page_size", after.page_size)
        if (after.font_size, after.line_spacing) != (before.font_size, before.line_spacing):
            self.readingStyleChosen.emit(after.font_size, after.line_spacing)
        if after.page_size != before.page_size:
            self.pageSizeChosen.emit(after.page_size)
        if after.library != before.library:
            paths.set_chosen_library_dir(Path(after.library).expanduser() if after.library else None)
            self.libraryChosen.emit(after.library)
            self.message.emit(self.tr("The library folder %1 is used from the next start.").replace("%1", after.library or str(paths.default_library_dir())))
        if after.language != before.language:
            self.languageChosen.emit(after.language)
