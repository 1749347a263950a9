"""The printed pack as a delegate would read it (issue 12, items 9 and 11): a whole
report by default; footnotes at the end of the pack, not mid-page; a table caption on
the page of its table, a heading with its first lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import seed
from tests.gui.test_printing import compact, page_count, pdftext, report
from unidoreader.cli import main


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def test_print_without_sections_prints_the_whole_report(tmp_path: Path) -> None:
    out = tmp_path / "whole.pdf"
    assert main(["print", str(seed("000")), "-o", str(out)]) == 0
    text = compact(pdftext(out))
    whole = report("000")
    assert len(whole.sections) >= 5
    for section in whole.sections:
        assert compact(section.title) in text, section.title
    last = [b for b in whole.blocks if b.label and b.kind.value == "paragraph"][-1]
    assert compact(last.text)[:20] in text
    assert page_count(out) >= 4


def _pages(pdf: Path) -> list[str]:
    return [pdftext(pdf, page) for page in range(1, page_count(pdf) + 1)]


def test_footnotes_print_after_the_last_section_not_mid_pack(tmp_path: Path) -> None:
    whole = report("001")
    citing = [s for s in whole.sections if any(b.footnotes for b in whole.blocks_in(s.id))]
    assert citing and citing[0] is not whole.sections[-1]  # a note cited before the last chapter
    out = tmp_path / "notes.pdf"
    assert main(["print", str(seed("001")), "-o", str(out)]) == 0
    text = compact(pdftext(out))
    last_paragraph = [b for b in whole.blocks_in(whole.sections[-1].id) if b.kind.value == "paragraph"][-1]
    end_of_text = text.index(compact(last_paragraph.text)[:20])
    cited = {label for b in whole.blocks for label in b.footnotes}
    notes = [n for n in whole.footnotes if n.label in cited]
    assert notes
    for note in notes:
        assert text.index(compact(note.text)[:15]) > end_of_text, note.label
    # and no heading comes after the notes
    assert all(text.index(compact(s.title)) < end_of_text for s in whole.sections)


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_a_caption_prints_on_the_page_of_its_table_and_a_heading_with_its_first_lines(tmp_path: Path, page_size: str) -> None:
    from unidoreader.core.export import heading_text
    from unidoreader.core.tables import recover_tables

    annual = report("004")
    out = tmp_path / "annual.pdf"
    assert main(["print", str(seed("004")), "-o", str(out), "--page-size", page_size]) == 0
    captions = [compact(t.caption) for t in recover_tables(annual) if t.caption]
    assert len(captions) >= 20
    headings = [compact(heading_text(annual.block(s.heading))) for s in annual.walk_sections() if annual.block(s.heading)]
    for number, raw in enumerate(_pages(out), start=1):
        lines = [compact(line) for line in raw.splitlines() if compact(line)]
        body = [line for line in lines if not line.startswith("第") or "页/共" not in line]
        assert body, number
        assert body[-1] not in headings, (number, body[-1])  # a heading ends no page
        tail = "".join(body[-3:])
        assert not any(tail.endswith(caption) for caption in captions), (number, tail)  # nor a caption
