"""The library folder: seeded on first use, content-addressed, all-or-nothing imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED_FILES, seed
from unidoreader.core.errors import InputError, UnknownDocumentError
from unidoreader.core.library import Library
from unidoreader.core.model import document_id


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_new_library_is_seeded_with_the_bundled_reports(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    ids = {e.id for e in library.entries()}
    assert ids == {document_id(p.read_text(encoding="utf-8")) for p in SEED_FILES}
    assert sorted(e.source for e in library.entries()) == [p.name for p in SEED_FILES]
    assert json.loads((tmp_path / "lib" / "catalog.json").read_text(encoding="utf-8"))["format"] == 1


def test_the_library_defaults_to_unidoreader_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNIDOREADER_HOME", str(tmp_path / "home-lib"))
    library = Library.open()
    assert library.root == tmp_path / "home-lib"
    assert (tmp_path / "home-lib" / "catalog.json").exists()


def test_the_same_text_twice_is_one_document(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib", seed=False)
    copy = tmp_path / "copy of 000.txt"
    copy.write_bytes(seed("000").read_bytes())
    first, second = library.import_files([seed("000")]), library.import_files([copy])
    assert first[0].added and not second[0].added
    assert first[0].entry.id == second[0].entry.id
    assert len(library.entries()) == 1


def test_a_failed_import_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    before = snapshot(tmp_path / "lib")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty.txt"):
        library.import_files([seed("000"), empty])
    with pytest.raises(InputError, match="missing.txt"):
        library.import_files([tmp_path / "missing.txt"])
    assert snapshot(tmp_path / "lib") == before
    assert len(Library.open(tmp_path / "lib").entries()) == len(SEED_FILES)


def test_documents_are_found_by_id_prefix_source_or_path(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    entry = next(e for e in library.entries() if e.source.startswith("001"))
    assert library.resolve(entry.id).id == entry.id
    assert library.resolve(entry.id[:6]).id == entry.id
    assert library.resolve(entry.source).id == entry.id
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("工业发展理事会\n\n1. 一段新的文字。\n", encoding="utf-8")
    assert library.resolve(str(outside)).id == document_id(outside.read_text(encoding="utf-8"))
    assert library.resolve(str(outside)).id not in library  # parsed on the fly, not imported
    with pytest.raises(UnknownDocumentError):
        library.resolve("no-such-document")


def test_removing_a_document_survives_reopening(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    victim = library.entries()[0].id
    library.remove(victim)
    assert victim not in {e.id for e in Library.open(tmp_path / "lib").entries()}
    assert not library.text_path(victim).exists()


def _variants(tmp_path: Path, prefix: str, count: int) -> list[Path]:
    base = seed("001").read_text(encoding="utf-8")
    files = []
    for i in range(count):
        path = tmp_path / f"{prefix}{i}.txt"
        path.write_text(f"{base}\n\n{prefix} 第{i}份\n", encoding="utf-8")
        files.append(path)
    return files


def test_two_copies_of_the_app_importing_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two Library objects on one folder stand for two running apps: each imports its own
    files one at a time while the other does the same; every import must survive."""
    import threading

    Library.open(tmp_path / "lib")
    first, second = Library.open(tmp_path / "lib"), Library.open(tmp_path / "lib")
    files = {"甲": _variants(tmp_path, "甲", 15), "乙": _variants(tmp_path, "乙", 15)}

    def work(library: Library, paths: list[Path]) -> None:
        for path in paths:
            library.import_files([path])

    threads = [threading.Thread(target=work, args=(first, files["甲"])), threading.Thread(target=work, args=(second, files["乙"]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(Library.open(tmp_path / "lib").entries()) == len(SEED_FILES) + 30
    assert len(first.entries()) == len(second.entries()) == len(SEED_FILES) + 30  # each sees the other's
