"""English reports: parsing and stemmed search, each beside a baseline measured in the
same run, at n and at 8n (growth must stay near 8x: every stage is at most n log n).

- parse: the English rules on the lines the PDF reader gives for the six reports in
  tests/data/un-en (read once, outside the timing), against the baseline of collapsing
  every line's whitespace (the least a parser does); then the same at 8 times the lines
  (each report's lines repeated 8 times).
- search: a stemmed English query ("budgets": exact matches plus the other forms of
  its stem) against the same query as an exact phrase ('"budgets"', no stemming), on a
  library of the six PDF reports, then on 8 copies of it.

    .venv/bin/python bench/bench_english.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from unidoreader.core import readers  # noqa: E402
from unidoreader.core.parse.english import parse_english  # noqa: E402
from unidoreader.core.parse.text import collapse  # noqa: E402

from timing import best_of  # noqa: E402

UN_EN = REPO / "tests" / "data" / "un-en"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sources = [(path.name, readers.read_source(path)) for path in sorted(UN_EN.glob("*.pdf"))]

    def parse_all(scale: int) -> None:
        for name, source in sources:
            lines = list(source.lines) * scale
            text = "\n".join(line.text for line in lines)
            parse_english(text, name, hints=lines, symbol=source.symbol)

    def baseline(scale: int) -> None:
        for _name, source in sources:
            for line in list(source.lines) * scale:
                collapse(line.text)

    total_lines = sum(len(s.lines) for _n, s in sources)
    print(f"parse: {len(sources)} English PDF reports, {total_lines} lines")
    for scale in (1, 8):
        base = best_of(args.runs, lambda: baseline(scale))
        ours = best_of(args.runs if scale == 1 else max(1, args.runs // 2), lambda: parse_all(scale))
        print(f"  x{scale}: english rules {ours * 1000:8.1f} ms   baseline (collapse lines) {base * 1000:7.1f} ms   ratio {ours / base:5.1f}")

    from unidoreader.core import index
    from unidoreader.core.library import Library
    from unidoreader.core.search import Searcher

    work = Path(tempfile.mkdtemp(prefix="bench-english-"))
    try:
        times: dict[int, tuple[float, float, int]] = {}
        for scale in (1, 8):
            library = Library.open(work / f"lib{scale}", seed=False)
            files = []
            for copy in range(scale):
                for path in sorted(UN_EN.glob("*.pdf")):
                    target = work / f"c{scale}-{copy}" / path.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    # a different file each copy (one byte appended): each is a document of its own
                    target.write_bytes(path.read_bytes() + b"\n%" + str(copy).encode() + b"\n")
                    files.append(target)
            library.import_files(files, workers=0)
            index.ensure_index(library, workers=0)
            searcher = Searcher(library)
            searcher.search("budgets")  # load the stored blocks once
            stemmed = best_of(args.runs, lambda: searcher.search("budgets", limit=20))
            exact = best_of(args.runs, lambda: searcher.search('"budgets"', limit=20))
            times[scale] = (stemmed, exact, searcher.search("budgets").total)
        print("search 'budgets' (stemmed) vs '\"budgets\"' (exact phrase):")
        for scale, (stemmed, exact, total) in times.items():
            print(f"  x{scale} ({6 * scale} documents): stemmed {stemmed * 1000:7.1f} ms ({total} hits)   exact {exact * 1000:7.1f} ms   ratio {stemmed / exact:4.1f}")
        print(f"  growth x1 -> x8: stemmed {times[8][0] / times[1][0]:4.1f}x, exact {times[8][1] / times[1][1]:4.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
