"""Scale benchmark: a whole archive (3,000 reports, ~100 MB), every figure beside its baseline.

Prints, from ONE run (so the baselines share the machine's load with the measurements):

1. import + index of the archive with both cores (one worker process), against plain
   `jieba.lcut` of the same text in one process (dictionary loaded beforehand); the peak
   memory (RSS) of the indexing process and of its workers; index size against text size;
2. query latency p50/p95/p99, snippets included, of 300 queries of all kinds (single
   words, phrases, cross-word substrings, rare and very common terms, filters): warm (in
   one search process after its first query), and cold (the first query of a fresh
   process, in-process time and the whole `unidoreader search` command against a bare
   `python -c pass`); the peak RSS of the search process;
3. adding 1 document and then 50 to the full library, and removing one (import + index
   update), against the full import + index;
4. the GUI on the full library (offscreen): time until the library pane is populated,
   and until the first and the last hit of a common query are shown in the search panel,
   against a bare PySide6 window.

Every phase that is timed or whose memory is measured runs in its own process.

    python bench/bench_scale.py [--docs 3000[,375...]] [--queries 300] [--keep DIR] [--archive DIR]

`--docs 375,3000` measures both sizes in one run (to see growth). `--archive DIR` reuses
an archive made by bench/make_archive.py (with the same --docs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

COMMON = ["工发组织", "发展", "可持续发展", "的", "工业", "国家", "合作", "方案", "成员国", "报告", "支持", "项目", "组织", "会议", "技术"]
TARGETS = {
    "index_ratio": 1.5,
    "warm_p95_ms": 100.0,
    "cold_s": 1.0,
    "index_rss_mb": 1500.0,
    "search_rss_mb": 400.0,
    "add_one_s": 2.0,
}


def peak_rss_mb(who: int) -> float:
    """Peak resident memory in MB of this process (RUSAGE_SELF) or of its largest
    waited-for child (RUSAGE_CHILDREN); ru_maxrss is in kB on Linux."""
    import resource

    return resource.getrusage(who).ru_maxrss / 1024.0


def cpu_seconds(who: int) -> float:
    """CPU time (user + system) of this process or of its waited-for children."""
    import resource

    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def by_kind(costs: list[tuple[str, float, int]]) -> dict[str, list[tuple[float, int]]]:
    """The warm queries' (cost in ms, hits) grouped by query kind, in the order first seen:
    the per-kind rows of this report and of bench_query.py."""
    kinds: dict[str, list[tuple[float, int]]] = {}
    for kind, cost, total in costs:
        kinds.setdefault(kind, []).append((cost, total))
    return kinds


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def child(phase: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one phase of this script in a fresh process; its last stdout line is JSON."""
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, *args]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- phases (each in its own process) ----------------------------------------------------


def phase_index(root: str, archive: str) -> dict[str, Any]:
    """Import the archive into a new library and index it, both cores."""
    import resource

    from unidoreader.core import index, parallel
    from unidoreader.core.library import Library

    files = sorted(Path(archive).glob("*.txt"))
    load = os.getloadavg()[0]
    started = time.perf_counter()
    library = Library.open(Path(root), seed=False)
    library.import_files(files, workers=1)
    imported = time.perf_counter() - started
    index.ensure_index(library, workers=1)
    seconds = time.perf_counter() - started
    parallel.stop_workers()  # joined: their CPU time counts in RUSAGE_CHILDREN
    return {
        "seconds": seconds,
        "import": imported,
        "rss_mb": peak_rss_mb(resource.RUSAGE_SELF),
        "worker_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "cpu_main": cpu_seconds(resource.RUSAGE_SELF),
        "cpu_workers": cpu_seconds(resource.RUSAGE_CHILDREN),
        "load": [load, os.getloadavg()[0]],
    }


