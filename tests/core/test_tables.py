"""Tables and charts recovered from the seeds' flattened text (core.tables), their CSV
export and the `tables` command. Everything runs through the real pipeline:
read_text -> parse_text -> recover_tables."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FUZZ_SCALE, seed
from unidoreader import cli
from unidoreader.core.export import table_csv, table_file_name, write_tables_csv
from unidoreader.core.model import Block, BlockKind, Cell, Metadata, Report, Table, block_id
from unidoreader.core.parse import parse_text, read_text
from unidoreader.core.tables import parse_figure, rebuild_table, recover_tables, table_records

ACCEPTANCE = Path(__file__).resolve().parents[1] / "data" / "acceptance" / "tables.json"


def _report(prefix: str) -> Report:
    path = seed(prefix)
    return parse_text(read_text(path), path.name)


@pytest.fixture(scope="module")
def report004() -> Report:
    return _report("004")


@pytest.fixture(scope="module")
def tables004(report004: Report) -> list[Table]:
    return recover_tables(report004)


def texts(row: tuple) -> list[str]:
    return [cell.text for cell in row]


def one(tables: list[Table], caption_part: str) -> Table:
    found = [t for t in tables if caption_part in t.caption]
    assert len(found) == 1, (caption_part, [t.caption for t in found])
    return found[0]


def row_of(table: Table, label: str) -> list[str]:
    found = [texts(row) for row in table.rows if row[0].text == label]
    assert len(found) == 1, (label, [r[0].text for r in table.rows])
    return found[0]


# -- acceptance: the two hand-labelled tables, cell for cell ---------------------------------


def test_acceptance_tables_come_out_cell_for_cell(tables004: list[Table]) -> None:
    assert ACCEPTANCE.is_file(), f"missing acceptance file {ACCEPTANCE}"
    spec = json.loads(ACCEPTANCE.read_text(encoding="utf-8"))
    assert len(spec["tables"]) == 2
    for expected in spec["tables"]:
        assert expected["document"] == seed("004").name
        table = one(tables004, expected["caption_contains"])
        assert list(table.header) == expected["header"]
        assert [texts(row) for row in table.rows] == expected["rows"]


def test_latin_america_figures_are_placed_by_the_column_totals(tables004: list[Table]) -> None:
    table = one(tables004, "按主题和区域划分的技术合作金额")
    # printed: "拉丁美洲和加勒比 1,867,200 3,486,100 12,460,800 240,200 18,054,300" (5 figures, 6 columns)
    latin = next(row for row in table.rows if row[0].text == "拉丁美洲和加勒比")
    assert latin[table.header.index("跨领域")].value == 240_200
    assert latin[table.header.index("其他")].text == "" and latin[table.header.index("其他")].value is None
    assert latin[table.header.index("合计")].value == 18_054_300
    assert table.totals_ok is True
    assert any("四舍五入到最接近的百位数" in note for note in table.notes)


def test_one_char_a_line_header_is_joined_into_words(tables004: list[Table]) -> None:
    for caption in ("按主题和区域划分的项目/方案数目", "按主题和区域划分的技术合作金额"):
        table = one(tables004, caption)
        assert table.header == ("区域", "创造共同繁荣", "提高经济竞争力", "保护环境", "跨领域", "其他", "合计")


# -- the other tables and charts of the annual report ---------------------------------------


def test_annual_report_indicators_and_charts_are_recovered_with_captions(tables004: list[Table]) -> None:
    captions = [t.caption for t in tables004]
    assert all(captions), "every table has a caption"
    assert len(tables004) >= 28
    for code in ("POR.1", "POR.2", "POR.3", "POR.4", "POR.5", "POR.6", "POR.7", "FIN.1", "FIN.2", "FIN.3", "EXP.2", "HR.1"):
        assert any(c.startswith(code + " ") or c.startswith(code + ". ") for c in captions), code
    for chart in ("2020年工发组织方案和项目的主要供资伙伴（以百万美元计）", "减去方案支助费用后捐款超过100万美元的政府捐助方", "企业伙伴关系类型", "产出指标", "企业服务效率"):
        assert any(chart in c for c in captions), chart
    # the five regional charts, each titled with its total
    regional = [c for c in captions if "技术合作（2020年）" in c]
    assert [re.search(r"） ?([\d.]+)（以百万美元计）", c).group(1) for c in regional] == ["36.2", "14.6", "26", "4.6", "11.1"]
    # (named after the section they print in: "工发组织在…开展的工作", where the line fits a heading)
    assert [c.split("：")[0] for c in regional] == ["工发组织在非洲开展的工作", "工发组织在阿拉伯区域开展的工作",
                                                   "工发组织在亚洲及太平洋开展的工作", "工发组织在欧洲和中亚开展的工作", "拉丁美洲和加勒比"]


def test_real_cells_of_the_indicator_annex(tables004: list[Table]) -> None:
    por2 = one(tables004, "POR.2 ")
    assert por2.header == ("类别", "接近要求", "达到要求")
    potential = next(row for row in por2.rows if row[0].text == "e. 扩大规模的潜力")
    assert potential[0].mark == "*" and texts(potential) == ["e. 扩大规模的潜力", "52%", "44%"]
    assert potential[1].value == 52.0
    assert any(note.startswith("* 2020年新标准") for note in por2.notes)

    por4 = one(tables004, "POR.4 ")
    scale = row_of(por4, "c. 扩大规模")
    assert scale == ["c. 扩大规模", "无"]
    assert next(r for r in por4.rows if r[0].text == "c. 扩大规模")[1].value is None

    por5 = one(tables004, "POR.5 ")
    assert por5.header[1:] == ("2B", "2A", "1", "0", "未评估")
    assert [c.value for c in por5.rows[1][1:]] == [1.3, 24.2, 66.3, 3.1, 5.1]

    fin1 = one(tables004, "FIN.1 ")
    regular = next(row for row in fin1.rows if row[0].text == "经常预算")
    assert (regular[0].mark, regular[1].text, regular[1].value) == ("*", "€ 71.24", 71.24)
    assert row_of(fin1, "核准经常财政资源收入总额") == ["核准经常财政资源收入总额", "€ 90.60"]

    fin2 = one(tables004, "FIN.2 ")
    assert [(r[1].text, r[1].value) for r in fin2.rows] == [("$143", 143.0), ("-6.0%", -6.0)]

    outputs = one(tables004, "产出指标")
    assert outputs.header == ("指标", "说明", "2020年")
    tco2 = next(row for row in outputs.rows if row[0].text.startswith("TCO.2"))
    assert (tco2[0].text, tco2[2].text, tco2[2].value, tco2[2].mark) == ("TCO.2 提供的资产价值", "12,222,645", 12_222_645.0, "*")
    assert any(note.startswith("* 部分数字") for note in outputs.notes)

    staff = one(tables004, "a. 按职类分列的核心工作人员组成")
    assert staff.header[1:] == ("合计", "男", "女")
    assert row_of(staff, "合计") == ["合计", "597", "346", "251"]
    assert row_of(staff, "专业人员小计（P-2及以上级别）") == ["专业人员小计（P-2及以上级别）", "210", "138", "72"]
    offices = one(tables004, "f. 按办事处/工作地点分列的员工队伍的组成")
    assert row_of(offices, "总部以外的联络处") == ["总部以外的联络处", "12", "4", "8"]


def test_donor_charts_pair_labels_with_their_values(tables004: list[Table]) -> None:
    # chart 1 alternates label / value, with its title printed in the middle of the values
    first = one(tables004, "主要供资伙伴")
    assert first.header == ("供资伙伴", "百万美元")
    assert row_of(first, "俄罗斯联邦") == ["俄罗斯联邦", "2.6"]  # label printed on two lines
    assert row_of(first, "美利坚合众国") == ["美利坚合众国", "4.3"]
    assert len(first.rows) == 13
    # chart 2 lists 13 labels, then 13 values, then its title
    second = one(tables004, "政府捐助方")
    assert [r[0].text for r in second.rows][:3] == ["瑞士", "日本", "意大利"]
    assert row_of(second, "挪威") == ["挪威", "1.8"]
    # both charts print the same government donors: they must agree
    values_1 = {r[0].text.replace("美利坚合众国", "美国"): r[1].value for r in first.rows}
    values_2 = {r[0].text: r[1].value for r in second.rows}
    shared = set(values_1) & set(values_2)
    assert len(shared) >= 9
    assert all(values_1[name] == values_2[name] for name in shared)


def test_regional_charts_split_glued_values_and_check_their_totals(tables004: list[Table]) -> None:
    africa = one(tables004, "技术合作（2020年） 36.2")
    # printed "15.249.99 0.745.34 4.88" under "成员国 欧盟 环境基金 多边基金 其他"
    assert [texts(r) for r in africa.rows] == [
        ["成员国", "15.24"], ["欧盟", "9.99"], ["环境基金", "0.74"], ["多边基金", "5.34"], ["其他", "4.88"]
    ]
    assert africa.totals_ok is True
    asia = one(tables004, "技术合作（2020年） 26")  # "其他" printed after the values
    assert row_of(asia, "其他") == ["其他", "0.97"] and asia.totals_ok is True
    # Europe prints 4.6 but its parts add up to 4.78: flagged, not hidden
    europe = one(tables004, "技术合作（2020年） 4.6")
    assert sum(r[1].value or 0 for r in europe.rows) == pytest.approx(4.78)
    assert europe.totals_ok is False
    pie = one(tables004, "企业伙伴关系类型")
    assert sum(r[1].value for r in pie.rows) == 100 and pie.totals_ok is True


def test_totals_are_checked(tables004: list[Table]) -> None:
    for caption in (
        "a. 执行理事会核准的项目文件数目",
        "b. 执行理事会核准的国别方案和国别伙伴关系方案的数目",
        "按主题和区域划分的技术合作金额",
        "c. 各区域正在实施的国别方案的数目",
        "d. 各区域正在实施的国别伙伴关系方案的数目",
        "FIN.1 ",
        "a. 按职类分列的核心工作人员组成",
        "b. 按办事处/工作地点分列的核心工作人员组成",
    ):
        assert one(tables004, caption).totals_ok is True, caption
    # POR.3.a: its own note warns that totals may not match; 创造共同繁荣 adds up to 127, printed 125
    por3a = one(tables004, "按主题和区域划分的项目/方案数目")
    assert por3a.totals_ok is False
    assert sum(r[1].value or 0 for r in por3a.rows[:-1]) == 127 and por3a.rows[-1][1].value == 125
    assert por3a.rows[-1][0].text == "合计" and por3a.rows[-1][0].mark == "*"
    # the Africa row prints 4 figures + total: the blank falls where the column totals want it
    assert texts(por3a.rows[0]) == ["非洲", "54", "29", "102", "10", "", "195"]
    # no totals to check: None, not True
    assert one(tables004, "POR.4 ").totals_ok is None


def test_tables_point_at_their_blocks(report004: Report, tables004: list[Table]) -> None:
    blocks = {b.id: b for b in report004.blocks}
    assert len({t.id for t in tables004}) == len(tables004)
    for table in tables004:
        block = blocks[table.block]
        assert block.kind is BlockKind.TABLE
        assert table.section == block.section


# -- no false tables ------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_reports_without_tables_yield_none(prefix: str) -> None:
    assert recover_tables(_report(prefix)) == []


SYNTHETIC = """工业发展理事会
第五十届会议
2022年11月22日至24日，维也纳

