"""Shared fixtures and brute-force oracles for the search tests (analysis, index, search).

The oracle is the acceptance rule itself: a block matches a string when the block's
text, with whitespace removed, case folded and NFKC-normalised, contains the string so
normalised. It is computed independently of the index, from the library's reports.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Iterator

import pytest

from unidoreader.core.library import Library


def oracle_normal(text: str) -> str:
    """Acceptance normal form, written independently of core.analysis (whole-string NFKC)."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """A library of the five seeds with its index built (jieba cache in a temp dir)."""
    from unidoreader.core import index

    root = tmp_path_factory.mktemp("library")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UNIDOREADER_CACHE", str(tmp_path_factory.mktemp("cache")))
        library = Library.open(root / "lib")
        index.ensure_index(library, workers=0)
    yield library


def all_blocks(library: Library) -> list[tuple[str, str, str, str]]:
    """(doc, block id, kind, normal text) for every block of every report."""
    out = []
    for entry in library.entries():
        for block in library.report(entry.id).blocks:
            out.append((entry.id, block.id, block.kind.value, oracle_normal(block.text)))
    return out


def expected_blocks(library: Library, needle: str) -> set[tuple[str, str]]:
    norm = oracle_normal(needle)
    return {(doc, block) for doc, block, _kind, text in all_blocks(library) if norm and norm in text}


def write_seed_variant(source: Path, target: Path, marker: str) -> Path:
    """A copy of a seed with an extra paragraph, so it is a different document."""
    text = source.read_text(encoding="utf-8")
    target.write_text(text + f"\n\n{marker}\n", encoding="utf-8")
    return target


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((repo_root() / "seeds").glob("*.txt"))]
