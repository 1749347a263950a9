"""PDF -> SourceText with pypdfium2: characters with boxes, lines, columns, furniture.

Why not the extractors' own text: on two-column pages every extractor tried returned
lines in the wrong order in some layouts, and none says which line is a running header.
So this reader takes each character with its (loose) box from PDFium and does the rest:

1. characters -> segments: runs on one baseline without a wide gap (a column gutter or a
   table gap ends a segment); raised small digits become superscripts (¹²³: the parser's
   footnote references);
2. page furniture by position and repetition: the top and bottom rows of a page that
   recur on other pages with only digits changing (the symbol header, "2/27", the job
   number), page numbers, job numbers and barcode lines, and the printing notice
   ("为节约起见…") of the first page. The symbol in the running header is kept as the
   document's symbol;
3. the footnote zone: the rows at the page foot printed smaller than the body text,
   starting with a note number, handed on as "¹ text" lines after a blank line;
4. columns: a vertical gutter that full text lines on both sides respect; lines crossing
   it (titles, wide tables) cut the page into bands, each read left column then right;
5. segments on one baseline within a column are joined into a line (table rows).

PDFium is not thread-safe: every call goes through `PDFIUM_LOCK`.
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
from dataclasses import dataclass, field, replace
from itertools import repeat

from unidoreader.core.errors import InputError
from unidoreader.core.parse import furniture as furniture_rules
from unidoreader.core.readers import Progress, SourceLine, SourceText, file_digest, pdf_tables, pdfium_calls
from unidoreader.core.readers.cjk import unify, unify_char

PDFIUM_LOCK = threading.RLock()

SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SYMBOL_RE = re.compile(r"^[A-Z]{1,8}(\.\d{1,3})?(/[A-Za-z0-9.()\-]+)+$")
PAGE_NUMBER_RE = re.compile(r"^(-\s*)?\d{1,4}(\s*-)?$|^\d{1,4}\s*/\s*\d{1,4}$|^第\s*\d{1,4}\s*页(\s*/?\s*共\s*\d{1,4}\s*页)?$|^(Page|page)\s+\d{1,4}(\s+of\s+\d{1,4})?$")
LONE_NUMBER_RE = re.compile(r"\d{1,4}")  # (fullmatch) a page number alone
NOTE_START_RE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\d{1,3})(?=\s|[^\d.,:])\s*(.*)$")
NOTICE_STARTS = ("为节约起见", "出于可持续性", "出于环保原因")  # a printing notice wrapped over two rows starts so
ZONE = 0.095  # share of the page height at top and bottom where running furniture lives


@dataclass(slots=True)
class Seg:
    """Characters on one baseline without a wide gap. (Slots: a page makes dozens and the
    reader reads their fields over and over; no instance dict to make, look in or collect.)"""

    x0: float
    top: float
    x1: float
    bottom: float
    height: float  # of the segment's normal-size characters
    chars: list[str] = field(default_factory=list)
    first: int = 0  # index of the first character on the page (for the font weight)
    last: int = 0
    bold: bool = False
    size: float = 0.0  # font size in points
    xs: list[float] = field(default_factory=list)  # the x of each character (a table cell's column: readers.pdf_tables)
    turned: bool = False  # set sideways (a landscape page's running header or footer, read along the edge)
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The characters as one string, made once: furniture, rows, lines and tables ask
        for it again and again, and a segment's characters do not change once it is read."""
        if self._text is None:
            self._text = "".join(self.chars).strip()
        return self._text

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def _open(data: bytes, name: str):  # -> pdfium.PdfDocument
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise InputError.of("pdf_encrypted", path=name) from None
        raise InputError(f"{name}: damaged or incomplete PDF ({str(error).split('(')[-1].rstrip(')') or 'unreadable'})") from None


def page_count(data: bytes, name: str) -> int:
    with PDFIUM_LOCK:
        document = _open(data, name)
        try:
            return len(document)
        finally:
            document.close()


