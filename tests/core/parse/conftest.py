"""Fixtures for the parser tests: the seeds, their parses and the hand-labelled expectations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unidoreader.core.parse import Parsed, parse_document, read_text

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "seeds"
ACCEPTANCE = REPO.parent / "shared" / "acceptance" / "seeds.json"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def load_acceptance() -> dict:
    """The hand-labelled expectations; a missing file is a failure, never a skip."""
    assert ACCEPTANCE.is_file(), f"acceptance data missing: {ACCEPTANCE} (../shared must sit beside the repo)"
    return json.loads(ACCEPTANCE.read_text(encoding="utf-8"))["documents"]


_CACHE: dict[str, Parsed] = {}


def parsed_seed(name: str) -> Parsed:
    if name not in _CACHE:
        _CACHE[name] = parse_document(read_text(SEEDS / name), name)
    return _CACHE[name]


@pytest.fixture(scope="session")
def acceptance() -> dict:
    return load_acceptance()
