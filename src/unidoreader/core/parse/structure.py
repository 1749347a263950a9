"""Lines -> tokens -> blocks and sections: the parser's main pass.

The text is handled as a list of lines. Each line first gets a role (furniture,
footnote, contents, cover); the remaining content lines are classified (heading,
numbered paragraph, item, table, text) and assembled into blocks in reading order.
Blank lines are no paragraph boundary by themselves (000 is double-spaced, 004 breaks
paragraphs across columns): a numbered paragraph or item runs to the next marker, an
unnumbered paragraph ends with its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unidoreader.core.model import Block, BlockKind, Footnote, Metadata, Report, Section, block_id, document_id
from unidoreader.core.parse import charts, cover as cover_mod, furniture, footnotes as notes_mod, toc
from unidoreader.core.parse.reflow import join_lines
from unidoreader.core.parse.text import collapse, ends_sentence, han_count, tidy_title

CN = "一二三四五六七八九十"
CHAPTER_RE = re.compile(rf"^([{CN}]{{1,3}})\s*[.．、]\s*(\S.*)$")
SECTION_RE = re.compile(r"^([A-Z])\s*[.．]\s*(\S.*)$")
ZHANG_RE = re.compile(rf"^第\s*([{CN}百零〇\d]{{1,5}})\s*(章|部分|编|篇)(?:\s*[:：]\s*|\s+|$)(.*)$")
JIE_RE = re.compile(rf"^第\s*([{CN}百零〇\d]{{1,5}})\s*(节|层)(?:\s*[:：]\s*|\s+|$)(.*)$")
TIAO_RE = re.compile(rf"^第\s*([{CN}百零〇\d]{{1,5}})\s*条\s*(.*)$")
ANNEX_RE = re.compile(rf"^(附件|附录|增编)\s*([{CN}\d]{{0,3}})\s*[:：]?\s*(.*)$")
PARA_RE = re.compile(r"^(\d{1,3})\s*[.．](?!\d)\s*(\S.*)$")
ITEM_RES = (
    re.compile(r"^[(（]([a-z]{1,2}|[ivx]{1,5})[)）]\s*(.*)$"),
    re.compile(r"^([\u3220-\u3229])\s*(.*)$"),
    re.compile(rf"^[(（]([{CN}]{{1,3}})[)）]\s*(.*)$"),
)
LONE_NUMBER_RE = re.compile(r"^\d{1,3}$")
KNOWN_CHAPTERS = {"序言", "前言", "摘要", "简称", "缩略语", "缩写", "简称和缩写", "缩写和简称", "缩略语和简称", "词汇表", "致谢"}
REGIONS = {"非洲", "阿拉伯区域", "亚洲及太平洋", "亚洲和太平洋", "欧洲和中亚", "拉丁美洲和加勒比", "拉丁美洲及加勒比"}
CONTINUED_RE = re.compile(r"[（(]续[)）]$")
RUNNING_HEAD_RE = re.compile(r"^(\S.{1,29}?)\u3000+\d{1,3}$")
TITLE_BAD_END = "。；，：,;:"
JOINING_END = "的和及与、或"
HEADING_JOINING_END = JOINING_END + "其对在将为以同向"


@dataclass
class Tok:
    """One classified content line (or a run of lines for tables and multi-line headings)."""

    kind: str  # heading | para | item | text | table
    start: int
    lines: list[int]
    rest: str = ""  # text of the first line after its marker
    label: str | None = None
    level: int = 0
    title: str = ""


@dataclass
class Parsed:
    """The report plus what the parser removed (for the "nothing lost" accounting)."""

    report: Report
    furniture: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # first/last source line (0-based) of each block


def _content(s: str) -> bool:
    return bool(s.strip())


def _title_ok(title: str, limit: int = 50) -> bool:
    t = title.strip()
    return (bool(t) and len(t) <= limit and t[-1] not in TITLE_BAD_END and "。" not in t and han_count(t) >= 1
            and t[0] not in "）)，。；：、,.;:•·")


def _width(s: str) -> float:
    """Printed width in Han characters (Latin letters and digits count half)."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in s if not ch.isspace())


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        norm = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
        if norm.startswith("\ufeff"):
            norm = norm[1:]
        self.lines = [line.rstrip() for line in norm.split("\n")]
        self.s = [line.strip() for line in self.lines]
        self.n = len(self.lines)
        self.role: list[str | None] = [None] * self.n
        self.furniture: list[str] = []
        self.footer_title: str | None = None

    # -- roles ---------------------------------------------------------------------

    def usable(self) -> list[bool]:
        return [r is None for r in self.role]

    def mark_furniture(self, i: int) -> None:
        if self.role[i] is None:
            self.role[i] = "furniture"
            self.furniture.append(self.lines[i])

    def find_furniture(self) -> None:
        templates = furniture.running_templates(self.s)
        standalone = {tidy_title(s) for s in self.s if 2 <= len(s) <= 30}
        for i, s in enumerate(self.s):
            m = RUNNING_HEAD_RE.match(s)
            if m and tidy_title(m.group(1)) in standalone:
                self.mark_furniture(i)  # "创造共同繁荣　21": a part title and the page number
        for i, s in enumerate(self.s):
            why = furniture.classify(s, templates)
            if why is None:
                continue
            if why == "footer" and self.footer_title is None:
                self.footer_title = furniture.footer_title(s)
            self.mark_furniture(i)
            if why == "notice":
                # link targets printed after the notice (003): bare URL lines
                j = i + 1
                while j < self.n and (not self.s[j] or furniture.URL_RE.match(self.s[j])):
                    if self.s[j]:
                        self.mark_furniture(j)
                    j += 1

    # -- classification ------------------------------------------------------------

    def numbered_mode(self) -> bool:
        expected = 1
        for i, s in enumerate(self.s):
            if self.role[i] is None:
                m = PARA_RE.match(s)
                if m and int(m.group(1)) == expected:
                    expected += 1
        return expected > 3

    def heading_of(self, i: int) -> Tok | None:
        """A heading on line i by its marker (not by layout)."""
        s = collapse(self.s[i])
        m = CHAPTER_RE.match(s)
        if m and _title_ok(m.group(2)):
            return self._wrapped(Tok("heading", i, [i], label=m.group(1), level=1, title=tidy_title(m.group(2))))
        m = SECTION_RE.match(s)
        if m and _title_ok(m.group(2)) and not m.group(2)[0].isascii():
            return self._wrapped(Tok("heading", i, [i], label=m.group(1), level=2, title=tidy_title(m.group(2))))
        m = ZHANG_RE.match(s)
        if m and (not m.group(3) or _title_ok(m.group(3))):
            tok = Tok("heading", i, [i], label=f"第{m.group(1)}{m.group(2)}", level=1, title=tidy_title(m.group(3)))
            if not tok.title:
                # "第一章" alone on its line: the title is printed on the next one
                j = self.next_content(i, 3)
                if j is not None and _title_ok(self.s[j], 30) and not PARA_RE.match(self.s[j]) and not TIAO_RE.match(self.s[j]):
                    tok.title = tidy_title(self.s[j])
                    tok.lines.append(j)
            return tok
        m = JIE_RE.match(s)
        if m and (not m.group(3) or _title_ok(m.group(3), 60)):
            return Tok("heading", i, [i], label="", level=2, title=tidy_title(s))
        compact = s.replace(" ", "")
        if compact in KNOWN_CHAPTERS:
            return Tok("heading", i, [i], label="", level=1, title=compact)
        m = ANNEX_RE.match(s)
        if m and len(s) <= 40 and (not m.group(3) or _title_ok(m.group(3))):
            tok = Tok("heading", i, [i], label="", level=1)
            title = s
            j = i + 1
            # "附件：" / "《综合成果和" / "绩效框架》": join until the title is complete
            while j < self.n and j <= i + 4 and (not m.group(3) and title.endswith(("：", ":")) or title.count("《") > title.count("》")):
                if self.role[j] is None and self.s[j]:
                    title += self.s[j]
                    tok.lines.append(j)
                elif self.role[j] is not None and self.s[j]:
                    break
                j += 1
            tok.title = tidy_title(title)
            return tok
        return None

    def _wrapped(self, tok: Tok) -> Tok:
        """A heading title wrapped onto a second line ("三. …的作用和" / "工作"): the title
        ends mid-phrase. (A long title followed by a short line is no evidence: 002's
        unnumbered sub-heading "导言" follows its chapter heading just so.)"""
        j = self.next_content(tok.start, 3)
        if j is None:
            return tok
        nxt = self.s[j]
        if (PARA_RE.match(nxt) or self.item_of(nxt, "") or CHAPTER_RE.match(nxt) or SECTION_RE.match(nxt)
                or TIAO_RE.match(nxt) or not _title_ok(nxt, 20)):
            return tok
        if tok.title[-1] in HEADING_JOINING_END:
            tok.title = tidy_title(tok.title + nxt)
            tok.lines.append(j)
        return tok

    def item_of(self, s: str, prev: str) -> tuple[str, str] | None:
        for pattern in ITEM_RES:
            m = pattern.match(s)
            if m:
                rest = m.group(2)
                spaced = len(s) > m.start(2) and s[m.start(2) - 1 : m.start(2)].isspace()
                if not rest:
                    return m.group(1), rest
                if spaced or (prev and prev.rstrip()[-1:] in "：；。:;"):
                    return m.group(1), rest
        return None

    def tokenize(self, numbered: bool) -> list[Tok]:
        toks: list[Tok] = []
        expected_para = 1
        expected_chapter = 1
        prev_text = ""
        i = 0
        while i < self.n:
            if self.role[i] is not None or not self.s[i]:
                i += 1
                continue
            s = self.s[i]
            head = self.heading_of(i)
            if head is not None:
                for j in head.lines:
                    self.role[j] = "heading" if j != i else None
                toks.append(head)
                prev_text = s
                i = max(head.lines) + 1
                continue
            m = TIAO_RE.match(s)
            if m:
                label = f"第{m.group(1)}条"
                rest = m.group(2).strip()
                if rest and (len(rest) > 24 or ends_sentence(rest) or not _title_ok(rest, 24)):
                    toks.append(Tok("para", i, [i], rest=rest, label=label))  # an article: 第一条 + its text
                else:
                    tok = Tok("heading", i, [i], label=label, level=2, title=tidy_title(rest))
                    j = self.next_content(i, 3)
                    if not rest and j is not None and _title_ok(self.s[j], 24) and not TIAO_RE.match(self.s[j]) \
                            and not PARA_RE.match(self.s[j]) and self.heading_of(j) is None:
                        tok.title = tidy_title(self.s[j])  # "第四条" / "会议日期"
                        tok.lines.append(j)
                    toks.append(tok)
                    i = max(tok.lines)
                prev_text = s
                i += 1
                continue
            m = PARA_RE.match(s)
            if numbered and m and expected_para <= int(m.group(1)) <= expected_para + 1:
                expected_para = int(m.group(1)) + 1
                toks.append(Tok("para", i, [i], rest=m.group(2), label=m.group(1)))
                prev_text = s
                i += 1
                continue
            if m and numbered and int(m.group(1)) == 1 and expected_para > 3 and toks and toks[-1].kind == "heading":
                expected_para = 2  # numbering restarts (an annex)
                toks.append(Tok("para", i, [i], rest=m.group(2), label=m.group(1)))
                i += 1
                continue
            item = self.item_of(s, prev_text)
            if item is not None:
                toks.append(Tok("item", i, [i], rest=item[1], label=item[0]))
                prev_text = s
                i += 1
                continue
            if not numbered and LONE_NUMBER_RE.match(s) and int(s) == expected_chapter:
                chap = self.chapter_number(i, expected_chapter, toks)
                if chap is not None:
                    expected_chapter += 1
                    toks.extend(chap)
                    last = max(max(t.lines) for t in chap)
                    i = max(last, i) + 1
                    prev_text = ""
                    continue
            toks.append(Tok("text", i, [i], rest=s))
            prev_text = s
            i += 1
        return toks

    def next_content(self, i: int, limit: int = 6) -> int | None:
        j = i + 1
        while j < self.n and j <= i + limit:
            if self.role[j] is None and self.s[j]:
                return j
            j += 1
        return None

    def chapter_number(self, i: int, number: int, toks: list[Tok]) -> list[Tok] | None:
        """004's chapters: a lone number line, then (after blank lines) the chapter title."""
        j = self.next_content(i, 5)
        if j is None:
            return None
        title = self.s[j]
        if not _title_ok(title, 30) or han_count(title) < 2 or charts.data_kind(title) == "num":
            return None
        lines = [i, j]
        while title[-1] in JOINING_END:
            k = self.next_content(j, 4)
            if k is None or not _title_ok(self.s[k], 20):
                break
            title += self.s[k]
            lines.append(k)
            j = k
        title = tidy_title(title)
        if title in REGIONS:
            # the chapter's title is the part heading printed before its number (区域概况);
            # the region starting right after the number is its first section
            for t in reversed(toks[-40:]):
                if t.kind == "heading":
                    break
                if t.kind == "text" and t.start >= i - 60 and self._looks_like_heading(t.start, loose=True):
                    t.kind, t.level, t.label, t.title = "heading", 1, str(number), tidy_title(self.s[t.start])
                    self.role[i] = "heading"
                    return [Tok("heading", j, lines[1:], label="", level=2, title=title)]
            return [Tok("heading", i, lines, label=str(number), level=1, title=title)]
        return [Tok("heading", i, lines, label=str(number), level=1, title=title)]

    def _looks_like_heading(self, i: int, loose: bool = False) -> bool:
        s = self.s[i]
        c = s.replace(" ", "").replace("\u3000", "")
        if not (2 <= len(c) <= 16) or han_count(c) < 2:
            return False
        if re.search(r"[。，；：,;:%•·]", c) or c[-1] in JOINING_END or c[0] in "•·-–—*＊":
            return False
        if re.search(r"\d(年|个|项|次|名|%)$", c):
            return False
        if loose:
            return True
        return True

    # -- sub-headings, tables, lone numbers ------------------------------------------

    def prev_content_tok(self, toks: list[Tok], k: int) -> Tok | None:
        return toks[k - 1] if k > 0 else None

    def find_subheadings(self, toks: list[Tok], numbered: bool) -> None:
        """Unnumbered sub-headings: a short line without punctuation after a finished
        sentence, followed by a numbered paragraph (002) or by running text (004)."""
        if not numbered:
            self._two_line_headings(toks)
        for k, t in enumerate(toks):
            if t.kind != "text" or not self._looks_like_heading(t.start):
                continue
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if not numbered and tidy_title(t.rest) in REGIONS and nxt is not None and nxt.kind == "text" \
                    and _width(nxt.rest) >= charts.LONG_TEXT:
                t.kind, t.level, t.label, t.title = "heading", 2, "", tidy_title(t.rest)  # 004's regional sections
                continue
            if charts.data_kind(t.rest) == "num":
                continue
            prev = toks[k - 1] if k else None
            if prev is not None and not (prev.kind == "heading" or (prev.kind in ("text", "para", "item") and ends_sentence(self.s[prev.lines[-1]])) or prev.kind == "table"):
                continue
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None:
                continue
            if numbered:
                ok = nxt.kind == "para"
            else:
                # 004: a short line after a blank line, then a full-width line of running text
                blank_before = t.start > 0 and (not self.s[t.start - 1] or self.role[t.start - 1] is not None)
                ok = blank_before and nxt.kind == "text" and _width(t.rest) <= 14 and _width(nxt.rest) >= charts.LONG_TEXT \
                    and _width(t.rest) <= 0.8 * _width(nxt.rest) and charts.data_kind(nxt.rest) is None
            if ok:
                t.kind, t.level, t.label, t.title = "heading", 2, "", tidy_title(t.rest)

    def _two_line_headings(self, toks: list[Tok]) -> None:
        """004's story titles: a line, a short remainder ("病房", "更多机会"), a blank line,
        then the story. Running text never leaves a short unfinished line before a blank."""
        for k in range(len(toks) - 2):
            t1, t2, t3 = toks[k], toks[k + 1], toks[k + 2]
            if not (t1.kind == t2.kind == t3.kind == "text"):
                continue
            a, b = t1.rest, t2.rest
            if not (8 <= _width(a) <= 24 and _width(b) <= 8 and han_count(b) >= 1):
                continue
            if re.search(r"[。；：:;]", a) or re.search(r"[。；：，、:;,]", b) or a[:1] in "•·*＊" or b[:1] in "•·*＊":
                continue
            if charts.data_kind(b) == "num" or _width(t3.rest) < charts.LONG_TEXT:
                continue
            prev = toks[k - 1] if k else None
            before_ok = prev is None or prev.kind in ("heading", "table") or (
                prev.kind == "text" and ends_sentence(prev.rest)) or self._blank_between(prev.lines[-1], t1.start)
            if not (before_ok and self._blank_between(t2.start, t3.start) and not self._blank_between(t1.start, t2.start)):
                continue
            t1.kind, t1.level, t1.label, t1.title = "heading", 2, "", tidy_title(a + b)
            t1.lines = [t1.start, t2.start]
            t2.kind = "merged"

    def find_tables(self, toks: list[Tok]) -> list[Tok]:
        """Merge runs of data-like text lines into table tokens."""
        kinds: list[str | None] = []
        zone = False
        narrow_run = 0
        for k, t in enumerate(toks):
            if t.kind != "text":
                kinds.append(None)
                zone = False
                continue
            d = charts.data_kind(t.rest)
            if charts.ZONE_START_RE.match(t.rest) or charts.INDICATOR_RE.match(t.rest):
                zone = True  # an indicator table: everything up to the next heading belongs to it
                narrow_run = 0
            if zone:
                running = d is None and 15 <= _width(t.rest) < 28 and not t.rest.startswith(("*", "＊")) \
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
                if nxt is not None and nxt.kind == "text" and charts.data_kind(nxt.rest) is None \
                        and _width(nxt.rest) >= charts.LONG_TEXT and (prv is None or _width(t.rest) >= 4) and " " not in t.rest:
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
            numeric = [x for x in range(k, e + 1) if kinds[x] in ("num", "row") or (kinds[x] == "zone" and charts.number_count(toks[x].rest))]
            nums = sum(charts.number_count(toks[x].rest) for x in numeric)
            in_zone = any(kinds[x] == "zone" for x in range(k, e + 1))
            if (len(run) >= 3 and len(numeric) >= 2 and nums >= 3) or (len(run) >= 2 and nums >= 4) or (in_zone and nums >= 1):
                members = [t for t in run]
                # a caption or unit line right after the figures belongs to the chart
                if e + 1 < len(toks) and toks[e + 1].kind == "text":
                    a = toks[e + 1]
                    if charts.UNIT_RE.match(a.rest.replace(" ", "")):
                        members.append(a)
                        e += 1
                    elif e + 2 < len(toks) and toks[e + 2].kind == "text" and charts.UNIT_RE.match(toks[e + 2].rest.replace(" ", "")) \
                            and len(a.rest) <= 40 and "。" not in a.rest:
                        members.extend([a, toks[e + 2]])
                        e += 2
                member_lines = {line for t in members for line in t.lines}
                first, last = min(member_lines), max(member_lines)
                lines = [x for x in range(first, last + 1) if x in member_lines or (self.role[x] is None and not self.s[x])]
                out.append(Tok("table", first, lines))
                k = e + 1
            else:
                out.extend(run)
                k = e + 1
        return out

    def drop_lone_numbers(self, toks: list[Tok]) -> list[Tok]:
        """Page numbers and graphic labels: a lone number that is neither a chapter nor in a chart."""
        out = []
        for t in toks:
            if t.kind == "text" and LONE_NUMBER_RE.match(t.rest):
                self.mark_furniture(t.start)
                continue
            out.append(t)
        return out

    def drop_repeated_headings(self, toks: list[Tok]) -> list[Tok]:
        """Running heads repeating a heading ("第三层：…（续）") are furniture."""
        seen: set[str] = set()
        out = []
        for t in toks:
            if t.kind == "heading":
                key = CONTINUED_RE.sub("", t.title)
                if key in seen and t.label in ("", None) and (CONTINUED_RE.search(t.title) or JIE_RE.match(t.title)):
                    for j in t.lines:
                        self.role[j] = None
                        self.mark_furniture(j)
                    continue
                seen.add(key)
            elif t.kind == "text" and CONTINUED_RE.search(t.rest):
                key = tidy_title(CONTINUED_RE.sub("", t.rest))
                if key in seen:
                    self.mark_furniture(t.start)
                    continue
            elif t.kind == "text" and RUNNING_HEAD_RE.match(t.rest):
                m = RUNNING_HEAD_RE.match(t.rest)
                if m is not None and tidy_title(m.group(1)) in seen:
                    self.mark_furniture(t.start)  # "促进包容及可持续工业发展的全球活动　3": chapter title and page
                    continue
            out.append(t)
        return out

    # -- assembly ------------------------------------------------------------------

    def run(self) -> Parsed:
        self.find_furniture()
        contents = toc.find_contents(self.lines, self.usable())
        for i in contents:
            self.role[i] = "toc"
        scan = notes_mod.scan_notes(self.lines, self.usable())
        for i in scan.taken:
            if self.role[i] is None:
                self.role[i] = "note"
        for i in range(self.n):
            if self.role[i] is None and notes_mod.SEPARATOR_RE.match(self.s[i]) and i in scan.taken:
                self.role[i] = "note"
        numbered = self.numbered_mode()

        # cover: content lines before the first heading / numbered paragraph
        first_struct = self.n
        expected = 1
        for i in range(self.n):
            if self.role[i] is None and self.s[i]:
                m = PARA_RE.match(self.s[i])
                if self.heading_of(i) is not None or (numbered and m and int(m.group(1)) == expected):
                    first_struct = i
                    break
        candidates = [i for i in range(first_struct) if self.role[i] is None and self.s[i]]
        cov = cover_mod.parse_cover(self.lines, candidates)
        for i in cov.lines:
            self.role[i] = "cover"
        symbol = cov.fields.get("symbol")
        if isinstance(symbol, str):
            # the document symbol repeated as a page header
            for i in range(self.n):
                if self.role[i] is None and self.s[i].replace(" ", "") == symbol:
                    self.mark_furniture(i)
        if "title" not in cov.fields and not self.footer_title and candidates:
            first = collapse(self.s[candidates[0]])
            if _title_ok(first, 40) and self.role[candidates[0]] is None:
                cov.fields["title"] = tidy_title(first)  # a bare text: its first line names it

        toks = self.tokenize(numbered)
        toks = self.find_tables(toks)
        self.find_subheadings(toks, numbered)
        toks = [t for t in toks if t.kind != "merged"]
        toks = self.drop_lone_numbers(toks)
        toks = self.drop_repeated_headings(toks)
        return self.assemble(toks, cov, scan, contents)

    def assemble(self, toks: list[Tok], cov: cover_mod.Cover, scan: notes_mod.NoteScan, contents: list[int]) -> Parsed:
        specs: list[dict] = []  # kind, label, lines(list[str]), start, end, title/level for headings
        current: dict | None = None
        blank_mode = self._blank_separated()

        deferred: list[dict] = []

        def flush() -> None:
            nonlocal current
            if current is not None and current["parts"]:
                specs.append(current)
            current = None
            specs.extend(deferred)
            deferred.clear()

        # Magazine layouts (004) print body text in narrow columns, and boxes, captions and
        # infographics across them. A paragraph interrupted by such a box goes on after it:
        # the box becomes blocks of its own (split at blank lines), placed after the paragraph.
        widths = sorted(_width(t.rest) for t in toks if t.kind == "text" and _width(t.rest) >= 8)
        median = widths[len(widths) // 2] if widths else 0.0
        narrow = 0 < median < 26 and len(widths) >= 40

        def column_line(w: float) -> bool:
            return 0.92 * median <= w <= 1.15 * median

        def resumes(k: int) -> bool:
            """Back in the column after a box: a line printed with the leading space pdftotext
            gives text flowing on after a box, or two full column lines in a row."""
            t = toks[k]
            w = _width(t.rest)
            if self.lines[t.start][:1].isspace() and 0.5 * median <= w <= 1.15 * median:
                return True
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            return (column_line(w) and nxt is not None and nxt.kind == "text" and column_line(_width(nxt.rest))
                    and not self._blank_between(t.start, nxt.start))

        def aside_ahead(k: int) -> bool:
            """A box starts at toks[k]: a line wider than the column follows within a few
            lines, before any column line or finished sentence (text wrapping round a picture
            is narrower, never wider)."""
            for u in toks[k : k + 4]:
                if u.kind == "table":
                    continue
                if u.kind != "text" or column_line(_width(u.rest)) or furniture.URL_RE.match(u.rest):
                    return False
                if _width(u.rest) > 1.3 * median:
                    return True
                if ends_sentence(u.rest):
                    return False
            return False

        aside: dict | None = None
        in_aside = False

        def close_aside() -> None:
            nonlocal aside
            if aside is not None and aside["parts"]:
                deferred.append(aside)
            aside = None

        def unfinished() -> bool:
            return current is not None and bool(current["parts"]) and not ends_sentence(current["parts"][-1])

        last_line = -1
        for k, t in enumerate(toks):
            if t.kind != "text" and in_aside:
                close_aside()
                in_aside = t.kind == "table"
            if t.kind == "heading":
                flush()
                specs.append({"kind": BlockKind.HEADING, "label": t.label, "parts": [t.title], "start": t.start, "end": max(t.lines),
                              "level": t.level, "title": t.title})
            elif t.kind == "table":
                table = {"kind": BlockKind.TABLE, "label": None, "parts": [self.lines[i] for i in t.lines], "start": t.start,
                         "end": max(t.lines), "raw": [self.lines[i] for i in t.lines]}
                if unfinished():
                    deferred.append(table)  # a chart cutting a sentence: the paragraph goes on after it
                else:
                    flush()
                    specs.append(table)
            elif t.kind in ("para", "item"):
                flush()
                current = {"kind": BlockKind.PARAGRAPH if t.kind == "para" else BlockKind.ITEM, "label": t.label,
                           "parts": [t.rest] if t.rest else [], "start": t.start, "end": t.start}
            else:
                w = _width(t.rest)
                if in_aside:
                    if resumes(k):  # back in the column: the interrupted paragraph goes on
                        close_aside()
                        in_aside = False
                    else:
                        if aside is not None and (self._blank_between(last_line, t.start) or ends_sentence(aside["parts"][-1])):
                            close_aside()
                        if aside is None:
                            aside = {"kind": BlockKind.PARAGRAPH, "label": None, "parts": [], "start": t.start, "end": t.start}
                        aside["parts"].append(t.rest)
                        aside["end"] = t.start
                        last_line = max(t.lines)
                        continue
                elif narrow and unfinished() and not column_line(w) and not ends_sentence(t.rest) and aside_ahead(k):
                    in_aside = True
                    aside = {"kind": BlockKind.PARAGRAPH, "label": None, "parts": [t.rest], "start": t.start, "end": t.start}
                    last_line = max(t.lines)
                    continue
                if furniture.URL_RE.match(t.rest) or (charts.UNIT_IN_RE.search(t.rest) and w <= 30 and "。" not in t.rest):
                    # a printed link, or a chart caption "技术合作（2020年） 36.2（以百万美元计）": a block of its own
                    caption = {"kind": BlockKind.PARAGRAPH, "label": None, "parts": [t.rest], "start": t.start, "end": t.start}
                    if unfinished():
                        deferred.append(caption)
                    else:
                        flush()
                        specs.append(caption)
                    last_line = max(t.lines)
                    continue
                if current is not None and current["label"] is None and current["kind"] is BlockKind.PARAGRAPH:
                    prev = current["parts"][-1] if current["parts"] else ""
                    if ends_sentence(prev) or (blank_mode and self._blank_between(last_line, t.start)):
                        flush()
                if current is None:
                    current = {"kind": BlockKind.PARAGRAPH, "label": None, "parts": [], "start": t.start, "end": t.start}
                current["parts"].append(t.rest)
                current["end"] = t.start
            last_line = max(t.lines)
        close_aside()
        flush()

        # -- footnotes
        note_items = [(note, first) for note, first in scan.notes]
        doc_notes = [(note, first) for note, first in note_items if not note.label.isdigit()]
        numbered_notes = [(note, first) for note, first in note_items if note.label.isdigit()]
        texts: list[str] = []
        for sp in specs:
            if sp["kind"] is BlockKind.TABLE:
                texts.append("\n".join(collapse(x) for x in sp["parts"] if x.strip()))
            elif sp["kind"] is BlockKind.HEADING:
                texts.append(sp["title"])
            else:
                texts.append(join_lines(sp["parts"]))
        cites: list[list[str]] = [[] for _ in specs]
        known = {note.label for note, _ in numbered_notes}
        for k, sp in enumerate(specs):
            if sp["kind"] is not BlockKind.TABLE:
                for label in notes_mod.superscript_refs(texts[k], known):
                    if label not in cites[k]:
                        cites[k].append(label)
        cursor = (0, 0)
        for note, _ in numbered_notes:
            if note.style != "separator":
                continue
            k, offset = cursor
            window = note.at - 400  # a reference sits on the page its note ends
            while k < len(specs) and specs[k]["start"] < window and specs[k]["end"] < window:
                k += 1
                offset = 0
            while k < len(specs) and specs[k]["start"] < note.at:
                if specs[k]["kind"] in (BlockKind.PARAGRAPH, BlockKind.ITEM):
                    m = notes_mod.find_bare_ref(texts[k], note.label, offset)
                    if m is not None:
                        texts[k] = texts[k][: m.start()] + texts[k][m.end():]
                        if note.label not in cites[k]:
                            cites[k].append(note.label)
                        cursor = (k, m.start())
                        break
                k += 1
                offset = 0

        # -- blocks and sections
        seen: dict[str, int] = {}
        blocks: list[Block] = []
        meta_fields = dict(cov.fields)
        spans: list[tuple[int, int]] = []
        if cov.lines:
            cover_text = " ".join(collapse(self.lines[i]) for i in cov.lines)
            blocks.append(Block(id=block_id(BlockKind.NOTE, cover_text, seen), kind=BlockKind.NOTE, text=cover_text, label=None))
            spans.append((min(cov.lines), max(cov.lines)))
        for note, first in doc_notes:
            text = join_lines([first] + [self.lines[i] for i in note.lines[1:]])
            blocks.append(Block(id=block_id(BlockKind.NOTE, text, seen), kind=BlockKind.NOTE, text=text, label=note.label))
            spans.append((min(note.lines), max(note.lines)))

        tops: list[dict] = []
        current_top: dict | None = None
        current_sec: dict | None = None
        used_ids: set[str] = set()
        for k, sp in enumerate(specs):
            kind = sp["kind"]
            text = texts[k]
            spans.append((sp["start"], sp["end"]))
            if kind is BlockKind.HEADING:
                node = {"level": sp["level"], "label": sp["label"] or "", "title": sp["title"], "children": []}
                if sp["level"] == 1 or current_top is None:
                    siblings = tops
                    parent_id = ""
                    node["level"] = 1 if current_top is None and sp["level"] != 1 and False else sp["level"]
                else:
                    siblings = current_top["children"]
                    parent_id = current_top["id"] + "."
                base = sp["label"] if sp["label"] else f"#{len(siblings) + 1}"
                sid = parent_id + base
                n = 2
                while sid in used_ids:
                    sid = f"{parent_id}{base}~{n}"
                    n += 1
                used_ids.add(sid)
                node["id"] = sid
                siblings.append(node)
                if siblings is tops:
                    current_top = node
                current_sec = node
                bid = block_id(kind, text, seen)
                node["heading"] = bid
                blocks.append(Block(id=bid, kind=kind, text=text, section=sid, label=sp["label"] or None))
                continue
            section = current_sec["id"] if current_sec else None
            raw = tuple(sp.get("raw", ()))
            bid = block_id(kind, text, seen)
            blocks.append(Block(id=bid, kind=kind, text=text, section=section, label=sp["label"], footnotes=tuple(cites[k]), lines=raw))

        cited_by: dict[str, list[str]] = {}
        for b in blocks:
            for label in b.footnotes:
                cited_by.setdefault(label, []).append(b.id)
        footnote_list = []
        for note, first in numbered_notes:
            text = join_lines([first] + [self.lines[i] for i in note.lines[1:]])
            footnote_list.append(Footnote(label=note.label, text=text, blocks=tuple(cited_by.get(note.label, ()))))

        def freeze(node: dict) -> Section:
            return Section(id=node["id"], level=node["level"], label=node["label"], title=node["title"], heading=node["heading"],
                           children=tuple(freeze(c) for c in node["children"]))

        if "title" not in meta_fields and self.footer_title:
            meta_fields["title"] = self.footer_title
            if self.footer_title.endswith("年度报告"):
                meta_fields["kind"] = "年度报告"
            y = re.search(r"(19|20)\d{2}", self.footer_title)
            if y and "year" not in meta_fields:
                meta_fields["year"] = int(y.group(0))
        known_fields = set(Metadata.__dataclass_fields__)
        metadata = Metadata(**{k: v for k, v in meta_fields.items() if k in known_fields})
        report = Report(
            id=document_id(self.text),
            source=self.source,
            metadata=metadata,
            blocks=tuple(blocks),
            sections=tuple(freeze(node) for node in tops),
            footnotes=tuple(footnote_list),
            contents=tuple(collapse(self.lines[i]) for i in contents if self.s[i]),
        )
        return Parsed(report=report, furniture=self.furniture, spans=spans)

    def _blank_separated(self) -> bool:
        """Whether blank lines separate paragraphs here (not double-spaced, not column breaks)."""
        ends = 0
        total = 0
        for i in range(self.n - 1):
            if self.s[i] and self.role[i] is None and not self.s[i + 1]:
                total += 1
                ends += ends_sentence(self.s[i])
        return total > 0 and ends >= 0.8 * total

    def _blank_between(self, a: int, b: int) -> bool:
        if a < 0:
            return False
        between = range(a + 1, b)
        if any(self.role[j] is not None and self.s[j] for j in between):
            return False
        return any(not self.s[j] for j in between)


def parse_document(text: str, source: str = "") -> Parsed:
    """Parse report text; the Parsed result also lists the furniture lines removed."""
    return _Parser(text, source).run()