# characters PDFium hands on that print no glyph: controls, spaces (read or generated: line
# breaks come from the boxes), the byte-order mark, non-characters and lone surrogates
_UNPRINTED = frozenset([*range(33), 0xA0, 0x3000, 0xFEFF, 0xFFFE, *range(0xD800, 0xE000)])
_SPACES = frozenset((32, 0xA0, 0x3000))


def _char_codes(raw, count: int) -> list[int]:  # raw: FPDF_TEXTPAGE
    """The page's characters, one UTF-16 unit per character index as FPDFText_GetUnicode
    gives them, in one FPDFText_GetText call (a call per character was a third of the read)."""
    import pypdfium2.raw as c

    units = (ctypes.c_ushort * (count + 1))()
    got = c.FPDFText_GetText(raw, 0, count, units) if count else 0
    codes = units[:count] if got == count + 1 else [c.FPDFText_GetUnicode(raw, i) for i in range(count)]
    if 0xFFFE in codes:
        for i, code in enumerate(codes):
            if code == 0xFFFE:  # GetText writes PDFium's line-end hyphen mark (2) so: ask for this one
                codes[i] = c.FPDFText_GetUnicode(raw, i)
    return codes


def _page_segments(page, width: float, height: float) -> list[Seg]:
    """One page's characters -> segments in content-stream order."""
    import pypdfium2.raw as c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        handle = pdfium_calls.address(raw)
        codes = _char_codes(raw, c.FPDFText_CountChars(raw))
        printed = [i for i, code in enumerate(codes) if code not in _UNPRINTED]
        got, boxes = pdfium_calls.loose_boxes(handle, printed)
        # a landscape page: its running header and footer may be set sideways along its edges
        angles = pdfium_calls.char_angles(handle, printed) if width > height else None
        segs, turned = _segments(codes, printed, got, boxes, angles, height)
        segs += _turned_segments(turned)
        _font_of_segments(handle, segs)
        return [s for s in segs if s.text]
    finally:
        textpage.close()


def _segments(codes: list[int], printed: list[int], got: list[int], boxes: list[float], angles: list[float] | None,
              height: float) -> tuple[list[Seg], list[tuple[str, float, float, float, float, int, float]]]:
    """A page's characters -> segments, and the characters set sideways (`angles` given).

    `codes` are the page's UTF-16 units, `printed` the indexes of those that print a glyph
    with whether PDFium gave a box (`got`) and the boxes (left, top, right, bottom in PDF
    units, flat). This loop is most of a PDF's read (some 1,300 characters a page): the
    segment being built is kept in local variables, made a Seg when it ends, and the
    thresholds that scale with its height are worked out when that height changes."""
    text = unify("".join(map(chr, codes)))  # one character per code: text[i] is character i
    segs: list[Seg] = []
    turned: list[tuple[str, float, float, float, float, int, float]] = []
    # the segment being built (none while `chars` is empty)
    chars: list[str] = []
    xs: list[float] = []  # the x of each character (a table cell's column: readers.pdf_tables)
    x0 = x1 = seg_top = seg_bottom = seg_h = 0.0
    # its height times 0.6 (the overlap of a gap back), 1.6 (a gap forward), 0.82 (a smaller
    # character), 0.18 (a raised one; a gap between Latin letters), 0.9 (between ideographs), 1.2 (a taller one)
    back = ahead = smaller = rise = wide_gap = taller = 0.0
    first = last = 0
    space = False  # a space PDFium read or generated since the last character
    after = 0  # the index after the last printed character looked at
    for i, ok, left, box_top, right, box_bottom, angle in zip(printed, got, boxes[0::4], boxes[1::4], boxes[2::4],
                                                               boxes[3::4], angles if angles is not None else repeat(0.0)):
        if i != after:
            for code in codes[after:i]:
                if code == 2 and chars and chars[-1] != " ":
                    # PDFium's mark for a hyphen printed at a line's end ("COVID-" / "19)"): it is on the page
                    chars.append("-")
                    xs.append(x1)  # (one x per character)
                elif code in _SPACES:
                    space = True
        after = i + 1
        if not ok:
            continue
        top, bottom = height - box_top, height - box_bottom
        if angles is not None and 0.5 < angle % math.pi < math.pi - 0.5:
            turned.append((chr(codes[i]), left, top, right, bottom, i, angle))
            continue
        h = bottom - top
        if h <= 0.1 or right < left:
            continue
        ch = text[i]
        if chars:
            # (the comparisons are min() and max() written out: this runs per character)
            overlap = (seg_bottom if seg_bottom < bottom else bottom) - (seg_top if seg_top > top else top)
            gap = left - x1
            if overlap >= 0.4 * (seg_h if seg_h < h else h) and back <= gap <= ahead:
                if h < smaller and bottom < seg_bottom - rise and ch.isdigit():
                    ch = ch.translate(SUPER)  # a raised small digit: a note reference
                elif chars[-1] != " ":
                    wide = ord(chars[-1]) >= 0x2E80 and ord(ch) >= 0x2E80
                    if (space and not wide) or gap > (wide_gap if wide else rise):
                        chars.append(" ")
                        xs.append((x1 + left) / 2)
                chars.append(ch)
                xs.append((left + right) / 2)
                last = i
                space = False
                if right > x1:
                    x1 = right
                if h >= smaller:
                    if top < seg_top:
                        seg_top = top
                    if bottom > seg_bottom:
                        seg_bottom = bottom
                    if h > taller:
                        seg_h = h
                        back, ahead, smaller, rise, wide_gap, taller = -0.6 * h, 1.6 * h, 0.82 * h, 0.18 * h, 0.9 * h, 1.2 * h
                continue
            segs.append(Seg(x0, seg_top, x1, seg_bottom, seg_h, chars, first, last, xs=xs))
        x0, seg_top, x1, seg_bottom, seg_h = left, top, right, bottom, h
        back, ahead, smaller, rise, wide_gap, taller = -0.6 * h, 1.6 * h, 0.82 * h, 0.18 * h, 0.9 * h, 1.2 * h
        chars, xs = [ch], [(left + right) / 2]
        first = last = i
        space = False
    for code in codes[after:]:
        if code == 2 and chars and chars[-1] != " ":
            chars.append("-")
            xs.append(x1)
    if chars:
        segs.append(Seg(x0, seg_top, x1, seg_bottom, seg_h, chars, first, last, xs=xs))
    return segs, turned


