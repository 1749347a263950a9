"""Typeset the five seed reports as UN-style Word files and PDFs (the PDF import's test material).

    /work/venv/bin/python tests/data/typeset/make.py            # writes the files beside this script
    /work/venv/bin/python tests/data/typeset/make.py --bench N  # a N-page CJK PDF for bench/ (to a temp folder)

Each seed (seeds/*.txt) is parsed with the project's own parser, then written back out
the way a UN document is printed:

- a .docx made with python-docx, with REAL Word automatic numbering (numbering.xml):
  chapter headings 一. 二. (chineseCounting) and section headings A. B. (upperLetter)
  numbered through the heading STYLES (style-attached numbering), unnumbered sub-headings
  in a style that switches the inherited numbering off (numId 0), numbered paragraphs
  1. 2. (decimal), items (a) (b) and (一) (二) restarting for each list (a new w:num with
  a startOverride); ㈠ ㈡ items and the annual report's chapter numbers are typed as text,
  as the UN's own files do. Footnotes are REAL Word footnotes (a footnotes part, the
  reference where the note is cited). Recovered tables become Word tables.
- page furniture in header and footer parts: the symbol as the running header, the
  page number ("2/9") and the job number in the footer, on the first page the printing
  notice ("为节约起见…"), the job number with its date and a barcode line;
- the PDF is LibreOffice's export of that .docx (`soffice --headless --convert-to pdf`),
  which embeds a subset of the CJK font (Noto Serif CJK SC).

Also made: a two-column report (001 with its body in two columns), 001's text printed
by Qt with the stock Noto Sans CJK font (whose PDF gives Kangxi radicals such as ⼯ for
工, and no page furniture of the UN's: labels typed as text), a "scan" (the pages
of 000's PDF as pictures, no text layer), an encrypted PDF, and damaged files (a PDF cut
in half, a PDF whose body is garbage, a .docx cut short, a zip of text files named .docx).
Symbols and job numbers are invented in the UN's style (the seeds do not print theirs).
"""

from __future__ import annotations

import argparse
import copy
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "src"))

import docx  # noqa: E402
from docx.enum.section import WD_SECTION  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402

from unidoreader.core import parse  # noqa: E402
from unidoreader.core.model import BlockKind, Report  # noqa: E402
from unidoreader.core.tables import recover_tables  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Noto Serif CJK SC"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SEEDS = {  # seed prefix -> (invented symbol, invented job number, date code)
    "000": ("IDB.46/8", "V.18-07654", "201118"),
    "001": ("IDB.52/9", "V.24-13870", "071024"),
    "002": ("IDB.43/10", "V.15-03412", "150515"),
    "003": ("IDB.48/7", "V.20-05516", "280920"),
    "004": ("IDB.49/2", "V.21-02291", "300321"),
}
NOTICE = "为节约起见，本文件未作印发。敬请各位代表自带文件与会。"


# -- numbering ----------------------------------------------------------------------------


def _lvl(ilvl: int, fmt: str, text: str, style: str | None = None, indent: int = 0) -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="space"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:firstLine="0"/></w:pPr></w:lvl>')


class Lists:
    """The document's numbering definitions, appended to python-docx's numbering part."""

    HEADINGS, PARAGRAPHS, LETTERS, CN_ITEMS = 90, 91, 92, 93

    def __init__(self, document: docx.document.Document) -> None:
        self.root = document.part.numbering_part.element
        self.next_num = 100
        self._abstract(self.HEADINGS, _lvl(0, "chineseCounting", "%1.", "Heading1") + _lvl(1, "upperLetter", "%2.", "Heading2", 0))
        self._abstract(self.PARAGRAPHS, _lvl(0, "decimal", "%1."))
        self._abstract(self.LETTERS, _lvl(0, "lowerLetter", "(%1)", indent=567))
        self._abstract(self.CN_ITEMS, _lvl(0, "chineseCounting", "(%1)", indent=567))
        self.heading_num = self.num(self.HEADINGS)
        self.paragraph_num = self.num(self.PARAGRAPHS)

    def _abstract(self, aid: int, levels: str) -> None:
        xml = f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        first_num = self.root.find(qn("w:num"))
        element = parse_xml(xml)
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self.root.append(element)

    def num(self, aid: int, restart: bool = False) -> int:
        """A new list instance of `aid`; `restart`: numbering starts again at 1 (startOverride)."""
        nid = self.next_num
        self.next_num += 1
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        self.root.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'))
        return nid


