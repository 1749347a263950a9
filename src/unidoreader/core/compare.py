"""What changed between two reports: blocks aligned by content, words and figures diffed.

The question of a delegate is "what is new since the last session?". Paragraph numbers
shift as soon as one paragraph is inserted, so blocks are matched by content:

1. **Tokens.** Each block is cut into jieba words (the words the index has; Latin text by
   words), with every figure ("168 个成员国", "1.777亿美元", "2018 年 11 月 26 日", "58 %",
   "GC.17/Res.6") kept as one token, so that a figure changes as a whole.
2. **Candidates, not all pairs.** Identical blocks pair up by their normal form; every
   other old block looks up the new blocks that share its rare words and word pairs
   (an inverted index with capped postings), and only those few are scored (Dice
   similarity of the word multisets). Work grows with the text, not with its square.
3. **Order kept.** A maximum-weight increasing chain over the candidate pairs (weighted
   LIS, O(P log P)) is the in-order alignment; a good pair outside the chain is a block
   that moved. Between two chained pairs the few blocks left are aligned locally
   (all pairs when the gap is small), so a rewritten heading still meets its
   counterpart in the same place.
4. **Splits and merges.** A block left over beside a matched pair joins it when its words
   are contained in the other side and the joined text is more similar.

Everything here is plain Python (no Qt): the CLI, the PDF export and the GUI's compare
mode all read a `Comparison`.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from unidoreader.core.analysis import normalize, normalize_with_map, segment_pieces
from unidoreader.core.model import Block, BlockKind, Metadata, Report

if TYPE_CHECKING:  # pragma: no cover
    from unidoreader.core.library import Entry

Progress = Callable[[int, int, str], None]

#: Statuses of a pair, in the words of the command-line contract.
SAME, CHANGED, MOVED, ADDED, REMOVED = "same", "changed", "moved", "added", "removed"

#: Dice similarity from which two blocks are candidates of the in-order alignment.
MATCH_SIMILARITY = 0.45
#: A block matched out of order must be at least this similar to count as moved.
MOVE_SIMILARITY = 0.6
#: A leftover block joins a neighbour's pair (split/merge) when this much of it is in the other side.
CONTAINMENT = 0.75
#: Candidates scored per old block.
CANDIDATES = 8
#: Shingles (words, word pairs) found in more new blocks than this are not looked up.
POSTINGS = 24
#: Gaps between chained pairs with at most this many block pairs are aligned exhaustively.
GAP_CELLS = 2500
#: A rewritten paragraph pairs with its successor in a gap when this much of the shorter is in the longer.
WEAK_CONTAINMENT = 0.3


# -- figures ---------------------------------------------------------------------------

_NUM = r"\d+(?:[,，]\d{3})*(?:\.\d+)?"
_CN_NUM = "零〇一二三四五六七八九十百千两"
_SCALE = r"(?:\s*(?:千万|百万|十亿|万亿|万|亿|千))?"
_FIGURE = re.compile(
    "|".join(
        [
            # document symbols: GC.17/Res.6, IDB.46/8, A/78/224, IDB.51/CRP.4, GC.20/16/Rev.1
            r"(?P<symbol>(?<![A-Za-z0-9])[A-Z]{1,6}(?:\.\d+)?(?:/(?:[A-Za-z]{1,6}\.?)?\d+(?:\.\d+)?)+)",
            # dates: 2018 年 11 月 26 日至 28 日, 2024年2月5日和6日, 2023年, 2024-09-04, 2018-2021年
            r"(?P<date>\d{4}\s*[-–—至]\s*\d{4}\s*年?"
            r"|\d{4}-\d{2}-\d{2}"
            r"|\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
            r"(?:\s*(?:至|和|-|–)\s*(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?"
            r"|\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*(?:至|和|-|–)\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?)",
            # percentages: 58 %, 12.5％, 3 个百分点
            rf"(?P<percent>{_NUM}\s*(?:%|％|个百分点))",
            # money: 1.777亿美元, 2.1 亿美元, 500万欧元, USD 3 million
            rf"(?P<money>{_NUM}{_SCALE}\s*(?:美元|欧元|瑞士法郎|人民币|元)|(?:USD|EUR|US\$|\$|€)\s*{_NUM}(?:\s*(?:million|billion))?)",
            # ordinals: 第四十六届, 第 17 次
            rf"(?P<ordinal>第\s*(?:[{_CN_NUM}]+|\d+)\s*(?:届|次|个|期|阶段|条|款|项)?)",
            # counts: 168 个(成员国), 300多个, 10 名, 70 亿人
            rf"(?P<count>{_NUM}{_SCALE}\s*多?\s*(?:个|项|名|人|次|家|种|所|座|份|倍|吨|国|年|个月|周|天))",
            rf"(?P<number>{_NUM}{_SCALE})",
        ]
    )
)
#: Classifiers after which the next word belongs to the figure ("168 个" + "成员国").
_TAKES_NOUN = ("个", "项", "名", "家", "种", "所", "座", "份")


@dataclass(frozen=True)
class Figure:
    """A figure that differs between the two sides of a pair: both values as printed,
    and where each is (block id, start, end in that block's text); None on the side
    where it has no counterpart."""

    kind: str  # symbol, date, percent, money, ordinal, count, number
    old: str | None
    new: str | None
    old_at: tuple[str, int, int] | None = None
    new_at: tuple[str, int, int] | None = None

    @property
    def changed(self) -> bool:
        """Both values are known: a figure that changed, not text added or removed."""
        return self.old is not None and self.new is not None


@dataclass(frozen=True)
class Change:
    """Text deleted, inserted or replaced inside a pair. `old_at`/`new_at` are the spans
    (block id, start, end) in the blocks' own texts, one per block the text touches."""

    op: str  # "insert", "delete", "replace"
    old: str
    new: str
    old_at: tuple[tuple[str, int, int], ...] = ()
    new_at: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class Pair:
    """One line of the comparison: old block(s) against new block(s).

    Both sides are tuples of block ids: empty for an added or removed block, two or more
    where a paragraph was split (one old, several new) or merged (several old, one new).
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    status: str
    similarity: float
    changes: tuple[Change, ...] = ()
    figures: tuple[Figure, ...] = ()

    @property
    def shape(self) -> str:
        """"1:1", "split" or "merge" (or "added"/"removed" for one-sided pairs)."""
        if not self.old:
            return ADDED
        if not self.new:
            return REMOVED
        if len(self.new) > 1:
            return "split"
        if len(self.old) > 1:
            return "merge"
        return "1:1"

    @property
    def is_change(self) -> bool:
        return self.status != SAME

    def record(self) -> dict[str, object]:
        """The `compare --json` record of this pair."""
        return {
            "old": list(self.old),
            "new": list(self.new),
            "status": self.status,
            "shape": self.shape,
            "similarity": round(self.similarity, 4),
            "changes": [
                {
                    "op": c.op,
                    "old": c.old,
                    "new": c.new,
                    "old_at": [list(span) for span in c.old_at],
                    "new_at": [list(span) for span in c.new_at],
                }
                for c in self.changes
            ],
            "figures": [
                {
                    "kind": f.kind,
                    "old": f.old,
                    "new": f.new,
                    "old_at": list(f.old_at) if f.old_at else None,
                    "new_at": list(f.new_at) if f.new_at else None,
                }
                for f in self.figures
            ],
        }


@dataclass(frozen=True)
class Comparison:
    """Two reports aligned: `pairs` in reading order of the newer report (removed blocks
    where they stood in the older one)."""

    old: Report
    new: Report
    pairs: tuple[Pair, ...]
    _old_index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _new_index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for number, pair in enumerate(self.pairs):
            for block in pair.old:
                self._old_index[block] = number
            for block in pair.new:
                self._new_index[block] = number

    def pair_of_old(self, block_id: str) -> int | None:
        """Index in `pairs` of the pair holding this block of the older report."""
        return self._old_index.get(block_id)

    def pair_of_new(self, block_id: str) -> int | None:
        return self._new_index.get(block_id)

    @property
    def changed_figures(self) -> list[tuple[int, Figure]]:
        """Every figure with both values, with the index of its pair."""
        return [(n, f) for n, pair in enumerate(self.pairs) for f in pair.figures if f.changed]

    def summary(self) -> dict[str, int]:
        counts = Counter(pair.status for pair in self.pairs)
        return {
            SAME: counts[SAME],
            CHANGED: counts[CHANGED],
            MOVED: counts[MOVED],
            ADDED: counts[ADDED],
            REMOVED: counts[REMOVED],
            "split": sum(1 for p in self.pairs if p.shape == "split"),
            "merged": sum(1 for p in self.pairs if p.shape == "merge"),
            "figures": len(self.changed_figures),
        }

    def record(self) -> dict[str, object]:
        """`compare OLD NEW --json`."""
        return {
            "old": self.old.id,
            "new": self.new.id,
            "summary": self.summary(),
            "pairs": [pair.record() for pair in self.pairs],
        }


# -- tokens ----------------------------------------------------------------------------


class _Token:
    """A word or a figure of a block: its normal form (what is compared), its span in
    the block's text, the figure's kind. A plain slotted class: a 200 KB report has
    ~35,000 of them, built on every comparison of new text."""

    __slots__ = ("key", "start", "end", "figure", "wordy")

    def __init__(self, key: str, start: int, end: int, figure: str | None = None) -> None:
        self.key = key
        self.start = start
        self.end = end
        self.figure = figure  # kind, for a figure token
        self.wordy = figure is not None or _WORDY(key) is not None  # not punctuation

    def __repr__(self) -> str:
        return f"_Token({self.key!r}, {self.start}, {self.end}, {self.figure!r})"


_WORDY = re.compile(r"[^\W_]").search


class _TokenCache:
    """Tokens by block text: the same paragraph in two reports (or in many comparisons
    of one report) is segmented once. Bounded; shared between threads."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.items: OrderedDict[str, tuple[_Token, ...]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, text: str) -> tuple[_Token, ...]:
        with self.lock:
            found = self.items.get(text)
            if found is not None:
                self.items.move_to_end(text)
                return found
        tokens = tuple(_tokenize(text))
        with self.lock:
            self.items[text] = tokens
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return tokens


_CACHE = _TokenCache()


def _words(text: str) -> list[_Token]:
    """jieba's tokens of the whole text (one call: the cutter's cost is per call as much as
    per character), as spans of the source text."""
    if not text.strip():
        return []
    _norm, origin = normalize_with_map(text)
    tokens: list[_Token] = []
    position = 0
    size = len(origin)
    for piece in segment_pieces(text):
        start, end = position, position + len(piece)
        position = end
        if start >= size:
            break
        tokens.append(_Token(piece, origin[start], origin[min(end, size) - 1] + 1))
    return tokens


def _tokenize(text: str) -> list[_Token]:
    """Words, with every figure one token: a word inside a figure's span gives way to the
    figure; the part of a word sticking out of one stays a token of its own."""
    figures = []
    for match in _FIGURE.finditer(text):
        if match.lastgroup == "ordinal" or any(c.isdigit() for c in match.group(0)):
            figures.append(match)
    words = _words(text)
    if not figures:
        return words
    tokens: list[_Token] = []
    k = 0
    n = len(figures)
    pending: _Token | None = None  # a count figure waiting for its noun ("168 个" + "成员国")
    for word in words:
        while k < n and figures[k].end() <= word.start:
            k += 1
        if k < n and figures[k].start() < word.end:
            match = figures[k]
            if word.start < match.start():  # the head of the word before the figure
                tokens.append(_Token(normalize(text[word.start : match.start()]), word.start, match.start()))
            if not (tokens and tokens[-1].figure and tokens[-1].start == match.start()) and not (
                pending is not None and pending.start == match.start()
            ):
                if pending is not None:
                    tokens.append(pending)
                    pending = None
                kind = match.lastgroup or "number"
                figure = _Token(normalize(match.group(0)), match.start(), match.end(), kind)
                if kind == "count" and match.group(0).rstrip().endswith(_TAKES_NOUN):
                    pending = figure
                else:
                    tokens.append(figure)
            if word.end > match.end():  # the tail sticking out after the figure
                tail = _Token(normalize(text[match.end() : word.end]), match.end(), word.end)
                if tail.key:
                    pending = _noun(pending, tail, tokens)
            continue
        pending = _noun(pending, word, tokens)
    if pending is not None:
        tokens.append(pending)
    return tokens


def _noun(pending: _Token | None, word: _Token, out: list[_Token]) -> None:
    """Append `word`, or "168 个" + "成员国" as one figure token if a count is pending."""
    if pending is not None:
        if len(word.key) >= 2 and word.start <= pending.end + 1 and all("\u4e00" <= c <= "\u9fff" for c in word.key):
            out.append(_Token(pending.key + word.key, pending.start, word.end, pending.figure))
            return None
        out.append(pending)
    out.append(word)
    return None


# -- blocks as the alignment sees them -------------------------------------------------


@dataclass
class _Item:
    index: int
    block: Block
    key: str  # normal form of the text
    tokens: tuple[_Token, ...] = ()
    bag: Counter[str] = field(default_factory=Counter)
    size: int = 0

    def load(self) -> None:
        if self.size or not self.key:
            return
        self.tokens = _CACHE.get(self.block.text)
        self.bag = Counter(t.key for t in self.tokens if t.wordy)
        self.size = sum(self.bag.values())


def _items(report: Report) -> list[_Item]:
    return [_Item(i, b, normalize(b.text)) for i, b in enumerate(report.blocks)]


def _dice(a: Counter[str], b: Counter[str], size_a: int, size_b: int) -> float:
    if not size_a or not size_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(n, b[k]) for k, n in a.items() if k in b)
    return 2 * common / (size_a + size_b)


