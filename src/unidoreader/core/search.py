"""Queries over the index: parse, select candidate documents, find and rank the blocks.

How a query runs:

1. `parse_query` turns the text into clauses (plain words, "quoted phrases", OR, NOT /
   -word) and filters (session:46 year:2020 doc:ID kind:…). Nothing is a syntax error:
   a stray quote is dropped, a dangling OR/NOT is a word, and a query with no positive
   term searches its whole text literally.
2. Whoosh selects the documents that contain every character gram of every required
   term (and pass the session/year/doc filters): exact for recall, since a text that
   contains a string contains all its grams.
3. The candidates' stored blocks are checked against the normal form (NFKC, case
   folded, whitespace removed): a term matches a block that contains it, like Ctrl+F.
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

import heapq
import math
import os
import re
import threading
import operator
from array import array
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat
from operator import itemgetter
from typing import Any, Callable, Iterable, Iterator, Sequence

from unidoreader.core import analysis, index, scan
from unidoreader.core.library import Library
from unidoreader.core.model import BlockKind
from unidoreader.core.safeio import scrub

#: Documents whose stored blocks (for snippets) a Searcher keeps in memory.
CACHED_DOCUMENTS = 64
#: Characters of search forms a Searcher keeps in memory (about 3 bytes each: a whole
#: 100 MB archive is about 35 million).
FORM_CHARS = 60_000_000
#: Blocks a Searcher remembers as containing the strings searched (over all strings; see
#: `Matches`): 12 bytes each.
CACHED_MATCHES = 2_000_000
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


#: A matching block: (sort key (tier, boundary classes, weight), its document's search
#: form, block number, per clause (literal, exact?, occurrences, boundary class)).
#: Plain tuples: there can be hundreds of thousands.
_Match = tuple[tuple[int, int, float], scan.Form, int, list[tuple[Literal, bool, int, int]]]


class _Ranking:
    """The blocks that match a query, best first, found as far as asked for.

    `total`, `per_document` and `per_session` count every match. `top(n)` ranks only as
    far as n: a term in nearly every document is scored fully only for its best blocks
    (see `_rank_one`), and snippets are cut only for the hits shown.
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