def _font_of_segments(textpage: int, segs: list[Seg]) -> None:
    """Each segment's font size and weight, from PDFium's font of its characters."""
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    for seg in segs:
        # the size of most of the segment (a note's number may be printed larger or smaller)
        # (the median of three: the first's when the last's is the same, without asking the middle's)
        first, last = seg.first, seg.last
        size = pdfium_calls.font_size(textpage, first)
        if first != last:
            end = pdfium_calls.font_size(textpage, last)
            if end != size:
                size = sorted((size, pdfium_calls.font_size(textpage, (first + last) // 2), end))[1]
        seg.size = size
        length = pdfium_calls.font_info(textpage, first, name, flags)
        font = name.value[: max(0, length - 1)].lower() if length else b""
        seg.bold = (pdfium_calls.font_weight(textpage, first) >= 600 or b"bold" in font or b"heavy" in font
                    or b"black" in font or bool(flags.value & 0x40000))


def _turned_segments(chars: list[tuple[str, float, float, float, float, int, float]]) -> list[Seg]:
    """Characters set sideways -> one segment per run along the page, e.g. the "A/80/600"
    and "33/35" along a landscape page's edges. Runs are found by place (a PDF may draw
    one run's characters among another's); a run turned a quarter left (angle near pi/2)
    reads down the page, one turned right reads up it."""
    out: list[Seg] = []
    ordered = sorted(chars, key=lambda c: (round((c[1] + c[3]) / 4), c[2]))  # by column (2 pt), then down the page
    for ch, left, top, right, bottom, i, angle in ordered:
        cur = out[-1] if out else None
        across = right - left
        if cur is not None and min(right, cur.x1) - max(left, cur.x0) >= 0.4 * min(across, cur.height) \
                and -0.5 * across <= top - cur.bottom <= 1.2 * across:
            cur.chars.append(unify_char(ch) if ord(ch) >= 0x2E80 else ch)
            cur.xs.append((left + right) / 2)
            cur.top, cur.bottom = min(cur.top, top), max(cur.bottom, bottom)
            cur.x0, cur.x1 = min(cur.x0, left), max(cur.x1, right)
            cur.first, cur.last = min(cur.first, i), max(cur.last, i)
            continue
        if cur is not None and cur.size < 0:  # the run before read up the page
            cur.chars.reverse()
            cur.size = 0.0
        seg = Seg(left, top, right, bottom, across, [unify_char(ch) if ord(ch) >= 0x2E80 else ch], i, i,
                  xs=[(left + right) / 2], turned=True)
        seg.size = -1.0 if angle % (2 * math.pi) > math.pi else 0.0  # (a mark until the run is complete)
        out.append(seg)
    if out and out[-1].size < 0:
        out[-1].chars.reverse()
        out[-1].size = 0.0
    return out


def read_pdf(data: bytes, name: str, progress: Progress | None = None) -> SourceText:
    """A PDF's text as SourceText; InputError for a scan, an encrypted or damaged file."""
    if b"%%EOF" not in data[-2048:]:
        # PDFium opens a cut-off file too (it rebuilds the cross-reference table) and
        # quietly loses the pages past the cut
        raise InputError(f"{name}: the PDF is incomplete (cut off before its end; download or copy it again)")
    with PDFIUM_LOCK:
        document = _open(data, name)
        try:
            pages: list[list[Seg]] = []
            sizes: list[tuple[float, float]] = []
            rules: list[list[pdf_tables.Rect]] = []
            total = len(document)
            if total == 0:
                raise InputError(f"{name}: the PDF has no pages")
            for index in range(total):
                try:
                    page = document[index]
                except Exception:  # pypdfium2 raises PdfiumError for a page it cannot load
                    raise InputError(f"{name}: damaged PDF (page {index + 1} cannot be read)") from None
                try:
                    width, height = page.get_size()
                    sizes.append((width, height))
                    pages.append(_page_segments(page, width, height))
                    rules.append(pdf_tables.page_rules(page, height))
                finally:
                    page.close()
                if progress is not None:
                    progress(index + 1, total)
        finally:
            document.close()
    if sum(len(s.chars) for segs in pages for s in segs) < 20:
        raise InputError.of("pdf_no_text", path=name)
    return _assemble(pages, sizes, file_digest(data), rules)


# -- furniture ----------------------------------------------------------------------------


def _rows(segs: list[Seg]) -> list[list[Seg]]:
    """Segments grouped into rows (overlapping vertically), top to bottom."""
    rows: list[list[Seg]] = []
    for seg in sorted(segs, key=lambda s: (s.top, s.x0)):
        if rows:
            ref = rows[-1][0]  # the row's first segment: a tall one (rotated text) must not swallow the page
            top, bottom = ref.top, ref.bottom
            if min(bottom, seg.bottom) - max(top, seg.top) >= 0.4 * min(seg.height, bottom - top):
                rows[-1].append(seg)
                continue
        rows.append([seg])
    return rows


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def _edge_rows(rows: list[list[Seg]], height: float) -> tuple[list[int], list[int]]:
    """Indexes of the rows in the top and bottom zones (at most three each)."""
    head = [i for i, row in enumerate(rows[:3]) if row[0].bottom <= ZONE * height * 1.25]
    foot = [i for i in range(len(rows) - 1, max(-1, len(rows) - 5), -1) if rows[i][0].top >= (1 - ZONE * 1.25) * height]
    return head, foot


def _furniture(pages: list[list[Seg]], sizes: list[tuple[float, float]]) -> tuple[list[set[int]], str | None]:
    """Per page, the ids of furniture segments; and the symbol of the running header."""
    sideways = [_sideways_furniture(segs, size) for segs, size in zip(pages, sizes)]
    rows_by_page = [_rows([s for s in segs if id(s) not in edge]) for segs, edge in zip(pages, sideways)]
    counts: dict[tuple[str, str], set[int]] = {}
    for p, rows in enumerate(rows_by_page):
        head, foot = _edge_rows(rows, sizes[p][1])
        for where, indexes in (("head", head), ("foot", foot)):
            for i in indexes:
                for seg in rows[i]:
                    counts.setdefault((where, _key(seg.text)), set()).add(p)
    npages = len(pages)
    needed = 2 if npages <= 4 else max(2, int(0.25 * npages))
    # printed page numbers run with the page index (at a constant offset): a lone number
    # off that run at a page's top or foot is text (a chapter number starting a page)
    offsets: dict[int, int] = {}
    for p, rows in enumerate(rows_by_page):
        head, foot = _edge_rows(rows, sizes[p][1])
        for i in head + foot:
            for seg in rows[i]:
                if LONE_NUMBER_RE.fullmatch(seg.text.strip("- ")):
                    offset = int(seg.text.strip("- ")) - (p + 1)
                    offsets[offset] = offsets.get(offset, 0) + 1
    page_offset = max(offsets, key=lambda k: offsets[k]) if offsets else None
    if page_offset is not None and offsets[page_offset] < 2 and npages > 1:
        page_offset = None
    removed: list[set[int]] = [set(edge) for edge in sideways]
    symbols: dict[str, int] = {}
    for p, edge in enumerate(sideways):  # the symbol printed sideways along a landscape page counts too
        for seg in pages[p]:
            if id(seg) in edge and SYMBOL_RE.match("".join(seg.text.split())):
                symbols[" ".join(seg.text.split())] = symbols.get(" ".join(seg.text.split()), 0) + 1
    for p, rows in enumerate(rows_by_page):
        head, foot = _edge_rows(rows, sizes[p][1])
        for where, indexes in (("head", head), ("foot", foot)):
            for i in indexes:
                verdicts = []
                for seg in rows[i]:
                    compact = "".join(seg.text.split())
                    repeated = len(counts[(where, _key(seg.text))]) >= needed and len(compact) <= 80
                    pattern = bool(_page_number(seg.text, p + 1, npages, page_offset) or furniture_rules.JOB_RE.match(seg.text)
                                   or furniture_rules.BARCODE_RE.match(compact) or _job_or_barcode(seg.text))
                    verdicts.append((seg, repeated, pattern))
                # a page number or job number only when its whole row is furniture (a
                # contents line's page number sits beside its entry)
                whole = all(r or q for _s, r, q in verdicts)
                for seg, repeated, pattern in verdicts:
                    if repeated or (pattern and whole):
                        removed[p].add(id(seg))
                        compact = "".join(seg.text.split())
                        if where == "head" and SYMBOL_RE.match(compact) and repeated:
                            printed = " ".join(seg.text.split())
                            symbols[printed] = symbols.get(printed, 0) + 1
    # the printing notice, on one row or wrapped over two, anywhere on the page
    for p, rows in enumerate(rows_by_page):
        texts = [" ".join([s.text for s in row]) for row in rows]
        for i, text in enumerate(texts):
            if furniture_rules.is_notice(text.strip()):
                removed[p].update(id(s) for s in rows[i])
            elif i + 1 < len(texts) and text.startswith(NOTICE_STARTS) and furniture_rules.is_notice((text + texts[i + 1]).strip()):
                removed[p].update(id(s) for s in rows[i] + rows[i + 1])
    symbol = max(symbols, key=lambda k: symbols[k]) if symbols else None
    if symbol is None and rows_by_page:
        for row in rows_by_page[0][:6]:
            for seg in row:
                compact = "".join(seg.text.split()).rstrip("*")
                if SYMBOL_RE.match(compact) and "/" in compact:
                    symbol = " ".join(seg.text.split()).rstrip("*")
                    break
            if symbol:
                break
    return removed, symbol


def _sideways_furniture(segs: list[Seg], size: tuple[float, float]) -> dict[int, Seg]:
    """The running header and footer of a landscape page: text set sideways in the left or
    right margin (the page is meant to be turned; its symbol, "33/35" and job number run
    along the edges), by position alone."""
    width = size[0]
    edge = ZONE * 1.25 * width
    return {id(s): s for s in segs if s.turned and (s.x1 <= edge or s.x0 >= width - edge)}


def _page_number(text: str, page: int, npages: int, offset: int | None) -> bool:
    """A printed page number: "5", "- 5 -" (in the run of page numbers), "5/27" (of this
    document's pages), "第 5 页"."""
    if not PAGE_NUMBER_RE.match(text):
        return False
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if len(numbers) == 2 and "/" in text:
        return numbers[1] == npages and numbers[0] <= npages
    if LONE_NUMBER_RE.fullmatch(text.strip("- ")):
        return offset is not None and numbers[0] - page == offset
    return numbers[0] <= npages + 50

def _job_or_barcode(text: str) -> bool:
    """"26-00248 (E) 160126", "V.18-07654 (C)", "*2600248*" with odd spacing."""
    compact = "".join(text.split())
    return bool(re.match(r"^(V\.)?\d{2}-\d{5}\*?(\([A-Z]\))?(\d{6})?$", compact) or re.match(r"^\*\d{6,}\*$", compact))


# -- body, footnotes, columns ----------------------------------------------------------------


def _body_size(pages: list[list[Seg]]) -> float:
    """The font size of body text: the median over characters."""
    weighted = sorted((s.size or s.height, len(s.chars)) for segs in pages for s in segs)
    total = sum(n for _h, n in weighted)
    acc = 0
    for h, n in weighted:
        acc += n
        if acc >= total / 2:
            return h
    return 10.0


def _note_segments(segs: list[Seg], body: float) -> list[Seg]:
    """The footnote zone: segments printed smaller than the body with no body-size text
    below them in their column, the first of them starting with a note number."""
    big = [s for s in segs if (s.size or s.height) >= 0.92 * body]
    small = [s for s in segs if (s.size or s.height) < 0.92 * body]
    zone = [s for s in small if not any(t.top > s.top and t.x0 < s.x1 and s.x0 < t.x1 for t in big)]
    if not zone:
        return []
    ordered = [seg for row in _reading_order(zone) for seg in row]
    while ordered and not NOTE_START_RE.match(ordered[0].text):
        ordered.pop(0)
    if not ordered:
        return []
    top = min(s.top for s in ordered)
    return [s for s in zone if s.top >= top - 0.5]


def _gutter(segs: list[Seg]) -> float | None:
    """The x of a column gutter, if full text lines on both sides leave one."""
    if len(segs) < 8:
        return None
    x0 = min(s.x0 for s in segs)
    x1 = max(s.x1 for s in segs)
    w = x1 - x0
    if w <= 0:
        return None
    narrow = sorted((s.x0, s.x1) for s in segs if s.width < 0.6 * w)
    if len(narrow) < 6:
        return None
    # gaps in the union of narrow segments, within the middle of the text area
    best: tuple[float, float] | None = None
    reach = narrow[0][1]
    for a, b in narrow[1:]:
        if a > reach:
            lo, hi = reach, a
            if lo >= x0 + 0.2 * w and hi <= x0 + 0.8 * w and (best is None or hi - lo > best[1] - best[0]):
                best = (lo, hi)
        reach = max(reach, b)
    if best is None:
        return None
    gx = (best[0] + best[1]) / 2
    left = [s for s in segs if s.x1 <= gx]
    right = [s for s in segs if s.x0 >= gx]
    lw = gx - x0
    rw = x1 - gx
    full_left = sum(1 for s in left if s.width >= 0.75 * (best[0] - x0))
    full_right = sum(1 for s in right if s.width >= 0.75 * (x1 - best[1]))
    body_h = sorted(s.height for s in segs)[len(segs) // 2]
    if best[1] - best[0] < 0.6 * body_h or full_left < 3 or full_right < 3 or not 0.4 < lw / max(rw, 1e-6) < 2.5:
        return None
    return gx


def _reading_order(segs: list[Seg]) -> list[list[Seg]]:
    """Segments -> lines (lists of segments on one baseline, left to right) in reading order."""
    gx = _gutter(segs)
    if gx is None:
        return _lines(segs)
    spanning = _lines([s for s in segs if s.x0 < gx < s.x1])
    rest = [s for s in segs if not (s.x0 < gx < s.x1)]
    out: list[list[Seg]] = []
    lo = float("-inf")
    for line in spanning + [None]:  # type: ignore[operator]
        top = min(s.top for s in line) if line else float("inf")
        bottom = max(s.bottom for s in line) if line else float("inf")
        band = [s for s in rest if lo <= (s.top + s.bottom) / 2 < top]
        out += _lines([s for s in band if s.x1 <= gx])
        out += _lines([s for s in band if s.x0 >= gx])
        if line:
            beside = [s for s in rest if top <= (s.top + s.bottom) / 2 <= bottom]
            out.append(sorted(line + beside, key=lambda s: s.x0))
        lo = bottom
    return out


def _lines(segs: list[Seg]) -> list[list[Seg]]:
    return [sorted(row, key=lambda s: s.x0) for row in _rows(segs)]


def _line_text(row: list[Seg]) -> str:
    return " ".join(s.text for s in row)


def _assemble(pages: list[list[Seg]], sizes: list[tuple[float, float]], digest: str,
              rules: list[list[pdf_tables.Rect]] | None = None) -> SourceText:
    removed, symbol = _furniture(pages, sizes)
    body = _body_size(pages)
    lines: list[SourceLine] = []
    furniture: list[SourceLine] = []
    expected_note = 1
    tables = pdf_tables.Tables()
    if rules:
        rules = pdf_tables.running_rules(rules, sizes, ZONE * 1.25)
    for p, segs in enumerate(pages):
        number = p + 1
        for s in segs:
            if id(s) in removed[p]:
                furniture.append(SourceLine(s.text, number, (s.x0, s.top, s.x1, s.bottom), s.size, s.bold))
        content = [s for s in segs if id(s) not in removed[p]]
        # tables first (read from their rules and columns): their small type is no footnote zone
        content, table_rows, table_of = pdf_tables.take_tables(content, rules[p] if rules else [], sizes[p][0], tables)
        note_segs = _note_segments(content, body)
        noted = {id(s) for s in note_segs}
        body_segs = [s for s in content if id(s) not in noted] + table_rows
        previous: list[Seg] | None = None
        tables.ended_in = None
        for row in _reading_order(body_segs):
            if table_of and any(id(s) in table_of for s in row):
                previous = _table_lines(row, table_of, number, lines, previous)
                tables.ended_in = table_of[id(next(s for s in row if id(s) in table_of))]
                continue
            tables.ended_in = None
            if previous is not None and any(id(s) in table_of for s in previous):
                lines.append(SourceLine("", number))  # after a table's last row
            if previous is not None and _wrapped_heading(previous, row, body):
                # a bold title wrapped onto a second line (a narrow column): one line, as in the text
                joined = _source_line(row, number)
                last = lines[-1]
                glue = "" if (ord(last.text[-1]) >= 0x2E80 or ord(joined.text[0]) >= 0x2E80) else " "
                box = (min(last.box[0], joined.box[0]), last.box[1], max(last.box[2], joined.box[2]), joined.box[3])  # type: ignore[index]
                lines[-1] = SourceLine(last.text + glue + joined.text, number, box, last.size, True)
                previous = row
                continue
            if previous is not None and _gap_between(previous, row):
                lines.append(SourceLine("", number))
            lines.append(_source_line(row, number))
            previous = row
        if note_segs:
            lines.append(SourceLine("", number))
            for row in _reading_order(note_segs):
                text = _line_text(row)
                m = NOTE_START_RE.match(text)
                if m:
                    label = m.group(1).translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
                    if int(label) in (expected_note, 1) or (int(label) > expected_note and int(label) <= expected_note + 3):
                        expected_note = int(label) + 1
                        text = f"{label.translate(SUPER)} {m.group(2)}"
                lines.append(_source_line(row, number, text))
        lines.append(SourceLine("", number))
    return SourceText(kind="pdf", digest=digest, lines=tuple(lines), furniture=tuple(furniture), symbol=symbol,
                      pages=len(pages), page_sizes=tuple(sizes),
                      tables=tuple(tuple(tuple(row) for row in table) for table in tables.rows))


def _table_lines(row: list[Seg], table_of: dict[int, int], page: int, lines: list[SourceLine], previous: list[Seg] | None) -> list[Seg]:
    """A table row's line (role "table<n>"), set apart from the text around it by blank
    lines, and any text printed beside it as a line of its own."""
    rows = [s for s in row if id(s) in table_of]
    number = table_of[id(rows[0])]
    if lines and lines[-1].text and lines[-1].role != f"table{number}":
        lines.append(SourceLine("", page))
    for seg in rows:
        lines.append(replace(_source_line([seg], page), role=f"table{table_of[id(seg)]}"))
    beside = [s for s in row if id(s) not in table_of]
    if beside:
        lines.append(SourceLine("", page))
        lines.append(_source_line(beside, page))
    return row


def _wrapped_heading(a: list[Seg], b: list[Seg], body: float) -> bool:
    """Two bold lines of one size (at least the body's), set solid: one heading wrapped."""
    if not (all(s.bold for s in a) and all(s.bold for s in b)):
        return False
    size_a, size_b = max(s.size for s in a), max(s.size for s in b)
    if abs(size_a - size_b) > 0.5 or size_a < body * 0.98:
        return False
    gap = min(s.top for s in b) - max(s.bottom for s in a)
    text = _line_text(a)
    return -0.2 * size_a < gap < 0.75 * size_a and len(text) >= 8 and not text.endswith(("。", ".", "：", ":"))


def _gap_between(a: list[Seg], b: list[Seg]) -> bool:
    """A blank line between two lines: a vertical gap of most of a line, or a new column."""
    a_bottom = max(s.bottom for s in a)
    b_top = min(s.top for s in b)
    h = max(s.height for s in a)
    return b_top - a_bottom > 0.8 * h or b_top < a_bottom - 2 * h


def _source_line(row: list[Seg], page: int, text: str | None = None) -> SourceLine:
    if len(row) == 1:  # most lines: one segment (the same values, without a generator each)
        seg = row[0]
        return SourceLine(text if text is not None else seg.text, page, (seg.x0, seg.top, seg.x1, seg.bottom), seg.size, bool(seg.bold))
    box = (min(s.x0 for s in row), min(s.top for s in row), max(s.x1 for s in row), max(s.bottom for s in row))
    return SourceLine(text if text is not None else _line_text(row), page, box, max(s.size for s in row), all(s.bold for s in row))


# -- rendering -------------------------------------------------------------------------------


def render_page(data: bytes, index: int, dpi: float = 150.0, name: str = "<pdf>") -> tuple[int, int, bytes, str]:
    """Page `index` (0-based) -> (width, height, pixels, mode): mode "BGR" or "BGRA"/"BGRX"
    as PDFium gives it (3 bytes a pixel by default), rows packed without padding."""
    with PDFIUM_LOCK:
        document = _open(data, name)
        try:
            if not 0 <= index < len(document):
                raise InputError(f"{name}: no page {index + 1} (the document has {len(document)})")
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / 72.0)
                try:
                    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
                    channels = bitmap.n_channels
                    buffer = bytes(bitmap.buffer)
                    mode = bitmap.mode
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            document.close()
    row = width * channels
    if stride != row:
        buffer = b"".join(buffer[y * stride : y * stride + row] for y in range(height))
    return width, height, buffer, mode


def png_bytes(width: int, height: int, pixels: bytes, mode: str) -> bytes:
    """A PNG of BGR/BGRA/BGRX pixels (no imaging library in the core)."""
    import struct
    import zlib

    channels = len(pixels) // (width * height)
    out_rows = []
    for y in range(height):
        row = pixels[y * width * channels : (y + 1) * width * channels]
        if channels == 3:
            rgb = bytearray(row)
            rgb[0::3], rgb[2::3] = row[2::3], row[0::3]
        else:
            src = bytearray(row)
            rgb = bytearray(width * 3)
            rgb[0::3], rgb[1::3], rgb[2::3] = src[2::channels], src[1::channels], src[0::channels]
        out_rows.append(b"\x00" + bytes(rgb))

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(out_rows), 6)) + chunk(b"IEND", b"")
