""".docx -> SourceText: paragraphs with their printed labels, footnotes, tables, headings.

python-docx opens the package and hands over the XML; the rest is done here because
python-docx does not do it: automatic numbering labels (`readers.numbering`), footnotes
from the footnotes part (the reference stays where it stands, as a superscript label;
the note follows the paragraph as a "¹ text" line, the form the parser reads), tables
row by row (their cells kept in `SourceText.tables`, rows marked with role "table"),
headings by style (role "headingN"), and the symbol from the page header.

Word files have no fixed pages: lines carry no page.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from unidoreader.core.errors import InputError
from unidoreader.core.readers import SourceLine, SourceText, file_digest
from unidoreader.core.readers.cjk import unify
from unidoreader.core.readers.numbering import W, Numbering

SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
SYMBOL_RE = re.compile(r"^[A-Z]{1,8}(\.\d{1,3})?(/[A-Za-z0-9.()\-]+)+$")
#: The UN's heading styles ("_ H _Ch", "_ H_1", "_ H_2/3", "_ H_4", "_ H_5/6", or "HCh_G"…,
#: compared without spaces, underscores and slashes) and the level each prints (issue 14):
#: the outline levels Word keeps for them put HCh and H1 both at level 1.
UN_HEADING_STYLES = {"hch": 1, "h1": 2, "h23": 3, "h4": 4, "h56": 5}


def _open(data: bytes, name: str) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
                raise InputError(f"{name}: a zip archive, but not a Word document (no word/document.xml in it)")
            bad = archive.testzip()
            if bad is not None:
                raise InputError(f"{name}: damaged Word file ({bad} is corrupt)")
    except zipfile.BadZipFile:
        raise InputError(f"{name}: damaged or incomplete Word file (not a readable zip archive)") from None
    except (EOFError, OSError, zipfile.LargeZipFile) as error:
        raise InputError(f"{name}: damaged Word file ({error})") from None
    try:
        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise InputError(f"{name}: not a readable Word .docx file ({type(error).__name__})") from None
    except Exception as error:  # lxml's XMLSyntaxError and kin: a damaged part
        raise InputError(f"{name}: damaged Word file ({type(error).__name__}: {str(error)[:80]})") from None


def read_docx(data: bytes, name: str) -> SourceText:
    """A .docx file's text as SourceText; InputError with one line if unreadable."""
    document = _open(data, name)
    try:
        return _Reader(document).read(file_digest(data))
    except InputError:
        raise
    except Exception as error:  # a part python-docx opened but whose XML is not what Word writes
        raise InputError(f"{name}: damaged Word file ({type(error).__name__}: {str(error)[:80]})") from None


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        part = document.part
        numbering_xml = None
        try:
            numbering_xml = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_xml = None
        try:
            styles_xml = part.styles.element
        except (KeyError, AttributeError):
            styles_xml = None
        self.numbering = Numbering(numbering_xml, styles_xml)
        self.notes = self._footnotes(part)
        self.note_counter = 0
        self.lines: list[SourceLine] = []
        self.tables: list[tuple[tuple[str, ...], ...]] = []

    def _footnotes(self, part: Any) -> dict[str, Any]:
        from lxml import etree

        for rel in part.rels.values():
            if rel.reltype == FOOTNOTES_REL and not rel.is_external:
                root = etree.fromstring(rel.target_part.blob)
                return {note.get(W + "id"): note for note in root.iter(W + "footnote")
                        if note.get(W + "type") not in ("separator", "continuationSeparator", "continuationNotice")}
        return {}

    def read(self, digest: str) -> SourceText:
        body = self.document.element.body
        self._blocks(body)
        while self.lines and not self.lines[-1].text:
            self.lines.pop()
        return SourceText(kind="docx", digest=digest, lines=tuple(self.lines), symbol=self._symbol(), tables=tuple(self.tables),
                          furniture=tuple(self._headers_and_footers()), header=self._first_header())

    def _headers_and_footers(self) -> list[SourceLine]:
        """The text of the page headers and footers: furniture, read for what it says (the
        symbol, the annual report's running title)."""
        from lxml import etree

        out: list[SourceLine] = []
        for rel in self.document.part.rels.values():
            if rel.is_external or not rel.reltype.endswith(("/header", "/footer")):
                continue
            try:
                root = etree.fromstring(rel.target_part.blob)
            except Exception:  # an unreadable header is no reason to refuse the document
                continue
            for p in root.iter(W + "p"):
                text = " ".join("".join(t.text or "" for t in p.iter(W + "t")).split())
                if text:
                    out.append(SourceLine(unify(text), role="header" if rel.reltype.endswith("/header") else "footer"))
        return out

    def _blocks(self, parent: Any) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child)
            elif tag == W + "tbl":
                self._table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._blocks(content)
            elif tag in (W + "customXml", W + "ins"):
                self._blocks(child)

    def _paragraph(self, p: Any) -> None:
        label = self.numbering.label(p)
        text, notes = self._runs(p)
        heading = self._un_level(p) or self.numbering.heading_level(p)
        if not text.strip() and not label:
            return
        pieces = text.split("\n")
        first = f"{label} {pieces[0].strip()}" if label else pieces[0].strip()
        role = f"heading{heading}" if heading else ""
        self.lines.append(SourceLine(unify(first), role=role))
        for piece in pieces[1:]:
            if piece.strip():
                self.lines.append(SourceLine(unify(piece.strip()), role=role))
        self.lines.append(SourceLine(""))
        for mark, note in notes:
            note_text, _ = self._note_text(note)
            self.lines.append(SourceLine(unify(f"{mark} {note_text.strip()}")))
            self.lines.append(SourceLine(""))

    def _note_text(self, note: Any) -> tuple[str, list]:
        parts = []
        for p in note.iter(W + "p"):
            text, _ = self._runs(p, in_note=True)
            parts.append(text.replace("\n", " ").strip())
        return " ".join(x for x in parts if x), []

    def _runs(self, p: Any, in_note: bool = False) -> tuple[str, list[tuple[str, Any]]]:
        """A paragraph's printed text (deleted and hidden text left out, text boxes too) and
        the footnotes it cites, each with the mark printed for it."""
        out: list[str] = []
        notes: list[tuple[str, Any]] = []
        custom_next = False
        for el in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "footnoteReference", W + "noBreakHyphen",
                         W + "softHyphen", W + "sym", W + "footnoteRef", W + "txbxContent"):
            if _skipped(el, p):
                continue
            tag = el.tag
            if tag == W + "t":
                if custom_next:
                    custom_next = False
                    if notes and notes[-1][0] == "":
                        notes[-1] = (el.text or "", notes[-1][1])
                out.append(el.text or "")
            elif tag == W + "tab":
                out.append(" ")
            elif tag in (W + "br", W + "cr"):
                out.append("\n" if el.get(W + "type") in (None, "textWrapping") else " ")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "sym":
                code = el.get(W + "char")
                if code:
                    try:
                        value = int(code, 16)
                        out.append(chr(value - 0xF000) if value >= 0xF000 else chr(value))
                    except ValueError:
                        pass
            elif tag == W + "footnoteReference":
                note = self.notes.get(el.get(W + "id"))
                if el.get(W + "customMarkFollows") in ("1", "true", "on"):
                    custom_next = True
                    if note is not None:
                        notes.append(("", note))
                    continue
                self.note_counter += 1
                mark = str(self.note_counter).translate(SUPER)
                out.append(mark)
                if note is not None:
                    notes.append((mark, note))
        return "".join(out), [(m or "*", n) for m, n in notes]

    def _table(self, tbl: Any) -> None:
        if _layout_box(tbl):
            # a one-column table is a box round text (the UN's summary, a masthead): its
            # paragraphs are read as paragraphs
            for tr in tbl.iterchildren(W + "tr"):
                for tc in tr.iterchildren(W + "tc"):
                    self._blocks(tc)
            return
        rows: list[tuple[str, ...]] = []
        for tr in tbl.iterchildren(W + "tr"):
            cells = []
            for tc in tr.iterchildren(W + "tc"):
                tcpr = tc.find(W + "tcPr")
                merge = tcpr.find(W + "vMerge") if tcpr is not None else None
                if merge is not None and merge.get(W + "val") in (None, "continue"):
                    cells.append("")
                    continue
                texts = []
                for p in tc.iter(W + "p"):
                    text, notes = self._runs(p)
                    label = self.numbering.label(p)
                    text = " ".join(text.split())
                    if label:
                        text = f"{label} {text}"
                    if text:
                        texts.append(text)
                cells.append(unify(" ".join(texts)))
                span = tcpr.find(W + "gridSpan") if tcpr is not None else None
                if span is not None and (span.get(W + "val") or "1").isdigit():
                    cells.extend([""] * (int(span.get(W + "val")) - 1))
            if any(cells):
                rows.append(tuple(cells))
        if not rows:
            return
        self.tables.append(tuple(rows))
        for row in rows:
            self.lines.append(SourceLine("  ".join(c for c in row if c), role=f"table{len(self.tables) - 1}"))
        self.lines.append(SourceLine(""))

    def _un_level(self, p: Any) -> int | None:
        """The level of a paragraph in one of the UN's heading styles, or of a paragraph
        given an outline level by hand, from its type: 14 pt bold 1, 12 pt bold 2, bold 3,
        italic 4 (the UN's styles print so); None for anything else."""
        ppr = p.find(W + "pPr")
        style = ppr.find(W + "pStyle") if ppr is not None else None
        sid = style.get(W + "val") if style is not None else None
        name = re.sub(r"[^a-z0-9]", "", self.numbering.style_names.get(sid or "", "").lower())
        name = name[:-1] if name.endswith("g") and name[:-1] in UN_HEADING_STYLES else name
        if name in UN_HEADING_STYLES:
            return UN_HEADING_STYLES[name]
        outline = ppr.find(W + "outlineLvl") if ppr is not None else None
        if outline is None or not UN_HEADING_STYLES.keys() & {
                re.sub(r"[^a-z0-9]", "", n.lower()) for n in self.numbering.style_names.values()}:
            return None
        rpr = next((r.find(W + "rPr") for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()), None)
        if rpr is None:
            return None

        def on(tag: str) -> bool:
            el = rpr.find(W + tag)
            return el is not None and el.get(W + "val") not in ("0", "false", "off")

        size_el = rpr.find(W + "sz")
        size = int(size_el.get(W + "val")) / 2 if size_el is not None and (size_el.get(W + "val") or "").isdigit() else 10.0
        if on("b"):
            return 1 if size >= 13.5 else 2 if size >= 11.5 else 3
        return 4 if on("i") else None

    def _first_header(self) -> tuple[str, ...]:
        """The lines of the first page's header (the UN's Word cover prints the symbol,
        "Distr.: General", the date and "Original: English" there)."""
        try:
            section = self.document.sections[0]
            header = section.first_page_header if section.different_first_page_header_footer else section.header
            element = header._element
        except Exception:  # no header part, or one python-docx cannot read
            return ()
        out = []
        for p in element.iter(W + "p"):
            text = " ".join("".join(t.text or "" for t in p.iter(W + "t")).split())
            if text:
                out.append(unify(text))
        return tuple(out)

    def _symbol(self) -> str | None:
        """The symbol printed in a page header (the first section's), as the UN's Word files have it."""
        try:
            sections = list(self.document.sections)
        except Exception:  # a sectPr python-docx cannot read: no symbol, nothing lost
            return None
        for section in sections[:2]:
            for header in (section.first_page_header, section.header, section.even_page_header):
                try:
                    if header.is_linked_to_previous and section is not sections[0]:
                        continue
                    element = header._element
                except Exception:  # no such header part
                    continue
                for p in element.iter(W + "p"):
                    text = "".join(t.text or "" for t in p.iter(W + "t")).strip()
                    compact = "".join(text.split()).rstrip("*")
                    if compact and SYMBOL_RE.match(compact) and "/" in compact:
                        return " ".join(text.split()).rstrip("*")
        return None


def _layout_box(tbl: Any) -> bool:
    """A table used as a frame: no row has two cells with text in them."""
    for tr in tbl.iterchildren(W + "tr"):
        filled = 0
        for tc in tr.iterchildren(W + "tc"):
            if any((t.text or "").strip() for t in tc.iter(W + "t")):
                filled += 1
        if filled > 1:
            return False
    return True


def _skipped(el: Any, p: Any) -> bool:
    """Text that is not printed in this paragraph: deleted, hidden, in a text box or in the
    fallback copy of a drawing, or in a nested paragraph (a text box's own)."""
    node = el.getparent()
    while node is not None and node is not p:
        tag = node.tag
        if tag in (W + "del", W + "txbxContent", MC_FALLBACK, W + "p") or tag == W + "moveFrom":
            return True
        if tag == W + "r":
            rpr = node.find(W + "rPr")
            if rpr is not None:
                vanish = rpr.find(W + "vanish")
                if vanish is not None and vanish.get(W + "val") not in ("0", "false"):
                    return True
        node = node.getparent()
    return el.tag == W + "txbxContent"