class _Sorted(_Ranking):
    """Every match scored; sorted (stably, best first) when first asked."""

    def __init__(self, matches: list[_Match], per_document: dict[str, int], per_session: dict[int | None, int],
                 per_language: dict[str | None, int] | None = None) -> None:
        super().__init__(len(matches), per_document, per_session, per_language)
        self._matches: list[_Match] | None = matches

    def top(self, count: int | None) -> list[_Match]:
        if self._matches is not None:
            if count is not None and count * 8 < len(self._matches):  # nlargest is stable, like sort
                return heapq.nlargest(count, self._matches, key=itemgetter(0))
            self._matches.sort(key=itemgetter(0), reverse=True)
            self._ranked, self._matches = self._matches, None
        return super().top(count)


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
        self._blocks_dir = str(index.blocks_dir(library))
        self._form_chars = 0
        self._docs: OrderedDict[str, _Doc] = OrderedDict()
        self._rankings: OrderedDict[tuple[Any, ...], _Ranking] = OrderedDict()
        self._found = Matches(CACHED_MATCHES, self._possible)
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
            names = set(os.listdir(index.blocks_dir(self.library)))  # one listing of the folder, not two file checks per document
        except Exception:
            if searcher is not None:
                searcher.close()
            return None
        if set(ids.values()) == wanted and all(f"{doc}.bin" in names and f"{doc}.srch" in names for doc in wanted):
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
        self._found.clear()
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
        """Read the search forms of the whole library ahead of the first search (a few
        seconds for thousands of reports, better spent before the user asks); the lock
        is taken per document, so a search asked for meanwhile waits for one read only.
        Only an index that is already up to date is warmed. Returns documents read."""
        with self._lock:
            ix = index.open_index(self.library)
            if ix is None:
                return 0
            ix.close()
            self._whoosh()
            todo = sorted(self._indexed - self._forms.keys())
        done = 0
        for doc_id in todo:
            if stop():
                break
            with self._lock:
                if self._form_chars > FORM_CHARS * 0.9:
                    break
                if self._form(doc_id) is not None:
                    done += 1
        return done

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
        try:
            with open(os.path.join(self._blocks_dir, f"{doc_id}.srch"), "rb") as file:  # index.form_path, without pathlib per document
                form = scan.load(file.read())
        except OSError:
            return None
        if form is None or form.doc != doc_id:
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
        ranking = self._run(query, doc=doc, session=session, year=year, kind=kind, lang=lang)
        offset = max(offset, 0)
        with self._lock:  # the ranking scores as far as asked, and keeps what it scored
            page = ranking.top(offset + max(limit, 0))[offset:]
        hits = tuple(self._hit(m) for m in page)
        return SearchResult(query, ranking.total, hits, ranking.per_document, ranking.per_session, ranking.per_language)

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
            return _Sorted([], {}, {})
        with self._lock:
            forms: list[scan.Form] | None = None
            with index.quiet_damage() as damage:
                try:
                    forms = self._load(self._candidates(parsed, filters))
                except Exception as error:
                    if not _is_index_damage(error):
                        raise
                    damage.seen = True
            if forms is None:  # a damaged index: rebuild it from the library, then retry once
                self._close()
                self._forms.clear()
                self._form_chars = 0
                self._docs.clear()
                self._found.clear()
                index.ensure_index(self.library, rebuild=True)
                forms = self._load(self._candidates(parsed, filters))
            key = (query, tuple(sorted((k, str(v)) for k, v in filters.items())))
            ranking = self._rankings.get(key)
            if ranking is None:  # the same query again (the next page): ranked already
                ranking = self._with_references(query, filters, _rank(parsed, filters, forms, self._found))
                self._rankings[key] = ranking
                while len(self._rankings) > CACHED_RANKINGS:
                    self._rankings.popitem(last=False)
            return ranking

    def _candidates(self, parsed: ParsedQuery, filters: dict[str, Any]) -> list[str]:
        """The documents that may match: those holding every gram of the query's terms (and
        passing the filters), as Whoosh's query of those terms would select them, but from
        each term's documents kept as a bit map (`_term_bits`): a common gram's postings are
        read once per index version, not walked by a pure-Python matcher per query."""
        searcher = self._whoosh()
        reader = searcher.reader()
        for clause in parsed.positive:  # words for the lower tiers, from the index's vocabulary
            clause.alternatives = [_with_forms(lit, reader) if lit.stem else _with_pieces(lit, reader) for lit in clause.alternatives]
        term = self._term_bits
        selected = self._all_bits
        # Candidates need not match every gram of every clause: any subset selects a superset
        # of the matches, and the blocks are verified against every clause in _rank. A
        # bounded subset keeps the cost independent of the query's length.
        clauses = sorted(parsed.positive, key=lambda c: len(c.alternatives))[:_CANDIDATE_CLAUSES]
        for clause in clauses:
            if len(clause.alternatives) > _CANDIDATE_ALTERNATIVES or any(len(lit.forms) > _CANDIDATE_ALTERNATIVES for lit in clause.alternatives):
                continue  # too many alternatives to list: this clause does not narrow the candidates
            alternatives = 0
            for literal in clause.alternatives:
                needed: set[str] = set()
                for piece in literal.pieces or (literal.text,):
                    needed |= analysis.grams(piece)
                chosen = sorted(needed, key=lambda g: (-len(g), g))[:_CANDIDATE_GRAMS]  # bigrams select best
                having = self._all_bits
                for gram in chosen:
                    having &= term("grams", gram)
                    if not having:
                        break
                alternatives |= having
                for form in literal.forms:
                    alternatives |= term("forms", f"{literal.stem}{analysis.FORM_SEPARATOR}{form}")
            selected &= alternatives
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

    def _possible(self, needle: str) -> set[str]:
        """The documents that hold every gram of `needle` chosen for candidates (a superset
        of those that contain it)."""
        having = self._all_bits
        for gram in sorted(analysis.grams(needle), key=lambda g: (-len(g), g))[:_CANDIDATE_GRAMS]:
            having &= self._term_bits("grams", gram)
            if not having:
                return set()
        ids = self._ids
        return {ids[number] for number in _set_bits(having)}

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
        if doc is None or len(doc.blocks) != len(form.blocks):
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

    def _load(self, candidates: list[str]) -> list[scan.Form]:
        """The candidates' search forms; a missing or unreadable one is damage."""
        forms = []
        for doc_id in candidates:
            form = self._form(doc_id)
            if form is None:
                raise index.DamagedIndexError(f"no search form for {doc_id}")
            forms.append(form)
        return forms

    def _doc_ids(self, ref: str) -> list[str]:
        entries = self.library.entries()
        exact = [e.id for e in entries if e.id == ref or e.source == ref]
        if exact:
            return exact
        return [e.id for e in entries if len(ref) >= 4 and e.id.startswith(ref)]

    def _hit(self, match: _Match) -> Hit:
        (tier, classes, raw), form, number, per_clause = match
        doc = self._doc(form.doc)
        if doc is None or len(doc.blocks) != len(form.blocks):
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


