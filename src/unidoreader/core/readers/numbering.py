"""Word automatic numbering (numbering.xml): the label Word prints before a paragraph.

python-docx gives a paragraph's text without its number, and docx2python and mammoth
got such labels wrong or dropped them here, so this module computes them as Word does:

- a paragraph is numbered by its own `w:numPr` or, failing that, its style's (following
  `w:basedOn`); a numPr without `w:ilvl` means level 0; `w:numId` 0 switches numbering off;
- `w:num` points to a `w:abstractNum` (through `w:numStyleLink`/`w:styleLink` when the
  list is defined by a numbering style); nums of one abstract list share its counters,
  except that a num with a `w:startOverride` restarts its level when first used;
- numbering a level resets the deeper levels (unless `w:lvlRestart` says otherwise);
- `w:lvlText` "%1.%2)" is filled with each level's counter in that level's `w:numFmt`
  (decimal, letters, roman, chineseCounting 一二三, ideographTraditional 甲乙丙, circled
  figures...), or all in decimal where the level `w:isLgl` (Word prints "1.1." under "I.";
  LibreOffice 7 ignores isLgl and prints "I.1.": the reader follows Word, the author).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

CN = "零一二三四五六七八九"
CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _val(element: Any, tag: str, default: str | None = None) -> str | None:
    child = element.find(W + tag) if element is not None else None
    if child is None:
        return default
    return child.get(W + "val", default)


def chinese_counting(n: int, digits: str = CN, units: str = "十百千万") -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 105 -> 一百零五 (as Word prints them)."""
    if n <= 0:
        return digits[0]
    if n >= 100000:
        return str(n)
    parts = []
    values = [(10000, units[3]), (1000, units[2]), (100, units[1]), (10, units[0])]
    zero = False
    rest = n
    for value, unit in values:
        q, rest = divmod(rest, value)
        if q:
            if zero:
                parts.append(digits[0])
                zero = False
            if not (value == 10 and q == 1 and not parts):
                parts.append(digits[q])
            parts.append(unit)
        elif parts:
            zero = True
    if rest:
        if zero:
            parts.append(digits[0])
        parts.append(digits[rest])
    return "".join(parts)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letters: a..z, then aa, bb... (the letter repeated)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's number formats."""
    if fmt in ("decimal", "decimalZero") or not fmt:
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting"):
        return chinese_counting(n)
    if fmt == "ideographDigital":
        return "".join(CN[int(d)] for d in str(n)).replace("零", "〇")
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, CN_LEGAL, "拾佰仟万")
    if fmt == "ideographTraditional":
        return STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "ideographEnclosedCircle":
        return chr(0x3280 + n - 1) if 1 <= n <= 10 else str(n)
    if fmt == "ideographLegalTraditional":
        return chinese_counting(n, CN_LEGAL, "拾佰仟萬")
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after level N (1-based) or shallower; 0 never; None: after any shallower
    legal: bool = False
    style: str | None = None
    suffix: str = "tab"


@dataclass
class AbstractList:
    levels: dict[int, Level] = field(default_factory=dict)
    counters: dict[int, int] = field(default_factory=dict)