def phase_search(root: str, queries_file: str) -> dict[str, Any]:
    """The first query (cold) then every query (warm) in one process."""
    import resource

    started = time.perf_counter()
    from unidoreader.core.library import Library
    from unidoreader.core.search import Searcher

    queries = json.loads(Path(queries_file).read_text(encoding="utf-8"))
    library = Library.open(Path(root), seed=False)
    searcher = Searcher(library)
    first = searcher.search(queries[0][1], limit=20)
    cold = time.perf_counter() - started
    costs: list[tuple[str, float, int]] = []
    for kind, query in queries:
        begun = time.perf_counter()
        result = searcher.search(query, limit=20)
        costs.append((kind, (time.perf_counter() - begun) * 1000, result.total))
    return {"cold": cold, "cold_total": first.total, "costs": costs, "rss_mb": peak_rss_mb(resource.RUSAGE_SELF)}


def phase_cold(root: str, query: str) -> dict[str, Any]:
    """One query in a fresh process: time from before the imports to the hits with snippets."""
    started = time.perf_counter()
    from unidoreader.core.library import Library
    from unidoreader.core.search import Searcher

    result = Searcher(Library.open(Path(root), seed=False)).search(query, limit=20)
    return {"seconds": time.perf_counter() - started, "total": result.total}


def phase_incremental(root: str, extra: str) -> dict[str, Any]:
    """Add 1 document, then 50, then remove one: each import + index update timed, and
    the first search after it (which must see the change)."""
    from unidoreader.core import index, parallel
    from unidoreader.core.library import Library
    from unidoreader.core.search import Searcher

    files = sorted(Path(extra).glob("*.txt"))
    library = Library.open(Path(root), seed=False)
    searcher = Searcher(library)
    searcher.search("工发组织", limit=20)
    out: dict[str, Any] = {}

    def segments() -> str:
        """Whoosh's segments + the gram index's (core.grams)."""
        from unidoreader.core import grams

        return f"{len(list(library.index_dir.glob('*.seg')))}+{len(grams._read_manifest(grams.grams_dir(library.index_dir)))}"

    for label, batch in (("add_one", files[:1]), ("add_fifty", files[1:51])):
        started = time.perf_counter()
        results = library.import_files(batch)
        index.ensure_index(library)
        out[label] = time.perf_counter() - started
        doc = results[-1].entry.id
        started = time.perf_counter()
        found = searcher.search(f"doc:{doc} 工发组织", limit=5)
        out[label + "_search"] = time.perf_counter() - started
        out[label + "_found"] = found.total > 0
        out[label + "_segments"] = segments()
    victim = library.entries()[len(library.entries()) // 2].id
    started = time.perf_counter()
    library.remove(victim)
    index.ensure_index(library)
    out["remove_one"] = time.perf_counter() - started
    out["remove_one_gone"] = searcher.search(f"doc:{victim}", limit=5).total == 0
    out["remove_one_segments"] = segments()
    parallel.stop_workers()
    return out


def phase_jieba(archive: str) -> dict[str, Any]:
    """Plain jieba.lcut over the archive in one process (the dictionary loaded first)."""
    from unidoreader.core import analysis

    texts = [f.read_text(encoding="utf-8") for f in sorted(Path(archive).glob("*.txt"))]
    tokenizer = analysis.load_jieba()
    tokenizer.lcut("工发组织")
    load = os.getloadavg()[0]
    started = time.perf_counter()
    cpu = time.process_time()
    for text in texts:
        tokenizer.lcut(text)
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "chars": sum(len(t) for t in texts),
            "load": [load, os.getloadavg()[0]]}


def phase_gui_bare() -> dict[str, Any]:
    """A bare PySide6 window shown (the baseline of the GUI figures)."""
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare window"))
    window.resize(1680, 1000)
    window.show()
    app.processEvents()
    return {"shown": time.perf_counter() - started}


