"""The index writer files postings made elsewhere (a worker) and writes exactly the
files Whoosh's own writer would: the same bytes for the same documents, alone and when
a commit merges older segments in; a document with a word twice (a posting of its own
weight and value) too."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from unidoreader.core import index, parse

from ..conftest import seed


@pytest.fixture(autouse=True)
def _jieba_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNIDOREADER_CACHE", str(tmp_path_factory.getbasetemp() / "jieba-cache"))


def _documents() -> list[dict[str, Any]]:
    """The Whoosh field values of the seeds (as the indexer makes them), plus variants."""
    docs = []
    for number, name in enumerate(("000", "001", "002", "003", "004")):
        report = parse.parse_text(seed(name).read_text(encoding="utf-8"), f"{name}.txt")
        analysed = index.segment_blocks([block.text for block in report.blocks])
        values: dict[str, Any] = {
            "doc": report.id,
            "words": analysed.words,
            "grams": analysed.grams,
            "kinds": sorted({block.kind.value for block in report.blocks}),
            "session": str(report.metadata.session or number),
            "year": str(report.metadata.year or 2000 + number),
            "lang": report.metadata.language or "zh",
        }
        if analysed.forms:
            values["forms"] = analysed.forms
        docs.append(values)
    # a word given twice: a posting whose weight and value are not the usual ones
    docs.append({**docs[0], "doc": "f" * 16, "words": [*docs[0]["words"][:50], docs[0]["words"][3]], "grams": docs[0]["grams"][:200]})
    return docs


def _segment_files(folder: Path) -> list[tuple[str, bytes]]:
    """The segments' files, each by what follows its segment's random name."""
    return sorted((path.name.split(".", 1)[1], path.read_bytes()) for path in folder.iterdir()
                  if path.name.startswith("MAIN_") and "." in path.name and path.name != "MAIN_WRITELOCK")


def _build(folder: Path, batches: list[list[dict[str, Any]]], stock: bool) -> list[list[tuple[str, bytes]]]:
    from whoosh.writing import SegmentWriter

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    ix = index._storage(folder).create_index(index.schema())
    states = []
    for number, batch in enumerate(batches, 1):
        writer = (SegmentWriter if stock else index._lean_writer_class())(ix, compound=False)
        for values in batch:
            if stock:
                writer.add_document(**values)
            else:
                writer.add_prepared(index.field_postings(values), {"doc": values["doc"]})
        writer.commit(optimize=number == len(batches) > 1)  # the last of several merges all the segments into its own
        states.append(_segment_files(folder))
    assert len(ix._segments()) == 1
    with ix.searcher() as searcher:  # and it reads: every document found by one of its grams
        for batch in batches:
            for values in batch:
                assert values["doc"] in {hit["doc"] for hit in searcher.documents(grams=values["grams"][7])}
    ix.close()
    return states


def test_prepared_postings_write_the_files_whoosh_writes(tmp_path: Path) -> None:
    docs = _documents()
    stock = _build(tmp_path / "stock", [docs], stock=True)
    lean = _build(tmp_path / "lean", [docs], stock=False)
    assert {"pst", "trm"} <= {name for name, _data in stock[0]}
    assert stock == lean


def test_a_commit_that_merges_older_segments_writes_what_whoosh_writes(tmp_path: Path) -> None:
    docs = _documents()
    batches = [docs[:2], docs[2:3], docs[3:5], docs[5:]]
    stock = _build(tmp_path / "stock", batches, stock=True)
    lean = _build(tmp_path / "lean", batches, stock=False)
    assert [[name for name, _data in state] for state in stock] == [[name for name, _data in state] for state in lean]
    assert stock == lean