class Matches:
    """Which blocks of a document contain a string, and a weight for each, kept per
    Searcher for the strings searched (a term in most blocks is scanned once per process,
    not once per query). The weight is the one `_rank_one` ranks by: occurrences x
    saturation / (occurrences + length norm), x 1.3 in a heading. `possible(needle)` names
    the documents that may hold a string (from the index's grams): the others are not
    scanned for it."""

    def __init__(self, limit: int, possible: Callable[[str], set[str] | None] = lambda _needle: None) -> None:
        self.limit = limit  # blocks remembered, over all strings
        self._possible = possible
        self._terms: OrderedDict[str, tuple[set[str] | None, dict[str, tuple[array[int], array[float]]]]] = OrderedDict()
        self._size = 0

    def clear(self) -> None:
        self._terms.clear()
        self._size = 0

    def _term(self, needle: str) -> tuple[set[str] | None, dict[str, tuple[array[int], array[float]]]]:
        """(possible documents or None, matches kept per document) of `needle`, made the
        most recently used."""
        term = self._terms.get(needle)
        if term is None:
            term = self._terms[needle] = (self._possible(needle), {})
        else:
            self._terms.move_to_end(needle)
        return term

    def of(self, needle: str, form: scan.Form) -> tuple[array[int], array[float]]:
        """(block numbers, weights) of the blocks of `form` that contain `needle`."""
        possible, entries = self._term(needle)
        found = entries.get(form.doc)
        if found is None:
            if possible is not None and form.doc not in possible:
                return _NO_MATCH
            found = entries[form.doc] = _weigh(form, *form.occurrences(needle))
            self._size += len(found[0])
            self._forget()
        return found

    def prefetch(self, needle: str, forms: Sequence[scan.Form]) -> None:
        """`of` for every form of `forms` at once (then served from what is kept): which
        of them hold `needle` is one map in C over their texts (`scan.occurrences_many`),
        so a fresh term costs a Python step only per document that holds it. The documents
        found without it are struck from the term's possible ones."""
        possible, entries = self._term(needle)
        if possible is None:  # no list of possible documents to strike the others from: each asked for
            return
        todo = [form for form in forms if form.doc in possible and form.doc not in entries]
        if not todo:
            return
        having: set[str] = set()
        for position, numbers, counts in scan.occurrences_many(needle, todo):
            form = todo[position]
            found = entries[form.doc] = _weigh(form, numbers, counts)
            having.add(form.doc)
            self._size += len(numbers)
        possible.difference_update([form.doc for form in todo if form.doc not in having])
        self._forget()

    def _forget(self) -> None:
        while self._size > self.limit and len(self._terms) > 1:  # forget the strings searched longest ago
            _needle, (_possible, old) = self._terms.popitem(last=False)
            self._size -= sum(len(numbers) for numbers, _weights in old.values())

    def without(self, needle: str, form: scan.Form, numbers: list[int]) -> list[int]:
        """Those of blocks `numbers` (ascending) that do not contain `needle`."""
        term = self._terms.get(needle)
        if term is not None:
            found = term[1].get(form.doc)
            if found is None and term[0] is not None and form.doc not in term[0]:
                return numbers  # the document cannot hold it
            if found is not None:
                having = set(found[0])
                return list(compress(numbers, map(operator.not_, map(having.__contains__, numbers))))
        return form.among(needle, numbers, absent=True)

    def known(self, needle: str) -> bool:
        """True if `needle` was scanned for (in some documents) and is remembered."""
        return needle in self._terms

    def among(self, needle: str, form: scan.Form, numbers: Sequence[int]) -> tuple[list[int], list[float]]:
        """`of` for the blocks `numbers` (ascending) only: from what is kept, else by a scan
        of those blocks alone (a term every block must hold, checked where the others are)."""
        term = self._terms.get(needle)
        found = term[1].get(form.doc) if term is not None else None
        if found is None and term is not None and term[0] is not None and form.doc not in term[0]:
            return [], []  # the document cannot hold it
        if found is not None:
            wanted = set(numbers)
            keep = list(map(wanted.__contains__, found[0]))
            return list(compress(found[0], keep)), list(compress(found[1], keep))
        having = form.among(needle, numbers)
        block = form.block
        chosen = _weigh(form, having, list(map(str.count, map(block, having), repeat(needle))))
        return list(chosen[0]), list(chosen[1])


