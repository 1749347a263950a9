"""Word automatic numbering: the labels the reader computes are the ones printed."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from tests.conftest import DATA
from unidoreader.core import readers
from unidoreader.core.readers.numbering import Numbering, chinese_counting, format_number

TYPESET = DATA / "typeset"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _compact(source: readers.SourceText) -> list[str]:
    return ["".join(line.text.split()) for line in source.lines if line.text]


def test_labels_are_those_libreoffice_prints_for_the_same_file() -> None:
    """numbering.docx: 一 to 十二, 1. / 1.1 / (i), a restarted (a) list running past (z)
    to (aa), a list attached to a paragraph style. Its PDF is LibreOffice's rendering."""
    word = _compact(readers.read_source(TYPESET / "numbering.docx"))
    printed = _compact(readers.read_source(TYPESET / "numbering.pdf"))
    assert word == printed
    assert "(十一)第11项中文编号" in word and "1.2二级乙" in word and "(ii)三级乙" in word
    assert "(aa)重新开始27" in word and word.count("(a)字母一") == 1 and "(a)重新开始1" in word
    assert "第三条样式编号三" in word


def test_the_typed_labels_of_the_uns_own_word_files_are_kept() -> None:
    """The UN types its paragraph numbers: the .docx gives the PDF's numbers in order."""
    for stem in ("A_80_596", "A_80_604_Add.5"):
        numbers = {}
        for kind in ("docx", "pdf"):
            lines = readers.read_source(DATA / "un-en" / f"{stem}.{kind}").lines
            numbers[kind] = [m.group(1) for m in (re.match(r"^(\d+)\. ", l.text) for l in lines) if m]
        assert numbers["docx"] == numbers["pdf"] and len(numbers["docx"]) > 50


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n: int, text: str) -> None:
    assert chinese_counting(n) == text


def test_other_formats() -> None:
    assert [format_number(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert [format_number(n, "upperLetter") for n in (1, 26, 27)] == ["A", "Z", "AA"]
    assert format_number(3, "ideographTraditional") == "丙" and format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(7, "decimalZero") == "07"


def _numbering(abstract: str, nums: str) -> Numbering:
    root = etree.fromstring(f'<w:numbering xmlns:w="{W}">{abstract}{nums}</w:numbering>')
    return Numbering(root, None)


def _p(num: int, ilvl: int = 0) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr></w:p>')


def test_a_legal_level_prints_every_number_in_figures_as_word_does() -> None:
    levels = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
              '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>')
    numbering = _numbering(levels, '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    assert [numbering.label(_p(5, k)) for k in (0, 1, 0, 1, 1)] == ["I.", "1.1.", "II.", "2.1.", "2.2."]


def test_lists_of_one_definition_share_counters_unless_one_restarts() -> None:
    levels = '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>')
    numbering = _numbering(levels, nums)
    assert [numbering.label(_p(n)) for n in (1, 1, 2, 3, 3, 1)] == ["1.", "2.", "3.", "5.", "6.", "7."]
    off = etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:p>')
    assert numbering.label(off) is None
