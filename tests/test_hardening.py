"""What real machines do to a reader: an indexer killed mid-way, two copies of the app
at once, arbitrary query syntax. Each test drives the real CLI in separate processes
where the fault is about processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FUZZ_SCALE, SEED_FILES, seed
from unidoreader.core.library import Library
from unidoreader.core.search import Searcher, parse_query

MARKER = "附加段落标记"


def cli(*argv: str, library: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unidoreader", *argv, "--library", str(library)],
        capture_output=True, text=True, timeout=300,
    )


def library_with_variants(root: Path, count: int) -> Library:
    """The seeds plus `count` distinct reports, imported without indexing them."""
    library = Library.open(root)
    base = seed("000").read_text(encoding="utf-8")
    variants = []
    for i in range(count):
        path = root.parent / f"variant-{i}.txt"
        path.write_text(f"{base}\n\n{i + 1}00. {MARKER}第{i}号。\n", encoding="utf-8")
        variants.append(path)
    library.import_files(variants)
    return library


def search_total(query: str, library: Path) -> int:
    result = cli("search", query, "--json", "--limit", "1000", library=library)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["total"]


@pytest.mark.parametrize("rebuild", [False, True], ids=["update", "rebuild"])
def test_an_indexer_killed_mid_way_heals_on_the_next_command(tmp_path: Path, rebuild: bool) -> None:
    root = tmp_path / "lib"
    variants = 30
    library_with_variants(root, variants)
    if rebuild:
        assert cli("index", library=root).returncode == 0
    argv = [sys.executable, "-m", "unidoreader", "index", "--library", str(root)] + (["--rebuild"] if rebuild else [])
    indexer = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert indexer.stderr is not None
    seen = []
    for line in indexer.stderr:  # wait until it is really writing, then pull the plug
        seen.append(line)
        if line.startswith("[3/"):
            break
    os.killpg(indexer.pid, signal.SIGKILL)
    indexer.wait()
    indexer.stderr.close()
    assert any(line.startswith("[3/") for line in seen), seen

    # the next command finds every document, as if nothing had happened
    assert search_total(MARKER, root) == variants
    listing = cli("list", "--json", library=root)
    assert len(json.loads(listing.stdout)) == len(SEED_FILES) + variants


def test_two_copies_of_the_app_import_index_and_search_at_once(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    Library.open(root)
    base = seed("001").read_text(encoding="utf-8")
    batches = []
    for name in ("甲", "乙"):
        files = []
        for i in range(4):
            path = tmp_path / f"{name}{i}.txt"
            path.write_text(f"{base}\n\n99. {name}方{MARKER}{i}。\n", encoding="utf-8")
            files.append(str(path))
        batches.append(files)
    running = [
        subprocess.Popen([sys.executable, "-m", "unidoreader", "import", *files, "--library", str(root)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for files in batches
    ]
    outcomes = [proc.communicate(timeout=300) for proc in running]
    assert [proc.returncode for proc in running] == [0, 0], outcomes
    assert search_total(MARKER, root) == 8
    assert search_total(f"甲方{MARKER}", root) == 4 and search_total(f"乙方{MARKER}", root) == 4


QUERY_PIECES = list('清洁氢工业发展 "\'-+():*?~^[]{}\\/!ORNTAD') + [
    "session:", "year:", "doc:", "kind:", " OR ", " NOT ", "工发组织", "46", "2020", "\u3000", "ＡＢ"]
QUERY_TEXT = st.lists(st.sampled_from(QUERY_PIECES), max_size=15).map("".join)


@settings(max_examples=300 * FUZZ_SCALE, deadline=None)
@given(QUERY_TEXT)
def test_the_query_parser_takes_anything(text: str) -> None:
    parsed = parse_query(text)
    assert isinstance(parsed.filters, dict)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    return Searcher(Library.open(tmp_path_factory.mktemp("fuzz") / "lib"))


@settings(max_examples=60 * FUZZ_SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(QUERY_TEXT, st.text(max_size=12)))
def test_any_query_gives_hits_or_none_never_an_error(searcher: Searcher, text: str) -> None:
    result = searcher.search(text, limit=5)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert hit.block and hit.doc


def test_an_enormous_file_is_refused_in_one_line_and_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    Library.open(root)
    before = cli("list", "--json", library=root).stdout
    big = tmp_path / "大 文件.txt"
    chunk = seed("000").read_bytes()
    with big.open("wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    result = cli("import", str(big), library=root)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "大 文件.txt" in result.stderr and "too large" in result.stderr
    assert cli("list", "--json", library=root).stdout == before
