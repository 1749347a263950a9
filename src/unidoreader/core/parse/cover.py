"""The cover block of a session document -> Metadata.

A UN session document opens with: body (工业发展理事会), session (第四十六届会议), dates
and place ("2018 年 11 月 26 日至 28 日，维也纳"), agenda item ("临时议程项目 8") and its
title, the document title, and the kind ("总干事的报告"). Lines are recognised by what
they say, not by position, so a cover with lines missing (002 has no body/session) works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unidoreader.core.parse.furniture import SYMBOL_RE
from unidoreader.core.parse.text import cn_to_int, collapse, tidy_title

BODY_RE = re.compile(
    r"^(工业发展理事会|方案和预算委员会|大会|联合国大会|经济及社会理事会|安全理事会|人权理事会|秘书处|"
    r"[\u4e00-\u9fff]{2,14}(理事会|委员会|大会|会议|执行局|工作组))$"
)
SESSION_RE = re.compile(r"^第([一二三四五六七八九十百零〇\d]{1,6})届(常会|特别会议|会议|会|续会)?(（续[^）]*）)?[\s，,]*(.*)$")
DATE_PART = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
DATES_RE = re.compile(
    DATE_PART + r"(?:\s*(?:至|-|–|—|~|～|到)\s*(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日)?"
    r"\s*[，,、]?\s*(.*)$"
)
AGENDA_RE = re.compile(r"^(?:临时)?议程\s*[*＊]?\s*(?:项目)?\s*[*＊]?\s*(\d{1,3}(?:\s*[(（][a-z一二三四五六七八九十][)）])?)\s*[*＊]?\s*(.*)$")
KIND_RE = re.compile(r"^(?:[\u4e00-\u9fff]{0,12}的)?(报告|说明|通知|建议|决定|决议草案)$")
KIND_SUFFIX_RE = re.compile(r"(总干事|秘书长|秘书处|主席|外聘审计员|执行主任|高级专员|委员会)[^，。]{0,10}的(报告|说明)$")
DISTR_RE = re.compile(r"^(Distr\.?|Distr\.:|Original|Chinese|联合国|General|Limited|限制分发|一般分发|原文|中文)\b")
MAX_COVER_LINES = 25


@dataclass
class Cover:
    """What the cover said, and which lines (indices) it took."""

    fields: dict[str, object] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


def _year_of(match: re.Match[str]) -> tuple[str, str]:
    y1, m1, d1 = int(match.group(1)), int(match.group(2)), int(match.group(3))
    y2 = int(match.group(4)) if match.group(4) else y1
    m2 = int(match.group(5)) if match.group(5) else m1
    d2 = int(match.group(6)) if match.group(6) else d1
    return f"{y1:04d}-{m1:02d}-{d1:02d}", f"{y2:04d}-{m2:02d}-{d2:02d}"


def parse_dates(text: str) -> tuple[tuple[str, str] | None, str | None]:
    """'2018 年 11 月 26 日至 28 日，维也纳' -> (('2018-11-26', '2018-11-28'), '维也纳')."""
    m = DATES_RE.match(collapse(text))
    if not m:
        return None, None
    try:
        first, last = _year_of(m)
    except ValueError:
        return None, None
    if not (_valid(first) and _valid(last)):
        return None, None
    place = m.group(7).strip(" ，,。") or None
    if place and (len(place) > 20 or re.search(r"[。；]", place)):
        return None, None
    return (first, last), place


def _valid(iso: str) -> bool:
    y, m, d = (int(x) for x in iso.split("-"))
    return 1900 <= y <= 2200 and 1 <= m <= 12 and 1 <= d <= 31


def parse_cover(lines: list[str], candidates: list[int]) -> Cover:
    """Read the cover from the first content lines (`candidates`: indices of non-empty lines
    before the first heading or numbered paragraph). Returns an empty Cover if the text
    does not start like a session document (no kind line and no session/date line)."""
    cover = Cover()
    head = candidates[:MAX_COVER_LINES]
    kind_at = None
    for pos, i in enumerate(head):
        s = collapse(lines[i])
        if KIND_RE.match(s.replace(" ", "")) or KIND_SUFFIX_RE.search(s.replace(" ", "")):
            if len(s) <= 30:
                kind_at = pos
                break
    markers = 0
    for i in head[: (kind_at if kind_at is not None else len(head))]:
        s = collapse(lines[i])
        if SESSION_RE.match(s.replace(" ", "")) or DATES_RE.match(s) or AGENDA_RE.match(s.replace(" ", "")):
            markers += 1
    if kind_at is None and markers < 2:
        return cover
    end = kind_at + 1 if kind_at is not None else None
    if end is None:
        # no kind line: the cover ends after the agenda title (line after the agenda item)
        end = 0
        for pos, i in enumerate(head):
            s = collapse(lines[i]).replace(" ", "")
            if AGENDA_RE.match(s):
                end = min(pos + 2, len(head))
            elif SESSION_RE.match(s) or DATES_RE.match(collapse(lines[i])) or BODY_RE.match(s):
                end = max(end, pos + 1)
    taken = head[:end]
    f = cover.fields
    rest: list[str] = []
    agenda_seen = False
    after_agenda: list[str] = []
    for pos, i in enumerate(taken):
        raw = collapse(lines[i])
        s = raw.replace(" ", "")
        if kind_at is not None and pos == kind_at:
            f["kind"] = tidy_title(raw)
            continue
        if "symbol" not in f and SYMBOL_RE.match(s):
            f["symbol"] = s
            continue
        if "body" not in f and BODY_RE.match(s) and not agenda_seen:
            f["body"] = s
            continue
        m = SESSION_RE.match(s)
        if m and "session" not in f and not agenda_seen:
            f["session"] = cn_to_int(m.group(1))
            tail = m.group(4)
            if tail:
                dates, place = parse_dates(tail)
                if dates:
                    f["dates"], f["place"] = dates, place
            continue
        if "dates" not in f and not agenda_seen:
            dates, place = parse_dates(raw)
            if dates:
                f["dates"], f["place"] = dates, place
                continue
        m = AGENDA_RE.match(s)
        if m and not agenda_seen:
            agenda_seen = True
            f["agenda_item"] = re.sub(r"\s+", "", m.group(1))
            if m.group(2):
                after_agenda.append(tidy_title(m.group(2)))
            continue
        if DISTR_RE.match(raw):
            continue
        (after_agenda if agenda_seen else rest).append(tidy_title(raw))
    if agenda_seen:
        if after_agenda:
            f["agenda_title"] = after_agenda[0]
            f["title"] = "".join(after_agenda[1:]) or after_agenda[0]
    elif rest:
        f["title"] = "".join(rest)
    dates = f.get("dates")
    if isinstance(dates, tuple):
        f["year"] = int(dates[0][:4])
    cover.lines = list(taken)
    return cover
