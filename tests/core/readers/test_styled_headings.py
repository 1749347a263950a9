"""Unnumbered headings of a Chinese Word file come from its heading styles, not from the
layout rules a text file needs (issue 13: the annual report's story titles)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

from unidoreader.core import readers

BODY = ("工发组织在疫情期间继续支持成员国的工业发展，通过技术合作、分析研究和政策咨询帮助各国政府和企业"
        "应对危机带来的挑战，并为恢复后的包容及可持续工业发展奠定基础。")


def _write(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("工发组织2019年年度报告")
    for title in ("联合国发展系统改革", "工业政策咨询与研究"):
        document.add_paragraph(title, style="Heading 2")
        document.add_paragraph(BODY)
        document.add_paragraph(BODY)
    # a photo caption in body type: short, after a finished sentence, before running text
    document.add_paragraph("全球征集活动的获选提案")
    heading = document.add_paragraph("工发组织支持首个机器人辅助的", style="Heading 2")
    heading.add_run().add_break(WD_BREAK.LINE)
    heading.add_run("COVID-19病房")
    document.add_paragraph(BODY)
    document.add_paragraph("纪念联合国成立75周年", style="Heading 2")
    document.add_paragraph(BODY)
    document.save(path)
    return path


def test_word_heading_styles_make_the_sections_and_body_type_does_not(tmp_path: Path) -> None:
    report = readers.parse_path(_write(tmp_path / "annual.docx"))
    titles = [section.title for section in report.walk_sections()]
    assert titles == ["联合国发展系统改革", "工业政策咨询与研究", "工发组织支持首个机器人辅助的COVID-19病房", "纪念联合国成立75周年"]
    (caption,) = [b for b in report.blocks if "全球征集活动的获选提案" in b.text]
    assert caption.kind.value == "paragraph"

