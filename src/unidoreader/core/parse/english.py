"""English UN reports -> Report: the conventions of the UN's English documents.

An English session document opens with a cover block ("United Nations", the symbol
such as A/80/596, "General Assembly", "Distr.: General", the date, "Original: English",
"Eightieth session", the agenda item(s) and their title, the title and the kind, e.g.
"Report of the Secretary-General"), then perhaps a dotted "Contents" page and a
"Summary" box (front matter: not the outline), then the body: chapters "I.", sub-heads
"A.", numbered sub-heads "1.", unnumbered heads at deeper levels, numbered paragraphs
"1." (or "25.1", "29F.1", "31.I.1" in budget sections), items "(a)" "(i)", footnotes,
tables. UNIDO's English documents (IDB.52/8, "Report by the Director General") follow
the same conventions.

Plain text carries no type sizes, so the parser also reads the hints a PDF or Word
reader gives per line (core.readers.SourceLine: `size`, `bold`, `role`, `page`, `box`;
`italic` where known): heading levels follow the printed style, as the UN's own styles
do (14 pt bold chapter = 1, 12 pt bold = 2, bold = 3, italic or plain = 4), not the
nesting; without hints the labels decide (I. = 1, A. = 2, 1. = 3). Lines that only
caption a table or figure ("Table 28.1", a head whose next block is a table) are not
headings. Everything the parser keeps lands in exactly one block, in reading order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Sequence

from unidoreader.core.model import Block, BlockKind, Footnote, Metadata, Report, Section, block_id, document_id, unique_id
from unidoreader.core.parse.text import SUPER_TO_DIGIT, SUPERSCRIPTS, collapse
from unidoreader.core.parse.tokens import Parsed

# -- the vocabulary of the cover -------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), 1)}
_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
          "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
          "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19}
_TENS = {"twent": 20, "thirt": 30, "fort": 40, "fift": 50, "sixt": 60, "sevent": 70, "eight": 80, "ninet": 90}
_TENS_CARDINAL = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES_CARDINAL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

SESSION_RE = re.compile(r"^(?:(?:resumed|special|emergency)\s+)?([A-Za-z-]+(?:\s+[A-Za-z-]+)?|\d{1,3}(?:st|nd|rd|th))\s+"
                        r"(?:regular\s+|special\s+|resumed\s+)?session\b", re.IGNORECASE)
DATE_RE = re.compile(r"^(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})$")
PLACE_DATES_RE = re.compile(r"^([A-Z][A-Za-z .'-]{1,30}),\s+(\d{1,2})(?:\s*[–-]\s*(\d{1,2}))?\s+([A-Z][a-z]+)\s+(\d{4})$")
DATE_RANGE_RE = re.compile(r"^(?:[A-Z][a-z]+,\s+)?(\d{1,2})(?:[–-](\d{1,2}))?\s+([A-Z][a-z]+)\s+(\d{4})(?:,\s*(.+))?$")
AGENDA_RE = re.compile(r"^(?:Provisional\s+|Preliminary\s+)?(?:agenda\s+)?items?\s+(\d.*?)(?:\s+of\s+the\s+(?:provisional|preliminary)\s+(?:agenda|list))?[\s*]*$",
                       re.IGNORECASE)
SYMBOL_RE = re.compile(r"^[A-Z]{1,8}(?:\.\d{1,3})?(?:/[A-Za-z0-9.\-]+(?:\s*\([^)]{1,20}\))?)+(?:/[A-Za-z]+(?: [A-Z0-9]{1,3})?)?\*{0,3}$")
KIND_RE = re.compile(r"^(Report|Note|Letter|Statement|Proposal|Memorandum)\s+(of|by)\s+the\s+\S", re.IGNORECASE)
DISTR_RE = re.compile(r"\bDistr\.?:?\s*(General|Limited|Restricted)\b.*$")
ORIGINAL_RE = re.compile(r"^Original\s*:\s*\w+")
BODY_NAMES = ("General Assembly", "Security Council", "Economic and Social Council", "Industrial Development Board",
              "Programme and Budget Committee", "General Conference", "Human Rights Council", "Trusteeship Council")
STAR_NOTE_RE = re.compile(r"^(\*{1,4})\s+(\S.*)$")

# -- the body ----------------------------------------------------------------------------

ROMAN = r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
CHAPTER_RE = re.compile(rf"^({ROMAN})\.\s+(\S.*)$")
LETTER_RE = re.compile(r"^([A-Z])\.\s+(\S.*)$")
NUMBER_RE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
DECIMAL_RE = re.compile(rf"^(\d{{1,2}}[A-Z]?(?:\.{ROMAN})?)\.(\d{{1,3}})\s+(\S.*)$")
ITEM_RE = re.compile(r"^\(([a-z]{1,2}|[ivxl]{1,6})\)\s+(\S.*)$")
LABEL_LINE_RE = re.compile(rf"^((?:Subprogramme|Programme|Part|Section|Chapter|Annex|Appendix|Enclosure|Attachment)(?:\s+(?:{ROMAN}|\d{{1,3}}[A-Z]?|[A-Z]))?|Annexes)$")
JOINED_LABEL_RE = re.compile(r"^((?:Subprogramme|Annex|Appendix)(?:\s+(?:\d{1,2}|[IVX]{1,5}))?)\s+([A-Z][a-z].*)$")
CAPTION_RE = re.compile(rf"^(Table|Figure|Chart|Map|Box)\s+(\d{{1,2}}[A-Z]?(?:\.{ROMAN})?\.(?:\d{{1,3}}|{ROMAN})|\d{{1,3}}|{ROMAN}|[A-Z])\.?$")
CAPTION_INLINE_RE = re.compile(rf"^(Table|Figure|Chart|Box)\s+(\d{{1,2}}[A-Z]?(?:\.{ROMAN})?\.(?:\d{{1,3}}|{ROMAN})|\d{{1,3}}|{ROMAN})\b")
UNITS_RE = re.compile(r"^\((?:Thousands|Millions|Billions|Number|Percentage|United States dollars|In )[^)]*\)$|^\([^)]*(?:dollars|euros|per cent)[^)]*\)$")
#: A contents entry's end: four dots or more (each may be followed by one space), then
#: optional spaces, dot, spaces, page number, spaces. Checked from the end of the line by
#: `ends_in_leader`, in time linear in the line: the regular expression
#: r"(?:\.\s?){4,}\s*\.?\s*(\d{1,4}|[ivxlc]{1,6})?\s*$" searched from every position of a
#: long run of dots backtracks quadratically or worse.
_PAGE_END_RE = re.compile(r"(?:\d{1,4}|[ivxlc]{1,6})$")


def _dot_units(text: str) -> int:
    """How many "." or ". " (one whitespace character) units end `text`."""
    units = 0
    i = len(text)
    while i > 0:
        if text[i - 1] == ".":
            i -= 1
        elif i >= 2 and text[i - 2] == "." and text[i - 1].isspace():
            i -= 2
        else:
            break
        units += 1
    return units


def ends_in_leader(line: str) -> bool:
    """True when `line` ends in a dotted leader, with or without a page number."""
    text = line.rstrip()
    candidates = [text]
    number = _PAGE_END_RE.search(text[-7:])
    if number is not None:
        candidates.append(text[: max(0, len(text) - 7) + number.start()].rstrip())
    for body in candidates:
        if _dot_units(body) >= 4:
            return True
        if body.endswith(".") and _dot_units(body[:-1].rstrip()) >= 4:
            return True
    return False
CONTENTS_RE = re.compile(r"^(Contents|Table of contents|CONTENTS)$")
JOB_RE = re.compile(r"^\d{2}-\d{5}\s*\*?\s*(?:\([A-Z]\))?(?:\s+\d{6})?\s*\*?$|^V\.\d{2}-\d{3,6}.*$")
SEPARATOR_RE = re.compile(r"^[_＿]{5,}$")  # the rule over the footnotes
BARCODE_RE = re.compile(r"^\*\d{6,}\*$")
PAGE_FOOT_RE = re.compile(r"^(?:\d{1,4}\s*/\s*\d{1,4})(?:\s+\d{2}-\d{5})?$|^\d{2}-\d{5}\s+\d{1,4}\s*/\s*\d{1,4}$|^\d{1,4}$")
FOOTNOTE_RE = re.compile(rf"^([{SUPERSCRIPTS}]{{1,3}})\s*(\S.*)$")
PLAIN_NOTE_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
SUPER_REF_RE = re.compile(rf"[{SUPERSCRIPTS}]+")
JOINING_WORDS = {"the", "of", "and", "or", "for", "to", "in", "on", "by", "with", "from", "at", "a", "an", "its", "their",
                 "as", "into", "between", "under", "towards", "through", "including", "that", "which", "per"}
SUMMARY_RE = re.compile(r"^(Summary|Abstract|Executive summary)$")


@dataclass
class Line:
    """One content line with what the reader could tell about how it is printed."""

    index: int  # in the source text
    text: str
    page: int | None = None
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    role: str = ""
    x: float | None = None
    top: float | None = None
    bottom: float | None = None
    blank_before: bool = False  # an empty line precedes it in the source (a block boundary)


@dataclass
class _Spec:
    """A block being built."""

    kind: BlockKind
    label: str | None
    parts: list[str]
    lines: list[int]
    level: int = 0
    title: str = ""
    notes: list[str] = field(default_factory=list)


def _ordinal(words: str) -> int | None:
    """"Eightieth" -> 80, "Eighty-first" -> 81, "81st" -> 81, "Sixty ninth" -> 69."""
    w = words.strip().lower().replace(" ", "-")
    m = re.fullmatch(r"(\d{1,3})(st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    if w in _UNITS:
        return _UNITS[w]
    for stem, value in _TENS.items():
        if w == stem + "ieth":
            return value
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in _TENS_CARDINAL and unit in _UNITS and _UNITS[unit] < 10:
            return _TENS_CARDINAL[tens] + _UNITS[unit]
    if w in ("hundredth",):
        return 100
    return None


def _iso(day: str, month: str, year: str) -> str | None:
    number = MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def agenda_items(text: str) -> list[str]:
    """"156 (a)" -> ["156 (a)"]; "138 and 139" -> ["138", "139"]; "3, 4 and 7 (b)" -> three."""
    text = text.strip().rstrip("*").strip()
    parts = re.split(r"\s*,\s*|\s+and\s+", text)
    return [collapse(p) for p in parts if re.match(r"^\d{1,3}[a-z]?(?:\s*\([a-z0-9]{1,4}\))*$", collapse(p))]


def normalize_symbol(text: str) -> str:
    """"A /80/596" -> "A/80/596"; the reissue mark "*" is dropped."""
    s = collapse(text).rstrip("*").strip()
    s = re.sub(r"\s*/\s*", "/", s)
    return s


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


def _title_like(text: str, limit: int = 300) -> bool:
    """A line that could be a heading: no sentence in it, not ending with a full stop."""
    t = text.strip()
    if not t or len(t) > limit or not re.search(r"[A-Za-z]", t):
        return False
    if t[-1] in ".;,:" and not t.endswith("etc."):
        return False
    if t[0].islower() or t[0] in "•–-*(":
        return False
    return not re.search(r"[.;:]\s+[A-Z]", t) or t.startswith("Result ")


class _EnglishParser:
    def __init__(self, text: str, source: str, hints: Sequence[Any] | None, symbol: str | None, header: Sequence[str] = ()) -> None:
        self.header = [collapse(h) for h in header if collapse(h)]
        self.text = text
        self.source = source
        norm = text.replace("\r\n", "\n").replace("\r", "\n")
        if norm.startswith("\ufeff"):
            norm = norm[1:]
        raw_lines = norm.split("\n")
        self.furniture: list[str] = []
        self.lines: list[Line] = []
        page = 1
        have_hints = hints is not None and len(hints) == len(raw_lines)
        self.hinted = have_hints
        blank = True
        for index, raw in enumerate(raw_lines):
            if "\f" in raw:
                page += raw.count("\f")
                raw = raw.replace("\f", "")
            s = collapse(raw)
            if not s:
                blank = True
                continue
            line = Line(index, s, page, blank_before=blank)
            blank = False
            if have_hints:
                hint = hints[index]  # type: ignore[index]
                line.page = getattr(hint, "page", None) or page
                line.size = float(getattr(hint, "size", 0.0) or 0.0)
                line.bold = bool(getattr(hint, "bold", False))
                line.italic = bool(getattr(hint, "italic", False))
                line.role = str(getattr(hint, "role", "") or "")
                box = getattr(hint, "box", None)
                if box:
                    line.x, line.top, line.bottom = box[0], box[1], box[3]
            self.lines.append(line)
        self.reader_symbol = symbol
        sizes = Counter(round(line.size, 1) for line in self.lines if line.size and len(line.text) > 40)
        self.body_size = sizes.most_common(1)[0][0] if sizes else 0.0
        self.role: dict[int, str] = {}  # position in self.lines -> why it is not body text
        self.cover_skipped: list[int] = []  # star notes between the agenda and the title
        self.word = have_hints and not any(line.size for line in self.lines)  # Word: a line is a paragraph
        self.decimal = self._decimal_numbering()

    def _decimal_numbering(self) -> str | None:
        """Budget sections number paragraphs "28.1", "28.2"…: the section number ("28") when
        such numbers outnumber plain ones ("1.", "2."), None otherwise."""
        found: dict[str, list[int]] = {}
        plain = 0
        for line in self.lines:
            m = DECIMAL_RE.match(line.text)
            if m:
                found.setdefault(m.group(1).split(".")[0], []).append(int(m.group(2)))
            elif NUMBER_RE.match(line.text):
                plain += 1
        if not found:
            return None
        root, numbers = max(found.items(), key=lambda item: len(item[1]))
        return root if numbers[:3] == [1, 2, 3] and len(numbers) > plain else None

    # -- furniture -------------------------------------------------------------------------

    def drop_furniture(self, symbol: str | None) -> None:
        """Job numbers, barcodes, "2/19" footers, the symbol as running header, and lines that
        recur at page tops (a running title such as "Part VII Global communications").
        (A landscape page's header and footer set sideways are the PDF reader's to remove,
        by their place: core.readers.pdf.)"""
        keep: list[Line] = []
        counts = Counter(line.text for line in self.lines if len(line.text) <= 90)
        key = symbol.replace(" ", "") if symbol else None
        pending_blank = False  # a dropped line stood after a blank one: the next kept line does
        for pos, line in enumerate(self.lines):
            s = line.text
            compact = s.replace(" ", "").rstrip("*")
            pending_blank = pending_blank or line.blank_before
            if JOB_RE.match(s) or BARCODE_RE.match(s) or PAGE_FOOT_RE.match(s) or SEPARATOR_RE.match(s):
                self.furniture.append(s)
                continue
            if key and compact == key and pos > 0:
                self.furniture.append(s)
                continue
            # (a reader that knows the page has taken its running heads away already)
            if not self.hinted and counts[s] >= 3 and self._at_page_edge(pos) and not ends_in_leader(s):
                self.furniture.append(s)
                continue
            if pending_blank:
                line.blank_before = True
            pending_blank = False
            keep.append(line)
        self.lines = keep

    def _at_page_edge(self, pos: int) -> bool:
        """A line among the first two or last two of its page (or next to a page footer)."""
        line = self.lines[pos]
        if line.page is None:
            return False
        same = [i for i in range(max(0, pos - 3), min(len(self.lines), pos + 4)) if self.lines[i].page == line.page]
        before = [i for i in same if i < pos]
        after = [i for i in same if i > pos]
        near_foot = any(PAGE_FOOT_RE.match(self.lines[i].text) or JOB_RE.match(self.lines[i].text)
                        for i in range(max(0, pos - 2), min(len(self.lines), pos + 3)) if i != pos)
        return len(before) < 2 or len(after) < 2 or near_foot

    # -- the cover ---------------------------------------------------------------------------

    def read_cover(self) -> tuple[dict[str, Any], int]:
        """The cover's fields, and the position of the first line after the cover."""
        f: dict[str, Any] = {}
        if self.reader_symbol:
            f["symbol"] = normalize_symbol(self.reader_symbol)
        for s in self.header:  # a Word file's first-page header: body, "Distr.", the date
            m = DATE_RE.match(s)
            iso = _iso(m.group(1), m.group(2), m.group(3)) if m else None
            if iso and "date" not in f:
                f["date"], f["dates"], f["year"] = iso, (iso, iso), int(iso[:4])
            for name in BODY_NAMES:
                if s.startswith(name):
                    f.setdefault("body", name)
        lines = self.lines
        n = len(lines)
        pos = 0
        limit = min(n, 60)
        agenda_at = None
        session_at = None
        title_parts: list[str] = []
        agenda_title: list[str] = []
        kind_parts: list[str] = []
        state = "head"
        taken: list[int] = []
        while pos < limit:
            line = lines[pos]
            s = line.text
            if CONTENTS_RE.match(s) or self._chapter_start(pos) or SUMMARY_RE.match(s) or NUMBER_RE.match(s) and state in ("title", "kind"):
                break
            if STAR_NOTE_RE.match(s) or (self.cover_skipped and self.cover_skipped[-1] == pos - 1 and state != "head"
                                         and not self._starts_title(lines[pos - 1], line) and not line.role):
                if state in ("agenda", "title") and not (state == "title" and title_parts):
                    self.cover_skipped.append(pos)  # notes typed under the agenda (Word): read with the other notes
                    pos += 1
                    continue
                break
            consumed = True
            if s.startswith("United Nations") and "symbol" not in f:
                rest = s[len("United Nations"):].strip()
                if rest and SYMBOL_RE.match(rest.replace(" (", "(").replace(" ", "") if False else rest):
                    f["symbol"] = normalize_symbol(rest)
                elif rest:
                    sym = re.search(r"([A-Z]{1,8}(?:\.\d{1,3})?/\S.*)$", rest)
                    if sym:
                        f["symbol"] = normalize_symbol(sym.group(1))
            elif state == "head" and SYMBOL_RE.match(s) and "/" in s:
                f.setdefault("symbol", normalize_symbol(s))
            elif DISTR_RE.search(s) or any(s.startswith(b) for b in BODY_NAMES) and state == "head":
                body = DISTR_RE.sub("", s).strip()
                for name in BODY_NAMES:
                    if body.startswith(name):
                        f.setdefault("body", name)
                        break
            elif state == "head" and DATE_RE.match(s) and "date" not in f:
                m = DATE_RE.match(s)
                iso = _iso(m.group(1), m.group(2), m.group(3)) if m else None
                if iso:
                    f["date"] = iso  # the date of issue
                    f.setdefault("dates", (iso, iso))
                    f.setdefault("year", int(iso[:4]))
                else:
                    consumed = False
            elif ORIGINAL_RE.match(s):
                pass
            elif state == "head" and PLACE_DATES_RE.match(s) and "place" not in f:
                m = PLACE_DATES_RE.match(s)  # UNIDO: "Vienna, 25–27 November 2024"
                assert m is not None
                first, last = _iso(m.group(2), m.group(4), m.group(5)), _iso(m.group(3) or m.group(2), m.group(4), m.group(5))
                if first and last:
                    f["place"], f["dates"] = m.group(1), (first, last)
                    f.setdefault("year", int(first[:4]))
                else:
                    consumed = False
            elif SESSION_RE.match(s) and session_at is None and state == "head":
                number = _ordinal(SESSION_RE.match(s).group(1))  # type: ignore[union-attr]
                if number is not None:
                    f["session"] = number
                    session_at = pos
                    rest = s[SESSION_RE.match(s).end():].strip(" ,")  # type: ignore[union-attr]
                    m = DATE_RANGE_RE.match(rest)
                    if m:
                        first = _iso(m.group(1), m.group(3), m.group(4))
                        last = _iso(m.group(2) or m.group(1), m.group(3), m.group(4))
                        if first and last:
                            f["dates"], f["place"] = (first, last), m.group(5)
                else:
                    consumed = False
            elif agenda_at is None and AGENDA_RE.match(s) and state == "head":
                items = agenda_items(AGENDA_RE.match(s).group(1))  # type: ignore[union-attr]
                if items:
                    f["agenda_items"] = items
                    f["agenda_item"] = ", ".join(items)
                    agenda_at = pos
                    state = "agenda"
                else:
                    consumed = False
            elif KIND_RE.match(s) and state in ("agenda", "title", "head") and (
                    title_parts or state != "agenda" or (not self.hinted and len(agenda_title) >= 2)):
                state = "kind"
                kind_parts.append(s)
            elif state == "kind" and kind_parts and self._same_style(lines[pos - 1], line) and not self._is_box_line(line):
                kind_parts.append(s)
            elif state == "kind":
                break
            elif state == "agenda":
                if agenda_title and self._starts_title(lines[pos - 1], line):
                    state = "title"
                    title_parts.append(s)
                else:
                    agenda_title.append(s)
            elif state == "title":
                if self._subtitle(line):
                    f.setdefault("subtitle_parts", []).append(s)
                elif f.get("subtitle_parts"):
                    break
                else:
                    title_parts.append(s)
            else:
                consumed = False
            if consumed:
                taken.append(pos)
            elif state != "head":
                break
            pos += 1
        if not self.hinted and not title_parts and len(agenda_title) > 1:
            title_parts, agenda_title = agenda_title[1:], agenda_title[:1]
        if agenda_title:
            f["agenda_title"] = _join_words(agenda_title)
        if title_parts:
            f["title"] = _join_words(title_parts)
        if kind_parts:
            f["kind"] = _join_words(kind_parts)
        if "subtitle_parts" in f:
            f["subtitle"] = _join_words(f.pop("subtitle_parts"))
        self.cover_taken = taken
        return f, (taken[-1] + 1 if taken else 0)

    def _is_box_line(self, line: Line) -> bool:
        return bool(self.body_size) and 0 < line.size < self.body_size * 0.97

    def _same_style(self, a: Line, b: Line) -> bool:
        if self.word:
            return a.role == b.role and bool(a.role)
        if not self.hinted:
            return not re.search(r"[$\d]{4,}", b.text) and b.text[:1].isupper() is False or len(b.text) < 40
        return abs(a.size - b.size) < 0.6 and a.bold == b.bold

    def _starts_title(self, prev: Line, line: Line) -> bool:
        """The title begins where the type grows (the agenda title is body-size bold)."""
        if self.word:
            return line.role != prev.role and line.role.startswith("heading")
        if self.hinted and self.body_size:
            return line.size > self.body_size * 1.15 and prev.size <= self.body_size * 1.15
        return False

    def _subtitle(self, line: Line) -> bool:
        """"Programme 24 / Global communications" under a budget section's title: body size."""
        if self.word:
            return line.role == "heading3"
        return self.hinted and bool(self.body_size) and line.size <= self.body_size * 1.05 and line.bold

    # -- levels and headings -------------------------------------------------------------------

    def style_level(self, line: Line) -> int | None:
        """The heading level the print style says (None: body text)."""
        m = re.match(r"^heading(\d)$", line.role)
        if m:
            return int(m.group(1))
        if not self.hinted or not self.body_size or not line.size:
            return None
        ratio = line.size / self.body_size
        if ratio >= 1.25 and line.bold:
            return 1
        if ratio >= 1.1 and line.bold:
            return 2
        if ratio >= 1.1:
            return 1 if ratio >= 1.3 else 2
        if 0.97 <= ratio < 1.1 and line.bold:
            return 3
        if 0.97 <= ratio < 1.1 and line.italic:
            return 4
        return None

    def _chapter_start(self, pos: int) -> bool:
        """A chapter heading ("I. Introduction") — where the body of most reports begins."""
        line = self.lines[pos]
        m = CHAPTER_RE.match(line.text)
        if not m or not m.group(1):
            return False
        level = self.style_level(line)
        if self.hinted and level is not None:
            return level == 1
        return _title_like(m.group(2), 200)

    # -- the pass --------------------------------------------------------------------------------

    def run(self) -> Parsed:
        cover_symbol = None
        if self.reader_symbol:
            cover_symbol = normalize_symbol(self.reader_symbol)
        else:
            for line in self.lines[:12]:
                if line.text.startswith("United Nations"):
                    sym = re.search(r"([A-Z]{1,8}(?:\.\d{1,3})?/\S.*)$", line.text)
                    if sym:
                        cover_symbol = normalize_symbol(sym.group(1))
                        break
                if SYMBOL_RE.match(line.text) and "/" in line.text:
                    cover_symbol = normalize_symbol(line.text)
                    break
        self.drop_furniture(cover_symbol)
        fields, after_cover = self.read_cover()
        if cover_symbol and "symbol" not in fields:
            fields["symbol"] = cover_symbol
        lines = self.lines
        n = len(lines)
        # contents, cover notes, front matter, body start
        contents = self.find_contents(after_cover)
        body_start = self.find_body_start(max([after_cover, *[c + 1 for c in contents]]))
        star_notes: list[_Spec] = []
        taken = set(self.cover_taken)
        # lines inside the cover the cover did not read (notes typed under the agenda, a
        # line it could not place): front matter, so that nothing is lost
        front: list[int] = [pos for pos in range(min(after_cover, body_start)) if pos not in taken]
        for pos in range(after_cover, body_start):
            if pos in contents:
                continue
            front.append(pos)
        # star notes of the cover page: "* Reissued…", "** A/81/50."
        front_rest: list[int] = []
        current_star: _Spec | None = None
        first_page = lines[after_cover].page if after_cover < n else None
        for pos in front:
            line = lines[pos]
            m = STAR_NOTE_RE.match(line.text)
            if m and (first_page is None or line.page == first_page or not self.hinted):
                current_star = _Spec(BlockKind.NOTE, m.group(1), [m.group(2)], [line.index])
                star_notes.append(current_star)
                continue
            if current_star is not None and line.page == first_page and not SUMMARY_RE.match(line.text) \
                    and not _ends_sentence(current_star.parts[-1]):
                current_star.parts.append(line.text)
                current_star.lines.append(line.index)
                continue
            current_star = None
            front_rest.append(pos)
        cover_lines = [lines[p].index for p in self.cover_taken]
        cover_text = " ".join(lines[p].text for p in self.cover_taken)
        front_specs = self.body_specs(front_rest, front_matter=True)
        body_specs = self.body_specs(list(range(body_start, n)), front_matter=False)
        return self.assemble(fields, cover_text, cover_lines, star_notes, front_specs, body_specs,
                             [lines[p].text for p in contents])

    def find_contents(self, start: int) -> set[int]:
        """The "Contents" page: its title, the "Page" column head, and every line up to the
        last dot-leader entry (wrapped entries and "Annex" lines between them included)."""
        lines = self.lines
        n = len(lines)
        title = None
        for pos in range(start, min(n, start + 40)):
            if CONTENTS_RE.match(lines[pos].text):
                title = pos
                break
        leaders = [pos for pos in range(start if title is None else title, min(n, (title or start) + 200))
                   if ends_in_leader(lines[pos].text)]
        if title is not None and self.word:  # Word: the contents are a table after the title
            k = title + 1
            while k < n and lines[k].role.startswith("table") and lines[k].role == lines[title + 1].role:
                k += 1
            return set(range(title, k))
        if title is None and len(leaders) < 3:
            return set()
        if not leaders:
            return {title} if title is not None else set()
        # the run of leader lines: gaps of at most 6 lines (wrapped entries, a page break)
        run = [leaders[0]]
        for pos in leaders[1:]:
            between = range(run[-1] + 1, pos)
            notes_between = any(STAR_NOTE_RE.match(lines[k].text) for k in between)  # the cover's notes at the page foot
            if pos - run[-1] <= 6 or (notes_between and pos - run[-1] <= 16):
                run.append(pos)
            else:
                break
        first = title if title is not None else run[0]
        taken = set(range(first, run[-1] + 1))
        # star notes printed at the foot of the first page sit among the entries: not contents
        for pos in list(taken):
            if STAR_NOTE_RE.match(lines[pos].text):
                k = pos
                while k in taken and not ends_in_leader(lines[k].text) and not (k > pos and (LABEL_LINE_RE.match(lines[k].text) or CHAPTER_RE.match(lines[k].text))):
                    taken.discard(k)
                    k += 1
        return taken

    def find_body_start(self, start: int) -> int:
        """The first chapter-level heading after the cover, contents and summary box."""
        lines = self.lines
        for pos in range(start, len(lines)):
            line = lines[pos]
            if self._chapter_start(pos):
                return pos
            if self.hinted and self.style_level(line) == 1 and (LETTER_RE.match(line.text) or LABEL_LINE_RE.match(line.text)) \
                    and not self._is_summary_head(pos):
                return pos
            if not self.hinted and LETTER_RE.match(line.text) and _title_like(LETTER_RE.match(line.text).group(2)) \
                    and pos + 1 < len(lines) and (DECIMAL_RE.match(lines[pos + 1].text) or NUMBER_RE.match(lines[pos + 1].text)):
                return pos
            if NUMBER_RE.match(line.text) and NUMBER_RE.match(line.text).group(1) == "1" and not self.hinted:  # type: ignore[union-attr]
                return pos
        return start

    def _is_summary_head(self, pos: int) -> bool:
        return SUMMARY_RE.match(self.lines[pos].text) is not None

    # -- body blocks -------------------------------------------------------------------------------

    def _heading_at(self, pos: int, numbering: "_Numbering", front_matter: bool) -> tuple[int, str, str, int] | None:
        """(level, label, title, lines used) if a heading starts at `pos`."""
        lines = self.lines
        line = lines[pos]
        s = line.text
        if front_matter:
            return None
        level = self.style_level(line)
        is_table = line.role.startswith("table")
        if is_table:
            return None
        m = CHAPTER_RE.match(s)
        label = ""
        title = s
        if m and m.group(1):
            label, title = m.group(1), m.group(2)
        elif LETTER_RE.match(s):
            label, title = LETTER_RE.match(s).group(1), LETTER_RE.match(s).group(2)  # type: ignore[union-attr]
        elif NUMBER_RE.match(s):
            mm = NUMBER_RE.match(s)
            assert mm is not None
            if level is None or not _title_like(mm.group(2), 120):
                return None
            if not self.hinted and numbering.expects(mm.group(1)):
                return None
            label, title = mm.group(1), mm.group(2)
        if self.hinted:
            if level is None:
                if line.size and self.body_size and abs(line.size - self.body_size) < 0.3 and not line.bold and not label \
                        and _title_like(s, 120) and self._standalone(pos) and not DECIMAL_RE.match(s) and not NUMBER_RE.match(s) \
                        and (pos + 1 >= len(lines) or lines[pos + 1].blank_before):
                    level = 4  # an italic head (the reader cannot say italic): alone between paragraphs
                else:
                    return None
        else:
            if not _title_like(title.rstrip(",–-"), 200):
                return None
            if label and m and m.group(1):
                level = 1
            elif label and LETTER_RE.match(s):
                level = 2
            elif label:
                level = 3
            elif self._standalone(pos) and len(s) <= 120:
                level = 3
            else:
                return None
        if not _title_like(title.rstrip(",–-"), 400) and not title.startswith("Result "):
            return None
        if not label and not self._after_boundary(pos):
            return None
        used = 1
        # a title wrapped over more lines, printed in the same style
        while pos + used < len(lines):
            nxt = lines[pos + used]
            if not self._continues_heading(lines[pos + used - 1], nxt, title):
                break
            title = f"{title} {nxt.text}"
            used += 1
        joined = JOINED_LABEL_RE.match(title) if not label else None
        if joined and self.hinted:  # "Subprogramme 1 Campaigns and…": the reader joined the label line and the title
            return level, joined.group(1), joined.group(2), used
        mlab = LABEL_LINE_RE.match(s)
        if mlab and used == 1 and pos + 1 < len(lines):
            nxt = lines[pos + 1]
            if (not self.hinted or self.style_level(nxt) == level or nxt.bold == line.bold) and _title_like(nxt.text) \
                    and not CHAPTER_RE.match(nxt.text) and not LETTER_RE.match(nxt.text):
                label, title, used = s, nxt.text, 2
                while pos + used < len(lines) and self._continues_heading(lines[pos + used - 1], lines[pos + used], title):
                    title = f"{title} {lines[pos + used].text}"
                    used += 1
        if not _title_like(title, 400) and not title.startswith("Result "):
            return None
        return level, label, title, used

    def _after_boundary(self, pos: int) -> bool:
        """A head starts a block: after a blank line where the source has them, after a
        finished sentence, a heading or a table otherwise."""
        if pos == 0:
            return True
        line = self.lines[pos]
        prev = self.lines[pos - 1]
        if self.hinted and prev.page is not None and line.page != prev.page:
            if _ends_sentence(prev.text) or self.style_level(prev) is not None or self._table_line(pos - 1):
                return True
            # a bold head at the top of a page stands alone (a bold sentence running on does not)
            large = bool(self.body_size) and line.size >= self.body_size * 1.1
            return (line.bold or large) and line.blank_before and line.text[:1].isupper()
        if any(x.blank_before for x in self.lines[1:40]):
            return line.blank_before
        return _ends_sentence(prev.text) or self.style_level(prev) is not None

    def _standalone(self, pos: int) -> bool:
        """A short line between finished text and a paragraph or heading: a head, not text."""
        lines = self.lines
        if pos + 1 >= len(lines):
            return False
        prev = lines[pos - 1] if pos else None
        nxt = lines[pos + 1]
        before_ok = prev is None or _ends_sentence(prev.text) or self.style_level(prev) is not None or prev.role == "table" \
            or (prev.size and self.body_size and prev.size < self.body_size * 0.95)
        after_ok = bool(NUMBER_RE.match(nxt.text) or DECIMAL_RE.match(nxt.text)) or self.style_level(nxt) is not None
        return bool(before_ok and after_ok)

    def _continues_heading(self, prev: Line, nxt: Line, title: str) -> bool:
        if CHAPTER_RE.match(nxt.text) and CHAPTER_RE.match(nxt.text).group(1) or LETTER_RE.match(nxt.text):  # type: ignore[union-attr]
            return False
        if NUMBER_RE.match(nxt.text) or DECIMAL_RE.match(nxt.text) or LABEL_LINE_RE.match(nxt.text):
            return False
        if self.hinted:
            if prev.role != nxt.role or abs(prev.size - nxt.size) > 0.6 or prev.bold != nxt.bold or prev.page != nxt.page:
                return False
            if self.word:
                return False  # Word: one paragraph is one heading
            if nxt.blank_before:
                return False
            if prev.top is not None and nxt.top is not None and prev.bottom is not None:
                gap = nxt.top - prev.bottom
                if gap > 0.55 * max(prev.size, 1.0):
                    return False
            last = title.split()[-1].lower() if title.split() else ""
            return nxt.text[:1].islower() or last in JOINING_WORDS or title.endswith((",", "–", "-", ":")) or \
                (prev.x is not None and nxt.x is not None and len(prev.text) > 45)
        last = title.split()[-1].lower() if title.split() else ""
        return nxt.text[:1].islower() and (last in JOINING_WORDS or len(title) > 40) and _title_like(nxt.text.capitalize())

    def _is_caption(self, pos: int, used: int, label: str) -> bool:
        """A head that only captions what follows: a table (perhaps after a units line)."""
        if label:
            return False
        lines = self.lines
        k = pos + used
        if k < len(lines) and (UNITS_RE.match(lines[k].text) or re.match(r"^\([^()]*\)$", lines[k].text)):
            k += 1
        return k < len(lines) and self._table_line(k)

    def _table_line(self, pos: int) -> bool:
        line = self.lines[pos]
        if line.role.startswith("table"):
            return True
        m = FOOTNOTE_RE.match(line.text)
        if m and _words(m.group(2)):
            return False
        return self.hinted and bool(self.body_size) and 0 < line.size < self.body_size * 0.93

    def body_specs(self, positions: list[int], *, front_matter: bool) -> list[_Spec]:
        lines = self.lines
        specs: list[_Spec] = []
        numbering = _Numbering()
        current: _Spec | None = None
        i = 0
        wanted = set(positions)
        order = sorted(wanted)

        def close() -> None:
            nonlocal current
            if current is not None:
                if current.kind is BlockKind.TABLE and len(current.parts) == 1:
                    current.kind = BlockKind.PARAGRAPH  # one line in small type (a table's note, a source line)
                specs.append(current)
            current = None

        while i < len(order):
            pos = order[i]
            line = lines[pos]
            s = line.text
            # footnotes: "¹ text" (the readers' form), wrapped lines follow
            m = FOOTNOTE_RE.match(s) or self._foot_note(pos)
            if m and not line.role.startswith("table") and m.group(1).translate(SUPER_TO_DIGIT) == str(len(self.footnotes) + 1) \
                    and len(_words(m.group(2))) >= 1:
                label = m.group(1).translate(SUPER_TO_DIGIT)
                note = _Spec(BlockKind.NOTE, label, [m.group(2)], [line.index])
                j = i + 1
                while j < len(order) and order[j] == order[j - 1] + 1 and not self._starts_something(order[j], numbering) \
                        and not FOOTNOTE_RE.match(lines[order[j]].text) and self._note_continues(lines[order[j - 1]], lines[order[j]]):
                    note.parts.append(lines[order[j]].text)
                    note.lines.append(lines[order[j]].index)
                    j += 1
                self.footnotes.append(note)
                i = j
                continue
            if self._table_line(pos) or (current is not None and current.kind is BlockKind.TABLE and self._table_note(pos)):
                if current is None or current.kind is not BlockKind.TABLE:
                    close()
                    current = _Spec(BlockKind.TABLE, None, [], [])
                current.parts.append(s)
                current.lines.append(line.index)
                i += 1
                continue
            if front_matter and (SUMMARY_RE.match(s) or (self.style_level(line) is not None and _title_like(s, 120))):
                close()  # "Summary", "Financial resources" in the summary box: lines of their own, not the outline
                specs.append(_Spec(BlockKind.PARAGRAPH, None, [s], [line.index]))
                i += 1
                continue
            head = self._heading_at(pos, numbering, front_matter)
            if head is not None:
                level, label, title, used = head
                used_positions = order[i : i + used]
                if CAPTION_RE.match(s) and used == 1 and i + 1 < len(order) and self.style_level(lines[order[i + 1]]) is not None:
                    used, used_positions = 2, order[i : i + 2]  # "Figure 28.I" and its title line
                if CAPTION_RE.match(s) or CAPTION_INLINE_RE.match(s) or self._is_caption(pos, used, label) or UNITS_RE.match(s):
                    close()
                    specs.append(_Spec(BlockKind.PARAGRAPH, None, [lines[p].text for p in used_positions],
                                       [lines[p].index for p in used_positions]))
                    i += used
                    continue
                close()
                specs.append(_Spec(BlockKind.HEADING, label or None, [title], [lines[p].index for p in used_positions],
                                   level=level, title=title))
                i += used
                continue
            if CAPTION_RE.match(s) and i + 1 < len(order):
                close()  # "Figure 28.I" and its title line
                nxt = lines[order[i + 1]]
                specs.append(_Spec(BlockKind.PARAGRAPH, None, [s, nxt.text], [line.index, nxt.index]))
                i += 2
                continue
            para = self._paragraph_number(s, numbering, front_matter)
            if para is not None:
                close()
                label, rest = para
                numbering.take(label)
                current = _Spec(BlockKind.PARAGRAPH, label, [rest], [line.index])
                i += 1
                continue
            m = ITEM_RE.match(s)
            if m and self._item_here(current, line):
                close()
                current = _Spec(BlockKind.ITEM, m.group(1), [m.group(2)], [line.index])
                i += 1
                continue
            if current is not None and current.kind is not BlockKind.TABLE and current.kind is not BlockKind.HEADING \
                    and not self._new_unlabelled(current, lines[order[i - 1]] if i else None, line):
                current.parts.append(s)
                current.lines.append(line.index)
            else:
                close()
                current = _Spec(BlockKind.PARAGRAPH, None, [s], [line.index])
            i += 1
        close()
        return specs

    def _foot_note(self, pos: int) -> re.Match[str] | None:
        """"3 For missions…" in small type at the foot of a page, the next note number: a
        footnote the reader did not mark (the superscript form is the usual one)."""
        line = self.lines[pos]
        m = PLAIN_NOTE_RE.match(line.text)
        if not m or not self.hinted or not self.body_size or not 0 < line.size < self.body_size * 0.93:
            return None
        if m.group(1) != str(len(self.footnotes) + 1) or len(_words(m.group(2))) < 3:
            return None
        for later in self.lines[pos + 1 : pos + 40]:
            if later.page != line.page:
                break
            if later.size >= self.body_size * 0.97:
                return None  # body text below it: not the page foot
        return m

    def _note_continues(self, prev: Line, nxt: Line) -> bool:
        if self.hinted and prev.page is not None and nxt.page != prev.page:
            return False
        if self.hinted and self.body_size and nxt.size >= self.body_size * 0.97:
            return False
        return not _ends_sentence(prev.text) or (nxt.text[:1].islower())

    def _table_note(self, pos: int) -> bool:
        """"a Represents…" under a table: a typed table note, part of the table."""
        line = self.lines[pos]
        return bool(re.match(r"^[a-z]{1,2}\s+\S", line.text)) and self.hinted and bool(self.body_size) and 0 < line.size < self.body_size

    def _starts_something(self, pos: int, numbering: "_Numbering") -> bool:
        s = self.lines[pos].text
        return bool(NUMBER_RE.match(s) and numbering.expects(NUMBER_RE.match(s).group(1))) or bool(DECIMAL_RE.match(s)) \
            or self.style_level(self.lines[pos]) is not None

    def _paragraph_number(self, s: str, numbering: "_Numbering", front_matter: bool) -> tuple[str, str] | None:
        m = DECIMAL_RE.match(s)
        if m and not front_matter and self.decimal:
            label = f"{m.group(1)}.{m.group(2)}"
            if m.group(1).split(".")[0] == self.decimal and numbering.expects(label):
                return label, m.group(3)
        m = NUMBER_RE.match(s)
        if m and not front_matter and not self.decimal and numbering.expects(m.group(1)):
            return m.group(1), m.group(2)
        return None

    def _item_here(self, current: _Spec | None, line: Line) -> bool:
        if current is None:
            return True
        if current.kind is BlockKind.ITEM:
            return True
        last = current.parts[-1].rstrip() if current.parts else ""
        return last.endswith((":", ";", "; and", "; or", ":—")) or bool(self.hinted and line.role == "item")

    def _new_unlabelled(self, current: _Spec, prev: Line | None, line: Line) -> bool:
        """Whether an unnumbered line starts a new paragraph rather than continuing one."""
        if prev is None:
            return True
        if self.word:
            return True  # Word: a line is a paragraph
        if line.blank_before:
            # a sentence running on over a page break (or past the footnotes at the foot)
            runs_on = line.text[:1].islower() and current.parts and not _ends_sentence(current.parts[-1])
            return not (runs_on and prev.page != line.page)
        if current.label is not None and current.kind is BlockKind.PARAGRAPH:
            return False
        if not _ends_sentence(prev.text):
            return False
        if prev.x is not None and line.x is not None:
            return line.x > prev.x + 8 or (self.hinted and prev.page != line.page and False)
        return True

    # -- assembly ------------------------------------------------------------------------------------

    footnotes: list[_Spec]

    def assemble(self, fields: dict[str, Any], cover_text: str, cover_lines: list[int], star_notes: list[_Spec],
                 front: list[_Spec], body: list[_Spec], contents: list[str]) -> Parsed:
        seen: dict[str, int] = {}
        blocks: list[Block] = []
        spans: list[tuple[int, int]] = []
        if cover_text:
            blocks.append(Block(id=block_id(BlockKind.NOTE, cover_text, seen), kind=BlockKind.NOTE, text=cover_text))
            spans.append((min(cover_lines), max(cover_lines)))
        for spec in star_notes:
            text = _join_words(spec.parts)
            blocks.append(Block(id=block_id(BlockKind.NOTE, text, seen), kind=BlockKind.NOTE, text=text, label=spec.label))
            spans.append((min(spec.lines), max(spec.lines)))
        note_labels = {note.label for note in self.footnotes}
        stack: list[dict[str, Any]] = []
        tops: list[dict[str, Any]] = []
        used: set[str] = set()
        next_suffix: dict[str, int] = {}
        cites_of: dict[str, list[str]] = {}
        for in_body, spec in [(False, sp) for sp in front] + [(True, sp) for sp in body]:
            if spec.kind is BlockKind.HEADING:
                while stack and stack[-1]["level"] >= spec.level:
                    stack.pop()
                parent = stack[-1] if stack else None
                siblings = parent["children"] if parent else tops
                base = spec.label if spec.label else f"#{len(siblings) + 1}"
                base = base.replace(" ", "")
                sid = unique_id(f"{parent['id']}.{base}" if parent else base, used, next_suffix)
                refs = _superscript_refs(spec.title, note_labels)
                # "E. Human resources¹": the mark cites a footnote; the title is without it
                title = _strip_refs(spec.title, note_labels) or spec.title
                bid = block_id(BlockKind.HEADING, title, seen)
                node = {"id": sid, "level": spec.level, "label": spec.label or "", "title": title, "heading": bid, "children": []}
                siblings.append(node)
                stack.append(node)
                blocks.append(Block(id=bid, kind=BlockKind.HEADING, text=title, section=sid, label=spec.label,
                                    footnotes=tuple(dict.fromkeys(refs))))
                for label in refs:
                    cites_of.setdefault(label, []).append(bid)
                spans.append((min(spec.lines), max(spec.lines)))
                continue
            if spec.kind is BlockKind.TABLE:
                text = "\n".join(spec.parts)
                raw = tuple(spec.parts)
            else:
                text = _join_words(spec.parts)
                raw = ()
            refs = [label for label in _superscript_refs(text, note_labels)]
            section = stack[-1]["id"] if stack and in_body else None
            bid = block_id(spec.kind, text, seen)
            blocks.append(Block(id=bid, kind=spec.kind, text=text, section=section, label=spec.label,
                                footnotes=tuple(dict.fromkeys(refs)), lines=raw))
            for label in refs:
                cites_of.setdefault(label, []).append(bid)
            spans.append((min(spec.lines), max(spec.lines)))
        notes = tuple(Footnote(label=n.label or "", text=_join_words(n.parts), blocks=tuple(dict.fromkeys(cites_of.get(n.label or "", ()))))
                      for n in self.footnotes)

        def freeze(node: dict[str, Any]) -> Section:
            return Section(id=node["id"], level=node["level"], label=node["label"], title=node["title"], heading=node["heading"],
                           children=tuple(freeze(c) for c in node["children"]))

        known = set(Metadata.__dataclass_fields__)
        metadata = Metadata(**{k: v for k, v in fields.items() if k in known})
        report = Report(id=document_id(self.text), source=self.source, metadata=metadata, blocks=tuple(blocks),
                        sections=tuple(freeze(t) for t in tops), footnotes=notes, contents=tuple(contents))
        return Parsed(report=report, furniture=self.furniture, spans=spans)


