"""Preferences a reader expects (issue 12, item 12): reading font size, line spacing,
the default page size for printing, the library folder; they last across restarts."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtWidgets import QDialog

from unidoreader import paths
from unidoreader.core.model import BlockKind
from unidoreader.gui.features.preferences import PreferencesDialog
from tests.gui.helpers import open_docs


def _paragraph_line_height(pane) -> float:
    block_id = next(b.id for b in pane.report.blocks if b.kind is BlockKind.PARAGRAPH)
    document = pane.view.document()
    return document.findBlock(pane.map.text_start[block_id]).blockFormat().lineHeight()


def test_preferences_set_font_spacing_page_size_and_library(qtbot, window, make_window, monkeypatch, tmp_path: Path) -> None:
    (pane,) = open_docs(qtbot, window, "000")
    base = pane.view.font().pointSizeF()
    top = pane.top_block()[0]
    folder = tmp_path / "my library"

    def run_dialog(dialog: PreferencesDialog) -> int:
        assert dialog.font_size.value() == round(base)
        dialog.font_size.setValue(16)
        dialog.line_spacing.setCurrentIndex(dialog.line_spacing.findData(175))
        dialog.page_size.setCurrentIndex(dialog.page_size.findData("A5"))
        dialog.library.setText(str(folder))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", run_dialog)
    window.action("preferences").trigger()
    assert pane.view.font().pointSizeF() == 16 and _paragraph_line_height(pane) == 175
    assert pane.top_block()[0] == top  # the reader stays where it was
    assert window.printing.page_size == "A5"
    assert paths.chosen_library_dir() == folder and str(folder) in window.last_message
    window.outline.check_item("三")
    out = tmp_path / "pack.pdf"
    assert window.printing.export_pdf(out) == out
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:.*\(A5\)", info), info
    window.close()

    again = make_window()
    qtbot.waitUntil(lambda: bool(again.panes) and again.is_settled(), timeout=20000)
    reopened = again.panes[0]
    assert reopened.view.font().pointSizeF() == 16 and _paragraph_line_height(reopened) == 175
    assert again.printing.page_size == "A5"
    # a new pane gets the style too, and zoom works on top of it (once, also after a language switch)
    (_, fresh) = open_docs(qtbot, again, "001")
    assert fresh.view.font().pointSizeF() == 16
    fresh.set_zoom(2)
    again.set_language("en")
    assert fresh.view.font().pointSizeF() == 18 and fresh.zoom == 2
