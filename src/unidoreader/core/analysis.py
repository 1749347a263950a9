"""Text analysis for the search index: normalisation, jieba segmentation, character grams.

Three ideas hold the search together:

* **One normal form.** Index and query both go through `normalize`: NFKC (full-width
  and half-width forms agree, ㈠ becomes (一)), case folding, and every whitespace
  character removed (PDF extraction puts line breaks in the middle of words). Matching
  is plain substring search on that form, so a query string that occurs in a block's
  text always finds the block, whatever jieba thinks the words are.
* **Words for ranking.** jieba segments the normal form (with a user dictionary that
  keeps UN terms whole); a match that starts and ends on word boundaries ranks above
  one that only matches characters.
* **English words by their stem.** Latin words (jieba leaves them whole) are also kept
  in the index as "stem:form" pairs (Porter's stemmer, which Whoosh ships): a query word
  finds the other forms of its stem ("budgets" finds "budget", "performing" finds
  "performance") one tier below its exact matches, while the exact substring search
  above is untouched (Ctrl+F recall, Latin words inside Chinese text).
* **Character grams for recall.** Every bigram of the normal form goes into a field
  without positions; a query's bigrams select candidate entries, and candidates are
  verified against the text (the trigram habit of code-search engines).

jieba is imported lazily (`jieba_tokenizer()`), never at import time of this module:
the GUI's first window must not wait for its dictionary. Whoosh pickles the schema, so
the tokenizers below are module-level classes of this package.
"""

from __future__ import annotations

import logging
import math
import operator
import os
import re
import sys
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence


def _import_whoosh_compat() -> None:
    """Import whoosh.compat, which every Whoosh module imports first, with a stand-in for
    urllib.request: whoosh.compat imports that module (http.client, email, ssl: ~28 ms,
    a tenth of a search process's start) only to re-export `urlretrieve`, which Whoosh
    never calls. The stand-in's `urlretrieve` is the real one, imported if ever called."""
    if "whoosh.compat" in sys.modules or "urllib.request" in sys.modules:
        return
    import types

    def urlretrieve(*args: Any, **kwargs: Any) -> Any:  # pragma: no cover - Whoosh never calls it
        import urllib.request

        return urllib.request.urlretrieve(*args, **kwargs)

    stand_in = types.ModuleType("urllib.request")
    stand_in.urlretrieve = urlretrieve  # type: ignore[attr-defined]
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]


_import_whoosh_compat()

from whoosh.analysis import Token, Tokenizer  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    import jieba

#: Separator inserted between words in the stored segmentation of a block ("seg" form).
BOUNDARY = "\x1f"

_log = logging.getLogger(__name__)


# -- normalisation ------------------------------------------------------------------


class _NormalTable(dict):  # type: ignore[type-arg]
    """str.translate table that fills itself: code point -> NFKC + casefold.

    Whitespace maps to `space` ("" for the normal form, " " for the form jieba reads).
    """

    def __init__(self, space: str) -> None:
        super().__init__()
        self.space = space

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isspace():
            value = self.space
        else:
            value = "".join(c for c in unicodedata.normalize("NFKC", char).casefold() if not c.isspace())
            if not value and self.space:
                value = self.space
        self[code] = value
        return value


_TABLE = _NormalTable("")
_TABLE_SPACED = _NormalTable(" ")
_SPACES = re.compile(" {2,}")
#: A space survives only between two Latin letters or digits ("united nations").
_LONE_SPACE = re.compile(r"(?<![0-9a-z]) | (?![0-9a-z])")
_WORDY = re.compile(r"\w")


def normalize(text: str) -> str:
    """The form both index and queries are matched in: NFKC, case folded, no whitespace.

    Normalises character by character (so offsets can be mapped back, see
    `normalize_with_map`); the same function serves index and query, so they agree.
    """
    return text.translate(_TABLE)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """`normalize(text)` and, for each of its characters, the offset in `text` it came from."""
    table = _TABLE
    values = [char.translate(table) for char in text]
    if all(len(value) <= 1 for value in values):  # the usual case: one character or none each
        return "".join(values), [index for index, value in enumerate(values) if value]
    origin: list[int] = []
    for index, value in enumerate(values):
        origin.extend([index] * len(value))
    return "".join(values), origin


