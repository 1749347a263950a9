"""The one normalisation the readers apply: radicals and compatibility ideographs -> unified.

Some fonts map a Kangxi radical (U+2F00-2FDF), a CJK radical supplement character
(U+2E80-2EFF) or a compatibility ideograph (U+F900-FAFF, U+2F800-2FA1F) to the glyph of
an ordinary ideograph, and a PDF's ToUnicode map (or a Word file typed through such a
font) then gives the radical: "⼯业" instead of "工业". Search, copy and the parser need
the unified ideograph. Nothing else is normalised: NFKC on the whole text would also
turn "，" into "," and "１" into "1", which the reports print deliberately.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The radical supplement has no decomposition in Unicode for most characters; these are
# the simplified forms fonts actually share with a common ideograph.
_SUPPLEMENT = {
    "⺁": "厂", "⺇": "几", "⺈": "𠂊", "⺊": "卜", "⺌": "小", "⺍": "小", "⺎": "兀", "⺏": "尢", "⺐": "尣",
    "⺑": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "忄", "⺗": "心", "⺘": "扌", "⺙": "攵", "⺛": "旡",
    "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫",
    "⺥": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "罒", "⺬": "示", "⺭": "礻",
    "⺮": "竹", "⺯": "糸", "⺰": "纟", "⺱": "罓", "⺲": "罒", "⺳": "网", "⺴": "罒", "⺵": "罓", "⺶": "羊",
    "⺷": "羊", "⺸": "羊", "⺹": "耂", "⺺": "聿", "⺻": "聿", "⺼": "月", "⺽": "臼", "⺾": "艹", "⺿": "艹",
    "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "覀", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠",
    "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "金", "⻑": "長",
    "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "阝", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页",
    "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "飠", "⻟": "饣", "⻠": "饣", "⻡": "首", "⻢": "马", "⻣": "骨",
    "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "斉", "⻬": "齐",
    "⻭": "歯", "⻮": "齿", "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀", "⻳": "龟",
}


def _in_ranges(o: int) -> bool:
    return 0x2E80 <= o <= 0x2FDF or 0xF900 <= o <= 0xFAFF or 0x2F800 <= o <= 0x2FA1F


@lru_cache(maxsize=4096)
def unify_char(ch: str) -> str:
    """One character: its unified ideograph if it is a radical or compatibility form."""
    if not _in_ranges(ord(ch)):
        return ch
    if ch in _SUPPLEMENT:
        return _SUPPLEMENT[ch]
    mapped = unicodedata.normalize("NFKC", ch)
    return mapped if len(mapped) == 1 else ch


# the ranges of _in_ranges, for a search of a whole text at C speed (a PDF page's text
# passes through here: 1,300 characters a page)
_RANGES_RE = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def unify(text: str) -> str:
    """Map radicals and compatibility ideographs in `text` to unified ideographs."""
    if _RANGES_RE.search(text) is None:
        return text
    return _RANGES_RE.sub(lambda m: unify_char(m.group()), text)


def is_radical_or_compat(ch: str) -> bool:
    """Whether a character is one the readers never hand on (a test checks their output)."""
    return _in_ranges(ord(ch)) and unify_char(ch) != ch