def _contained(part: Counter[str], whole: Counter[str], size_part: int) -> float:
    """How much of `part` (a multiset of words) is in `whole`."""
    if not size_part:
        return 0.0
    return sum(min(n, whole[k]) for k, n in part.items() if k in whole) / size_part


def similarity(a: _Item, b: _Item) -> float:
    if a.key == b.key:
        return 1.0
    a.load()
    b.load()
    if a.block.kind is not b.block.kind and BlockKind.TABLE in (a.block.kind, b.block.kind):
        return 0.0  # a table never pairs with prose
    return _dice(a.bag, b.bag, a.size, b.size)


# -- alignment -------------------------------------------------------------------------


def _shingles(item: _Item) -> set[str]:
    keys = [t.key for t in item.tokens if t.wordy]
    grams = set(keys)
    grams.update(f"{x}\x1f{y}" for x, y in zip(keys, keys[1:]))
    return grams


def _candidates(olds: list[_Item], news: list[_Item], done_old: set[int], done_new: set[int]) -> list[tuple[int, int, float]]:
    """Scored (old index, new index, similarity) for the blocks not paired by their text:
    each old block against the few new blocks sharing most of its rare shingles."""
    postings: dict[str, list[int]] = {}
    left_new = [b for b in news if b.index not in done_new and b.key]
    cap = POSTINGS  # a shingle in more blocks than this says nothing about which one
    for b in left_new:
        b.load()
        for gram in _shingles(b):
            postings.setdefault(gram, []).append(b.index)
    out: list[tuple[int, int, float]] = []
    for a in olds:
        if a.index in done_old or not a.key:
            continue
        a.load()
        votes: Counter[int] = Counter()
        for gram in _shingles(a):
            found = postings.get(gram)
            if found and len(found) <= cap:
                votes.update(found)
        for j, _n in votes.most_common(CANDIDATES):
            score = similarity(a, news[j])
            if score >= MATCH_SIMILARITY * 0.8:
                out.append((a.index, j, score))
    return out


