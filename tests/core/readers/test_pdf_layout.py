"""The PDF reader on the UN's own English reports: furniture, symbol, pages, rendering.

These check the layout layer (what core.readers hands the parser), not the English
parsing rules: the running header symbol, "2/35" and the job number leave the text and
the symbol reaches the metadata; every line is on the page the PDF itself says.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.conftest import DATA
from unidoreader.core import readers
from unidoreader.core.errors import InputError
from unidoreader.core.readers import pdf

UN_EN = DATA / "un-en"
LABELS = json.loads((UN_EN / "labels.json").read_text(encoding="utf-8"))
PDFS = sorted(UN_EN.glob("*.pdf"))


@pytest.fixture(scope="module")
def sources() -> dict[str, readers.SourceText]:
    return {path.stem: readers.read_source(path) for path in PDFS}


def test_the_symbol_of_the_running_header_is_the_documents_own(sources):
    for stem, source in sources.items():
        assert source.symbol == LABELS[stem]["symbol"], stem


def test_running_header_footer_and_job_number_leave_the_text(sources):
    for stem, source in sources.items():
        symbol = LABELS[stem]["symbol"]
        job = re.match(r"\d{2}-\d{5}", next(l.text for l in source.furniture if re.match(r"\d{2}-\d{5}", l.text))).group(0)
        for line in source.lines:
            text = line.text.strip()
            assert text != symbol, (stem, line)
            assert not re.fullmatch(rf"{line.page}\s*/\s*{source.pages}", text), (stem, line)
            assert job not in text, (stem, line)
            assert not re.fullmatch(r"\*\d{7}\*", text), (stem, line)
        # and each page from the second on lost its page number and its header
        pages_with_footer = {l.page for l in source.furniture if re.fullmatch(rf"\d+/{source.pages}", l.text)}
        assert pages_with_footer >= set(range(2, source.pages + 1)), stem  # landscape pages too (printed sideways)


@pytest.mark.parametrize("stem", ["A_80_596", "A_80_600"])
def test_a_landscape_pages_sideways_header_and_footer_are_furniture(sources, stem):
    """The organization charts are landscape pages whose symbol, "33/35" and job number
    are set sideways along the left and right edges: PDFium gives their characters one by
    one, which used to land in the lines beside them ("6 - 0 B. Support", "0", "/"). The
    reader takes them off by their place and turn, as it does a portrait page's furniture."""
    source = sources[stem]
    landscape = _blank_or_rotated(stem)
    assert landscape
    symbol = LABELS[stem]["symbol"]
    for page in landscape:
        furniture = {l.text for l in source.furniture if l.page == page}
        assert {symbol, f"{page}/{source.pages}"} <= furniture, (page, furniture)
        assert any(re.fullmatch(r"\d{2}-\d{5}", t) for t in furniture), (page, furniture)
        lines = [l.text for l in source.lines if l.page == page and l.text.strip()]
        assert not any(re.fullmatch(r"[\d/\-–\s]{1,5}", t) for t in lines), (page, lines)  # no stray turned characters
    headings = {text for level, label, text in LABELS[stem]["outline"] if level == 2 and label in "ABC"}
    on_charts = {re.sub(r"^[A-C]\. ", "", l.text) for l in source.lines if l.page in landscape}
    assert headings & on_charts >= ({"Substantive", "Support", "Military contingents and observers"} & headings)


def _blank_or_rotated(stem: str) -> set[int]:
    """Landscape pages (maps, organigrams) print their footer sideways."""
    document = pdfium.PdfDocument(UN_EN / f"{stem}.pdf")
    try:
        return {i + 1 for i in range(len(document)) if document[i].get_rotation() or document[i].get_size()[0] > document[i].get_size()[1]}
    finally:
        document.close()


def test_every_line_is_printed_on_its_page(sources):
    for stem, source in sources.items():
        document = pdfium.PdfDocument(UN_EN / f"{stem}.pdf")
        try:
            # (PDFium's plain text gives a hyphen printed at a line's end as U+FFFE)
            texts = ["".join(document[i].get_textpage().get_text_range().replace("\ufffe", "-").split()) for i in range(len(document))]
        finally:
            document.close()
        checked = 0
        for line in source.lines:
            # (table cells on one baseline are joined into one line: check word by word)
            for word in line.text.split():
                if len(word) >= 6 and not any(ch in "⁰¹²³⁴⁵⁶⁷⁸⁹" for ch in word):
                    assert word in texts[line.page - 1], (stem, word, line)
                    checked += 1
        assert checked > 100, stem


def test_a_two_column_table_of_contents_keeps_its_page_numbers_beside_the_entries(sources):
    lines = [l.text for l in sources["A_80_600"].lines if l.page == 2]
    assert any(re.match(r"G\. Vacancy factors[ .]+23$", text) for text in lines), lines[:5]


def test_page_rendering_is_a_png_of_the_page(tmp_path: Path):
    width, height, pixels, mode = pdf.render_page((UN_EN / "A_80_600.pdf").read_bytes(), 2, 72)
    assert (width, height) == (612, 792)  # US letter at 72 dpi
    assert len(pixels) == width * height * len(mode)
    png = pdf.png_bytes(width, height, pixels, mode)
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_a_truncated_pdf_is_refused_in_one_line(tmp_path: Path):
    data = (UN_EN / "A_80_600.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="incomplete"):
        readers.read_source(cut)
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(InputError, match="damaged"):
        readers.read_source(garbage)
