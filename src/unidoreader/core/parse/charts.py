"""Flattened charts and tables: runs of short label lines and figure lines.

PDF extraction prints a table row by row ("非洲 53.6 31.3"), a chart's labels first and
its values later, and column headers one character a line. Such a run stays together as
one table block (core.tables rebuilds the cells); body text never looks like this: its
lines are long, and numbered paragraphs and dates are sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from unidoreader.core.parse.tokens import Tok, width

NUM_LINE_RE = re.compile(r"^[-+−–—$€£¥\d.,%*()（）/~～:：\s　]+$")
NUMBER_RE = re.compile(r"(?<![\w.])[-+−–]?[$€£¥]?\d[\d,]*(?:\.\d+)?\s?%?(?![\w])")
PUNCT_RE = re.compile(r"[。；，：:;,]")
UNIT_RE = re.compile(r"^[（(](以|单位)[^）)]{1,16}[)）]$")
UNIT_IN_RE = re.compile(r"[（(](以|单位)[^）)]{1,16}[)）]")
ZONE_START_RE = re.compile(r"^(指标|指标名称|项目|类别)[\s\u3000]*(19|20)\d{2}\s*年?$")
GLUED_RE = re.compile(r"\d[\u4e00-\u9fff]")
INDICATOR_RE = re.compile(r"^[A-Z]{2,4}\.\d+(\.[a-z])?\.?[\s\u3000]")
LONG_TEXT = 16


def _compact(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


@lru_cache(maxsize=8192)  # the passes ask about the same lines again (a line and the one after it)
def data_kind(s: str) -> str | None:
    """'num' (figures only), 'row' (a short label with figures), 'label' (a short label),
    or None for running text."""
    s = s.strip()
    if not s:
        return None
    c = _compact(s)
    if s[0] in "•·▪■●◆":
        return None  # a bullet list is text
    if NUM_LINE_RE.match(s) and any(ch.isdigit() for ch in c):
        return "num"
    if "。" in c:
        return None
    if UNIT_IN_RE.search(c) and len(c) <= 40:
        return "label"  # a chart caption "…（以百万美元计）"
    numbers = NUMBER_RE.findall(s)
    if numbers and not GLUED_RE.search(s):
        rest = NUMBER_RE.sub("", s)
        rest_c = _compact(rest)
        if len(rest_c) <= 14 and not PUNCT_RE.search(rest_c) and not re.search(r"[年月日]", rest_c[:1] + rest_c[-1:]):
            if len(numbers) >= 2 or len(rest_c) <= 8:
                return "row"
    if len(c) <= 10 and not PUNCT_RE.search(c):
        return "label"
    tokens = s.split()
    if len(tokens) >= 3 and all(len(t) <= 6 for t in tokens) and not PUNCT_RE.search(c):
        return "label"
    return None


def number_count(s: str) -> int:
    """Figures on a line; glued decimals ("15.249.99" = 15.24 and 9.99) count for each point."""
    if NUM_LINE_RE.match(s.strip()):
        return sum(max(1, tok.count(".")) for tok in s.split() if any(ch.isdigit() for ch in tok))
    return len(NUMBER_RE.findall(s))


class LineRoles(Protocol):
    """What merge_tables reads of the parser: the lines and the role each has been given."""

    s: list[str]
    role: list[str | None]


def merge_tables(p: "LineRoles", toks: list[Tok]) -> list[Tok]:
    """Merge runs of data-like text lines into table tokens."""
    kinds: list[str | None] = []
    zone = False
    narrow_run = 0
    for k, t in enumerate(toks):
        if t.kind != "text":
            kinds.append(None)
            zone = False
            continue
        d = data_kind(t.rest)
        if ZONE_START_RE.match(t.rest) or INDICATOR_RE.match(t.rest):
            zone = True  # an indicator table: everything up to the next heading belongs to it
            narrow_run = 0
        if zone:
            running = d is None and 15 <= width(t.rest) < 28 and not t.rest.startswith(("*", "＊")) \
                and not re.search(r"\d%?\s*$", t.rest)
            if running:
                narrow_run += 1
                if narrow_run >= 3:
                    # running text resumed: the last lines were not table material
                    zone = False
                    for back in range(1, 3):
                        if kinds[k - back] == "zone":
                            kinds[k - back] = None
                    kinds.append(None)
                    continue
            else:
                narrow_run = 0
            kinds.append(d or "zone")
            continue
        if d == "label":
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            prv = kinds[k - 1] if k else None
            if nxt is not None and nxt.kind == "text" and data_kind(nxt.rest) is None \
                    and width(nxt.rest) >= LONG_TEXT and (prv is None or width(t.rest) >= 4) and " " not in t.rest:
                d = None  # a heading or the first words of a paragraph
        kinds.append(d)
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        if kinds[k] is None:
            out.append(toks[k])
            k += 1
            continue
        e = k
        while e + 1 < len(toks) and kinds[e + 1] is not None:
            e += 1
        run = toks[k : e + 1]
        numeric = [x for x in range(k, e + 1) if kinds[x] in ("num", "row") or (kinds[x] == "zone" and number_count(toks[x].rest))]
        nums = sum(number_count(toks[x].rest) for x in numeric)
        in_zone = any(kinds[x] == "zone" for x in range(k, e + 1))
        if (len(run) >= 3 and len(numeric) >= 2 and nums >= 3) or (len(run) >= 2 and nums >= 4) or (in_zone and nums >= 1):
            members = [t for t in run]
            # a caption or unit line right after the figures belongs to the chart
            if e + 1 < len(toks) and toks[e + 1].kind == "text":
                a = toks[e + 1]
                if UNIT_RE.match(a.rest.replace(" ", "")):
                    members.append(a)
                    e += 1
                elif e + 2 < len(toks) and toks[e + 2].kind == "text" and UNIT_RE.match(toks[e + 2].rest.replace(" ", "")) \
                        and len(a.rest) <= 40 and "。" not in a.rest:
                    members.extend([a, toks[e + 2]])
                    e += 2
            member_lines = {line for t in members for line in t.lines}
            first, last = min(member_lines), max(member_lines)
            lines = [x for x in range(first, last + 1) if x in member_lines or (p.role[x] is None and not p.s[x])]
            out.append(Tok("table", first, lines))
            k = e + 1
        else:
            out.extend(run)
            k = e + 1
    return out
