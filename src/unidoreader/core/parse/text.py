"""Small text helpers shared by the parser modules (character classes, numerals)."""

from __future__ import annotations

import re
from functools import lru_cache

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
SENTENCE_END = "。！？!?"
CLOSERS = "”’」』）)》"
WS_RE = re.compile(r"[\s\u3000]+")


def is_han(ch: str) -> bool:
    """A CJK unified ideograph (basic block and extension A, compatibility ideographs)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


def han_count(text: str) -> int:
    return sum(1 for ch in text if is_han(ch))


def is_wide(ch: str) -> bool:
    """Characters of CJK typography: Han, CJK punctuation, full-width forms, kana..."""
    o = ord(ch)
    return is_han(ch) or 0x3000 <= o <= 0x30FF or 0xFF00 <= o <= 0xFFEF or 0x2E80 <= o <= 0x2FDF or o in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026, 0x00B7, 0x2015, 0x2022)


def cn_to_int(text: str) -> int | None:
    """Chinese (or Arabic) numeral -> int: "四十六" -> 46, "十" -> 10, "52" -> 52."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        try:
            return int(text)
        except ValueError:
            return None
    total = 0
    current = 0
    seen = False
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
            seen = True
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def collapse(text: str) -> str:
    """Runs of whitespace (ideographic space included) -> one space; trimmed."""
    return WS_RE.sub(" ", text).strip()


def tidy_title(text: str) -> str:
    """A heading title as printed, without the spaces PDF extraction puts around CJK text."""
    text = collapse(text)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == " ":
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if (before and is_wide(before)) or (after and is_wide(after)):
                continue
        out.append(ch)
    return "".join(out)


FIGURE_REF_RE = re.compile(r"[（(](图|表|见)[^（）()]{0,12}[)）]$")


@lru_cache(maxsize=8192)  # asked about most lines twice or more
def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (。！？ possibly followed by closing quotes/brackets,
    or by a figure reference "。（图3）")."""
    t = FIGURE_REF_RE.sub("", text.rstrip()).rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in SENTENCE_END


def ascii_alnum(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%)]")
