"""Page furniture: lines the PDF printed on every page that are not part of the text.

Each rule names what it removes, and every removed line is reported back to the
caller (parse keeps them), so "nothing lost" can be checked: furniture never carries
Han text that belongs to the body.
"""

from __future__ import annotations

import re

NOTICE_RE = re.compile(r"^(为节约起见|出于可持续性的原因|出于环保原因)[，,]?\s*本文件.{0,6}未作?印发.{0,40}$")
NOTICE_LOOSE_RE = re.compile(r"本文件(已?)未作?印发。?敬请各位代表")
JOB_RE = re.compile(r"^(V\.\d{2}-\d{3,6}|\d{2}-\d{5})(\s*[(（][A-Z][)）])?(\s+\S{0,20}){0,3}$")
BARCODE_RE = re.compile(r"^\*\d{6,}\*$")
PAGE_OF_RE = re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$")
LONE_NUMBER_RE = re.compile(r"^\d{1,3}$")
URL_RE = re.compile(r"^<?(https?://|www\.)\S+>?$")
SYMBOL_RE = re.compile(r"^[A-Z]{1,8}(\.\d{1,3})?(/[A-Za-z0-9.()\-]+)+$")
EDGE_NUMBER_RE = re.compile(r"^\d{1,4}[\s\u3000]+|[\s\u3000]+\d{1,4}$")
FOOTER_RE = re.compile(r"^(\d{1,4})[\s\u3000]+(\S.{1,40}?年度报告)$|^(\S.{1,40}?年度报告)[\s\u3000]+(\d{1,4})$")


def is_notice(stripped: str) -> bool:
    """The 为节约起见… / 出于可持续性… printing notices."""
    return bool(NOTICE_RE.match(stripped) or (len(stripped) <= 80 and NOTICE_LOOSE_RE.search(stripped)))


def footer_title(stripped: str) -> str | None:
    """'74　工发组织2020年年度报告' -> '工发组织2020年年度报告' (the report names itself)."""
    m = FOOTER_RE.match(stripped)
    if not m:
        return None
    return (m.group(2) or m.group(3)).strip()


def running_templates(stripped_lines: list[str]) -> set[str]:
    """Lines that recur with only a page number changing: running headers and footers.

    At least three occurrences, page numbers rising, and pages apart (a table row
    such as "阿拉伯区域 19" recurs too, but close together and with arbitrary figures)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for i, line in enumerate(stripped_lines):
        if 4 <= len(line) <= 60:
            m = EDGE_NUMBER_RE.search(line)
            if m is None:
                continue
            key = EDGE_NUMBER_RE.sub("#", line)
            if re.search(r"[。，；]", key) is None and len(key.replace("#", "").strip()) >= 4:
                seen.setdefault(key, []).append((i, int(re.sub(r"\D", "", m.group(0)))))
    out = set()
    for key, hits in seen.items():
        if len(hits) < 3:
            continue
        rising = all(b[1] > a[1] for a, b in zip(hits, hits[1:]))
        apart = all(b[0] - a[0] >= 15 for a, b in zip(hits, hits[1:]))
        if rising and apart:
            out.add(key)
    return out


def classify(stripped: str, templates: set[str]) -> str | None:
    """Why a line is furniture ("notice", "footer", "job", ...), or None if it is text."""
    if not stripped:
        return None
    if is_notice(stripped):
        return "notice"
    if footer_title(stripped):
        return "footer"
    if JOB_RE.match(stripped) or BARCODE_RE.match(stripped):
        return "job"
    if PAGE_OF_RE.match(stripped):
        return "page"
    if templates and EDGE_NUMBER_RE.search(stripped) and EDGE_NUMBER_RE.sub("#", stripped) in templates:
        return "running"
    return None
