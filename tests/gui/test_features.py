"""The window's features work alone (built with their parts, no window), and a new
feature plugs into the window: its pane becomes a dock, its action a menu entry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from unidoreader.core.library import Library
from unidoreader.gui.features import DockSpec, Feature, MenuItem
from unidoreader.gui.features.outline import OutlineFeature
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.features.printing import PrintFeature
from unidoreader.gui.features.sync import SyncScrolling
from unidoreader.gui.lane import Lane


def _reading(qtbot, library_dir: Path, *prefixes: str) -> tuple[QWidget, ReadingPanes]:
    host = QWidget()
    qtbot.addWidget(host)
    lane = Lane(host)
    reading = ReadingPanes(host, lane, None)
    library = Library.open(library_dir)
    reading.library_loaded(library)
    reading.entries_changed(library.entries())
    reading.widget.setParent(host)
    host.resize(1200, 700)
    reading.widget.resize(1200, 700)
    host.show()
    for prefix in prefixes:
        reading.open_document(reading.library_doc_for(prefix), True)
    qtbot.waitUntil(lambda: not reading.busy() and not lane.busy, timeout=30000)
    return host, reading


def test_sync_scrolling_works_on_reading_panes_without_a_window(qtbot, library_dir) -> None:
    host, reading = _reading(qtbot, library_dir, "000", "001")
    sync = SyncScrolling(host, None, reading)
    a, b = reading.panes
    reading.set_active(a)
    a.scroll_to_block(a.report.section("三").heading)
    qtbot.waitUntil(lambda: (b.current_section() or "").startswith("三"), timeout=5000)
    assert b.top_block()[0] == b.report.section("三").heading
    sync.act_sync.trigger()  # off: the other pane stays
    before = b.view.verticalScrollBar().value()
    a.scroll_to_block(a.report.section("五").heading)
    qtbot.wait(50)
    assert b.view.verticalScrollBar().value() == before


def test_outline_and_printing_features_alone_print_the_ticked_sections(qtbot, library_dir) -> None:
    host, reading = _reading(qtbot, library_dir, "000")
    outline = OutlineFeature(host, reading)
    printing = PrintFeature(host, reading, outline.pane)
    assert outline.pane.item_for("三") is not None  # the outline followed the active pane
    told: list[tuple[str, str]] = []
    printing.alert.connect(lambda title, text, icon: told.append((title, text)))
    printing.print_checked()  # nothing ticked: says so
    assert len(told) == 1 and told[0][1] == printing.tr("Check the sections to print in the outline first.")
    outline.pane.check_item("四")
    (part,) = printing.print_parts()
    assert part.report is reading.active.report and part.section_ids == ("四",)


class _Clock(Feature):
    """A feature as another engineer would add one: a pane and a command."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel("tick")
        self.ticks = 0
        self.act_tick = self.action("tick", self._tick, "Ctrl+Shift+K")

    def _tick(self) -> None:
        self.ticks += 1
        self.message.emit(f"tick {self.ticks}")

    def docks(self) -> list[DockSpec]:
        return [DockSpec("clock", self.label, Qt.DockWidgetArea.RightDockWidgetArea, lambda: "Clock", tab_with="search")]

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("view", self.act_tick), MenuItem("tools", self.act_tick)]

    def retranslate(self) -> None:
        self.act_tick.setText("Tick")


def test_a_new_feature_gets_a_dock_menu_entries_and_its_messages_shown(qtbot, library_dir, monkeypatch) -> None:
    from unidoreader.gui import main_window
    from unidoreader.gui.app import create_window

    built: list[_Clock] = []
    original = main_window.MainWindow._build_features

    def with_clock(self) -> None:
        original(self)
        built.append(_Clock(self))
        self._register(built[0])

    monkeypatch.setattr(main_window.MainWindow, "_build_features", with_clock)
    window = create_window(library_dir, restore=False)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(window.is_settled, timeout=30000)
    assert window.docks["clock"].windowTitle() == "Clock"
    assert window.docks["clock"] in window.tabifiedDockWidgets(window.docks["search"])
    assert built[0].act_tick in window.menu_view.actions()
    tools = window.menus["tools"]
    assert [a.text() for a in tools.actions()] == ["Tick"]
    titles = [m.menu() for m in window.menuBar().actions()]
    assert titles.index(tools) == titles.index(window.menu_help) - 1  # new menus go before Help
    window.action("tick").trigger()
    assert window.last_message == "tick 1"
