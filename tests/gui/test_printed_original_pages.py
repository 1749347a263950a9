"""The printed briefing pack cites, in each page's running header, the pages of the
original PDF that the page's text comes from ("IDB.52/9 · 原文第 5 页", for an English
report "A/80/604/Add.5 · p. 5 of the original"): a delegate can say "page 5 of the
document" from the pack. Only PDF-imported reports have original pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import DATA, seed
from tests.gui.test_printing import compact, page_count, pdftext
from unidoreader.cli import main
from unidoreader.core import readers

PDF = DATA / "typeset" / "001.pdf"


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def _printed(tmp_path: Path, source: Path, *sections: str) -> list[str]:
    out = tmp_path / "pack.pdf"
    assert main(["print", str(source), *(["--sections", ",".join(sections)] if sections else []), "-o", str(out)]) == 0
    return [pdftext(out, page) for page in range(1, page_count(out) + 1)]


def _original_page(original: list[str], text: str) -> int:
    """The page of the original PDF (its own text layer, read by pdftotext) printing `text`."""
    (page,) = [i + 1 for i, page in enumerate(original) if compact(text)[:14] in page]
    return page


def test_each_page_cites_the_pages_of_the_original_it_prints(tmp_path: Path) -> None:
    pages = _printed(tmp_path, PDF, "二", "三")
    original = [compact(pdftext(PDF, p)) for p in range(1, page_count(PDF) + 1)]
    report = readers.parse_path(PDF)
    chosen = {s.id for top in ("二", "三") for s in report.section(top).walk()}
    paragraphs = [b for b in report.blocks if b.section in chosen and b.kind.value == "paragraph" and b.label]
    assert len(paragraphs) >= 15 and len(pages) >= 3
    previous_end = 0
    for number, page in enumerate(pages, 1):
        m = re.search(r"IDB\.52/9 · 原文第 (\d+)(?:–(\d+))? 页", page)
        assert m, (number, page[:200])
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        here = [b for b in paragraphs if compact(f"{b.label}.{b.text}")[:14] in compact(page)]
        assert here, number
        printed_from = {_original_page(original, b.text) for b in here}
        assert first <= min(printed_from) and max(printed_from) <= last, (number, (first, last), printed_from)
        assert last - first <= 1 and first >= previous_end  # a page of the pack covers a page or two, in order
        previous_end = last
    assert previous_end == _original_page(original, paragraphs[-1].text)


def test_an_english_report_cites_its_pages_in_english(tmp_path: Path) -> None:
    pages = _printed(tmp_path, DATA / "un-en" / "A_80_604_Add.5.pdf", "IV.2")
    assert pages and all(re.search(r"A/80/604/Add\.5 · pp?\. \d+(–\d+)? of the original", p) for p in pages)
    assert not any("原文" in p for p in pages)


def test_an_english_report_prints_its_furniture_in_english(tmp_path: Path) -> None:
    """Cover lines, running header and page footer of an English report are English, as
    the original's are, in the (default) Chinese interface: no "第八十届会议" over an
    English text."""
    pages = _printed(tmp_path, DATA / "un-en" / "A_80_600.pdf", "I", "II")
    first = pages[0]
    assert "General Assembly, Eightieth session A/80/600" in first  # the running header
    assert "26 January 2026" in first and "Agenda item 158 Financing of the United Nations Mission" in first
    assert "Printed from this document: I. Mandate, results achieved and planned outcome; II. Financial resources" in first
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1))
    han = [re.findall(r"[\u4e00-\u9fff]+", page) for page in pages]
    assert han == [[] for _ in pages]  # not one Chinese word on any page


def test_text_and_word_reports_cite_no_original_pages(tmp_path: Path) -> None:
    for source in (seed("001"), DATA / "typeset" / "001.docx"):
        pages = _printed(tmp_path, source, "二")
        assert pages and not any("原文" in p or "of the original" in p for p in pages)
