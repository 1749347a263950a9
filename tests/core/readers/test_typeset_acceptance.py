"""Acceptance of the PDF and Word import on the five seeds typeset as UN documents.

tests/data/typeset/ holds each seed as a .docx (Word automatic numbering, real footnotes)
and LibreOffice's PDF of it (running header with the symbol, footer with page and job
number, the printing notice on page 1, an embedded CJK font), a two-column version of
001 and 001 printed by Qt (a PDF whose text gives Kangxi radicals). Each must give what
the hand labels of the seed's text say; the PDF's blocks must sit on the page the PDF's
own text layer puts them; hardly any Han character may be lost, none may come back as a
radical or a compatibility ideograph.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.conftest import DATA, SEED_FILES
from unidoreader.core import readers
from unidoreader.core.model import Report
from unidoreader.core.parse.text import is_han
from unidoreader.core.readers.cjk import is_radical_or_compat, unify

TYPESET = DATA / "typeset"
ACCEPTANCE = json.loads((DATA / "acceptance" / "seeds.json").read_text(encoding="utf-8"))["documents"]
SEED_NAME = {path.name[:3]: path.name for path in SEED_FILES}
NUMBERED = ["000", "001", "002", "003"]
SYMBOLS = {"000": "IDB.46/8", "001": "IDB.52/9", "002": "IDB.43/10", "003": "IDB.48/7", "004": "IDB.49/2"}
FILES = [f"{p}.pdf" for p in NUMBERED] + [f"{p}.docx" for p in NUMBERED] + ["001-two-columns.pdf", "001-qt-radicals.pdf"]
PDFS = [f"{p}.pdf" for p in ["000", "001", "002", "003", "004"]] + ["001-two-columns.pdf", "001-qt-radicals.pdf"]


@lru_cache(maxsize=None)
def report(name: str) -> Report:
    return readers.parse_path(TYPESET / name)


@lru_cache(maxsize=None)
def source(name: str) -> readers.SourceText:
    return readers.read_source(TYPESET / name)


@lru_cache(maxsize=None)
def page_texts(name: str) -> tuple[str, ...]:
    """The PDF's own text of each page (PDFium's plain extraction), whitespace removed."""
    document = pdfium.PdfDocument(TYPESET / name)
    try:
        # (a hyphen printed at a line's end comes as U+FFFE)
        return tuple(unify("".join(document[i].get_textpage().get_text_range().replace("\ufffe", "-").split())) for i in range(len(document)))
    finally:
        document.close()


def want(name: str) -> dict:
    return ACCEPTANCE[SEED_NAME[name[:3]]]


def outline(r: Report) -> list[list]:
    return [[s.level, s.label, "".join(s.title.split())] for s in r.walk_sections()]


@pytest.mark.parametrize("name", FILES)
def test_outline_metadata_and_counts_are_those_of_the_seed(name: str) -> None:
    r, expected = report(name), want(name)
    assert outline(r) == [[lv, lb, "".join(t.split())] for lv, lb, t in expected["outline"]]
    for key in ("body", "session", "place", "agenda_item", "agenda_title", "title", "kind"):
        assert getattr(r.metadata, key) == expected[key], key
    assert (list(r.metadata.dates) if r.metadata.dates else None) == expected["dates"]
    assert r.paragraph_count == expected["paragraphs"]
    assert len(r.footnotes) == expected["footnotes"]


@lru_cache(maxsize=None)
def seed_text(prefix: str) -> Report:
    """The seed's own text, parsed as a text file."""
    return readers.parse_path(next(p for p in SEED_FILES if p.name.startswith(prefix)))


def _first_paragraphs(r: Report) -> list[tuple[str, str]]:
    """Each section's title and the start of its first paragraph: what opens under it."""
    out = []
    for section in r.walk_sections():
        first = next((b for b in r.blocks if b.section == section.id and b.kind.value == "paragraph"), None)
        out.append(("".join(section.title.split()), "".join(first.text.split())[:12] if first else ""))
    return out


