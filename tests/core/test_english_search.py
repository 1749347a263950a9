"""English beside Chinese in one library: stemming one tier below exact matches, Latin
words inside Chinese text, the lang: filter and its counts, snippets that mark stemmed
forms, and Ctrl+F recall on random substrings of an English report."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Iterator

import pytest

from unidoreader.cli import main
from unidoreader.core import index
from unidoreader.core.library import Library
from unidoreader.core.search import TIER_EXACT, TIER_STEMMED, Searcher

from ..conftest import DATA, seed
from .search_support import oracle_normal

PAIR = DATA / "un-pair"
EN = PAIR / "A_80_604_Add.5.en.txt"
ZH = PAIR / "A_80_604_Add.5.zh.txt"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """Two seeds (Chinese, with Latin symbols and acronyms) and the English/Chinese pair."""
    root = tmp_path_factory.mktemp("mixed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UNIDOREADER_CACHE", str(tmp_path_factory.mktemp("cache")))
        lib = Library.open(root / "lib", seed=False)
        lib.import_files([seed("001"), seed("003"), EN, ZH], workers=0)
        index.ensure_index(lib, workers=0)
        yield lib


@pytest.fixture(scope="module")
def searcher(library: Library) -> Searcher:
    return Searcher(library)


def _blocks_with(library: Library, predicate: "re.Pattern[str]") -> set[tuple[str, str]]:
    out = set()
    for entry in library.entries():
        for block in library.report(entry.id).blocks:
            if predicate.search(block.text):
                out.add((entry.id, block.id))
    return out


def test_each_document_knows_its_language_from_its_text(library: Library) -> None:
    languages = {entry.source: entry.metadata.language for entry in library.entries()}
    assert languages[EN.name] == "en" and languages[ZH.name] == "zh"
    assert languages[seed("001").name] == "zh" and languages[seed("003").name] == "zh"


def test_a_plural_finds_the_singular_one_tier_below_its_exact_matches(library: Library, searcher: Searcher) -> None:
    result = searcher.search("budgets", limit=1000)
    exact = _blocks_with(library, re.compile(r"budgets", re.IGNORECASE))
    stemmed = _blocks_with(library, re.compile(r"\bbudget\b", re.IGNORECASE)) - exact
    keys = [(h.doc, h.block) for h in result.hits]
    assert stemmed, "the pair says 'budget'"
    assert set(keys) == exact | stemmed
    assert set(keys[: len(exact)]) == exact  # exact (Ctrl+F) matches first
    assert stemmed <= set(keys[len(exact) :])
    assert all(h.score < 100 * TIER_EXACT for h in result.hits[len(exact) :])


def test_performing_finds_performance_below_exact_and_marks_the_stemmed_word(library: Library, searcher: Searcher) -> None:
    result = searcher.search("performing", limit=1000)
    assert result.hits, "performance/performed are in the English report"
    for hit in result.hits:
        text = library.report(hit.doc).block(hit.block).text  # type: ignore[union-attr]
        assert "performing" not in text.lower()  # no exact form in the pair: all are stemmed matches
        assert re.search(r"\bperform\w*", text, re.IGNORECASE)
        marked = [hit.snippet[a:b].lower() for a, b in hit.marks]
        assert marked and all(m.startswith("perform") for m in marked)
        assert 100 * TIER_STEMMED <= hit.score < 100 * TIER_EXACT


def test_stemming_never_matches_parts_of_other_words(library: Library, searcher: Searcher) -> None:
    # "base" stems to "base"; "based"/"bases" would be forms, "database" never (not a whole word)
    for hit in searcher.search("bases", limit=1000).hits:
        text = library.report(hit.doc).block(hit.block).text  # type: ignore[union-attr]
        assert re.search(r"\bbase[sd]?\b", text, re.IGNORECASE), text


def test_latin_words_inside_chinese_text_are_found_as_before(library: Library, searcher: Searcher) -> None:
    for query in ["UNLB", "A/80/605", "IDB.51/CRP.4"]:
        expected = {(e.id, b.id) for e in library.entries() for b in library.report(e.id).blocks
                    if oracle_normal(query) in oracle_normal(b.text)}
        got = {(h.doc, h.block) for h in searcher.search(query, limit=1000).hits}
        assert expected and expected <= got, query
    zh = next(e.id for e in library.entries() if e.source == ZH.name)
    assert any(h.doc == zh for h in searcher.search("A/80/605", limit=100).hits)


def test_lang_filter_keeps_one_language_and_counts_per_language(library: Library, searcher: Searcher) -> None:
    everything = searcher.search("A/80/605", limit=1000)
    assert set(everything.per_language) == {"en", "zh"}
    assert sum(everything.per_language.values()) == everything.total
    for lang in ("en", "zh"):
        only = searcher.search(f"A/80/605 lang:{lang}", limit=1000)
        assert only.total == everything.per_language[lang]
        assert only.hits and all(h.language == lang for h in only.hits)
        assert {h.doc for h in only.hits} == {h.doc for h in searcher.search("A/80/605", lang=lang, limit=1000).hits}


def test_recall_of_random_substrings_of_the_english_report(library: Library, searcher: Searcher) -> None:
    doc = next(e.id for e in library.entries() if e.source == EN.name)
    blocks = [b for b in library.report(doc).blocks if b.text]
    rnd = random.Random(14)
    syntax = re.compile(r'["“”「」|]|^-|^(session|year|doc|kind|lang):|^(or|not)$', re.IGNORECASE)
    checked = 0
    while checked < 150:
        block = rnd.choice(blocks)
        length = rnd.choice([2, 3, 5, 8, 13, 21])
        start = rnd.randrange(0, max(1, len(block.text) - length + 1))
        needle = block.text[start : start + length]
        if not oracle_normal(needle) or syntax.search(needle.strip()) or " " in needle.strip():
            continue
        expected = {(e.id, b.id) for e in library.entries() for b in library.report(e.id).blocks
                    if oracle_normal(needle) in oracle_normal(b.text)}
        hits = searcher.search(needle, limit=100_000).hits
        keys = [(h.doc, h.block) for h in hits]
        assert expected <= set(keys), needle
        assert set(keys[: len(expected)]) == expected, needle  # the literal matches come first
        checked += 1


def test_cli_search_takes_lang_and_reports_the_language(library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["search", "budget", "--lang", "en", "--json", "--library", str(library.root)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["hits"] and all(hit["language"] == "en" for hit in record["hits"])
    assert set(record["per_language"]) == {"en"}
    assert main(["search", "budget", "--lang", "fr", "--library", str(library.root)]) == 2
    assert "--lang" in capsys.readouterr().err
