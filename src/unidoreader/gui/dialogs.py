"""File dialogs in the interface language.

On Windows and macOS the system's own dialogs are used (the system translates them).
Elsewhere Qt's own dialog is used, whatever the desktop: translated by Qt's catalogue
(i18n), and with its dates written in the interface language (Qt's file model writes
them in the system locale, e.g. "1 12 2026 07:28" under a C locale).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

DATE_COLUMN = 3  # QFileSystemModel: name, size, type, date modified


class _LocalDates(QIdentityProxyModel):
    """The file model with its dates in the default locale (the interface language)."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.column() == DATE_COLUMN and role == Qt.ItemDataRole.DisplayRole:
            model = self.sourceModel()
            if isinstance(model, QFileSystemModel):
                modified = model.lastModified(self.mapToSource(index))
                if modified.isValid():
                    return QLocale().toString(modified, QLocale.FormatType.ShortFormat)
        return super().data(index, role)


def native() -> bool:
    return sys.platform in ("win32", "darwin")


def file_dialog(parent: QWidget | None, caption: str, directory: str = "", name_filter: str = "",
                mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFiles,
                accept: QFileDialog.AcceptMode = QFileDialog.AcceptMode.AcceptOpen) -> QFileDialog:
    """Qt's own file dialog, set up (not shown): dates in the interface language."""
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    proxy = _LocalDates(dialog)
    dialog.setProxyModel(proxy)
    return dialog


def open_file_names(parent: QWidget | None, caption: str, directory: str, name_filter: str) -> list[str]:
    if native():
        return QFileDialog.getOpenFileNames(parent, caption, directory, name_filter)[0]
    dialog = file_dialog(parent, caption, directory, name_filter)
    return dialog.selectedFiles() if dialog.exec() else []


def save_file_name(parent: QWidget | None, caption: str, path: str, name_filter: str) -> str:
    if native():
        return QFileDialog.getSaveFileName(parent, caption, path, name_filter)[0]
    dialog = file_dialog(parent, caption, path, name_filter, QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(path)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    if native():
        return QFileDialog.getExistingDirectory(parent, caption, directory)
    dialog = file_dialog(parent, caption, directory, "", QFileDialog.FileMode.Directory)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
