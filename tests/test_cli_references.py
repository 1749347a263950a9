"""The reference commands (issue 16): `refs`, `cited-by`, `symbol`, JSON shapes and errors."""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATA
from unidoreader.cli import main

REFS = DATA / "references"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _ids(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    run_json(capsys, "import", str(REFS / "synthetic.txt"), str(REFS / "cited.txt"))
    return {r["source"][:3]: r["id"] for r in run_json(capsys, "list")}  # type: ignore[union-attr]


def test_refs_lists_each_reference_with_where_it_leads(capsys: pytest.CaptureFixture[str]) -> None:
    ids = _ids(capsys)
    records = run_json(capsys, "refs", ids["syn"])
    assert all(set(r) >= {"block", "text", "kind", "target", "resolved"} for r in records)  # type: ignore[union-attr]
    by_text = {r["text"]: r for r in records}  # type: ignore[union-attr]
    assert by_text["IDB.41/Dec.4"]["kind"] == "decision" and by_text["IDB.41/Dec.4"]["resolved"] is None
    assert by_text["A/80/590"]["resolved"] == {"doc": ids["cit"], "block": None}
    assert by_text["第 5 至 7 段"]["target"] == "paragraphs 5-7"
    assert by_text["第 5 至 7 段"]["resolved"]["doc"] == ids["syn"]
    shown = run_json(capsys, "show", ids["syn"])
    para5 = next(b["id"] for b in shown["blocks"] if b["label"] == "5")  # type: ignore[index]
    assert by_text["第 5 至 7 段"]["resolved"]["block"] == para5


def test_cited_by_finds_the_citing_blocks_whatever_the_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    ids = _ids(capsys)
    result = run_json(capsys, "cited-by", "GC.15/ Res.1")
    assert result["symbol"] == "GC.15/Res.1" and result["document"] is None  # type: ignore[index]
    seeds = {r["id"]: r["source"][:3] for r in run_json(capsys, "list")}  # type: ignore[union-attr]
    # 002: summary and paragraph 22; 003: summary
    assert [seeds[c["doc"]] for c in result["citations"]] == ["002", "002", "003"]  # type: ignore[index]
    result = run_json(capsys, "cited-by", "A/80/590")
    assert {c["doc"] for c in result["citations"]} == {ids["syn"]} and result["document"] == ids["cit"]  # type: ignore[index]


def test_symbol_sets_shows_and_clears_a_document_symbol(capsys: pytest.CaptureFixture[str]) -> None:
    doc = next(r["id"] for r in run_json(capsys, "list") if r["source"].startswith("000"))  # type: ignore[union-attr]
    assert run_json(capsys, "symbol", doc) == {"doc": doc, "symbol": None}
    assert run_json(capsys, "symbol", doc, "IDB.46/8") == {"doc": doc, "symbol": "IDB.46/8"}
    assert next(r for r in run_json(capsys, "list") if r["id"] == doc)["symbol"] == "IDB.46/8"  # type: ignore[union-attr]
    assert run_json(capsys, "cited-by", "IDB.46/8")["document"] == doc  # type: ignore[index]
    assert run_json(capsys, "symbol", doc, "--clear") == {"doc": doc, "symbol": None}


def test_bad_input_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    doc = next(r["id"] for r in run_json(capsys, "list"))  # type: ignore[union-attr]
    for argv in (["refs", "nope"], ["symbol", "nope", "X"], ["symbol", doc, "a\nb"], ["symbol", doc, "X", "--clear"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("unidoreader: ") and err.count("\n") == 1, argv
