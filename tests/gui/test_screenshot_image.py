"""The screenshot mode copies the painted frame instead of painting the window again:
the copy must be the very image that painting the window gives."""

from __future__ import annotations

from unidoreader.gui.app import window_image


def test_screenshot_image_is_what_painting_the_window_gives(qtbot, window) -> None:
    window.open_document(window.entries()[0].id, True)
    qtbot.waitUntil(lambda: bool(window.panes) and window.panes[0].report is not None and window.is_settled(), timeout=10000)
    qtbot.wait(50)  # let the frame be painted
    copied = window_image(window).toImage()
    painted = window.grab().toImage()
    assert copied.size() == painted.size() == window.size()
    assert copied.convertToFormat(painted.format()) == painted