def to_source_span(origin: Sequence[int], start: int, end: int, text_length: int) -> tuple[int, int]:
    """Map a [start, end) span of the normal form back to the original text."""
    if not origin or start >= len(origin):
        return (text_length, text_length)
    first = origin[start]
    last = origin[min(end, len(origin)) - 1] + 1 if end > start else first
    return (first, last)


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _kept_bigram(gram: str) -> bool:
    """One bigram in four is indexed, picked by a fixed function of its characters."""
    return (ord(gram[0]) * 31 + ord(gram[1])) % 4 == 0


def grams(norm: str) -> set[str]:
    """The index terms of the character field for a normal-form string.

    Every distinct character, plus one distinct bigram in four (`_kept_bigram`):
    measured on the seeds, all bigrams cost Whoosh's pure-Python writer 7x the postings
    of the characters; the sample keeps most of the bigrams' selectivity for queries
    of three characters or more at a quarter of the price. Any sample is exact for
    recall: a text that contains the query contains every gram of the query.
    """
    collector = GramCollector()
    collector.add(norm)
    return collector.terms()


class GramCollector:
    """Collects `grams` over many strings (the blocks of a document) cheaply."""

    def __init__(self) -> None:
        self.chars: set[str] = set()
        self.pairs: set[str] = set()

    def add(self, norm: str) -> None:
        self.chars.update(norm)
        self.pairs.update(map(operator.add, norm, norm[1:]))  # every bigram, built in C

    def terms(self) -> set[str]:
        # _kept_bigram inlined: one call per distinct bigram costs more than the test
        return self.chars | {g for g in self.pairs if (ord(g[0]) * 31 + ord(g[1])) % 4 == 0}


# -- English words and their stems ----------------------------------------------------

_ENGLISH_WORD = re.compile(r"[a-z]{2,40}")
#: Separates a stem from a word form in the index's "forms" field ("budget:budgets").
FORM_SEPARATOR = ":"


def is_english_word(norm: str) -> bool:
    """A normal-form string that is one Latin word (what stemming applies to)."""
    return _ENGLISH_WORD.fullmatch(norm) is not None


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter's stem of a lower-case English word ("performing" -> "perform")."""
    from whoosh.lang.porter import stem as porter

    return porter(word)


def english_forms(words: Iterable[str]) -> list[str]:
    """The "stem:form" index terms of the English words among `words` (normal form)."""
    full = _ENGLISH_WORD.fullmatch
    return sorted({f"{stem(word)}{FORM_SEPARATOR}{word}" for word in set(words) if full(word)})


def english_words(seg: str) -> list[str]:
    """The English words of a block's seg form, in order (for stemmed matching)."""
    full = _ENGLISH_WORD.fullmatch
    return [piece for piece in seg.split(BOUNDARY) if full(piece)]


# -- jieba, loaded on demand ----------------------------------------------------------

_jieba_lock = threading.Lock()
_jieba: Any = None


def user_dictionary_path() -> Path:
    from unidoreader import paths

    return paths.resources_dir() / "jieba" / "userdict.txt"