def _weight(a: _Item, b: _Item, score: float) -> float:
    """What a pair is worth in the in-order chain: its similarity, more for longer text
    (a moved heading should not outweigh the paragraphs it jumped over)."""
    length = min(len(a.key), len(b.key), 400)
    return score * (1.0 + length / 400)


def _chain(pairs: list[tuple[int, int, float]], weights: list[float], width: int) -> list[int]:
    """Indices of the pairs forming the heaviest chain increasing in both old and new
    index (weighted LIS with a Fenwick tree of prefix maxima: O(P log P))."""
    tree_value = [0.0] * (width + 1)
    tree_pair = [-1] * (width + 1)
    back = [-1] * len(pairs)
    total = [0.0] * len(pairs)
    order = sorted(range(len(pairs)), key=lambda p: (pairs[p][0], pairs[p][1]))
    group: list[int] = []

    def best_before(j: int) -> tuple[float, int]:
        value, who = 0.0, -1
        while j > 0:
            if tree_value[j] > value:
                value, who = tree_value[j], tree_pair[j]
            j -= j & -j
        return value, who

    def put(j: int, value: float, who: int) -> None:
        j += 1
        while j <= width:
            if value > tree_value[j]:
                tree_value[j], tree_pair[j] = value, who
            j += j & -j

    def flush() -> None:
        for p in group:
            put(pairs[p][1], total[p], p)
        group.clear()

    current_old = None
    for p in order:
        i, j, _s = pairs[p]
        if i != current_old:
            flush()
            current_old = i
        value, who = best_before(j)  # strictly smaller new index (positions 1..j)
        total[p] = value + weights[p]
        back[p] = who
        group.append(p)
    flush()
    if not pairs:
        return []
    end = max(range(len(pairs)), key=lambda p: total[p])
    chain: list[int] = []
    while end != -1:
        chain.append(end)
        end = back[end]
    return chain[::-1]


