"""The offline bundle (issue 7): built by packaging/build.sh, run from a clean home folder
with the network cut off, it does what the installed app does.

Slow (a PyInstaller build) but part of the default run: build.sh skips the build when
nothing that goes into the bundle changed since the last one, so a warm run costs seconds.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist" / "unidoreader"
EXECUTABLE = DIST / ("unidoreader.exe" if sys.platform == "win32" else "unidoreader")
MAX_BUNDLE_BYTES = 300 * 1000 * 1000
BUILD_TIMEOUT_S = 1500
RUN_TIMEOUT_S = 300
QUERY = "清洁氢"


# -- building and running -------------------------------------------------------------


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of the bundle with its size and mtime (to see that running writes nothing there)."""
    return {
        str(path.relative_to(root)): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in root.rglob("*")
        if not path.is_dir() or path.is_symlink()
    }


@pytest.fixture(scope="module")
def bundle() -> Iterator[dict[str, Any]]:
    """Build (or confirm up to date) the bundle with this test run's Python environment,
    then hold build.sh's lock shared, so that no other build in this checkout (another
    test run) replaces the bundle while these tests run it."""
    env = dict(os.environ, PYTHON=sys.executable)
    started = time.perf_counter()
    result = subprocess.run(
        ["bash", str(REPO / "packaging" / "build.sh")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    if result.returncode != 0:
        pytest.fail(f"packaging/build.sh failed ({result.returncode}):\n{result.stderr[-6000:]}")
    print(f"\nbuild.sh: {time.perf_counter() - started:.1f} s: {result.stderr.strip().splitlines()[-1]}")
    with open(REPO / "build" / ".build.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)
        assert EXECUTABLE.is_file(), f"build.sh succeeded but {EXECUTABLE} is missing"
        yield {"exe": EXECUTABLE, "snapshot": _snapshot(DIST)}


def _offline_prefix() -> list[str]:
    """The command prefix that runs a program with no network: `unshare -n` (root) or
    `unshare -rn` (an unprivileged user namespace)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.fail("`unshare` (util-linux) is not installed: cannot run the bundle with the network cut off")
    for prefix in ([unshare, "-n"], [unshare, "-rn"]):
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    pytest.fail(
        "cannot cut the network off: `unshare -n` needs root (CAP_SYS_ADMIN) and `unshare -rn` needs "
        "unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1); run the test as root"
    )


def _clean_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def _run_offline(
    exe: Path, home: Path, *args: str, cwd: Path | None = None
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the bundle with nothing of this machine's set-up: an empty home, a minimal
    environment (no UNIDOREADER_HOME, no XDG folders, no Python variables), no network."""
    runtime = home / ".runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",  # CI has no display; the GUI sets it itself for --screenshot
    }
    started = time.perf_counter()
    result = subprocess.run(
        [*_offline_prefix(), str(exe), *args],
        cwd=cwd or home,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    return result, time.perf_counter() - started


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args[-3:]} exited {result.returncode}:\n{result.stderr[-4000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-4000:]
    return result


def _json(result: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(_ok(result).stdout)


def _installed(library: Path, *args: str) -> Any:
    """The same command from the installed app (this environment), on its own library."""
    env = dict(os.environ, UNIDOREADER_HOME=str(library), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "unidoreader", *args], env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S
    )
    return _json(result)


def _user_library(home: Path) -> Path:
    """Where the frozen app must keep its library on this platform: the user data folder."""
    return home / ".local" / "share" / "unidoreader"


def _doc_id(listing: list[dict[str, Any]], source_prefix: str) -> str:
    (doc,) = [r["id"] for r in listing if r["source"].startswith(source_prefix)]
    return doc


# -- the acceptance of issue 7 -----------------------------------------------------------


def test_first_search_on_a_new_machine_finds_the_bundled_reports(bundle: dict[str, Any], tmp_path: Path) -> None:
    home = _clean_home(tmp_path)
    result, elapsed = _run_offline(bundle["exe"], home, "search", QUERY, "--json")
    print(f"\nfirst `search {QUERY} --json` from an empty home, offline: {elapsed:.2f} s (target < 5 s)")
    found = _json(result)
    assert found["query"] == QUERY
    assert found["total"] >= 1 and found["hits"], found
    for hit in found["hits"]:
        assert QUERY in "".join(hit["snippet"].replace("«", "").replace("»", "").split()), hit
        assert "«" in hit["snippet"], hit

    # The library went to the user data folder, seeded with the bundled reports...
    library = _user_library(home)
    listing = _json(_run_offline(bundle["exe"], home, "list", "--json")[0])
    seeds = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert sorted(r["source"] for r in listing) == seeds
    assert {hit["doc"] for hit in found["hits"]} <= {r["id"] for r in listing}
    assert (library / "catalog.json").is_file()
    # ...and its index is the one built at build time (same Whoosh segments), not a rebuild.
    shipped = {p.name for p in (DIST.rglob("seeds/index/*.seg"))}
    assert shipped, "the bundle carries no prebuilt index (seeds/index/*.seg)"
    assert {p.name for p in (library / "index").glob("*.seg")} == shipped


def test_cli_commands_answer_as_the_installed_app(bundle: dict[str, Any], tmp_path: Path) -> None:
    home = _clean_home(tmp_path)
    installed_library = tmp_path / "installed-library"
    listing = _json(_run_offline(bundle["exe"], home, "list", "--json")[0])
    assert listing == _installed(installed_library, "list", "--json")
    report = _doc_id(listing, "004")
    for command in (["outline", report], ["show", report], ["tables", report], ["search", QUERY, "--limit", "50"]):
        frozen = _json(_run_offline(bundle["exe"], home, *command, "--json")[0])
        assert frozen == _installed(installed_library, *command, "--json"), command

    batch = tmp_path / "queries.txt"
    batch.write_text(f"{QUERY}\n工业发展\n", encoding="utf-8")
    lines = _ok(_run_offline(bundle["exe"], home, "search", "--batch", str(batch), "--json")[0]).stdout.splitlines()
    assert [json.loads(line)["query"] for line in lines] == [QUERY, "工业发展"]

    csv_dir = tmp_path / "csv"
    _ok(_run_offline(bundle["exe"], home, "tables", report, "--csv", str(csv_dir))[0])
    tables = _json(_run_offline(bundle["exe"], home, "tables", report, "--json")[0])
    assert len(list(csv_dir.glob("*.csv"))) == len(tables) >= 1

    rebuilt = _run_offline(bundle["exe"], home, "index", "--rebuild")[0]
    _ok(rebuilt)
    assert _json(_run_offline(bundle["exe"], home, "search", QUERY, "--json")[0])["hits"]

    bad = _run_offline(bundle["exe"], home, "show", "no-such-document")[0]
    assert bad.returncode != 0 and bad.stderr.strip().count("\n") == 0 and "Traceback" not in bad.stderr


def test_imported_report_is_searchable_offline(bundle: dict[str, Any], tmp_path: Path) -> None:
    """Import indexes with jieba inside the bundle (its dictionary and a writable cache)."""
    home = _clean_home(tmp_path)
    source = next((REPO / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
    new_report = tmp_path / "new-report.txt"
    marker = "氢能示范园区建设"
    new_report.write_text(source + f"\n\n99. 本段落讨论{marker}的进展。\n", encoding="utf-8")
    imported = _json(_run_offline(bundle["exe"], home, "import", str(new_report), "--json")[0])
    assert [r["added"] for r in imported] == [True]
    found = _json(_run_offline(bundle["exe"], home, "search", marker, "--json")[0])
    assert {hit["doc"] for hit in found["hits"]} == {imported[0]["id"]}
    # jieba loaded its dictionary from the bundle and cached it in the user's own folders.
    assert list(home.rglob("jieba*.cache")), "jieba wrote no dictionary cache under the home folder"


def test_a_pdf_and_a_word_file_import_offline_with_their_pages(bundle: dict[str, Any], tmp_path: Path) -> None:
    """pypdfium2 (and its PDFium library) and python-docx travel in the bundle."""
    home = _clean_home(tmp_path)
    typeset = REPO / "tests" / "data" / "typeset"
    imported = _json(_run_offline(bundle["exe"], home, "import", str(typeset / "001.pdf"), str(typeset / "001.docx"), "--json")[0])
    assert [r["added"] for r in imported] == [True, True]
    assert [r["symbol"] for r in imported] == ["IDB.52/9", "IDB.52/9"] and [r["paragraphs"] for r in imported] == [23, 23]
    outlines = [_json(_run_offline(bundle["exe"], home, "outline", r["id"], "--json")[0]) for r in imported]
    assert [o["label"] for o in outlines[0]] == ["一", "二", "三", "A", "B", "C", "D", "E", "四"] and outlines[0] == outlines[1]
    found = _json(_run_offline(bundle["exe"], home, "search", f"清洁氢 doc:{imported[0]['id']}", "--json")[0])
    assert found["hits"] and found["hits"][0]["page"] == 2
    png = tmp_path / "page.png"
    _run_offline(bundle["exe"], home, "page", imported[0]["id"], "2", "-o", str(png), "--dpi", "60")
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_big_import_segments_in_worker_processes_of_the_bundle(bundle: dict[str, Any], tmp_path: Path) -> None:
    """Enough text makes the indexer segment in worker processes ("spawn"); in a frozen
    app they start only if the entry script calls multiprocessing.freeze_support()."""
    home = _clean_home(tmp_path)
    seeds_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt")))
    files = []
    for number in range(2):
        path = tmp_path / f"compilation-{number}.txt"
        path.write_text(f"{seeds_text}\n\n1. 汇编第{number}号的独有段落。\n" * 2, encoding="utf-8")
        files.append(path)
    result, elapsed = _run_offline(bundle["exe"], home, "import", *map(str, files), "--json")
    print(f"\nimport of {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in the bundle: {elapsed:.1f} s")
    imported = _json(result)
    assert [r["added"] for r in imported] == [True, True]
    assert "usage:" not in result.stderr and "unavailable" not in result.stderr, result.stderr[-2000:]
    for number, record in enumerate(imported):
        found = _json(_run_offline(bundle["exe"], home, "search", f"汇编第{number}号", "--json")[0])
        assert {hit["doc"] for hit in found["hits"]} == {record["id"]}


def test_print_writes_a_pdf_with_the_section_text(bundle: dict[str, Any], tmp_path: Path) -> None:
    home = _clean_home(tmp_path)
    listing = _json(_run_offline(bundle["exe"], home, "list", "--json")[0])
    report = _doc_id(listing, "000")
    outline = _json(_run_offline(bundle["exe"], home, "outline", report, "--json")[0])
    section = next(s for s in outline if s["level"] == 1 and s["title"])
    pdf = tmp_path / "briefing.pdf"
    _ok(_run_offline(bundle["exe"], home, "print", report, "--sections", section["id"], "-o", str(pdf))[0])
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to check the printed text: bash scripts/dev.sh setup")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "".join(section["title"].split()) in flat, flat[:500]
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in flat), "radical code points in the PDF text"


def test_gui_screenshot_from_a_clean_home(bundle: dict[str, Any], tmp_path: Path) -> None:
    home = _clean_home(tmp_path)
    shot = tmp_path / "window.png"
    result, elapsed = _run_offline(bundle["exe"], home, "gui", "--search", QUERY, "--screenshot", str(shot))
    print(f"\n`gui --search {QUERY} --screenshot` from an empty home, offline: {elapsed:.2f} s")
    _ok(result)
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull(), f"{shot} is not an image"
    assert image.width() >= 800 and image.height() >= 500
    sample = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}
    assert len(sample) > 8, "the screenshot is (nearly) blank"


def test_bundle_size_and_contents(bundle: dict[str, Any]) -> None:
    files = [p for p in DIST.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    print(f"\nbundle: {size / 1e6:.0f} MB in {len(files)} files")
    assert size <= MAX_BUNDLE_BYTES, f"the bundle is {size / 1e6:.0f} MB (limit {MAX_BUNDLE_BYTES / 1e6:.0f} MB)"
    names = {str(p.relative_to(DIST)).replace(os.sep, "/") for p in files}

    def has(suffix: str) -> bool:
        return any(name.endswith(suffix) for name in names)

    assert has("jieba/dict.txt") and has("resources/jieba/userdict.txt")
    assert any("/resources/fonts/" in n and n.lower().endswith((".ttf", ".otf")) for n in names)
    assert any("/resources/fonts/" in n and "OFL" in n.upper() for n in names), "the font licence must travel"
    assert any("/resources/translations/" in n and n.endswith(".qm") for n in names)
    for unused in ("Network", "Qml", "Quick", "WebEngine", "3D", "Multimedia"):
        assert not any(f"Qt{unused}" in n or f"Qt6{unused}" in n for n in names), f"Qt {unused} is in the bundle"


def test_running_the_bundle_writes_nothing_inside_it(bundle: dict[str, Any]) -> None:
    """So it runs from a read-only share or USB stick (runs after the tests above)."""
    assert _snapshot(DIST) == bundle["snapshot"]