def _cache_dir() -> Path:
    """A writable folder for jieba's dictionary cache (never the package folder)."""
    env = os.environ.get("UNIDOREADER_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("unidoreader", appauthor=False))


def _import_jieba_quietly() -> Any:
    """Import jieba without letting it import pkg_resources.

    jieba 0.42 uses pkg_resources for its dictionary when it can import it: slow, and
    deprecated (a warning, an error under `filterwarnings = error`). A None entry in
    sys.modules makes that import fail, so jieba falls back to opening its own files.
    """
    saved = sys.modules.get("pkg_resources", _MISSING)
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if saved is _MISSING:
            sys.modules.pop("pkg_resources", None)
        else:
            sys.modules["pkg_resources"] = saved  # type: ignore[assignment]
    return jieba


_MISSING = object()


def load_jieba() -> Any:
    """jieba's default tokenizer, initialised with the user dictionary (thread-safe, once)."""
    global _jieba
    if _jieba is not None:
        return _jieba
    with _jieba_lock:
        if _jieba is not None:
            return _jieba
        jieba = _import_jieba_quietly()
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer(str(Path(jieba.__file__).with_name("dict.txt")))
        try:
            cache_dir = _cache_dir()
            cache_dir.mkdir(parents=True, exist_ok=True)
            tokenizer.tmp_dir = str(cache_dir)
        except OSError:  # read-only home: jieba falls back to the temp dir
            pass
        tokenizer.initialize()
        userdict = user_dictionary_path()
        if userdict.is_file():
            with userdict.open("rb") as handle:
                tokenizer.load_userdict(handle)
        _jieba = tokenizer
    return _jieba


def jieba_loaded() -> bool:
    return _jieba is not None


#: Marks a dictionary prefix that is not a word itself in `_Cutter.weights` (real weights
#: are log-probabilities, always below zero).
_PREFIX_ONLY = 1.0
#: The longest run of characters that start no dictionary word which jieba's HMM gets in
#: one piece; longer runs (never seen in a report: 500,000 × 中 in a hostile file) go in
#: pieces of this size, so that segmenting is linear in the run, not quadratic.
HMM_RUN = 240


class _Cutter:
    """jieba's accurate mode with HMM (`Tokenizer.cut(text, HMM=True)`), word for word,
    in fewer Python steps: jieba builds the word graph, then a route over it with a
    `log` and a tuple per candidate; here one backward pass over the graph does both,
    with each word's log-probability computed once. Floating-point operations are
    jieba's own, in its order, so ties resolve the same way (tested against jieba)."""

    def __init__(self, tokenizer: Any) -> None:
        import jieba
        from jieba import finalseg

        self.freq = tokenizer.FREQ
        self.total = tokenizer.total
        self.size = len(self.freq)
        logtotal = math.log(tokenizer.total)
        log = math.log
        self.weights = {word: (log(count) - logtotal if count else _PREFIX_ONLY) for word, count in self.freq.items()}
        self.unknown = log(1) - logtotal  # a character that starts no word
        self.hmm_cut = finalseg.cut
        self.re_han = jieba.re_han_default  # how jieba splits text into runs it segments
        self.re_skip = jieba.re_skip_default
        self.subs: dict[str, tuple[tuple[int, str], ...]] = {}  # sub_words, by word

    def current(self, tokenizer: Any) -> bool:
        """False once words were added to jieba's dictionary after this was built."""
        return tokenizer.FREQ is self.freq and tokenizer.total == self.total and len(self.freq) == self.size

    def cut(self, sentence: str) -> list[str]:
        out: list[str] = []
        re_han, re_skip = self.re_han, self.re_skip
        for blk in re_han.split(sentence):
            if not blk:
                continue
            if re_han.match(blk):
                self._cut_block(blk, out)
            else:
                for piece in re_skip.split(blk):
                    if re_skip.match(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return out

    def _cut_block(self, blk: str, out: list[str]) -> None:
        n = len(blk)
        get = self.weights.get
        unknown = self.unknown
        route_p = [0.0] * (n + 1)
        route_end = [0] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best_p = 0.0
            best_end = 0  # exclusive end of the best word starting at idx; 0: none yet
            end = idx + 1
            weight = get(blk[idx])
            while weight is not None:
                if weight < _PREFIX_ONLY:
                    p = weight + route_p[end]
                    if not best_end or p >= best_p:  # ties: the longer word, as jieba's max over (p, x)
                        best_p = p
                        best_end = end
                if end >= n:
                    break
                end += 1
                weight = get(blk[idx:end])
            if not best_end:
                best_p = unknown + route_p[idx + 1]
                best_end = idx + 1
            route_p[idx] = best_p
            route_end[idx] = best_end
        x = 0
        buf = ""
        freq = self.freq
        while x < n:
            y = route_end[x]
            if y - x == 1:
                buf += blk[x]
            else:
                if buf:
                    self._flush(buf, freq, out)
                    buf = ""
                out.append(blk[x:y])
            x = y
        if buf:
            self._flush(buf, freq, out)

    def sub_words(self, word: str) -> tuple[tuple[int, str], ...]:
        """Search-mode sub-words of a word, as (offset, sub-word): its 2-character then
        its 3-character dictionary words, for words longer than those (cut_for_search)."""
        found = self.subs.get(word)
        if found is None:
            freq = self.freq
            n = len(word)
            grams = [(i, word[i : i + 2]) for i in range(n - 1)] if n > 2 else []
            if n > 3:
                grams += [(i, word[i : i + 3]) for i in range(n - 2)]
            found = tuple((i, gram) for i, gram in grams if freq.get(gram))
            if len(self.subs) > 200_000:
                self.subs.clear()
            self.subs[word] = found
        return found

    def _flush(self, buf: str, freq: dict[str, int], out: list[str]) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):
            if len(buf) <= HMM_RUN:
                out.extend(self.hmm_cut(buf))
            else:  # jieba's HMM copies its paths at every character: quadratic in the run
                hmm_cut = self.hmm_cut
                for start in range(0, len(buf), HMM_RUN):
                    out.extend(hmm_cut(buf[start : start + HMM_RUN]))
        else:
            out.extend(buf)


_cutter: _Cutter | None = None


def _current_cutter() -> _Cutter:
    """The `_Cutter` of jieba's tokenizer (loading jieba if need be), rebuilt if its
    dictionary changed."""
    global _cutter
    tokenizer = load_jieba()
    cutter = _cutter
    if cutter is None or not cutter.current(tokenizer):
        with _jieba_lock:
            cutter = _cutter = _Cutter(tokenizer)
    return cutter


def jieba_form(text: str) -> str:
    """What jieba reads: the normal form, plus one space between Latin words that had one."""
    spaced = _SPACES.sub(" ", text.translate(_TABLE_SPACED))
    return _LONE_SPACE.sub("", spaced)


def segment(text: str) -> tuple[str, list[tuple[str, int, int, bool]]]:
    """Segment `text` in its normal form.

    Returns the *seg form* (the normal form with BOUNDARY between jieba tokens, which
    search stores to tell word matches from character matches) and the words as
    (word, start, end, is_main) over `normalize(text)`. Main words follow each other
    (punctuation dropped); search-mode sub-words (2- and 3-character dictionary words
    inside longer words, as jieba's cut_for_search) follow their word with is_main False.
    """
    cutter = _current_cutter()
    pieces = segment_pieces(text)
    words: list[tuple[str, int, int, bool]] = []
    offset = 0
    wordy = _WORDY.search
    for word in pieces:
        start = offset
        offset += len(word)
        if not wordy(word):
            continue
        words.append((word, start, offset, True))
        if len(word) > 2:
            for i, gram in cutter.sub_words(word):
                words.append((gram, start + i, start + i + len(gram), False))
    return BOUNDARY.join(pieces), words


def segment_pieces(text: str) -> list[str]:
    """jieba's tokens of `text` in order, punctuation included: joined, they make
    `normalize(text)` (the spaces jieba reads between Latin words are dropped)."""
    pieces = _current_cutter().cut(jieba_form(text))
    if " " in pieces:
        pieces = [piece for piece in pieces if piece != " "]
    return pieces


def document_words(pieces: Iterable[str]) -> set[str]:
    """The distinct words of two characters or more among jieba's tokens, with their
    search-mode sub-words: what the index keeps of a document (as `segment` finds them,
    without offsets; sub-words depend only on their word, so each is looked up once)."""
    cutter = _current_cutter()
    wordy = _WORDY.search
    words: set[str] = set()
    for word in set(pieces):
        if len(word) > 1 and wordy(word):
            words.add(word)
            if len(word) > 2:
                words.update(gram for _i, gram in cutter.sub_words(word))
    return words


# -- Whoosh tokenizers ----------------------------------------------------------------


class JiebaTokenizer(Tokenizer):
    """jieba words for Whoosh, with consecutive positions and offsets into the original text.

    Accepts raw text (normalised and segmented here, offsets mapped back to the text
    given) or a list of (word, start, end, is_main) tuples already segmented (the
    indexer segments in worker processes and hands the words over). Sub-words share
    the position of the word they are part of, so phrase positions stay consecutive.
    """

    def __call__(  # type: ignore[override]
        self,
        value: Any,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        if isinstance(value, str):
            _norm, origin = normalize_with_map(value)
            words = segment(value)[1]
            text_length = len(value)
        else:
            words = list(value)
            origin = None
            text_length = 0
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos - 1
        for word, start, end, main in words:
            if main:
                pos += 1
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = max(pos, start_pos)
            if chars:
                if origin is not None:
                    first, last = to_source_span(origin, start, end, text_length)
                else:
                    first, last = start, end
                token.startchar = start_char + first
                token.endchar = start_char + last
            yield token


class GramTokenizer(Tokenizer):
    """The character grams of the normal form (see `grams`; no positions: candidates
    are verified against the text). Accepts raw text or an iterable of grams."""

    def __call__(  # type: ignore[override]
        self,
        value: Any,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        grams_ = grams(normalize(value)) if isinstance(value, str) else value
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, gram in enumerate(grams_):
            token.text = gram
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = gram
            if positions:
                token.pos = start_pos + pos
            yield token


def jieba_analyzer() -> JiebaTokenizer:
    return JiebaTokenizer()


def gram_analyzer() -> GramTokenizer:
    return GramTokenizer()
