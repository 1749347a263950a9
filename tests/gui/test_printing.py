"""Printed PDFs, checked the way a reader would: poppler's pdftotext / pdffonts / pdfinfo
read back what `unidoreader print` and gui.printing.render_pdf wrote."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import seed
from unidoreader.cli import main
from unidoreader.core.export import PrintPart
from unidoreader.core.model import Block, BlockKind, Metadata, Report, Section
from unidoreader.core.parse import parse_text, read_text

POPPLER = ("pdftotext", "pdffonts", "pdfinfo")


@pytest.fixture(autouse=True)
def _app(qapp):  # a QApplication first, so nothing here creates a bare QGuiApplication
    for tool in POPPLER:
        assert shutil.which(tool), f"{tool} missing: install poppler-utils (scripts/dev.sh does)"
    return qapp


def pdftext(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def compact(text: str) -> str:
    return "".join(text.split())


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def report(prefix: str) -> Report:
    return parse_text(read_text(seed(prefix)), seed(prefix).name)


def snippet(block: Block) -> str:
    return compact(block.text)[:16]


def test_acceptance_three_chapters_from_two_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "briefing.pdf"
    assert main(["print", str(seed("000")), str(seed("001")), "--sections", "三,四,2:三", "-o", str(out)]) == 0
    assert "pages" in capsys.readouterr().out

    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("Unidoreader" in row[0] for row in rows), fonts  # only the bundled font
    assert all(row[-5] == "yes" for row in rows), fonts  # embedded

    text = compact(pdftext(out))
    assert not re.search("[\u2e80-\u2fdf]", text)  # no Kangxi radicals for 工 目 入
    r2018, r2024 = report("000"), report("001")
    wanted = [b for b in r2018.blocks_in("三") + r2018.blocks_in("四") if b.kind is BlockKind.PARAGRAPH]
    wanted += [b for b in r2024.blocks_in("三") if b.kind is BlockKind.PARAGRAPH]
    assert len(wanted) == 8 + 18
    positions = []
    for block in wanted:
        mark = f"{block.label}.{snippet(block)}"
        assert text.count(mark) == 1, mark  # there, and once (no line drawn on two pages)
        positions.append(text.index(mark))
    assert positions == sorted(positions)  # in the order asked
    chosen = {b.id for b in wanted}
    for r in (r2018, r2024):
        for block in r.blocks:
            if block.kind is BlockKind.PARAGRAPH and block.id not in chosen and block.label:
                mark = f"{block.label}.{compact(block.text)[:24]}"
                assert mark not in text, f"paragraph {block.label} of another chapter printed"
    # title blocks; the superscript reference and its note of the 2024 chapter
    assert "第四十六届会议" in text and "第五十二届会议" in text
    assert "https://hub.unido.org/" in text


def test_every_page_has_running_header_and_page_footer(tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    assert main(["print", str(seed("000")), str(seed("001")), "--sections", "1:三,1:四,2:三", "-o", str(out)]) == 0
    total = page_count(out)
    assert total >= 3
    seen_titles = []
    for page in range(1, total + 1):
        text = compact(pdftext(out, page))
        assert f"第{page}页/共{total}页" in text
        title = "与中等收入国家建立伙伴关系的战略框架" if "第四十六届会议" in text else "中等收入国家的包容可持续发展"
        assert title in text
        seen_titles.append(title)
    assert seen_titles[0] != seen_titles[-1]  # each report's pages carry its own title


def test_page_size_and_margins_change_the_layout(tmp_path: Path) -> None:
    a4, a5, wide = tmp_path / "a4.pdf", tmp_path / "a5.pdf", tmp_path / "wide.pdf"
    args = ["print", str(seed("000")), "--sections", "四,五,六"]
    assert main([*args, "-o", str(a4)]) == 0
    assert main([*args, "-o", str(a5), "--page-size", "a5"]) == 0
    assert main([*args, "-o", str(wide), "--margins", "40"]) == 0
    info = subprocess.run(["pdfinfo", str(a5)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:.*\(A5\)", info), info
    assert page_count(a5) > page_count(a4) and page_count(wide) > page_count(a4)
    assert compact(pdftext(a4)).count("第16段") == 0  # nothing invented
    for pdf in (a4, a5, wide):
        assert "16.将通过工发组织的四项助力职能" in compact(pdftext(pdf))


def test_bad_requests_are_one_line_errors_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    cases = [
        ["--sections", "九"],
        ["--sections", "3:三"],
        ["--sections", "三", "--page-size", "B9"],
        ["--sections", "三", "--margins", "90"],
        ["--sections", "三", "--margins", "59", "--page-size", "A5"],  # fails mid-way: no partial file
    ]
    for extra in cases:
        assert main(["print", str(seed("000")), *extra, "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("unidoreader: ") and err.count("\n") == 1, err
        assert not out.exists() and not list(tmp_path.iterdir())
    assert main(["print", str(seed("000")), "--sections", "三", "-o", str(tmp_path / "no" / "x.pdf")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_tables_print_as_tables_with_their_figures(tmp_path: Path) -> None:
    annual = report("004")
    africa = next(s.id for s in annual.walk_sections() if s.title == "工发组织在非洲开展的工作")
    out = tmp_path / "t.pdf"
    assert main(["print", str(seed("004")), "--sections", africa, "-o", str(out)]) == 0
    text = pdftext(out)
    assert "工发组织在非洲开展的工作：技术合作（2020年）" in text
    rows = [line.split() for line in subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout.splitlines()]
    assert ["成员国", "15.24"] in rows  # label and figure on one row of the table


def test_report_markup_prints_literally(tmp_path: Path) -> None:
    from unidoreader.gui.printing import render_pdf

    heading = Block(id="h1", kind=BlockKind.HEADING, text="标题", section="一", label="一")
    para = Block(id="p1", kind=BlockKind.PARAGRAPH, text="见<script>alert(1)</script>和 AT&amp;T。", section="一", label="1")
    evil = Report(id="0123456789abcdef", source="evil.txt", metadata=Metadata(title="测试 <b>报告</b>"),
                  blocks=(heading, para), sections=(Section(id="一", level=1, label="一", title="标题", heading="h1"),))
    pages = render_pdf([PrintPart(evil, ("一",))], tmp_path / "e.pdf")
    assert pages == 1
    text = compact(pdftext(tmp_path / "e.pdf"))
    assert "见<script>alert(1)</script>和AT&amp;T。" in text
    assert "测试<b>报告</b>" in text


def test_render_pdf_reports_progress_and_page_count(tmp_path: Path) -> None:
    from unidoreader.gui.printing import render_pdf

    seen: list[tuple[int, int]] = []
    pages = render_pdf([PrintPart(report("003"), ("一", "三"))], tmp_path / "p.pdf", progress=lambda d, t, _m: seen.append((d, t)))
    assert pages == page_count(tmp_path / "p.pdf") == len(seen)
    assert seen[-1] == (pages, pages)


def test_cli_prints_headless_from_a_fresh_process(tmp_path: Path) -> None:
    """No display and no QT_QPA_PLATFORM: the CLI still writes the PDF (offscreen)."""
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "fresh.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "unidoreader", "print", str(seed("002")), "--sections", "一", "-o", str(out), "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pages"] == page_count(out)
    assert "《利马宣言：努力实现包容及可持续工业发展》的执行情况" in compact(pdftext(out))


def test_print_dialog_prints_through_the_system_printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview's paint request goes through the same typesetting, honouring the
    printer's page setup (here A5 with 10 mm margins, printed to a PDF file)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from unidoreader.gui.printing import print_dialog

    out = tmp_path / "printer.pdf"

    def fake_exec(dialog: QPrintPreviewDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                                          QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
        dialog.paintRequested.emit(printer)
        return 1

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    assert print_dialog(None, [PrintPart(report("000"), ("三",))])
    total = page_count(out)
    text = compact(pdftext(out))
    assert "6.目前工发组织的168个成员国中有97个国家" in text and f"第{total}页/共{total}页" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "(A5)" in info


@pytest.mark.parametrize("prefix,page_size", [("004", "A4"), ("004", "A3"), ("001", "A5"), ("000", "A5")])
def test_no_line_is_printed_twice_across_a_whole_report(tmp_path: Path, prefix: str, page_size: str) -> None:
    """Qt draws lines just outside a page's clip; invisible, but they would put text
    into the PDF twice. Every printed line occurs no more often than in the content."""
    import html as html_lib

    from unidoreader.core.export import briefing_html

    whole = report(prefix)
    chapters = ",".join(s.id for s in whole.sections)
    out = tmp_path / "whole.pdf"
    assert main(["print", str(seed(prefix)), "--sections", chapters, "-o", str(out), "--page-size", page_size]) == 0
    printed = compact(pdftext(out))
    content = briefing_html([PrintPart(whole, tuple(s.id for s in whole.sections))])
    source = compact(html_lib.unescape(re.sub(r"<[^>]+>", "", content.split("</style>", 1)[1])))
    checked = 0
    for line in pdftext(out).splitlines():
        line = compact(line)
        if len(line) >= 20 and line in source:
            checked += 1
            assert printed.count(line) <= source.count(line), line
    assert checked > 50
