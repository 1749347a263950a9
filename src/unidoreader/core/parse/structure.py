"""Lines -> roles -> tokens: the parser's main pass.

The text is handled as a list of lines. Each line first gets a role (furniture,
footnote, contents, cover); the remaining content lines are classified (heading,
numbered paragraph, item, table, text), and assemble.py turns the tokens into blocks.
Headings are recognised by their markers (一. / A. / 第X章 / 附件 / 第一层：…) and, where
a document has none, by layout (002's unnumbered sub-headings before a numbered paragraph,
004's lone chapter numbers and short titles over running text). A PDF or Word file that
typesets its headings (reader hints: a Word heading style, bold type larger than the body)
says which unmarked lines are headings; its layout rules are for text files, whose line
breaks are the printed ones.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from unidoreader.core.language import detect_language
from unidoreader.core.parse import charts, cover as cover_mod, furniture, footnotes as notes_mod, toc
from unidoreader.core.parse.assemble import assemble
from unidoreader.core.parse.text import collapse, ends_sentence, han_count, tidy_title
from unidoreader.core.parse.tokens import Parsed, Tok, title_ok, width

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
# a line typeset letter-spaced ("工 发 组 织 和 劳 工 组 织"): a justified short line of running text
LETTER_SPACED_RE = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff]){4,}")
# a paragraph number after a finished sentence, in the middle of a line
MIDLINE_PARA_RE = re.compile(r"(?<=[。！？”])\s+(\d{1,3})\.\s+(?=\S)")
JOINING_END = "的和及与、或"
HEADING_JOINING_END = JOINING_END + "其对在将为以同向"
# words that tie a sentence to the one before it ("其中一个试点项目是在乌拉圭卡…"): a line
# starting with one goes on from running text, it is never a title
SENTENCE_OPENERS = ("其中", "此外", "另外", "因此", "为此", "对此", "由此", "然而", "但是", "不过", "而且", "并且",
                    "同时", "此后", "随后", "其后", "于是", "所以", "否则", "例如", "比如", "尤其是", "特别是")
# a reader's line typeset as a heading: bold, at least this much larger than the body text
HEADING_SIZE = 1.05


class _Parser:
    def __init__(self, text: str, source: str, hints: Sequence[Any] | None = None) -> None:
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
        self.letter_spaced: set[int] = set()  # lines printed letter-spaced (never headings)
        self.roles: dict[int, str] = {}  # a reader's role of a line ("heading1"), where it gives one
        self.sizes: dict[int, float] = {}  # a reader's type size of a line, where it gives one
        self.styled = self._styled_lines(hints)
        # a Word file's lines: one paragraph each (its line breaks after it), no printed pages
        self.word = hints is not None and len(hints) == self.n and not any(
            getattr(h, "size", 0) or getattr(h, "page", None) for h in hints)
        # a PDF's lines: page and box (x0, top, x1, bottom) of each
        self.boxes: dict[int, tuple[int, tuple[float, float, float, float]]] = {}
        self.pdf_spaced = False  # set in run(): paragraphs set apart by space (ends_paragraph)
        self.right_edge: dict[tuple[int, int], float] = {}  # set in run(): (page, left edge) -> right edge
        if hints is not None and len(hints) == self.n and not self.word:
            for i, hint in enumerate(hints):
                page, box = getattr(hint, "page", None), getattr(hint, "box", None)
                if page is not None and box:
                    self.boxes[i] = (page, tuple(box))

    def _styled_lines(self, hints: Sequence[Any] | None) -> set[int] | None:
        """The lines a reader says are typeset as headings (a Word heading style; in a PDF,
        bold and larger than the body text), or None when the hints do not tell headings
        apart (a text file, a PDF in one type, a Word file without heading styles): then
        the layout of the text decides, as for a text file."""
        if hints is None or len(hints) != self.n:
            return None
        sizes: dict[float, int] = {}
        for hint in hints:
            size = float(getattr(hint, "size", 0.0) or 0.0)
            if size:
                sizes[size] = sizes.get(size, 0) + len(getattr(hint, "text", ""))
        body = max(sizes, key=lambda k: sizes[k]) if sizes else 0.0
        styled = set()
        for i, hint in enumerate(hints):
            role = str(getattr(hint, "role", "") or "")
            size = float(getattr(hint, "size", 0.0) or 0.0)
            if role:
                self.roles[i] = role
            if size:
                self.sizes[i] = size
            if role.startswith("heading") or (body and getattr(hint, "bold", False) and size >= HEADING_SIZE * body):
                styled.add(i)
        return styled if len(styled) >= 3 else None

    # -- roles ---------------------------------------------------------------------

    def usable(self) -> list[bool]:
        return [r is None for r in self.role]

    def mark_furniture(self, i: int) -> None:
        if self.role[i] is None:
            self.role[i] = "furniture"
            self.furniture.append(self.lines[i])

    def find_furniture(self) -> None:
        templates = furniture.running_templates(self.s)
        heads = [(i, m) for i, m in ((i, RUNNING_HEAD_RE.match(s)) for i, s in enumerate(self.s)) if m]
        if heads:
            standalone = {"".join(s.split()) for s in self.s if 2 <= len(s) <= 30}
            for i, m in heads:
                if "".join(m.group(1).split()) in standalone:
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
        if m and title_ok(m.group(2)):
            return self._wrapped(Tok("heading", i, [i], label=m.group(1), level=1, title=tidy_title(m.group(2))))
        m = SECTION_RE.match(s)
        if m and title_ok(m.group(2)) and not m.group(2)[0].isascii():
            return self._wrapped(Tok("heading", i, [i], label=m.group(1), level=2, title=tidy_title(m.group(2))))
        m = ZHANG_RE.match(s)
        if m and (not m.group(3) or title_ok(m.group(3))):
            tok = Tok("heading", i, [i], label=f"第{m.group(1)}{m.group(2)}", level=1, title=tidy_title(m.group(3)))
            if not tok.title:
                # "第一章" alone on its line: the title is printed on the next one
                j = self.next_content(i, 3)
                if j is not None and title_ok(self.s[j], 30) and not PARA_RE.match(self.s[j]) and not TIAO_RE.match(self.s[j]):
                    tok.title = tidy_title(self.s[j])
                    tok.lines.append(j)
            return tok
        m = JIE_RE.match(s)
        if m and (not m.group(3) or title_ok(m.group(3), 60)):
            return Tok("heading", i, [i], label="", level=2, title=tidy_title(s))
        compact = s.replace(" ", "")
        if compact in KNOWN_CHAPTERS:
            return Tok("heading", i, [i], label="", level=1, title=compact)
        m = ANNEX_RE.match(s)
        if m and len(s) <= 40 and (not m.group(3) or title_ok(m.group(3))):
            tok = Tok("heading", i, [i], label="", level=1)
            title = s
            j = i + 1
            # "附件：" / "《综合成果和" / "绩效框架》", or "附件一" / its title: join until complete
            while j < self.n and j <= i + 4 and (len(tok.lines) == 1 and not m.group(3) or title.count("《") > title.count("》")):
                if self.role[j] is None and self.s[j]:
                    nxt = self.s[j]
                    if len(tok.lines) == 1 and not m.group(3) and not title.endswith(("：", ":")) and (
                            not title_ok(nxt, 40) or PARA_RE.match(nxt) or CHAPTER_RE.match(nxt) or SECTION_RE.match(nxt)):
                        break  # "附件" alone, then text: no title to join
                    title += nxt
                    tok.lines.append(j)
                elif self.role[j] is not None and self.s[j]:
                    break
                j += 1
            if m.group(2):
                # "附件一" + its title: labelled like a chapter (section id "附件一")
                tok.label = f"{m.group(1)}{m.group(2)}"
                tok.title = tidy_title(re.sub(r"^\s*[:：]\s*", "", title[len(s):] if len(tok.lines) > 1 else (m.group(3) or "")))
            else:
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
                or TIAO_RE.match(nxt) or not title_ok(nxt, 20)):
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
                if rest and (len(rest) > 24 or ends_sentence(rest) or not title_ok(rest, 24)):
                    toks.append(Tok("para", i, [i], rest=rest, label=label))  # an article: 第一条 + its text
                else:
                    tok = Tok("heading", i, [i], label=label, level=2, title=tidy_title(rest))
                    j = self.next_content(i, 3)
                    if not rest and j is not None and title_ok(self.s[j], 24) and not TIAO_RE.match(self.s[j]) \
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
                expected_para = self._split_midline_numbers(toks, Tok("para", i, [i], rest=m.group(2), label=m.group(1)), expected_para)
                prev_text = s
                i += 1
                continue
            if m and numbered and int(m.group(1)) == 1 and expected_para > 1 and toks and toks[-1].kind == "heading":
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
            if LETTER_SPACED_RE.fullmatch(s):
                s = s.replace(" ", "")  # the first line of a paragraph, not a heading
                self.s[i] = s
                self.letter_spaced.add(i)
            if numbered:
                expected_para = self._split_midline_numbers(toks, Tok("text", i, [i], rest=s), expected_para)
            else:
                toks.append(Tok("text", i, [i], rest=s))
            prev_text = s
            i += 1
        return toks

    @staticmethod
    def _split_midline_numbers(toks: list[Tok], tok: Tok, expected: int) -> int:
        """Append `tok`; a paragraph number printed mid-line after a finished sentence
        ("…的长处。 13. 此外，…") starts its own paragraph when it is the next number.
        Returns the next number expected."""
        while True:
            m = MIDLINE_PARA_RE.search(tok.rest)
            if m is None or int(m.group(1)) != expected:
                toks.append(tok)
                return expected
            toks.append(Tok(tok.kind, tok.start, list(tok.lines), rest=tok.rest[: m.start()].rstrip(), label=tok.label))
            tok = Tok("para", tok.start, [tok.start], rest=tok.rest[m.end():], label=m.group(1))
            expected += 1

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
        if not title_ok(title, 30) or han_count(title) < 2 or charts.data_kind(title) == "num" or self.heading_of(j) is not None:
            return None
        label = self.s[i]  # as printed ("1"; "01" stays "01")
        lines = [i, j]
        while title[-1] in JOINING_END:
            k = self.next_content(j, 4)
            if k is None or not title_ok(self.s[k], 20):
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
                if t.kind == "text" and t.start >= i - 60 and self._looks_like_heading(t.start):
                    t.kind, t.level, t.label, t.title = "heading", 1, label, tidy_title(self.s[t.start])
                    self.role[i] = "heading"
                    return [Tok("heading", j, lines[1:], label="", level=2, title=title)]
            return [Tok("heading", i, lines, label=label, level=1, title=title)]
        return [Tok("heading", i, lines, label=label, level=1, title=title)]

    def _looks_like_heading(self, i: int) -> bool:
        """Short, Chinese, no punctuation: could be a heading (layout decides)."""
        s = self.s[i]
        c = s.replace(" ", "").replace("\u3000", "")
        if i in self.letter_spaced or not (2 <= len(c) <= 16) or han_count(c) < 2:
            return False
        if re.search(r"[。，；：,;:%•·]", c) or c[-1] in JOINING_END or c[0] in "•·-–—*＊" or c.startswith(SENTENCE_OPENERS):
            return False
        return not re.search(r"\d(年|个|项|次|名|%)$", c)

    # -- sub-headings, tables, lone numbers ------------------------------------------

    def find_subheadings(self, toks: list[Tok], numbered: bool) -> None:
        """Unnumbered sub-headings: a short line without punctuation after a finished
        sentence, followed by a numbered paragraph (002) or by running text (004). A PDF or
        Word file that typesets its headings says which lines they are: its type decides."""
        if self.styled is not None:
            self._styled_headings(toks)
            return
        if not numbered:
            self._two_line_headings(toks)
        for k, t in enumerate(toks):
            if t.kind != "text" or not self._looks_like_heading(t.start):
                continue
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if not numbered and tidy_title(t.rest) in REGIONS and nxt is not None and nxt.kind == "text" \
                    and width(nxt.rest) >= charts.LONG_TEXT:
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
                ok = blank_before and nxt.kind == "text" and width(t.rest) <= 16 and width(nxt.rest) >= charts.LONG_TEXT \
                    and width(t.rest) <= 0.8 * width(nxt.rest) and charts.data_kind(nxt.rest) is None
            if ok:
                t.kind, t.level, t.label, t.title = "heading", 2, "", tidy_title(t.rest)

    def _styled_headings(self, toks: list[Tok]) -> None:
        """Lines typeset as headings (`self.styled`) that no marker made a heading: unnumbered
        headings, level 2 (level 1 where a Word style says so). Lines in body type are not
        headings, however short: a caption or a box's label is printed so."""
        styled = self.styled or set()
        for k, t in enumerate(toks):
            if t.kind != "text" or t.start not in styled or t.start in self.letter_spaced:
                continue
            title = tidy_title(t.rest)
            # a title broken by a line break in its paragraph (Word) runs on in the next line
            more: list[Tok] = []
            j = k + 1
            while j < len(toks) and toks[j].kind == "text" and toks[j].start == (more or [t])[-1].lines[-1] + 1 \
                    and toks[j].start in styled and self.roles.get(toks[j].start) == self.roles.get(t.start) \
                    and self.sizes.get(toks[j].start) == self.sizes.get(t.start) and title_ok(title, 60):
                title = tidy_title(f"{title} {toks[j].rest}")
                more.append(toks[j])
                j += 1
            if not title_ok(title, 60) or han_count(title) < 2 or charts.data_kind(title) == "num" or title.startswith(SENTENCE_OPENERS):
                continue
            level = 1 if self.roles.get(t.start) == "heading1" else 2
            t.kind, t.level, t.label, t.title = "heading", level, "", title
            for nxt in more:
                t.lines.append(nxt.start)
                nxt.kind = "merged"

    def _two_line_headings(self, toks: list[Tok]) -> None:
        """004's story titles: a line, a short remainder ("病房", "更多机会"), a blank line,
        then the story. Running text never leaves a short unfinished line before a blank."""
        for k in range(len(toks) - 2):
            t1, t2, t3 = toks[k], toks[k + 1], toks[k + 2]
            if not (t1.kind == t2.kind == t3.kind == "text"):
                continue
            a, b = t1.rest, t2.rest
            if not (8 <= width(a) <= 24 and width(b) <= 8 and han_count(b) >= 1):
                continue
            if re.search(r"[。；：:;]", a) or re.search(r"[。；：，、:;,]", b) or a[:1] in "•·*＊" or b[:1] in "•·*＊":
                continue
            if charts.data_kind(b) == "num" or width(t3.rest) < charts.LONG_TEXT:
                continue
            prev = toks[k - 1] if k else None
            before_ok = prev is None or prev.kind in ("heading", "table") or (
                prev.kind == "text" and ends_sentence(prev.rest)) or self.blank_between(prev.lines[-1], t1.start)
            if not (before_ok and self.blank_between(t2.start, t3.start) and not self.blank_between(t1.start, t2.start)):
                continue
            if self.lines[t2.start][:1].isspace() and self._looks_like_heading(t2.start):
                # an indented second line is a line of its own: the heading, under a photo's caption
                t2.kind, t2.level, t2.label, t2.title = "heading", 2, "", tidy_title(b)
                continue
            t1.kind, t1.level, t1.label, t1.title = "heading", 2, "", tidy_title(a + b)
            t1.lines = [t1.start, t2.start]
            t2.kind = "merged"

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
        self.pdf_spaced = self._pdf_spaced()
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
            if title_ok(first, 40) and self.role[candidates[0]] is None:
                cov.fields["title"] = tidy_title(first)  # a bare text: its first line names it

        toks = self.tokenize(numbered)
        toks = charts.merge_tables(self, toks)
        self.find_subheadings(toks, numbered)
        toks = [t for t in toks if t.kind != "merged"]
        toks = self.drop_lone_numbers(toks)
        toks = self.drop_repeated_headings(toks)
        return assemble(self, toks, cov, scan, contents)

    def blank_separated(self) -> bool:
        """Whether blank lines separate paragraphs here (not double-spaced, not column breaks).
        In a Word file they do: the reader puts one after each of its paragraphs."""
        if self.word:
            return True
        ends = 0
        total = 0
        for i in range(self.n - 1):
            if self.s[i] and self.role[i] is None and not self.s[i + 1]:
                total += 1
                ends += ends_sentence(self.s[i])
        return total > 0 and ends >= 0.8 * total

    def ends_paragraph(self, a: int, b: int, before: str, blank_mode: bool) -> bool:
        """Whether an unnumbered paragraph whose last line is a (text `before`) ends before
        line b. In text: at a finished sentence, or at a blank line where blank lines
        separate paragraphs (a Word file's do). In a PDF that sets paragraphs apart with
        space: at that space, and not at a sentence ending a line inside one; across a
        page or column break at a finished sentence."""
        if self.pdf_spaced:
            if self._same_column(a, b):
                return self.blank_between(a, b)
            return ends_sentence(before) or self._short_line(a)  # a paragraph's last line
        return ends_sentence(before) or (blank_mode and self.blank_between(a, b))

    def _short_line(self, i: int) -> bool:
        """Whether a PDF line ends well short of its column's right edge (a paragraph's last
        line: the lines inside a paragraph run to the edge)."""
        if i not in self.boxes:
            return False
        page, (x0, top, x1, bottom) = self.boxes[i]
        return x1 < self.right_edge.get((page, round(x0 / 6)), x1) - 2 * (bottom - top)

    def _same_column(self, a: int, b: int) -> bool:
        """Whether line b follows line a down one column of one page (a PDF's boxes say)."""
        first, second = self.boxes.get(a), self.boxes.get(b)
        if first is None or second is None or first[0] != second[0]:
            return False
        (ax0, _at, ax1, ab), (bx0, bt, bx1, _bb) = first[1], second[1]
        return bt >= ab - 1 and min(ax1, bx1) > max(ax0, bx0)

    def _pdf_spaced(self) -> bool:
        """A PDF whose paragraphs are set apart by space: a finished sentence on a line
        short of its column's right edge (a paragraph's last line) is followed by space
        down the column, nearly always."""
        if not self.boxes:
            return False
        right = self.right_edge  # (page, left edge to 6 pt) -> right edge of its lines
        for page, (x0, _t, x1, _b) in self.boxes.values():
            key = (page, round(x0 / 6))
            right[key] = max(right.get(key, 0.0), x1)
        spaced = total = 0
        previous: int | None = None
        for i in range(self.n):
            if i not in self.boxes or not self.s[i] or self.role[i] is not None:
                continue
            if previous is not None and self._same_column(previous, i) and ends_sentence(self.s[previous]) \
                    and self._short_line(previous):
                total += 1
                spaced += self.blank_between(previous, i)
            previous = i
        return total >= 10 and spaced >= 0.8 * total

    def blank_between(self, a: int, b: int) -> bool:
        if a < 0:
            return False
        between = range(a + 1, b)
        if any(self.role[j] is not None and self.s[j] for j in between):
            return False
        return any(not self.s[j] for j in between)


def parse_document(text: str, source: str = "", hints: Sequence[Any] | None = None, symbol: str | None = None,
                   header: Sequence[str] = ()) -> Parsed:
    """Parse report text; the Parsed result also lists the furniture lines removed.

    The language is read from the text first: English reports follow the UN's English
    conventions (core.parse.english), everything else the Chinese rules here. `hints`
    (a reader's lines, one per text line: type size, weight, Word heading role, page)
    and `symbol` (the running header's) are what a PDF or Word reader adds; the English
    rules read heading levels from them."""
    language = detect_language(text)
    if language == "en":
        from unidoreader.core.parse import english

        parsed = english.parse_english(text, source, hints=hints, symbol=symbol, header=header)
    else:
        parsed = _Parser(text, source, hints).run()
    return with_language(parsed, language)


def with_language(parsed: Parsed, language: str | None) -> Parsed:
    """The parsed report with its metadata's `language` set."""
    from dataclasses import replace

    report = parsed.report
    parsed.report = replace(report, metadata=replace(report.metadata, language=language))
    return parsed
