"""Footnotes of the seeds in both styles, linked to the blocks that cite them."""

from __future__ import annotations

from tests.core.parse.conftest import parsed_seed
from unidoreader.core.model import BlockKind


def _citing(name: str) -> dict[str, list[tuple[str, str | None]]]:
    report = parsed_seed(name).report
    by_id = {b.id: b for b in report.blocks}
    out = {}
    for note in report.footnotes:
        out[note.label] = [(by_id[i].kind.value, by_id[i].label) for i in note.blocks]
        for i in note.blocks:
            assert note.label in by_id[i].footnotes
    return out


def test_superscript_footnotes_of_001() -> None:
    report = parsed_seed("001_93c39d06b608bdfc.txt").report
    assert _citing("001_93c39d06b608bdfc.txt") == {
        "1": [("paragraph", "1")],
        "2": [("paragraph", "21")],
        "3": [("paragraph", "22")],
    }
    note = report.footnotes[0]
    assert note.text.startswith("截至2024年9月4日的数字。") and "906519-world-bank" in note.text
    # the note line never lands in the body text
    assert not any("截至2024年9月4日" in b.text for b in report.blocks)


def test_separator_footnotes_of_003_with_bare_digit_references() -> None:
    report = parsed_seed("003_8813ef881b0c24cc.txt").report
    assert _citing("003_8813ef881b0c24cc.txt") == {
        "1": [("paragraph", "1")],
        "2": [("paragraph", "2")],
        "3": [("paragraph", "7")],
        "4": [("item", "b")],
    }
    texts = {b.label: b.text for b in report.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM)}
    assert "秘书长发起行动十年，呼吁" in texts["1"]
    assert "重要性工业提供了" in texts["2"]
    assert "在 10 个国家落实" in texts["7"]
    assert texts["b"].endswith("资金和合作活动；")
    # the bare digits that are figures stay: "目标 9", "2019 年"
    assert "目标 9 所载" in texts["2"]
    # a note wrapped over a blank line (3) is whole, and the paragraph it interrupted (9) goes on
    assert report.footnotes[2].text == "截至 2020 年 8 月：柬埔寨、科特迪瓦、埃及、埃塞俄比亚、吉尔吉斯斯坦、摩洛哥、秘鲁、卢旺达、塞内加尔和赞比亚。"
    assert "不同寻常的封锁做法后" in texts["9"]
    # the reissue note "*" is a note block about the document, not a numbered footnote
    star = [b for b in report.blocks if b.kind is BlockKind.NOTE and b.label == "*"]
    assert [b.text for b in star] == ["因技术原因于 2020 年 10 月 22 日重发。"]
    # the link targets printed after the page's notice are furniture
    assert "https://undocs.org/en/A/75/158" in [line.strip() for line in parsed_seed("003_8813ef881b0c24cc.txt").furniture]