@pytest.mark.parametrize("name", ["004.pdf", "004.docx"])
def test_the_annual_report_gives_the_outline_metadata_and_counts_of_its_text(name: str) -> None:
    """The magazine-layout annual report: the hand labels give its chapters only, so the
    outline is the seed text's own (story titles and regional sections included), which
    must hold the hand-labelled chapters in order."""
    r, text, expected = report(name), seed_text("004"), want(name)
    got = iter(outline(text))
    assert [w for w in ([lv, lb, "".join(t.split())] for lv, lb, t in expected["outline"]) if w not in got] == []
    assert len(outline(text)) > len(expected["outline"])  # the sections under the chapters are there too
    assert outline(r) == outline(text)
    assert _first_paragraphs(r) == _first_paragraphs(text)
    for key in ("body", "session", "place", "agenda_item", "agenda_title", "title", "kind", "year", "dates"):
        assert getattr(r.metadata, key) == getattr(text.metadata, key), key
    assert (r.metadata.title, r.metadata.kind, r.metadata.year) == (expected["title"], expected["kind"], 2020)
    assert r.paragraph_count == text.paragraph_count
    assert len(r.footnotes) == len(text.footnotes)


def _flat_paragraphs(r: Report) -> list[str]:
    return ["".join(b.text.split()) for b in r.blocks if b.kind.value in ("paragraph", "quote")]


def test_the_annual_reports_paragraphs_are_those_of_its_text() -> None:
    """make.py writes each paragraph of the seed's text as one Word paragraph: the Word file
    gives each back as one block (an infographic's label is not glued onto the sentence
    after it), and the PDF, whose paragraphs are set apart by space, nearly all (at a page
    break, a short last line ends its paragraph, a full one runs on)."""
    text = _flat_paragraphs(seed_text("004"))
    word = set(_flat_paragraphs(report("004.docx")))
    assert [p for p in text if p not in word] == []
    printed = set(_flat_paragraphs(report("004.pdf")))
    missing = [p for p in text if p not in printed]
    assert len(missing) <= 0.01 * len(text), missing[:5]


@pytest.mark.parametrize("name", [f"{p}.docx" for p in ["000", "001", "002", "003", "004"]] + ["001-two-columns.docx", "numbering.docx"])
def test_no_han_character_of_a_word_file_is_lost(name: str) -> None:
    """(Word tables the parser read as one table with the paragraphs between them: those
    paragraphs stay.)"""
    source_lines = source(name).lines
    wanted = Counter(ch for line in source_lines for ch in line.text if is_han(ch))
    r = report(name)
    got = _report_han(r) + Counter(ch for b in r.blocks for ch in (b.label or "") if is_han(ch))
    assert wanted - got == Counter()


@pytest.mark.parametrize("name", [n for n in FILES + ["004.pdf", "004.docx"] if "qt" not in n])
def test_the_symbol_of_the_running_header_is_in_the_metadata(name: str) -> None:
    assert report(name).metadata.symbol == SYMBOLS[name[:3]]


@pytest.mark.parametrize("name", PDFS + ["000.docx", "001.docx"])
def test_no_running_header_footer_notice_or_job_number_in_any_block(name: str) -> None:
    symbol = SYMBOLS[name[:3]]
    for block in report(name).blocks:
        text = block.text
        assert symbol not in text or "qt" in name, block
        assert not re.search(r"V\.\d{2}-\d{5}", text), block
        assert not re.search(r"\*\d{7}\*", text), block
        assert "本文件未作印发" not in text, block
        assert not re.search(r"(^|\s)\d{1,2}/\d{1,2}($|\s)", text), block
        assert not re.fullmatch(r"\d{1,3}\u3000工发组织2020年年度报告", text), block
    assert not any("工发组织2020年年度报告" in b.text for b in report(name).blocks if b.kind.value != "heading") or "004" not in name


@pytest.mark.parametrize("name", PDFS)
def test_every_block_is_on_the_page_the_pdf_prints_it(name: str) -> None:
    pages = page_texts(name)
    checked = 0
    for block in report(name).blocks:
        assert block.pages, block
        # the block's first and last runs of Han text lie on its first and last page
        runs = [run for run in re.findall(r"[\u4e00-\u9fff]{6,}", block.text)]
        if not runs:
            continue
        first, last = runs[0][:6], runs[-1][-6:]
        if block.kind.value == "table":  # a table's lines are its rows (its head may end a page): each on one of its pages
            astray = [run for run in runs if not any(run[:6] in pages[p - 1] and run[-6:] in pages[p - 1] for p in block.pages)]
            columns = max(line.count("\t") + 1 for line in block.lines) if block.lines else 1
            assert len(astray) <= (len(block.pages) - 1) * columns, (block.pages, astray)  # only cells a page break cuts
            assert first in "".join(pages[p - 1] for p in block.pages[:2]), (block.pages, block.text[:40])
        else:
            assert first in pages[block.pages[0] - 1], (block.pages, block.text[:40])
            assert last in pages[block.pages[-1] - 1], (block.pages, block.text[-40:])
        assert all(p - 1 < len(pages) for p in block.pages)
        checked += 1
    assert checked >= 10


