"""Search understands symbols (issue 16): the document with the symbol first, then the
blocks citing it however printed, and the `cites:` filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA
from unidoreader.core import index
from unidoreader.core.library import Library
from unidoreader.core.search import Searcher, parse_query

REFS = DATA / "references"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("library")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UNIDOREADER_CACHE", str(tmp_path_factory.mktemp("cache")))
        library = Library.open(root / "lib")
        library.import_files([REFS / "synthetic.txt", REFS / "cited.txt"], workers=0)
        index.ensure_index(library, workers=0)
    return library


def _doc(library: Library, prefix: str) -> str:
    return next(e.id for e in library.entries() if e.source.startswith(prefix))


def _where(library: Library, doc: str, text: str) -> str:
    return next(b.id for b in library.report(doc).blocks if text in b.text)


@pytest.mark.parametrize("query", ["GC.17/Res.6", "GC.17/ Res.6", "gc.17/res.6", "GC.17/\nRes.6"])
def test_a_symbol_query_finds_the_citing_paragraphs_whatever_the_spacing(library: Library, query: str) -> None:
    hits = Searcher(library).search(query).hits
    doc000, synthetic = _doc(library, "000"), _doc(library, "synthetic")
    expected = {
        (doc000, _where(library, doc000, "根据 GC.17/Res.6 号决议，本文件")),
        (doc000, _where(library, doc000, "（GC.17/Res.6）")),
        (doc000, _where(library, doc000, "根据 GC.17/Res.6 号决议赋予")),
        (synthetic, _where(library, synthetic, "GC.17/ Res.6")),  # printed with a space
    }
    assert {(h.doc, h.block) for h in hits} == expected


def test_the_document_with_the_symbol_comes_first(library: Library) -> None:
    cited, synthetic = _doc(library, "cited"), _doc(library, "synthetic")
    hits = Searcher(library).search("A/80/590").hits
    assert hits[0].doc == cited and hits[0].block == library.report(cited).blocks[0].id
    assert (synthetic, _where(library, synthetic, "A/80/590 号文件第 12 段")) == (hits[1].doc, hits[1].block)


def test_a_resolution_in_words_finds_it_printed_in_chinese(library: Library) -> None:
    doc004 = _doc(library, "004")
    hits = Searcher(library).search("resolution 72/279").hits  # printed "大会第72/279号决议"
    assert [(h.doc, h.block) for h in hits] == [(doc004, _where(library, doc004, "大会第72/279号决议"))]
    assert hits[0].marked_snippet("[", "]").count("[大会第72/279号决议]") == 1  # marked as printed


def test_a_symbol_set_by_hand_puts_its_document_first(library: Library, tmp_path: Path) -> None:
    doc000 = _doc(library, "000")
    library.set_symbol(doc000, "IDB.46/8")
    try:
        hits = Searcher(library).search("IDB.46/8").hits
        assert hits[0].doc == doc000 and len(hits) == 1
    finally:
        library.set_symbol(doc000, None)


def test_cites_filter_keeps_only_the_citing_blocks(library: Library) -> None:
    doc002, doc003 = _doc(library, "002"), _doc(library, "003")
    searcher = Searcher(library)
    hits = searcher.search("cites:GC.15/Res.1").hits
    assert {(h.doc, h.block) for h in hits} == {
        (doc002, _where(library, doc002, "依照 GC.15/Res.1 号决议")),
        (doc002, _where(library, doc002, "按照 GC.15/Res.1 和 GC.15/Res.2 号决议")),
        (doc003, _where(library, doc003, "依照 GC.15/Res.1 号决议和")),
    }
    assert all(h.marked_snippet("[", "]").count("[GC.15/Res.1]") == 1 for h in hits)  # the citation is marked
    narrowed = searcher.search("工发组织正在积极参与 cites:GC.15/ Res.1").hits  # spaced as typed
    assert [(h.doc, h.block) for h in narrowed] == [(doc002, _where(library, doc002, "按照 GC.15/Res.1 和 GC.15/Res.2 号决议"))]
    assert searcher.search("cites:A/99/1").hits == ()


def test_cites_is_a_filter_of_the_query_syntax() -> None:
    assert parse_query("cites:IDB.41/DEC.4").filters == {"cites": "IDB.41/Dec.4"}
    assert parse_query("发展 cites:resolution").filters == {"cites": "resolution"}


def test_an_import_writes_each_documents_references_so_a_symbol_query_reads_no_stored_blocks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library.open(tmp_path / "lib", seed=False)
    library.import_files([REFS / "synthetic.txt", REFS / "cited.txt"], workers=0)
    index.ensure_index(library, workers=0)
    assert sorted(p.stem for p in (library.root / "references").glob("*.json")) == sorted(e.id for e in library.entries())
    expected = [(h.doc, h.block) for h in Searcher(library).search("cites:GC.17/Res.6").hits]
    assert expected

    read = []
    real = index.read_payload
    monkeypatch.setattr(index, "read_payload", lambda lib, doc: read.append(doc) or real(lib, doc))
    hits = Searcher(Library.open(tmp_path / "lib", seed=False)).search("cites:GC.17/Res.6").hits
    assert [(h.doc, h.block) for h in hits] == expected
    assert set(read) <= {h.doc for h in hits}  # only the documents of the hits shown (their snippets)