_DIGITS = re.compile(r"[\d.,，]+")


def _anchors(item: _Item) -> set[str]:
    """What a rewritten paragraph keeps of its subject: the shape of its document symbols
    ("GC./Res.") and of its counted nouns ("个成员国"), figures aside."""
    item.load()
    return {
        _DIGITS.sub("#", t.key)
        for t in item.tokens
        if t.figure == "symbol" or (t.figure == "count" and not t.key[-1:].isdigit() and len(_DIGITS.sub("", t.key)) >= 3)
    }


def _weak(a: _Item, b: _Item) -> float:
    """A rewritten paragraph against its successor: most of the shorter one's words in
    the longer one, and a subject in common (`_anchors`), or the same place before the
    first heading. 0 when there is no such evidence."""
    if a.block.kind is not b.block.kind or a.block.kind in (BlockKind.TABLE, BlockKind.HEADING):
        return 0.0
    a.load()
    b.load()
    small, large = (a, b) if a.size <= b.size else (b, a)
    if small.size < 6:
        return 0.0
    contained = _contained(small.bag, large.bag, small.size)
    same_slot = a.block.section is None and b.block.section is None and a.block.kind is BlockKind.PARAGRAPH
    if (same_slot and contained >= WEAK_CONTAINMENT) or (contained >= WEAK_CONTAINMENT - 0.05 and _anchors(a) & _anchors(b)):
        return contained * 0.5
    return 0.0


