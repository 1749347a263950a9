"""Tables of a PDF read from the page (core/readers/pdf_tables.py): the rules and the x of
every character give the columns, the rules and the lines the rows. Checked against
tables labelled by hand from the UN's printed pages, and against the Word tables that
LibreOffice printed into the typeset annual report; and each check is shown to fail
with the old way (the table rebuilt from its flattened lines)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import DATA
from unidoreader.core import readers
from unidoreader.core.readers import pdf_tables
from unidoreader.core.tables import recover_tables

LABELS = json.loads((DATA / "acceptance" / "pdf_tables.json").read_text(encoding="utf-8"))["tables"]


def _grids(path: Path) -> list[tuple[list[list[str]], tuple[int, ...]]]:
    """Every table of a file as [header, *rows] of cell texts, with the pages of its block."""
    report = readers.parse_path(path)
    pages = {b.id: b.pages for b in report.blocks}
    return [([list(t.header)] + [[c.text + c.mark for c in row] for row in t.rows], pages.get(t.block, ()))
            for t in recover_tables(report)]


@pytest.fixture
def flattened(monkeypatch: pytest.MonkeyPatch):
    """The reader as it was before: no table read from the page (its lines flattened, the
    table rebuilt from them by core.tables)."""
    monkeypatch.setattr(pdf_tables, "find_tables", lambda segs, rules, width: [])


@pytest.mark.parametrize("label", LABELS, ids=[f"{t['file']} p{t['page']}" for t in LABELS])
def test_a_un_table_comes_out_with_the_cells_printed(label: dict) -> None:
    grids = _grids(DATA / "un-en" / label["file"])
    on_page = [grid for grid, pages in grids if label["page"] in pages]
    assert [label["header"]] + label["rows"] in on_page, on_page


@pytest.mark.parametrize("label", LABELS, ids=[f"{t['file']} p{t['page']}" for t in LABELS])
def test_the_flattened_lines_do_not_give_those_cells(label: dict, flattened) -> None:
    grids = [grid for grid, _pages in _grids(DATA / "un-en" / label["file"])]
    assert not any(label["rows"][0] in grid for grid in grids)


def _unspaced(text: str) -> str:
    """Without the gap LibreOffice sets between ideographs and Latin letters or digits
    ("2020 年" prints as "2020年" with a wider space; the Word file has none)."""
    return re.sub(r"(?<=[\u2e80-\uffff])\s+(?=[ -~])|(?<=[ -~])\s+(?=[\u2e80-\uffff])", "", text)


def _word_and_pdf() -> tuple[list[list[list[str]]], list[list[list[str]]]]:
    def cells(path: Path) -> list[list[list[str]]]:
        return [[[_unspaced(c) for c in row] for row in grid] for grid, _pages in _grids(path)]

    return cells(DATA / "typeset" / "004.docx"), cells(DATA / "typeset" / "004.pdf")


def test_the_annual_reports_pdf_tables_are_the_word_tables_it_was_printed_from() -> None:
    """004.pdf is LibreOffice's print of 004.docx: each Word table (cells as written) is a
    ruled grid on the page, some cut by a page break (a row's cell going on over the page,
    the head on one page and the rows on the next). Read from the page, every table of the
    PDF is one of the Word file's tables, cell for cell, and none is missing."""
    word, printed = _word_and_pdf()
    assert len(word) >= 13
    assert printed == word


def test_the_annual_reports_tables_rebuilt_from_flattened_lines_are_not(flattened) -> None:
    """(7 of the 13 come out right: the short two-column lists; the indicator tables with
    wrapped cells, the tables cut by a page break and the first one's first rows do not.)"""
    word, printed = _word_and_pdf()
    assert printed != word
    assert sum(1 for grid in printed if grid in word) <= len(word) - 5


def test_a_table_row_cut_by_the_page_break_is_one_row() -> None:
    """POR.5's row d. starts at the foot of page 55 and ends at the top of page 56."""
    _word, printed = _word_and_pdf()
    (por5,) = [grid for grid in printed if grid[0][:3] == ["类别", "2B", "2A"]]
    last = por5[-1]
    assert last[0].startswith("d.与联合国全系统行动计划") and last[0].endswith("最新可用的2019年成果）") and last[1] == "76%"


def test_running_text_between_a_page_rule_and_a_table_is_no_table() -> None:
    """A/80/596 page 14: the running header's rule, two paragraphs, then two tables with
    rules of the same width: the paragraphs (paragraph 28) stay text, numbered as printed."""
    source = readers.read_source(DATA / "un-en" / "A_80_596.pdf")
    numbered = [line for line in source.lines if line.text.startswith(("28. ", "29. "))]
    assert [line.role for line in numbered] == ["", ""] and {line.page for line in numbered} == {14}