def phase_gui(root: str, query: str = "工发组织", screenshot: str = "") -> dict[str, Any]:
    """The app on the full library, offscreen: when the library pane is populated, and
    when the first and the last hit of the first page of `query` are shown; how long
    the GUI thread was ever unresponsive (the gap between 10 ms timer ticks); filter
    and sort times of the library pane."""
    started = time.perf_counter()
    from PySide6.QtCore import QTimer

    from unidoreader.gui import app as gui_app

    qapp = gui_app.application()
    window = gui_app.create_window(Path(root), restore=False)
    window.persist = False  # as at every start: the index checked, then the gram index opened ahead
    window.resize(1680, 1000)
    window.show()
    qapp.processEvents()
    out: dict[str, Any] = {"shown": time.perf_counter() - started, "query": query}
    pane = window.library_pane
    panel = window.search_panel
    state = {"last_tick": time.perf_counter(), "stall": 0.0, "phase": "library"}

    def tick() -> None:
        now = time.perf_counter()
        state["stall"] = max(state["stall"], now - state["last_tick"])
        state["last_tick"] = now
        if state["phase"] == "library" and window.library is not None and pane.model.entries:
            qapp.processEvents()
            out["library"] = time.perf_counter() - started
            out["rows"] = pane.model.visible_documents()
            state["phase"] = "search"
            panel.query.setText(query)
            state["sent"] = time.perf_counter()
            panel.run()
        elif state["phase"] == "search" and panel.hits and "first_hit" not in out:
            out["first_hit"] = time.perf_counter() - state["sent"]
        elif state["phase"] == "search" and "first_hit" in out and not panel.running:
            out["last_hit"] = time.perf_counter() - state["sent"]
            out["hits"] = len(panel.hits)
            out["total"] = panel.total
            state["phase"] = "pane"
            begun = time.perf_counter()
            pane.filter.setText("46")
            pane.apply_filter()
            qapp.processEvents()
            out["filter_46"] = time.perf_counter() - begun
            out["filter_46_rows"] = pane.model.visible_documents()
            begun = time.perf_counter()
            pane.filter.setText("")
            pane.apply_filter()
            pane.sort.setCurrentIndex(2)  # by title
            qapp.processEvents()
            out["sort_title"] = time.perf_counter() - begun
            pane.sort.setCurrentIndex(0)
            qapp.processEvents()
            if screenshot:
                gui_app.window_image(window).save(screenshot, "PNG", 80)
            out["stall_ms"] = state["stall"] * 1000
            timer.stop()
            qapp.quit()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    window.start([], None)
    timer.start()
    QTimer.singleShot(300_000, qapp.quit)
    qapp.exec()
    sys.stdout.flush()
    print(json.dumps(out, ensure_ascii=False))
    os._exit(0)  # skip tearing down thousands of Qt objects


PHASES = {"gui": phase_gui, "gui_bare": phase_gui_bare, "index": phase_index, "search": phase_search, "cold": phase_cold, "incremental": phase_incremental, "jieba": phase_jieba}


# -- queries ---------------------------------------------------------------------------