def _local(olds: list[_Item], news: list[_Item]) -> list[tuple[int, int, float]]:
    """Exhaustive order-keeping alignment of a small gap (weighted LCS): content pairs,
    and the weaker pairs of a rewritten paragraph and its successor (`_weak`)."""
    n, m = len(olds), len(news)
    score = [[0.0] * m for _ in range(n)]
    for x, a in enumerate(olds):
        for y, b in enumerate(news):
            s = similarity(a, b)
            if s >= MATCH_SIMILARITY:
                score[x][y] = s
            else:
                score[x][y] = _weak(a, b)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            take = best[x + 1][y + 1] + score[x][y] if score[x][y] else 0.0
            best[x][y] = max(best[x + 1][y], best[x][y + 1], take)
    out: list[tuple[int, int, float]] = []
    x = y = 0
    while x < n and y < m:
        if score[x][y] and best[x][y] == best[x + 1][y + 1] + score[x][y]:
            s = similarity(olds[x], news[y])
            out.append((olds[x].index, news[y].index, s))
            x += 1
            y += 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return out


def _exact(olds: list[_Item], news: list[_Item]) -> list[tuple[int, int, float]]:
    """Pairs of blocks with the same text. A text repeated in a report pairs its copies
    in order (and with their neighbours in order, so the chain can choose)."""
    by_key: dict[str, list[int]] = {}
    for b in news:
        by_key.setdefault(b.key, []).append(b.index)
    seen: Counter[str] = Counter()
    out: list[tuple[int, int, float]] = []
    for a in olds:
        found = by_key.get(a.key)
        if not found:
            continue
        k = seen[a.key]
        seen[a.key] += 1
        if len(found) <= 4:
            out.extend((a.index, j, 1.0) for j in found)
        else:
            out.extend((a.index, found[x], 1.0) for x in (k - 1, k, k + 1) if 0 <= x < len(found))
    return out


