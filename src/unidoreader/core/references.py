"""References in report text: document symbols, resolutions and decisions, and the
paragraphs, chapters, annexes and tables a report points to in itself.

Why this is a module of its own: a delegate follows "根据 GC.17/Res.6 号决议", "A/78/224",
"见下文第 68 和 69 段" all day by hand; the reader turns them into links, search finds the
paragraphs citing a symbol (`cites:`), and the library knows which documents cite which.

Recognition is a handful of regular expressions over the text, each with bounded
quantifiers only (whitespace runs of at most `_GAP` characters, numbers of a few digits)
and every repetition starting with a literal separator, so that no input makes them
backtrack more than a constant per position: finding is linear in the text. Whitespace,
line breaks included, is allowed at every separator of a symbol ("GC.17/ Res.6",
"IDB.35/8/\\nAdd.1"): that is where wrapping breaks a printed reference. Full-width
ASCII (ＧＣ．１７／Ｒｅｓ．６) is read as ASCII.

Every reference carries a normalised `target`, the same however it was printed:

- document symbols as the UN prints them: "IDB.35/8/Add.1", "A/75/158", "A/81/6 (Sect.28)";
- resolutions and decisions as symbols too: "GC.17/Res.6", "IDB.41/Dec.4"; a General
  Assembly resolution "大会第 70/1 号决议" / "resolution 70/1" is "A/RES/70/1", a decision
  "A/DEC/79/555", an ECOSOC one (year/number) "E/RES/2023/5", a Security Council one
  "S/RES/1325"; a Programme and Budget Committee conclusion "PBC conclusion 2016/6";
- internal references in English words with Arabic numbers: "paragraph 12",
  "paragraphs 5-9", "paragraphs 68, 69", "chapter 3", "annex 1", "appendix G", "table 3".

No Qt here: the GUI, the CLI and search all use it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any, Iterable, Sequence

from unidoreader.core import lazy_re
from unidoreader.core.model import Block, BlockKind, Report

#: Bumped when recognition changes: cached references of another version are recomputed.
REFS_VERSION = 1

#: Most whitespace (line breaks included) allowed at a separator inside a reference.
_GAP = 6
S = rf"\s{{0,{_GAP}}}"

#: Kinds of reference that name another document (the rest point inside a document).
DOCUMENT_KINDS = frozenset({"symbol", "resolution", "decision", "conclusion"})
INTERNAL_KINDS = frozenset({"paragraph", "chapter", "section", "annex", "appendix", "table", "figure"})

# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space, one character for one, so
# offsets into the original text stay valid.
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDE[0x3000] = 0x20


@dataclass(frozen=True)
class Reference:
    """One reference as printed in a text.

    `start`/`end` are offsets in the text searched. `numbers` are the numbers an internal
    reference names, ranges expanded ("5 至 9" -> 5..9). `doc` is set when an internal
    reference belongs to another document: the normalised symbol it is qualified by
    ("A/80/590, para. 12" -> paragraph 12 of A/80/590), or "" for a work named only by
    its title (《工发组织章程》（附件二）), which cannot be resolved.
    """

    kind: str
    text: str
    start: int
    end: int
    target: str
    numbers: tuple[str, ...] = ()
    doc: str | None = None


# -- document symbols ------------------------------------------------------------------------

_SUFFIX = rf"(?:{S}/{S}(?:Add|Rev|Corr|Amend){S}\.{S}\d{{1,3}})"
_PART = rf"(?:{S}\({S}(?:[a-z]{{1,2}}|[ivx]{{1,5}}){S}\)(?:{S}(?:\({S}(?:[ivx]{{1,5}}|[a-z]){S}\)|[㈠-㈩]))?)"

_UNIDO = lazy_re.compile(
    rf"(?<![A-Za-z0-9./])(?P<body>GC|IDB|PBC){S}\.{S}(?P<session>\d{{1,3}}){S}/{S}"
    rf"(?:(?P<series>Res|Dec|CRP|INF|L|SR|Add){S}\.{S})?(?P<number>\d{{1,4}})"
    rf"(?P<suffix>{_SUFFIX}{{0,4}})(?P<part>{_PART})?(?![0-9A-Za-z])",
    re.IGNORECASE,
)
_UNIDO_BULLETIN = lazy_re.compile(
    rf"(?<![A-Za-z0-9./])(?:UNIDO{S}/{S})?(?P<series>DGB|DGAI|AI){S}/{S}(?P<year>(?:19|20)\d\d){S}/{S}(?P<number>\d{{1,3}})"
    rf"(?P<suffix>{_SUFFIX}{{0,4}})(?![0-9A-Za-z])"
)
_UN_SEGMENT = r"(?:\d{1,5}|RES|DEC|PRST|HRC|INF|C\.\d|AC\.\d{1,3}|CN\.\d{1,2}|ES-\d{1,2}|L\.\d{1,4}|CRP\.\d{1,3}|(?:Add|Rev|Corr|Amend)" + S + r"\." + S + r"\d{1,3})"
_UN = lazy_re.compile(
    rf"(?<![A-Za-z0-9./\\-])(?P<organ>[AES])(?P<segments>(?:{S}/{S}{_UN_SEGMENT}){{1,6}})"
    rf"(?P<sect>{S}\({S}(?:Sect|SECT|Prog|PROG|Part|PART)\.?{S}\d{{1,3}}{S}\))?"
    rf"(?P<suffix>{_SUFFIX}{{0,4}})(?![0-9A-Za-z])"
)
_UN_SEGMENT_SPLIT = lazy_re.compile(rf"{S}/{S}")
_SECT = lazy_re.compile(r"(?P<name>[A-Za-z]+)\.?\s*(?P<number>\d+)")
_SPACES = lazy_re.compile(r"\s+")
_SERIES = {"res": "Res", "dec": "Dec", "crp": "CRP", "inf": "INF", "l": "L", "sr": "SR", "add": "Add"}
_SUFFIX_NAMES = {"add": "Add", "rev": "Rev", "corr": "Corr", "amend": "Amend"}


def _suffixes(raw: str) -> str:
    """"/ Add. 1/Rev.2" -> "/Add.1/Rev.2"."""
    out = []
    for piece in _SPACES.sub("", raw).split("/"):
        if piece:
            name, _, number = piece.partition(".")
            out.append(f"/{_SUFFIX_NAMES[name.lower()]}.{number}")
    return "".join(out)


def _unido(match: re.Match[str]) -> tuple[str, str]:
    body = match["body"].upper()
    series = _SERIES[match["series"].lower()] if match["series"] else ""
    number = f"{series}.{match['number']}" if series else match["number"]
    target = f"{body}.{int(match['session'])}/{number}{_suffixes(match['suffix'])}"
    kind = {"Res": "resolution", "Dec": "decision"}.get(series, "symbol")
    return kind, target


def _bulletin(match: re.Match[str]) -> tuple[str, str]:
    return "symbol", f"{match['series']}/{match['year']}/{match['number']}{_suffixes(match['suffix'])}"


def _un(match: re.Match[str]) -> tuple[str, str] | None:
    segments = [_SPACES.sub("", s) for s in _UN_SEGMENT_SPLIT.split(match["segments"]) if s.strip()]
    numeric = sum(s.isdigit() for s in segments)
    organ = match["organ"]
    if segments[0][:3] in ("Add", "Rev", "Cor", "Ame"):
        return None
    if numeric < 2 and not (organ == "S" and segments[0] == "RES" and numeric == 1):
        return None
    target = f"{organ}/{'/'.join(segments)}"
    if match["sect"]:
        inner = _SECT.search(match["sect"])
        target += f" ({inner['name'].capitalize()}.{int(inner['number'])})"
    target += _suffixes(match["suffix"])
    kind = "resolution" if "RES" in segments else "decision" if "DEC" in segments else "symbol"
    return kind, target


# -- resolutions and decisions in words --------------------------------------------------------

_RES_NUMBER = rf"(?P<first>\d{{1,4}}){S}/{S}(?P<second>\d{{1,4}})"
_EN_RES = lazy_re.compile(
    rf"(?<![A-Za-z])(?:(?P<organ>General{S}Assembly|Security{S}Council|Economic{S}and{S}Social{S}Council|Council|ECOSOC){S})?"
    rf"(?P<word>[Rr]esolutions?|[Dd]ecisions?|[Cc]onclusions?){S}"
    rf"(?P<ref>(?:\d{{1,4}}{S}/{S}\d{{1,4}}|\d{{3,4}}(?={S}\({S}(?:19|20)\d\d{S}\))))(?:{S}\({S}(?:19|20)\d\d{S}\))?(?:\s[A-D](?![A-Za-z]))?(?![0-9/])"
)
_EN_MORE = lazy_re.compile(
    rf"{S}(?:,{S}(?:and{S})?|and{S})(?P<ref>\d{{1,4}}{S}/{S}\d{{1,4}}|\d{{3,4}}(?={S}\())(?:{S}\({S}(?:19|20)\d\d{S}\))?(?:\s[A-D](?![A-Za-z]))?(?![0-9/])"
)
_ZH_ITEM = rf"(?:\d{{1,4}}{S}/{S}\d{{1,4}}(?:{S}[A-D](?![A-Za-z]))?)"
_ZH_RES = lazy_re.compile(
    rf"(?P<organ>联合国大会|大会|经济及社会理事会|经社理事会)?{S}第{S}(?P<list>{_ZH_ITEM}(?:{S}号?{S}(?:和|、|及|与|，|,){S}(?:第{S})?{_ZH_ITEM}){{0,10}})"
    rf"{S}号{S}(?P<word>决议|决定|结论)"
)
_ZH_ITEM_FIND = lazy_re.compile(rf"(?P<first>\d{{1,4}}){S}/{S}(?P<second>\d{{1,4}})")
_ZH_SECURITY = lazy_re.compile(
    rf"(?P<organ>安全理事会|安理会)[^。；;\n]{{0,30}}?(?P<ref>第{S}(?P<number>\d{{3,4}})(?:{S}[（(]{S}(?:19|20)\d\d{S}[）)])?{S}号{S}决议)"
)
_ZH_PBC = lazy_re.compile(rf"(?P<organ>方案和预算委员会|方案预算委员会)[^。；;\n]{{0,12}}?(?P<ref>第{S}(?P<year>\d{{4}}){S}/{S}(?P<number>\d{{1,3}}){S}号{S}结论)")


def _word_target(word: str, first: str, second: str | None, organ: str | None) -> tuple[str, str]:
    """The normalised target of "resolution 70/1" and the like (see the module docstring)."""
    organ = _SPACES.sub(" ", organ or "").lower()
    word = word.lower()
    if word.startswith("conclusion") or word == "结论":
        return "conclusion", f"PBC conclusion {int(first)}/{int(second or 0)}"
    kind = "resolution" if word.startswith("resolution") or word == "决议" else "decision"
    series = "RES" if kind == "resolution" else "DEC"
    if second is None or organ.startswith("security"):
        return kind, f"S/{series}/{int(first)}"
    year_form = len(first) == 4
    council = organ.startswith(("economic", "ecosoc", "经", "council")) or year_form
    return kind, f"{'E' if council else 'A'}/{series}/{int(first)}/{int(second)}"


# -- internal references -----------------------------------------------------------------------------

_ZH_NUMERAL = "[一二三四五六七八九十]{1,3}"
_ZH_LINK = rf"{S}(?:、|，|,|和|及|与|至|到|-|–|—|~|～){S}(?:第{S})?"
_PARA_NUM = rf"\d{{1,3}}(?:{S}\({S}[a-z]{S}\))?"
_ZH_PARA = lazy_re.compile(rf"第{S}(?P<list>{_PARA_NUM}(?:{_ZH_LINK}{_PARA_NUM}){{0,20}}){S}段")
_ZH_CHAPTER_NUM = rf"(?:\d{{1,2}}|{_ZH_NUMERAL})"
_ZH_CHAPTER = lazy_re.compile(rf"第{S}(?P<list>{_ZH_CHAPTER_NUM}(?:{_ZH_LINK}{_ZH_CHAPTER_NUM}){{0,10}}){S}章")
_ZH_ANNEX = lazy_re.compile(rf"(?P<word>附件|附录){S}(?P<list>{_ZH_NUMERAL}|[IVX]{{1,4}}(?![A-Za-z])|[A-Z](?![A-Za-z])|\d{{1,2}}(?!\d))")
_ZH_TABLE = lazy_re.compile(rf"(?:(?<=[见和及与、（(，,：:；\s])|^)(?P<word>表|图){S}(?P<list>\d{{1,2}})(?![\d年月日%％])")
_EN_LINK = rf"{S}(?:,{S}(?:and{S})?|and{S}|to{S}|through{S}|–|-|—){S}"
_EN_PARA = lazy_re.compile(
    rf"(?<![A-Za-z])(?:[Pp]aragraphs?|[Pp]aras?\.?){S}(?P<list>{_PARA_NUM}(?:{_EN_LINK}{_PARA_NUM}){{0,20}})(?![\d/])"
)
_ROMAN = r"(?:[IVXL]{1,6})"
_EN_CHAPTER_NUM = rf"(?:{_ROMAN}(?:\.[A-Z](?![A-Za-z]))?|\d{{1,2}})"
_EN_CHAPTER = lazy_re.compile(
    rf"(?<![A-Za-z])(?P<word>[Cc]hapters?|[Ss]ections?){S}(?P<list>{_EN_CHAPTER_NUM}(?:{_EN_LINK}{_EN_CHAPTER_NUM}){{0,10}})(?![A-Za-z0-9/.])"
)
_EN_ANNEX = lazy_re.compile(rf"(?<![A-Za-z])(?P<word>[Aa]nnex(?:es)?|[Aa]ppendix|[Aa]ppendices){S}(?P<list>{_ROMAN}|[A-Z]|\d{{1,2}})(?![A-Za-z0-9])")
_EN_TABLE = lazy_re.compile(rf"(?<![A-Za-z])(?P<word>[Tt]ables?|[Ff]igures?){S}(?P<list>\d{{1,2}}(?:\.\d{{1,2}})?|{_ROMAN})(?![A-Za-z0-9])")
_RANGE_WORDS = ("至", "到", "-", "–", "—", "~", "～", "to", "through")
_LIST_ITEM = lazy_re.compile(rf"\d{{1,3}}|{_ZH_NUMERAL}|{_ROMAN}(?:\.[A-Z])?|[A-Z]")
_ZH_VALUES = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def chinese_number(text: str) -> int | None:
    """一..九十九 -> 1..99 (None if it is not such a numeral)."""
    if not text or any(c not in _ZH_VALUES and c != "十" for c in text):
        return None
    if "十" not in text:
        return _ZH_VALUES[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if "十" in units or len(tens) > 1 or len(units) > 1:
        return None
    return (_ZH_VALUES.get(tens, 0) if tens else 1) * 10 + (_ZH_VALUES.get(units, 0) if units else 0)


def roman_number(text: str) -> int | None:
    """I..LXXXIX -> 1..89 (None if it is not a well-formed numeral)."""
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for here, after in zip(text, text[1:] + " "):
        value = _ROMAN_VALUES[here]
        total += -value if after in _ROMAN_VALUES and _ROMAN_VALUES[after] > value else value
    return total if total > 0 and to_roman(total) == text else None


def to_roman(number: int) -> str:
    out = []
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def label_number(label: str) -> str:
    """A printed chapter/annex number as Arabic digits ("三" -> "3", "III" -> "3", "G" -> "G")."""
    label = label.strip()
    if label.isdigit():
        return str(int(label))
    for convert in (chinese_number, roman_number):
        value = convert(label)
        if value is not None:
            return str(value)
    return label


def _numbers(raw: str, kind: str) -> tuple[str, ...]:
    """The numbers of a list such as "68 和69", "5 至 9", "1、3和6", "II and III" (ranges expanded, at most 200)."""
    items: list[str] = []
    position = 0
    pending_range = False
    for match in _LIST_ITEM.finditer(raw):
        between = raw[position : match.start()]
        position = match.end()
        token = match.group()
        if kind == "paragraph" and not token.isdigit():
            continue  # the (a) of "12(a)"
        value = label_number(token.split(".")[0]) if "." not in token else token
        if items and any(word in between for word in _RANGE_WORDS):
            pending_range = True
        if pending_range and items and items[-1].isdigit() and value.isdigit():
            low, high = int(items[-1]), int(value)
            if low < high <= low + 200:
                items.extend(str(n) for n in range(low + 1, high + 1))
                pending_range = False
                continue
        pending_range = False
        items.append(value)
    return tuple(dict.fromkeys(items))


def _internal_target(kind: str, numbers: Sequence[str]) -> str:
    if len(numbers) == 1:
        return f"{kind} {numbers[0]}"
    plural = {"appendix": "appendices", "annex": "annexes"}.get(kind, kind + "s")
    digits = [n for n in numbers if n.isdigit()]
    if len(digits) == len(numbers) and len(numbers) > 2 and [int(n) for n in numbers] == list(range(int(numbers[0]), int(numbers[-1]) + 1)):
        return f"{plural} {numbers[0]}-{numbers[-1]}"
    return f"{plural} {', '.join(numbers)}"


# -- finding ----------------------------------------------------------------------------------------------


def _candidates(text: str) -> list[Reference]:
    found: list[Reference] = []

    def add(kind: str, start: int, end: int, target: str, numbers: tuple[str, ...] = ()) -> None:
        found.append(Reference(kind, text[start:end], start, end, target, numbers))

    for match in _UNIDO.finditer(text):
        kind, target = _unido(match)
        add(kind, match.start(), match.end(), target)
    for match in _UNIDO_BULLETIN.finditer(text):
        kind, target = _bulletin(match)
        add(kind, match.start(), match.end(), target)
    for match in _UN.finditer(text):
        result = _un(match)
        if result is not None:
            add(result[0], match.start(), match.end(), result[1])
    for match in _EN_RES.finditer(text):
        ref = match["ref"]
        first, _, second = _SPACES.sub("", ref).partition("/")
        kind, target = _word_target(match["word"], first, second or None, match["organ"])
        add(kind, match.start(), match.end(), target)
        position = match.end()
        while True:
            more = _EN_MORE.match(text, position)
            if more is None:
                break
            first, _, second = _SPACES.sub("", more["ref"]).partition("/")
            kind, target = _word_target(match["word"], first, second or None, match["organ"])
            add(kind, more.start("ref"), more.end(), target)
            position = more.end()
    for match in _ZH_RES.finditer(text):
        items = list(_ZH_ITEM_FIND.finditer(match["list"]))
        base = match.start("list")
        for number, item in enumerate(items):
            kind, target = _word_target(match["word"], item["first"], item["second"], match["organ"])
            if len(items) == 1:
                start = match.start("organ") if match["organ"] else match.start()
                add(kind, start, match.end(), target)
            else:
                add(kind, base + item.start(), base + item.end(), target)
    for match in _ZH_SECURITY.finditer(text):
        add("resolution", match.start("ref"), match.end("ref"), f"S/RES/{int(match['number'])}")
    for match in _ZH_PBC.finditer(text):
        add("conclusion", match.start("ref"), match.end("ref"), f"PBC conclusion {int(match['year'])}/{int(match['number'])}")
    for pattern, fixed in ((_ZH_PARA, "paragraph"), (_EN_PARA, "paragraph"), (_ZH_CHAPTER, "chapter")):
        for match in pattern.finditer(text):
            numbers = _numbers(match["list"], fixed)
            if numbers:
                add(fixed, match.start(), match.end(), _internal_target(fixed, numbers), numbers)
    for pattern in (_EN_CHAPTER, _ZH_ANNEX, _EN_ANNEX, _ZH_TABLE, _EN_TABLE):
        for match in pattern.finditer(text):
            kind = _WORD_KINDS[match["word"].lower().rstrip("s") if match["word"].isascii() else match["word"]]
            numbers = _numbers(match["list"], kind) if kind in ("chapter", "section") else (label_number(match["list"]),)
            if kind == "section" and not all(_LIST_ITEM.fullmatch(n) and not n.isdigit() or n.isdigit() for n in numbers):
                continue
            if numbers:
                add(kind, match.start(), match.end(), _internal_target(kind, numbers), numbers)
    return found


_WORD_KINDS = {
    "chapter": "chapter", "section": "section", "annex": "annex", "annexe": "annex", "appendix": "appendix",
    "appendice": "appendix", "table": "table", "figure": "figure",
    "附件": "annex", "附录": "appendix", "表": "table", "图": "figure",
}

# what may stand between a symbol and the internal reference it qualifies
_QUALIFIER_BEFORE = lazy_re.compile(rf"^{S}(?:[,，]{S})?(?:号?{S}(?:文件|决议|决定|报告))?{S}(?:的{S})?(?:[,，]{S})?$")
_QUALIFIER_AFTER = lazy_re.compile(
    rf"^{S}(?:of|to|in){S}(?:the{S})?(?:(?:General{S}Assembly|Security{S}Council|Council|Board|Conference){S})?(?:(?:resolution|decision|document|report){S})?$"
)
# "section III of the report of the Secretary-General (A/80/605)": the document is named after a description
_REPORT_OF = lazy_re.compile(rf"^{S}(?:of|to|in){S}(?:the{S})?(?:report|note|letter|reports){S}(?:of|by){S}(?:the{S})?[A-Z][^.;()\n]{{0,80}}?\({S}$")
_OTHER_REPORT = lazy_re.compile(rf"^{S}(?:of|to|in){S}(?:the{S})?(?:report|note|letter)\b")
_AND_NEXT = lazy_re.compile(rf"^{S}(?:(?:of|to){S})?(?:and|,){S}$")
_OWN_AFTER = lazy_re.compile(rf"^{S}(?:of|to|in){S}(?:the{S})?(?:present|this)\b")
_NAMED_AFTER = lazy_re.compile(rf"^{S}(?:of|to){S}(?:the{S})?[A-Z][a-z]")
_TITLE_BEFORE = lazy_re.compile(rf"》{S}[（(]?{S}$")


def find_references(text: str) -> list[Reference]:
    """Every reference in `text`, in order, none overlapping (the longer wins at a tie)."""
    plain = text.translate(_WIDE)
    chosen: list[Reference] = []
    end = -1
    for ref in sorted(_candidates(plain), key=lambda r: (r.start, -(r.end - r.start))):
        if ref.start >= end:
            chosen.append(replace(ref, text=text[ref.start : ref.end]))
            end = ref.end
    # internal references qualified by a document: "A/80/590, para. 12", "第70/1号决议第5段"
    for number, ref in enumerate(chosen):
        if ref.kind not in INTERNAL_KINDS:
            continue
        before = chosen[number - 1] if number else None
        after = chosen[number + 1] if number + 1 < len(chosen) else None
        if before is not None and before.kind in DOCUMENT_KINDS and _QUALIFIER_BEFORE.match(plain[before.end : ref.start]):
            chosen[number] = replace(ref, doc=before.target)
        elif after is not None and after.kind in DOCUMENT_KINDS and (
            _QUALIFIER_AFTER.match(plain[ref.end : after.start])
            or (after.start - ref.end < 140 and _REPORT_OF.match(plain[ref.end : after.start]))
        ):
            chosen[number] = replace(ref, doc=after.target)
        elif _OTHER_REPORT.match(plain[ref.end : ref.end + 40]):  # "of the report" (not "of the present report")
            chosen[number] = replace(ref, doc="")
        elif _TITLE_BEFORE.search(plain[max(0, ref.start - 2 * _GAP - 3) : ref.start]):
            chosen[number] = replace(ref, doc="")
        elif not _OWN_AFTER.match(plain[ref.end : ref.end + 40]) and _NAMED_AFTER.match(plain[ref.end : ref.end + 40]):
            chosen[number] = replace(ref, doc="")
    # "paragraphs 81 to 83 of and annex II to the report …": the first belongs where the second does
    for number in range(len(chosen) - 2, -1, -1):
        ref, following = chosen[number], chosen[number + 1]
        if ref.kind in INTERNAL_KINDS and ref.doc is None and following.kind in INTERNAL_KINDS and following.doc is not None:
            if _AND_NEXT.match(plain[ref.end : following.start]):
                chosen[number] = replace(ref, doc=following.doc)
    return chosen


def normalise_symbol(text: str) -> str | None:
    """The normalised form of a whole string that is one symbol or resolution, else None
    ("GC.17/ Res.6" -> "GC.17/Res.6", "resolution 70/1" -> "A/RES/70/1")."""
    stripped = text.strip()
    if not stripped or len(stripped) > 200:
        return None
    if not any(ch.isdecimal() for ch in stripped):
        # Every symbol, resolution, decision and conclusion has a number in it (each
        # pattern of them needs a decimal digit, \d): a query of words is none, and is
        # answered without compiling the thirty-odd patterns (~8 ms; every search asks).
        return None
    return _whole_symbol(find_references(stripped), stripped)


def _whole_symbol(refs: list[Reference], text: str) -> str | None:
    """The normal form of `text` if its references `refs` are one symbol that is all of it."""
    if len(refs) == 1 and refs[0].kind in DOCUMENT_KINDS and refs[0].start == 0 and refs[0].end == len(text):
        return refs[0].target
    return None


def symbol_key(symbol: str) -> str:
    """What two spellings of one normalised symbol have in common (case and spaces aside)."""
    return _SPACES.sub("", symbol).casefold()


# -- a report's references, with the blocks they are in ----------------------------------------------


@dataclass(frozen=True)
class BlockReference:
    """A reference in a report: the block it is printed in (for a footnote: the first
    block citing the footnote, and `footnote` its label) and, once resolved, where it leads."""

    block: str | None
    ref: Reference
    footnote: str | None = None


def report_references(report: Report) -> list[BlockReference]:
    """The references of every block and footnote of a report, in reading order.

    Left out: the document's own symbol (its cover, a running header: not a citation)
    and a caption's own number ("表 1" heading the table it names)."""
    own = symbol_key(normalise_symbol(report.metadata.symbol) or report.metadata.symbol) if report.metadata.symbol else None
    targets = Targets(report)
    out: list[BlockReference] = []

    def keep(ref: Reference, block: str | None) -> bool:
        if ref.kind in DOCUMENT_KINDS:
            return own is None or symbol_key(ref.target) != own
        return not (ref.doc is None and ref.start == 0 and block is not None and targets.resolve(ref) == block)

    for block in report.blocks:
        for ref in find_references(block.text):
            if keep(ref, block.id):
                out.append(BlockReference(block.id, ref))
    for note in report.footnotes:
        for ref in find_references(note.text):
            if keep(ref, None):
                out.append(BlockReference(note.blocks[0] if note.blocks else None, ref, note.label))
    return out


