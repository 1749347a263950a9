"""Reading report files: encodings detected, bad files refused with a one-line message."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.core.parse.conftest import SEEDS
from unidoreader import cli
from unidoreader.core.errors import InputError
from unidoreader.core.parse import MAX_REPORT_BYTES, parse_text, read_text

SEED_000 = SEEDS / "000_bdb54e24888df284.txt"


@pytest.fixture(scope="module")
def utf8_text() -> str:
    return SEED_000.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("gb18030", b""), ("gbk", b"")],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "gb18030", "gbk"],
)
def test_encodings_parse_to_the_same_report(tmp_path: Path, utf8_text: str, encoding: str, prefix: bytes) -> None:
    path = tmp_path / f"000.{encoding}.txt"
    path.write_bytes(prefix + utf8_text.encode(encoding))
    text = read_text(path)
    assert text == utf8_text
    assert parse_text(text, "000") == parse_text(utf8_text, "000")


def test_crlf_line_endings_are_normalised(tmp_path: Path, utf8_text: str) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(utf8_text.replace("\n", "\r\n").encode("utf-8"))
    assert read_text(path) == utf8_text


def test_truncated_utf8_still_reads(tmp_path: Path, utf8_text: str) -> None:
    half = utf8_text[: len(utf8_text) // 2]
    half = half[: max(i for i, ch in enumerate(half) if ord(ch) > 0x7F)]  # ends before a Han character
    path = tmp_path / "cut.txt"
    path.write_bytes(half.encode("utf-8") + "工".encode("utf-8")[:2])  # the file ends inside 工
    assert read_text(path) == half


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n \r\n", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x00\x01stream\x00", "binary"),
        ("Caf\xe9 na\xefve r\xe9sum\xe9 \xe0 la cr\xe8me br\xfbl\xe9e, d\xe9j\xe0 vu".encode("latin-1") * 20, "encoding"),
    ],
    ids=["empty", "blank", "binary", "pdf", "latin1"],
)
def test_bad_files_raise_input_error_naming_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "报告 bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_text(path)
    text = str(error.value)
    assert text.startswith(str(path) + ":")
    assert "\n" not in text
    assert message in text or (message == "encoding" and "encod" in text)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_text(tmp_path)


def test_too_large_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_REPORT_BYTES + 1)  # sparse: stat says big, nothing to read
    with pytest.raises(InputError, match="too large"):
        read_text(path)


def _library_state(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\x03binary\x00" * 100], ids=["empty", "binary"])
def test_import_of_a_bad_file_fails_cleanly_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    library = tmp_path / "lib"
    assert cli.main(["--library", str(library), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    before = _library_state(library)
    good = tmp_path / "good.txt"
    good.write_text("第一章 总则\n\n第一条 本规则适用于理事会的所有会议。\n", encoding="utf-8")
    bad = tmp_path / "bad file.txt"
    bad.write_bytes(content)
    status = cli.main(["--library", str(library), "import", str(good), str(bad)])
    err = capsys.readouterr().err
    assert status != 0
    assert err.count("\n") == 1 and str(bad) in err
    assert _library_state(library) == before
    assert cli.main(["--library", str(library), "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == listed


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_without_any_ascii(tmp_path: Path, encoding: str) -> None:
    """No NUL bytes to spot: the text is all Han and CJK punctuation."""
    text = "工业发展理事会第四十六届会议。总干事的报告：与中等收入国家建立伙伴关系的战略框架。" * 20
    path = tmp_path / "han.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text(path) == text


def test_gb18030_is_not_mistaken_for_utf16(tmp_path: Path) -> None:
    text = "工业发展理事会第四十六届会议。总干事的报告：与中等收入国家建立伙伴关系的战略框架。" * 20
    path = tmp_path / "gb.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_text(path) == text
