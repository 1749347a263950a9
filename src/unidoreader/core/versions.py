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
from unidoreader.core.model import Metadata

_SPACE = re.compile(r"[\s\u3000]+")
_NOT_WORD = re.compile(r"\W+")
_SAME_TOPIC = 0.4  # title likeness of one item across sessions: 0.45 for the seeds' two middle-income
# reports, at most 0.26 for two other reports of the Director General (measured on the seeds)


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


def _bigrams(text: str) -> set[str]:
    letters = _NOT_WORD.sub("", text.casefold())
    return {letters[i:i + 2] for i in range(len(letters) - 1)}


def _likeness(a: Metadata, b: Metadata) -> float:
    """Dice coefficient of the character pairs of the two title lines (title and agenda title)."""
    mine = _bigrams(" ".join(t for t in (a.title, a.agenda_title) if t))
    theirs = _bigrams(" ".join(t for t in (b.title, b.agenda_title) if t))
    return 2 * len(mine & theirs) / (len(mine) + len(theirs)) if mine and theirs else 0.0


def same_series(a: Metadata, b: Metadata) -> bool:
    """Whether two reports line up paragraph by paragraph, so that scrolling one should
    move the other: one document in two languages (one symbol, or one session's same
    agenda item), or one body's report of one kind on one item in two sessions (their
    titles alike). An annual report beside a report of the Director General is not: a
    search hit in one must not send the other to some unrelated chapter."""
    key = symbol_key(a.symbol)
    if key is not None and key == symbol_key(b.symbol):
        return True
    if a.language != b.language:
        return a.session is not None and a.session == b.session and bool(a.agenda_item) and a.agenda_item == b.agenda_item
    if not a.kind or a.kind != b.kind or (a.body and b.body and a.body != b.body):
        return False
    if a.agenda_title and a.agenda_title == b.agenda_title:
        return True
    return _likeness(a, b) >= _SAME_TOPIC
