"""The Chinese catalogue is complete and compiled; the language is chosen in Preferences."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QDialog

from unidoreader import paths
from unidoreader.gui import main_window

TS = paths.resources_dir() / "translations" / "unidoreader_zh_CN.ts"
QM = paths.resources_dir() / "translations" / "unidoreader_zh_CN.qm"


def test_every_ui_string_is_translated_and_compiled(qapp) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    messages = 0
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation.get("type") is None and translation.text, message.find("source").text
            assert translator.translate(name, message.find("source").text) == translation.text
            messages += 1
    assert messages > 100


def test_preferences_switch_the_interface_to_english_and_back(qtbot, window, monkeypatch) -> None:
    chosen = {"language": "en"}

    def run_dialog(dialog: QDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData(chosen["language"]))
        assert dialog.windowTitle() in ("首选项", "Preferences")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(main_window.PreferencesDialog, "exec", run_dialog)
    window.action("preferences").trigger()
    assert window.menu_search.title() == "&Search"
    assert window.search_panel.query.placeholderText() == "Search every report (Ctrl+Shift+F)"
    assert window.tables_panel.empty.text() == "This report has no tables."
    assert window.userdata.state("language") == "en"
    chosen["language"] = "zh_CN"
    window.action("preferences").trigger()
    assert window.menu_search.title() == "搜索(&S)"
    assert window.tables_panel.empty.text() == "此报告没有表格。"
