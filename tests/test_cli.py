"""The command-line contract of DESIGN.md: JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED_FILES, seed
from unidoreader.cli import main

LIST_KEYS = {"id", "title", "kind", "body", "session", "dates", "place", "agenda_item",
             "agenda_title", "symbol", "year", "language", "source", "paragraphs", "footnotes"}


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_list_gives_every_bundled_report_with_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    records = run_json(capsys, "list")
    assert isinstance(records, list) and len(records) == len(SEED_FILES)
    for record in records:
        assert set(record) == LIST_KEYS
        assert record["session"] is None or isinstance(record["session"], int)


def test_show_puts_text_in_blocks_of_the_contract_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    record = run_json(capsys, "show", str(seed("001")))
    assert set(record) == {"metadata", "blocks", "footnotes"}
    assert set(record["metadata"]) == LIST_KEYS
    kinds = {"heading", "paragraph", "item", "quote", "note", "table"}
    assert record["blocks"] and all(b["kind"] in kinds and b["text"] for b in record["blocks"])
    assert len({b["id"] for b in record["blocks"]}) == len(record["blocks"])


def test_outline_and_show_accept_a_library_id(capsys: pytest.CaptureFixture[str]) -> None:
    doc = next(r for r in run_json(capsys, "list") if r["source"].startswith("000"))
    by_id = run_json(capsys, "outline", doc["id"])
    by_path = run_json(capsys, "outline", str(seed("000")))
    assert by_id == by_path
    assert all(set(r) == {"id", "level", "label", "title", "paragraph"} for r in by_id)


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\x00" * 50])
def test_bad_input_is_a_one_line_error_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    bad = tmp_path / "坏 文件.txt"
    bad.write_bytes(content)
    before = run_json(capsys, "list")
    assert main(["import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "坏 文件.txt" in err and "Traceback" not in err
    assert run_json(capsys, "list") == before


def test_an_unknown_document_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "nothing-like-this"]) == 2
    assert capsys.readouterr().err.startswith("unidoreader: ")


def test_library_option_selects_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = run_json(capsys, "list", "--library", str(tmp_path / "other"))
    assert len(records) == len(SEED_FILES)
    assert (tmp_path / "other" / "catalog.json").exists()


def test_the_app_without_a_display_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no display" in err and "--screenshot" in err


def test_options_may_come_before_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(tmp_path / "before"), "--json", "list"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(SEED_FILES)
    assert (tmp_path / "before" / "catalog.json").exists()


def test_the_parser_of_the_command_given_reads_it_as_the_whole_parser_does() -> None:
    """A command line that starts with its command is parsed by that command's parser
    alone (the app's start builds one parser, not twenty): same values, same defaults."""
    from unidoreader.cli import _parser_for, build_parser

    for argv in (["search", "--batch", "-", "--json", "--limit", "100", "--library", "L"],
                 ["gui", "--open", "000", "001", "--search", "中等收入国家", "--screenshot", "x.png"],
                 ["print", "000", "-o", "a.pdf", "--page-size", "A3"], ["tables", "001", "--csv", "out"]):
        alone, whole = _parser_for(argv), build_parser()
        assert [a.choices for a in alone._actions if a.choices and isinstance(a.choices, dict)][0].keys() == {argv[0]}
        assert vars(alone.parse_args(argv)) == vars(whole.parse_args(argv))
    assert len(_parser_for(["--library", "L", "list"])._subparsers._group_actions[0].choices) > 10  # options first: all
    assert _parser_for([]).parse_args(["gui"]).handler.__name__ == "cmd_gui"
