"""Fixtures for the parser tests: the seeds, their parses and the hand-labelled expectations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unidoreader.core.parse import Parsed, parse_document, read_text

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "seeds"
ACCEPTANCE = REPO / "tests" / "data" / "acceptance" / "seeds.json"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def load_acceptance() -> dict:
    """The hand-labelled expectations; a missing file is a failure, never a skip."""
    assert ACCEPTANCE.is_file(), f"acceptance data missing: {ACCEPTANCE}"
    return json.loads(ACCEPTANCE.read_text(encoding="utf-8"))["documents"]


_CACHE: dict[str, Parsed] = {}


def parsed_seed(name: str) -> Parsed:
    if name not in _CACHE:
        _CACHE[name] = parse_document(read_text(SEEDS / name), name)
    return _CACHE[name]


@pytest.fixture(scope="session")
def acceptance() -> dict:
    return load_acceptance()


# -- the "nothing lost" accounting -------------------------------------------------
#
# Invariant (stated precisely): let T be the parsed text, F the furniture lines the
# parser removed (Parsed.furniture) and O everything the Report carries: metadata
# strings, every block's label, text and cited footnote labels, every footnote's label
# and text, and the contents lines. With superscript digits read as digits, for every
# character c that is not whitespace and not structural punctuation (the "." of "1.",
# the brackets of "(a)", underscores of a "____" separator, the "、" of "一、"; a leading
# byte-order mark is no text either):
#     count_T(c) - count_F(c) <= count_O(c)
# i.e. the parser may drop markup and furniture, never text.

from collections import Counter

from unidoreader.core.model import Report
from unidoreader.core.parse.text import SUPER_TO_DIGIT, is_han

STRUCTURAL = set(".．、()（）_＿\ufeff")


def report_text(report: Report) -> str:
    m = report.metadata
    parts = [str(v) for v in (m.title, m.kind, m.body, m.place, m.agenda_title, m.agenda_item, m.symbol) if v]
    for b in report.blocks:
        parts += [b.label or "", b.text, "".join(b.footnotes)]
    for f in report.footnotes:
        parts += [f.label, f.text]
    parts += list(report.contents)
    return "".join(parts)


def _chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text.translate(SUPER_TO_DIGIT) if not ch.isspace() and ch not in STRUCTURAL)


def lost_characters(text: str, parsed: Parsed) -> Counter[str]:
    """Characters of the input (beyond furniture and markup) that reach no part of the Report."""
    return _chars(text) - _chars("".join(parsed.furniture)) - _chars(report_text(parsed.report))


def lost_han(text: str, parsed: Parsed) -> tuple[int, int]:
    """(Han characters lost, Han characters of the input outside furniture)."""
    src = Counter(ch for ch in text if is_han(ch)) - Counter(ch for ch in "".join(parsed.furniture) if is_han(ch))
    out = Counter(ch for ch in report_text(parsed.report) if is_han(ch))
    return sum((src - out).values()), sum(src.values())
