"""References (issue 16): every symbol and resolution the five seeds print, found with its
normalised form; nothing invented from dates or figures; internal references resolved to
the block a reader would turn to; references surviving line breaks and spaces."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, FUZZ_SCALE, seed
from unidoreader.core import references as R
from unidoreader.core.library import Library, read_report

REFS = DATA / "references"

# Written by reading the seeds (000-004), in the order they are printed: (as printed, kind, normalised).
SEED_CITATIONS = {
    "000": [
        ("GC.17/Res.6", "resolution", "GC.17/Res.6"),  # summary: 根据 GC.17/Res.6 号决议
        ("GC.17/Res.6", "resolution", "GC.17/Res.6"),  # para. 1
        ("IDB.41/Dec.4", "decision", "IDB.41/Dec.4"),  # para. 1: 圣何塞宣言（IDB.41/Dec.4）
        ("GC.17/Res.6", "resolution", "GC.17/Res.6"),  # para. 9
    ],
    "001": [
        ("GC.20/16", "symbol", "GC.20/16"),
        ("IDB.51/20", "symbol", "IDB.51/20"),
        ("GC.18/Res.9", "resolution", "GC.18/Res.9"),
        ("IDB.51/CRP.4", "symbol", "IDB.51/CRP.4"),
        ("A/78/224", "symbol", "A/78/224"),
    ],
    "002": [
        ("GC.15/Res.1", "resolution", "GC.15/Res.1"),
        ("GC.15/Res.2", "resolution", "GC.15/Res.2"),
        ("IDB.42/14", "symbol", "IDB.42/14"),
        ("IDB.35/8/Add.1", "symbol", "IDB.35/8/Add.1"),
        ("IDB.41/24", "symbol", "IDB.41/24"),
        ("IDB.42/5", "symbol", "IDB.42/5"),
        ("GC.15/Res.1", "resolution", "GC.15/Res.1"),  # para. 22, printed across a line break: "GC.15/\nRes.1"
        ("GC.15/Res.2", "resolution", "GC.15/Res.2"),
    ],
    "003": [
        ("GC.15/Res.1", "resolution", "GC.15/Res.1"),
        ("GC.16/Res.2", "resolution", "GC.16/Res.2"),  # printed "GC\n.16/Res.2"
        ("第 2016/6 号结论", "conclusion", "PBC conclusion 2016/6"),  # 方案预算委员会第 2016/6 号结论
        ("IDB.44/Dec.9(e)㈠", "decision", "IDB.44/Dec.9"),
        ("A/75/158", "symbol", "A/75/158"),  # footnote 2: 见 A/75/158
    ],
    "004": [
        ("大会第72/279号决议", "resolution", "A/RES/72/279"),
        ("第1325号决议", "resolution", "S/RES/1325"),  # 安全理事会关于妇女、和平与安全的第1325号决议
        ("DGB/2019/11", "symbol", "DGB/2019/11"),  # 质量保证框架 (DGB/2019/11)
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEED_CITATIONS))
def test_every_symbol_and_resolution_of_a_seed_is_found_with_its_normal_form(prefix: str) -> None:
    report = read_report(seed(prefix))
    found = [(b.ref.text, b.ref.kind, b.ref.target) for b in R.report_references(report) if b.ref.kind in R.DOCUMENT_KINDS]
    assert found == SEED_CITATIONS[prefix]


def test_the_annual_report_s_internal_references_lead_to_its_chapters_and_figures() -> None:
    report = read_report(seed("004"))
    targets = R.Targets(report)
    internal = [b for b in R.report_references(report) if b.ref.kind in R.INTERNAL_KINDS]
    headings = {s.heading: s for s in report.walk_sections()}
    chapters = [(b.ref.text, headings[targets.resolve(b.ref)].id) for b in internal if b.ref.kind == "chapter"]
    # "第7章", "（见第3章）", "（见第1、3和6章）" (printed "第1、3和\n6章"), "（见第4章）"
    assert chapters == [("第7章", "7"), ("第3章", "3"), ("第1、3和6章", "1"), ("第4章", "4")]
    assert [b.ref.numbers for b in internal if b.ref.text == "第1、3和6章"] == [("1", "3", "6")]
    figures = [b for b in internal if b.ref.kind == "figure"]
    assert [b.ref.text for b in figures] == ["图1", "图2", "图3", "图4", "图5"]  # "（图1）" in the text, not the captions
    for ref in figures:
        caption = targets.block(targets.resolve(ref.ref))
        assert caption is not None and f"{ref.ref.text}：" in caption.text  # "图1：通过公私伙伴关系…" (a flattened chart)


def test_an_annex_of_another_work_is_not_taken_for_one_of_this_report() -> None:
    report = read_report(seed("002"))  # 《工发组织章程》（附件二，B 段）
    (annex,) = [b.ref for b in R.report_references(report) if b.ref.kind == "annex"]
    assert annex.text == "附件二" and annex.doc == ""


def test_dates_figures_and_amounts_are_no_references() -> None:
    ordinary = [
        "2018 年 11 月 26 日至 28 日，维也纳", "2.1亿美元", "17,120 万美元", "男/女 346/251", "G/P – 比例 1.61",
        "P1+P2/P3+P4+P5 – 比例 0.038", "2018-2021年中期方案纲要", "第四十六届会议", "第 2 阶段", "B 段", "目标 9",
        "https://undocs.org/en/A/75/158", "2019/2020 年度", "24/7 服务", "COVID-19", "POR.1", "CPO.3", "SDG 9",
        "in 2020/21 the budget grew by 3.5 per cent", "page 2/4", "V.20-05432 (C)", "代表3个国家", "发表 12 篇文章",
    ]
    for text in ordinary:
        assert R.find_references(text) == [], text


# -- every form the issue names ------------------------------------------------------------------------

FORMS = [
    ("IDB.46/8", "symbol", "IDB.46/8"), ("IDB.51/CRP.4", "symbol", "IDB.51/CRP.4"), ("GC.20/16", "symbol", "GC.20/16"),
    ("IDB.35/8/Add.1", "symbol", "IDB.35/8/Add.1"), ("PBC.39/5", "symbol", "PBC.39/5"), ("A/75/158", "symbol", "A/75/158"),
    ("A/RES/70/1", "resolution", "A/RES/70/1"), ("E/2023/50", "symbol", "E/2023/50"), ("S/2024/1", "symbol", "S/2024/1"),
    ("A/75/158/Rev.1", "symbol", "A/75/158/Rev.1"), ("A/75/158/Corr.1", "symbol", "A/75/158/Corr.1"),
    ("A/80/604/Add.2", "symbol", "A/80/604/Add.2"), ("A/81/6 (Sect. 28)", "symbol", "A/81/6 (Sect.28)"),
    ("GC.17/Res.6", "resolution", "GC.17/Res.6"), ("IDB.41/Dec.4", "decision", "IDB.41/Dec.4"),
    ("大会第70/1号决议", "resolution", "A/RES/70/1"), ("大会第 70/1 号决议", "resolution", "A/RES/70/1"),
    ("resolution 70/1", "resolution", "A/RES/70/1"), ("decision 79/555", "decision", "A/DEC/79/555"),
    ("General Assembly resolution 79/262", "resolution", "A/RES/79/262"),
    ("Security Council resolution 1325 (2000)", "resolution", "S/RES/1325"),
    ("Economic and Social Council resolution 2023/5", "resolution", "E/RES/2023/5"),
    ("ＧＣ．１７／Ｒｅｓ．６", "resolution", "GC.17/Res.6"),
    ("第 12 段", "paragraph", "paragraph 12"), ("第 68 和69 段", "paragraph", "paragraphs 68, 69"),
    ("第 5 至 9 段", "paragraph", "paragraphs 5-9"), ("第三章", "chapter", "chapter 3"), ("附件一", "annex", "annex 1"),
    ("paragraph 12", "paragraph", "paragraph 12"), ("paras. 5–9", "paragraph", "paragraphs 5-9"),
    ("paragraphs 81 to 83", "paragraph", "paragraphs 81-83"), ("paras. 88 and 89", "paragraph", "paragraphs 88, 89"),
    ("chapter II", "chapter", "chapter 2"), ("annex I", "annex", "annex 1"), ("table 3", "table", "table 3"),
    ("section II.A", "section", "section II.A"),
]


@pytest.mark.parametrize(("printed", "kind", "target"), FORMS)
def test_each_form_is_recognised_whole_with_its_normal_form(printed: str, kind: str, target: str) -> None:
    (ref,) = R.find_references(f"如 {printed} 所述。")
    assert (ref.text, ref.kind, ref.target) == (printed, kind, target)


def test_lists_of_resolutions_give_one_reference_each() -> None:
    refs = R.find_references("General Assembly resolutions 76/274, 77/267 and 79/300 and 大会第 70/1 和 71/243 号决议")
    assert [r.target for r in refs] == ["A/RES/76/274", "A/RES/77/267", "A/RES/79/300", "A/RES/70/1", "A/RES/71/243"]


def test_a_paragraph_of_another_document_belongs_to_that_document() -> None:
    (symbol, para) = R.find_references("see A/80/590, para. 12")
    assert (symbol.target, para.target, para.doc) == ("A/80/590", "paragraph 12", "A/80/590")
    (symbol, para) = R.find_references("详见 A/80/590 号文件第 12 段。")
    assert para.doc == "A/80/590"
    (para, res) = R.find_references("paragraph 5 of General Assembly resolution 70/1")
    assert para.doc == "A/RES/70/1" and res.target == "A/RES/70/1"
    (para,) = R.find_references("as set out in paragraph 5 of the present report")
    assert para.doc is None


# Sentences of A/80/604/Add.5 (tests/data/un-en), where the Advisory Committee points into the
# Secretary-General's report A/80/605, not into its own.
@pytest.mark.parametrize(("sentence", "qualified"), [
    ("A detailed analysis of variances is provided in section III of the report of the Secretary-General (A/80/605).",
     [("section III", "A/80/605")]),
    ("Information on the scalability model is provided in paragraphs 81 to 83 of and annex II to the report of the Secretary-General (A/80/605).",
     [("paragraphs 81 to 83", "A/80/605"), ("annex II", "A/80/605")]),
    ("As indicated in section II.F of the report, other revenue and adjustments amount to $3,723,100", [("section II.F", "")]),
    ("(see A/80/605, para. 22)", [("para. 22", "A/80/605")]),
])
def test_an_internal_reference_to_another_report_is_not_resolved_in_this_one(sentence: str, qualified: list[tuple[str, str]]) -> None:
    assert [(r.text, r.doc) for r in R.find_references(sentence) if r.kind in R.INTERNAL_KINDS] == qualified


@pytest.mark.parametrize("prefix", sorted(SEED_CITATIONS))
def test_a_text_without_a_digit_cites_no_document(prefix: str) -> None:
    """What lets normalise_symbol answer a query of words at once: no symbol, resolution,
    decision or conclusion is found in a text without a decimal digit (every sentence of
    a seed without one, and each seed citation with its digits taken out)."""
    report = read_report(seed(prefix))
    wordy = [b.text for b in report.blocks if not any(ch.isdecimal() for ch in b.text)]
    assert wordy  # the seeds have such blocks
    stripped = ["".join(ch for ch in printed if not ch.isdecimal()) for printed, _kind, _target in SEED_CITATIONS[prefix]]
    for text in wordy + stripped:
        assert not [r for r in R.find_references(text) if r.kind in R.DOCUMENT_KINDS], text


def test_normalise_symbol_reads_a_whole_string_only() -> None:
    assert R.normalise_symbol("GC.17/ Res.6") == "GC.17/Res.6"
    assert R.normalise_symbol(" idb.41/dec.4 ") == "IDB.41/Dec.4"
    assert R.normalise_symbol("resolution 70/1") == "A/RES/70/1"
    assert R.normalise_symbol("GC.17/Res.6 清洁氢") is None
    assert R.normalise_symbol("清洁氢") is None


# -- resolving inside a report and across the library ----------------------------------------------------


def _by_label(report: object) -> dict[str, str]:
    return {b.label: b.id for b in report.blocks if b.label}  # type: ignore[attr-defined]


def test_internal_references_resolve_to_the_right_block() -> None:
    report = read_report(REFS / "synthetic.txt")
    targets = R.Targets(report)
    label = _by_label(report)
    resolved = {b.ref.text: targets.resolve(b.ref) for b in R.report_references(report) if b.ref.kind in R.INTERNAL_KINDS and b.ref.doc is None}
    table = next(b.id for b in report.blocks if b.kind.value == "table")
    annex = next(s.heading for s in report.walk_sections() if s.title == "工发组织的伙伴")
    assert resolved == {
        "第 8 和9 段": label["8"], "第 5 至 7 段": label["5"], "第一章": label["一"], "附件一": annex,
        "第 2 段": label["2"], "第三章": label["三"], "表 1": table,
    }


def _library_with_references(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    library.import_files([REFS / "synthetic.txt", REFS / "cited.txt"])
    return library


def test_the_library_resolves_symbols_and_paragraphs_of_other_documents(tmp_path: Path) -> None:
    library = _library_with_references(tmp_path)
    refs = R.LibraryReferences(library)
    synthetic = next(e.id for e in library.entries() if e.source == "synthetic.txt")
    cited = next(e.id for e in library.entries() if e.source == "cited.txt")
    records = {r["text"]: r for r in refs.records(synthetic)}
    assert records["A/80/590"]["resolved"] == {"doc": cited, "block": None}
    para12 = next(b.id for b in library.report(cited).blocks if b.label == "12")
    assert records["第 12 段"]["resolved"] == {"doc": cited, "block": para12} and records["第 12 段"]["in"] == "A/80/590"
    assert records["GC.17/ Res.6"]["target"] == "GC.17/Res.6" and records["GC.17/ Res.6"]["resolved"] is None
    assert [c.doc for c in refs.citing(cited)] == [synthetic, synthetic]  # the symbol, and its paragraph 12
    counts = {target: (blocks, docs) for target, _kind, blocks, docs in refs.counts()}
    assert counts["GC.17/Res.6"] == (4, 2)  # 000's summary, paragraphs 1 and 9; the synthetic report's paragraph 2
    assert counts["A/RES/70/1"] == (1, 1)


def test_an_english_report_from_word_resolves_its_own_paragraphs_and_names_the_others(tmp_path: Path) -> None:
    """A/80/604/Add.5 (the Advisory Committee on the Logistics Base), imported from Word."""
    library = Library.open(tmp_path / "lib", seed=False)
    (entry,) = [r.entry for r in library.import_files([DATA / "un-en" / "A_80_604_Add.5.docx"], workers=0)]
    assert entry.metadata.symbol == "A/80/604/Add.5"
    label = _by_label(library.report(entry.id))
    records = R.LibraryReferences(library).records(entry.id)
    resolved = {r["text"]: r["resolved"]["block"] for r in records if r["resolved"]}
    assert resolved["para. 62"] == label["62"] and resolved["paras. 54–57"] == label["54"] and resolved["paragraph 35"] == label["35"]
    others = {(r["text"], r["in"]) for r in records if r.get("in")}
    assert {("para. 22", "A/80/605"), ("paras. 91–93", "A/80/605"), ("paras. 31 and 32", "A/79/724/Add.6")} <= others
    assert all(r["resolved"] is None for r in records if r.get("in"))  # those reports are not in this library
    assert ("General Assembly resolution 79/300", "A/RES/79/300") in {(r["text"], r["target"]) for r in records}


def test_a_symbol_set_by_hand_resolves_references_and_survives_reimport(tmp_path: Path) -> None:
    library = _library_with_references(tmp_path)
    doc000 = next(e.id for e in library.entries() if e.source.startswith("000"))
    doc001 = next(e.id for e in library.entries() if e.source.startswith("001"))
    assert library.entry(doc000).metadata.symbol is None  # the seed's text does not print it
    library.set_symbol(doc000, "IDB.46/ 8")
    shutil.copy(seed("000"), tmp_path / "again.txt")
    library.import_files([tmp_path / "again.txt"])
    reopened = Library.open(tmp_path / "lib")
    assert reopened.entry(doc000).metadata.symbol == "IDB.46/ 8"
    refs = R.LibraryReferences(reopened)
    assert refs.document_for("IDB.46/8") == doc000
    reopened.set_symbol(doc001, "GC.20/16")  # 001 cites GC.20/16: now it resolves (to itself)
    assert R.LibraryReferences(reopened).records(doc001)[0]["resolved"] == {"doc": doc001, "block": None}
    reopened.set_symbol(doc000, None)
    assert Library.open(tmp_path / "lib").entry(doc000).metadata.symbol is None


# -- properties ------------------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"(?<=[./])|(?=[./])|(?<=[a-z])(?=\d)")
BREAKS = st.sampled_from([" ", "\n", " \n", "\n ", "  ", "\u3000", "\r\n"])

unido = st.builds(
    lambda body, session, series, number, suffix: f"{body}.{session}/{series}{number}{suffix}",
    st.sampled_from(["GC", "IDB", "PBC"]), st.integers(1, 60), st.sampled_from(["", "Res.", "Dec.", "CRP."]),
    st.integers(1, 99), st.sampled_from(["", "/Add.1", "/Rev.2", "/Corr.1", "/Add.1/Rev.1"]),
)
un = st.builds(
    lambda organ, session, number, suffix: f"{organ}/{session}/{number}{suffix}",
    st.sampled_from(["A", "E", "S", "A/RES", "A/DEC", "A/HRC"]), st.integers(10, 2030), st.integers(1, 999),
    st.sampled_from(["", "/Add.2", "/Rev.1", "/Corr.1"]),
)
context = st.sampled_from([("根据 ", " 号决议，"), ("（", "）"), ("see ", ", which"), ("", ""), ("见", "。")])


@settings(max_examples=150 * FUZZ_SCALE, deadline=None)
@given(symbol=st.one_of(unido, un), around=context, data=st.data())
def test_a_symbol_survives_line_breaks_and_spaces_at_its_separators(symbol: str, around: tuple[str, str], data: st.DataObject) -> None:
    (clean,) = R.find_references(around[0] + symbol + around[1])
    pieces = _SEPARATORS.split(symbol)
    broken = pieces[0] + "".join(data.draw(st.one_of(st.just(""), BREAKS)) + piece for piece in pieces[1:])
    (ref,) = R.find_references(around[0] + broken + around[1])
    assert ref.target == clean.target and ref.kind == clean.kind
    assert R.normalise_symbol(broken) == clean.target


@settings(max_examples=100 * FUZZ_SCALE, deadline=None)
@given(first=st.integers(1, 150), gap=st.integers(0, 30), joiner=st.sampled_from(["至", "到", "-", "–"]), data=st.data())
def test_a_paragraph_range_survives_spaces_and_line_breaks(first: int, gap: int, joiner: str, data: st.DataObject) -> None:
    space = [data.draw(st.one_of(st.just(""), BREAKS)) for _ in range(4)]
    (ref,) = R.find_references(f"见下文第{space[0]}{first}{space[1]}{joiner}{space[2]}{first + gap}{space[3]}段。")
    assert ref.numbers == tuple(str(n) for n in range(first, first + gap + 1))


WORDS = ["工业发展", "中等收入国家", "的", "和", "理事会", "报告", "年", "月", "日", "万美元", "亿", "%", "，", "。", "、", "（", "）",
         "the", "Board", "report", "per cent", "and", "in", "Vienna", "2020", "/", ".", "-", ":", "男/女", "第四十六届会议"]
ordinary_token = st.one_of(
    st.sampled_from(WORDS),
    st.integers(0, 99999).map(str),
    st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 999), st.integers(0, 99)),  # 2.1, 58.3
    st.builds(lambda a, b: f"{a}/{b}", st.integers(0, 999), st.integers(0, 999)),  # 346/251
    st.builds(lambda y, m, d: f"{y}年{m}月{d}日", st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 31)),
    st.builds(lambda y, n: f"{y}-{n}", st.integers(1990, 2030), st.integers(1990, 2030)),
)


@settings(max_examples=200 * FUZZ_SCALE, deadline=None)
@given(tokens=st.lists(ordinary_token, max_size=40), joiner=st.sampled_from(["", " ", "\n"]))
def test_ordinary_text_gives_no_references(tokens: list[str], joiner: str) -> None:
    assert R.find_references(joiner.join(tokens)) == []


@settings(max_examples=100 * FUZZ_SCALE, deadline=None)
@given(text=st.text(alphabet="AEGCIDBPSRes./0123456789 \n第段章号决议附件表和至()", max_size=300))
def test_any_text_is_read_without_error_and_every_reference_is_printed_in_it(text: str) -> None:
    refs = R.find_references(text)
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text
    assert all(a.end <= b.start for a, b in zip(refs, refs[1:]))