def align(olds: list[_Item], news: list[_Item], progress: Progress | None = None) -> list[tuple[list[int], list[int], str, float]]:
    """The block alignment: (old indices, new indices, status, similarity) in no order."""
    exact = _exact(olds, news)
    exact_old = {i for i, _j, _s in exact}
    exact_new = {j for _i, j, _s in exact}
    if progress:
        progress(1, 4, "candidates")
    fuzzy = _candidates(olds, news, exact_old, exact_new)
    pairs = exact + [p for p in fuzzy if p[2] >= MATCH_SIMILARITY]
    weights = [_weight(olds[i], news[j], s) for i, j, s in pairs]
    if progress:
        progress(2, 4, "order")
    chained = [pairs[p] for p in _chain(pairs, weights, len(news))]
    matched_old = {i: (j, s) for i, j, s in chained}
    matched_new = {j: i for i, j, s in chained}

    # gaps between chained pairs: align what is left locally
    bounds = [(-1, -1)] + [(i, j) for i, j, _s in chained] + [(len(olds), len(news))]
    for (i1, j1), (i2, j2) in zip(bounds, bounds[1:]):
        gap_old = [olds[i] for i in range(i1 + 1, i2) if i not in matched_old and olds[i].key]
        gap_new = [news[j] for j in range(j1 + 1, j2) if j not in matched_new and news[j].key]
        if gap_old and gap_new and len(gap_old) * len(gap_new) <= GAP_CELLS:
            for i, j, s in _local(gap_old, gap_new):
                matched_old[i] = (j, s)
                matched_new[j] = i

    # out of order: moved blocks (the best remaining candidates, both sides still free)
    moved: dict[int, tuple[int, float]] = {}
    moved_new: set[int] = set()
    for i, j, s in sorted(exact + fuzzy, key=lambda p: -p[2]):
        if s >= MOVE_SIMILARITY and i not in matched_old and j not in matched_new and i not in moved and j not in moved_new:
            moved[i] = (j, s)
            moved_new.add(j)
    if progress:
        progress(3, 4, "splits and merges")

    groups: list[tuple[list[int], list[int], str, float]] = []
    taken_old = set(matched_old) | set(moved)
    taken_new = set(matched_new) | moved_new
    for i, (j, s) in sorted(list(matched_old.items()) + list(moved.items())):
        status = MOVED if i in moved else (SAME if s == 1.0 else CHANGED)
        olds_in, news_in = [i], [j]
        if s < 1.0:
            _grow(olds, news, olds_in, news_in, taken_old, taken_new)
        groups.append((olds_in, news_in, status, s))
    for i in range(len(olds)):
        if i not in taken_old:
            groups.append(([i], [], REMOVED, 0.0))
    for j in range(len(news)):
        if j not in taken_new:
            groups.append(([], [j], ADDED, 0.0))
    return groups


def _joined(items: Iterable[_Item]) -> tuple[Counter[str], int]:
    bag: Counter[str] = Counter()
    for item in items:
        item.load()
        bag.update(item.bag)
    return bag, sum(bag.values())


def _grow(olds: list[_Item], news: list[_Item], olds_in: list[int], news_in: list[int],
          taken_old: set[int], taken_new: set[int]) -> None:
    """Attach free neighbours that are part of the other side: a split (one old block,
    several new ones) or a merge (several old blocks, one new)."""
    for side, others, own, mine, taken in ((news, olds, news_in, olds_in, taken_new), (olds, news, olds_in, news_in, taken_old)):
        if len(mine) > 1:
            continue  # a pair is a split or a merge, not both
        grown = True
        while grown:
            grown = False
            whole, whole_size = _joined(others[k] for k in mine)
            current, current_size = _joined(side[k] for k in own)
            base = _dice(current, whole, current_size, whole_size)
            for k in (min(own) - 1, max(own) + 1):
                if not 0 <= k < len(side) or k in taken or not side[k].key:
                    continue
                candidate = side[k]
                candidate.load()
                if candidate.block.kind is BlockKind.TABLE or candidate.block.kind is BlockKind.HEADING:
                    continue
                if _contained(candidate.bag, whole, candidate.size) < CONTAINMENT:
                    continue
                joined = current + candidate.bag
                if _dice(joined, whole, current_size + candidate.size, whole_size) > base:
                    own.append(k)
                    own.sort()
                    taken.add(k)
                    grown = True
                    break
        if len(own) > 1:
            return


# -- inside a pair ---------------------------------------------------------------------


def _side(items: Sequence[_Item]) -> tuple[list[_Token], list[tuple[str, int]]]:
    """The tokens of one side (several blocks for a split/merge), each with its block."""
    tokens: list[_Token] = []
    owners: list[tuple[str, int]] = []
    for item in items:
        item.load()
        for token in item.tokens:
            tokens.append(token)
            owners.append((item.block.id, 0))
    return tokens, owners