def _number(paragraph, num_id: int, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _style_numbering(style, num_id: int, ilvl: int) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


# -- footnotes ----------------------------------------------------------------------------


class Footnotes:
    """A real footnotes part: separator notes, then one w:footnote per note."""

    def __init__(self, document: docx.document.Document) -> None:
        self.document = document
        self.notes: list[str] = []

    def add(self, text: str) -> int:
        self.notes.append(text)
        return len(self.notes)

    def reference(self, paragraph, note_id: int) -> None:
        run = paragraph.add_run()
        run._r.append(parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:vertAlign w:val="superscript"/></w:rPr>'))
        run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" w:id="{note_id}"/>'))

    def write(self) -> None:
        if not self.notes:
            return
        from xml.sax.saxutils import escape

        body = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
        ]
        for i, text in enumerate(self.notes, 1):
            body.append(
                f'<w:footnote w:id="{i}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
                f'<w:r><w:rPr><w:rFonts w:eastAsia="{FONT}"/><w:sz w:val="18"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:rPr><w:rFonts w:eastAsia="{FONT}"/><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            )
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">{"".join(body)}</w:footnotes>'
        part = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                    xml.encode("utf-8"), self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)


# -- the document -------------------------------------------------------------------------


def _fonts(document: docx.document.Document) -> None:
    for name in ("Normal", "Heading 1", "Heading 2", "Header", "Footer"):
        style = document.styles[name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = parse_xml(f'<w:rFonts xmlns:w="{W_NS}"/>')
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        style.font.color.rgb = None
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Heading 1", 13), ("Heading 2", 12)):
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    sub = document.styles.add_style("SubHeading", 1)
    sub.base_style = document.styles["Heading 2"]
    sub.font.bold = True
    chapter = document.styles.add_style("ChapterTitle", 1)
    chapter.base_style = document.styles["Heading 1"]
    chapter.font.bold = True


def _page_field(paragraph, instr: str) -> None:
    paragraph._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr="{instr}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _furniture(section, symbol: str, job: str, date: str, notice: str, running_title: str | None = None) -> None:
    section.different_first_page_header_footer = True
    section.header_distance = Cm(1.2)
    section.footer_distance = Cm(1.0)
    head = section.header.paragraphs[0]
    head.text = symbol
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    first_head = section.first_page_header.paragraphs[0]
    first_head.text = symbol
    first_head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot = section.footer.paragraphs[0]
    if running_title:  # the annual report: "74　工发组织2020年年度报告"
        _page_field(foot, "PAGE")
        foot.add_run("\u3000" + running_title)
    else:
        foot.add_run(f"{job}\t\t")
        _page_field(foot, "PAGE")
        foot.add_run("/")
        _page_field(foot, "NUMPAGES")
    first = section.first_page_footer
    note = first.paragraphs[0]
    note.text = notice
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.add_paragraph(f"{job} (C)    {date}    {date}")
    first.add_paragraph("*" + re.sub(r"\D", "", job) + "*")


def typeset(report: Report, cover: list[str], symbol: str, job: str, date: str, notice: str, *, columns: int = 1,
            typed_chapters: bool = False, running_title: str | None = None) -> docx.document.Document:
    document = docx.Document()
    _fonts(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    _furniture(section, symbol, job, date, notice, running_title)
    lists = Lists(document)
    _style_numbering(document.styles["Heading 1"], lists.heading_num, 0)
    _style_numbering(document.styles["Heading 2"], lists.heading_num, 1)
    for name in ("SubHeading", "ChapterTitle"):  # unnumbered headings: the inherited numbering switched off
        ppr = document.styles[name].element.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="0"/></w:numPr>'))
    notes = Footnotes(document)
    note_text = {f.label: f.text for f in report.footnotes}
    tables = {t.block: t for t in recover_tables(report)}

    for i, line in enumerate(cover):
        paragraph = document.add_paragraph(line)
        if i == len(cover) - 1 or line.endswith("的报告") or (report.metadata.title and line.replace(" ", "") == report.metadata.title.replace(" ", "")):
            for run in paragraph.runs:
                run.bold = True
    if columns > 1:
        body = document.add_section(WD_SECTION.CONTINUOUS)
        cols = body._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = parse_xml(f'<w:cols xmlns:w="{W_NS}"/>')
            body._sectPr.append(cols)
        cols.set(qn("w:num"), str(columns))
        cols.set(qn("w:space"), "567")
    item_list: int | None = None
    item_kind = ""
    blocks = [b for b in report.blocks if not (b.kind is BlockKind.NOTE and b.label is None and b is report.blocks[0] and cover)]
    for block in blocks:
        if block.kind is not BlockKind.ITEM:
            item_list = None
        if block.kind is BlockKind.HEADING:
            section = report.section(block.section) if block.section else None
            level = section.level if section else 1
            if typed_chapters:
                # the annual report: a chapter number printed big on its own line, titles unnumbered
                if block.label:
                    number = document.add_paragraph(block.label)
                    number.runs[0].bold = True
                    number.runs[0].font.size = Pt(20)
                document.add_paragraph(block.text, style="ChapterTitle" if level == 1 else "SubHeading")
                continue
            level = report.section(block.section).level if report.section(block.section) else 1
            if block.label:
                document.add_paragraph(block.text, style="Heading 1" if level == 1 else "Heading 2")
            else:
                document.add_paragraph(block.text, style="SubHeading")
            continue
        if block.kind is BlockKind.TABLE:
            table = tables.get(block.id)
            if table is None:
                for line in block.text.split("\n"):
                    document.add_paragraph(line)
                continue
            if table.caption:
                document.add_paragraph(table.caption).runs[0].bold = True
            ncols = max(len(table.header), max((len(r) for r in table.rows), default=1))
            grid = document.add_table(rows=0, cols=ncols)
            grid.style = "Table Grid"
            if any(table.header):
                cells = grid.add_row().cells
                for k, text in enumerate(table.header):
                    cells[k].text = text
            for row in table.rows:
                cells = grid.add_row().cells
                for k, cell in enumerate(row):
                    cells[k].text = cell.text + cell.mark
            for note in table.notes:
                document.add_paragraph(note)
            continue
        text = block.text
        paragraph = document.add_paragraph()
        if block.kind is BlockKind.PARAGRAPH and block.label and block.label.isdigit():
            _number(paragraph, lists.paragraph_num)
        elif block.kind is BlockKind.ITEM and block.label:
            kind = "letter" if block.label.isascii() else ("cn" if block.label[0] in "一二三四五六七八九十" else "typed")
            if kind == "typed":
                text = f"{block.label} {text}"
            else:
                if item_list is None or kind != item_kind:
                    item_list = lists.num(lists.LETTERS if kind == "letter" else lists.CN_ITEMS, restart=True)
                    item_kind = kind
                _number(paragraph, item_list)
        elif block.kind is BlockKind.NOTE and block.label:
            text = f"{block.label} {text}"
        # footnote references: a superscript in the text stands where it is; a reference
        # the parser took out of the text goes before the sentence's end
        cited = list(block.footnotes)
        runs = []
        for piece in re.split(rf"([{SUPERSCRIPTS}]+)", text):
            label = piece.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
            if piece and label.isdigit() and label in note_text:
                notes.reference(paragraph, notes.add(note_text[label]))
                if label in cited:
                    cited.remove(label)
            elif piece:
                runs.append(paragraph.add_run(piece))
        cited = [label for label in cited if label in note_text]
        if cited:
            end = ""
            if runs and runs[-1].text.endswith("。"):
                runs[-1].text = runs[-1].text[:-1]
                end = "。"
            for label in cited:
                notes.reference(paragraph, notes.add(note_text[label]))
            if end:
                paragraph.add_run(end)
    notes.write()
    return document


def seed_parts(path: Path) -> tuple[Report, list[str], str]:
    """A seed's report, its cover lines as printed and its printing notice."""
    text = parse.read_text(path)
    parsed = parse.parse_document(text, path.name)
    report = parsed.report
    lines = [line.strip() for line in text.replace("\f", "\n").split("\n")]
    cover: list[str] = []
    first = report.blocks[0] if report.blocks else None
    if first is not None and first.kind is BlockKind.NOTE and first.label is None and parsed.spans:
        a, b = parsed.spans[0]
        cover = [" ".join(line.split()) for line in lines[a : b + 1] if line]
    notices = [line.strip() for line in parsed.furniture if "本文件" in line and "印发" in line]
    return report, cover, notices[0] if notices else NOTICE


def to_pdf(docx_path: Path, out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="typeset-lo-") as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), str(docx_path)], check=True, capture_output=True, timeout=600)
    return out_dir / (docx_path.stem + ".pdf")


