"""A seeded random editor of reports, for the property tests of core.compare and its bench.

`edit(report, rng, donors)` returns a copy of the report with a few edits of the kinds a
secretariat makes between two versions (a paragraph inserted, deleted, reworded, split,
merged, a section moved, a figure changed, the paragraphs renumbered) and the pairs a
comparison must find: (old block ids, new block ids, status) for every block of both.
The editor never looks at core.compare: what is "new text" is decided here, with
character bigrams, so the test cannot agree with the code by construction.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

from unidoreader.core.model import Block, BlockKind, Report, block_id

KINDS = ("insert", "delete", "reword", "split", "merge", "move", "figure")
_PROSE = (BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.QUOTE)
_DIGITS = re.compile(r"\d+")
_FIGURISH = re.compile(r"[\d零〇一二三四五六七八九十百千两第]")
_WHOLE = re.compile(r"(?<![\d,.])\d+(?![\d,.])")  # a whole integer, not a part of 3,000 or 1.5


@dataclass
class _Entry:
    block: Block
    origin: tuple[int, ...]  # old indices it comes from (empty: inserted)
    status: str = "same"
    touched: bool = False


@dataclass
class Edited:
    report: Report
    expected: set[tuple[frozenset[str], frozenset[str], str]]
    figures: dict[str, tuple[str, str]] = field(default_factory=dict)  # new block id -> (old digits, new digits)
    made: list[str] = field(default_factory=list)


def bigrams(text: str) -> set[str]:
    compact = "".join(text.split())
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def new_texts(report: Report, donors: list[str], limit: float = 0.2) -> list[str]:
    """Donor paragraphs that are new to `report`: few of their character bigrams occur in
    any one of its blocks (so no reader would call them a rewrite of one)."""
    mine = [bigrams(b.text) for b in report.blocks]
    everything = set().union(*mine) if mine else set()
    out = []
    for text in donors:
        grams = bigrams(text)
        if len(text) < 30 or not grams or _DIGITS.search(text):
            continue
        if len(grams & everything) / len(grams) > 0.6:
            continue
        if all(len(grams & other) / len(grams) < limit for other in mine):
            out.append(text)
    return out


def _sentences(text: str) -> list[int]:
    """Offsets just after each 。 that is not the last character."""
    return [m.end() for m in re.finditer("。", text) if m.end() < len(text)]


def _clause(rng: random.Random, donors: list[str]) -> str:
    text = rng.choice(donors)
    start = rng.randrange(0, max(1, len(text) - 14))
    return text[start : start + rng.randint(8, 14)].replace("。", "，")


def edit(report: Report, rng: random.Random, donors: list[str], count: int | None = None,
         fresh: list[str] | None = None) -> Edited:
    """Apply `count` (default 2-6) random edits; see the module docstring. `fresh` is
    `new_texts(report, donors)` when the caller has it already."""
    entries = [_Entry(b, (i,)) for i, b in enumerate(report.blocks)]
    texts = [b.text for b in report.blocks]
    repeated = {t for t in texts if texts.count(t) > 1}
    fresh = list(new_texts(report, donors) if fresh is None else fresh)
    made: list[str] = []
    figures: dict[int, tuple[str, str]] = {}  # id(entry) -> digits

    def free(entry: _Entry, length: int = 40) -> bool:
        b = entry.block
        return (not entry.touched and b.kind in _PROSE and len(b.text) >= length and b.text not in repeated
                and entry.origin != ())

    wanted = count if count is not None else rng.randint(2, 6)
    kinds = [rng.choice(KINDS) for _ in range(wanted)]
    if "move" in kinds:  # first, on the untouched report, so the distance it jumps is known
        kinds.remove("move")
        if _move(entries, rng, repeated):
            made.append("move")
    for kind in kinds:
        spots = [k for k, e in enumerate(entries) if free(e, 80 if kind in ("reword", "split") else 40)]
        if not spots:
            continue
        k = rng.choice(spots)
        entry = entries[k]
        text = entry.block.text
        if kind == "insert":
            if not fresh:
                continue
            # between two untouched blocks, so the insertion is not next to another edit
            if k + 1 < len(entries) and entries[k + 1].touched:
                continue
            block = Block("", BlockKind.PARAGRAPH, fresh.pop(rng.randrange(len(fresh))), entry.block.section, "0")
            entries.insert(k + 1, _Entry(block, (), "added", True))
            entry.touched = True
        elif kind == "delete":
            if not _lonely(entries, k):
                continue
            entries[k] = _Entry(entry.block, entry.origin, "removed", True)
        elif kind == "reword":
            cut = rng.randrange(10, len(text) - 20)
            gone = rng.randint(4, 8)
            if _DIGITS.search(text[cut : cut + gone]):
                continue
            at = rng.randrange(0, len(text) - 10)
            edited = text[:cut] + text[cut + gone :]
            at = min(at, len(edited))
            if _FIGURISH.search(edited[max(0, at - 4) : at + 4]) or _FIGURISH.search(text[max(0, cut - 4) : cut + gone + 4]):
                continue  # neither cut nor insertion inside or beside a figure (第五十一届 is one too)
            edited = edited[:at] + _clause(rng, donors) + edited[at:]
            entries[k] = _Entry(replace(entry.block, text=edited), entry.origin, "changed", True)
        elif kind == "split":
            cuts = [c for c in _sentences(text) if 20 <= c <= len(text) - 20]
            if not cuts or not _lonely(entries, k):
                continue
            cut = rng.choice(cuts)
            first = _Entry(replace(entry.block, text=text[:cut]), entry.origin, "changed", True)
            second = _Entry(replace(entry.block, text=text[cut:]), entry.origin, "changed", True)
            entries[k : k + 1] = [first, second]
        elif kind == "merge":
            if k + 1 >= len(entries) or not free(entries[k + 1]) or entries[k + 1].block.section != entry.block.section:
                continue
            if not _lonely(entries, k) or not _lonely(entries, k + 1):
                continue
            other = entries[k + 1]
            merged = _Entry(replace(entry.block, text=text + other.block.text), entry.origin + other.origin, "changed", True)
            entries[k : k + 2] = [merged]
        elif kind == "figure":
            numbers = list(_WHOLE.finditer(text))
            if not numbers:
                continue
            number = rng.choice(numbers)
            old = number.group(0)
            new = str(int(old) + rng.randint(1, 9))
            edited = text[: number.start()] + new + text[number.end() :]
            changed = _Entry(replace(entry.block, text=edited), entry.origin, "changed", True)
            figures[id(changed)] = (old, new)
            entries[k] = changed
        made.append(kind)
    return _finish(report, entries, figures, made)


def _lonely(entries: list[_Entry], k: int) -> bool:
    """No edited neighbour: a deletion or a split beside another edit is ambiguous even to a reader."""
    return all(not (0 <= n < len(entries)) or not entries[n].touched for n in (k - 1, k + 1))


def _move(entries: list[_Entry], rng: random.Random, repeated: set[str]) -> bool:
    """Move a whole leaf section (heading and its blocks) at least three times its length away."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(entries):
        b = entries[k].block
        if b.kind is BlockKind.HEADING and b.section:
            end = k + 1
            while end < len(entries) and entries[end].block.section == b.section and entries[end].block.kind is not BlockKind.HEADING:
                end += 1
            if end - k <= 6 and all(e.block.text not in repeated for e in entries[k:end]):
                runs.append((k, end))
            k = end
        else:
            k += 1
    rng.shuffle(runs)
    for start, end in runs:
        size = end - start
        targets = [t for t in range(len(entries) + 1)
                   if (t <= start - 3 * size - 2 or t >= end + 3 * size + 2)
                   and (t == len(entries) or entries[t].block.kind is BlockKind.HEADING)]
        if not targets:
            continue
        target = rng.choice(targets)
        run = entries[start:end]
        for e in run:
            e.status, e.touched = "moved", True
        rest = entries[:start] + entries[end:]
        where = target if target < start else target - size
        entries[:] = rest[:where] + run + rest[where:]
        return True
    return False


