"""Language versions: one symbol, several documents; `pair` and `list --json` show them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unidoreader.cli import main
from unidoreader.core.language import detect_language
from unidoreader.core.library import Library
from unidoreader.core.versions import group_versions, other_versions, preferred_version, same_series, symbol_key

from ..conftest import DATA, seed

PAIR = DATA / "un-pair"


@pytest.fixture()
def library(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "lib", seed=False)
    lib.import_files([seed("001"), PAIR / "A_80_604_Add.5.zh.txt", PAIR / "A_80_604_Add.5.en.txt"], workers=0)
    return lib


def test_language_comes_from_the_text_not_the_name(tmp_path: Path) -> None:
    assert detect_language("第八十届会议 联合国 UNIDO A/80/1 的报告") == "zh"
    assert detect_language("Report of the Secretary-General on UNIDO (A/80/1)") == "en"
    assert detect_language("12 345 / 67") is None
    lying = tmp_path / "chinese_report.zh.txt"  # an English text whatever the name says
    lying.write_text((PAIR / "A_80_604_Add.5.en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    lib = Library.open(tmp_path / "lib", seed=False)
    (result,) = lib.import_files([lying], workers=0)
    assert result.entry.metadata.language == "en"


def test_symbols_compare_without_spaces_case_or_reissue_mark() -> None:
    assert symbol_key("A/81/6 (Sect. 28)/Part A*") == symbol_key("A/81/6(Sect.28)/PartA")
    assert symbol_key("A/80/604/Add.5") != symbol_key("A/80/604/Add.10")
    assert symbol_key(None) is None and symbol_key("  ") is None


def test_the_two_versions_are_one_group_and_the_reader_gets_their_language(library: Library) -> None:
    groups = group_versions(library.entries())
    assert len(groups) == 2  # the seed alone, the pair together
    pair = next(g for g in groups if len(g) == 2)
    assert [e.metadata.language for e in pair] == ["zh", "en"]
    assert preferred_version(pair, "en").metadata.language == "en"
    assert preferred_version(pair, "zh").metadata.language == "zh"
    assert preferred_version(pair, "fr").metadata.language == "zh"
    zh = pair[0]
    assert [e.id for e in other_versions(library.entries(), zh.id, zh.metadata.symbol)] == [pair[1].id]


def test_cli_pair_and_list_show_language_and_symbol(library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json", "--library", str(library.root)]) == 0
    listing = {r["source"]: r for r in json.loads(capsys.readouterr().out)}
    en = listing["A_80_604_Add.5.en.txt"]
    zh = listing["A_80_604_Add.5.zh.txt"]
    assert (en["language"], en["symbol"]) == ("en", "A/80/604/Add.5")
    assert (zh["language"], zh["symbol"]) == ("zh", "A/80/604/Add.5")
    assert main(["pair", zh["id"], "--json", "--library", str(library.root)]) == 0
    others = json.loads(capsys.readouterr().out)
    assert [o["id"] for o in others] == [en["id"]] and others[0]["language"] == "en"
    # a file outside the library pairs too (by its symbol)
    assert main(["pair", str(PAIR / "A_80_604_Add.5.en.txt"), "--json", "--library", str(library.root)]) == 0
    assert [o["id"] for o in json.loads(capsys.readouterr().out)] == [zh["id"]]
    seed_id = listing[seed("001").name]["id"]
    assert main(["pair", seed_id, "--json", "--library", str(library.root)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_published_pdf_pairs_with_a_chinese_text_of_its_symbol(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = Library.open(tmp_path / "lib", seed=False)
    assert main(["import", str(DATA / "un-en" / "A_80_604_Add.5.pdf"), str(PAIR / "A_80_604_Add.5.zh.txt"),
                 "--library", str(lib.root), "--json"]) == 0
    imported = {r["source"]: r for r in json.loads(capsys.readouterr().out)}
    pdf = imported["A_80_604_Add.5.pdf"]
    assert (pdf["language"], pdf["symbol"], pdf["paragraphs"]) == ("en", "A/80/604/Add.5", 63)
    zh = imported["A_80_604_Add.5.zh.txt"]
    assert main(["pair", zh["id"], "--json", "--library", str(lib.root)]) == 0
    assert [o["id"] for o in json.loads(capsys.readouterr().out)] == [pdf["id"]]


def test_only_versions_of_one_report_are_one_series(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "seeds", seed=True)
    meta = {e.source[:3]: e.metadata for e in lib.entries()}
    assert same_series(meta["000"], meta["001"])  # one item of the Board, sessions 46 and 52
    assert same_series(meta["001"], meta["000"])
    assert not same_series(meta["001"], meta["004"])  # the annual report is another kind
    assert not same_series(meta["001"], meta["003"])  # the Director General on another item
    assert not same_series(meta["000"], meta["002"])


def test_the_two_language_versions_are_one_series(library: Library) -> None:
    zh, en = next(g for g in group_versions(library.entries()) if len(g) == 2)
    assert same_series(zh.metadata, en.metadata)
    alone = next(e for e in library.entries() if e.source.startswith("001"))
    assert not same_series(alone.metadata, en.metadata)