def encrypted_pdf(docx_path: Path, out: Path) -> None:
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"unido"}}'
    with tempfile.TemporaryDirectory(prefix="typeset-lo-") as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/p", "--headless", "--convert-to", f"pdf:writer_pdf_Export:{options}",
                        "--outdir", tmp, str(docx_path)], check=True, capture_output=True, timeout=600)
        shutil.move(Path(tmp) / (docx_path.stem + ".pdf"), out)


def scanned_pdf(pdf_path: Path, out: Path, pages: int = 2) -> None:
    """A PDF of pictures of pages (what a scanner gives): no text layer. Written by hand
    (one Flate-compressed RGB image a page): ImageMagick's policy here forbids PDF output."""
    import zlib

    from unidoreader.core.readers import pdf

    data = pdf_path.read_bytes()
    objects: list[bytes] = []
    kids = []
    for index in range(pages):
        width, height, pixels, mode = pdf.render_page(data, index, 50)
        channels = len(mode)
        rgb = bytearray(width * height * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = pixels[2::channels], pixels[1::channels], pixels[0::channels]
        image = zlib.compress(bytes(rgb), 9)
        base = 3 + index * 3
        objects.append(f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceRGB "
                       f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(image)} >>\nstream\n".encode() + image + b"\nendstream")
        content = f"q 595 0 0 842 0 0 cm /Im{index} Do Q".encode()
        objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im{index} {base} 0 R >> >> "
                       f"/Contents {base + 1} 0 R >>".encode())
        kids.append(f"{base + 2} 0 R")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>".encode()] + objects
    out_bytes = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out_bytes))
        out_bytes += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out_bytes)
    out_bytes += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out_bytes += f"{offset:010d} 00000 n \n".encode()
    out_bytes += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    out.write_bytes(bytes(out_bytes))