def rows(refs: Iterable[BlockReference]) -> list[list[Any]]:
    """Compact, marshal-friendly rows of references (cached beside the index)."""
    return [
        [b.block, b.footnote, b.ref.kind, b.ref.text, b.ref.start, b.ref.end, b.ref.target, list(b.ref.numbers), b.ref.doc]
        for b in refs
    ]


def cache_bytes(refs_rows: list[list[Any]]) -> bytes:
    """The contents of a document's `references/<id>.json` (see LibraryReferences)."""
    import json

    return json.dumps({"version": REFS_VERSION, "rows": refs_rows}, ensure_ascii=False).encode("utf-8")


def from_rows(data: Iterable[Sequence[Any]]) -> list[BlockReference]:
    out = []
    for block, footnote, kind, text, start, end, target, numbers, doc in data:
        out.append(BlockReference(block, Reference(kind, text, start, end, target, tuple(numbers), doc), footnote))
    return out


# -- resolving inside a report -----------------------------------------------------------------------------

_CAPTION = lazy_re.compile(r"^\s*(?P<word>表|图|附件|附录|Table|Figure|Annex|Appendix)\s*(?P<n>[0-9]{1,2}(?:\.[0-9]{1,2})?|[IVXL]{1,6}|[一二三四五六七八九十]{1,3}|[A-Z])(?![A-Za-z0-9])", re.IGNORECASE)
_INLINE_CAPTION = lazy_re.compile(r"(?P<word>表|图|Table|Figure)\s{0,2}(?P<n>[0-9]{1,2}(?:\.[0-9]{1,2})?|[IVXL]{1,6})\s{0,2}[：:]")
_CAPTION_KINDS = {"表": "table", "图": "figure", "附件": "annex", "附录": "appendix", "table": "table", "figure": "figure", "annex": "annex", "appendix": "appendix"}


