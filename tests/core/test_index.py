"""The index on disk: built on first use, incremental by content hash, rebuilt when its
format changes, healed when damaged or locked, parallel segmentation equal to in-process."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from unidoreader.core import index
from unidoreader.core.library import Library
from unidoreader.core.search import Searcher

from ..conftest import seed
from .search_support import expected_blocks, write_seed_variant


@pytest.fixture(autouse=True)
def _jieba_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNIDOREADER_CACHE", str(tmp_path_factory.getbasetemp() / "jieba-cache"))


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    index.ensure_index(library, workers=0)
    return library


def _hits(library: Library, query: str) -> set[tuple[str, str]]:
    result = Searcher(library).search(query, limit=100_000)
    return {(hit.doc, hit.block) for hit in result.hits}


def test_first_search_builds_the_index(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    assert index.needs_update(library)
    result = Searcher(library).search("清洁氢")
    assert result.total >= 1
    assert not index.needs_update(library)


def test_unchanged_documents_are_not_segmented_again(library: Library, tmp_path: Path) -> None:
    before = index.segment_calls
    assert index.ensure_index(library, workers=0) is False
    reopened = Library.open(library.root)
    assert not index.needs_update(reopened)
    reopened.import_files([seed("001")])  # the same text again
    assert index.ensure_index(reopened, workers=0) is False
    assert index.segment_calls == before


def test_import_segments_only_the_new_document(library: Library, tmp_path: Path) -> None:
    marker = "这是增量索引测试的独特段落甲乙丙"
    new = write_seed_variant(seed("001"), tmp_path / "new.txt", marker)
    before = index.segment_calls
    library.import_files([new])
    assert index.needs_update(library)
    assert index.ensure_index(library, workers=0) is True
    assert index.segment_calls == before + 1
    assert len(_hits(library, marker)) == 1


def test_removed_document_leaves_the_index(library: Library) -> None:
    doc = library.entries()[0].id
    assert any(hit_doc == doc for hit_doc, _ in _hits(library, "工发组织"))
    library.remove(doc)
    index.ensure_index(library, workers=0)
    assert all(hit_doc != doc for hit_doc, _ in _hits(library, "工发组织"))
    assert not index.payload_path(library, doc).exists()


def test_a_new_format_version_rebuilds(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "INDEX_FORMAT", index.INDEX_FORMAT + 1)
    assert index.needs_update(library)
    before = index.segment_calls
    assert index.ensure_index(library, workers=0) is True
    assert index.segment_calls == before + len(library.entries())
    assert not index.needs_update(library)


def test_a_new_user_dictionary_rebuilds(library: Library, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    changed = tmp_path / "userdict.txt"
    changed.write_text(index.analysis.user_dictionary_path().read_text(encoding="utf-8") + "测试新词 100 n\n", encoding="utf-8")
    monkeypatch.setattr(index.analysis, "user_dictionary_path", lambda: changed)
    assert index.needs_update(library)


@pytest.mark.parametrize("damage", ["toc", "segment", "payload", "format"])
def test_a_damaged_index_heals_without_losing_documents(library: Library, damage: str) -> None:
    expected = expected_blocks(library, "中等收入国家")
    files = {
        "toc": sorted(library.index_dir.glob("*.toc")),
        "segment": sorted(library.index_dir.glob("*.seg")),
        "payload": sorted(index.blocks_dir(library).glob("*.bin"))[:1],
        "format": [library.index_dir / "FORMAT"],
    }[damage]
    assert files
    for path in files:
        path.write_bytes(b"\x00garbage" * 10)
    if damage != "payload":  # a garbled block file is found by the search that reads it
        assert index.needs_update(library)
    assert _hits(library, "中等收入国家") == expected  # the first search heals it
    assert not index.needs_update(library)


def test_an_index_damaged_under_an_open_searcher_heals(library: Library) -> None:
    searcher = Searcher(library)
    expected = expected_blocks(library, "工业4.0")
    assert {(h.doc, h.block) for h in searcher.search("工业4.0", limit=1000).hits} == expected
    searcher._docs.clear()
    for path in index.blocks_dir(library).glob("*.bin"):
        path.write_bytes(b"garbage")
    for path in library.index_dir.glob("*.seg"):
        path.write_bytes(b"garbage")
    assert {(h.doc, h.block) for h in searcher.search("工业4.0", limit=1000).hits} == expected


def test_a_lock_left_by_a_dead_process_does_not_block(library: Library, tmp_path: Path) -> None:
    (library.index_dir / "MAIN_WRITELOCK").write_bytes(b"")
    library.import_files([write_seed_variant(seed("003"), tmp_path / "locked.txt", "锁文件测试段落")])
    assert index.ensure_index(library, workers=0) is True
    assert len(_hits(library, "锁文件测试段落")) == 1


def test_a_missing_index_folder_is_rebuilt(library: Library) -> None:
    import shutil

    expected = _hits(library, "COVID-19")
    shutil.rmtree(library.index_dir)
    assert index.needs_update(library)
    assert _hits(library, "COVID-19") == expected


def test_progress_reports_every_document(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    calls: list[tuple[int, int, str]] = []
    index.ensure_index(library, lambda done, total, message: calls.append((done, total, message)), workers=0)
    total = len(library.entries())
    assert calls[-1][:2] == (total, total)
    assert {done for done, _t, _m in calls} >= set(range(1, total + 1))


def test_worker_processes_produce_the_same_index(tmp_path: Path, library: Library) -> None:
    parallel = Library.open(tmp_path / "parallel")
    index.ensure_index(parallel, workers=2)
    for entry in library.entries():
        ours = marshal.loads(index.payload_path(parallel, entry.id).read_bytes())
        theirs = marshal.loads(index.payload_path(library, entry.id).read_bytes())
        assert ours == theirs
    assert _hits(parallel, "可持续发展目标") == _hits(library, "可持续发展目标")


def test_an_open_searcher_sees_documents_indexed_after_it_opened(library: Library, tmp_path: Path) -> None:
    searcher = Searcher(library)
    marker = "打开搜索器之后导入的测试段落"
    assert searcher.search(marker).total == 0
    library.import_files([write_seed_variant(seed("000"), tmp_path / "later.txt", marker)])
    index.ensure_index(library, workers=0)
    assert searcher.search(marker).total == 1
    library.import_files([write_seed_variant(seed("000"), tmp_path / "later2.txt", marker + "二")])
    assert searcher.search(marker + "二").total == 1  # not indexed yet: the searcher brings it up to date
    searcher.close()


def test_a_writer_held_by_another_program_is_waited_for_then_reported(library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unidoreader.core.errors import LibraryError

    library.import_files([write_seed_variant(seed("001"), tmp_path / "busy.txt", "另一个程序正在写索引")])
    ix = index.open_index(library)
    assert ix is not None
    held = ix.writer()  # the other program's writer
    monkeypatch.setattr(index, "WRITER_WAIT_S", 0.5)
    try:
        with pytest.raises(LibraryError):
            index.ensure_index(library, workers=0)
    finally:
        held.cancel()
        ix.close()
    assert index.ensure_index(library, workers=0) is True
    assert len(_hits(library, "另一个程序正在写索引")) == 1
