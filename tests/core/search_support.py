"""Shared fixtures and brute-force oracles for the search tests (analysis, index, search).

The oracle is the acceptance rule itself: a block matches a string when the block's
text, with whitespace removed, case folded and NFKC-normalised, contains the string so
normalised. It is computed independently of the index, from the library's reports.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any, Iterator

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


def scanned_occurrences(forms: dict[str, Any], needle: str) -> dict[tuple[str, int], tuple[int, int]]:
    """(document, block) -> (occurrences as str.count counts, core.scan's alignment) of
    `needle` in every block of `forms`, block by block: the definition of what the gram
    index answers."""
    out = {}
    for doc, form in forms.items():
        for number in range(form.block_count):
            count = form.block(number).count(needle)
            if count:
                out[(doc, number)] = (count, form.alignment(number, needle))
    return out


def corpus_occurrences(corpus: Any, needle: str) -> dict[tuple[str, int], tuple[int, int]]:
    """The same, as the gram index (core.grams.Corpus) answers it, for its live blocks."""
    blocks, counts, aligns = corpus.occurrences(needle)
    return {(corpus.doc(int(corpus.block_entry[b])), corpus.local(int(b))): (int(c), int(a))
            for b, c, a in zip(blocks, counts, aligns) if corpus.live[b]}


def block_key(positive: list[Any], idf: list[float], together: str, form: Any, number: int) -> tuple[Any, ...]:
    """The exact key of a matching block, block by block: the definition that
    core.search._rank computes in arrays (tests/core/test_scale.py compares the two)."""
    from unidoreader.core.search import (_ALIGN_WEIGHT, _B, _BY_PIECES, _BY_STEM, _AVG_BLOCK, _FUZZY_WEIGHT, _HEADING, _K1,
                                         _STEM_WEIGHT, TIER_EXACT, TIER_STEMMED, TIER_TOGETHER, TIER_WORDS, _stem_count)
    from unidoreader.core.index import DamagedIndexError

    norm = form.blocks[number]
    per_clause: list[tuple[Any, bool, int, int]] = []
    for clause in positive:
        chosen: tuple[Any, bool, int, int] | None = None
        for literal in clause.alternatives:
            if literal.text in norm:
                option = (literal, True, norm.count(literal.text), form.alignment(number, literal.text))
            elif literal.forms and (stemmed := _stem_count(literal, form, number)):
                option = (literal, False, stemmed, _BY_STEM)
            elif literal.pieces and all(p in norm for p in literal.pieces):
                option = (literal, False, min(norm.count(p) for p in literal.pieces), _BY_PIECES)
            else:
                continue
            if chosen is None or (option[1], option[3], option[2]) > (chosen[1], chosen[3], chosen[2]):
                chosen = option
        if chosen is None:
            raise DamagedIndexError(f"block {number} of {form.doc} does not match")
        per_clause.append(chosen)
    saturation = _K1 + 1.0
    norm_len = _K1 * (1.0 - _B + _B * len(norm) / _AVG_BLOCK)
    raw = 0.0
    classes = 0
    tier = TIER_EXACT
    for clause_number, (_literal, exact, count, align) in enumerate(per_clause):
        if exact:
            raw += idf[clause_number] * _ALIGN_WEIGHT[align] * count * saturation / (count + norm_len)
            classes += align + 1
        elif align == _BY_STEM:
            raw += idf[clause_number] * _STEM_WEIGHT * count * saturation / (count + norm_len)
            tier = min(tier, TIER_STEMMED)
        else:
            raw += idf[clause_number] * _FUZZY_WEIGHT * count * saturation / (count + norm_len)
            tier = TIER_WORDS
    if tier == TIER_EXACT and together and together in norm:
        tier = TIER_TOGETHER
    if form.kinds[number] == _HEADING:
        raw *= 1.3
    return ((tier, classes, raw), form, number, per_clause)