def make_queries(archive: Path, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """`count` queries of every kind, drawn from the archive's own text and metadata."""
    from unidoreader.core import analysis

    rnd = random.Random(seed)
    files = sorted(archive.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in rnd.sample(files, min(len(files), 60))]
    norms = [analysis.normalize(t) for t in texts]
    tokenizer = analysis.load_jieba()

    def spot(length: int) -> str:
        while True:
            norm = rnd.choice(norms)
            start = rnd.randrange(0, max(1, len(norm) - length))
            piece = norm[start : start + length]
            if len(piece) == length and all(c.isalnum() for c in piece) and not piece.isdigit():
                return piece

    def word() -> str:
        while True:
            words = [w for w in tokenizer.lcut(spot(24)) if len(w) >= 2 and all(c.isalnum() for c in w) and not w.isascii()]
            if words:
                return rnd.choice(words)

    symbols = [f.stem.split("_", 1)[1].replace("-", "/") for f in files if "_AR-" not in f.name]
    plan: list[tuple[str, Any]] = [
        ("common", lambda: rnd.choice(COMMON) if rnd.random() < 0.6 else f"kind:{rnd.choice(('table', 'heading'))} {rnd.choice(COMMON)}"),
        ("rare", lambda: rnd.choice(symbols) if rnd.random() < 0.5 else spot(rnd.choice((7, 8, 10)))),
        ("word", word),
        ("phrase", lambda: f'"{spot(rnd.choice((4, 5, 6, 8)))}"'),
        ("substring", lambda: spot(rnd.choice((2, 3, 3, 4, 5)))),
        ("words", lambda: f"{word()} {word()}"),
        ("or/not", lambda: f"{word()} OR {word()}" if rnd.random() < 0.5 else f"{word()} -{word()}"),
        ("filter", lambda: rnd.choice((f"{word()} session:{rnd.randint(1, 60)}", f"{word()} year:{rnd.randint(1985, 2026)}",
                                        f"kind:table {word()}", f"kind:heading {rnd.choice(COMMON)}", f"工发组织 session:{rnd.randint(1, 60)}"))),
    ]
    shares = {"common": 0.08, "rare": 0.12, "word": 0.2, "phrase": 0.12, "substring": 0.16, "words": 0.1, "or/not": 0.07, "filter": 0.15}
    queries: list[tuple[str, str]] = [("common", "工发组织")]  # the first one is the cold query
    seen = {"工发组织"}
    for kind, make in plan:
        wanted = max(1, round(shares[kind] * count))
        for _attempt in range(wanted * 20):
            if wanted == 0:
                break
            query = make()
            if query not in seen:  # each query once: a repeated one would be served from the ranking cache
                seen.add(query)
                queries.append((kind, query))
                wanted -= 1
    return queries[:count]


# -- the run ---------------------------------------------------------------------------


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def measure(docs: int, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    import make_archive

    archive = Path(args.archive) if args.archive else work / f"archive-{docs}"
    if not args.archive:
        started = time.perf_counter()
        make_archive.make_archive(archive, docs, seed=args.seed)
        print(f"  archive made in {time.perf_counter() - started:.1f} s", flush=True)
    extra = work / f"extra-{docs}"
    shutil.rmtree(extra, ignore_errors=True)
    extra.mkdir(parents=True)
    material = make_archive.load_material()
    for number in range(docs, docs + 51):  # documents the archive does not have
        name, text = make_archive.document(number, args.seed, 33_000, material)
        (extra / name).write_text(text, encoding="utf-8")
    text_bytes = folder_bytes(archive)
    files = len(list(archive.glob("*.txt")))
    r: dict[str, Any] = {"docs": files, "text_mb": text_bytes / 1e6}
    print(f"  {files} documents, {text_bytes / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f}", flush=True)

    r["jieba"] = child("jieba", str(archive))
    print(f"  jieba.lcut: {r['jieba']['seconds']:.1f} s", flush=True)
    root = work / f"library-{docs}"
    shutil.rmtree(root, ignore_errors=True)
    r["index"] = child("index", str(root), str(archive))
    print(f"  import+index: {r['index']['seconds']:.1f} s", flush=True)
    r["index_mb"] = folder_bytes(root / "index") / 1e6
    r["index_whoosh_mb"] = sum(f.stat().st_size for f in (root / "index").iterdir() if f.is_file()) / 1e6

    queries = make_queries(archive, args.queries)
    queries_file = work / f"queries-{docs}.json"
    queries_file.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    r["search"] = child("search", str(root), str(queries_file))
    cold: dict[str, list[float]] = {}
    for label, query in (("工发组织 (common)", "工发组织"), ("rare symbol", queries[[k for k, _q in queries].index("rare")][1]),
                         ("substring", queries[[k for k, _q in queries].index("substring")][1])):
        cold[label] = [child("cold", str(root), query)["seconds"] for _ in range(args.cold_runs)]
    r["cold"] = cold
    exe = [sys.executable, "-m", "unidoreader"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}

    def wall(command: list[str]) -> float:
        runs = []
        for _ in range(args.cold_runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
            runs.append(time.perf_counter() - started)
        return statistics.median(runs)

    r["bare_python"] = wall([sys.executable, "-c", "pass"])
    r["cold_command"] = wall([*exe, "search", "工发组织", "--json", "--limit", "20", "--library", str(root)])
    print("  queries done", flush=True)

    if not args.no_gui:
        env_gui = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(work / "home")}
        try:
            r["gui"] = child("gui", str(root), "工发组织", str(work / f"gui-{docs}.png"), env=env_gui)
            r["gui"]["bare"] = statistics.median(child("gui_bare", env=env_gui)["shown"] for _ in range(3))
        except (subprocess.CalledProcessError, ValueError) as error:
            r["gui"] = {"error": str(error)}
        print("  gui done", flush=True)
    r["incremental"] = child("incremental", str(root), str(extra))
    return r


def report(r: dict[str, Any]) -> None:
    jieba_s = r["jieba"]["seconds"]
    ix = r["index"]
    print(f"\n== {r['docs']} documents, {r['text_mb']:.1f} MB of text ({r['jieba']['chars']:,} characters)")
    print(f"{'':44}{'value':>12}{'baseline':>12}{'ratio':>8}  target")

    def row(label: str, value: str, baseline: str = "", ratio: str = "", target: str = "") -> None:
        print(f"{label:44}{value:>12}{baseline:>12}{ratio:>8}  {target}")

    ratio = ix["seconds"] / jieba_s
    row("import+index, both cores (s) / jieba.lcut", f"{ix['seconds']:.1f}", f"{jieba_s:.1f}", f"{ratio:.2f}x",
        f"<= {TARGETS['index_ratio']}x {'MET' if ratio <= TARGETS['index_ratio'] else 'NOT MET'}")
    row("  of which import (parse + analysis), s", f"{ix['import']:.1f}")
    row("  of which indexing (Whoosh files), s", f"{ix['seconds'] - ix['import']:.1f}")
    if "cpu_main" in ix:  # what the ratio would be without the machine's other load: CPU seconds
        row("  CPU s: main process / workers / jieba", f"{ix['cpu_main']:.1f}", f"{ix['cpu_workers']:.1f}", f"{r['jieba']['cpu']:.1f}",
            f"(main+workers)/jieba {(ix['cpu_main'] + ix['cpu_workers']) / r['jieba']['cpu']:.2f}x")
        row("  load average at start / end: jieba, import+index", f"{r['jieba']['load'][0]:.1f}/{r['jieba']['load'][1]:.1f}",
            f"{ix['load'][0]:.1f}/{ix['load'][1]:.1f}")
    row("peak RSS indexing process (MB)", f"{ix['rss_mb']:.0f}", "", "",
        f"< {TARGETS['index_rss_mb']:.0f} {'MET' if ix['rss_mb'] < TARGETS['index_rss_mb'] else 'NOT MET'}")
    row("peak RSS largest worker (MB)", f"{ix['worker_rss_mb']:.0f}")
    row("index on disk (MB) / text", f"{r['index_mb']:.1f}", f"{r['text_mb']:.1f}", f"{r['index_mb'] / r['text_mb']:.2f}x")
    row("  of which Whoosh files (MB)", f"{r['index_whoosh_mb']:.1f}")
    s = r["search"]
    costs = [c for _k, c, _t in s["costs"]]
    p95 = percentile(costs, 0.95)
    print(f"queries: {len(costs)} warm in one process (ms), snippets of the first 20 hits included")
    row("  all: p50 / p95 / p99", f"{statistics.median(costs):.1f}", f"{p95:.1f}", f"{percentile(costs, 0.99):.1f}",
        f"p95 < {TARGETS['warm_p95_ms']:.0f} ms {'MET' if p95 < TARGETS['warm_p95_ms'] else 'NOT MET'}")
    for kind, values in by_kind(s["costs"]).items():
        times = [v[0] for v in values]
        hits = statistics.median(v[1] for v in values)
        row(f"  {kind} ({len(values)}): p50 / p95 / max", f"{statistics.median(times):.1f}", f"{percentile(times, 0.95):.1f}",
            f"{max(times):.1f}", f"median {hits:.0f} hits")
    row("peak RSS search process (MB)", f"{s['rss_mb']:.0f}", "", "",
        f"< {TARGETS['search_rss_mb']:.0f} {'MET' if s['rss_mb'] < TARGETS['search_rss_mb'] else 'NOT MET'}")
    print("first query of a fresh process (s; imports, index open, hits with snippets), median of runs")
    worst = 0.0
    for label, runs in r["cold"].items():
        worst = max(worst, statistics.median(runs))
        row(f"  {label}", f"{statistics.median(runs):.2f}", "", "", f"< {TARGETS['cold_s']:.0f} s {'MET' if statistics.median(runs) < TARGETS['cold_s'] else 'NOT MET'}")
    row("  in the search process above (工发组织)", f"{s['cold']:.2f}", "", "", f"{s['cold_total']} hits")
    row("  `unidoreader search 工发组织` / python -c pass", f"{r['cold_command']:.2f}", f"{r['bare_python']:.2f}",
        f"{r['cold_command'] / r['bare_python']:.1f}x")
    inc = r["incremental"]
    print("changes to the full library (import + index update, s) / full import+index")
    for label, name in (("add_one", "add 1 document"), ("add_fifty", "add 50 documents"), ("remove_one", "remove 1 document")):
        target = f"< {TARGETS['add_one_s']:.0f} s {'MET' if inc[label] < TARGETS['add_one_s'] else 'NOT MET'}" if label == "add_one" else ""
        row(f"  {name}", f"{inc[label]:.2f}", f"{ix['seconds']:.1f}", f"{inc[label] / ix['seconds']:.3f}x", target)
    for label in ("add_one", "add_fifty"):
        row(f"    first search after {label.replace('_', ' ')} (s)", f"{inc[label + '_search']:.2f}", "", "",
            "sees it" if inc[label + "_found"] else "DOES NOT SEE IT")
    row("    index segments (Whoosh+grams) after add 1 / 50 / remove", f"{inc['add_one_segments']}/{inc['add_fifty_segments']}/{inc['remove_one_segments']}")
    gui = r.get("gui")
    if gui:
        if "error" in gui or "library" not in gui:
            print(f"gui: failed ({gui.get('error', 'did not finish')})")
        else:
            print("gui, offscreen (s from process start) / a bare PySide6 window shown")
            row("  window shown", f"{gui['shown']:.2f}", f"{gui['bare']:.2f}", f"{gui['shown'] / gui['bare']:.1f}x")
            row("  library pane populated", f"{gui['library']:.2f}", "", "", f"{gui['rows']} documents")
            row(f"  search {gui['query']}: first hit shown", f"{gui['first_hit']:.2f}", "", "", "after the query is sent")
            row(f"  search {gui['query']}: last hit of page 1 shown", f"{gui['last_hit']:.2f}", "", "", f"{gui['hits']} of {gui['total']:,} hits listed")
            row("  library pane: filter '46' (s)", f"{gui['filter_46']:.3f}", "", "", f"{gui['filter_46_rows']} documents left")
            row("  library pane: sort by title (s)", f"{gui['sort_title']:.3f}")
            row("  longest GUI-thread stall (ms)", f"{gui['stall_ms']:.0f}", "", "", "from start to the last hit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="3000", help="comma-separated sizes, e.g. 375,3000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    parser.add_argument("--archive", metavar="DIR", help="an archive already made (one size only)")
    parser.add_argument("--no-gui", action="store_true")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](*rest), ensure_ascii=False))
        return
    sizes = [int(n) for n in args.docs.split(",")]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="unidoreader-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"bench_scale: {os.cpu_count()} cores, work in {work}")
    results = []
    try:
        for docs in sizes:
            print(f"measuring {docs} documents", flush=True)
            results.append(measure(docs, work, args))
    finally:
        (work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        for r in results:
            report(r)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
