"""Coded core errors (for the GUI to translate) keep their code everywhere they travel."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from unidoreader.core.errors import InputError, UnidoreaderError
from unidoreader.core.library import Library


def test_a_coded_error_reads_in_english_and_survives_pickling() -> None:
    error = InputError.of("binary", path="扫描.txt")
    assert str(error) == "扫描.txt: not a text file (binary content)"
    again = pickle.loads(pickle.dumps(error))  # as from an import worker process
    assert type(again) is InputError and again.code == "binary" and again.params == {"path": "扫描.txt"}
    assert str(again) == str(error)


def test_import_of_a_binary_file_fails_with_its_code(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    before = [e.id for e in library.entries()]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01PNG\x00" * 40)
    with pytest.raises(UnidoreaderError) as caught:
        library.import_files([bad])
    assert caught.value.code == "binary" and caught.value.params["path"].endswith("bad.txt")
    assert [e.id for e in library.entries()] == before
