"""The bundled CJK font: registered once, covers what Chinese reports print, and leaves
out the radical blocks that made PDF text come back as ⼯ ⽬ ⼊."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QRawFont

from unidoreader.gui.fonts import CJK_FAMILY, font_files, register_bundled_fonts


def has_glyph(font: QRawFont, ch: str) -> bool:
    # (QRawFont.supportsCharacter misreports some ideographs; the cmap lookup is exact)
    return font.glyphIndexesForString(ch) != [0]


def raw_font() -> QRawFont:
    (path,) = [p for p in font_files() if "Sans" in p.name]
    font = QRawFont(str(path), 12)
    assert font.isValid()
    return font


def test_registration_is_idempotent(qapp) -> None:
    first = register_bundled_fonts()
    assert first == register_bundled_fonts() == [CJK_FAMILY]
    assert CJK_FAMILY in QFontDatabase.families()


def test_covers_the_characters_of_chinese_reports(qapp) -> None:
    font = raw_font()
    # GBK/GB18030's unified ideographs; U+58FF is drawn by Noto with the glyph of U+58AB,
    # so the subset leaves it to a fallback font rather than extract one as the other.
    wanted = [chr(c) for c in range(0x4E00, 0x9FA6) if c != 0x58FF]
    wanted += list("㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩¹²³⁴，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’—–…·•～／％＋－０１２３€$")
    wanted += [chr(c) for c in range(0x21, 0x7F)] + [chr(c) for c in range(0xFF01, 0xFF5F)]
    missing = [ch for ch in wanted if not has_glyph(font, ch)]
    assert not missing, missing[:20]


def test_leaves_out_radicals_and_compatibility_ideographs(qapp) -> None:
    font = raw_font()
    aliases = [chr(c) for c in (*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00))]
    assert not [ch for ch in aliases if has_glyph(font, ch)]


def test_licence_travels_with_the_font() -> None:
    folder = font_files()[0].parent
    licence = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
    assert sum(p.stat().st_size for p in font_files()) < 15_000_000
