"""What a day of use showed on the command line (issue 12, item 11): a query starting
with "-", a report without tables, CSV into a folder that is not there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unidoreader.cli import main


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main([*argv, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _doc(capsys: pytest.CaptureFixture[str], prefix: str) -> str:
    return next(r["id"] for r in _json(capsys, "list") if r["source"].startswith(prefix))


def test_a_query_starting_with_minus_is_a_query_not_an_option(capsys: pytest.CaptureFixture[str]) -> None:
    alone = _json(capsys, "search", "-中等收入国家")
    assert alone["query"] == "-中等收入国家"
    assert alone["total"] == _json(capsys, "search", "NOT 中等收入国家")["total"]
    # with options around it, and with a second word: the word is excluded from the hits
    assert main(["search", "--limit", "50", "-中等收入国家", "--json"]) == 0
    capsys.readouterr()
    leading = _json(capsys, "search", "-中等收入国家 工业", "--limit", "50")
    trailing = _json(capsys, "search", "工业 NOT 中等收入国家", "--limit", "50")
    assert leading["total"] == trailing["total"] > 0
    assert not any("中等收入国家" in h["snippet"] for h in leading["hits"])


def test_tables_of_a_report_without_tables_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _doc(capsys, "000")
    assert main(["tables", doc]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "no tables" in out and "与中等收入国家建立伙伴关系的战略框架" in out
    assert _json(capsys, "tables", doc) == []


def test_tables_csv_into_a_missing_parent_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _doc(capsys, "004")
    target = tmp_path / "typo" / "tables"
    assert main(["tables", doc, "--csv", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not (tmp_path / "typo").exists()
    # the last folder itself is made
    assert main(["tables", doc, "--csv", str(tmp_path / "tables")]) == 0
    assert len(list((tmp_path / "tables").glob("*.csv"))) >= 5


def test_the_library_folder_chosen_in_preferences_is_the_default_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from unidoreader import paths

    monkeypatch.delenv(paths.LIBRARY_ENV, raising=False)
    chosen = tmp_path / "会议 文库"
    paths.set_chosen_library_dir(chosen)
    assert paths.default_library_dir() == chosen
    assert len(_json(capsys, "list")) >= 5 and (chosen / "catalog.json").is_file()
    paths.set_chosen_library_dir(None)
    assert paths.default_library_dir() != chosen
    paths.settings_file().write_text("{not json", encoding="utf-8")  # a damaged settings file is no choice
    assert paths.chosen_library_dir() is None
