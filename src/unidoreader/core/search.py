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

import math
import re
import threading
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import Any, Iterator, Sequence

from unidoreader.core import analysis, index
from unidoreader.core.library import Library
from unidoreader.core.model import BlockKind
from unidoreader.core.safeio import scrub

#: Documents whose blocks a Searcher keeps in memory (about 4x their text each).
CACHED_DOCUMENTS = 400
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
#: Needles longer than this get no word-boundary class (its regular expression would cost
#: needle length x block length).
_ALIGN_MAX = 200


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
    seg: str
    norm: str


@dataclass
class _Doc:
    id: str
    session: int | None
    kind: str
    sections: dict[str, Sequence[str]]
    blocks: list[_Block]
    language: str | None = None
    text: str = ""  # every block's normal form, joined by SEPARATOR
    pages: dict[str, int] = field(default_factory=dict)  # block id -> printed page (PDF imports)
    starts: list[int] = field(default_factory=list)  # where each block starts in `text`

    def __post_init__(self) -> None:
        offset = 0
        for block in self.blocks:
            self.starts.append(offset)
            offset += len(block.norm) + 1
        self.text = _SEPARATOR.join(block.norm for block in self.blocks)

    def blocks_containing(self, needle: str) -> list[_Block]:
        """The blocks whose normal form contains `needle`, found in the joined text."""
        found: list[_Block] = []
        last = -1
        text = self.text
        position = text.find(needle)
        while position >= 0:
            number = bisect_right(self.starts, position) - 1
            if number != last:
                found.append(self.blocks[number])
                last = number
                position = self.starts[number + 1] if number + 1 < len(self.starts) else len(text)
            position = text.find(needle, position)
        return found


#: A matching block: (sort key (tier, boundary classes, weight), doc, block, per clause
#: (literal, exact?, occurrences, boundary class)). Plain tuples: there can be thousands.
_Match = tuple[tuple[int, int, float], _Doc, _Block, list[tuple[Literal, bool, int, int]]]


