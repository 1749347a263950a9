"""PDF import and page rendering, next to pypdfium2's plain text extraction in the same run.

The document: the annual report (seed 004) typeset by tests/data/typeset/make.py --bench
to about PAGES pages of Chinese text (LibreOffice's PDF, embedded CJK font); it is made
once and kept in bench/.cache/. Figures are the best of N runs.

- baseline: open the PDF with pypdfium2 and `get_text_range()` every page (the least any
  PDF import does);
- read: core.readers.read_source (characters with boxes, lines, columns, furniture, notes);
- import: read + parse (build_report), i.e. a library import without writing and indexing;
- growth: the same at PAGES/8 pages (the first pages of the same file), for n log n;
- render: one page at 150 dpi (pypdfium2 render + copy out), per page.

    .venv/bin/python bench/bench_pdf.py [--pages 100] [--runs 3]
    .venv/bin/python bench/bench_pdf.py --pages 500   # the 500-page import (n = 500, n/8 = 62)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import pypdfium2 as pdfium  # noqa: E402

from unidoreader.core import readers  # noqa: E402
from unidoreader.core.readers import pdf  # noqa: E402

from timing import best_of  # noqa: E402

CACHE = REPO / "bench" / ".cache"


def document(pages: int) -> Path:
    """A PDF of exactly `pages` pages: make.py's typeset report (asked for more pages when
    its estimate falls short), cut to its first `pages` pages."""
    CACHE.mkdir(parents=True, exist_ok=True)
    exact = CACHE / f"bench-{pages}-pages.pdf"
    if exact.exists():
        return exact
    request = pages
    for _attempt in range(4):
        path = CACHE / f"bench-{request}.pdf"
        if not path.exists():
            print(f"typesetting a report of about {request} pages with LibreOffice (once)…", file=sys.stderr)
            subprocess.run([sys.executable, str(REPO / "tests" / "data" / "typeset" / "make.py"), "--bench", str(request), "--out", str(CACHE)],
                           check=True)
        got = pdf.page_count(path.read_bytes(), path.name)
        if got >= pages:
            exact.write_bytes(first_pages(path.read_bytes(), pages))
            return exact
        request = -(-request * pages * 21 // (got * 20))  # 5% more than the shortfall
    raise SystemExit(f"could not typeset {pages} pages")


def first_pages(data: bytes, count: int) -> bytes:
    """The first `count` pages of a PDF as a PDF of their own."""
    import io

    source = pdfium.PdfDocument(data)
    target = pdfium.PdfDocument.new()
    target.import_pages(source, list(range(min(count, len(source)))))
    out = io.BytesIO()
    target.save(out)
    return out.getvalue()


def plain(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    chars = 0
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    document.close()
    return chars


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = document(args.pages)
    data = path.read_bytes()
    small = first_pages(data, max(1, args.pages // 8))
    npages = pdf.page_count(data, "bench")
    nsmall = pdf.page_count(small, "bench-small")
    chars = plain(data)
    print(f"{path.name}: {npages} pages, {chars} characters of text, {len(data) / 1e6:.1f} MB")

    rows = []
    for label, blob, n in (("n", data, npages), ("n/8", small, nsmall)):
        base = best_of(args.runs, lambda: plain(blob))
        read = best_of(args.runs, lambda: readers.read_source(Path("bench.pdf"), blob))
        source = readers.read_source(Path("bench.pdf"), blob)
        imported = best_of(args.runs, lambda: readers.build_report(readers.read_source(Path("bench.pdf"), blob), "bench.pdf"))
        rows.append((label, n, base, read, imported))
        print(f"{label:>4} ({n:3d} pages)  plain get_text_range {base * 1000:8.1f} ms   read {read * 1000:8.1f} ms ({read / base:4.1f}x)"
              f"   read+parse {imported * 1000:8.1f} ms ({imported / base:4.1f}x, target <= 4x)   {len(source.lines)} lines")
    (_, n_big, _, _, big), (_, n_small, _, _, small_t) = rows
    import math

    ratio = n_big / n_small
    bound = ratio * math.log(n_big) / math.log(n_small)  # what n log n grows by from n_small to n_big pages
    print(f"growth: {ratio:.1f}x the pages took {big / small_t:.1f}x the time (linear {ratio:.1f}x, n log n {bound:.1f}x:"
          f" {'within' if big / small_t <= bound else 'OVER'} n log n)")

    sample = list(range(0, npages, max(1, npages // 10)))[:10]
    render = best_of(args.runs, lambda: [pdf.render_page(data, i, 150) for i in sample]) / len(sample)
    width, height, _pixels, mode = pdf.render_page(data, 0, 150)
    print(f"render at 150 dpi: {render * 1000:.1f} ms a page ({width}x{height} {mode}), best of {args.runs} over {len(sample)} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
