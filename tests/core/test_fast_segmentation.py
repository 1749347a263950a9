"""The indexer's own jieba route (analysis._Cutter) and its sub-word lookup give jieba's
answers exactly: the index built with them must equal the one jieba would give."""

from __future__ import annotations

import random

import pytest

from unidoreader.core import analysis, parse

from .search_support import seed_texts  # noqa: F401 (fixture)


@pytest.fixture(autouse=True)
def _jieba_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNIDOREADER_CACHE", str(tmp_path_factory.getbasetemp() / "jieba-cache"))


def _samples(texts: list[str]) -> list[str]:
    blocks = [analysis.jieba_form(block.text) for text in texts for block in parse.parse_text(text, "seed.txt").blocks]
    rnd = random.Random(3)
    joined = "".join(texts)
    pieces = []
    for _ in range(3000):
        start = rnd.randrange(len(joined))
        pieces.append(joined[start : start + rnd.randrange(1, 30)])
    return blocks + texts + pieces  # raw texts and pieces: whitespace, Latin case, cut words


def test_cutter_segments_exactly_as_jieba(seed_texts: list[str]) -> None:  # noqa: F811
    tokenizer = analysis.load_jieba()
    cutter = analysis._current_cutter()
    for sample in _samples(seed_texts):
        assert cutter.cut(sample) == list(tokenizer.cut(sample, HMM=True)), sample[:60]


def test_sub_words_are_jieba_search_mode_words(seed_texts: list[str]) -> None:  # noqa: F811
    tokenizer = analysis.load_jieba()
    cutter = analysis._current_cutter()
    long_words = {word for text in seed_texts for word in tokenizer.cut(analysis.jieba_form(text)) if len(word) > 2}
    assert "可持续工业发展" in long_words
    for word in long_words:
        expected = [gram for gram in tokenizer.cut_for_search(word) if gram != word and len(gram) in (2, 3)]
        assert [gram for _i, gram in cutter.sub_words(word)] == expected, word
    assert [gram for _i, gram in cutter.sub_words("可持续工业发展")][:2] == ["持续", "工业"]


def test_document_words_are_the_words_segment_finds(seed_texts: list[str]) -> None:  # noqa: F811
    for text in seed_texts:
        report = parse.parse_text(text, "seed.txt")
        expected: set[str] = set()
        tokens: list[str] = []
        for block in report.blocks:
            seg, words = analysis.segment(block.text)
            expected.update(word for word, _s, _e, _main in words if len(word) > 1)
            pieces = analysis.segment_pieces(block.text)
            assert analysis.BOUNDARY.join(pieces) == seg
            assert "".join(pieces) == analysis.normalize(block.text)
            tokens += pieces
        assert analysis.document_words(tokens) == expected


def test_an_import_parsed_in_a_worker_process_gives_the_same_library(tmp_path, seed_texts: list[str]) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Parsing shared with a worker process (a big import) changes nothing in the catalog,
    and the worker that parsed a document also analysed it for the index: indexing it
    next segments nothing, and searches answer as in a library done in one process."""
    from unidoreader.core import index
    from unidoreader.core.library import Library
    from unidoreader.core.search import Searcher

    texts = [(text + f"\n（第{n}号）\n", f"seed-{n}.txt") for n, text in enumerate(seed_texts)]
    shared = Library.open(tmp_path / "shared", seed=False)
    before = index.segment_calls
    added = shared.import_texts(texts + texts[:1], workers=1)
    assert [result.added for result in added] == [True] * len(texts) + [False]
    imported = index.segment_calls
    assert imported - before < len(texts)  # the worker segmented its share (this process the rest)
    index.ensure_index(shared, workers=0)
    assert index.segment_calls == imported  # indexing segmented nothing again
    assert not list(index.incoming_dir(shared.root).glob("*.post"))  # what the import prepared was used up
    alone = Library.open(tmp_path / "alone", seed=False)
    alone.import_texts(texts, workers=0)
    index.ensure_index(alone, workers=0)
    strip = lambda entries: [(e.id, e.source, e.metadata, e.paragraphs, e.footnotes) for e in entries]  # noqa: E731
    assert strip(shared.entries()) == strip(alone.entries())
    for entry in alone.entries():
        assert shared.report(entry.id) == alone.report(entry.id)
    for query in ("工发组织", "清洁氢", '"可持续工业发展"', "kind:table 合计"):
        assert Searcher(shared).search(query, limit=50).record() == Searcher(alone).search(query, limit=50).record()