_NO_MATCH: tuple[array[int], array[float]] = (array("l"), array("d"))


def _weigh(form: scan.Form, found: list[int], counts: list[int]) -> tuple[array[int], array[float]]:
    """Blocks `found` of `form` (which hold a term `counts` times) and their weights, by
    maps in C: from the weights of the form's blocks holding a term once when they are
    made (the next terms in this form), else by the formula of `_weight`, mapped over
    the blocks found only (a form's first scan, e.g. the first query of a process)."""
    if not found:
        return _NO_MATCH
    several = len(counts) - counts.count(1)
    if form.unit is None or several * 4 > len(counts):
        # _weight(count, length, kind) for each: count x saturation / (count + (lean + slope x length)), x 1.3 in a heading
        starts, ends = form.starts, form.ends
        lengths = map(operator.sub, map(ends.__getitem__, found), map(starts.__getitem__, found))
        norms = map(operator.add, repeat(_LEAN), map(operator.mul, repeat(_SLOPE), lengths))
        weights = array("d", map(operator.truediv, map(operator.mul, counts, repeat(_SATURATION)), map(operator.add, counts, norms)))
        if _HEADING in form.kinds:
            weights = array("d", map(operator.mul, weights, map(_KIND_WEIGHT.__getitem__, map(form.kinds.__getitem__, found))))
        if form.unit is None and len(found) * 4 > len(form.starts):  # a term in many of its blocks: the next ones likely too
            _unit_weights(form)
        return array("l", found), weights
    weights = array("d", map(form.unit.__getitem__, found))
    if several:
        starts, ends, kinds = form.starts, form.ends, form.kinds
        for position in compress(range(len(counts)), map(operator.ne, counts, repeat(1))):
            number = found[position]
            weights[position] = _weight(counts[position], ends[number] - starts[number], kinds[number])
    return array("l", found), weights


_SATURATION = _K1 + 1.0
_LEAN = _K1 * (1.0 - _B)
_SLOPE = _K1 * _B / _AVG_BLOCK


def _weight(count: int, length: int, kind: str) -> float:
    """occurrences x saturation / (occurrences + lean + slope x length), x 1.3 in a heading
    (the operations in this order: a bound must equal the score it bounds)."""
    weight = count * _SATURATION / (count + (_LEAN + _SLOPE * length))
    return weight * _KIND_WEIGHT[kind] if kind == _HEADING else weight


def _unit_weights(form: scan.Form) -> array[float]:
    """The weight of each block of a form holding a term once (made once per form)."""
    unit = form.unit
    if unit is None:
        kinds = form.kinds
        # _weight(1, length, kind) for every block, by maps in C: 1 x saturation / (1 + (lean + slope x length)), x 1.3 in a heading
        weights = map(operator.truediv, repeat(1 * _SATURATION),
                      map(operator.add, repeat(1), map(operator.add, repeat(_LEAN), map(operator.mul, repeat(_SLOPE), form.lengths()))))
        if _HEADING in kinds:
            weights = map(operator.mul, weights, map(_KIND_WEIGHT.__getitem__, kinds))
        unit = form.unit = array("d", weights)
    return unit


