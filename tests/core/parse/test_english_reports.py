"""The six real English UN reports, read from their PDF and their Word file by the
product's readers, against the hand-checked labels of tests/data/un-en/labels.json:
metadata, outline (level, label, title) in order, numbered paragraphs, footnotes, the
cover's asterisk notes, and no page furniture in any block."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from unidoreader.core import readers
from unidoreader.core.model import BlockKind, Report

from ...conftest import DATA

UN_EN = DATA / "un-en"
LABELS = json.loads((UN_EN / "labels.json").read_text(encoding="utf-8"))
CASES = [(stem, ext) for stem in LABELS for ext in ("pdf", "docx")]


@lru_cache(maxsize=None)
def report(stem: str, ext: str) -> Report:
    return readers.parse_path(UN_EN / f"{stem}.{ext}")


def _id(case: tuple[str, str]) -> str:
    return f"{case[0]}.{case[1]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_metadata_as_labelled(case: tuple[str, str]) -> None:
    label = LABELS[case[0]]
    meta = report(*case).metadata
    assert meta.language == "en"
    assert meta.symbol == label["symbol"]
    assert meta.dates is not None and meta.dates[0] == label["date"]
    assert meta.session == label["session"]
    assert (meta.agenda_item or "").split(", ") == label["agenda_items"]
    assert meta.title == label["title"]
    assert meta.kind == label["kind"]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_outline_is_the_labelled_one(case: tuple[str, str]) -> None:
    want = [tuple(entry) for entry in LABELS[case[0]]["outline"]]
    got = [(s.level, s.label, s.title) for s in report(*case).walk_sections()]
    common = sum((Counter(got) & Counter(want)).values())
    f1 = 2 * common / (len(got) + len(want))
    assert f1 == 1.0, (sorted((Counter(got) - Counter(want)).elements()), sorted((Counter(want) - Counter(got)).elements()))
    assert got == want  # and in reading order


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_numbered_paragraphs_run_as_labelled(case: tuple[str, str]) -> None:
    label = LABELS[case[0]]
    numbers = [b.label for b in report(*case).blocks if b.kind is BlockKind.PARAGRAPH and b.label]
    assert len(numbers) == label["paragraph_count"]
    assert numbers[-1] == str(label["paragraphs"])
    series: dict[str, list[int]] = {}
    for number in numbers:  # no gaps, no repeats: 1, 2, 3… or 31.I.1, 31.I.2…, 31.II.1…
        prefix, _, last = number.rpartition(".")
        series.setdefault(prefix, []).append(int(last))
    assert all(values == list(range(1, len(values) + 1)) for values in series.values()), series


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_footnotes_and_cover_notes_as_labelled(case: tuple[str, str]) -> None:
    label = LABELS[case[0]]
    parsed = report(*case)
    assert len(parsed.footnotes) == label["footnotes"]
    assert [f.label for f in parsed.footnotes] == [str(n) for n in range(1, label["footnotes"] + 1)]
    assert all(len(f.text) > 20 for f in parsed.footnotes)
    stars = [b for b in parsed.blocks if b.kind is BlockKind.NOTE and b.label and set(b.label) == {"*"}]
    assert len(stars) == label.get("cover_notes", 0)


def _furniture(stem: str) -> tuple[str, str, int]:
    """The job number, the barcode and the page count, read straight from page 1 of the PDF."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(UN_EN / f"{stem}.pdf"))
    try:
        first = pdf[0].get_textpage().get_text_range()
        pages = len(pdf)
    finally:
        pdf.close()
    job = re.search(r"\b(\d{2}-\d{5})\*?\s*\(E\)", first)
    barcode = re.search(r"\*\d{7}\*", first)
    assert job and barcode and pages == LABELS[stem]["pages"]
    return job.group(1), barcode.group(0), pages


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_no_header_footer_job_number_or_barcode_in_any_block(case: tuple[str, str]) -> None:
    stem = case[0]
    job, barcode, pages = _furniture(stem)
    parsed = report(*case)
    symbol = LABELS[stem]["symbol"]
    page_foot = re.compile(rf"(?<![\d/])\d{{1,2}}\s*/\s*{pages}(?![\d/])")
    texts = [b.text for b in parsed.blocks] + [f.text for f in parsed.footnotes]
    for text in texts:
        assert job not in text and barcode not in text, text[:120]
        assert not page_foot.search(text), text[:120]
        assert text.replace(" ", "").rstrip("*") != symbol.replace(" ", ""), text


@pytest.mark.parametrize("stem", list(LABELS))
def test_the_pdf_and_the_word_file_give_the_same_structure(stem: str) -> None:
    pdf, word = report(stem, "pdf"), report(stem, "docx")
    assert [(s.id, s.level) for s in pdf.walk_sections()] == [(s.id, s.level) for s in word.walk_sections()]
    para = lambda r: [(b.section, b.label) for b in r.blocks if b.kind is BlockKind.PARAGRAPH and b.label]  # noqa: E731
    assert para(pdf) == para(word)
    assert [b.pages for b in pdf.blocks if b.kind is BlockKind.HEADING][:3] and all(
        b.pages for b in pdf.blocks if b.kind is BlockKind.HEADING)  # PDF blocks know their pages


def test_contents_pages_are_recognised_not_a_second_outline() -> None:
    parsed = report("A_80_596", "pdf")
    assert len(parsed.contents) >= 20 and parsed.contents[0] == "Contents"
    headings = [b.text for b in parsed.blocks if b.kind is BlockKind.HEADING]
    assert not any("...." in h or ". . ." in h for h in headings)
    assert headings.count("Mandate") == 1  # "A. Mandate" of the contents is not a heading