class Searcher:
    """Searches one library. Thread-safe; keep one per library (it caches stored blocks)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._lock = threading.RLock()
        self._ix: Any = None
        self._searcher: Any = None
        self._indexed: set[str] = set()
        self._docs: dict[str, _Doc] = {}
        self._references: Any = None  # core.references.LibraryReferences, made on first use

    # -- index access --------------------------------------------------------------------

    def _whoosh(self) -> Any:
        """An up-to-date Whoosh searcher; builds or updates the index on first use."""
        wanted = {entry.id for entry in self.library.entries()}
        if self._searcher is not None:
            if not self._searcher.up_to_date():
                self._searcher = self._searcher.refresh()
                self._indexed = self._read_indexed()
            if self._indexed == wanted:
                return self._searcher
        self._close()
        ix = index.open_index(self.library)
        if ix is None or not self._matches(ix, wanted):
            if ix is not None:
                ix.close()
            index.ensure_index(self.library)
            ix = index.open_index(self.library)
            if ix is None:  # pragma: no cover - ensure_index just built it
                raise RuntimeError("the search index could not be opened")
        self._ix = ix
        self._searcher = ix.searcher()
        self._indexed = self._read_indexed()
        return self._searcher

    def _matches(self, ix: Any, wanted: set[str]) -> bool:
        try:
            present = index.indexed_documents(ix)
        except Exception:
            return False
        return present == wanted and all(index.payload_path(self.library, doc).is_file() for doc in wanted)

    def _read_indexed(self) -> set[str]:
        return {fields["doc"] for fields in self._searcher.reader().all_stored_fields()}

    def _close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._searcher = None
        self._ix = None

    def close(self) -> None:
        """Close the index files (also done when the Searcher is garbage collected)."""
        with self._lock:
            self._close()

    def __del__(self) -> None:
        try:
            self._close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    def _doc(self, doc_id: str) -> _Doc | None:
        cached = self._docs.get(doc_id)
        if cached is not None:
            return cached
        payload = index.read_payload(self.library, doc_id)
        if payload is None:
            return None
        boundary = analysis.BOUNDARY
        blocks = [
            _Block(block_id, kind, section, text, seg, seg.replace(boundary, ""))
            for block_id, kind, section, text, seg in payload["blocks"]
        ]
        doc = _Doc(doc_id, payload.get("session"), analysis.normalize(payload.get("kind") or ""), payload.get("sections") or {}, blocks,
                   payload.get("language"), pages=payload.get("pages") or {})
        if len(self._docs) >= CACHED_DOCUMENTS:  # forget the longest-cached ones
            for old in list(self._docs)[: CACHED_DOCUMENTS // 4]:
                del self._docs[old]
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
    ) -> SearchResult:
        query = scrub(query)
        matches, counts_doc, counts_session = self._run(query, doc=doc, session=session, year=year, kind=kind, lang=lang)
        hits = tuple(self._hit(m) for m in islice(matches, min(max(limit, 0), len(matches))))
        per_language = Counter(match[1].language for match in matches)
        return SearchResult(query, len(matches), hits, counts_doc, counts_session, dict(per_language))

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
        matches, _docs, _sessions = self._run(scrub(query), doc=doc, session=session, year=year, kind=kind, lang=lang)
        for match in matches if limit is None else matches[:limit]:
            yield self._hit(match)

    # -- the work -----------------------------------------------------------------------------

    def _run(self, query: str, **given: Any) -> tuple[list[_Match], dict[str, int], dict[int | None, int]]:
        parsed = parse_query(query)
        filters = dict(parsed.filters)
        filters.update({k: scrub(v) if isinstance(v, str) else v for k, v in given.items() if v not in (None, "")})
        if not parsed.clauses and not filters:
            return [], {}, {}
        with self._lock:
            docs: list[_Doc] | None = None
            with index.quiet_damage() as damage:
                try:
                    docs = self._load(self._candidates(parsed, filters))
                except Exception as error:
                    if not _is_index_damage(error):
                        raise
                    damage.seen = True
            if docs is None:  # a damaged index: rebuild it from the library, then retry once
                self._close()
                self._docs.clear()
                index.ensure_index(self.library, rebuild=True)
                docs = self._load(self._candidates(parsed, filters))
            ranked = _rank(parsed, filters, docs)
            return self._with_references(query, filters, ranked)

    def _candidates(self, parsed: ParsedQuery, filters: dict[str, Any]) -> list[str]:
        from whoosh import query as Q

        searcher = self._whoosh()
        reader = searcher.reader()
        for clause in parsed.positive:  # words for the lower tiers, from the index's vocabulary
            clause.alternatives = [_with_forms(lit, reader) if lit.stem else _with_pieces(lit, reader) for lit in clause.alternatives]
        parts: list[Any] = []
        # Candidates need not match every gram of every clause: any subset selects a superset
        # of the matches, and the blocks are verified against every clause in _rank. A
        # bounded subset keeps Whoosh's matcher tree shallow (a 1,000-word query overflowed
        # the recursion limit) and its cost independent of the query's length.
        clauses = sorted(parsed.positive, key=lambda c: len(c.alternatives))[:_CANDIDATE_CLAUSES]
        for clause in clauses:
            alternatives = []
            for literal in clause.alternatives[:_CANDIDATE_ALTERNATIVES]:
                needed: set[str] = set()
                for piece in literal.pieces or (literal.text,):
                    needed |= analysis.grams(piece)
                chosen = sorted(needed, key=lambda g: (-len(g), g))[:_CANDIDATE_GRAMS]  # bigrams select best
                alternatives.append(Q.And([Q.Term("grams", g) for g in chosen]))
                if literal.forms:
                    forms = literal.forms[:_CANDIDATE_ALTERNATIVES]
                    alternatives.append(Q.Or([Q.Term("forms", f"{literal.stem}{analysis.FORM_SEPARATOR}{form}") for form in forms]))
            if len(clause.alternatives) > _CANDIDATE_ALTERNATIVES or any(len(lit.forms) > _CANDIDATE_ALTERNATIVES for lit in clause.alternatives):
                continue  # too many alternatives to list: this clause does not narrow the candidates
            parts.append(Q.Or(alternatives) if len(alternatives) > 1 else alternatives[0])
        if "lang" in filters:
            parts.append(Q.Term("lang", str(filters["lang"])))
        if "session" in filters:
            parts.append(Q.Term("session", str(filters["session"])))
        if "year" in filters:
            parts.append(Q.Term("year", str(filters["year"])))
        kind = analysis.normalize(str(filters.get("kind") or ""))
        if kind in _BLOCK_KINDS:
            parts.append(Q.Term("kinds", kind))
        if "cites" in filters:
            citing = sorted({c.doc for c in self._citations(str(filters["cites"]))})
            if not citing:
                return []
            parts.append(Q.Or([Q.Term("doc", i) for i in citing]))
        if "doc" in filters:
            ids = self._doc_ids(str(filters["doc"]))
            if not ids:
                return []
            parts.append(Q.Or([Q.Term("doc", i) for i in ids]))
        query = Q.And(parts) if parts else Q.Every()
        return [searcher.stored_fields(number)["doc"] for number in searcher.docs_for_query(query)]

    # -- symbols (issue 16): cites:SYMBOL, and a query that is a symbol -------------------------

    def _citations(self, symbol: str) -> list[Any]:
        from unidoreader.core.references import LibraryReferences

        if self._references is None:
            self._references = LibraryReferences(self.library)
        return self._references.cited_by(symbol)

    def _with_references(
        self, query: str, filters: dict[str, Any], ranked: tuple[list[_Match], dict[str, int], dict[int | None, int]]
    ) -> tuple[list[_Match], dict[str, int], dict[int | None, int]]:
        """`cites:` keeps the blocks citing the symbol; a query that is a symbol ("GC.17/ Res.6")
        puts the document with that symbol first, then the blocks citing it (however printed:
        "大会第70/1号决议" cites "resolution 70/1"), then the other blocks where its text occurs."""
        from unidoreader.core.references import normalise_symbol

        matches = ranked[0]
        words = [value for kind, value in _lex(query) if not (kind == "word" and _FILTER.match(value))]
        symbol = normalise_symbol(" ".join(words)) if words else None
        if "cites" not in filters and symbol is None:
            return ranked
        if "cites" in filters:  # the citing blocks, the reference marked where the query marks nothing
            printed = {(c.doc, c.block): c.ref.text for c in self._citations(str(filters["cites"]))}
            matches = [
                (m[0], m[1], m[2], m[3] or [(Literal(analysis.normalize(printed[(m[1].id, m[2].id)])), True, 0, 0)])
                for m in matches if (m[1].id, m[2].id) in printed
            ]
        if symbol is not None:
            citations = self._citations(symbol)
            own = self._references.document_for(symbol)
            citing = {(c.doc, c.block) for c in citations if c.block}
            marks = [(Literal(analysis.normalize(symbol)), True, 0, 0)]
            head: list[_Match] = []
            if own is not None:
                head += self._matches_for([(own, None)], filters, TIER_TOGETHER + 2, marks)
            in_text = [((TIER_TOGETHER + 1, m[0][1], m[0][2]), m[1], m[2], m[3]) for m in matches if (m[1].id, m[2].id) in citing]
            done = {(m[1].id, m[2].id) for m in head + in_text}
            extra = []
            for citation in citations:  # each marked as printed ("大会第72/279号决议" for "resolution 72/279")
                if citation.block and (citation.doc, citation.block) not in done:
                    printed = [(Literal(analysis.normalize(citation.ref.text)), True, 0, 0)]
                    extra += self._matches_for([(citation.doc, citation.block)], filters, TIER_TOGETHER + 1, printed)
                    done.add((citation.doc, citation.block))
            done |= {(m[1].id, m[2].id) for m in extra}
            matches = head + in_text + extra + [m for m in matches if (m[1].id, m[2].id) not in done]
        per_document = Counter(m[1].id for m in matches)
        per_session = Counter(m[1].session for m in matches)
        return matches, dict(per_document), dict(per_session)

    def _matches_for(self, where: list[tuple[str, str | None]], filters: dict[str, Any], tier: int, marks: list[Any]) -> list[_Match]:
        """Matches for given (document, block) pairs (None: the document's first block) that pass the filters."""
        if "year" in filters:  # stored blocks do not know their year: leave them to the text search
            return []
        out: list[_Match] = []
        for doc_id, block_id in where:
            doc = self._doc(doc_id)
            if doc is None or not doc.blocks:
                continue
            block = doc.blocks[0] if block_id is None else next((b for b in doc.blocks if b.id == block_id), None)
            if block is not None and _passes(filters, doc, block):
                out.append(((tier, 0, 0.0), doc, block, marks))
        return out

    def _load(self, candidates: list[str]) -> list[_Doc]:
        """The candidates' stored blocks; a missing or unreadable block file is damage."""
        docs = []
        for doc_id in candidates:
            doc = self._doc(doc_id)
            if doc is None:
                raise index.DamagedIndexError(f"no stored blocks for {doc_id}")
            docs.append(doc)
        return docs

    def _doc_ids(self, ref: str) -> list[str]:
        entries = self.library.entries()
        exact = [e.id for e in entries if e.id == ref or e.source == ref]
        if exact:
            return exact
        return [e.id for e in entries if len(ref) >= 4 and e.id.startswith(ref)]

    def _hit(self, match: _Match) -> Hit:
        (tier, classes, raw), doc, block, per_clause = match
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
                   language=doc.language)


