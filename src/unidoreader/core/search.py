"""Queries over the index: parse, select candidate documents, find and rank the blocks.

How a query runs:

1. `parse_query` turns the text into clauses (plain words, "quoted phrases", OR, NOT /
   -word) and filters (session:46 year:2020 doc:ID kind:…). Nothing is a syntax error:
   a stray quote is dropped, a dangling OR/NOT is a word, and a query with no positive
   term searches its whole text literally.
2. Whoosh selects the documents that pass the session/year/lang/doc filters, and gives
   the words of a term's lower tiers from its vocabulary.
3. The gram index (core.grams) gives, over the whole library at once, the blocks whose
   normal form (NFKC, case folded, whitespace removed) contains each term, how often
   and how on word boundaries: a term matches a block that contains it, like Ctrl+F.
   A plain English word also matches, one tier lower, a block holding another form of
   its Porter stem as a whole word ("budgets" finds "budget", "performing" finds
   "performance"; the forms come from the index, see analysis.english_forms). A plain
   term of several words also matches, a tier lower still, a block that holds all
   its words apart (the words come from the index's own vocabulary, so no jieba load
   is needed to search).
4. Ranking: blocks matching every term exactly come first (among them, first those
   where several plain words stand together as typed); then blocks whose matches
   fall on jieba word boundaries (word and phrase matches) before character-only
   matches; then a BM25-like weight (occurrences, block length, rarity of the term).

jieba is never loaded here: searching an existing index starts at once.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable, Iterable, Iterator, Sequence

from unidoreader.core import analysis, grams, index, scan
from unidoreader.core.library import Library
from unidoreader.core.model import BlockKind
from unidoreader.core.safeio import scrub

#: Documents whose stored blocks (for snippets) a Searcher keeps in memory.
CACHED_DOCUMENTS = 64
#: Characters of search forms a Searcher keeps in memory (about 3 bytes each), for the
#: blocks that need one (stems, symbols): the gram index answers the rest.
FORM_CHARS = 8_000_000
#: Terms whose documents a Searcher keeps as bit maps (a few hundred bytes each).
CACHED_TERMS = 50_000
#: Rankings kept for the next page of the same query.
CACHED_RANKINGS = 8
SNIPPET_CHARS = 100
SNIPPET_LEAD = 30
#: Weight of a match by how it sits on jieba's word boundaries (both ends, one, none).
_ALIGN_WEIGHT = (0.4, 0.7, 1.0)
_FUZZY_WEIGHT = 0.25
_STEM_WEIGHT = 0.6
#: Tiers of a matching block: all terms exact (and several standing together as typed),
#: some only by another form of their English stem, some only by their words apart.
TIER_TOGETHER, TIER_EXACT, TIER_STEMMED, TIER_WORDS = 3, 2, 1, 0
#: `align` codes of a clause matched other than exactly (exact ones are 0..2).
_BY_STEM, _BY_PIECES = -1, -2
_K1 = 1.2
_B = 0.5
_AVG_BLOCK = 120.0
_BLOCK_KINDS = {kind.value for kind in BlockKind}
_SEPARATOR = "\n"  # never in a normal form (whitespace is removed)
#: Bounds of the Whoosh query that selects candidate documents (see `_candidates`).
_CANDIDATE_CLAUSES = 16
_CANDIDATE_ALTERNATIVES = 64
_CANDIDATE_GRAMS = 24
_HEADING = scan.kind_letter(BlockKind.HEADING.value)
#: A match in a heading weighs 1.3 times as much.
_KIND_WEIGHT: defaultdict[str, float] = defaultdict(lambda: 1.0, {_HEADING: 1.3})


# -- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """A block that matches; `marks` are offsets in `snippet`, `block_offsets` in the block text."""

    doc: str
    block: str
    section: str | None
    section_path: tuple[str, ...]
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float
    block_offsets: tuple[tuple[int, int], ...] = ()
    page: int | None = None  # printed page of the block (PDF imports)
    language: str | None = None

    def marked_snippet(self, left: str = "«", right: str = "»") -> str:
        """The snippet with each match wrapped in `left`/`right` (the JSON form)."""
        out = []
        last = 0
        for start, end in self.marks:
            out.append(self.snippet[last:start])
            out.append(left + self.snippet[start:end] + right)
            last = end
        out.append(self.snippet[last:])
        return "".join(out)

    def record(self) -> dict[str, Any]:
        """The JSON record of the command-line contract (plus marks and section_path)."""
        return {
            "doc": self.doc,
            "block": self.block,
            "section": self.section,
            "snippet": self.marked_snippet(),
            "score": round(self.score, 4),
            "marks": [list(mark) for mark in self.marks],
            "section_path": list(self.section_path),
            "block_offsets": [list(offsets) for offsets in self.block_offsets],
            "language": self.language,
            **({"page": self.page} if self.page is not None else {}),
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    per_document: dict[str, int]
    per_session: dict[int | None, int]
    per_language: dict[str | None, int] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [hit.record() for hit in self.hits],
            "per_document": self.per_document,
            "per_session": {("null" if k is None else str(k)): v for k, v in self.per_session.items()},
            "per_language": {("null" if k is None else k): v for k, v in self.per_language.items()},
        }


# -- query syntax ---------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    """One term in normal form. `pieces`: its words, for the lower tier of a plain term.
    `forms`: for a plain English word, the other words of its stem that the index holds
    ("budgets" -> "budget", "budgeted"), matched as whole words one tier below exact."""

    text: str
    phrase: bool = False
    pieces: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()

    @property
    def stem(self) -> str | None:
        """The Porter stem a plain English word is also searched by, else None."""
        if self.phrase or len(self.text) < 3 or not analysis.is_english_word(self.text):
            return None
        return analysis.stem(self.text)


@dataclass
class Clause:
    alternatives: list[Literal]
    negated: bool = False


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]


_FILTER = re.compile(r"^(session|year|doc|kind|lang|cites):(.+)$", re.IGNORECASE)
#: The most digits a session or year filter takes (more is no session, and int() of
#: thousands of digits raises).
_FILTER_DIGITS = 9
_QUOTES = {'"': '"', "“": "”", "「": "」", "”": "”"}


def _lex(text: str) -> list[tuple[str, str]]:
    """Split into ("word", s) and ("phrase", s); an unclosed quote is simply dropped."""
    tokens: list[tuple[str, str]] = []
    i = 0
    n = len(text)
    current: list[str] = []

    def flush() -> None:
        if current:
            tokens.append(("word", "".join(current)))
            current.clear()

    unclosed: set[str] = set()  # closing quotes not found after some point: not after any later one either
    while i < n:
        char = text[i]
        if char.isspace():
            flush()
            i += 1
        elif char in _QUOTES:
            close = -1 if _QUOTES[char] in unclosed else text.find(_QUOTES[char], i + 1)
            if close < 0:  # unbalanced: the quote is not syntax
                unclosed.add(_QUOTES[char])
                i += 1
                continue
            flush()
            tokens.append(("phrase", text[i + 1 : close]))
            i = close + 1
        else:
            current.append(char)
            i += 1
    flush()
    return tokens


def parse_query(text: str) -> ParsedQuery:
    """The clauses and filters of a query; never raises (see the module docstring)."""
    parsed = ParsedQuery()
    tokens = _join_cites(_lex(text))
    negate_next = False
    join_next = False
    for position, (kind, value) in enumerate(tokens):
        last = position == len(tokens) - 1
        if kind == "word" and value in ("OR", "|") and parsed.clauses and not last and not negate_next:
            join_next = True
            continue
        if kind == "word" and value == "NOT" and not last:
            negate_next = True
            continue
        if kind == "word":
            match = _FILTER.match(value)
            if match and _add_filter(parsed.filters, match.group(1).lower(), match.group(2)):
                continue
        negated = negate_next
        negate_next = False
        if kind == "word" and value.startswith("-") and len(value) > 1 and not negated:
            negated = True
            value = value[1:]
        literal = _literal(value, phrase=kind == "phrase")
        if literal is None:
            join_next = False
            continue
        if join_next and not negated and parsed.clauses and not parsed.clauses[-1].negated:
            parsed.clauses[-1].alternatives.append(literal)
        else:
            parsed.clauses.append(Clause([literal], negated=negated))
        join_next = False
    if not parsed.positive and not parsed.filters:
        literal = _literal(text, phrase=True)  # nothing searchable: the text itself
        parsed.clauses = [Clause([literal])] if literal else []
    return parsed


def _join_cites(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`cites:GC.17/ Res.6` typed with a space: the words that complete the symbol join the filter."""
    if not any(kind == "word" and value[:6].lower() == "cites:" for kind, value in tokens):
        return tokens
    from unidoreader.core.references import normalise_symbol

    out: list[tuple[str, str]] = []
    position = 0
    while position < len(tokens):
        kind, value = tokens[position]
        position += 1
        if kind == "word" and value[:6].lower() == "cites:" and normalise_symbol(value[6:]) is None:
            for extra in range(1, 4):
                words = tokens[position : position + extra]
                if len(words) < extra or any(k != "word" for k, _v in words):
                    break
                joined = " ".join([value[6:], *(v for _k, v in words)])
                if normalise_symbol(joined) is not None:
                    value = value[:6] + joined
                    position += extra
                    break
        out.append((kind, value))
    return out