class Targets:
    """Where the numbered things of one report are: paragraph 12, chapter 3, annex 1, table 3.

    Built once per report in one pass over its blocks and sections (a dictionary each)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.paragraphs: dict[str, str] = {}
        self.chapters: dict[str, str] = {}
        self.sections: dict[str, str] = {}  # "3.A" -> heading block
        self.captions: dict[tuple[str, str], str] = {}
        self._blocks = {block.id: block for block in report.blocks}
        for block in report.blocks:
            if block.kind is BlockKind.PARAGRAPH and block.label and block.label.isdigit():
                self.paragraphs.setdefault(str(int(block.label)), block.id)
            caption = _CAPTION.match(block.text) if block.kind is not BlockKind.PARAGRAPH or len(block.text) < 80 else None
            if caption:
                self._caption(caption, block.id)
            if "：" in block.text or ":" in block.text:  # a caption a flattened chart left inside a block: "图1：…"
                for caption in _INLINE_CAPTION.finditer(block.text):
                    self._caption(caption, block.id)
        for top in report.sections:
            number = label_number(top.label) if top.label else None
            if number:
                self.chapters.setdefault(number, top.heading)
                for child in top.children:
                    if child.label:
                        self.sections.setdefault(f"{number}.{child.label}", child.heading)
            caption = _CAPTION.match(f"{top.label} {top.title}".strip()) or _CAPTION.match(top.title)
            if caption:
                self._caption(caption, top.heading)

    def _caption(self, caption: re.Match[str], block: str) -> None:
        number = caption["n"]
        kind = _CAPTION_KINDS[caption["word"].lower()]
        self.captions.setdefault((kind, label_number(number.upper() if number.isascii() else number)), block)

    def block(self, block_id: str) -> Block | None:
        return self._blocks.get(block_id)

    def resolve(self, ref: Reference) -> str | None:
        """The block an internal reference leads to in this report (its first number), or None."""
        if not ref.numbers:
            return None
        first = ref.numbers[0]
        if ref.kind == "paragraph":
            return self.paragraphs.get(first)
        if ref.kind in ("chapter", "section"):
            if "." in first:
                chapter, _, sub = first.partition(".")
                return self.sections.get(f"{label_number(chapter)}.{sub}") or self.chapters.get(label_number(chapter))
            return self.chapters.get(first)
        return self.captions.get((ref.kind, first))


# -- the references of a whole library ------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A block of the library that cites something: which document, which block, how."""

    doc: str
    block: str | None
    ref: Reference
    footnote: str | None = None


