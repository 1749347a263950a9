"""Small helpers shared by the GUI tests."""

from __future__ import annotations


def doc(window, prefix: str) -> str:
    """The library id of the seed whose file name starts with `prefix`."""
    doc_id = window.library_doc_for(prefix)
    assert doc_id, prefix
    return doc_id


def open_docs(qtbot, window, *prefixes: str, new_pane: bool = True) -> list:
    for prefix in prefixes:
        window.open_document(doc(window, prefix), new_pane)
    qtbot.waitUntil(window.is_settled, timeout=30000)
    return window.panes


def restart(qtbot, window, make_window):
    window.close()
    return make_window()