def _literal(raw: str, *, phrase: bool) -> Literal | None:
    norm = analysis.normalize(raw)
    return Literal(norm, phrase=phrase) if norm else None


def _add_filter(filters: dict[str, Any], key: str, value: str) -> bool:
    value = value.strip()
    if key in ("session", "year"):
        digits = analysis.normalize(value)
        if not digits.isdigit() or len(digits) > _FILTER_DIGITS:  # "session:" + 4,301 digits is text, not a number
            return False
        filters[key] = int(digits)
    elif key == "lang":
        from unidoreader.core.language import normalize_language

        language = normalize_language(value)
        if language is None:
            return False
        filters[key] = language
    elif key == "cites":  # cites:GC.17/Res.6 -> the blocks citing it (core.references)
        from unidoreader.core.references import normalise_symbol

        filters[key] = normalise_symbol(value) or value
    else:
        filters[key] = value
    return True


# -- searching -------------------------------------------------------------------------


@dataclass
class _Block:
    id: str
    kind: str
    section: str | None
    text: str


class _Blocks(Sequence[_Block]):
    """A document's stored blocks, each made when asked for (a page of hits needs a few
    blocks of each of up to 100 documents, not all their blocks)."""

    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows  # (id, kind, section, text, seg form) per block, as stored

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, number: int) -> _Block:  # type: ignore[override]
        block_id, kind, section, text, _seg = self._rows[number]
        return _Block(block_id, kind, section, text)


@dataclass
class _Doc:
    """A document's stored blocks as the hits shown need them (text, ids, sections)."""

    id: str
    sections: dict[str, Sequence[str]]
    blocks: Sequence[_Block]
    pages: dict[str, int] = field(default_factory=dict)  # block id -> printed page (PDF imports)


#: A matching block: (sort key (tier, boundary classes, weight), its document (a _Where,
#: or the search form for a symbol query's own blocks), block number, per clause
#: (literal, exact?, occurrences, boundary class)). Made only for the hits asked for.
_Match = tuple[tuple[int, int, float], Any, int, list[tuple[Literal, bool, int, int]]]