#: A group of matching blocks of one document and one tier: (tier, the document's
#: position among the candidates, its form, block numbers, an upper bound of each one's
#: weight). `_Lazy` ranks groups.
_Group = tuple[int, int, scan.Form, Sequence[int], Sequence[float]]
#: An upper bound is raised by this much so that a float rounded otherwise than the
#: exact score never falls below it.
_SAFETY = 1.0 + 1e-9
_ITEM = 1 << 32  # a match's place in the order of ties: document position x _ITEM + block number


class _Lazy(_Ranking):
    """Matches ranked only as far as asked for (a threshold algorithm).

    Every match has an upper bound of its key (tier, boundary classes, weight): its tier
    (exact), the most boundary classes (`classes`) and an upper bound of its weight,
    computed for all matches in C. Matches are scored exactly (`score`: boundaries looked
    up, the query's clauses chosen) in the order of their bounds, taken from the groups
    (documents) with the largest bounds first, in batches; once `count` scored keys are at
    least the bound of every match not scored, the page is certain. A term in nearly every
    block is so scored for about a page of them. The order is exactly that of scoring every
    match and sorting stably (ties: document, then block order)."""

    def __init__(self, groups: list[_Group], classes: int, score: Callable[[scan.Form, int, float], _Match],
                 per_document: dict[str, int], per_session: dict[int | None, int], per_language: dict[str | None, int],
                 scale: float = 1.0) -> None:
        super().__init__(sum(len(group[3]) for group in groups), per_document, per_session, per_language)
        self._classes = classes
        self._scale = scale  # a match's bound key is (tier, classes, scale x its bound)
        self._score_one = score
        self._tiers: dict[int, list[tuple[float, _Group]]] = {}
        for group in groups:
            if group[3]:
                self._tiers.setdefault(group[0], []).append((max(group[4]), group))
        for tier_groups in self._tiers.values():
            tier_groups.sort(key=itemgetter(0), reverse=True)  # stable: in document order among equals
        self._scored: dict[int, _Match] = {}
        self._everything: list[_Match] | None = None

    def _score(self, group: _Group, number: int, bound: float) -> tuple[tuple[tuple[int, int, float], int], _Match]:
        item = group[1] * _ITEM + number
        match = self._scored.get(item)
        if match is None:
            match = self._scored[item] = self._score_one(group[2], number, bound)
        return (match[0], -item), match

    def top(self, count: int | None) -> list[_Match]:
        if count is None or count >= self.total:
            if self._everything is None:
                scored = [self._score(group, number, bound) for groups in self._tiers.values() for _max, group in groups
                          for number, bound in zip(group[3], group[4])]
                scored.sort(key=itemgetter(0), reverse=True)
                self._everything = [match for _key, match in scored]
            return self._everything if count is None else self._everything[:count]
        if count <= 0:
            return []
        best: list[tuple[tuple[tuple[int, int, float], int], _Match]] = []  # a min-heap of the best `count`
        classes = self._classes
        scale = self._scale
        for tier in sorted(self._tiers, reverse=True):
            groups = self._tiers[tier]
            above = math.inf  # every match bounded above this was taken by an earlier batch
            size = 4 * count + 60
            while True:
                threshold = groups[size - 1][0] if size < len(groups) else -math.inf
                batch: list[tuple[float, int, _Group, int]] = []
                for high, group in groups:
                    if high < threshold:
                        break
                    bounds = group[4]
                    base = group[1] * _ITEM
                    for position in compress(range(len(bounds)), map(operator.ge, bounds, repeat(threshold))):
                        bound = bounds[position]
                        if bound < above:
                            number = group[3][position]
                            batch.append((bound, -(base + number), group, number))
                batch.sort(key=itemgetter(0, 1), reverse=True)
                for bound, negated, group, number in batch:
                    if len(best) == count and best[0][0] >= ((tier, classes, scale * bound), negated):
                        return [match for _key, match in sorted(best, key=itemgetter(0), reverse=True)]
                    entry = self._score(group, number, bound)
                    if len(best) < count:
                        heapq.heappush(best, entry)  # type: ignore[misc]
                    elif entry[0] > best[0][0]:
                        heapq.heapreplace(best, entry)  # type: ignore[misc]
                if threshold == -math.inf:
                    break
                if len(best) == count and best[0][0][0] >= (tier, classes, scale * threshold):
                    return [match for _key, match in sorted(best, key=itemgetter(0), reverse=True)]
                above = threshold
                size *= 4
        return [match for _key, match in sorted(best, key=itemgetter(0), reverse=True)]


