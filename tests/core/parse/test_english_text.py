"""English rules on plain text (no reader hints): a UNIDO cover, numbering, items,
footnotes, a dotted contents page, and the Chinese seeds untouched by them."""

from __future__ import annotations

from unidoreader.core.model import BlockKind
from unidoreader.core.parse import parse_document, parse_text
from unidoreader.core.parse.english import agenda_items, normalize_symbol

from ...conftest import DATA, SEED_FILES

UNIDO = """United Nations Industrial Development Organization
IDB.52/8
Distr.: General
12 September 2024
Original: English

Industrial Development Board
Fifty-second session
Vienna, 25–27 November 2024
Item 8 of the provisional agenda
UNIDO activities in middle-income countries

Inclusive and sustainable industrial development in middle-income countries
Report by the Director General

Contents
I. Background .................................................. 2
II. Partnership framework ...................................... 3
III. Action required of the Board .............................. 5

I. Background

1. According to the World Bank, 103 UNIDO Member States are classified as middle-income countries.¹

¹ Figures as at 4 September 2024.

2. The strategic framework responds to the specific needs of such countries:
(a) Industrial policy advice;
(b) Technical cooperation.

II. Partnership framework

3. The updated work plan was submitted to the Board at its fifty-first session (IDB.51/CRP.4).

III. Action required of the Board

4. The Board may wish to take note of the information contained in the present document.
"""


def test_a_unido_cover_block_in_english() -> None:
    report = parse_text(UNIDO, "idb.txt")
    meta = report.metadata
    assert (meta.language, meta.symbol, meta.body, meta.session) == ("en", "IDB.52/8", "Industrial Development Board", 52)
    assert (meta.dates, meta.place, meta.year) == (("2024-11-25", "2024-11-27"), "Vienna", 2024)
    assert meta.agenda_item == "8" and meta.agenda_title == "UNIDO activities in middle-income countries"
    assert meta.title == "Inclusive and sustainable industrial development in middle-income countries"
    assert meta.kind == "Report by the Director General"
    assert [(s.level, s.label, s.title) for s in report.walk_sections()] == [
        (1, "I", "Background"), (1, "II", "Partnership framework"), (1, "III", "Action required of the Board")]
    assert report.contents and report.contents[0] == "Contents"
    paragraphs = [b.label for b in report.blocks if b.kind is BlockKind.PARAGRAPH and b.label]
    assert paragraphs == ["1", "2", "3", "4"]
    assert [b.label for b in report.blocks if b.kind is BlockKind.ITEM] == ["a", "b"]
    (note,) = report.footnotes
    assert note.label == "1" and note.text == "Figures as at 4 September 2024."
    assert report.block(note.blocks[0]).label == "1"  # cited by paragraph 1


def test_cover_vocabulary() -> None:
    assert agenda_items("156 (a)") == ["156 (a)"]
    assert agenda_items("138 and 139") == ["138", "139"]
    assert agenda_items("3, 4 and 7 (b)**") == ["3", "4", "7 (b)"]
    assert normalize_symbol("A /80/604/Add.10*") == "A/80/604/Add.10"
    for ordinal, number in (("Eightieth session", 80), ("Eighty-first session", 81), ("Fifty-second session", 52),
                            ("Twentieth session", 20), ("Sixty-ninth session", 69)):
        text = f"United Nations\nA/1/1\n{ordinal}\nAgenda item 1\nA title\nReport of the Secretary-General\n\nI. One\n\n1. Text.\n"
        assert parse_text(text).metadata.session == number, ordinal


def test_every_line_of_the_english_text_lands_in_a_block_or_note() -> None:
    parsed = parse_document(UNIDO, "idb.txt")
    covered = set()
    for first, last in parsed.spans:
        covered.update(range(first, last + 1))
    lines = UNIDO.split("\n")
    contents = set(parsed.report.contents)
    missing = [line for i, line in enumerate(lines) if line.strip() and i not in covered
               and line.strip() not in contents and not line.startswith("¹")]
    assert missing == []


def test_the_chinese_seeds_are_still_chinese() -> None:
    for path in SEED_FILES:
        assert parse_text(path.read_text(encoding="utf-8"), path.name).metadata.language == "zh", path.name
    pair = (DATA / "un-pair" / "A_80_604_Add.5.zh.txt").read_text(encoding="utf-8")
    assert parse_text(pair).metadata.language == "zh"