class _Ranking:
    """The blocks that match a query, best first, as far as asked for (`top(n)`).

    `total`, `per_document`, `per_session` and `per_language` count every match. This
    base holds its matches in order (symbol queries, no query); `_Vector` sorts as far
    as asked, and snippets are cut only for the hits shown.
    """

    def __init__(self, total: int, per_document: dict[str, int], per_session: dict[int | None, int],
                 per_language: dict[str | None, int] | None = None) -> None:
        self.total = total
        self.per_document = per_document
        self.per_session = per_session
        self.per_language = per_language or {}
        self._ranked: list[_Match] = []

    def top(self, count: int | None) -> list[_Match]:
        return self._ranked if count is None else self._ranked[:count]


class Searcher:
    """Searches one library. Thread-safe; keep one per library (it caches search forms)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._lock = threading.RLock()
        self._ix: Any = None
        self._searcher: Any = None
        self._indexed: set[str] = set()
        self._ids: dict[int, str] = {}  # Whoosh document number -> document id
        self._numbers: dict[str, int] = {}  # and back
        self._all_bits = 0  # every Whoosh document not deleted, as bits of an int
        self._bits: dict[tuple[str, str], int] = {}  # (field, term) -> its documents, as bits (see _term_bits)
        self._forms: OrderedDict[str, scan.Form] = OrderedDict()
        self._form_chars = 0
        self._docs: OrderedDict[str, _Doc] = OrderedDict()
        self._rankings: OrderedDict[tuple[Any, ...], _Ranking] = OrderedDict()
        self._corpus: Any = None  # core.grams.Corpus of the indexed documents, opened on first use
        self._references: Any = None  # core.references.LibraryReferences, made on first use

    # -- index access --------------------------------------------------------------------

    def _whoosh(self) -> Any:
        """An up-to-date Whoosh searcher; builds or updates the index on first use."""
        wanted = {entry.id for entry in self.library.entries()}
        if self._searcher is not None:
            if not self._searcher.up_to_date():
                self._searcher = self._searcher.refresh()
                self._read_indexed()
            if self._indexed == wanted:
                return self._searcher
        self._close()
        ix = index.open_index(self.library)
        opened = self._opened(ix, wanted) if ix is not None else None
        if opened is None:
            if ix is not None:
                ix.close()
            index.ensure_index(self.library)
            ix = index.open_index(self.library)
            if ix is None:  # pragma: no cover - ensure_index just built it
                raise RuntimeError("the search index could not be opened")
            opened = ix.searcher(), None
        self._ix = ix
        self._searcher = opened[0]
        self._read_indexed(opened[1])
        return self._searcher

    def _opened(self, ix: Any, wanted: set[str]) -> tuple[Any, dict[int, str]] | None:
        """A searcher of `ix` and its documents' ids by number, if it holds exactly the
        documents `wanted` with their stored files (the stored fields read once, for both)."""
        searcher = None
        try:
            searcher = ix.searcher()
            ids = {number: fields["doc"] for number, fields in searcher.reader().iter_docs()}
        except Exception:
            if searcher is not None:
                searcher.close()
            return None
        if set(ids.values()) == wanted and not index.unstored(self.library, wanted):
            return searcher, ids
        searcher.close()
        return None

    def _read_indexed(self, ids: dict[int, str] | None = None) -> None:
        """Which document each Whoosh number is (read once per index version, not per
        candidate: a common term has thousands), and forget rankings of the old version."""
        self._ids = ids if ids is not None else {number: fields["doc"] for number, fields in self._searcher.reader().iter_docs()}
        self._numbers = {doc: number for number, doc in self._ids.items()}
        self._all_bits = _bits_of(self._ids)
        self._bits.clear()
        self._indexed = set(self._ids.values())
        self._rankings.clear()
        self._corpus = None
        for gone in [doc for doc in self._forms if doc not in self._indexed]:
            self._form_chars -= self._forms.pop(gone).chars
        for gone in [doc for doc in self._docs if doc not in self._indexed]:
            del self._docs[gone]

    def _close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._searcher = None
        self._ix = None

    def warm(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Open the index and the gram index ahead of the first search, and read the
        gram tables each query looks terms up in (the positions are read as queries need
        them). Only an index that is already up to date is warmed (nothing is built
        behind the user's back). Returns the documents made ready (0: they were)."""
        with self._lock:
            ix = index.open_index(self.library)
            if ix is None or stop():
                if ix is not None:
                    ix.close()
                return 0
            ix.close()
            self._whoosh()
            if self._corpus is not None:
                return 0
            corpus = self._corpus_now()
            for segment in corpus.segments:
                if stop():
                    break
                segment.grams = segment.grams[:].copy()
                segment.offsets = segment.offsets[:].copy()
            return len(corpus.doc_entry)

    def close(self) -> None:
        """Close the index files (also done when the Searcher is garbage collected)."""
        with self._lock:
            self._close()

    def __del__(self) -> None:
        try:
            self._close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    def _form(self, doc_id: str) -> scan.Form | None:
        """A document's search form, kept while they fit in FORM_CHARS."""
        form = self._forms.get(doc_id)
        if form is not None:
            return form
        form = index.read_form(self.library, doc_id)
        if form is None:
            return None
        if self._form_chars + form.chars > FORM_CHARS:  # forget the longest-kept quarter
            for old in list(self._forms)[: max(1, len(self._forms) // 4)]:
                self._form_chars -= self._forms.pop(old).chars
        self._forms[doc_id] = form
        self._form_chars += form.chars
        return form

    def _doc(self, doc_id: str) -> _Doc | None:
        """A document's stored blocks (for the hits shown), the last CACHED_DOCUMENTS kept."""
        cached = self._docs.get(doc_id)
        if cached is not None:
            self._docs.move_to_end(doc_id)
            return cached
        payload = index.read_payload(self.library, doc_id)
        if payload is None:
            return None
        doc = _Doc(doc_id, payload.get("sections") or {}, _Blocks(payload["blocks"]), pages=payload.get("pages") or {})
        while len(self._docs) >= CACHED_DOCUMENTS:
            self._docs.popitem(last=False)
        self._docs[doc_id] = doc
        return doc

    # -- public API -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        doc: str | None = None,
        session: int | None = None,
        year: int | None = None,
        kind: str | None = None,
        lang: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResult:
        """The hits `offset` to `offset + limit` (best first) and the counts of all hits."""
        filters = {"doc": doc, "session": session, "year": year, "kind": kind, "lang": lang}
        ranking, hits = self._hits(query, filters, max(offset, 0), limit)
        return SearchResult(query, ranking.total, tuple(hits), ranking.per_document, ranking.per_session, ranking.per_language)

    def page(
        self,
        query: str,
        *,
        offset: int = 0,
        limit: int = 20,
        doc: str | None = None,
        session: int | None = None,
        year: int | None = None,
        kind: str | None = None,
        lang: str | None = None,
    ) -> tuple[SearchResult, Iterator[Hit]]:
        """The counts of all hits at once (`hits` empty), and the hits `offset` to
        `offset + limit` as an iterator that cuts each snippet when it is taken: a panel
        shows the totals and the first hits while the rest of the page is made."""
        ranking = self._run(query, doc=doc, session=session, year=year, kind=kind, lang=lang)
        offset = max(offset, 0)
        with self._lock:  # the ranking scores as far as asked, and keeps what it scored
            page = ranking.top(offset + max(limit, 0))[offset:]
        counts = SearchResult(query, ranking.total, (), ranking.per_document, ranking.per_session, ranking.per_language)
        return counts, (self._hit(m) for m in page)

    def iter_hits(
        self,
        query: str,
        *,
        doc: str | None = None,
        session: int | None = None,
        year: int | None = None,
        kind: str | None = None,
        lang: str | None = None,
        limit: int | None = None,
    ) -> Iterator[Hit]:
        """Hits best first; snippets are cut as the hits are consumed."""
        ranking = self._run(query, doc=doc, session=session, year=year, kind=kind, lang=lang)
        with self._lock:
            matches = ranking.top(limit)
        for match in matches:
            yield self._hit(match)

    # -- the work -----------------------------------------------------------------------------

    def _run(self, query: str, **given: Any) -> _Ranking:
        parsed = parse_query(scrub(query))  # an undecodable byte of an argument: U+FFFD, never a lone surrogate
        filters = dict(parsed.filters)
        filters.update({k: scrub(v) if isinstance(v, str) else v for k, v in given.items() if v not in (None, "")})
        if not parsed.clauses and not filters:
            return _Ranking(0, {}, {})  # nothing to search for
        with self._lock:
            ranking = None
            key = (query, tuple(sorted((k, str(v)) for k, v in filters.items())))
            with index.quiet_damage() as damage:
                try:
                    ranking = self._ranking(key, parsed, filters)
                except Exception as error:
                    if not _is_index_damage(error):
                        raise
                    damage.seen = True
                    if isinstance(error, grams.GramIndexError):  # only the gram index: made again from the search forms
                        ranking = self._regram(key, parsed, filters)
            if ranking is None:  # a damaged index: rebuild it from the library, then retry once
                self._heal()
                ranking = self._ranking(key, parsed, filters)
            return ranking

    def _regram(self, key: tuple[Any, ...], parsed: ParsedQuery, filters: dict[str, Any]) -> _Ranking | None:
        """The ranking after making the gram index again; None if the index is damaged further."""
        self._corpus = None
        grams.clear(self.library.index_dir)
        try:
            return self._ranking(key, parsed, filters)
        except Exception as error:
            if not _is_index_damage(error):
                raise
            return None

    def _heal(self) -> None:
        """Rebuild a damaged index from the library and forget everything read from it."""
        with self._lock:
            self._close()
            self._corpus = None
            self._forms.clear()
            self._form_chars = 0
            self._docs.clear()
            self._rankings.clear()
            grams.clear(self.library.index_dir)
            index.ensure_index(self.library, rebuild=True)

    def _hits(self, query: str, filters: dict[str, Any], offset: int, limit: int | None) -> tuple[_Ranking, list[Hit]]:
        """The ranking of a query and its hits offset..offset+limit with snippets; stored
        blocks found damaged while cutting them heal the index, and the query runs again."""
        for attempt in (1, 2):
            ranking = self._run(query, **filters)
            with self._lock:  # the ranking sorts as far as asked, and keeps what it made
                page = ranking.top(None if limit is None else offset + max(limit, 0))[offset:]
            with index.quiet_damage() as damage:
                try:
                    return ranking, [self._hit(m) for m in page]
                except Exception as error:
                    if attempt == 2 or not _is_index_damage(error):
                        raise
                    damage.seen = True
            self._heal()
        raise AssertionError("unreachable")  # pragma: no cover

    def _ranking(self, key: tuple[Any, ...], parsed: ParsedQuery, filters: dict[str, Any]) -> _Ranking:
        """The ranking of a query, made or (the same query again: the next page) kept."""
        self._whoosh()  # an index changed since forgets the rankings of the old one
        ranking = self._rankings.get(key)
        if ranking is None:
            candidates = self._candidates(parsed, filters)
            corpus = self._corpus_now()
            ranking = self._with_references(key[0], filters, _rank(parsed, filters, corpus, candidates, self._form))
            self._rankings[key] = ranking
            while len(self._rankings) > CACHED_RANKINGS:
                self._rankings.popitem(last=False)
        return ranking

    def _corpus_now(self) -> Any:
        """The gram index of the documents indexed (core.grams), brought up to date first
        if it does not hold them as their search forms are (made by an older version,
        or left behind by a crash): it heals itself from the forms."""
        if self._corpus is None:  # the forms read for indexing are not kept
            self._corpus = grams.open_corpus(self.library.index_dir, index.blocks_dir(self.library), sorted(self._indexed),
                                             partial(index.read_form, self.library))
        return self._corpus

    def _candidates(self, parsed: ParsedQuery, filters: dict[str, Any]) -> list[str]:
        """The documents passing the query's filters, by id; the query's plain terms get
        the words of their lower tiers (from the index's vocabulary). Which of their
        blocks hold the terms is the gram index's answer (`_rank`), not Whoosh's."""
        searcher = self._whoosh() if self._searcher is None else self._searcher  # _ranking has just checked it
        reader = searcher.reader()
        for clause in parsed.positive:
            clause.alternatives = [_with_forms(lit, reader) if lit.stem else _with_pieces(lit, reader) for lit in clause.alternatives]
        term = self._term_bits
        selected = self._all_bits
        for key in ("lang", "session", "year"):
            if key in filters:
                selected &= term(key, str(filters[key]))
        kind = analysis.normalize(str(filters.get("kind") or ""))
        if kind in _BLOCK_KINDS:
            selected &= term("kinds", kind)
        if "cites" in filters:
            citing = {c.doc for c in self._citations(str(filters["cites"]))}
            if not citing:
                return []
            selected &= self._doc_bits(citing)
        if "doc" in filters:
            ids = self._doc_ids(str(filters["doc"]))
            if not ids:
                return []
            selected &= self._doc_bits(ids)
        ids = self._ids
        # in id order, not Whoosh's: equal scores then rank the same whatever order the
        # documents were indexed in (an incremental update answers as a rebuild does)
        return sorted(ids[number] for number in _set_bits(selected))

    def _term_bits(self, field: str, text: str) -> int:
        """The Whoosh documents holding a term (deleted ones left out), as bits of an int."""
        key = (field, text)
        bits = self._bits.get(key)
        if bits is None:
            reader = self._searcher.reader()
            if key not in reader:
                bits = 0
            elif reader.doc_frequency(field, text) == reader.doc_count_all():  # in every document: no postings to decode
                bits = self._all_bits
            else:
                bits = _bits_of(reader.postings(field, text).all_ids())
            self._bits[key] = bits
            if len(self._bits) > CACHED_TERMS:
                for old in list(self._bits)[: CACHED_TERMS // 4]:
                    del self._bits[old]
        return bits

    def _doc_bits(self, docs: Iterable[str]) -> int:
        return _bits_of(self._numbers[doc] for doc in docs if doc in self._numbers)

    # -- symbols (issue 16): cites:SYMBOL, and a query that is a symbol -------------------------

    def _citations(self, symbol: str) -> list[Any]:
        from unidoreader.core.references import LibraryReferences

        if self._references is None:
            self._references = LibraryReferences(self.library)
        return self._references.cited_by(symbol)

    def _block_key(self, match: _Match) -> tuple[str, str]:
        """(document id, block id) of a match."""
        form, number = match[1], match[2]
        doc = self._doc(form.doc)
        if doc is None or len(doc.blocks) != form.block_count:
            raise index.DamagedIndexError(f"the stored blocks of {form.doc} do not match its search form")
        return form.doc, doc.blocks[number].id

    def _with_references(self, query: str, filters: dict[str, Any], ranking: _Ranking) -> _Ranking:
        """`cites:` keeps the blocks citing the symbol; a query that is a symbol ("GC.17/ Res.6")
        puts the document with that symbol first, then the blocks citing it (however printed:
        "大会第70/1号决议" cites "resolution 70/1"), then the other blocks where its text occurs."""
        from unidoreader.core.references import normalise_symbol

        words = [value for kind, value in _lex(query) if not (kind == "word" and _FILTER.match(value))]
        symbol = normalise_symbol(" ".join(words)) if words else None
        if "cites" not in filters and symbol is None:
            return ranking
        matches = ranking.top(None)  # a symbol's matches are few: rank them all
        if "cites" in filters:  # the citing blocks, the reference marked where the query marks nothing
            printed = {(c.doc, c.block): c.ref.text for c in self._citations(str(filters["cites"]))}
            keyed = [(self._block_key(m), m) for m in matches]
            matches = [
                (m[0], m[1], m[2], m[3] or [(Literal(analysis.normalize(printed[key])), True, 0, 0)])
                for key, m in keyed if key in printed
            ]
        if symbol is not None:
            citations = self._citations(symbol)
            own = self._references.document_for(symbol)
            citing = {(c.doc, c.block) for c in citations if c.block}
            marks = [(Literal(analysis.normalize(symbol)), True, 0, 0)]
            head: list[_Match] = []
            if own is not None:
                head += self._matches_for([(own, None)], filters, TIER_TOGETHER + 2, marks)
            in_text = [((TIER_TOGETHER + 1, m[0][1], m[0][2]), m[1], m[2], m[3]) for m in matches if self._block_key(m) in citing]
            done = {self._block_key(m) for m in head + in_text}
            extra = []
            for citation in citations:  # each marked as printed ("大会第72/279号决议" for "resolution 72/279")
                if citation.block and (citation.doc, citation.block) not in done:
                    printed = [(Literal(analysis.normalize(citation.ref.text)), True, 0, 0)]
                    extra += self._matches_for([(citation.doc, citation.block)], filters, TIER_TOGETHER + 1, printed)
                    done.add((citation.doc, citation.block))
            done |= {self._block_key(m) for m in extra}
            matches = head + in_text + extra + [m for m in matches if self._block_key(m) not in done]
        per_document = Counter(m[1].doc for m in matches)
        per_session = Counter(m[1].session for m in matches)
        per_language = Counter(m[1].language for m in matches)
        ranked = _Ranking(len(matches), dict(per_document), dict(per_session), dict(per_language))
        ranked._ranked = matches  # in this order
        return ranked

    def _matches_for(self, where: list[tuple[str, str | None]], filters: dict[str, Any], tier: int, marks: list[Any]) -> list[_Match]:
        """Matches for given (document, block) pairs (None: the document's first block) that pass the filters."""
        if "year" in filters:  # stored blocks do not know their year: leave them to the text search
            return []
        out: list[_Match] = []
        for doc_id, block_id in where:
            doc = self._doc(doc_id)
            form = self._form(doc_id)
            if doc is None or form is None or not doc.blocks or len(doc.blocks) != len(form.blocks):
                continue
            number = 0 if block_id is None else next((n for n, b in enumerate(doc.blocks) if b.id == block_id), -1)
            if number >= 0 and _passes(filters, form, number):
                out.append(((tier, 0, 0.0), form, number, marks))
        return out

    def _doc_ids(self, ref: str) -> list[str]:
        entries = self.library.entries()
        exact = [e.id for e in entries if e.id == ref or e.source == ref]
        if exact:
            return exact
        return [e.id for e in entries if len(ref) >= 4 and e.id.startswith(ref)]

    def _hit(self, match: _Match) -> Hit:
        (tier, classes, raw), form, number, per_clause = match
        doc = self._doc(form.doc)
        if doc is None or len(doc.blocks) != form.block_count:
            raise index.DamagedIndexError(f"the stored blocks of {form.doc} do not match its search form")
        block = doc.blocks[number]
        text = block.text
        norm, origin = analysis.normalize_with_map(text)
        spans: list[tuple[int, int]] = []
        for literal, exact, _count, align in per_clause:
            if not exact and align == _BY_STEM:  # the whole words of the stem's other forms
                spans.extend(m.span() for m in _forms_pattern(literal.forms).finditer(text))
                continue
            for needle in (literal.text,) if exact else literal.pieces:
                start = norm.find(needle)
                found = 0
                while start >= 0 and found < 200:
                    spans.append(analysis.to_source_span(origin, start, start + len(needle), len(text)))
                    found += 1
                    start = norm.find(needle, start + len(needle))
        offsets = _merge(spans)
        snippet, marks = _snippet(text, offsets)
        path = tuple(doc.sections.get(block.section, ())) if block.section else ()
        score = 100.0 * tier + 10.0 * classes + raw / (raw + 1.0)
        return Hit(doc.id, block.id, block.section, path, snippet, marks, score, offsets, page=doc.pages.get(block.id),
                   language=form.language)


def _bits_of(numbers: Iterable[int]) -> int:
    """An int with the bits at `numbers` set."""
    numbers = list(numbers)
    mask = bytearray((max(numbers, default=0) + 8) // 8)
    for number in numbers:
        mask[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(mask, "little")


def _set_bits(bits: int) -> list[int]:
    """The positions of the 1 bits of `bits`, lowest first (found in C, by str.find)."""
    digits = bin(bits)[:1:-1]  # lowest bit first
    out = []
    position = digits.find("1")
    while position >= 0:
        out.append(position)
        position = digits.find("1", position + 1)
    return out


def _passes(filters: dict[str, Any], form: scan.Form, number: int) -> bool:
    """A block added for a symbol query passes the query's session/lang/doc/kind filters."""
    if "session" in filters and form.session != filters["session"]:
        return False
    if "lang" in filters and form.language != filters["lang"]:
        return False
    if "doc" in filters and not form.doc.startswith(str(filters["doc"])):
        return False
    kind = analysis.normalize(str(filters.get("kind") or ""))
    return not kind or (form.kinds[number] == scan.kind_letter(kind) if kind in _BLOCK_KINDS else kind in form.kind)


def _is_index_damage(error: Exception) -> bool:
    import pickle
    import struct

    from whoosh.index import IndexError as WhooshIndexError

    return isinstance(
        error, (index.DamagedIndexError, WhooshIndexError, EOFError, struct.error, pickle.UnpicklingError, OSError, KeyError, ValueError)
    )


def _with_pieces(literal: Literal, reader: Any) -> Literal:
    """A plain term of four characters or more, split into index words (fewest pieces)."""
    if literal.phrase or not 4 <= len(literal.text) <= 40 or literal.pieces:
        return literal
    text = literal.text
    n = len(text)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (pieces, start of last piece)
    best[0] = (0, 0)
    for end in range(2, n + 1):
        for start in range(max(0, end - 12), end - 1):
            if best[start] is None:
                continue
            cost = best[start][0] + 1  # type: ignore[index]
            if best[end] is not None and best[end][0] <= cost:  # type: ignore[index]
                continue
            if ("words", text[start:end]) in reader:
                best[end] = (cost, start)
    if best[n] is None or best[n][0] < 2:  # type: ignore[index]
        return literal
    pieces = []
    end = n
    while end > 0:
        start = best[end][1]  # type: ignore[index]
        pieces.append(text[start:end])
        end = start
    return Literal(text, phrase=False, pieces=tuple(reversed(pieces)))


def _with_forms(literal: Literal, reader: Any) -> Literal:
    """A plain English word with the other forms of its stem that the index holds."""
    stem = literal.stem
    if stem is None or literal.forms:
        return literal
    prefix = f"{stem}{analysis.FORM_SEPARATOR}"
    forms = []
    for term in reader.expand_prefix("forms", prefix):
        form = (term.decode("utf-8") if isinstance(term, bytes) else term)[len(prefix):]
        if form != literal.text:
            forms.append(form)
    return Literal(literal.text, phrase=False, forms=tuple(sorted(forms))) if forms else literal


_FORM_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word occurrences of any of `forms` in a block's original text."""
    pattern = _FORM_PATTERNS.get(forms)
    if pattern is None:
        if len(_FORM_PATTERNS) > 256:
            _FORM_PATTERNS.clear()
        alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        pattern = _FORM_PATTERNS[forms] = re.compile(f"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", re.IGNORECASE)
    return pattern


def _stem_count(literal: Literal, form: scan.Form, number: int) -> int:
    """How many words of the block are other forms of the literal's stem (whole words)."""
    norm = form.blocks[number]
    if not any(other in norm for other in literal.forms):  # cheap test first: substring in C
        return 0
    forms = set(literal.forms)
    return sum(1 for word in analysis.english_words(form.seg(number)) if word in forms)


class _Where:
    """The document of a match as the hits need it (its search form is read only for
    the blocks that need one: stems, and symbol queries)."""

    __slots__ = ("doc", "session", "language", "block_count")

    def __init__(self, doc: str, session: int | None, language: str | None, block_count: int) -> None:
        self.doc = doc
        self.session = session
        self.language = language
        self.block_count = block_count


_SATURATION = _K1 + 1.0
#: Weight of a clause's match by its `align` code + 2: by pieces, by stem, then exact by boundary class.
_WEIGHT_BY_ALIGN = (_FUZZY_WEIGHT, _STEM_WEIGHT, *_ALIGN_WEIGHT)
_NOT_MATCHED = -9  # an `align` code below every real one
_TIE = 1 << 32  # a match's place among ties: its document's place (by id) x _TIE + block number


class _Vector(_Ranking):
    """Every matching block with its exact key (tier, boundary classes, weight), as arrays
    computed in C (numpy). `top(n)` sorts only the blocks that can be among the first n
    (found by a partition), and makes the matches' Python tuples only for those: a term
    in nearly every block costs array operations, not a Python step per block. The
    order is that of sorting every match by key, best first, ties by document id then
    block order (an incremental update ranks as a full rebuild does)."""

    def __init__(self, keys: dict[str, Any], clauses: list[tuple[list[Literal], Any, Any, Any]],
                 make: Callable[[int], tuple[Any, int]], per_document: dict[str, int],
                 per_session: dict[int | None, int], per_language: dict[str | None, int]) -> None:
        super().__init__(len(keys["block"]), per_document, per_session, per_language)
        self._keys = keys  # block, tier, classes, raw, tie: one array each
        self._clauses = clauses  # per clause: its literals, and per match the literal chosen, count, align
        self._make = make  # row -> (where, block number in its document)
        self._made: list[_Match] = []

    def _best(self, count: int) -> Any:
        np = grams.load_numpy()

        keys = self._keys
        tier, classes, raw, tie = keys["tier"], keys["classes"], keys["raw"], keys["tie"]
        rows = len(tier)
        if count * 4 >= rows:
            return np.lexsort((tie, -raw, -classes, -tier))[:count]
        # the count-th best key by one number (tier and classes before the weight): every
        # row that can be among the first `count` is at least it, less rounding
        scale = float(raw.max()) + 1.0 if rows else 1.0
        primary = tier.astype(np.float64) * 1024.0 + classes
        combined = primary * scale + raw
        threshold = np.partition(combined, rows - count)[rows - count]
        chosen = np.flatnonzero(combined >= threshold - (abs(threshold) * 1e-9 + 1e-9))
        order = np.lexsort((tie[chosen], -raw[chosen], -classes[chosen], -tier[chosen]))
        return chosen[order][:count]

    def top(self, count: int | None) -> list[_Match]:
        if count is None or count > self.total:
            count = self.total
        if count <= 0:
            return []
        if len(self._made) < count:
            order = self._best(count).tolist()
            keys = self._keys
            tiers, classes, raws = keys["tier"], keys["classes"], keys["raw"]
            made = []
            for row in order:
                where, number = self._make(row)
                per_clause = []
                for literals, chosen, counts, aligns in self._clauses:
                    align = int(aligns[row])
                    per_clause.append((literals[int(chosen[row])], align >= 0, int(counts[row]), align))
                made.append(((int(tiers[row]), int(classes[row]), float(raws[row])), where, number, per_clause))
            self._made = made
        return self._made[:count]


def _rank(parsed: ParsedQuery, filters: dict[str, Any], corpus: Any, candidates: list[str],
          load_form: Callable[[str], scan.Form | None]) -> _Ranking:
    """The ranking of a query over the blocks of the candidate documents (see the module
    docstring), computed over the whole library at once from the gram index (core.grams):
    which blocks hold which literal, how often, how on word boundaries; the key of every
    matching block as the tests' block-by-block definition has it (tests/core/search_support.py), in arrays."""
    np = grams.load_numpy()

    kind = analysis.normalize(str(filters.get("kind") or ""))
    block_kind = kind if kind in _BLOCK_KINDS else ""
    doc_kind = kind if kind and not block_kind else ""
    entries = [corpus.doc_entry[doc] for doc in candidates if doc in corpus.doc_entry]  # by document id
    if doc_kind:
        entries = [entry for entry in entries if doc_kind in (corpus.entry_docs[entry][4] or "")]
    size = corpus.blocks
    allowed = np.zeros(len(corpus.entry_docs), dtype=bool)
    allowed[entries] = True
    place = np.zeros(len(corpus.entry_docs), dtype=np.int64)
    place[entries] = np.arange(len(entries), dtype=np.int64)
    live = allowed[corpus.block_entry] if size else np.zeros(0, dtype=bool)
    scanned = int(sum(corpus.entry_docs[entry][1] for entry in entries))
    if block_kind:
        live &= corpus.kinds == ord(scan.kind_letter(block_kind))

    def having(text: str) -> Any:
        mask = np.zeros(size, dtype=bool)
        mask[corpus.occurrences(text)[0]] = True
        return mask

    positive = parsed.positive
    alive = live
    for clause in parsed.clauses:  # what every block must hold, and must not
        if clause.negated:
            for literal in clause.alternatives:
                alive = alive & ~having(literal.text)
        elif len(clause.alternatives) == 1 and not clause.alternatives[0].pieces and not clause.alternatives[0].forms:
            alive = alive & having(clause.alternatives[0].text)
    df: list[int] = []
    chosen_of: list[tuple[Any, Any, Any]] = []
    for clause in positive:
        aligns = np.full(size, _NOT_MATCHED, dtype=np.int8)
        counts = np.zeros(size, dtype=np.int64)
        chosen = np.zeros(size, dtype=np.int16)
        for number, literal in enumerate(clause.alternatives):  # exact: the best (alignment, count), the first of equals
            blocks, found, align = corpus.occurrences(literal.text)
            keep = alive[blocks]
            blocks, found, align = blocks[keep], found[keep], align[keep]
            better = (align > aligns[blocks]) | ((align == aligns[blocks]) & (found > counts[blocks]))
            blocks = blocks[better]
            aligns[blocks], counts[blocks], chosen[blocks] = align[better], found[better], number
        for number, literal in enumerate(clause.alternatives):
            if literal.forms:  # another form of the stem, as a whole word: checked in the block's words
                maybe = np.unique(np.concatenate([corpus.occurrences(other)[0] for other in literal.forms]))
                maybe = maybe[alive[maybe] & (aligns[maybe] < 0)]
                for block in maybe.tolist():
                    entry = int(corpus.block_entry[block])
                    form = load_form(corpus.doc(entry))
                    if form is None:
                        raise index.DamagedIndexError(f"no search form for {corpus.doc(entry)}")
                    stemmed = _stem_count(literal, form, corpus.local(block))
                    if stemmed and (aligns[block] < _BY_STEM or stemmed > counts[block]):
                        aligns[block], counts[block], chosen[block] = _BY_STEM, stemmed, number
            if literal.pieces:  # all its words, apart: the fewest occurrences of one of them
                fewest = None
                where = alive & (aligns <= _BY_PIECES)
                for piece in literal.pieces:
                    blocks, found, _align = corpus.occurrences(piece)
                    piece_counts = np.zeros(size, dtype=np.int64)
                    piece_counts[blocks] = found
                    fewest = piece_counts if fewest is None else np.minimum(fewest, piece_counts)
                where &= fewest > 0
                blocks = np.flatnonzero(where)
                better = (aligns[blocks] < _BY_PIECES) | (fewest[blocks] > counts[blocks])
                blocks = blocks[better]
                aligns[blocks], counts[blocks], chosen[blocks] = _BY_PIECES, fewest[blocks], number
        alive = alive & (aligns > _NOT_MATCHED)
        df.append(int(np.count_nonzero(alive)))
        chosen_of.append((chosen, counts, aligns))
    rows = np.flatnonzero(alive)
    idf = [math.log(1.0 + (scanned + 1) / (count + 0.5)) for count in df]
    tier = np.full(len(rows), TIER_EXACT, dtype=np.int64)
    classes = np.zeros(len(rows), dtype=np.int64)
    lengths = corpus.lengths[rows].astype(np.float64)
    norm_len = _K1 * ((1.0 - _B) + (_B * lengths) / _AVG_BLOCK)
    raw = np.zeros(len(rows), dtype=np.float64)
    weights = np.array(_WEIGHT_BY_ALIGN, dtype=np.float64)
    clauses: list[tuple[list[Literal], Any, Any, Any]] = []
    everywhere = np.ones(len(rows), dtype=bool)
    for weight, clause, (chosen, counts, aligns) in zip(idf, positive, chosen_of):
        align, found = aligns[rows].astype(np.int64), counts[rows]
        clauses.append((clause.alternatives, chosen[rows], found, align))
        exact = align >= 0
        everywhere &= exact
        tier = np.where(exact, tier, np.where(align == _BY_STEM, np.minimum(tier, TIER_STEMMED), TIER_WORDS))
        classes += np.where(exact, align + 1, 0)
        found = found.astype(np.float64)
        raw = raw + weight * weights[align + 2] * found * _SATURATION / (found + norm_len)  # as the definition, in its order
    if len(positive) > 1 and all(len(c.alternatives) == 1 for c in positive) and len(rows):
        together = "".join(c.alternatives[0].text for c in positive)
        tier = np.where(everywhere & having(together)[rows], TIER_TOGETHER, tier)
    raw = np.where(corpus.kinds[rows] == ord(_HEADING), raw * 1.3, raw)
    entry_of = corpus.block_entry[rows]
    first = corpus.entry_first[entry_of]
    tie = place[entry_of] * _TIE + (rows - first)
    hit_entries, hit_counts = np.unique(entry_of, return_counts=True)
    ordered = sorted(zip(place[hit_entries].tolist(), hit_entries.tolist(), hit_counts.tolist()))
    per_document: dict[str, int] = {}
    per_session: Counter[int | None] = Counter()
    per_language: Counter[str | None] = Counter()
    wheres: dict[int, _Where] = {}
    for _place, entry, count in ordered:
        doc, blocks, session, language, _kind = corpus.entry_docs[entry]
        per_document[doc] = count
        per_session[session] += count
        per_language[language] += count

    def make(row: int) -> tuple[_Where, int]:
        entry = int(entry_of[row])
        where = wheres.get(entry)
        if where is None:
            doc, blocks, session, language, _kind = corpus.entry_docs[entry]
            where = wheres[entry] = _Where(doc, session, language, blocks)
        return where, int(rows[row] - first[row])

    keys = {"block": rows, "tier": tier, "classes": classes, "raw": raw, "tie": tie}
    return _Vector(keys, clauses, make, per_document, dict(per_session), dict(per_language))


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)


def _snippet(text: str, offsets: Sequence[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About SNIPPET_CHARS characters around the first match; line breaks become spaces."""
    first = offsets[0][0] if offsets else 0
    start = max(0, first - SNIPPET_LEAD)
    end = min(len(text), start + SNIPPET_CHARS)
    start = max(0, min(start, end - SNIPPET_CHARS))
    if offsets and offsets[0][1] > end:  # a match longer than the window
        end = offsets[0][1]
    body = "".join(" " if c.isspace() else c for c in text[start:end])
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    marks = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in offsets if b > start and a < end
    )
    return prefix + body + suffix, marks
