"""The print preview shows the pages that print (issue 12, item 1): the preview's first
page, rendered from its scene, against the PDF page of the same pack at the same size."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsView

from tests.conftest import seed
from unidoreader.core.export import PrintPart
from unidoreader.core.parse import parse_text, read_text

WIDTH, HEIGHT = 420, 594  # A4 at 2 px per mm


def _ink_box(image: QImage) -> tuple[int, int, int, int]:
    """Left, top, right, bottom of the non-white pixels (the printed area)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = [y for y in range(gray.height()) if min(gray.constBits()[y * gray.bytesPerLine():y * gray.bytesPerLine() + gray.width()]) < 160]
    cols = [x for x in range(gray.width()) if any(gray.pixelColor(x, y).value() < 160 for y in range(0, gray.height(), 2))]
    return cols[0], rows[0], cols[-1], rows[-1]


def _row_profile(image: QImage) -> list[int]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = gray.bytesPerLine()
    bits = gray.constBits()
    return [sum(1 for v in bits[y * stride:y * stride + gray.width()] if v < 160) for y in range(gray.height())]


def _pdf_page_image(pdf: Path) -> QImage:
    """The PDF's first page as poppler renders it, at WIDTH x HEIGHT."""
    out = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", str(WIDTH), "-scale-to-y", str(HEIGHT), str(pdf), str(out)], check=True)
    image = QImage(str(out) + ".png")
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    return image


def test_the_preview_page_is_the_printed_page(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    from unidoreader.gui.printing import print_dialog, render_pdf

    parts = [PrintPart(parse_text(read_text(seed("000")), seed("000").name), ("三",))]
    shot: dict[str, QImage] = {}

    def fake_exec(dialog: QPrintPreviewDialog) -> int:
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()  # runs paintRequested, as showing the dialog does
        view = widget.findChild(QGraphicsView)
        pages = sorted((item for item in view.scene().items() if item.parentItem() is None), key=lambda i: i.scenePos().y())
        printer = dialog.printer()
        paper = printer.pageLayout().fullRectPixels(printer.resolution()).size()
        image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        view.scene().render(painter, QRectF(0, 0, WIDTH, HEIGHT), QRectF(pages[0].scenePos(), QSizeF(paper)), Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.end()
        shot["preview"] = image
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    print_dialog(None, parts)
    pdf = tmp_path / "same.pdf"
    render_pdf(parts, pdf, page_size="A4", margins_mm=20)  # the dialog's default page setup
    printed = _pdf_page_image(pdf)
    preview = shot["preview"]
    preview.save(str(tmp_path / "preview.png"))
    printed.save(str(tmp_path / "printed.png"))

    box_preview, box_printed = _ink_box(preview), _ink_box(printed)
    assert all(abs(a - b) <= 4 for a, b in zip(box_preview, box_printed)), (box_preview, box_printed)
    # the footer ("第 1 页 / 共 N 页") is on the preview page, where it prints
    assert box_preview[3] >= HEIGHT - 20 * 2 - 8
    # line by line the same: every row with ink on one has ink within a pixel on the other
    a, b = _row_profile(preview), _row_profile(printed)
    inked_a = {y for y, n in enumerate(a) if n}
    inked_b = {y for y, n in enumerate(b) if n}
    near = lambda y, rows: any(y + d in rows for d in (-1, 0, 1))  # noqa: E731
    unmatched = [y for y in inked_a if not near(y, inked_b)] + [y for y in inked_b if not near(y, inked_a)]
    assert len(inked_a) > 100 and len(unmatched) <= 0.05 * len(inked_a | inked_b), unmatched
