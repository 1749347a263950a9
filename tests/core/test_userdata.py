"""User data: survives restarts, a killed writer, a damaged file and a second app."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from unidoreader.core.errors import LibraryError
from unidoreader.core.userdata import SCHEMA_VERSION, UserData


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "userdata.sqlite"


def test_everything_survives_a_restart(path: Path) -> None:
    data = UserData(path)
    data.add_history("清洁氢", {"session": 52})
    data.add_history("中等收入国家")
    data.save_search("氢能", "清洁氢 OR 绿色氢", {"year": 2024})
    mark = data.add_bookmark("doc1", "p123", "第6段")
    data.set_note("doc1", "p123", "会上提问")
    data.set_position("doc1", "p456")
    data.save_selection("briefing", [("doc1", "三"), ("doc2", "四.A")])
    data.set_state("window", {"panes": ["doc1", "doc2"]})
    data.close()

    again = UserData(path)
    assert [h.query for h in again.history()] == ["中等收入国家", "清洁氢"]
    assert again.history()[1].filters == {"session": 52}
    assert [(s.name, s.query, s.filters) for s in again.saved_searches()] == [("氢能", "清洁氢 OR 绿色氢", {"year": 2024})]
    assert [(b.id, b.doc, b.block, b.title) for b in again.bookmarks("doc1")] == [(mark, "doc1", "p123", "第6段")]
    assert again.note("doc1", "p123") == "会上提问"
    assert again.position("doc1") == "p456"
    assert again.selection("briefing") == [("doc1", "三"), ("doc2", "四.A")]
    assert again.selection_names() == ["briefing"]
    assert again.state("window") == {"panes": ["doc1", "doc2"]}
    assert again.warnings == []


def test_empty_note_removes_it_and_bookmarks_can_be_removed(path: Path) -> None:
    data = UserData(path)
    data.set_note("d", "b", "x")
    data.set_note("d", "b", "  ")
    assert data.note("d", "b") is None and data.notes() == []
    mark = data.add_bookmark("d", "b")
    data.remove_bookmark(mark)
    assert data.bookmarks() == []


def test_a_damaged_file_is_set_aside_with_a_message_not_emptied(path: Path) -> None:
    path.write_bytes(b"this is not a database, but someone's data" * 200)
    data = UserData(path)
    kept = list(path.parent.glob("userdata.sqlite.damaged-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes().startswith(b"this is not a database")
    assert len(data.warnings) == 1 and kept[0].name in data.warnings[0]
    data.add_history("works again")
    assert [h.query for h in data.history()] == ["works again"]


def test_a_file_from_a_newer_version_is_refused_not_rewritten(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    db.close()
    with pytest.raises(LibraryError, match="newer"):
        UserData(path)


def test_a_writer_killed_mid_stream_loses_at_most_the_write_in_flight(path: Path) -> None:
    UserData(path).close()
    writer = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from unidoreader.core.userdata import UserData
        data = UserData(Path({str(path)!r}))
        i = 0
        while True:
            data.set_note("doc", f"b{{i}}", f"note {{i}}")
            print(i, flush=True)
            i += 1
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    confirmed = -1
    while confirmed < 200:
        confirmed = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    data = UserData(path)
    assert data.warnings == []
    stored = {n.block for n in data.notes("doc")}
    # every write the writer saw complete is there; at most the one in flight beyond it
    assert {f"b{i}" for i in range(confirmed + 1)} <= stored
    assert len(stored) <= confirmed + 2


def test_two_instances_write_the_same_file_without_losing_anything(path: Path) -> None:
    first, second = UserData(path), UserData(path)

    def write(data: UserData, prefix: str) -> None:
        for i in range(100):
            data.add_history(f"{prefix}{i}")

    threads = [threading.Thread(target=write, args=(d, p)) for d, p in ((first, "a"), (second, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queries = {h.query for h in UserData(path).history(limit=500)}
    assert queries == {f"a{i}" for i in range(100)} | {f"b{i}" for i in range(100)}


def test_history_is_bounded(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("unidoreader.core.userdata.HISTORY_KEEP", 5)
    data = UserData(path)
    for i in range(12):
        data.add_history(f"q{i}")
    assert [h.query for h in data.history()] == [f"q{i}" for i in range(11, 6, -1)]
    assert time.time() - data.history()[0].when < 60
