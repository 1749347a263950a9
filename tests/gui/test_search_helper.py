"""The start-up search run by a helper process gives exactly the in-process hits."""

from __future__ import annotations

from pathlib import Path

from unidoreader.core.library import Library
from unidoreader.gui import searching


def test_helper_process_finds_the_same_hits_as_the_in_process_search(library_dir: Path) -> None:
    from unidoreader.core.search import Searcher

    library = Library.open(library_dir)
    for query, filters in (("中等收入国家", {}), ("清洁氢", {}), ("工业4.0", {"session": 48}), ("nothing-like-this-一二三", {})):
        helper = searching.HelperSearch.start_if_indexed(library_dir, query, filters)
        assert helper is not None and helper.answers(query, {**filters, "doc": None})
        found = helper.hits()
        expected = list(Searcher(library).iter_hits(query, limit=200, **filters))
        assert [(h.doc, h.block, h.snippet, h.marks, h.block_offsets, h.section_path) for h in found] == [
            (h.doc, h.block, h.snippet, h.marks, h.block_offsets, h.section_path) for h in expected
        ]


def test_no_helper_without_an_index_so_the_first_search_shows_its_indexing(tmp_path: Path) -> None:
    assert searching.HelperSearch.start_if_indexed(tmp_path / "empty", "工发组织") is None


def test_marked_snippets_come_back_plain_even_with_guillemets_in_the_text() -> None:
    from unidoreader.core.search import Hit

    raw, marks = "«引»号中等收入", ((1, 2), (4, 5), (5, 6))
    hit = Hit(doc="d", block="b", section=None, section_path=(), snippet=raw, marks=marks, score=1.0)
    assert searching._unmark(hit.marked_snippet(), list(marks)) == raw


def test_no_helper_on_a_single_core(library_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(searching, "_usable_cores", lambda: 1)
    assert searching.HelperSearch.start_if_indexed(library_dir, "工发组织") is None


def test_a_query_too_long_for_the_helper_s_pipe_is_searched_in_process(library_dir: Path) -> None:
    """The query is written to the helper's pipe at once: one longer than a pipe surely
    holds would make the window wait for the helper to read it; no helper is started
    (the search panel then searches as for any later query)."""
    query = "工发组织 " * (searching.HELPER_QUERY_BYTES // 10)
    assert len(query.encode("utf-8")) >= searching.HELPER_QUERY_BYTES
    assert searching.HelperSearch.start_if_indexed(library_dir, query) is None
    helper = searching.HelperSearch.start_if_indexed(library_dir, "工发组织 " * 100)
    assert helper is not None and helper.hits()


def test_the_helper_s_command_answers_every_query_of_its_pipe_and_leaves_at_once(library_dir: Path) -> None:
    """`search --batch -` as a program: every line of the answer is out (flushed before
    the process ends without the interpreter's teardown), and the exit status is 0."""
    import json
    import subprocess

    queries = ["中等收入国家", "清洁氢", "nothing-like-this-一二三"]
    done = subprocess.run([*searching._command(), "search", "--library", str(library_dir), "--batch", "-", "--json", "--limit", "500"],
                          input="\n".join(queries).encode("utf-8"), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    results = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["query"] for r in results] == queries
    assert results[0]["total"] == len(results[0]["hits"]) > 50 and results[2]["total"] == 0