class Numbering:
    """Labels of a document's automatically numbered paragraphs, in reading order.

    Call `label(paragraph_element)` for every paragraph in document order (it advances the
    counters); it returns the printed label ("1.", "一.", "(a)") or None."""

    def __init__(self, numbering_xml: Any | None, styles_xml: Any | None) -> None:
        self._abstract: dict[str, AbstractList] = {}
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self._style_num: dict[str, tuple[str | None, str | None]] = {}
        self._based_on: dict[str, str] = {}
        self._style_links: dict[str, str] = {}  # numbering style id -> its numId
        self._started: set[tuple[str, int]] = set()
        self.heading_levels: dict[str, int] = {}
        self.style_names: dict[str, str] = {}  # style id -> its name
        self._styles(styles_xml)
        if numbering_xml is not None:
            self._load(numbering_xml)

    def _styles(self, styles_xml: Any | None) -> None:
        if styles_xml is None:
            return
        for style in styles_xml.iter(W + "style"):
            sid = style.get(W + "styleId")
            if not sid:
                continue
            based = _val(style, "basedOn")
            if based:
                self._based_on[sid] = based
            ppr = style.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            if numpr is not None:
                self._style_num[sid] = (_val(numpr, "numId"), _val(numpr, "ilvl"))
                if style.get(W + "type") == "numbering":
                    self._style_links[sid] = _val(numpr, "numId") or ""
            outline = _val(ppr, "outlineLvl") if ppr is not None else None
            self.style_names[sid] = _val(style, "name") or ""
            name = (_val(style, "name") or "").lower()
            if outline is not None and outline.isdigit() and int(outline) < 9:
                self.heading_levels[sid] = int(outline) + 1
            elif name.startswith("heading ") and name[8:].isdigit():
                self.heading_levels[sid] = int(name[8:])

    def _load(self, root: Any) -> None:
        links: dict[str, str] = {}
        for abstract in root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId")
            lst = AbstractList()
            link = _val(abstract, "numStyleLink")
            if link:
                links[aid] = link
            for lvl in abstract.iter(W + "lvl"):
                lst.levels[int(lvl.get(W + "ilvl", "0"))] = _level(lvl)
            self._abstract[aid] = lst
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            aid = _val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            starts: dict[int, int] = {}
            overrides: dict[int, Level] = {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                start = _val(override, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    starts[ilvl] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
                    if start is None:
                        starts[ilvl] = overrides[ilvl].start
            self._nums[nid] = (aid, starts, overrides)
        # a list defined by a numbering style: its abstractNum only links to the style
        for aid, style in links.items():
            target = self._style_links.get(style)
            if target and target in self._nums and self._nums[target][0] != aid:
                self._abstract[aid] = self._abstract[self._nums[target][0]]

    def _style_numpr(self, style: str | None) -> tuple[str | None, str | None, str | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self._style_num:
                nid, ilvl = self._style_num[style]
                return nid, ilvl, style
            style = self._based_on.get(style)
        return None, None, None

    def heading_level(self, paragraph: Any) -> int | None:
        """The outline level of a paragraph (1-based) from its own pPr or its style chain."""
        ppr = paragraph.find(W + "pPr")
        outline = _val(ppr, "outlineLvl") if ppr is not None else None
        if outline is not None and outline.isdigit() and int(outline) < 9:
            return int(outline) + 1
        style = _val(ppr, "pStyle") if ppr is not None else None
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.heading_levels:
                return self.heading_levels[style]
            style = self._based_on.get(style)
        return None

    def label(self, paragraph: Any) -> str | None:
        ppr = paragraph.find(W + "pPr")
        style = _val(ppr, "pStyle") if ppr is not None else None
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        nid = ilvl = None
        if numpr is not None:
            nid, ilvl = _val(numpr, "numId"), _val(numpr, "ilvl")
        owner = None
        if nid is None:
            snid, silvl, owner = self._style_numpr(style)
            nid = snid
            ilvl = ilvl if ilvl is not None else silvl
        if not nid or nid == "0" or nid not in self._nums:
            return None
        aid, starts, overrides = self._nums[nid]
        lst = self._abstract.get(aid)
        if lst is None:
            return None
        if ilvl is None:
            ilvl = "0"  # a numPr without a level means level 0 (ECMA-376 17.9.3; Word and LibreOffice agree)
        level = int(ilvl) if ilvl.isdigit() else 0

        def lvl(k: int) -> Level:
            return overrides.get(k) or lst.levels.get(k) or Level()

        if (nid, level) not in self._started and level in starts:
            self._started.add((nid, level))
            lst.counters[level] = starts[level]
        elif level in lst.counters:
            lst.counters[level] += 1
        else:
            lst.counters[level] = lvl(level).start
        for deeper in [k for k in lst.counters if k > level]:
            restart = lvl(deeper).restart
            if restart is None or (restart > 0 and level + 1 <= restart):
                del lst.counters[deeper]
        current = lvl(level)
        text = current.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                value = lst.counters.get(k, lvl(k).start)
                # a legal level (isLgl) shows every level's number in Arabic figures: "1.1." under "I."
                fmt = "decimal" if (current.legal and lvl(k).fmt not in ("decimalZero",)) else lvl(k).fmt
                text = text.replace(token, format_number(value, fmt))
        if current.fmt == "bullet":
            return None  # a bullet is no label
        return text or None


def _level(lvl: Any) -> Level:
    start = _val(lvl, "start", "1") or "1"
    restart = _val(lvl, "lvlRestart")
    text_el = lvl.find(W + "lvlText")
    return Level(
        start=int(start) if start.lstrip("-").isdigit() else 1,
        fmt=_val(lvl, "numFmt", "decimal") or "decimal",
        text=text_el.get(W + "val", "") if text_el is not None else "",
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=lvl.find(W + "isLgl") is not None and _val(lvl, "isLgl", "1") not in ("0", "false"),
        style=_val(lvl, "pStyle"),
        suffix=_val(lvl, "suff", "tab") or "tab",
    )