def qt_pdf(seed: Path, out: Path) -> None:
    """The seed's text printed by Qt with the stock Noto Sans CJK font: PDFs made this way
    map some ideographs to Kangxi radicals (⼯ for 工) in their ToUnicode table, which the
    reader must undo. Labels are typed text here, as in the UN's own files."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    document = QTextDocument()
    document.setDefaultFont(QFont("Noto Sans CJK SC", 11))
    lines = [line.strip() for line in parse.read_text(seed).split("\n")]
    document.setPlainText("\n".join(lines))
    document.print_(writer)
    del app


def numbering_sample(out: Path) -> None:
    """Word numbering beyond the seeds: Chinese counting past ten (十一), roman and
    multi-level labels (1.2), a list restarted by a startOverride, a list attached to a
    paragraph style with no level given (level 0), letters past z (aa, bb).
    LibreOffice prints its PDF beside it: the labels the reader computes must be those."""
    document = docx.Document()
    _fonts(document)
    lists = Lists(document)
    root = lists.root
    multi = 94
    lists._abstract(multi, _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2") + _lvl(2, "lowerRoman", "(%3)"))
    styled = 96
    style = document.styles.add_style("ArticleNumbered", 1)
    lists._abstract(styled, _lvl(0, "chineseCounting", "第%1条", None) + _lvl(1, "decimal", "%2、", "ArticleNumbered"))
    cn = lists.num(lists.CN_ITEMS)
    for k in range(12):
        p = document.add_paragraph(f"第{k + 1}项中文编号")
        _number(p, cn)
    m = lists.num(multi)
    for ilvl, text in [(0, "一级甲"), (1, "二级甲"), (1, "二级乙"), (2, "三级甲"), (2, "三级乙"), (0, "一级乙"), (1, "二级丙")]:
        _number(document.add_paragraph(text), m, ilvl)
    restarted = lists.num(lists.LETTERS, restart=True)
    for text in ("字母一", "字母二"):
        _number(document.add_paragraph(text), restarted)
    again = lists.num(lists.LETTERS, restart=True)
    for k in range(28):
        _number(document.add_paragraph(f"重新开始{k + 1}"), again)
    styled_num = lists.num(styled)
    ppr = style.element.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="{styled_num}"/></w:numPr>'))
    for text in ("样式编号一", "样式编号二", "样式编号三"):
        document.add_paragraph(text, style="ArticleNumbered")
    target = out.with_suffix(".docx")
    document.save(target)
    to_pdf(target, out.parent)
    del root


def damaged(out_dir: Path, pdf_path: Path, docx_path: Path) -> None:
    data = pdf_path.read_bytes()
    (out_dir / "bad-truncated.pdf").write_bytes(data[: len(data) // 2])
    (out_dir / "bad-garbage.pdf").write_bytes(data[:16] + bytes((i * 7919) % 251 for i in range(6000)) + b"\n%%EOF\n")
    (out_dir / "bad-truncated.docx").write_bytes(docx_path.read_bytes()[:6000])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "这不是 Word 文件。\n")
        archive.writestr("data/table.csv", "a,b\n1,2\n")
    (out_dir / "bad-zip-of-text.docx").write_bytes(buffer.getvalue())


def make(out_dir: Path, prefixes: list[str]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    made: list[Path] = []
    for path in seeds:
        prefix = path.name[:3]
        if prefix not in prefixes:
            continue
        symbol, job, date = SEEDS[prefix]
        report, cover, notice = seed_parts(path)
        annual = prefix == "004"
        document = typeset(report, cover, symbol, job, date, notice, typed_chapters=annual,
                           running_title=report.metadata.title if annual else None)
        target = out_dir / f"{prefix}.docx"
        document.save(target)
        made.append(target)
        if prefix == "001":
            two = typeset(report, cover, symbol, job, date, notice, columns=2)
            target2 = out_dir / "001-two-columns.docx"
            two.save(target2)
            made.append(target2)
    for target in made:
        to_pdf(target, out_dir)
        print(target.with_suffix(".pdf"))
    numbering_sample(out_dir / "numbering.pdf")
    if "001" in prefixes:
        qt_pdf(next((REPO / "seeds").glob("001_*.txt")), out_dir / "001-qt-radicals.pdf")
    if "000" in prefixes:
        scanned_pdf(out_dir / "000.pdf", out_dir / "scan.pdf")
        encrypted_pdf(out_dir / "000.docx", out_dir / "encrypted.pdf")
        damaged(out_dir, out_dir / "000.pdf", out_dir / "000.docx")


def make_bench(out_dir: Path, pages: int) -> Path:
    """A long CJK report for bench/: the annual report's body repeated to about `pages` pages."""
    path = next((REPO / "seeds").glob("004_*.txt"))
    report, cover, notice = seed_parts(path)
    from dataclasses import replace

    blocks = [b for b in report.blocks if b.kind is not BlockKind.TABLE]
    per_page = 7  # blocks per printed page, about
    copies = max(1, -(-pages * per_page // len(blocks)))
    many = replace(report, blocks=tuple(blocks) * copies, footnotes=())
    document = typeset(many, cover, "IDB.49/2", "V.21-02291", "300321", notice, typed_chapters=True,
                       running_title=report.metadata.title)
    target = out_dir / f"bench-{pages}.docx"
    document.save(target)
    return to_pdf(target, out_dir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--only", nargs="*", default=sorted(SEEDS))
    parser.add_argument("--bench", type=int, metavar="PAGES")
    args = parser.parse_args()
    if args.bench:
        print(make_bench(args.out, args.bench))
        return 0
    make(args.out, args.only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
