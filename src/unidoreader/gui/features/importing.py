"""Importing reports into the library (menu, drops on the window or the library pane),
on the lane, the index brought up to date in the same job."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QProgressDialog, QWidget

from unidoreader.core.errors import UnidoreaderError
from unidoreader.gui import searching
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
        from unidoreader.gui import dialogs  # (Qt's file dialog classes: loaded when first asked for)

        files = dialogs.open_file_names(self.parent_widget, self.tr("Import reports"), str(Path.home()), self.tr("Reports (*.txt *.pdf *.docx *.doc);;All files (*)"))
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: list[Path]) -> None:
        if self.library is None:
            return
        library = self.library

        progress = _ImportProgress(self, files)

        def run(job: Job) -> list[Any]:
            results = library.import_files(files, progress=progress.pages(job))
            searching.ensure_index(library, job.progress)
            return results

        def done(results: list[Any]) -> None:
            progress.close()
            added = [r for r in results if r.added]
            self.libraryEdited.emit(results[-1].entry.id if results else "")
            self.message.emit(self.tr("Imported %1 report(s); %2 already in the library").replace("%1", str(len(added))).replace("%2", str(len(results) - len(added))))

        def failed(error: BaseException) -> None:
            progress.close()
            if isinstance(error, UnidoreaderError):
                self.warn(self.tr("Cannot import"), self.tr("Nothing was imported.") + "\n" + describe(error))
            else:
                self.warn(self.tr("Cannot import"), str(error))

        progress.job = self.lane.submit(self.tr("Importing %1 file(s)…").replace("%1", str(len(files))), run, done, failed)


class _ImportProgress:
    """The progress of reading a long PDF, with a Cancel button: cancelling stops the
    read (the progress callback raises on the lane) and imports nothing."""

    def __init__(self, feature: ImportFeature, files: list[Path]) -> None:
        self.feature = feature
        self.job: Job | None = None
        self.dialog = QProgressDialog(QCoreApplication.translate("ImportFeature", "Reading %1…").replace("%1", files[0].name if len(files) == 1 else str(len(files))),
                                      QCoreApplication.translate("ImportFeature", "Cancel"), 0, 0, feature.parent_widget)
        self.dialog.setWindowTitle(QCoreApplication.translate("ImportFeature", "Importing"))
        self.dialog.setMinimumDuration(600)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.reset()  # (a QProgressDialog shows itself on a timer unless reset)
        feature.lane.progress.connect(self._progress)
        self.cancelled = False

    def pages(self, job: Job) -> Any:
        """The callback the library calls as it reads (pages done, pages)."""

        def report(done: int, total: int) -> None:
            if job.cancelled:
                from unidoreader.core.readers import Cancelled

                raise Cancelled("import cancelled")
            job.progress(done, total, "pages")

        return report

    def _progress(self, done: int, total: int, message: str) -> None:
        if message != "pages" or self.cancelled:
            return
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total))
        self.dialog.setLabelText(QCoreApplication.translate("ImportFeature", "Reading page %1 of %2…").replace("%1", str(done)).replace("%2", str(total)))

    def cancel(self) -> None:
        if self.cancelled:
            return
        self.cancelled = True
        if self.job is not None:
            self.job.cancel()
        self.close()
        self.feature.message.emit(QCoreApplication.translate("ImportFeature", "Import cancelled: nothing was imported."))
        self.feature.workDone.emit()

    def close(self) -> None:
        try:
            self.feature.lane.progress.disconnect(self._progress)
        except (RuntimeError, TypeError):  # already disconnected
            pass
        self.dialog.hide()
        self.dialog.deleteLater()
