"""Hardening, round two: what an adversarial run of the command line found (issue 18).

Inputs that hang (FIFOs, devices, worker processes outliving a killed import), outputs
that destroy (a PDF written over a device, a symlink or the catalog; CSV formulas;
terminal escapes), errors that escaped as tracebacks (long queries, odd names, damaged
or read-only libraries, a full disk), data set aside wrongly (a locked notes file, an
empty catalog written over the documents). Each test drives the real CLI: in this
process through `cli.main` where the fault is about data, in a child process where it
is about processes (a hang, a kill, argv bytes).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import SEED_FILES, seed
from unidoreader import cli
from unidoreader.core import userdata as userdata_mod
from unidoreader.core.errors import InputError, LibraryError
from unidoreader.core.export import table_csv
from unidoreader.core.library import Library
from unidoreader.core.model import Cell, Table
from unidoreader.core.userdata import UserData

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
MARKER = "对抗性测试标记段落"


# -- helpers ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def indexed_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded library with its index built (copied for each test that changes it)."""
    root = tmp_path_factory.mktemp("adversarial") / "lib"
    assert cli.main(["index", "--library", str(root)]) == 0
    return root


@pytest.fixture()
def library(indexed_library: Path, tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    shutil.copytree(indexed_library, root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`unidoreader ARGV` in this process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def child(*argv: str | bytes, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """`unidoreader ARGV` in a child process (argv may hold bytes that are not UTF-8)."""
    return subprocess.run([sys.executable, "-m", "unidoreader", *argv], capture_output=True, timeout=timeout)


def one_line(err: str | bytes) -> bool:
    text = err.decode("utf-8", "replace") if isinstance(err, bytes) else err
    return text.count("\n") == 1 and text.startswith("unidoreader: ") and "Traceback" not in text


def listing(capsys: pytest.CaptureFixture[str], root: Path) -> list[dict]:
    code, out, err = run(capsys, "list", "--json", "--library", str(root))
    assert code == 0, err
    return json.loads(out)


def doc_id(prefix: str) -> str:
    """The library id of the seed whose file name starts with `prefix` (its text's hash)."""
    from unidoreader.core.model import document_id
    from unidoreader.core.parse import read_text

    return document_id(read_text(seed(prefix)))


def report_with(tmp_path: Path, name: str, extra: str) -> Path:
    path = tmp_path / name
    path.write_text(seed("000").read_text(encoding="utf-8") + "\n\n" + extra + "\n", encoding="utf-8")
    return path


# -- 4. reading: regular files only, at most the limit + 1 bytes ---------------------------------


def test_import_and_batch_refuse_fifos_devices_and_folders_in_one_line_without_hanging(library: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    before = json.loads(child("list", "--json", "--library", str(library)).stdout)
    for target, says in ((fifo, "named pipe"), ("/dev/zero", "device"), (link, "device"), (tmp_path, "folder")):
        for argv in (["import", str(target)], ["search", "--batch", str(target)]):
            result = child(*argv, "--library", str(library), timeout=60)  # a FIFO used to block for ever
            assert result.returncode == 2, (argv, result.stderr)
            assert one_line(result.stderr) and says in result.stderr.decode(), (argv, result.stderr)
    assert json.loads(child("list", "--json", "--library", str(library)).stdout) == before


def test_reading_stops_at_the_limit_whatever_the_size_claims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unidoreader.core.safeio import read_regular

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5_000_000)
    read: list[int] = []
    real_read = os.read

    def counting(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting)
    with pytest.raises(InputError, match="too large .*the limit is 1 MiB"):
        read_regular(big, 1024 * 1024)
    assert sum(read) == 1024 * 1024 + 1
    with pytest.raises(InputError, match="is a device"):
        read_regular(Path("/dev/zero"), 1024)


def test_the_size_limit_says_mib_as_the_readme_does(tmp_path: Path) -> None:
    from unidoreader.core.safeio import read_regular

    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(InputError) as error:
        read_regular(big, 20 * 1024 * 1024)
    assert "(21 MiB; the limit is 20 MiB)" in str(error.value)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "20 MiB" in readme and "20 MB" not in readme


# -- 5. workers die with their parent ---------------------------------------------------------------

WORKER_SCRIPT = """
import sys, time
from unidoreader.core import parallel
with parallel._workers(1) as pool:
    future = pool.submit(time.sleep, 120)
    while not pool._processes:
        time.sleep(0.05)
    time.sleep(1.0)  # the initializer has run
    print(" ".join(str(pid) for pid in pool._processes), flush=True)
    time.sleep(300)
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to see the worker")
def test_worker_processes_exit_when_their_parent_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers and all(_running(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if _running(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "a worker outlived its killed parent (it would have slept for 120 s)"


# -- 1-3. pathological documents: imported outside the lock, searchable, removable --------------------


def test_a_long_unknown_run_imports_indexes_and_is_found_then_remove_takes_it_out(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = report_with(tmp_path, "hostile.txt", f"99. {MARKER}。\n\n" + "中" * 200_000 + "\n\n" + " " * 5000 + "。")
    code, out, err = run(capsys, "import", str(hostile), "--json", "--library", str(library))
    assert code == 0, err
    doc = json.loads(out)[0]["id"]
    code, out, err = run(capsys, "search", MARKER, "--json", "--library", str(library))
    assert code == 0 and [hit["doc"] for hit in json.loads(out)["hits"]] == [doc]
    code, out, err = run(capsys, "remove", doc[:8], "--library", str(library))
    assert code == 0 and "(removed)" in out, err
    assert doc not in [entry["id"] for entry in listing(capsys, library)]
    assert not (library / "documents" / f"{doc}.txt").exists()
    code, out, err = run(capsys, "search", MARKER, "--json", "--library", str(library))
    assert code == 0 and json.loads(out)["total"] == 0
    code, out, err = run(capsys, "remove", "ffffffffffff", "--library", str(library))
    assert code == 2 and one_line(err)


def test_an_import_parses_outside_the_library_lock(library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unidoreader.core import library as library_mod

    opened = Library.open(library)
    held_while_parsing: list[bool] = []
    real_parse = library_mod._prepare_many  # parse and analysis for the index, one pass

    def watching(root: Path, items: list, workers: int | None) -> list:
        held_while_parsing.append(opened._file_lock.is_locked)
        return real_parse(root, items, workers)

    monkeypatch.setattr(library_mod, "_prepare_many", watching)
    opened.import_files([report_with(tmp_path, "a.txt", f"99. {MARKER}甲。")])
    assert held_while_parsing == [False]


# -- 6. outputs: a regular file or a new name, never the library, never through a link ----------------


def _sections(capsys: pytest.CaptureFixture[str], library: Path) -> str:
    code, out, _err = run(capsys, "outline", doc_id("000"), "--json", "--library", str(library))
    assert code == 0
    return json.loads(out)[1]["id"]


def test_print_refuses_devices_fifos_links_and_the_library_in_one_line(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section = _sections(capsys, library)
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.pdf"
    link.symlink_to(precious)
    targets = {fifo: "named pipe", link: "symbolic link", library / "catalog.json": "library folder",
               library / "new.pdf": "library folder", tmp_path: "folder"}
    if IS_ROOT:  # a device node of our own (a copy of /dev/null's numbers), never the real /dev/full
        device = tmp_path / "device"
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        targets[device] = "device"
    catalog = (library / "catalog.json").read_bytes()
    for target, says in targets.items():
        code, _out, err = run(capsys, "print", doc_id("000"), "--sections", section, "-o", str(target), "--library", str(library))
        assert code == 2 and one_line(err) and says in err, (target, err)
    assert precious.read_text(encoding="utf-8") == "keep me" and link.is_symlink()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert (library / "catalog.json").read_bytes() == catalog and not (library / "new.pdf").exists()
    if IS_ROOT:
        assert stat.S_ISCHR(os.lstat(tmp_path / "device").st_mode)


def test_print_never_consumes_an_existing_part_file(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "briefing.pdf"
    part = tmp_path / "briefing.pdf.part"
    part.write_text("someone else's file", encoding="utf-8")
    output.write_text("old", encoding="utf-8")
    result = child("print", doc_id("000"), "--sections", _sections(capsys, library), "-o", str(output), "--library", str(library))
    assert result.returncode == 0, result.stderr
    assert output.read_bytes().startswith(b"%PDF")
    assert part.read_text(encoding="utf-8") == "someone else's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.pdf", "briefing.pdf.part", "lib"]


def test_tables_csv_does_not_follow_a_symlink_planted_in_the_folder(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scratch = tmp_path / "scratch"
    code, out, err = run(capsys, "tables", doc_id("004"), "--csv", str(scratch), "--library", str(library))
    assert code == 0, err
    names = [Path(line).name for line in out.splitlines()]
    assert len(names) >= 2
    outside = tmp_path / "outside.txt"
    outside.write_text("not yours", encoding="utf-8")
    trap = tmp_path / "trap"
    trap.mkdir()
    (trap / names[1]).symlink_to(outside)
    code, out, err = run(capsys, "tables", doc_id("004"), "--csv", str(trap), "--library", str(library))
    assert code == 2 and one_line(err) and "symbolic link" in err
    assert outside.read_text(encoding="utf-8") == "not yours"
    assert sorted(p.name for p in trap.iterdir()) == [names[1]]  # nothing half-written either
    code, _out, err = run(capsys, "tables", doc_id("004"), "--csv", str(library / "documents"), "--library", str(library))
    assert code == 2 and "library folder" in err


# -- 7. CSV formulas --------------------------------------------------------------------------------


def test_csv_cells_that_would_run_as_formulas_are_neutralised_numbers_are_not() -> None:
    table = Table(
        id="t1", caption="测试", section=None, block="b",
        header=("项目", "=1+1"),
        rows=((Cell('=HYPERLINK("http://example.invalid","点击")'), Cell("-12.5", -12.5)),
              (Cell("@SUM(A1:A9)"), Cell("-")),
              (Cell("+cmd|' /C calc'!A0"), Cell("+3", 3.0)),
              (Cell("-2+3"), Cell("-1 234", -1234.0)),
              (Cell("\tTAB"), Cell("合计", None, "*"))),
        notes=("=注",),
    )
    rows = list(csv.reader(io.StringIO(table_csv(table))))
    assert rows[0] == ["项目", "'=1+1"]
    assert rows[1] == ["'=HYPERLINK(\"http://example.invalid\",\"点击\")", "-12.5"]
    assert rows[2] == ["'@SUM(A1:A9)", "-"]
    assert rows[3] == ["'+cmd|' /C calc'!A0", "+3"]
    assert rows[4] == ["'-2+3", "-1 234"]
    assert rows[5] == ["'\tTAB", "合计*"]
    assert rows[7] == ["'=注"]


# -- 8. terminal control sequences ---------------------------------------------------------------------

HOSTILE = "清屏\x1b[2J标题\x1b]0;pwned\x07剪贴板\x1b]52;c;ZWNobyBoaQ==\x07反向\u202e文字"


def test_control_sequences_are_escaped_in_text_output_and_kept_in_json(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = report_with(tmp_path, "报告\x1b[31m.txt", f"99. {MARKER}{HOSTILE}。")
    for argv in (["import", str(path)], ["list"], ["show", doc_id("000")], ["search", MARKER], ["show", path.name],
                 ["show", str(tmp_path / "无此\x1b]0;x\x07文件")]):
        code, out, err = run(capsys, *argv, "--library", str(library))
        for text in (out, err):
            assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, argv
    assert "\\u001b[2J" in run(capsys, "show", path.name, "--library", str(library))[1]
    code, out, _err = run(capsys, "show", path.name, "--json", "--library", str(library))
    assert code == 0 and any(HOSTILE in block["text"] for block in json.loads(out)["blocks"])


# -- 9-10. queries and names that used to raise -------------------------------------------------------


def test_odd_queries_give_results_or_none_never_a_traceback(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    queries = [" ".join(["工业", "发展"] * 500), " ".join(f'"词{i}"' for i in range(1000)),
               "session:" + "9" * 4301, "year:" + "2" * 5000 + " 工业", "\udcff", "工业\ud800发展"]
    for query in queries:
        code, out, err = run(capsys, "search", query, "--json", "--library", str(library))
        assert code == 0, (query[:40], err)
        assert json.loads(out)["total"] >= 0
    code, out, err = run(capsys, "search", "工业", "--limit", "9" * 20, "--json", "--library", str(library))
    assert code == 0 and json.loads(out)["hits"], err
    history = UserData(library / "userdata.sqlite").history(limit=3)
    assert history[0].query == "工业" and history[1].query == "工业\ufffd发展"


def test_a_lone_surrogate_from_argv_bytes_searches(library: Path) -> None:
    result = child("search", b"\xff\xfe", "--library", str(library))
    assert result.returncode == 0 and not result.stderr, result.stderr


def test_a_file_whose_name_is_not_utf8_imports_and_is_shown(library: Path, tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/rapport-\xe9t\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(report_with(tmp_path, "x.txt", f"99. {MARKER}。").read_bytes())
    result = child("import", raw, "--json", "--library", str(library))
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)
    assert entry["source"] == "rapport-\ufffdt\ufffd.txt"
    shown = child("show", b"rapport-\xe9t\xe9.txt", "--library", str(library))
    assert shown.returncode == 0 and MARKER in shown.stdout.decode(), shown.stderr
    catalog = json.loads((library / "catalog.json").read_text(encoding="utf-8"))["documents"]
    assert sorted(p.stem for p in (library / "documents").glob("*.txt")) == sorted(d["id"] for d in catalog)


# -- 11. damaged files, a full disk --------------------------------------------------------------------


def test_a_damaged_document_file_says_so_and_repair_sets_it_aside(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    victim = listing(capsys, library)[0]["id"]
    (library / "documents" / f"{victim}.txt").write_bytes(b"\xff\xfe\x00\x80 not utf-8 \xc3")
    code, _out, err = run(capsys, "show", victim, "--library", str(library))
    assert code == 2 and one_line(err) and "repair" in err
    code, out, err = run(capsys, "repair", "--library", str(library))
    assert code == 0 and "set aside" in err and f"{victim}.txt.damaged-" in err, err
    assert victim not in [entry["id"] for entry in listing(capsys, library)]
    assert len(listing(capsys, library)) == len(SEED_FILES) - 1


def test_an_index_replaced_by_a_file_is_set_aside_and_rebuilt(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(library / "index")
    (library / "index").write_text("not an index", encoding="utf-8")
    code, out, err = run(capsys, "search", "清洁氢", "--json", "--library", str(library))
    assert code == 0 and json.loads(out)["total"] > 0, err
    assert "kept as index.damaged-" in err
    assert (library / "index").is_dir()


@contextlib.contextmanager
def small_disk(tmp_path: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of `size_kib` KiB (root only: a real full disk)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.skipif(not IS_ROOT, reason="a real full disk needs a tmpfs mount (root)")
def test_a_full_disk_gives_one_line_and_loses_nothing(indexed_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    used = sum(p.stat().st_size for p in indexed_library.rglob("*") if p.is_file())
    with small_disk(tmp_path, used // 1024 + 8192) as disk:
        root = disk / "lib"
        shutil.copytree(indexed_library, root)
        before = listing(capsys, root)
        filler = disk / "filler"
        with filler.open("wb") as handle:  # fill what is left
            with contextlib.suppress(OSError):
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
        big = report_with(tmp_path, "big.txt", f"99. {MARKER}。\n" + "工业发展合作。\n" * 200_000)
        code, _out, err = run(capsys, "import", str(big), "--library", str(root))
        assert code == 2 and one_line(err) and "No space left on device" in err, err
        assert listing(capsys, root) == before
        shutil.rmtree(root / "index")
        for argv in (["search", "清洁氢"], ["index", "--rebuild"]):
            code, _out, err = run(capsys, *argv, "--library", str(root))
            last = err.splitlines()[-1] + "\n"  # `index` prints its progress first
            assert code == 2 and one_line(last) and "Traceback" not in err and "No space left on device" in last, (argv, err)
        assert listing(capsys, root) == before
        filler.unlink()
        code, out, err = run(capsys, "search", "清洁氢", "--json", "--library", str(root))
        assert code == 0 and json.loads(out)["total"] > 0, err


# -- 12. a read-only library ---------------------------------------------------------------------------


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` read-only: a read-only bind mount as root (root ignores permission bits),
    permission bits otherwise."""
    if IS_ROOT:
        subprocess.run(["mount", "--bind", str(path), str(path)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], check=True)
            yield
        finally:
            subprocess.run(["umount", "-l", str(path)], check=False)
    else:
        modes = {p: p.stat().st_mode for p in [path, *path.rglob("*")]}
        for p in modes:
            p.chmod(modes[p] & ~0o222)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)


def test_a_read_only_library_reads_and_searches_and_refuses_changes_in_one_line(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "search", "工业", "--library", str(library))  # a history to keep
    history = len(UserData(library / "userdata.sqlite").history())
    with read_only(library):
        assert len(listing(capsys, library)) == len(SEED_FILES)
        code, out, err = run(capsys, "show", doc_id("000"), "--library", str(library))
        assert code == 0 and out, err
        code, out, err = run(capsys, "search", "清洁氢", "--json", "--library", str(library))
        assert code == 0 and json.loads(out)["total"] > 0 and not err, err
        code, _out, err = run(capsys, "import", str(report_with(tmp_path, "new.txt", MARKER)), "--library", str(library))
        assert code == 2 and one_line(err) and "Read-only file system" in err or "Permission denied" in err, err
    assert len(UserData(library / "userdata.sqlite").history()) == history


def test_a_read_only_index_that_needs_updating_is_one_line(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / "index" / "FORMAT").write_text("format=outdated", encoding="utf-8")
    with read_only(library / "index"):
        code, _out, err = run(capsys, "search", "清洁氢", "--library", str(library))
        assert code == 2 and one_line(err) and "cannot update the search index" in err, err


# -- 13. notes: locked is not damaged; set aside is said --------------------------------------------

LOCKER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode=EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
db.execute("INSERT INTO state (key, value) VALUES ('lock', '1')")
print("locked", flush=True)
time.sleep(60)
"""


def test_a_locked_notes_file_is_waited_for_then_busy_never_set_aside(
        library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    notes = library / "userdata.sqlite"
    mine = UserData(notes)
    mine.add_bookmark("doc", "block", "保留")
    mine.close()
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(notes)], stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        monkeypatch.setattr(userdata_mod, "BUSY_TIMEOUT_S", 0.5)
        with pytest.raises(LibraryError, match="busy"):
            UserData(notes)
        code, out, err = run(capsys, "search", "清洁氢", "--library", str(library))
        assert code == 0 and "block(s)" in out and "busy" in err and one_line(err), err
    finally:
        locker.kill()
        locker.wait()
        if locker.stdout:
            locker.stdout.close()
    assert not list(library.glob("userdata.sqlite.damaged-*"))
    assert [b.title for b in UserData(notes).bookmarks()] == ["保留"]


def test_a_damaged_notes_file_set_aside_is_said_on_stderr(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{library / 'userdata.sqlite'}{suffix}").unlink(missing_ok=True)
    (library / "userdata.sqlite").write_bytes(b"this is not a database" * 100)
    code, out, err = run(capsys, "search", "清洁氢", "--library", str(library))
    assert code == 0 and "userdata.sqlite.damaged-" in err, err
    assert list(library.glob("userdata.sqlite.damaged-*"))


# -- 14. the catalog: repair, never written over lost documents, ids never paths ------------------------


@pytest.mark.parametrize("damage", [b"{garbage", b'{"documents":{}}', b'{"format": 1, "documents": []}', b""],
                         ids=["garbage", "documents-not-a-list", "empty-list", "empty-file"])
def test_a_damaged_or_emptied_catalog_is_repaired_and_never_written_over_the_documents(
        damage: bytes, library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {entry["id"]: entry for entry in listing(capsys, library)}
    (library / "catalog.json").write_bytes(damage)
    new = report_with(tmp_path, "new.txt", f"99. {MARKER}。")
    code, _out, err = run(capsys, "import", str(new), "--library", str(library))
    assert code == 2 and one_line(err) and "repair" in err, err
    assert sorted(p.stem for p in (library / "documents").glob("*.txt")) == sorted(before)
    code, out, err = run(capsys, "repair", "--library", str(library))
    assert code == 0, err
    after = {entry["id"]: entry for entry in listing(capsys, library)}
    assert set(after) == set(before)
    assert [after[doc]["title"] for doc in before] == [entry["title"] for entry in before.values()]
    code, _out, err = run(capsys, "import", str(new), "--library", str(library))
    assert code == 0, err
    assert len(listing(capsys, library)) == len(before) + 1


def test_repair_keeps_the_names_the_catalog_still_knows(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = listing(capsys, library)
    catalog = json.loads((library / "catalog.json").read_text(encoding="utf-8"))
    catalog["documents"] = catalog["documents"][1:]  # one entry lost
    (library / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    code, out, err = run(capsys, "repair", "--json", "--library", str(library))
    assert code == 0 and json.loads(out)["adopted"] == [before[0]["id"]], err
    after = {entry["id"]: entry["source"] for entry in listing(capsys, library)}
    assert after[before[0]["id"]] == f"{before[0]['id']}.txt"
    assert all(after[entry["id"]] == entry["source"] for entry in before[1:])


def test_a_catalog_id_that_is_a_path_never_reads_outside_the_library(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "outside.txt").write_text("1. 库外的秘密。\n", encoding="utf-8")
    catalog = json.loads((library / "catalog.json").read_text(encoding="utf-8"))
    catalog["documents"][0]["id"] = "../../outside"
    (library / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    code, out, err = run(capsys, "show", "../../outside", "--library", str(library))
    assert code == 2 and one_line(err) and "秘密" not in out


# -- 15. gui --screenshot with an unknown document ---------------------------------------------------------


def test_a_screenshot_of_an_unknown_document_writes_no_png(library: Path, tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    result = child("gui", "--open", "nosuchdocument", "--screenshot", str(png), "--library", str(library))
    assert result.returncode == 2 and one_line(result.stderr), result.stderr
    assert not png.exists()
