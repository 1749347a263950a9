"""Importing reports into the library (menu, drops on the window or the library pane),
on the lane, the index brought up to date in the same job."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from unidoreader.core.errors import UnidoreaderError
from unidoreader.gui import dialogs, searching
from unidoreader.gui.features import Feature, MenuItem
from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.errors import describe

if TYPE_CHECKING:
    from unidoreader.core.library import Library


class ImportFeature(Feature):
    """The import command; `import_files` is also where drops arrive."""

    def __init__(self, parent: QWidget, lane: Lane) -> None:
        super().__init__(parent)
        self.lane = lane
        self.library: Library | None = None
        self.act_import = self.action("import", self.import_dialog, QKeySequence(QKeySequence.StandardKey.Open))

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("file", self.act_import)]

    def retranslate(self) -> None:
        self.act_import.setText(self.tr("&Import reports…"))

    def library_loaded(self, library: "Library") -> None:
        self.library = library

    def import_dialog(self) -> None:
        files = dialogs.open_file_names(self.parent_widget, self.tr("Import reports"), str(Path.home()), self.tr("Text files (*.txt);;All files (*)"))
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: list[Path]) -> None:
        if self.library is None:
            return
        library = self.library

        def run(job: Job) -> list[Any]:
            results = library.import_files(files)
            searching.ensure_index(library, job.progress)
            return results

        def done(results: list[Any]) -> None:
            added = [r for r in results if r.added]
            self.libraryEdited.emit(results[-1].entry.id if results else "")
            self.message.emit(self.tr("Imported %1 report(s); %2 already in the library").replace("%1", str(len(added))).replace("%2", str(len(results) - len(added))))

        def failed(error: BaseException) -> None:
            if isinstance(error, UnidoreaderError):
                self.warn(self.tr("Cannot import"), self.tr("Nothing was imported.") + "\n" + describe(error))
            else:
                self.warn(self.tr("Cannot import"), str(error))

        self.lane.submit(self.tr("Importing %1 file(s)…").replace("%1", str(len(files))), run, done, failed)
