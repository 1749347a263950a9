"""Comparing two reports: core.compare against difflib.SequenceMatcher, measured in one run.

    .venv/bin/python bench/bench_compare.py

1. The annual report 004 (187 KB, 658 blocks) against a copy of itself with 20 seeded
   edits (tests/core/compare_edits.py): core.compare, beside difflib.SequenceMatcher on the
   same two block lists (normalised texts), and whether each found exactly the edits made.
2. The app's compare of two ~200 KB reports (004 plus 002 and 003 against next year's version of
   it: every figure changed, a fifth of the paragraphs reworded, edits as above), with a
   cold token cache, jieba already loaded (the app loads it at start): target < 2 s.
3. Growth: the same at n and 8n blocks (8 distinct copies of 004 back to back); n log n
   work grows ~8-9x, all-pairs work 64x.
"""

from __future__ import annotations

import difflib
import os
import random
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.core.compare_edits import edit, found, new_texts  # noqa: E402
from unidoreader.core import analysis, compare as compare_module  # noqa: E402
from unidoreader.core.compare import SAME, compare  # noqa: E402
from unidoreader.core.library import read_report  # noqa: E402
from unidoreader.core.model import Block, BlockKind, Report, block_id  # noqa: E402

SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def seed(prefix: str) -> Report:
    return read_report(next(p for p in SEEDS if p.name.startswith(prefix)))


def cold() -> None:
    compare_module._CACHE.items.clear()


CPU: dict[int, float] = {}  # id(result) -> CPU seconds of the best run


def timed(fn, repeat: int = 3) -> tuple[float, object]:  # noqa: ANN001
    """Best wall time of `repeat` cold runs (token cache emptied); its CPU time in CPU."""
    best, result, cpu = float("inf"), None, 0.0
    for _ in range(repeat):
        cold()
        started, started_cpu = time.perf_counter(), time.process_time()
        result = fn()
        elapsed = time.perf_counter() - started
        if elapsed < best:
            best, cpu = elapsed, time.process_time() - started_cpu
    CPU[id(result)] = cpu
    return best, result


def difflib_blocks(old: Report, new: Report) -> list[tuple[str, int, int, int, int]]:
    a = [analysis.normalize(b.text) for b in old.blocks]
    b = [analysis.normalize(b.text) for b in new.blocks]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def difflib_found(old: Report, new: Report, opcodes) -> set:  # noqa: ANN001
    """What difflib's block diff says, in the pairs' terms: equal runs are `same`, a replace of
    k by k blocks pairs them in order as `changed`, everything else added/removed."""
    out = set()
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2)):
                out.add((frozenset([old.blocks[i].id]), frozenset([new.blocks[j].id]), SAME if op == "equal" else "changed"))
        else:
            out.update((frozenset([old.blocks[i].id]), frozenset(), "removed") for i in range(i1, i2))
            out.update((frozenset(), frozenset([new.blocks[j].id]), "added") for j in range(j1, j2))
    return out


def score(expected: set, got: set) -> str:
    want = {e for e in expected if e[2] != SAME}
    have = {e for e in got if e[2] != SAME}
    right = len(want & have)
    precision = right / len(have) if have else 1.0
    recall = right / len(want) if want else 1.0
    return f"precision {precision:.2f} recall {recall:.2f}"


def next_year(report: Report, rng: random.Random, donors: list[str]) -> Report:
    """Every figure changed, a fifth of the paragraphs reworded, then a seeded edit script."""
    seen: dict[str, int] = {}
    blocks = []
    for block in report.blocks:
        text = re.sub(r"(?<![\d.,])\d+(?![\d.,])", lambda m: str(int(m.group(0)) + 1), block.text)
        if block.kind is BlockKind.PARAGRAPH and len(text) > 60 and rng.random() < 0.2:
            at = rng.randrange(10, len(text) - 10)
            text = text[:at] + "，并在本报告所述期间进一步加强了" + text[at + 6 :]
        blocks.append(replace(block, id=block_id(block.kind, text, seen), text=text))
    shifted = replace(report, blocks=tuple(blocks))
    return edit(shifted, rng, donors, count=20).report


def joined(reports: list[Report], tag: str) -> Report:
    seen: dict[str, int] = {}
    blocks = []
    for n, report in enumerate(reports):
        for block in report.blocks:
            text = block.text if n == 0 else f"{block.text}（{tag}{n}）"
            blocks.append(replace(block, id=block_id(block.kind, text, seen), text=text))
    return replace(reports[0], id=reports[0].id[:12] + tag, blocks=tuple(blocks))


def main() -> int:
    analysis.segment_pieces("工业发展")  # jieba and its cutter loaded, as the app does at start
    annual = seed("004")
    donors = [b.text for p in SEEDS if not p.name.startswith("004") for b in read_report(p).blocks if b.kind is BlockKind.PARAGRAPH]
    fresh = new_texts(annual, donors)
    edited = edit(annual, random.Random("bench"), donors, count=20, fresh=fresh)

    print("1. 004 (%d blocks) against a copy with %d edits (%s)" % (len(annual.blocks), len(edited.made), ", ".join(sorted(set(edited.made)))))
    t_cmp, comparison = timed(lambda: compare(annual, edited.report))
    t_dl, opcodes = timed(lambda: difflib_blocks(annual, edited.report))
    print(f"   core.compare                 {t_cmp * 1000:8.0f} ms   {score(edited.expected, found(comparison))}")
    print(f"   difflib.SequenceMatcher      {t_dl * 1000:8.0f} ms   {score(edited.expected, difflib_found(annual, edited.report, opcodes))}")

    old = joined([annual, seed("002"), seed("003")], "x")
    new = next_year(old, random.Random("next"), donors)
    size_old = sum(len(b.text.encode()) for b in old.blocks) / 1000
    size_new = sum(len(b.text.encode()) for b in new.blocks) / 1000
    t_app, result = timed(lambda: compare(old, new))
    s = result.summary()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"2. two reports of {size_old:.0f} KB and {size_new:.0f} KB (a year apart): {t_app:.2f} s wall, "
          f"{CPU[id(result)]:.2f} s CPU (load average {load:.1f} on {os.cpu_count()} cores) "
          f"(target < 2 s): {s['changed']} changed, {s['added']} added, {s['removed']} removed, {s['moved']} moved, {s['figures']} figures")
    t_dl2, _ = timed(lambda: difflib_blocks(old, new))
    print(f"   difflib.SequenceMatcher on the same block lists: {t_dl2:.2f} s")

    print("3. growth, n -> 8n blocks")
    small_old, small_new = annual, next_year(annual, random.Random("n"), donors)
    big_old = joined([annual] * 8, "copy")
    big_new = joined([next_year(annual, random.Random(f"n{k}"), donors) for k in range(8)], "copy")
    for label, fn_small, fn_big in (
        ("core.compare", lambda: compare(small_old, small_new), lambda: compare(big_old, big_new)),
        ("difflib.SequenceMatcher", lambda: difflib_blocks(small_old, small_new), lambda: difflib_blocks(big_old, big_new)),
    ):
        t1, _ = timed(fn_small, repeat=1)
        t8, _ = timed(fn_big, repeat=1)
        print(f"   {label:28} n={len(small_old.blocks):5}: {t1:6.2f} s   8n={len(big_old.blocks):5}: {t8:6.2f} s   x{t8 / t1:5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
