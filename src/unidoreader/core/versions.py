"""Language versions: the documents of the library that share one symbol.

Every UN document is issued under one symbol in several languages (A/80/596 in English,
Chinese, French…). The library shows such documents as one entry with their languages,
opens the reader's language first and puts the other version beside it. A symbol is
compared without spaces and case ("A/81/6 (Sect. 28)/Part A" is "A/81/6(Sect.28)/PartA"
as the Chinese cover prints it), and a trailing reissue mark ("*") does not count.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from unidoreader.core.language import LANGUAGES
from unidoreader.core.library import Entry

_SPACE = re.compile(r"[\s\u3000]+")


def symbol_key(symbol: str | None) -> str | None:
    """The form two symbols are compared in; None for no symbol."""
    if not symbol:
        return None
    key = _SPACE.sub("", symbol).rstrip("*＊").casefold()
    key = key.replace("（", "(").replace("）", ")").replace("．", ".").replace("／", "/")
    return key or None


def _language_order(entry: Entry) -> tuple[int, float]:
    language = entry.metadata.language
    return (LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES), entry.added)


def group_versions(entries: Iterable[Entry]) -> list[list[Entry]]:
    """The entries grouped by symbol, in the order the first of each group comes; a
    group's versions in language order (zh, en, others). Entries without a symbol are
    groups of their own."""
    groups: dict[str, list[Entry]] = {}
    out: list[list[Entry]] = []
    for entry in entries:
        key = symbol_key(entry.metadata.symbol)
        if key is None:
            out.append([entry])
            continue
        group = groups.get(key)
        if group is None:
            group = groups[key] = []
            out.append(group)
        group.append(entry)
    return [sorted(group, key=_language_order) if len(group) > 1 else group for group in out]


def other_versions(entries: Sequence[Entry], doc_id: str, symbol: str | None) -> list[Entry]:
    """The entries with the same symbol as document `doc_id` (whose symbol is given, so a
    file outside the library can be paired too), itself excluded."""
    key = symbol_key(symbol)
    if key is None:
        return []
    found = [e for e in entries if e.id != doc_id and symbol_key(e.metadata.symbol) == key]
    return sorted(found, key=_language_order)


def preferred_version(group: Sequence[Entry], language: str) -> Entry:
    """The version to open for a reader whose language is `language`: that language's
    version if the library has it, else the first (zh before en)."""
    for entry in group:
        if entry.metadata.language == language:
            return entry
    return group[0]