class _Numbering:
    """Which paragraph number may come next: "7" after "6", "25.2" after "25.1", and a
    new series ("31.II.1", or "1" again in an annex) at its first number."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.series: str | None = None

    @staticmethod
    def split(label: str) -> tuple[str, int]:
        prefix, _, number = label.rpartition(".")
        return prefix, int(number)

    def expects(self, label: str) -> bool:
        prefix, number = self.split(label) if "." in label else ("", int(label))
        if prefix != self.series:
            return number == 1
        return number == self.last.get(prefix, 0) + 1

    def take(self, label: str) -> None:
        prefix, number = self.split(label) if "." in label else ("", int(label))
        self.series = prefix
        self.last[prefix] = number


def _ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip("”’\")]")
    return bool(t) and t[-1] in ".!?:;"


def _join_words(parts: Sequence[str]) -> str:
    """Wrapped lines -> running text: one space between words, none after a hyphen that
    breaks a word ("peace-" / "keeping" stays "peace-keeping", "Secretary-" / "General" is
    "Secretary-General")."""
    out = ""
    for part in parts:
        piece = collapse(part)
        if not piece:
            continue
        if not out:
            out = piece
        elif out.endswith(("-", "‑")) and piece[:1].isalnum() and len(out) > 1 and out[-2].isalnum():
            out += piece
        else:
            out = f"{out} {piece}"
    return out


def _superscript_refs(text: str, known: set[str | None]) -> list[str]:
    out: list[str] = []
    for m in SUPER_REF_RE.finditer(text):
        digits = m.group(0).translate(SUPER_TO_DIGIT)
        if digits in known:
            out.append(digits)
    return out


def _strip_refs(title: str, known: set[str | None]) -> str:
    """A heading's title without the marks of its footnotes ("Human resources¹"); a
    superscript that is no footnote's stays."""
    return SUPER_REF_RE.sub(lambda m: "" if m.group(0).translate(SUPER_TO_DIGIT) in known else m.group(0), title).strip()


def parse_english(text: str, source: str = "", hints: Sequence[Any] | None = None, symbol: str | None = None,
                  header: Sequence[str] = ()) -> Parsed:
    """Parse an English report's text; `hints`, if given, are the reader's lines (one per
    text line: size, bold, role, page, box), `symbol` the reader's running-header symbol."""
    parser = _EnglishParser(text, source, hints, symbol, header)
    parser.footnotes = []
    return parser.run()
