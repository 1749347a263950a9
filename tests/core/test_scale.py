"""The scale work at small scale: the archive generator is deterministic and makes
distinct, realistic reports; the incremental index paths (add one, remove one, update
one) answer exactly as a full rebuild does; the lazy ranking of a common term and the
pages of a ranking are those of scoring every block and sorting."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.core.search_support import block_key, corpus_occurrences, scanned_occurrences
from unidoreader.core import index, parse
from unidoreader.core.library import Library
from unidoreader.core.search import Searcher

REPO = Path(__file__).resolve().parents[2]
QUERIES = ["工发组织", "发展", "的", "中等收入国家", '"可持续工业发展"', "工发组织 -合作", "技术 OR 投资", "kind:heading 工发组织", "session:46 工发组织", "合计"]


def _make_archive_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_archive", REPO / "bench" / "make_archive.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_archive", module)
    spec.loader.exec_module(module)
    return module


make_archive = _make_archive_module()


def _archive(folder: Path, docs: int, seed: int = 17) -> list[Path]:
    return make_archive.make_archive(folder, docs, mb=30.0, seed=seed)  # ~10 kB a document


def test_archive_is_the_same_for_the_same_seed_and_differs_for_another(tmp_path: Path) -> None:
    first = _archive(tmp_path / "a", 12)
    again = _archive(tmp_path / "b", 12)
    other = _archive(tmp_path / "c", 12, seed=18)
    assert [p.name for p in first] == [p.name for p in again]
    assert make_archive.digest(first) == make_archive.digest(again)
    assert make_archive.digest(first) != make_archive.digest(other)
    # a prefix of a bigger archive is the smaller archive: --docs only says where to stop
    assert all(p.read_bytes() == q.read_bytes() for p, q in zip(first[:5], _archive(tmp_path / "d", 5)))


def test_archive_reports_are_distinct_documents_with_real_facets(tmp_path: Path) -> None:
    files = _archive(tmp_path / "a", 40)
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len(set(texts)) == len(texts)
    reports = [parse.parse_text(text, f.name) for text, f in zip(texts, files)]
    sessions = {r.metadata.session for r in reports if r.metadata.session}
    years = {r.metadata.year for r in reports if r.metadata.year}
    bodies = {r.metadata.body for r in reports if r.metadata.body}
    assert len(sessions) > 15 and all(1 <= s <= 60 for s in sessions)
    assert len(years) > 15 and all(1985 <= y <= 2026 for y in years)
    assert bodies >= {"工业发展理事会", "方案和预算委员会"}
    assert sum(1 for r in reports if r.metadata.symbol) > 30
    assert all(len(r.sections) >= 2 and len(r.blocks) > 10 for r in reports)
    # the seeds' text, recombined and edited: paragraphs differ from one report to the next
    paragraphs = [b.text for r in reports for b in r.blocks if b.kind.value == "paragraph"]
    assert len(set(paragraphs)) > 0.7 * len(paragraphs)
    size = sum(f.stat().st_size for f in files)
    assert 0.8 * 40 * 10_000 < size < 1.3 * 40 * 10_000


def _answers(library: Library) -> list[dict[str, Any]]:
    searcher = Searcher(library)
    try:
        return [searcher.search(q, limit=15).record() for q in QUERIES]
    finally:
        searcher.close()


def _rebuilt(tmp_path: Path, files: list[Path]) -> list[dict[str, Any]]:
    """Answers of a library indexed in one go, every document analysed by the indexer (the
    incremental library's were analysed by their imports, `core.index.prepare_document`)."""
    library = Library.open(tmp_path / "rebuilt", seed=False)
    library.import_files(files, workers=0, prepare_index=False)
    index.ensure_index(library, rebuild=True, workers=0)
    return _answers(library)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _archive(tmp_path_factory.mktemp("archive"), 8)


def test_incremental_add_remove_update_answer_as_a_full_rebuild(tmp_path: Path, archive: list[Path]) -> None:
    library = Library.open(tmp_path / "library", seed=False)
    library.import_files(archive[:6], workers=0)
    index.ensure_index(library, workers=0)
    searcher = Searcher(library)
    searcher.search("工发组织")  # a searcher that was open before the changes must see them too

    # add one
    index.segment_calls = 0
    library.import_files(archive[6:7], workers=0)
    index.ensure_index(library, workers=0)
    assert index.segment_calls == 1  # only the new document was segmented
    assert _answers(library) == _rebuilt(tmp_path / "1", archive[:7])

    # remove one
    gone = library.entries()[2].id
    library.remove(gone)
    index.ensure_index(library, workers=0)
    kept = [f for f in archive[:7] if f != archive[2]]
    assert _answers(library) == _rebuilt(tmp_path / "2", kept)
    assert searcher.search(f"doc:{gone}").total == 0

    # update one: its text changes, so it is a new document in place of the old
    old = library.entries()[0]
    edited = tmp_path / archive[0].name
    edited.write_text(archive[0].read_text(encoding="utf-8").replace("工发组织", "联合国工业发展组织", 3), encoding="utf-8")
    library.remove(old.id)
    library.import_files([edited], workers=0)
    index.ensure_index(library, workers=0)
    updated = [edited, *kept[1:]]
    answers = _answers(library)
    assert answers == _rebuilt(tmp_path / "3", updated)
    assert searcher.search("联合国工业发展组织").total >= 1
    assert searcher.search("工发组织").per_document == Searcher(library).search("工发组织").per_document


def test_the_first_page_of_a_common_term_is_the_start_of_the_full_ranking(tmp_path: Path, archive: list[Path]) -> None:
    library = Library.open(tmp_path / "library", seed=False)
    library.import_files(archive, workers=0)
    index.ensure_index(library, workers=0)
    # a single term, OR, NOT, several words, a block kind, a term also matched by its words apart
    for query in ("工发组织", "的", "发展", "工业 OR 技术", "工发组织 -合作", "工业 发展", "kind:paragraph 发展", "工业发展"):
        everything = [(h.doc, h.block, h.score) for h in Searcher(library).iter_hits(query)]
        assert len(everything) > 40, query
        searcher = Searcher(library)
        first = searcher.search(query, limit=10)
        assert [(h.doc, h.block, h.score) for h in first.hits] == everything[:10]
        assert first.total == len(everything)
        later = searcher.search(query, limit=10, offset=25)  # the next pages, from the same ranking
        assert [(h.doc, h.block, h.score) for h in later.hits] == everything[25:35]
        counts, hits = searcher.page(query, offset=40, limit=5)
        assert counts.total == len(everything) and not counts.hits
        assert [(h.doc, h.block, h.score) for h in hits] == everything[40:45]


def test_warming_reads_every_search_form_ahead_and_changes_no_answer(tmp_path: Path, archive: list[Path]) -> None:
    library = Library.open(tmp_path / "library", seed=False)
    library.import_files(archive, workers=0)
    assert Searcher(library).warm() == 0  # no index yet: nothing is built behind the user's back
    index.ensure_index(library, workers=0)
    warmed = Searcher(library)
    assert warmed.warm() == len(archive)
    assert warmed.warm() == 0  # all in memory already
    assert [warmed.search(q, limit=15).record() for q in QUERIES] == _answers(library)


def test_a_term_is_found_in_every_document_at_once_exactly_as_block_by_block(tmp_path: Path, archive: list[Path]) -> None:
    """The gram index's blocks, counts and word-boundary classes of a term over the whole
    library are those of counting and aligning in each block's normal form."""
    library = Library.open(tmp_path / "library", seed=False)
    library.import_files(archive, workers=0)
    index.ensure_index(library, workers=0)
    searcher = Searcher(library)
    searcher.search("工发组织")
    corpus = searcher._corpus_now()
    forms = {entry.id: searcher._form(entry.id) for entry in library.entries()}
    assert all(forms.values())
    # dense (one a block or more), sparse, once, nowhere; one character; overlapping ("00" in "000")
    for needle in ("的", "工发组织", "发展", "中等收入国家", "合计", "联合国工业发展组织大会第", "zzzz", "年", "00", "。"):
        found = corpus_occurrences(corpus, needle)
        assert found == scanned_occurrences(forms, needle), needle
    assert any(count > 1 for count, _align in found.values())


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, archive: list[Path]) -> Library:
    """The small archive and an English report (for stems and word pieces)."""
    library = Library.open(tmp_path_factory.mktemp("mixed") / "library", seed=False)
    library.import_files([*archive, REPO / "tests" / "data" / "un-en" / "A_80_600.docx"], workers=0)
    index.ensure_index(library, workers=0)
    return library