@functools.lru_cache(maxsize=65536)
def _symbol_facts(symbol: str) -> tuple[str, str | None]:
    """A catalog symbol's normal form, and the document symbol it begins with ("A/81/6
    (Sect. 28)/Part A" is cited as "A/81/6 (Sect. 28)"), or None. Kept per process: every
    LibraryReferences reads every entry's symbol, and finding references is regex work
    (a third of a second for 3,000 entries)."""
    lead = find_references(symbol)
    if symbol == symbol.strip() and len(symbol) <= 200:  # what normalise_symbol would look at: its references are these
        normal = _whole_symbol(lead, symbol)
    else:
        normal = normalise_symbol(symbol)
    first = lead[0].target if lead and lead[0].start == 0 and lead[0].kind in DOCUMENT_KINDS else None
    return normal or " ".join(symbol.split()), first


class LibraryReferences:
    """The references of every document of a library, and which documents they lead to.

    Each document's references are found once and cached in `references/<id>.json` in the
    library folder (derived data, like the index: ids are content hashes, so a cache file
    never goes stale; another REFS_VERSION is recomputed). Symbols come from the catalog,
    the user's own symbols included (Library.set_symbol). Not thread-safe: one per thread,
    or guarded by its owner.
    """

    def __init__(self, library: Any) -> None:
        self.library = library
        self._refs: dict[str, list[BlockReference]] = {}
        self._targets: dict[str, Targets] = {}
        self._symbols: dict[str, str] = {}  # doc -> normalised symbol
        self._by_symbol: dict[str, str] = {}  # symbol_key -> doc
        self._stamp: tuple[str, ...] | None = None

    @property
    def cache_dir(self) -> Any:
        return self.library.root / "references"

    def refresh(self) -> None:
        """Pick up documents and symbols changed since the last call (cheap when none did)."""
        entries = self.library.entries()
        stamp = tuple(f"{e.id}={e.metadata.symbol or ''}" for e in entries)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        self._symbols.clear()
        self._by_symbol.clear()
        present = set()
        for entry in entries:
            present.add(entry.id)
            symbol = entry.metadata.symbol
            if symbol:
                normal, lead = _symbol_facts(symbol)
                self._symbols[entry.id] = normal
                self._by_symbol.setdefault(symbol_key(normal), entry.id)
                if lead is not None:
                    self._by_symbol.setdefault(symbol_key(lead), entry.id)
        for gone in set(self._refs) - present:
            del self._refs[gone]
            self._targets.pop(gone, None)

    @property
    def stamp(self) -> tuple[str, ...] | None:
        """Changes when the library's documents or symbols do (after `refresh`)."""
        return self._stamp

    def symbol_of(self, doc: str) -> str | None:
        self.refresh()
        return self._symbols.get(doc)

    def document_for(self, symbol: str) -> str | None:
        """The library document with this symbol (any spelling), or None."""
        self.refresh()
        normal = normalise_symbol(symbol) or symbol
        return self._by_symbol.get(symbol_key(normal))

    def targets(self, doc: str) -> Targets:
        targets = self._targets.get(doc)
        if targets is None:
            targets = self._targets[doc] = Targets(self.library.report(doc))
        return targets

    def references(self, doc: str) -> list[BlockReference]:
        """The references printed in a document (cached; see the class docstring)."""
        refs = self._refs.get(doc)
        if refs is not None:
            return refs
        import json

        path = self.cache_dir / f"{doc}.json"
        data: dict[str, Any] | None = None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == REFS_VERSION:
                refs = from_rows(data["rows"])
            else:
                data = None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            data, refs = None, None
        if refs is None:  # found when the document was indexed (core.index keeps them in its payload)?
            from unidoreader.core import index

            payload = index.read_payload(self.library, doc) if (self.library.index_dir / "blocks").is_dir() else None
            stored = payload.get("refs") if payload else None
            if isinstance(stored, list) and len(stored) == 2 and stored[0] == REFS_VERSION:
                refs = from_rows(stored[1])
        if refs is None:
            refs = report_references(self.library.report(doc))
        if data is None or data.get("version") != REFS_VERSION:  # next time: this small file, not the payload or a parse
            from unidoreader.core.library import atomic_write

            try:
                atomic_write(path, cache_bytes(rows(refs)))
            except OSError:
                pass  # a read-only library: found again next time
        self._refs[doc] = refs
        return refs

    def resolve(self, doc: str, ref: Reference) -> tuple[str, str | None] | None:
        """Where a reference printed in `doc` leads: (document, block or None), or None
        when the library does not have it. Uses the symbols of the last `refresh` (one
        per batch of questions, not one per reference)."""
        if self._stamp is None:
            self.refresh()
        if ref.kind in DOCUMENT_KINDS:
            target = self._by_symbol.get(symbol_key(ref.target))
            return (target, None) if target else None
        if ref.doc == "":
            return None
        where = doc if ref.doc is None else self._by_symbol.get(symbol_key(ref.doc))
        if where is None:
            return None
        block = self.targets(where).resolve(ref)
        if block is None:
            return (where, None) if ref.doc is not None else None
        return (where, block)

    def records(self, doc: str) -> list[dict[str, Any]]:
        """`refs DOC --json`: [{"block","text","kind","target","resolved":{"doc","block"}|null}]."""
        self.refresh()
        out = []
        for item in self.references(doc):
            resolved = self.resolve(doc, item.ref)
            record: dict[str, Any] = {
                "block": item.block,
                "text": item.ref.text,
                "kind": item.ref.kind,
                "target": item.ref.target,
                "resolved": {"doc": resolved[0], "block": resolved[1]} if resolved else None,
            }
            if item.ref.doc:
                record["in"] = item.ref.doc
            if item.footnote is not None:
                record["footnote"] = item.footnote
            out.append(record)
        return out

    def citations(self) -> Iterable[Citation]:
        """Every reference to another document in the library, document by document."""
        self.refresh()
        for entry in self.library.entries():
            for item in self.references(entry.id):
                if item.ref.kind in DOCUMENT_KINDS or item.ref.doc:
                    yield Citation(entry.id, item.block, item.ref, item.footnote)

    def by_target(self) -> dict[str, list[Citation]]:
        """Every citation of the library grouped by the symbol it cites (one pass)."""
        grouped: dict[str, list[Citation]] = {}
        for citation in self.citations():
            target = citation.ref.target if citation.ref.kind in DOCUMENT_KINDS else citation.ref.doc or ""
            grouped.setdefault(target, []).append(citation)
        return grouped

    def cited_by(self, symbol: str) -> list[Citation]:
        """The blocks of the library that cite `symbol` (any spelling), in library order."""
        key = symbol_key(normalise_symbol(symbol) or symbol)
        return [c for c in self.citations() if symbol_key(c.ref.target if c.ref.kind in DOCUMENT_KINDS else c.ref.doc or "") == key]

    def citing(self, doc: str) -> list[Citation]:
        """The blocks of other documents that cite `doc` (by its symbol)."""
        symbol = self.symbol_of(doc)
        return [c for c in self.cited_by(symbol) if c.doc != doc] if symbol else []

    def cited(self, doc: str) -> list[tuple[Reference, str | None, tuple[str, str | None] | None]]:
        """What `doc` cites: (reference, block, where it leads or None), in reading order."""
        self.refresh()
        out = []
        for item in self.references(doc):
            if item.ref.kind in DOCUMENT_KINDS or item.ref.doc:
                out.append((item.ref, item.block, self.resolve(doc, item.ref)))
        return out

    def counts(self, kinds: Iterable[str] = ("resolution", "decision")) -> list[tuple[str, str, int, int]]:
        """Resolutions and decisions cited across the library: (target, kind, citing
        blocks, citing documents), most cited first."""
        wanted = set(kinds)
        blocks: dict[str, set[tuple[str, str | None, str | None]]] = {}
        docs: dict[str, set[str]] = {}
        kind_of: dict[str, str] = {}
        for citation in self.citations():
            if citation.ref.kind not in wanted:
                continue
            target = citation.ref.target
            kind_of.setdefault(target, citation.ref.kind)
            blocks.setdefault(target, set()).add((citation.doc, citation.block, citation.footnote))
            docs.setdefault(target, set()).add(citation.doc)
        rows_ = [(target, kind_of[target], len(blocks[target]), len(docs[target])) for target in blocks]
        rows_.sort(key=lambda row: (-row[2], -row[3], row[0]))
        return rows_