def _report_han(r: Report) -> Counter[str]:
    m = r.metadata
    parts = [str(v) for v in (m.title, m.kind, m.body, m.place, m.agenda_title, m.agenda_item, m.symbol) if v]
    parts += [b.text for b in r.blocks] + [f.text for f in r.footnotes] + list(r.contents)
    return Counter(ch for ch in "".join(parts) if is_han(ch))


@pytest.mark.parametrize("name", PDFS)
def test_at_most_half_a_percent_of_the_han_characters_are_lost_and_none_is_a_radical(name: str) -> None:
    printed = Counter(ch for text in page_texts(name) for ch in text if is_han(ch))
    furniture = Counter(ch for line in source(name).furniture for ch in line.text if is_han(ch))
    wanted = printed - furniture
    got = _report_han(report(name))
    lost = sum((wanted - got).values())
    assert lost <= 0.005 * sum(wanted.values()), (wanted - got).most_common(10)
    r = report(name)
    everything = "".join([b.text for b in r.blocks] + [f.text for f in r.footnotes] + [str(r.metadata.title)])
    assert not [ch for ch in everything if is_radical_or_compat(ch) or 0x2F00 <= ord(ch) <= 0x2FDF]


def test_the_qt_pdf_really_has_radicals_in_its_text_layer() -> None:
    """(So the test above is a test of the mapping for that file.)"""
    document = pdfium.PdfDocument(TYPESET / "001-qt-radicals.pdf")
    try:
        raw = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    assert sum(1 for ch in raw if 0x2F00 <= ord(ch) <= 0x2FDF) > 20


def test_two_columns_read_in_the_order_of_one() -> None:
    # (line breaks fall elsewhere: compare without whitespace)
    one = ["".join(b.text.split()) for b in report("001.pdf").blocks]
    two = ["".join(b.text.split()) for b in report("001-two-columns.pdf").blocks]
    assert two == one


def test_word_and_pdf_give_the_same_numbered_paragraphs() -> None:
    for prefix in NUMBERED:
        word = [(b.label, b.text[:20]) for b in report(f"{prefix}.docx").blocks if b.kind.value == "paragraph" and b.label]
        printed = [(b.label, b.text[:20]) for b in report(f"{prefix}.pdf").blocks if b.kind.value == "paragraph" and b.label]
        assert [label for label, _ in word] == [str(n) for n in range(1, len(word) + 1)]
        assert [label for label, _ in printed] == [label for label, _ in word]


def test_footnote_references_stand_where_they_are_cited() -> None:
    for name in ("001.docx", "001.pdf", "003.docx", "003.pdf"):
        r = report(name)
        for note in r.footnotes:
            assert note.blocks, (name, note)
            citing = r.block(note.blocks[0])
            mark = note.label.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
            assert mark in citing.text and not citing.text.startswith(mark), (name, note.label, citing.text[:60])


def test_word_tables_come_out_as_tables_with_their_cells() -> None:
    """004.docx carries tables recovered from the seed's text as Word tables (make.py: one
    a table block): the reader gives each back with exactly the cells it was written with."""
    from unidoreader.core.parse import parse_text, read_text
    from unidoreader.core.tables import recover_tables

    seed_file = next(p for p in SEED_FILES if p.name.startswith("004"))
    written = []
    for t in recover_tables(parse_text(read_text(seed_file), seed_file.name)):
        rows = [tuple(c.text + c.mark for c in row) for row in t.rows]
        width = max([len(t.header)] + [len(r) for r in rows])
        grid = ([tuple(t.header) + ("",) * (width - len(t.header))] if any(t.header) else []) + [r + ("",) * (width - len(r)) for r in rows]
        written.append(grid)
    word = recover_tables(report("004.docx"))
    assert len(word) >= 10
    for table in word:
        grid = [tuple(table.header)] + [tuple(c.text + c.mark for c in row) for row in table.rows]
        assert grid in written, grid[:2]