def _passes(filters: dict[str, Any], doc: _Doc, block: _Block) -> bool:
    """A block added for a symbol query passes the query's session/lang/doc/kind filters."""
    if "session" in filters and doc.session != filters["session"]:
        return False
    if "lang" in filters and doc.language != filters["lang"]:
        return False
    if "doc" in filters and not doc.id.startswith(str(filters["doc"])):
        return False
    kind = analysis.normalize(str(filters.get("kind") or ""))
    return not kind or (block.kind == kind if kind in _BLOCK_KINDS else kind in doc.kind)


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


def _stem_count(literal: Literal, block: _Block) -> int:
    """How many words of the block are other forms of the literal's stem (whole words)."""
    norm = block.norm
    if not any(form in norm for form in literal.forms):  # cheap test first: substring in C
        return 0
    forms = set(literal.forms)
    return sum(1 for word in analysis.english_words(block.seg) if word in forms)


class _Aligner:
    """How the occurrences of a string sit on a block's word boundaries, by regular
    expressions over the seg form (BOUNDARY between words): 2 = some occurrence starts
    and ends on boundaries (a word or run of words), 1 = one end does, 0 = neither."""

    def __init__(self, needle: str) -> None:
        self.long = len(needle) > _ALIGN_MAX
        if self.long:
            return
        boundary = re.escape(analysis.BOUNDARY)
        body = f"{boundary}?".join(re.escape(c) for c in needle)
        self.both = re.compile(f"(?:^|{boundary}){body}(?={boundary}|$)")
        self.left = re.compile(f"(?:^|{boundary}){body}")
        self.right = re.compile(f"{body}(?={boundary}|$)")

    def __call__(self, seg: str) -> int:
        if self.long:
            return 0
        if self.both.search(seg):
            return 2
        return 1 if self.left.search(seg) or self.right.search(seg) else 0


