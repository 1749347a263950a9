"""Reference finding (core.references) at n and 8n, next to a baseline in the same run.

Baseline: one pass of a simple regular expression (runs of digits) over the same text,
the least a regex-based finder costs. Inputs: the seeds' text repeated, and an
adversarial text of near-misses (symbols cut short, long lists, runs of spaces and line
breaks), which would show a backtracking pattern as worse-than-linear growth.
Also: the references of a whole library of N documents (cited-by), cold and cached.

    /work/venv/bin/python bench/bench_references.py [--runs N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from unidoreader.core import references  # noqa: E402
from unidoreader.core.parse import read_text  # noqa: E402

from timing import best_of  # noqa: E402

ADVERSARIAL = ("GC.17/ / / Res. " + "A/" * 20 + "第 1、2、3、4、5、6、7、8 " + "  \n" * 5 + "paragraphs 1, 2, 3, 4 and "
               + "IDB.1/Add.1/Rev.1/" + "resolution 70/" + "第" * 10 + "号决议")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--docs", type=int, default=10, help="documents in the library benchmark, n and 8n (0: skip)")
    args = parser.parse_args()
    seeds = "".join(read_text(p) for p in sorted((REPO / "seeds").glob("*.txt")))
    digits = re.compile(r"\d+")
    print(f"{'input':24} {'chars':>10} {'baseline s':>11} {'find s':>9} {'ratio':>6}")
    for name, unit, n in (("seeds", seeds, 1), ("adversarial", ADVERSARIAL, 2000)):
        times = []
        for scale in (n, 8 * n):
            text = unit * scale
            base = best_of(args.runs, lambda: digits.findall(text))
            found = best_of(args.runs, lambda: references.find_references(text))
            times.append(found)
            print(f"{name + ' x' + str(scale):24} {len(text):>10} {base:>11.4f} {found:>9.4f} {found / base:>6.1f}")
        print(f"{'':24} growth at 8x: {times[1] / times[0]:.1f}x")
    if args.docs:
        from unidoreader.core.library import Library

        files = sorted((REPO / "seeds").glob("*.txt"))
        texts = [read_text(p) for p in files]
        print(f"{'library':24} {'docs':>6} {'first s':>9} {'cached s':>9} {'counts s':>9} {'citing':>7}")
        for docs in (args.docs, 8 * args.docs):
            root = Path(tempfile.mkdtemp(prefix="bench-refs-"))
            try:
                library = Library.open(root / "lib", seed=False)
                # distinct texts (ids are content hashes); the parse cache is bypassed by the distinct texts
                library.import_texts([(texts[n % len(texts)] + f"\n附注 {n}\n", f"doc{n}.txt") for n in range(docs)], workers=0)
                start = time.perf_counter()
                references.LibraryReferences(library).cited_by("GC.15/Res.1")
                cold = time.perf_counter() - start
                start = time.perf_counter()
                refs = references.LibraryReferences(library)
                hits = refs.cited_by("GC.15/Res.1")
                warm = time.perf_counter() - start
                start = time.perf_counter()
                refs.counts()
                refs.by_target()
                counting = time.perf_counter() - start
                print(f"{'cited-by':24} {docs:>6} {cold:>9.3f} {warm:>9.3f} {counting:>9.3f} {len(hits):>7}")
            finally:
                shutil.rmtree(root, ignore_errors=True)
        print("first: finds every document's references (the import left the reports parsed in memory) and writes the caches; cached: a new LibraryReferences reads them; counts: the library's resolutions list")
    return 0


if __name__ == "__main__":
    sys.exit(main())