def _count(per_document: dict[str, int], per_session: Counter[int | None], per_language: Counter[str | None], form: scan.Form, hits: int) -> None:
    per_document[form.doc] = hits
    per_session[form.session] += hits
    per_language[form.language] += hits


def _rank(parsed: ParsedQuery, filters: dict[str, Any], forms: list[scan.Form], matches: Matches) -> _Ranking:
    """The ranking of a query over the candidates' search forms (see the module docstring).

    Which blocks match which clause is found with the blocks' sets from `matches` (scans
    in C, kept for the next query); only the blocks ranked as far as the page asked for
    are scored (`_Lazy`), by `_block_key`, exactly as if every block were."""
    kind = analysis.normalize(str(filters.get("kind") or ""))
    block_kind = kind if kind in _BLOCK_KINDS else ""
    doc_kind = kind if kind and not block_kind else ""
    positive = parsed.positive
    negative = [lit.text for clause in parsed.clauses if clause.negated for lit in clause.alternatives]
    if len(positive) == 1 and len(positive[0].alternatives) == 1 and not positive[0].alternatives[0].pieces \
            and not positive[0].alternatives[0].forms:
        if not negative and not block_kind:
            return _rank_one(positive[0].alternatives[0], doc_kind, forms, matches)
    letter = block_kind[:1]
    df = [0] * len(positive)
    scanned = 0
    # The terms every block must contain (a clause of one plain literal), longest first:
    # the blocks to look at are the intersection of their sets.
    required = sorted({c.alternatives[0].text for c in positive
                       if len(c.alternatives) == 1 and not c.alternatives[0].pieces and not c.alternatives[0].forms},
                      key=lambda text: (matches.known(text), len(text), text), reverse=True)  # one already scanned, else the longest
    together = ""
    if len(positive) > 1 and all(len(c.alternatives) == 1 for c in positive):
        together = "".join(c.alternatives[0].text for c in positive)
    stem_bound = _STEM_WEIGHT * (_K1 + 1.0) * _KIND_WEIGHT[_HEADING]
    pieces_bound = _FUZZY_WEIGHT * (_K1 + 1.0) * _KIND_WEIGHT[_HEADING]
    found: list[tuple[int, scan.Form, list[int], list[dict[int, float]], list[set[int]]]] = []
    if not letter:  # the documents' scans done first, each term over every document at once (`Matches.prefetch`)
        _prefetch(matches, positive, required, [form for form in forms if not doc_kind or doc_kind in form.kind])
    for position, form in enumerate(forms):
        if doc_kind and doc_kind not in form.kind:
            continue
        scanned += len(form.blocks)
        blocks = form.blocks
        pool: list[int] | None = None  # ascending; None: every block
        if letter:  # the blocks of the kind asked for first: the terms are then looked for in those only
            pool = list(compress(range(len(blocks)), map(operator.eq, form.kinds, repeat(letter))))
            if not pool:
                continue
        for text in required:  # the first scanned over the document (and kept), the others over what is left
            pool = list(matches.of(text, form)[0]) if pool is None else matches.among(text, form, pool)[0]
            if not pool:
                break
        if pool is not None and not pool:
            continue
        if negative:
            if pool is None:
                pool = list(range(len(blocks)))
            for text in negative:
                pool = matches.without(text, form, pool)
        exact_of: list[dict[int, float]] = []  # per clause: block -> the largest weight of an exact alternative
        stems_of: list[set[int]] = []  # per clause: blocks matched by another form of a stem only
        alive: set[int] | None = None if pool is None else set(pool)
        for number, clause in enumerate(positive):
            exact: dict[int, float] = {}
            for literal in clause.alternatives:
                numbers, weights = matches.of(literal.text, form) if pool is None else matches.among(literal.text, form, pool)
                if not numbers:
                    continue
                if not exact:
                    exact = dict(zip(numbers, weights))
                else:
                    for block, weight in zip(numbers, weights):
                        if exact.get(block, -1.0) < weight:
                            exact[block] = weight
            stems: set[int] = set()
            words: set[int] = set()
            for literal in clause.alternatives:
                if literal.forms:
                    maybe: set[int] = set()
                    for other in literal.forms:
                        maybe.update(matches.of(other, form)[0] if pool is None else matches.among(other, form, pool)[0])
                    stems.update(block for block in maybe if block not in exact and _stem_count(literal, form, block))
                if literal.pieces:
                    having: list[int] | None = pool
                    for piece in literal.pieces:
                        if having is None:
                            having = list(matches.of(piece, form)[0])
                        else:
                            having = form.among(piece, having)
                        if not having:
                            break
                    if having:
                        words.update(having)
            matched = set(exact)
            if stems or words:
                words.difference_update(exact)
                words.difference_update(stems)
                matched |= stems | words
            alive = matched if alive is None else alive & matched
            df[number] += len(alive)
            exact_of.append(exact)
            stems_of.append(stems)
            if not alive:
                break
        if alive is None:  # no clause to match (filters only): every block left
            alive = set(pool) if pool is not None else set(range(len(blocks)))
        if alive:
            found.append((position, form, sorted(alive), exact_of, stems_of))
    idf = [math.log(1.0 + (scanned + 1) / (count + 0.5)) for count in df]
    groups: list[_Group] = []
    per_document: dict[str, int] = {}
    per_session: Counter[int | None] = Counter()
    per_language: Counter[str | None] = Counter()
    for position, form, numbers, exact_of, stems_of in found:
        _count(per_document, per_session, per_language, form, len(numbers))
        everywhere = set(numbers)
        for exact in exact_of:
            everywhere.intersection_update(exact)
        top = set(matches.among(together, form, sorted(everywhere))[0]) if together and everywhere else set()
        tiers: dict[int, list[int]] = {}
        if len(everywhere) == len(numbers) and not top:
            tiers[TIER_EXACT] = numbers
        else:
            for block in numbers:
                if block in top:
                    tier = TIER_TOGETHER
                elif block in everywhere:
                    tier = TIER_EXACT
                else:
                    tier = TIER_STEMMED
                    for exact, stems in zip(exact_of, stems_of):
                        if block not in exact and block not in stems:
                            tier = TIER_WORDS
                            break
                tiers.setdefault(tier, []).append(block)
        for tier, blocks in tiers.items():
            bounds: list[float] = [0.0] * len(blocks)
            for weight, exact, stems in zip(idf, exact_of, stems_of):
                if tier >= TIER_EXACT:
                    parts: Iterator[float] = map(exact.__getitem__, blocks)
                elif not stems:
                    parts = map(exact.get, blocks, repeat(pieces_bound))
                else:
                    parts = (exact[b] if b in exact else stem_bound if b in stems else pieces_bound for b in blocks)
                bounds = list(map(operator.add, bounds, map(operator.mul, parts, repeat(weight * _SAFETY))))
            groups.append((tier, position, form, blocks, bounds))
    score = partial(_block_key, positive, idf, together)
    return _Lazy(groups, 3 * len(positive), score, per_document, dict(per_session), dict(per_language))


