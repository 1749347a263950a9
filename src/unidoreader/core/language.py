"""Which language a report is written in, from its text (never from its file name).

UN documents are issued in six languages under one symbol; the library shows which
versions it holds and search can keep to one language. Chinese reports quote Latin
symbols and acronyms (A/75/158, UNIDO) and English ones carry no Han at all, so the
decision weighs Han characters against Latin words: a Chinese word is about two Han
characters, and even a Chinese report dense in acronyms has far more Han characters
than Latin words.
"""

from __future__ import annotations

import re

LANGUAGES = ("zh", "en")
#: Display names of the document languages (what the library shows: 中 / EN).
SHORT_NAMES = {"zh": "中", "en": "EN"}
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# runs of Han characters, counted by their lengths: a Chinese report has a fifth as many
# runs as characters, and a match per character was most of the time taken here
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: Enough text to decide on: a prefix this long reads the same as the whole report.
_SAMPLE = 200_000


def detect_language(text: str) -> str | None:
    """"zh" or "en" for a report's text; None when it holds neither Han nor Latin words."""
    sample = text[:_SAMPLE]
    han = sum(map(len, _HAN_RUN.findall(sample)))
    latin = len(_LATIN_WORD.findall(sample))
    if han == 0 and latin == 0:
        return None
    return "zh" if han >= latin else "en"


def normalize_language(value: str) -> str | None:
    """A language as a user types it ("EN", "zh-CN", "中文", "English") -> "en"/"zh", else None."""
    v = value.strip().casefold()
    if v in ("zh", "zh-cn", "zh_cn", "cn", "chinese", "中", "中文", "汉语"):
        return "zh"
    if v in ("en", "en-us", "en-gb", "english", "英", "英文", "英语"):
        return "en"
    return None
