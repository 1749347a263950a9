"""Files the readers refuse: one line each, never a traceback, nothing imported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA
from unidoreader.cli import main
from unidoreader.core import readers
from unidoreader.core.errors import InputError

TYPESET = DATA / "typeset"
BAD = [
    ("scan.pdf", "no text layer"),
    ("encrypted.pdf", "encrypted"),
    ("bad-truncated.pdf", "incomplete"),
    ("bad-garbage.pdf", "damaged"),
    ("bad-truncated.docx", "damaged"),
    ("bad-zip-of-text.docx", "not a Word document"),
]


@pytest.mark.parametrize("name, words", BAD)
def test_the_reader_says_what_is_wrong_in_one_line(name: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        readers.read_source(TYPESET / name)
    message = str(caught.value)
    assert words in message and name in message and "\n" not in message


@pytest.mark.parametrize("name, words", BAD)
def test_import_refuses_it_and_leaves_the_library_as_it_was(name: str, words: str, capsys, tmp_path: Path) -> None:
    assert main(["list", "--json"]) == 0
    before = capsys.readouterr().out
    library = Path.home() / "library"
    files_before = sorted(p.name for p in (library / "documents").iterdir())
    assert main(["import", str(TYPESET / "000.pdf"), str(TYPESET / name)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err and "Traceback" not in err
    assert main(["list", "--json"]) == 0
    assert capsys.readouterr().out == before
    assert sorted(p.name for p in (library / "documents").iterdir()) == files_before


def test_a_doc_without_libreoffice_says_to_save_it_as_docx(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNIDOREADER_SOFFICE", "")
    old = tmp_path / "report.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with pytest.raises(InputError, match="save it as .docx or PDF"):
        readers.read_source(old)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")
def test_a_doc_is_read_through_libreoffice(tmp_path: Path) -> None:
    """(converted from 003.docx by LibreOffice itself, then read back as .doc)"""
    import subprocess

    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(TYPESET / "003.docx")], check=True, capture_output=True, timeout=300)
    report = readers.parse_path(tmp_path / "003.doc")
    assert [s.label for s in report.walk_sections()] == ["一", "二", "三", "四"]
    assert report.paragraph_count == 14 and len(report.footnotes) == 4