def _prefetch(matches: Matches, positive: list[Clause], required: list[str], forms: list[scan.Form]) -> None:
    """Scan `forms` at once (`Matches.prefetch`) for the terms `_rank` looks up in every
    block of each of them: the first required term (the others are looked for among the
    blocks holding it), or without one, the first clause's terms (and its lower tiers'
    first words). What `_rank` then finds is unchanged; only the scans are fewer."""
    if required:
        matches.prefetch(required[0], forms)
        return
    if not positive:
        return
    for literal in positive[0].alternatives:
        for text in (literal.text, *literal.pieces[:1], *literal.forms):
            matches.prefetch(text, forms)


def _block_key(positive: list[Clause], idf: list[float], together: str, form: scan.Form, number: int, _bound: float = 0.0) -> _Match:
    """The exact key of a matching block (the definition the ranking must equal)."""
    norm = form.blocks[number]
    per_clause: list[tuple[Literal, bool, int, int]] = []
    for clause in positive:
        chosen: tuple[Literal, bool, int, int] | None = None
        for literal in clause.alternatives:
            if literal.text in norm:
                option = (literal, True, norm.count(literal.text), form.alignment(number, literal.text))
            elif literal.forms and (stemmed := _stem_count(literal, form, number)):
                option = (literal, False, stemmed, _BY_STEM)
            elif literal.pieces and all(p in norm for p in literal.pieces):
                option = (literal, False, min(norm.count(p) for p in literal.pieces), _BY_PIECES)
            else:
                continue
            if chosen is None or (option[1], option[3], option[2]) > (chosen[1], chosen[3], chosen[2]):
                chosen = option
        if chosen is None:  # pragma: no cover - only matching blocks are scored
            raise index.DamagedIndexError(f"block {number} of {form.doc} does not match")
        per_clause.append(chosen)
    saturation = _K1 + 1.0
    norm_len = _K1 * (1.0 - _B + _B * len(norm) / _AVG_BLOCK)
    raw = 0.0
    classes = 0
    tier = TIER_EXACT
    for clause_number, (_literal, exact, count, align) in enumerate(per_clause):
        if exact:
            raw += idf[clause_number] * _ALIGN_WEIGHT[align] * count * saturation / (count + norm_len)
            classes += align + 1
        elif align == _BY_STEM:
            raw += idf[clause_number] * _STEM_WEIGHT * count * saturation / (count + norm_len)
            tier = min(tier, TIER_STEMMED)
        else:
            raw += idf[clause_number] * _FUZZY_WEIGHT * count * saturation / (count + norm_len)
            tier = TIER_WORDS
    if tier == TIER_EXACT and together and together in norm:
        tier = TIER_TOGETHER
    if form.kinds[number] == _HEADING:
        raw *= 1.3
    return ((tier, classes, raw), form, number, per_clause)


