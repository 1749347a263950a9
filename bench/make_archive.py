"""A large, realistic library for the scale benchmark, made from the seeds' real text.

A delegation's archive is thousands of session documents of three bodies over four
decades. This writes such an archive, deterministically from `--seed`: every document
has its own cover (body, session 1-60, dates 1985-2026, place, agenda item, symbol),
title, kind and body text recombined from the seeds' chapters, paragraphs, items and
tables — paragraphs shuffled, sentences dropped, swapped and borrowed from other
reports, terms exchanged, years and figures changed — so that no two documents are
alike (an index cannot deduplicate them), jieba meets real Chinese, and the facets
(session, year, body) have real counts.

    python bench/make_archive.py OUT [--docs 3000] [--mb 100] [--seed 17]

`--mb` is the total size in UTF-8 megabytes for 3,000 documents; a smaller `--docs`
keeps the average document size (so 375 documents are about 12.5 MB), and the first N
documents of a bigger archive are the archive of N. Same arguments, same files, byte
for byte (tests/core/test_scale.py checks it).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FULL_DOCS = 3000

BODIES = (
    # (body line, symbol prefix, share of the archive)
    ("工业发展理事会", "IDB", 0.5),
    ("方案和预算委员会", "PBC", 0.25),
    ("大会", "GC", 0.25),
)
PLACES = ("维也纳", "维也纳", "维也纳", "利马", "阿布扎比", "纽约", "日内瓦", "曼谷")
KINDS = ("总干事的报告", "总干事的报告", "总干事的报告", "秘书处的说明", "外聘审计员的报告", "主席的说明")
CN_DIGITS = "零一二三四五六七八九"
CN_CHAPTERS = "一二三四五六七八九十"
#: Terms exchanged for one another in a document's text (both directions).
SWAPS = (
    ("中等收入国家", "最不发达国家"),
    ("中等收入国家", "小岛屿发展中国家"),
    ("清洁氢", "可再生能源"),
    ("循环经济", "绿色工业"),
    ("气候变化", "能源转型"),
    ("非洲", "拉丁美洲和加勒比"),
    ("亚洲及太平洋", "阿拉伯区域"),
    ("中小企业", "青年企业家"),
    ("技术合作", "能力建设"),
    ("性别平等", "增强妇女权能"),
    ("数字化", "第四次工业革命"),
    ("维也纳", "日内瓦"),
)
TOPICS = (
    "工业政策咨询", "农业综合企业发展", "质量基础设施", "投资和技术促进", "南南合作和三角合作",
    "工业统计", "环境可持续工业生产", "蒙特利尔议定书", "工业能效", "冲突后国家的工业复苏",
    "青年就业", "贸易能力建设", "方案和预算", "人力资源管理", "财务状况", "内部监督",
    "资源调动", "区域和外地代表", "与联合国系统的协调", "国别方案", "工业发展报告",
)


def cn_number(value: int) -> str:
    """46 -> 四十六 (1..99), as session lines spell them."""
    tens, ones = divmod(value, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    head = "" if tens == 1 else CN_DIGITS[tens]
    return f"{head}十{CN_DIGITS[ones] if ones else ''}"


@dataclass
class Chapter:
    """A chapter of a seed: its title, sections (title, units) in order."""

    title: str
    units: list[tuple[str, object]] = field(default_factory=list)  # ("heading"|"paragraph"|"item"|"table", text or lines)


@dataclass
class Material:
    chapters: list[Chapter]
    paragraphs: list[str]
    headings: list[str]
    tables: list[list[str]]
    titles: list[str]


def load_material() -> Material:
    """The seeds, parsed, cut into chapters, paragraphs, headings and tables."""
    sys.path.insert(0, str(REPO / "src"))
    from unidoreader.core import parse

    chapters: list[Chapter] = []
    paragraphs: list[str] = []
    headings: list[str] = []
    tables: list[list[str]] = []
    titles: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        report = parse.parse_text(parse.read_text(path), path.name)
        meta = report.metadata
        titles += [t for t in (meta.title, meta.agenda_title) if t]
        top = {section.id: section.title for section in report.sections}
        current: Chapter | None = None
        for block in report.blocks:
            kind = block.kind.value
            if block.section is None or kind == "note":
                continue
            if kind == "heading" and block.section in top:
                current = Chapter(top[block.section])
                chapters.append(current)
                headings.append(block.text)
                continue
            if current is None:
                continue
            if kind == "heading":
                current.units.append(("heading", block.text))
                headings.append(block.text)
            elif kind == "table":
                current.units.append(("table", list(block.lines)))
                tables.append(list(block.lines))
            elif kind in ("paragraph", "item", "quote") and len(block.text) >= 20:
                current.units.append(("item" if kind == "item" else "paragraph", block.text))
                paragraphs.append(block.text)
    chapters = [c for c in chapters if c.units]
    return Material(chapters, paragraphs, headings, tables, sorted(set(titles)))


_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-3]\d)(?!\d)")
_NUMBER = re.compile(r"(?<![\d./A-Za-z-])\d+(?:\.\d+)?(?![\d/])")
_SENTENCE = re.compile(r"(?<=[。；])")


class Editor:
    """Edits seed text for one document: years moved to the document's time, figures
    changed, terms exchanged, sentences dropped, swapped and borrowed."""

    def __init__(self, rnd: random.Random, year: int, material: Material) -> None:
        self.rnd = rnd
        self.shift = year - 2020
        self.material = material
        swaps = [pair if rnd.random() < 0.5 else pair[::-1] for pair in SWAPS if rnd.random() < 0.35]
        self.swaps = swaps

    def year(self, match: re.Match[str]) -> str:
        return str(min(2026, max(1980, int(match.group(0)) + self.shift)))

    def figure(self, match: re.Match[str]) -> str:
        text = match.group(0)
        if self.rnd.random() < 0.5:
            return text
        if "." in text:
            whole, frac = text.split(".")
            return f"{int(int(whole) * self.rnd.uniform(0.5, 1.8))}.{frac}"
        value = int(text)
        if value < 10:
            return str(self.rnd.randint(1, 9))
        return str(max(1, int(value * self.rnd.uniform(0.5, 1.8))))

    def text(self, text: str, *, light: bool = False) -> str:
        """`text` edited; `light`: years, figures and terms only (titles, headings)."""
        text = _YEAR.sub(self.year, text)
        text = _NUMBER.sub(lambda m: m.group(0) if _YEAR.fullmatch(m.group(0)) else self.figure(m), text)
        for old, new in self.swaps:
            text = text.replace(old, new)
        if light:
            return text
        sentences = [s for s in _SENTENCE.split(text) if s]
        rnd = self.rnd
        if len(sentences) > 2 and rnd.random() < 0.3:
            del sentences[rnd.randrange(len(sentences))]
        if len(sentences) > 2 and rnd.random() < 0.3:
            i = rnd.randrange(len(sentences) - 1)
            sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
        if rnd.random() < 0.2:
            borrowed = [s for s in _SENTENCE.split(rnd.choice(self.material.paragraphs)) if s.endswith("。")]
            if borrowed:
                sentences.insert(rnd.randrange(len(sentences) + 1), rnd.choice(borrowed))
        return "".join(sentences)

    def table(self, lines: list[str]) -> list[str]:
        return [_NUMBER.sub(self.figure, line) for line in lines]


def synthetic_table(rnd: random.Random, year: int, number: int) -> list[str]:
    """A small table of figures by region and year with a total row (合计)."""
    regions = rnd.sample(["非洲", "阿拉伯区域", "亚洲及太平洋", "欧洲和中亚", "拉丁美洲和加勒比", "全球和区域间"], 4)
    years = [year - 2, year - 1, year]
    rows = [[rnd.randint(50, 9000) / 10 for _ in years] for _ in regions]
    lines = [f"表{number}", "按区域分列的技术合作交付额（百万美元）", "区域 " + " ".join(str(y) for y in years)]
    for region, row in zip(regions, rows):
        lines.append(region + " " + " ".join(f"{v:.1f}" for v in row))
    totals = [sum(row[i] for row in rows) for i in range(len(years))]
    lines.append("合计 " + " ".join(f"{v:.1f}" for v in totals))
    return lines


def document(number: int, seed: int, target_bytes: int, material: Material) -> tuple[str, str]:
    """(file name, text) of document `number` of the archive."""
    rnd = random.Random(f"{seed}:{number}")
    roll = rnd.random()
    annual = roll < 0.04
    share = 0.0
    body, prefix = BODIES[0][:2]
    for name, symbol_prefix, weight in BODIES:
        share += weight
        if roll <= share:
            body, prefix = name, symbol_prefix
            break
    session = rnd.randint(1, 60)
    year = min(2026, 1985 + (session - 1) * 41 // 59 + rnd.choice((0, 0, 1)))
    month = rnd.choice((5, 6, 7, 11, 11, 12))
    day = rnd.randint(1, 24)
    place = rnd.choice(PLACES)
    agenda = rnd.randint(2, 19)
    # unique in the archive (the library shows the language versions of one symbol as one row)
    symbol = f"{prefix}.{session}/{1 + number % 40}" + (f"/Add.{number // 40}" if number >= 40 else "")
    editor = Editor(rnd, year, material)
    topic = rnd.choice(TOPICS)
    title = editor.text(rnd.choice(material.titles), light=True) if rnd.random() < 0.6 else topic
    if rnd.random() < 0.5:
        title = f"{title}：{rnd.choice(('进展情况', '执行情况', '最新情况', '战略框架', '年度审查'))}"
    kind = rnd.choice(KINDS)
    lines: list[str] = []
    if annual:
        lines += [f"工发组织{year}年年度报告", "", "年度报告", ""]
    else:
        lines += [
            symbol, "",
            body, "",
            f"第{cn_number(session)}届会议", "",
            f"{year}年{month}月{day}日至{day + 2}日，{place}", "",
            f"临时议程项目{agenda}", "",
            topic, "",
            title, "",
            kind, "",
        ]
    lines += [editor.text(rnd.choice(material.paragraphs)), ""]
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    chapter_no = 0
    paragraph_no = 0
    table_no = 0
    chapters = material.chapters
    while size < target_bytes:
        source = rnd.choice(chapters)
        units = list(source.units)
        if len(units) > 3 and rnd.random() < 0.6:  # shuffle paragraphs within the chapter
            middle = units[1:]
            rnd.shuffle(middle)
            units = units[:1] + middle
        if rnd.random() < 0.5:  # and borrow some from elsewhere
            other = rnd.choice(chapters).units
            units += rnd.sample(other, min(len(other), rnd.randint(1, 4)))
        units = units[: rnd.randint(4, 30)]
        chapter_no += 1
        label = CN_CHAPTERS[chapter_no - 1] if chapter_no <= 10 else cn_number(chapter_no)
        heading = editor.text(source.title, light=True) if rnd.random() < 0.7 else rnd.choice(TOPICS)
        chunk = [f"{label}. {heading}", ""]
        section_no = 0
        item_no = 0
        for kind_, value in units:
            if kind_ == "heading":
                section_no += 1
                chunk += [f"{chr(ord('A') + (section_no - 1) % 26)}. {editor.text(str(value), light=True)}", ""]
            elif kind_ == "table" and isinstance(value, list):
                table_no += 1
                chunk += [*editor.table(value), ""]
            elif kind_ == "item":
                chunk += [f"({chr(ord('a') + item_no % 26)}) {editor.text(str(value))}", ""]
                item_no += 1
            elif rnd.random() > 0.08:  # a few paragraphs are dropped
                paragraph_no += 1
                item_no = 0
                chunk += [f"{paragraph_no}. {editor.text(str(value))}", ""]
        if rnd.random() < 0.15:
            table_no += 1
            chunk += [*synthetic_table(rnd, year, table_no), ""]
        chunk_size = sum(len(line.encode("utf-8")) + 1 for line in chunk)
        while chunk_size > 0 and size + chunk_size > target_bytes + 400 and len(chunk) > 6:  # stop near the target
            chunk_size -= len(chunk.pop().encode("utf-8")) + 1
        if annual:  # the running footer of a printed annual report (where its year is read)
            chunk += [f"{chapter_no * 7} 工发组织{year}年年度报告", ""]
        lines += chunk
        size += sum(len(line.encode("utf-8")) + 1 for line in chunk)
    if not annual:
        chapter_no += 1
        label = CN_CHAPTERS[chapter_no - 1] if chapter_no <= 10 else cn_number(chapter_no)
        paragraph_no += 1
        organ = {"IDB": "理事会", "PBC": "委员会", "GC": "大会"}[prefix]
        lines += [f"{label}. 需请{organ}采取的行动", "", f"{paragraph_no}. 请{organ}注意到本文件所载资料（{symbol}）。", ""]
    name = f"{number:04d}_{symbol.replace('/', '-') if not annual else f'AR-{year}'}.txt"
    return name, "\n".join(lines)


def sizes(docs: int, mean_bytes: float, rnd: random.Random) -> list[int]:
    """Document sizes: log-normal around `mean_bytes` (a few reports several times the
    average, as annual reports are). Not rescaled to a total, so that the first N
    documents of a bigger archive are the archive of N documents."""
    sigma = 0.7
    mean_factor = math.exp(sigma * sigma / 2)
    return [max(3000, int(mean_bytes * math.exp(rnd.gauss(0.0, sigma)) / mean_factor)) for _ in range(docs)]


def make_archive(out: Path, docs: int = FULL_DOCS, mb: float = 100.0, seed: int = 17) -> list[Path]:
    """Write the archive into `out` (created); returns the files in order."""
    material = load_material()
    out.mkdir(parents=True, exist_ok=True)
    targets = sizes(docs, mb * 1_000_000 / FULL_DOCS, random.Random(f"{seed}:sizes"))
    files = []
    for number, target in enumerate(targets):
        name, text = document(number, seed, target, material)
        path = out / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def digest(files: list[Path]) -> str:
    """One hash over the archive's names and bytes (to compare two runs)."""
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return h.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=FULL_DOCS)
    parser.add_argument("--mb", type=float, default=100.0, help="total MB for 3,000 documents (scaled for --docs)")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    files = make_archive(args.out, args.docs, args.mb, args.seed)
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} documents, {size / 1e6:.1f} MB in {args.out} (sha256 {digest(files)[:16]})")


if __name__ == "__main__":
    main()