def _rank(
    parsed: ParsedQuery, filters: dict[str, Any], docs: list[_Doc]
) -> tuple[list[_Match], dict[str, int], dict[int | None, int]]:
    kind = analysis.normalize(str(filters.get("kind") or ""))
    block_kind = kind if kind in _BLOCK_KINDS else ""
    doc_kind = kind if kind and not block_kind else ""
    positive = parsed.positive
    negative = [lit.text for clause in parsed.clauses if clause.negated for lit in clause.alternatives]
    if len(positive) == 1 and len(positive[0].alternatives) == 1 and not positive[0].alternatives[0].pieces \
            and not positive[0].alternatives[0].forms:
        if not negative and not block_kind:
            return _rank_one(positive[0].alternatives[0], doc_kind, docs)
    found: list[tuple[_Doc, _Block, list[tuple[Literal, bool, int, int]]]] = []
    df = [0] * len(positive)
    scanned = 0
    # The longest term every block must contain picks the blocks to look at (str.find
    # over the document's joined text, instead of a Python loop over all its blocks).
    required = [c.alternatives[0].text for c in positive
                if len(c.alternatives) == 1 and not c.alternatives[0].pieces and not c.alternatives[0].forms]
    driver = max(required, key=len) if required else ""
    aligners: dict[str, _Aligner] = {}
    for doc in docs:
        if doc_kind and doc_kind not in doc.kind:
            continue
        scanned += len(doc.blocks)
        for block in doc.blocks_containing(driver) if driver else doc.blocks:
            if block_kind and block.kind != block_kind:
                continue
            norm = block.norm
            if negative and any(text in norm for text in negative):
                continue
            per_clause: list[tuple[Literal, bool, int, int]] = []
            for number, clause in enumerate(positive):
                chosen: tuple[Literal, bool, int, int] | None = None
                for literal in clause.alternatives:
                    if literal.text in norm:
                        aligner = aligners.get(literal.text)
                        if aligner is None:
                            aligner = aligners[literal.text] = _Aligner(literal.text)
                        option = (literal, True, norm.count(literal.text), aligner(block.seg))
                    elif literal.forms and (stemmed := _stem_count(literal, block)):
                        option = (literal, False, stemmed, _BY_STEM)
                    elif literal.pieces and all(p in norm for p in literal.pieces):
                        option = (literal, False, min(norm.count(p) for p in literal.pieces), _BY_PIECES)
                    else:
                        continue
                    if chosen is None or (option[1], option[3], option[2]) > (chosen[1], chosen[3], chosen[2]):
                        chosen = option
                if chosen is None:
                    break
                per_clause.append(chosen)
                df[number] += 1
            else:
                found.append((doc, block, per_clause))
    idf = [math.log(1.0 + (scanned + 1) / (count + 0.5)) for count in df]
    matches: list[_Match] = []
    heading = BlockKind.HEADING.value
    saturation = _K1 + 1.0
    # Several plain words: blocks where they stand together, as typed, rank first.
    together = ""
    if len(positive) > 1 and all(len(c.alternatives) == 1 for c in positive):
        together = "".join(c.alternatives[0].text for c in positive)
    for doc, block, per_clause in found:
        norm_len = _K1 * (1.0 - _B + _B * len(block.norm) / _AVG_BLOCK)
        raw = 0.0
        classes = 0
        tier = TIER_EXACT
        for number, (_literal, exact, count, align) in enumerate(per_clause):
            if exact:
                raw += idf[number] * _ALIGN_WEIGHT[align] * count * saturation / (count + norm_len)
                classes += align + 1
            elif align == _BY_STEM:
                raw += idf[number] * _STEM_WEIGHT * count * saturation / (count + norm_len)
                tier = min(tier, TIER_STEMMED)
            else:
                raw += idf[number] * _FUZZY_WEIGHT * count * saturation / (count + norm_len)
                tier = TIER_WORDS
        if tier == TIER_EXACT and together and together in block.norm:
            tier = TIER_TOGETHER
        if block.kind == heading:
            raw *= 1.3
        matches.append(((tier, classes, raw), doc, block, per_clause))
    matches.sort(key=itemgetter(0), reverse=True)
    per_document = Counter(match[1].id for match in matches)
    per_session = Counter(match[1].session for match in matches)
    return matches, dict(per_document), dict(per_session)


