"""An import parses and analyses each document for the index in one pass (files under
index/incoming/ that the indexer only moves and files): the library and the answers are
those of analysing at indexing time; a failed or killed import leaves the library as it
was and nothing the indexer would use wrongly; analysis made for another index signature
is not used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from unidoreader.core import index
from unidoreader.core.errors import LibraryError
from unidoreader.core.library import Library
from unidoreader.core.search import Searcher

from ..conftest import seed
from .search_support import write_seed_variant

QUERIES = ["工发组织", "清洁氢", '"可持续工业发展"', "kind:table 合计", "中等收入国家 -合作"]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _jieba_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNIDOREADER_CACHE", str(tmp_path_factory.getbasetemp() / "jieba-cache"))


def _variants(tmp_path: Path, count: int) -> list[Path]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    return [write_seed_variant(seed(f"00{n % 5}"), tmp_path / f"v{n}.txt", f"这是预备索引测试的独特段落{n}号") for n in range(count)]


def _answers(library: Library) -> list[dict]:
    searcher = Searcher(library)
    try:
        return [searcher.search(query, limit=30).record() for query in [*QUERIES, "预备索引测试"]]
    finally:
        searcher.close()


def _incoming(root: Path) -> list[Path]:
    """What index/incoming/ holds (nothing when it is not there)."""
    folder = index.incoming_dir(root)
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _catalog(root: Path) -> bytes | None:
    path = root / "catalog.json"
    return path.read_bytes() if path.exists() else None


def test_prepared_import_answers_as_analysing_at_indexing(tmp_path: Path) -> None:
    files = _variants(tmp_path, 4)
    prepared = Library.open(tmp_path / "prepared", seed=False)
    prepared.import_files(files, workers=0)
    assert len(list(index.incoming_dir(prepared.root).glob("*.post"))) == len(files)
    before = index.segment_calls
    index.ensure_index(prepared, workers=0)
    assert index.segment_calls == before  # nothing parsed or segmented again
    assert not index.incoming_dir(prepared.root).exists()  # used up
    plain = Library.open(tmp_path / "plain", seed=False)
    plain.import_files(files, workers=0, prepare_index=False)
    assert not index.incoming_dir(plain.root).exists()
    index.ensure_index(plain, workers=0)
    assert index.segment_calls == before + len(files)
    assert _answers(prepared) == _answers(plain)
    assert _answers(prepared)[-1]["total"] == len(files)


def test_a_failed_import_leaves_the_library_and_no_prepared_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library.open(tmp_path / "lib", seed=False)
    library.import_files(_variants(tmp_path, 1), workers=0)
    index.ensure_index(library, workers=0)
    catalog = _catalog(library.root)
    texts = sorted(p.name for p in library.documents_dir.iterdir())

    def full_disk(self: Library) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Library, "_save_catalog", full_disk)
    with pytest.raises(LibraryError, match="No space left on device"):
        library.import_files(_variants(tmp_path / "more", 3), workers=0)
    monkeypatch.undo()
    assert _catalog(library.root) == catalog
    assert sorted(p.name for p in library.documents_dir.iterdir()) == texts
    assert not _incoming(library.root)
    assert not index.needs_update(Library.open(library.root, seed=False))


KILLED_IMPORT = """
import os, signal, sys
from pathlib import Path
from unidoreader.core import library as library_module
from unidoreader.core.errors import LibraryError
from unidoreader.core.library import Library

def crash(folder, files):  # the power goes off once the texts are written, before the catalog
    os.kill(os.getpid(), signal.SIGKILL)

library_module.make_durable = crash
Library.open(Path(sys.argv[1]), seed=False).import_files([Path(f) for f in sys.argv[2:]], workers=0)
"""


def test_an_import_killed_before_its_catalog_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    first = _variants(tmp_path, 1)
    library = Library.open(root, seed=False)
    library.import_files(first, workers=0)
    index.ensure_index(library, workers=0)
    catalog = _catalog(root)
    answers = _answers(library)
    more = _variants(tmp_path / "more", 3)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    killed = subprocess.run([sys.executable, "-c", KILLED_IMPORT, str(root), *map(str, more)], env=env, capture_output=True)
    assert killed.returncode == -9, killed.stderr
    assert list(index.incoming_dir(root).glob("*.post"))  # it had prepared them
    reopened = Library.open(root, seed=False)
    assert _catalog(root) == catalog and len(reopened.entries()) == 1
    assert not index.needs_update(reopened)
    assert _answers(reopened) == answers  # nothing of the killed import is found
    # importing them again adopts what is there and indexes them as a fresh library would
    reopened.import_files(more, workers=0)
    index.ensure_index(reopened, workers=0)
    fresh = Library.open(tmp_path / "fresh", seed=False)
    fresh.import_files([*first, *more], workers=0, prepare_index=False)
    index.ensure_index(fresh, workers=0)
    assert _answers(reopened) == _answers(fresh)
    assert json.loads(_catalog(root) or b"{}")["documents"][0]["id"] == json.loads(catalog or b"{}")["documents"][0]["id"]


def test_analysis_prepared_for_another_index_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _variants(tmp_path, 2)
    library = Library.open(tmp_path / "lib", seed=False)
    library.import_files(files, workers=0)
    changed = tmp_path / "userdict.txt"  # the user dictionary changed between import and indexing
    changed.write_text(index.analysis.user_dictionary_path().read_text(encoding="utf-8") + "预备索引测试 100 n\n", encoding="utf-8")
    monkeypatch.setattr(index.analysis, "user_dictionary_path", lambda: changed)
    before = index.segment_calls
    index.ensure_index(library, workers=0)
    assert index.segment_calls == before + len(files)  # analysed again, for this index
    assert not index.incoming_dir(library.root).exists()
    assert Searcher(library).search("预备索引测试").total == len(files)


def test_an_indexer_stopped_before_its_commit_heals_with_what_the_import_prepared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _variants(tmp_path, 3)
    library = Library.open(tmp_path / "lib", seed=False)
    library.import_files(files, workers=0)
    writer_class = index._lean_writer_class()

    def power_cut(self: object, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the blocks were moved out of incoming/, the Whoosh segment is never committed

    monkeypatch.setattr(writer_class, "commit", power_cut)
    with pytest.raises(KeyboardInterrupt):
        index.ensure_index(library, workers=0)
    monkeypatch.undo()
    assert index.needs_update(library)
    before = index.segment_calls
    assert index.ensure_index(library, workers=0)
    assert index.segment_calls == before  # healed from what the import prepared: nothing segmented again
    assert not _incoming(library.root)
    plain = Library.open(tmp_path / "plain", seed=False)
    plain.import_files(files, workers=0, prepare_index=False)
    index.ensure_index(plain, workers=0)
    assert _answers(library) == _answers(plain)
