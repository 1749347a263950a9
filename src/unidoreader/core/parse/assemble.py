"""Tokens -> blocks, sections, footnotes, metadata: the Report.

Blank lines are no paragraph boundary by themselves (000 is double-spaced, 004 breaks
paragraphs across columns): a numbered paragraph or item runs to the next marker, an
unnumbered paragraph ends with its sentence. A Word file's paragraphs are its own (the
reader leaves a blank line after each); a PDF that sets paragraphs apart by space ends
them at that space (Context.ends_paragraph). Charts and boxes that cut a paragraph in
the annual report's columns are placed after the paragraph they interrupt.
"""

from __future__ import annotations

import re
from typing import Protocol

from unidoreader.core.model import Block, BlockKind, Footnote, Metadata, Report, Section, block_id, document_id, unique_id
from unidoreader.core.parse import charts, cover as cover_mod, furniture, footnotes as notes_mod
from unidoreader.core.parse.reflow import join_lines
from unidoreader.core.parse.text import collapse, ends_sentence
from unidoreader.core.parse.tokens import Parsed, Tok, width


GLOSSARY_RE = re.compile(r"^[A-Z][A-Za-z0-9&/.\-]{1,15}(?:[ ][A-Z][A-Za-z0-9&/.\-]{1,10})?(?:（[^）]{1,12}）)?[ \u3000]+[^\sA-Za-z]")


class Context(Protocol):
    """What assembly reads of the parser."""

    text: str
    source: str
    lines: list[str]
    s: list[str]
    furniture: list[str]
    footer_title: str | None

    def blank_separated(self) -> bool: ...

    def blank_between(self, a: int, b: int) -> bool: ...

    def ends_paragraph(self, a: int, b: int, before: str, blank_mode: bool) -> bool: ...


INFOGRAPHIC_LINE = 12  # width of a short label line


def _unlabelled(start: int, *parts: str) -> dict:
    """The spec of an unnumbered paragraph beginning at token `start`."""
    return {"kind": BlockKind.PARAGRAPH, "label": None, "parts": list(parts), "start": start, "end": start}