一. 导言

1. 2021年，工发组织在 100 个国家执行的技术合作服务总额为 17,120 万美元，其中 63.2%
（10,810 万美元）用于环境，18.7%（3,200 万美元）用于减贫 2014
2. 在非洲的执行额共计 5,360 万美元，占总额的 31.3%，亚洲为 4,990 万美元，拉丁美洲为 1,250
3. 2019 年 12 月 4 日至 2020 年 3 月 31 日期间，共举行了 12 次会议，审议了 45 项提案 2020
4. 第 2016/6 号结论和 IDB.44/Dec.9 号决定要求在 2025 年前提交 3 份报告 2025
"""


def test_numbered_paragraphs_full_of_figures_are_not_tables() -> None:
    report = parse_text(SYNTHETIC, "synthetic.txt")
    assert recover_tables(report) == []
    # even if the parser had taken those lines for a table block, recovery refuses them
    lines = [line for line in SYNTHETIC.splitlines()[5:]]
    seen: dict[str, int] = {}
    forced = Report(
        id="x", source="x", metadata=Metadata(), sections=(),
        blocks=(Block(block_id(BlockKind.TABLE, "\n".join(lines), seen), BlockKind.TABLE, "\n".join(lines), lines=tuple(lines)),),
    )
    assert recover_tables(forced) == []


def _table_report(*chunks: list[str]) -> Report:
    seen: dict[str, int] = {}
    blocks = tuple(
        Block(block_id(BlockKind.TABLE, "\n".join(chunk), seen), BlockKind.TABLE, "\n".join(chunk), section="一", lines=tuple(chunk))
        for chunk in chunks
    )
    return Report(id="r", source="r.txt", metadata=Metadata(), blocks=blocks, sections=())


def test_chart_values_split_by_a_page_break_join_their_labels() -> None:
    labels = ["各区域自愿捐款（以百万美元计）", "", "非洲", "", "阿拉伯区域", "", "亚洲及太平洋", "", "欧洲和中亚", ""]
    report = _table_report(labels + ["36.2", "", "14.6"], ["26", "", "4.6"])
    (table,) = recover_tables(report)
    assert table.caption == "各区域自愿捐款（以百万美元计）"
    assert [texts(r) for r in table.rows] == [["非洲", "36.2"], ["阿拉伯区域", "14.6"], ["亚洲及太平洋", "26"], ["欧洲和中亚", "4.6"]]
    assert table.block == report.blocks[0].id


# -- figures --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "text", "value", "mark"),
    [
        ("1,234", "1,234", 1234.0, ""),
        ("-4,600", "-4,600", -4600.0, ""),
        ("12.4%", "12.4%", 12.4, ""),
        ("€71.24", "€71.24", 71.24, ""),
        ("$177.7", "$177.7", 177.7, ""),
        ("2,194*", "2,194", 2194.0, "*"),
        ("76%**", "76%", 76.0, "**"),
        ("无", "无", None, ""),
    ],
)
def test_figures_keep_their_printed_text_and_get_a_value(printed: str, text: str, value: float | None, mark: str) -> None:
    cell = parse_figure(printed)
    assert cell is not None
    assert (cell.text, cell.value, cell.mark) == (text, value, mark)


@pytest.mark.parametrize("word", ["2020年", "POR.3", "(1)", "男/女", "合计", ""])
def test_words_are_not_figures(word: str) -> None:
    assert parse_figure(word) is None


def test_rebuild_table_on_lines() -> None:
    lines = ["类别 甲 乙", "", "一号* 1,000 2,000", "二号 无 -500", "合计 1,000 1,500", "", "* 说明"]
    table = rebuild_table(lines, "示例表")
    assert table.caption == "示例表"
    assert table.header == ("类别", "甲", "乙")
    assert [texts(r) for r in table.rows] == [["一号", "1,000", "2,000"], ["二号", "无", "-500"], ["合计", "1,000", "1,500"]]
    assert table.rows[0][0].mark == "*" and table.notes == ("* 说明",)
    assert table.totals_ok is True
    wrong = rebuild_table([line.replace("1,500", "1,600") for line in lines], "示例表")
    assert wrong.totals_ok is False


# -- property: never raises, never drops a figure ------------------------------------------

_PIECES = st.sampled_from(
    ["0", "1", "7", "12.5", "1,234", "15.249.99", "-4,600", "%", "*", "€ ", "$", "无", "合计", "非洲", "创", "a.　", "(1)　",
     "POR.3　 ", "男/女 3/4", " ", "　", "（以百万美元计）", "其他", "2020年"]
)
_LINE = st.one_of(st.lists(_PIECES, max_size=8).map("".join), st.text(max_size=20))


@settings(max_examples=300 * FUZZ_SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINE, max_size=30), caption=st.text(max_size=10))
def test_rebuild_table_never_raises_and_never_drops_a_figure(lines: list[str], caption: str) -> None:
    table = rebuild_table(lines, caption, "创造共同繁荣 合计 其他")
    digits_in = Counter(re.findall(r"\d", "".join(lines) + caption))
    digits_out = Counter(re.findall(r"\d", "".join(table.texts())))
    assert not digits_in - digits_out


@settings(max_examples=100 * FUZZ_SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chunks=st.lists(st.lists(_LINE, max_size=15), min_size=1, max_size=3))
def test_recover_tables_never_raises_on_arbitrary_table_blocks(chunks: list[list[str]]) -> None:
    report = _table_report(*chunks)
    for table in recover_tables(report):
        assert table.caption is not None and table.block in {b.id for b in report.blocks}
        assert all(len(row) == len(table.header) for row in table.rows)


# -- CSV and the command line ---------------------------------------------------------------


def test_csv_files_have_a_bom_chinese_and_one_file_per_table(tables004: list[Table], tmp_path: Path) -> None:
    paths = write_tables_csv(tables004, tmp_path / "out")
    assert len(paths) == len(tables004) == len(set(paths))
    assert all(p.parent == tmp_path / "out" and p.suffix == ".csv" for p in paths)
    for path in paths:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    amounts = one(tables004, "按主题和区域划分的技术合作金额")
    path = paths[tables004.index(amounts)]
    assert "按主题和区域划分的技术合作金额" in path.name and "/" not in path.name
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(amounts.header)
    assert rows[7] == ["拉丁美洲和加勒比", "1,867,200", "3,486,100", "12,460,800", "240,200", "", "18,054,300"]
    assert table_csv(amounts).startswith("区域,创造共同繁荣")


def test_cli_tables_json(capsys: pytest.CaptureFixture[str], tables004: list[Table]) -> None:
    assert cli.main(["tables", str(seed("004")), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records == json.loads(json.dumps(table_records(tables004), ensure_ascii=False))
    assert all({"id", "caption", "section", "header", "rows", "block", "notes", "totals_ok"} <= set(r) for r in records)
    approvals = next(r for r in records if "执行理事会核准的项目文件数目" in r["caption"])
    assert approvals["header"] == ["区域", "数目"] and approvals["rows"][-1] == ["合计", "107"]
    assert approvals["totals_ok"] is True


def test_cli_tables_csv_and_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["tables", str(seed("004")), "--csv", str(tmp_path / "csv")]) == 0
    written = capsys.readouterr().out.split()
    assert len(written) >= 28 and all(Path(p).is_file() for p in written)
    assert cli.main(["tables", str(seed("001")), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli.main(["tables", str(tmp_path / "missing.txt"), "--json"]) == cli.EXIT_USER_ERROR
    assert "missing.txt" in capsys.readouterr().err


def test_csv_file_names_are_safe_unique_and_short() -> None:
    def table(caption: str) -> Table:
        return Table("t1", caption, None, "b", ("类别", "数目"), ((Cell("非洲"), Cell("1", 1.0)),), ("* 注",))

    taken: set[str] = set()
    names = [table_file_name(table(c), taken) for c in ("项目/方案: 数目*?", "项目/方案: 数目*?", "CON", "长" * 200, "")]
    assert names[0] == "项目_方案_数目.csv" and names[1] == "项目_方案_数目_2.csv"
    assert names[2] == "_CON.csv" and names[4] == "t1.csv"
    assert all(len(n.encode("utf-8")) <= 160 and not set('\\/:*?"<>|') & set(n) for n in names)
    assert table_csv(table("x")).split("\r\n") == ["类别,数目", "非洲,1", "", "* 注", ""]