@pytest.mark.parametrize("query", ["工发组织", "的 发展", "技术 OR 投资", "工发组织 -合作", "中等收入国家", "kind:heading 工发组织",
                                   "可持续 工业", "budget performance", "budgets", "performing", "mission OR 决议", "sahara referendum",
                                   "session:46 工发组织", "lang:en the"])
def test_the_ranking_in_arrays_gives_every_block_the_key_of_its_definition(mixed: Library, query: str) -> None:
    """`_rank` computes keys for all matches at once; each equals `block_key`'s, the
    definition, block by block, and the order is that of sorting by them."""
    from unidoreader.core import search

    searcher = Searcher(mixed)
    parsed = search.parse_query(query)
    filters = dict(parsed.filters)
    candidates = searcher._candidates(parsed, filters)
    ranking = search._rank(parsed, filters, searcher._corpus_now(), candidates, searcher._form)
    matches = ranking.top(None)
    assert matches and len(matches) == ranking.total
    positive = parsed.positive
    scanned = sum(searcher._form(doc).block_count for doc in candidates)
    keys = []
    for key, where, number, per_clause in matches:
        form = searcher._form(where.doc)
        assert where.block_count == form.block_count
        together = "".join(c.alternatives[0].text for c in positive) if len(positive) > 1 and all(len(c.alternatives) == 1 for c in positive) else ""
        idf = [math.log(1.0 + (scanned + 1) / (count + 0.5)) for count in _df(parsed, forms_of(searcher, candidates), filters)]
        expected = block_key(positive, idf, together, form, number)
        assert key == expected[0], (where.doc, number)
        assert [(lit.text, exact, count, align) for lit, exact, count, align in per_clause] == \
            [(lit.text, exact, count, align) for lit, exact, count, align in expected[3]]
        keys.append((key, -candidates.index(where.doc), -number))
    assert keys == sorted(keys, reverse=True)


def forms_of(searcher: Searcher, docs: list[str]) -> list[Any]:
    return [searcher._form(doc) for doc in docs]


def _df(parsed: Any, forms: list[Any], filters: dict[str, Any]) -> list[int]:
    """Per clause, the blocks matching it and every clause before it, among those holding
    every plain required term and none of the negated ones, counted block by block."""
    from unidoreader.core import search

    positive = parsed.positive
    required = [c.alternatives[0].text for c in positive if len(c.alternatives) == 1 and not c.alternatives[0].pieces
                and not c.alternatives[0].forms]
    negated = [lit.text for c in parsed.clauses if c.negated for lit in c.alternatives]
    kind = str(filters.get("kind") or "")
    counts = [0] * len(positive)
    for form in forms:
        for number in range(form.block_count):
            norm = form.block(number)
            if kind and form.kinds[number] != kind[:1]:
                continue
            alive = all(t in norm for t in required) and not any(t in norm for t in negated)
            for i, clause in enumerate(positive):
                if alive:
                    alive = any(lit.text in norm or (lit.forms and search._stem_count(lit, form, number))
                                or (lit.pieces and all(p in norm for p in lit.pieces)) for lit in clause.alternatives)
                counts[i] += alive
    return counts
