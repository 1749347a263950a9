"""A text document's parse kept beside it (core.report_json, Library.report): the next
process that opens the report reads it back, identical, without parsing or loading the
parser; anything else than this parser's parse of this document is parsed again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, SEED_FILES
from unidoreader.core import library as library_module
from unidoreader.core import parse, report_json
from unidoreader.core.library import Library

PRINTED = sorted((DATA / "un-en").glob("*.pdf"))[:2]  # with the pages and boxes of each block


@pytest.mark.parametrize("path", SEED_FILES + PRINTED, ids=lambda p: p.name)
def test_a_kept_parse_reads_back_as_the_same_report(path: Path) -> None:
    """Every seed (the annual report's sections, tables, footnotes and cover included)
    and English UN reports read from their PDF come back field for field as parsed."""
    from unidoreader.core import readers

    report = readers.parse_path(path) if path.suffix == ".pdf" else parse.parse_text(parse.read_text(path), path.name)
    if path.suffix == ".pdf":
        assert any(block.boxes for block in report.blocks)
    record = json.loads(json.dumps(report_json.report_record(report, parse.PARSER_VERSION), ensure_ascii=False))
    again = report_json.report_from_record(record, parse.PARSER_VERSION, report.id, report.source)
    assert again == report
    assert [s.title for s in again.walk_sections()] == [s.title for s in report.walk_sections()]


def _library(tmp_path: Path) -> tuple[Library, str]:
    """A library seeded by an earlier process (its reports are not in this one's memory)."""
    library = Library.open(tmp_path / "lib")
    library_module._parse_cached.cache_clear()
    entry = next(e for e in library.entries() if e.source.startswith("000"))
    return library, entry.id


def test_the_next_open_reads_the_kept_parse_and_does_not_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library, doc = _library(tmp_path)
    first = library.report(doc)
    assert library.parse_path(doc).is_file()
    library_module._parse_cached.cache_clear()  # as in the next process

    def no_parse(*_args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parse, "parse_text", no_parse)
    again = Library.open(tmp_path / "lib").report(doc)
    assert again == first
    assert again.metadata.session == 46 and again.sections[0].title == "导言"


def test_a_new_process_shows_a_kept_report_without_loading_the_parser(tmp_path: Path) -> None:
    library, doc = _library(tmp_path)
    expected = library.report(doc)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from unidoreader.core.library import Library\n"
        f"report = Library.open(Path({str(tmp_path / 'lib')!r})).report({doc!r})\n"
        "print(report.metadata.title, len(report.blocks), 'unidoreader.core.parse.structure' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ.copy())
    assert out.stdout.split() == [expected.metadata.title, str(len(expected.blocks)), "False"], out.stdout + out.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda record: b"{not json",
        lambda record: json.dumps(record).encode()[:-40],  # cut short
        lambda record: json.dumps({**record, "parser": record["parser"] - 1}).encode(),  # another parser's
        lambda record: json.dumps({**record, "id": "0" * 16}).encode(),  # another document's
        lambda record: json.dumps({**record, "blocks": [["x", "no-such-kind", "t", None, None, [], [], [], []]]}).encode(),
        lambda record: json.dumps({**record, "blocks": [b[:3] for b in record["blocks"]]}).encode(),
        lambda record: json.dumps({**record, "metadata": [7] * 11}).encode(),
        lambda record: b"[" * 100_000,  # nested past the recursion limit
    ],
    ids=["not-json", "truncated", "other-parser", "other-document", "unknown-kind", "short-blocks", "bad-metadata", "deep"],
)
def test_a_damaged_or_foreign_kept_parse_is_parsed_again(tmp_path: Path, damage) -> None:
    library, doc = _library(tmp_path)
    first = library.report(doc)
    path = library.parse_path(doc)
    path.write_bytes(damage(json.loads(path.read_bytes())))
    library_module._parse_cached.cache_clear()
    assert Library.open(tmp_path / "lib").report(doc) == first
    assert report_json.report_from_record(json.loads(path.read_bytes()), parse.PARSER_VERSION, doc, first.source) == first  # kept anew


def test_removing_a_document_removes_its_kept_parse(tmp_path: Path) -> None:
    library, doc = _library(tmp_path)
    library.report(doc)
    assert library.parse_path(doc).is_file()
    library.remove(doc)
    assert not library.parse_path(doc).exists()
