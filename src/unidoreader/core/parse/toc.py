"""A dotted table of contents ("一. 导言 ........ 3"): recognised so it does not become a
second outline; its lines go to Report.contents."""

from __future__ import annotations

import re

#: What a contents entry ends with: a leader ("....", "……", "·····", "．．．", "-----",
#: "_____", or three spaces or more), optional spaces, a page number (1-4 digits or a
#: roman numeral). Checked from the end of the line by `ends_in_leader`, in time linear
#: in the line: the equivalent regular expression searched from every position of a long
#: run of spaces, dots or underscores backtracks cubically (a 2 KB line took 44 s).
_LEADERS = {".": 4, "…": 2, "·": 4, "．": 3, "-": 5, "_": 5}
_PAGE_NUMBER = re.compile(r"(?:\d{1,4}|[ivxlc]{1,6})$")
#: A line's dotted leader, anywhere in it (linear: each attempt stops at the first non-dot).
_DOTTED = re.compile(r"\.{4}|…{2}|·{4}|．{3}")
TOC_TITLE_RE = re.compile(r"^(目\s*录|目\s*次|内\s*容|Contents)$")


def ends_in_leader(line: str) -> bool:
    """True when `line` ends in a leader and a page number (see `_LEADERS`)."""
    text = line.rstrip()
    number = _PAGE_NUMBER.search(text[-7:])  # a page number is at most 6 characters
    if number is None:
        return False
    before = text[: len(text) - 7 + number.start()] if len(text) > 7 else text[: number.start()]
    body = before.rstrip()
    if len(before) - len(body) >= 3:
        return True
    if not body:
        return False
    needed = _LEADERS.get(body[-1])
    return needed is not None and len(body) - len(body.rstrip(body[-1])) >= needed


def find_contents(lines: list[str], usable: list[bool]) -> list[int]:
    """Indices of the table of contents lines (title and entries), or [] if there is none.

    A contents block is at least three lines ending in a leader and a page number,
    close together; a "目录" line just above belongs to it, and so do wrapped entry lines
    between two entries."""
    n = len(lines)
    hits = [i for i in range(n) if usable[i] and ends_in_leader(lines[i]) and _DOTTED.search(lines[i])]
    if len(hits) < 3:
        return []
    # the densest run of leader lines (gaps of at most 3 lines)
    best: list[int] = []
    run = [hits[0]]
    for a, b in zip(hits, hits[1:]):
        if b - a <= 4:
            run.append(b)
        else:
            if len(run) > len(best):
                best = run
            run = [b]
    if len(run) > len(best):
        best = run
    if len(best) < 3:
        return []
    first, last = best[0], best[-1]
    taken = [i for i in range(first, last + 1) if usable[i] and lines[i].strip()]
    # the title line just above
    j = first - 1
    while j >= 0 and usable[j] and not lines[j].strip():
        j -= 1
    if j >= 0 and usable[j] and (TOC_TITLE_RE.match(lines[j].strip()) or lines[j].strip() in ("页次", "页码")):
        taken.insert(0, j)
        k = j - 1
        while k >= 0 and usable[k] and not lines[k].strip():
            k -= 1
        if k >= 0 and usable[k] and TOC_TITLE_RE.match(lines[k].strip()):
            taken.insert(0, k)
    return taken
