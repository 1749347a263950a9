"""Two language versions of one symbol: one library entry with its languages, the
reader's language opened first, *Open the other language* beside it, scrolling aligned
by chapter and paragraph number, and a paragraph missing in one version said so."""

from __future__ import annotations

from pathlib import Path

from unidoreader.core.library import Library
from unidoreader.gui.library_pane import DOC_ROLE, VERSIONS_ROLE
from unidoreader.gui.rich import HTML_ROLE

from ..conftest import DATA

PAIR = DATA / "un-pair"


def _with_pair(library_dir: Path) -> tuple[str, str]:
    library = Library.open(library_dir)
    zh, en = library.import_files([PAIR / "A_80_604_Add.5.zh.txt", PAIR / "A_80_604_Add.5.en.txt"], workers=0)
    return zh.entry.id, en.entry.id


def _paragraph(pane, label: str) -> str:
    return next(b.id for b in pane.report.blocks if b.kind.value == "paragraph" and b.label == label)


def _top_label(pane) -> str | None:
    block = pane.report.block(pane.top_block()[0])
    return block.label if block is not None else None


def test_one_entry_per_symbol_showing_its_languages(qtbot, library_dir, make_window) -> None:
    zh, en = _with_pair(library_dir)
    window = make_window()
    model = window.library_feature.pane.model
    index = model.rows_for(en)
    assert index.isValid() and index == model.rows_for(zh)  # one row for both versions
    assert set(index.data(VERSIONS_ROLE)) == {zh, en}
    assert index.data(DOC_ROLE) == zh  # the Chinese interface opens the Chinese version
    assert "中 / EN" in index.data(HTML_ROLE)
    titles = model.document_titles()
    assert len(titles) == len(model.entries) - 1  # the pair is one row


def test_the_other_language_opens_beside_and_scrolls_paragraph_for_paragraph(qtbot, library_dir, make_window, tmp_path) -> None:
    zh, en = _with_pair(library_dir)
    window = make_window(size=(1100, 520))  # short reports: a small window so that they scroll
    window.open_document(zh, True)
    qtbot.waitUntil(window.is_settled, timeout=30000)
    window.action("open_other_language").trigger()
    qtbot.waitUntil(lambda: len(window.panes) == 2 and window.is_settled(), timeout=30000)
    a, b = window.panes
    assert (a.doc_id, b.doc_id) == (zh, en)
    assert window.action("sync").isChecked()
    for pane in window.panes:
        pane.set_zoom(4)
    for label in ("3", "2", "6", "5"):  # Chinese paragraph N brings English paragraph N to the top (5: under a sub-head)
        window.set_active(a)
        a.scroll_to_block(_paragraph(a, label))
        qtbot.waitUntil(lambda label=label: _top_label(b) == label, timeout=5000)
    window.set_active(b)  # and back, from the English side
    b.scroll_to_block(_paragraph(b, "3"))
    qtbot.waitUntil(lambda: _top_label(a) == "3", timeout=5000)
    # paragraph 4 is missing in the Chinese version: it stays at 3 and says so
    b.scroll_to_block(_paragraph(b, "4"))
    qtbot.waitUntil(lambda: "4" in window.last_message and "A_80_604_Add.5.zh.txt" in window.last_message, timeout=5000)
    assert _top_label(a) == "3"
    b.scroll_to_block(_paragraph(b, "5"))
    qtbot.waitUntil(lambda: _top_label(a) == "5", timeout=5000)
    assert window.language == "zh_CN"  # the interface language is the user's, not the document's
    shot = tmp_path / "pair.png"
    window.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
    import os

    if os.environ.get("UNIDOREADER_SHOTS"):
        window.grab().save(os.path.join(os.environ["UNIDOREADER_SHOTS"], "language_pair.png"))


def test_no_other_version_says_so(qtbot, window) -> None:
    doc = window.library_doc_for("001")
    window.open_document(doc, True)
    qtbot.waitUntil(window.is_settled, timeout=30000)
    window.action("open_other_language").trigger()
    assert len(window.panes) == 1
    assert window.last_message


def test_search_keeps_to_one_document_language_and_counts_both(qtbot, library_dir, make_window) -> None:
    zh, en = _with_pair(library_dir)
    window = make_window()
    panel = window.search_feature.panel
    assert [panel.lang_filter.itemData(i) for i in range(panel.lang_filter.count())] == [None, "zh", "en"]
    panel.query.setText("A/80/605")
    panel.run()
    qtbot.waitUntil(lambda: not window.search_feature.searching and window.is_settled(), timeout=30000)
    counts = panel.language_counts()
    assert set(counts) == {"zh", "en"} and sum(counts.values()) == len(panel.hits)
    assert f"中 {counts['zh']}" in panel.summary.text() and f"EN {counts['en']}" in panel.summary.text()
    panel.lang_filter.setCurrentIndex(panel.lang_filter.findData("en"))
    panel.run()
    qtbot.waitUntil(lambda: not window.search_feature.searching and window.is_settled(), timeout=30000)
    assert panel.hits and {h.language for h in panel.hits} == {"en"} and {h.doc for h in panel.hits} <= {en} | {
        e.id for e in window.entries() if e.metadata.language == "en"}
    assert window.language == "zh_CN"


def test_the_interface_language_picks_the_version_and_never_follows_the_documents(qtbot, library_dir, make_window) -> None:
    zh, en = _with_pair(library_dir)
    window = make_window()
    model = window.library_feature.pane.model
    window.open_document(en, True)  # an English document in the Chinese interface
    qtbot.waitUntil(window.is_settled, timeout=30000)
    assert window.language == "zh_CN" and window.action("open_other_language").text().startswith("打开另一语文本")
    window.set_language("en")  # the English interface: the entry now opens the English version
    qtbot.waitUntil(lambda: model.rows_for(en).data(DOC_ROLE) == en, timeout=5000)
    assert model.rows_for(zh) == model.rows_for(en)
    assert window.action("open_other_language").text() == "Open the other &language"
    assert [p.doc_id for p in window.panes] == [en]  # switching the interface reopened nothing
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: model.rows_for(en).data(DOC_ROLE) == zh, timeout=5000)
