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
