"""Flattened charts and tables: runs of short label lines and figure lines.

PDF extraction prints a table row by row ("非洲 53.6 31.3"), a chart's labels first and
its values later, and column headers one character a line. Such a run stays together as
one table block (core.tables rebuilds the cells); body text never looks like this: its
lines are long, and numbered paragraphs and dates are sentences.
"""

from __future__ import annotations

import re

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