def _rank_one(literal: Literal, doc_kind: str, forms: list[scan.Form], matches: Matches) -> _Ranking:
    """`_rank` for the commonest query, one term and nothing else: the same keys (TIER_EXACT,
    boundary class + 1, weight), found lazily by `_Lazy` from the weights computed in C
    (and kept by `matches` for the next query with the term): a block's weight is its
    bound, its score if the term sat on word boundaries there."""
    needle = literal.text
    groups: list[_Group] = []
    per_document: dict[str, int] = {}
    per_session: Counter[int | None] = Counter()
    per_language: Counter[str | None] = Counter()
    scanned = 0
    total = 0
    matches.prefetch(needle, [form for form in forms if not doc_kind or doc_kind in form.kind])
    for position, form in enumerate(forms):
        if doc_kind and doc_kind not in form.kind:
            continue
        scanned += len(form.starts)
        numbers, weights = matches.of(needle, form)
        if not numbers:
            continue
        total += len(numbers)
        _count(per_document, per_session, per_language, form, len(numbers))
        groups.append((TIER_EXACT, position, form, numbers, weights))
    idf = math.log(1.0 + (scanned + 1) / (total + 0.5))  # the same for every block: scales, never reorders
    marks = [(Literal(needle), True, 0, 0)]  # what _hit marks; shared by every match

    def score(form: scan.Form, number: int, weight: float) -> _Match:
        align = form.alignment(number, needle)
        return ((TIER_EXACT, align + 1, idf * _ALIGN_WEIGHT[align] * weight), form, number, marks)  # weight 1.0 on boundaries: the bound

    return _Lazy(groups, 3, score, per_document, dict(per_session), dict(per_language), scale=idf)


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