def _spans(tokens: list[_Token], owners: list[tuple[str, int]], lo: int, hi: int) -> tuple[tuple[str, int, int], ...]:
    spans: list[tuple[str, int, int]] = []
    for k in range(lo, hi):
        block = owners[k][0]
        if spans and spans[-1][0] == block:
            spans[-1] = (block, spans[-1][1], tokens[k].end)
        else:
            spans.append((block, tokens[k].start, tokens[k].end))
    return tuple(spans)


def _text(items: Sequence[_Item], spans: tuple[tuple[str, int, int], ...]) -> str:
    texts = {item.block.id: item.block.text for item in items}
    return "".join(texts[b][s:e] for b, s, e in spans)


def diff_pair(old_items: Sequence[_Item], new_items: Sequence[_Item]) -> tuple[tuple[Change, ...], tuple[Figure, ...]]:
    """The words deleted and inserted between two sides, and the figures that differ."""
    a, a_owner = _side(old_items)
    b, b_owner = _side(new_items)
    keys_a = [t.key for t in a]
    keys_b = [t.key for t in b]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    changes: list[Change] = []
    figures: list[Figure] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # punctuation-only edits (a split's full stop) are not what a reader calls a change
        if not any(t.wordy for t in a[i1:i2]) and not any(t.wordy for t in b[j1:j2]):
            continue
        old_at = _spans(a, a_owner, i1, i2)
        new_at = _spans(b, b_owner, j1, j2)
        kind = {"replace": "replace", "delete": "delete", "insert": "insert"}[op]
        changes.append(Change(kind, _text(old_items, old_at), _text(new_items, new_at), old_at, new_at))
        figures.extend(_figures(a[i1:i2], a_owner[i1:i2], b[j1:j2], b_owner[j1:j2], old_items, new_items))
    return tuple(changes), tuple(figures)


def _figures(a: list[_Token], a_owner: list[tuple[str, int]], b: list[_Token], b_owner: list[tuple[str, int]],
             old_items: Sequence[_Item], new_items: Sequence[_Item]) -> list[Figure]:
    """Pair the figures of a replaced stretch by kind, in order; the rest stand alone."""
    old_texts = {item.block.id: item.block.text for item in old_items}
    new_texts = {item.block.id: item.block.text for item in new_items}
    olds = [(t, o[0]) for t, o in zip(a, a_owner) if t.figure]
    news = [(t, o[0]) for t, o in zip(b, b_owner) if t.figure]
    out: list[Figure] = []
    used: set[int] = set()
    for token, block in olds:
        match = next((k for k, (t, _b) in enumerate(news) if k not in used and t.figure == token.figure), None)
        old_value = old_texts[block][token.start : token.end]
        if match is None:
            out.append(Figure(token.figure or "number", old_value, None, (block, token.start, token.end), None))
            continue
        used.add(match)
        other, other_block = news[match]
        if _DIGITS.findall(other.key) == _DIGITS.findall(token.key) and token.figure != "ordinal":
            continue  # same numbers, other words around them: a word change, not a figure
        if token.figure == "ordinal" and _ordinal(other.key) == _ordinal(token.key):
            continue
        out.append(Figure(token.figure or "number", old_value, new_texts[other_block][other.start : other.end],
                          (block, token.start, token.end), (other_block, other.start, other.end)))
    for k, (token, block) in enumerate(news):
        if k not in used:
            out.append(Figure(token.figure or "number", None, new_texts[block][token.start : token.end], None,
                              (block, token.start, token.end)))
    return out


def _ordinal(key: str) -> str:
    return "".join(c for c in key if c.isdigit() or c in _CN_NUM)


# -- the whole comparison --------------------------------------------------------------


