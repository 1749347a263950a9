"""Search benchmark: a library of 100 reports made from the seeds, figures side by side.

Prints, from ONE run (so the baselines share the machine's load with the measurements):

1. import + index time of the 100 reports, against plain jieba segmentation of the same
   text in one process (`jieba.cut` over every document, dictionary already loaded);
   target at most 2x, and under 1x by using both cores;
2. the cost of one query within a batch (p50/p95 over many queries, in-process Searcher
   and the `search --batch` command), target under 50 ms;
3. the wall time of one `unidoreader search` command from a cold process on that
   library, against a bare `python -c pass`, target under 2.5 s.

Usage: .venv/bin/python bench/bench_search.py [--reports 100] [--queries 300] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
FIXED_QUERIES = [
    "工发组织", "清洁氢", "GC.17/Res.6", "A/75/158", "1.777亿美元", "COVID-19", "工业4.0",
    "中等收入国家", "国别伙伴关系方案", "可持续发展目标", '"包容及可持续工业发展"', "氢",
    "清洁氢 OR 绿色氢", "中等收入国家 -合作", "session:46 工发组织", "year:2020 技术合作",
    "工发组织合作框架", "循环经济 气候变化", "的", "kind:heading 工发组织",
]


def variant(text: str, number: int) -> str:
    """A report of the same kind as `text` with different content: lines dropped,
    repeated and swapped locally, figures changed (so hashes and segmentation differ)."""
    rnd = random.Random(number)
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        roll = rnd.random()
        if roll < 0.04:
            continue
        if roll < 0.07 and out:
            out[-1], line = line, out[-1]
        if roll > 0.97:
            out.append(line)
        out.append(line)
    shifted = "\n".join(out)
    digits = str.maketrans("0123456789", "".join(rnd.sample("0123456789", 10)))
    # Change figures in one line out of five; keep the rest (session numbers, dates) intact.
    lines = shifted.split("\n")
    for i in range(0, len(lines), 5):
        lines[i] = lines[i].translate(digits)
    return "\n".join(lines) + f"\n（第{number}号样本）\n"


def make_reports(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(count):
        seed = SEEDS[number % len(SEEDS)]
        path = folder / f"r{number:03d}_{seed.stem}.txt"
        path.write_text(variant(seed.read_text(encoding="utf-8"), number), encoding="utf-8")
        files.append(path)
    return files


def _phases(library: object, jieba_time: float) -> str:
    """Parse, segment (analyse_report) and Whoosh writing timed separately on the library."""
    from unidoreader.core import index, parse

    entries = library.entries()  # type: ignore[attr-defined]
    texts = [(library.text(e.id), e.source) for e in entries]  # type: ignore[attr-defined]
    started = time.perf_counter()
    reports = [parse.parse_text(text, source) for text, source in texts]
    parsing = time.perf_counter() - started
    started = time.perf_counter()
    analysed = [index.analyse_report(report) for report in reports]
    analysing = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        ix = index._storage(Path(folder)).create_index(index.schema())
        started = time.perf_counter()
        writer = index._writer(ix)  # the writer the indexer uses
        for doc in analysed:  # the postings were made by analyse_report (in workers, when indexing)
            writer.add_prepared({**doc.postings, **index.field_postings({"doc": doc.doc})}, {"doc": doc.doc})
        writer.commit()
        writing = time.perf_counter() - started
        ix.close()
    return f"parse {parsing / jieba_time:.2f}, segment+grams {analysing / jieba_time:.2f}, Whoosh write {writing / jieba_time:.2f}"


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (worker processes included)."""
    try:
        import resource
    except ImportError:  # Windows
        return time.process_time()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def random_queries(texts: list[str], count: int, rnd: random.Random) -> list[str]:
    from unidoreader.core.analysis import normalize

    queries = list(FIXED_QUERIES)
    while len(queries) < count:
        text = normalize(rnd.choice(texts))
        length = rnd.choice([1, 2, 2, 3, 3, 4, 4, 5, 6, 8])
        start = rnd.randrange(0, max(1, len(text) - length))
        piece = text[start : start + length]
        if piece and '"' not in piece and not piece.startswith("-"):
            queries.append(piece)
    return queries[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--keep", metavar="DIR", help="build the library in DIR and keep it")
    args = parser.parse_args()

    from unidoreader.core import analysis, index, parallel
    from unidoreader.core.library import Library
    from unidoreader.core.search import Searcher

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="unidoreader-bench-"))
    files = make_reports(work / "reports", args.reports)
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    print(f"library: {len(files)} reports, {chars:,} characters, {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")

    # -- 1. baseline: plain jieba in one process (dictionary loaded beforehand, not timed)
    started = time.perf_counter()
    tokenizer = analysis.load_jieba()
    jieba_load = time.perf_counter() - started
    started = time.perf_counter()
    cpu_before = _cpu_seconds()
    for text in texts:
        for _word in tokenizer.cut(text):
            pass
    jieba_time = time.perf_counter() - started
    jieba_cpu = _cpu_seconds() - cpu_before

    # -- import + index in one process, then with a worker process (both cores)
    from unidoreader.core import library as library_module

    timings = {}
    for label, workers in (("import+index, 1 process", 0), ("import+index, 2 processes", 1)):
        root = work / f"library-{workers}"
        if root.exists():
            import shutil

            shutil.rmtree(root)
        library_module._parse_cached.cache_clear()  # no help from the previous run's parses
        load = os.getloadavg()[0]
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        library = Library.open(root, seed=False)
        library.import_files(files, workers=workers)
        imported = time.perf_counter() - started
        index.ensure_index(library, workers=workers)
        seconds = time.perf_counter() - started
        parallel.stop_workers()  # idle workers linger for the next job: end them to count their CPU
        timings[label] = (seconds, imported, _cpu_seconds() - cpu_before, load)
    library = Library.open(work / "library-1", seed=False)

    print()
    print(f"{'':34}{'seconds':>9}{'x jieba':>9}{'cpu s':>9}")
    print(f"{'plain jieba.cut, 1 process':34}{jieba_time:9.2f}{1.0:9.2f}{jieba_cpu:9.2f}   (dictionary load {jieba_load:.2f} s, not counted)")
    for label, (seconds, imported, cpu, load) in timings.items():
        print(f"{label:34}{seconds:9.2f}{seconds / jieba_time:9.2f}{cpu:9.2f}   (import/parse {imported:.2f} s; load average {load:.1f} at start)")
    started = time.perf_counter()
    index.ensure_index(library)
    print(f"{'re-index, nothing changed':34}{time.perf_counter() - started:9.3f}")
    print("  where one process spends it, phase by phase (x jieba):", _phases(library, jieba_time))

    # -- 2. queries within a batch
    rnd = random.Random(7)
    queries = random_queries(texts, args.queries, rnd)
    searcher = Searcher(library)
    searcher.search(queries[0])  # open the index (counted in the cold-process figure below)
    costs = []
    for query in queries:
        started = time.perf_counter()
        searcher.search(query, limit=20)
        costs.append((time.perf_counter() - started) * 1000)
    batch_file = work / "queries.txt"
    batch_file.write_text("\n".join(queries) + "\n", encoding="utf-8")
    exe = [sys.executable, "-m", "unidoreader"]
    started = time.perf_counter()
    subprocess.run([*exe, "search", "--batch", str(batch_file), "--json", "--library", str(library.root)], check=True, stdout=subprocess.DEVNULL)
    batch_wall = time.perf_counter() - started

    # -- 3. one cold search command
    def wall(command: list[str]) -> float:
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            runs.append(time.perf_counter() - started)
        return statistics.median(runs)

    bare = wall([sys.executable, "-c", "pass"])
    cold = wall([*exe, "search", "工发组织 清洁氢", "--json", "--library", str(library.root)])
    cold_common = wall([*exe, "search", "发展", "--json", "--library", str(library.root)])

    print()
    print(f"queries in a batch ({len(queries)}: {len(FIXED_QUERIES)} fixed + random substrings of the reports)")
    print(f"{'  in-process Searcher, p50':34}{statistics.median(costs):9.1f} ms")
    print(f"{'  in-process Searcher, p95':34}{percentile(costs, 0.95):9.1f} ms")
    print(f"{'  in-process Searcher, max':34}{max(costs):9.1f} ms")
    print(f"{'  search --batch, per query':34}{batch_wall / len(queries) * 1000:9.1f} ms   (whole command {batch_wall:.2f} s, start-up included)")
    print()
    print("one search command from a cold process (median of 5)")
    print(f"{'  python -c pass':34}{bare:9.2f} s")
    print(f"{'  search 工发组织 清洁氢 --json':34}{cold:9.2f} s")
    print(f"{'  search 发展 --json':34}{cold_common:9.2f} s")
    print(f"\nlibrary kept in {work}" if args.keep else "")


if __name__ == "__main__":
    main()