def _rank_one(literal: Literal, doc_kind: str, docs: list[_Doc]) -> tuple[list[_Match], dict[str, int], dict[int | None, int]]:
    """`_rank` for the commonest query, one term and nothing else, in one tight loop
    (the same keys as the general path: TIER_EXACT, boundary class + 1, weight)."""
    needle = literal.text
    aligner = _Aligner(needle)
    heading = BlockKind.HEADING.value
    marks = [(literal, True, 0, 0)]  # what _hit marks; shared by every match
    hits: list[tuple[int, int, _Doc, _Block]] = []
    scanned = 0
    for doc in docs:
        if doc_kind and doc_kind not in doc.kind:
            continue
        scanned += len(doc.blocks)
        for block in doc.blocks_containing(needle):
            hits.append((block.norm.count(needle), aligner(block.seg), doc, block))
    idf = math.log(1.0 + (scanned + 1) / (len(hits) + 0.5))
    saturation = _K1 + 1.0
    lean = _K1 * (1.0 - _B)
    slope = _K1 * _B / _AVG_BLOCK
    matches: list[_Match] = []
    for count, align, doc, block in hits:
        raw = idf * _ALIGN_WEIGHT[align] * count * saturation / (count + lean + slope * len(block.norm))
        if block.kind == heading:
            raw *= 1.3
        matches.append(((TIER_EXACT, align + 1, raw), doc, block, marks))  # type: ignore[arg-type]
    matches.sort(key=itemgetter(0), reverse=True)
    per_document = Counter(doc.id for _c, _a, doc, _b in hits)
    per_session = Counter(doc.session for _c, _a, doc, _b in hits)
    return matches, dict(per_document), dict(per_session)


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