def compare(old: Report, new: Report, progress: Progress | None = None) -> Comparison:
    """Align two reports and say what changed inside each pair (see the module docstring)."""
    olds, news = _items(old), _items(new)
    groups = align(olds, news, progress)
    # reading order: by the new position; a removed block right after the old block before it
    placed_old: dict[int, float] = {}
    for old_in, new_in, status, _s in groups:
        if new_in and status != MOVED:
            for i in old_in:
                placed_old[i] = min(new_in)
    keyed: list[tuple[float, int, int]] = []
    previous = -1.0
    removed_at: dict[int, float] = {}
    for i in range(len(olds)):
        if i in placed_old:
            previous = placed_old[i]
        removed_at[i] = previous + 0.5
    for number, (old_in, new_in, status, _s) in enumerate(groups):
        if new_in:
            keyed.append((float(min(new_in)), min(old_in) if old_in else -1, number))
        else:
            keyed.append((removed_at[min(old_in)], min(old_in), number))
    keyed.sort()
    pairs: list[Pair] = []
    total = len(keyed)
    for done, (_k, _i, number) in enumerate(keyed):
        old_in, new_in, status, score = groups[number]
        old_items = [olds[i] for i in old_in]
        new_items = [news[j] for j in new_in]
        changes: tuple[Change, ...] = ()
        figures: tuple[Figure, ...] = ()
        if old_in and new_in:
            joined_old = "".join(item.key for item in old_items)
            joined_new = "".join(item.key for item in new_items)
            if joined_old != joined_new:
                changes, figures = diff_pair(old_items, new_items)
            if len(old_in) + len(new_in) > 2:
                bag_a, size_a = _joined(old_items)
                bag_b, size_b = _joined(new_items)
                score = 1.0 if joined_old == joined_new else _dice(bag_a, bag_b, size_a, size_b)
            if status != MOVED:
                # a split or a merge is a change of the paragraphing even with the same words;
                # a 1:1 pair whose only difference is punctuation or spacing is the same
                status = CHANGED if len(old_in) + len(new_in) > 2 or changes else SAME
        pairs.append(Pair(
            tuple(olds[i].block.id for i in old_in),
            tuple(news[j].block.id for j in new_in),
            status,
            score if old_in and new_in else 0.0,
            changes,
            figures,
        ))
        if progress and done % 200 == 0:
            progress(3, 4, f"{done}/{total}")
    if progress:
        progress(4, 4, "done")
    return Comparison(old, new, tuple(pairs))


# -- which report to compare with ------------------------------------------------------

_REVISION = re.compile(r"/(?:Rev|Corr|Add)\.\d+$", re.IGNORECASE)


def _bigrams(text: str | None) -> set[str]:
    compact = normalize(text or "")
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def topic_similarity(a: Metadata, b: Metadata) -> float:
    """How alike two reports' subjects are: Dice of the character bigrams of their cover
    agenda titles and titles (the 2018 "中等收入国家的可持续工业发展" and the 2024
    "中等收入国家的包容可持续发展" are one agenda topic)."""
    x = _bigrams(a.agenda_title) | _bigrams(a.title)
    y = _bigrams(b.agenda_title) | _bigrams(b.title)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def propose_predecessor(doc_id: str, entries: Sequence["Entry"], *, threshold: float = 0.35) -> "Entry | None":
    """The library document to compare a report with: the original of a /Rev., /Corr. or
    /Add. (the symbol without its suffix, or the previous revision), else the report of
    the same body on the same agenda topic at the nearest earlier session (annual reports:
    the nearest earlier year), in the same language. None when nothing fits; the user can
    pick any other."""
    by_id = {e.id: e for e in entries}
    me = by_id.get(doc_id)
    if me is None:
        return None
    meta = me.metadata
    # the other language versions of a document are its translations, not its predecessors
    others = [e for e in entries if e.id != doc_id
              and (not meta.language or not e.metadata.language or e.metadata.language == meta.language)]
    if meta.symbol and _REVISION.search(meta.symbol):
        base = _REVISION.sub("", meta.symbol)
        suffix = _REVISION.search(meta.symbol).group(0)
        number = int(re.sub(r"\D", "", suffix) or 0)
        earlier = [f"{base}{suffix[: suffix.index('.') + 1]}{n}" for n in range(number - 1, 0, -1)] + [base]
        for symbol in earlier:
            found = [e for e in others if (e.metadata.symbol or "").lower() == symbol.lower()]
            if found:
                return found[0]
    scored: list[tuple[tuple[int, float], "Entry"]] = []
    for other in others:
        o = other.metadata
        if meta.session is not None and o.session is not None:
            if o.session >= meta.session or (meta.body and o.body and meta.body != o.body):
                continue
            distance = meta.session - o.session
        elif meta.year is not None and o.year is not None and meta.session is None and o.session is None:
            if o.year >= meta.year or (meta.kind and o.kind and meta.kind != o.kind):
                continue
            distance = meta.year - o.year
        else:
            continue
        similar = topic_similarity(meta, o)
        if similar >= threshold:
            scored.append(((distance, -similar), other))
    if not scored:
        return None
    return min(scored, key=lambda item: item[0])[1]
