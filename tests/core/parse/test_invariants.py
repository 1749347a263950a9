"""Invariants over every seed: nothing lost, no split words, no furniture left."""

from __future__ import annotations

import re

import pytest

from tests.core.parse.conftest import SEED_NAMES, SEEDS, lost_characters, lost_han, parsed_seed, report_text
from unidoreader.core.model import BlockKind
from unidoreader.core.parse import read_text
from unidoreader.core.parse.text import han_count

HAN_BREAK = re.compile(r"[\u4e00-\u9fff]\n[\u4e00-\u9fff]")
FURNITURE = (
    "为节约起见，本文件未作印发",
    "出于可持续性的原因，本文件未作印发",
    "敬请各位代表",
    "工发组织2020年年度报告",  # the running footer "74　工发组织2020年年度报告" (never body text here)
)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_at_most_half_a_percent_of_han_lost(name: str) -> None:
    text = read_text(SEEDS / name)
    lost, total = lost_han(text, parsed_seed(name))
    assert total > 2000
    assert lost <= 0.005 * total, f"{lost} of {total} Han characters reach no block"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_no_text_lost_at_all(name: str) -> None:
    text = read_text(SEEDS / name)
    assert lost_characters(text, parsed_seed(name)) == {}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_furniture_removed_carries_no_body_text(name: str) -> None:
    """Removed lines are notices, or repeat what the report keeps elsewhere (the running
    footer repeats the title, a running head repeats a heading): never body text."""
    parsed = parsed_seed(name)
    kept = re.sub(r"\s+", "", report_text(parsed.report))
    for line in parsed.furniture:
        s = line.strip()
        core = re.sub(r"\s+", "", re.sub(r"^\d{1,4}[\s\u3000]+|[\s\u3000]+\d{1,4}$|（续）$", "", s))
        assert han_count(s) == 0 or "本文件未作印发" in s or core in kept, s
        assert len(s) <= 80


@pytest.mark.parametrize("name", SEED_NAMES)
def test_no_chinese_word_split_by_a_line_break(name: str) -> None:
    for block in parsed_seed(name).report.blocks:
        if block.kind is not BlockKind.TABLE:
            assert "\n" not in block.text
            assert not HAN_BREAK.search(block.text), block.text[:60]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_no_page_furniture_in_any_block(name: str) -> None:
    report = parsed_seed(name).report
    for block in report.blocks:
        for line in block.text.split("\n"):
            assert not any(f in line for f in FURNITURE), line
            if block.kind is not BlockKind.TABLE:
                assert not re.fullmatch(r"\d{1,3}", line.strip()), "a lone page number became a block"
    for note in report.footnotes:
        assert not any(f in note.text for f in FURNITURE)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_block_ids_unique_and_stable(name: str) -> None:
    from unidoreader.core.parse import parse_text

    first = parsed_seed(name).report
    again = parse_text(read_text(SEEDS / name), name)
    ids = [b.id for b in first.blocks]
    assert len(ids) == len(set(ids))
    assert ids == [b.id for b in again.blocks]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_sections_ids_unique_and_blocks_point_at_them(name: str) -> None:
    report = parsed_seed(name).report
    ids = [s.id for s in report.walk_sections()]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for block in report.blocks:
        assert block.section is None or block.section in known
    for section in report.walk_sections():
        heading = report.block(section.heading)
        assert heading is not None and heading.kind is BlockKind.HEADING and heading.section == section.id
