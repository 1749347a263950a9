"""The parser against the hand-labelled expectations of the five seed reports."""

from __future__ import annotations

import pytest

from tests.core.parse.conftest import SEED_NAMES, parsed_seed

NUMBERED = [n for n in SEED_NAMES if not n.startswith("004")]


def test_all_five_seeds_present() -> None:
    assert len(SEED_NAMES) == 5


def _outline(name: str) -> list[list]:
    report = parsed_seed(name).report
    return [[s.level, s.label, "".join(s.title.split())] for s in report.walk_sections()]


@pytest.mark.parametrize("name", NUMBERED)
def test_outline_matches_exactly(name: str, acceptance: dict) -> None:
    want = [[level, label, "".join(title.split())] for level, label, title in acceptance[name]["outline"]]
    assert _outline(name) == want


@pytest.mark.parametrize("name", NUMBERED)
def test_metadata_matches_exactly(name: str, acceptance: dict) -> None:
    meta = parsed_seed(name).report.metadata
    want = acceptance[name]
    for key in ("body", "session", "place", "agenda_item", "agenda_title", "title", "kind"):
        assert getattr(meta, key) == want[key], key
    assert (list(meta.dates) if meta.dates else None) == want["dates"]


@pytest.mark.parametrize("name", NUMBERED)
def test_paragraph_and_footnote_counts(name: str, acceptance: dict) -> None:
    report = parsed_seed(name).report
    assert report.paragraph_count == acceptance[name]["paragraphs"]
    assert len(report.footnotes) == acceptance[name]["footnotes"]


def test_annual_report_headings_found_in_order(acceptance: dict) -> None:
    name = next(n for n in SEED_NAMES if n.startswith("004"))
    got = iter(_outline(name))
    missing = [w for w in ([lv, lb, "".join(t.split())] for lv, lb, t in acceptance[name]["outline"]) if w not in got]
    assert missing == []


def test_annual_report_metadata(acceptance: dict) -> None:
    name = next(n for n in SEED_NAMES if n.startswith("004"))
    meta = parsed_seed(name).report.metadata
    assert meta.title == acceptance[name]["title"]
    assert meta.kind == acceptance[name]["kind"]
    assert meta.year == 2020
    assert meta.session is None and meta.dates is None