def block_specs(p: Context, toks: list[Tok]) -> list[dict]:
    """Tokens -> block specs in reading order (kind, label, parts, start/end line)."""
    specs: list[dict] = []  # kind, label, lines(list[str]), start, end, title/level for headings
    current: dict | None = None
    blank_mode = p.blank_separated()

    deferred: list[dict] = []

    def flush() -> None:
        nonlocal current
        if current is not None and (current["parts"] or current["label"]):
            specs.append(current)
        current = None
        specs.extend(deferred)
        deferred.clear()

    # Magazine layouts (004) print body text in narrow columns, and boxes, captions and
    # infographics across them. A paragraph interrupted by such a box goes on after it:
    # the box becomes blocks of its own (split at blank lines), placed after the paragraph.
    widths = sorted(width(t.rest) for t in toks if t.kind == "text" and width(t.rest) >= 8)
    median = widths[len(widths) // 2] if widths else 0.0
    narrow = 0 < median < 26 and len(widths) >= 40

    def column_line(w: float) -> bool:
        return 0.92 * median <= w <= 1.15 * median

    def resumes(k: int) -> bool:
        """Back in the column after a box: a line printed with the leading space pdftotext
        gives text flowing on after a box, or two full column lines in a row."""
        t = toks[k]
        w = width(t.rest)
        if p.lines[t.start][:1].isspace() and 0.5 * median <= w <= 1.15 * median:
            return True
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        return (column_line(w) and nxt is not None and nxt.kind == "text" and column_line(width(nxt.rest))
                and not p.blank_between(t.start, nxt.start))

    def aside_ahead(k: int) -> bool:
        """A box starts at toks[k]: a line wider than the column follows within a few
        lines, before any column line or finished sentence (text wrapping round a picture
        is narrower, never wider)."""
        for u in toks[k : k + 4]:
            if u.kind == "table":
                continue
            if u.kind != "text" or column_line(width(u.rest)) or furniture.URL_RE.match(u.rest):
                return False
            if width(u.rest) > 1.3 * median:
                return True
            if ends_sentence(u.rest):
                return False
        return False

    def is_entry(u: Tok) -> bool:
        return u.kind == "text" and GLOSSARY_RE.match(u.rest) is not None

    def glossary(k: int) -> bool:
        return is_entry(toks[k]) and ((k > 0 and is_entry(toks[k - 1])) or (k + 1 < len(toks) and is_entry(toks[k + 1])))

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
            table = {"kind": BlockKind.TABLE, "label": None, "parts": [p.lines[i] for i in t.lines], "start": t.start,
                     "end": max(t.lines), "raw": [p.lines[i] for i in t.lines]}
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
            w = width(t.rest)
            if in_aside:
                if resumes(k):  # back in the column: the interrupted paragraph goes on
                    close_aside()
                    in_aside = False
                else:
                    if aside is not None and (p.blank_between(last_line, t.start) or ends_sentence(aside["parts"][-1])):
                        close_aside()
                    if aside is None:
                        aside = _unlabelled(t.start)
                    aside["parts"].append(t.rest)
                    aside["end"] = t.start
                    last_line = max(t.lines)
                    continue
            elif narrow and unfinished() and not column_line(w) and not ends_sentence(t.rest) and aside_ahead(k):
                in_aside = True
                aside = _unlabelled(t.start, t.rest)
                last_line = max(t.lines)
                continue
            if glossary(k):
                # an abbreviation list ("AfDB 非洲开发银行"): one entry a block
                flush()
                specs.append(_unlabelled(t.start, t.rest))
                last_line = max(t.lines)
                continue
            if furniture.URL_RE.match(t.rest) or (charts.UNIT_IN_RE.search(t.rest) and w <= 30 and "。" not in t.rest):
                # a printed link, or a chart caption "技术合作（2020年） 36.2（以百万美元计）": a block of its own
                caption = _unlabelled(t.start, t.rest)
                if unfinished():
                    deferred.append(caption)
                else:
                    flush()
                    specs.append(caption)
                last_line = max(t.lines)
                continue
            if current is not None and current["label"] is None and current["kind"] is BlockKind.PARAGRAPH:
                prev = current["parts"][-1] if current["parts"] else ""
                # (Short infographic lines stay joined: split, "工业发展理事会" printed over
                # three lines of an organigram would no longer be found by a search.)
                if p.ends_paragraph(last_line, t.start, prev, blank_mode):
                    flush()
            if current is None:
                current = _unlabelled(t.start)
            elif current["parts"] and width(current["parts"][-1]) <= INFOGRAPHIC_LINE and width(t.rest) <= INFOGRAPHIC_LINE \
                    and p.blank_between(last_line, t.start):
                # two short lines apart (an infographic's labels: "工业4.0主流化", "赞比亚"): one
                # space between them in the text, not "主流化赞比亚"
                current.setdefault("gaps", set()).add(len(current["parts"]))
            current["parts"].append(t.rest)
            current["end"] = t.start
        last_line = max(t.lines)
    close_aside()
    flush()
    return specs


def link_footnotes(p: Context, specs: list[dict], numbered_notes: list[tuple[notes_mod.Note, str]]) -> tuple[list[str], list[list[str]]]:
    """Block texts, and the footnote labels each block cites (bare reference digits of
    separator-style notes are taken out of the text)."""
    texts: list[str] = []
    for sp in specs:
        if sp["kind"] is BlockKind.TABLE:
            texts.append("\n".join(collapse(x) for x in sp["parts"] if x.strip()))
        elif sp["kind"] is BlockKind.HEADING:
            texts.append(sp["title"])
        else:
            texts.append(join_lines(sp["parts"], sp.get("gaps", ())))
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
    return texts, cites


def assemble(p: Context, toks: list[Tok], cov: cover_mod.Cover, scan: notes_mod.NoteScan, contents: list[int]) -> Parsed:
    """Blocks, sections, footnotes and metadata: the Report."""
    specs = block_specs(p, toks)
    doc_notes = [(note, first) for note, first in scan.notes if not note.label.isdigit()]
    numbered_notes = [(note, first) for note, first in scan.notes if note.label.isdigit()]
    texts, cites = link_footnotes(p, specs, numbered_notes)
    seen: dict[str, int] = {}
    blocks: list[Block] = []
    meta_fields = dict(cov.fields)
    spans: list[tuple[int, int]] = []
    if cov.lines:
        cover_text = " ".join(collapse(p.lines[i]) for i in cov.lines)
        blocks.append(Block(id=block_id(BlockKind.NOTE, cover_text, seen), kind=BlockKind.NOTE, text=cover_text, label=None))
        spans.append((min(cov.lines), max(cov.lines)))
    for note, first in doc_notes:
        text = join_lines([first] + [p.lines[i] for i in note.lines[1:]])
        blocks.append(Block(id=block_id(BlockKind.NOTE, text, seen), kind=BlockKind.NOTE, text=text, label=note.label))
        spans.append((min(note.lines), max(note.lines)))

    tops: list[dict] = []
    current_top: dict | None = None
    current_sec: dict | None = None
    used_ids: set[str] = set()
    next_suffix: dict[str, int] = {}  # per repeated section id, the "~n" to try next
    for k, sp in enumerate(specs):
        kind = sp["kind"]
        text = texts[k]
        spans.append((sp["start"], sp["end"]))
        if kind is BlockKind.HEADING:
            node = {"level": sp["level"], "label": sp["label"] or "", "title": sp["title"], "children": []}
            if sp["level"] == 1 or current_top is None:
                siblings = tops
                parent_id = ""
            else:
                siblings = current_top["children"]
                parent_id = current_top["id"] + "."
            base = sp["label"] if sp["label"] else f"#{len(siblings) + 1}"
            sid = unique_id(parent_id + base, used_ids, next_suffix)  # a repeated label gets "~n"
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
        if kind is BlockKind.PARAGRAPH and not sp["label"]:
            kind = _quote_or_note(text)
        bid = block_id(kind, text, seen)
        blocks.append(Block(id=bid, kind=kind, text=text, section=section, label=sp["label"], footnotes=tuple(cites[k]), lines=raw))

    cited_by: dict[str, list[str]] = {}
    for b in blocks:
        for label in b.footnotes:
            cited_by.setdefault(label, []).append(b.id)
    footnote_list = []
    for note, first in numbered_notes:
        text = join_lines([first] + [p.lines[i] for i in note.lines[1:]])
        footnote_list.append(Footnote(label=note.label, text=text, blocks=tuple(cited_by.get(note.label, ()))))

    def freeze(node: dict) -> Section:
        return Section(id=node["id"], level=node["level"], label=node["label"], title=node["title"], heading=node["heading"],
                       children=tuple(freeze(c) for c in node["children"]))

    if "title" not in meta_fields and p.footer_title:
        meta_fields["title"] = p.footer_title
        if p.footer_title.endswith("年度报告"):
            meta_fields["kind"] = "年度报告"
        y = re.search(r"(19|20)\d{2}", p.footer_title)
        if y and "year" not in meta_fields:
            meta_fields["year"] = int(y.group(0))
    known_fields = set(Metadata.__dataclass_fields__)
    metadata = Metadata(**{k: v for k, v in meta_fields.items() if k in known_fields})
    report = Report(
        id=document_id(p.text),
        source=p.source,
        metadata=metadata,
        blocks=tuple(blocks),
        sections=tuple(freeze(node) for node in tops),
        footnotes=tuple(footnote_list),
        contents=tuple(collapse(p.lines[i]) for i in contents if p.s[i]),
    )
    return Parsed(report=report, furniture=p.furniture, spans=spans)


def _quote_or_note(text: str) -> BlockKind:
    """An unnumbered paragraph that is one quotation ("“…”", as the annual report's pull
    quotes) is a quote; one opening "注：" is a note; anything else a paragraph."""
    t = text.strip()
    body = t[:-1] if t.endswith("。") else t
    if len(body) > 2 and body[0] == "“" and body[-1] == "”" and body.find("”") == len(body) - 1:
        return BlockKind.QUOTE
    if len(body) > 2 and body[0] == "「" and body[-1] == "」" and body.find("」") == len(body) - 1:
        return BlockKind.QUOTE
    if re.match(r"^(注|说明|资料来源|来源)\s*[:：]", t):
        return BlockKind.NOTE
    return BlockKind.PARAGRAPH