def _finish(report: Report, entries: list[_Entry], figures: dict[int, tuple[str, str]], made: list[str]) -> Edited:
    """Renumber the paragraphs (as the secretariat's editor would), give the blocks their
    ids, and state the pairs."""
    seen: dict[str, int] = {}
    blocks: list[Block] = []
    expected: set[tuple[frozenset[str], frozenset[str], str]] = set()
    new_ids: list[str | None] = []
    number = 0
    for entry in entries:
        if entry.status == "removed":
            new_ids.append(None)
            continue
        block = entry.block
        label = block.label
        if block.kind is BlockKind.PARAGRAPH and label and (label.isdigit() or label == "0"):
            number += 1
            label = str(number)
        block = replace(block, id=block_id(block.kind, block.text, seen), label=label)
        blocks.append(block)
        new_ids.append(block.id)
    old_ids = [b.id for b in report.blocks]
    by_origin: dict[tuple[int, ...], list[int]] = {}
    for k, entry in enumerate(entries):
        if entry.origin and entry.status != "removed":
            by_origin.setdefault(entry.origin, []).append(k)
    figure_of: dict[str, tuple[str, str]] = {}
    for k, entry in enumerate(entries):
        new = new_ids[k]
        if entry.status == "removed":
            expected.add((frozenset(old_ids[i] for i in entry.origin), frozenset(), "removed"))
        elif not entry.origin:
            expected.add((frozenset(), frozenset([new]), "added"))
        else:
            group = by_origin[entry.origin]
            expected.add((frozenset(old_ids[i] for i in entry.origin), frozenset(new_ids[g] for g in group), entry.status))
            if id(entry) in figures and new:
                figure_of[new] = figures[id(entry)]
    edited = Report(
        id=report.id[:8] + "edited00",
        source="edited-" + report.source,
        metadata=report.metadata,
        blocks=tuple(blocks),
        sections=report.sections,
        footnotes=report.footnotes,
    )
    return Edited(edited, expected, figure_of, made)


def found(comparison) -> set[tuple[frozenset[str], frozenset[str], str]]:  # noqa: ANN001 - a core.compare.Comparison
    return {(frozenset(p.old), frozenset(p.new), p.status) for p in comparison.pairs}
