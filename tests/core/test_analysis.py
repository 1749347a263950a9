"""Chinese analysis: normalisation, the jieba tokenizer (positions, offsets, user
dictionary, search-mode sub-words), the character grams, and lazy jieba loading."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from unidoreader.core import analysis

from .search_support import oracle_normal, seed_texts  # noqa: F401 (fixture)


@pytest.fixture(autouse=True)
def _jieba_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNIDOREADER_CACHE", str(tmp_path_factory.getbasetemp() / "jieba-cache"))


def test_normal_form_folds_width_case_and_whitespace() -> None:
    assert analysis.normalize("ＣＯＶＩＤ－１９ 大流行") == "covid-19大流行"
    assert analysis.normalize("工发\n组织\u3000年度报告") == "工发组织年度报告"
    assert analysis.normalize("GC.17/Res.6") == "gc.17/res.6"
    assert analysis.normalize("㈠") == "(一)"


def test_normal_form_agrees_with_whole_string_nfkc_on_the_seeds(seed_texts: list[str]) -> None:
    for text in seed_texts:
        assert analysis.normalize(text) == oracle_normal(text)


def test_offsets_map_back_to_the_original_text() -> None:
    text = "工发组织\n启动了全球 清洁氢方案，ＣＯＶＩＤ－１９"
    norm, origin = analysis.normalize_with_map(text)
    start = norm.index("清洁氢")
    first, last = analysis.to_source_span(origin, start, start + 3, len(text))
    assert text[first:last] == "清洁氢"
    start = norm.index("covid")
    first, last = analysis.to_source_span(origin, start, start + len("covid-19"), len(text))
    assert text[first:last] == "ＣＯＶＩＤ－１９"
    start = norm.index("织启")  # across a line break
    first, last = analysis.to_source_span(origin, start, start + 2, len(text))
    assert text[first:last] == "织\n启"


def _tokens(text: str) -> list[tuple[str, int, int, int]]:
    tokenizer = analysis.JiebaTokenizer()
    return [(t.text, t.pos, t.startchar, t.endchar) for t in tokenizer(text, positions=True, chars=True)]


def test_tokenizer_positions_are_consecutive_and_offsets_exact() -> None:
    text = "工发组织启动了全球清洁氢方案，\n以支持中等收入国家。ＣＯＶＩＤ－１９大流行"
    tokens = _tokens(text)
    positions = sorted({pos for _w, pos, _s, _e in tokens})
    assert positions == list(range(len(positions)))  # no gaps, whatever punctuation was dropped
    for word, _pos, start, end in tokens:
        assert analysis.normalize(text[start:end]) == word


def test_user_dictionary_keeps_un_terms_whole() -> None:
    terms = ["工发组织", "工业发展理事会", "中等收入国家", "国别伙伴关系方案", "可持续发展目标", "包容及可持续工业发展", "清洁氢"]
    sentence = "在" + "，".join(terms) + "方面"
    main_words = [word for word, _s, _e, main in analysis.segment(sentence)[1] if main]
    for term in terms:
        assert term in main_words


def test_search_mode_sub_words_share_the_position_of_their_word() -> None:
    tokens = _tokens("可持续发展目标")
    whole = [t for t in tokens if t[0] == "可持续发展目标"]
    assert whole, tokens
    subs = {word for word, pos, _s, _e in tokens if pos == whole[0][1] and word != "可持续发展目标"}
    assert {"持续", "发展", "目标"} <= subs


def test_latin_words_keep_their_separation() -> None:
    main_words = [word for word, _s, _e, main in analysis.segment("United Nations 工业 4.0")[1] if main]
    assert "united" in main_words and "nations" in main_words


def test_seg_form_tiles_the_normal_form() -> None:
    text = "工发组织在2020年的技术合作执行额达到1.777亿美元。"
    seg, _words = analysis.segment(text)
    assert seg.replace(analysis.BOUNDARY, "") == analysis.normalize(text)
    assert "工发组织" in seg.split(analysis.BOUNDARY)


def test_grams_hold_every_character() -> None:
    norm = analysis.normalize("清洁氢方案")
    terms = analysis.grams(norm)
    assert set(norm) <= terms
    assert all(len(term) <= 2 for term in terms)


def test_schema_pickles_with_the_tokenizers() -> None:
    from unidoreader.core import index

    schema = pickle.loads(pickle.dumps(index.schema()))
    assert isinstance(schema["words"].analyzer, analysis.JiebaTokenizer)
    assert isinstance(schema["grams"].analyzer, analysis.GramTokenizer)


def _run(code: str, tmp_path) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env_code = f"import os; os.environ['UNIDOREADER_CACHE'] = {str(tmp_path)!r}\n" + code
    return subprocess.run([sys.executable, "-W", "error", "-c", env_code], capture_output=True, text=True, timeout=120)


def test_importing_the_search_modules_does_not_load_jieba(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = _run(
        "import sys\n"
        "import unidoreader.core.analysis, unidoreader.core.index, unidoreader.core.search\n"
        "assert 'jieba' not in sys.modules, 'jieba imported'\n",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_jieba_loads_without_pkg_resources_or_warnings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = _run(
        "import sys\n"
        "from unidoreader.core import analysis\n"
        "analysis.load_jieba()\n"
        "assert 'pkg_resources' not in sys.modules, 'pkg_resources imported'\n"
        "assert 'jieba.analyse' not in sys.modules\n"
        "print(analysis.segment('工发组织')[0])\n",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "工发组织"
    assert any(tmp_path.glob("jieba*.cache")), "jieba's cache belongs in the app's cache folder"
