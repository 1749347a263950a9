"""Regenerate resources/fonts/: the bundled CJK font, a subset of Noto CJK SC (OFL-1.1).

Why a subset, and why this one:
- Size: the Noto CJK collections are 19-26 MB each; the subset keeps what Chinese
  reports use (all of U+4E00-U+9FFF, CJK punctuation, full-width forms, Latin, digits,
  enclosed ㈠-㈩, superscripts ¹²³, common symbols).
- Copy-back text: stock Noto maps the Kangxi radicals (U+2F00-U+2FDF) and the CJK
  radicals supplement (U+2E80-U+2EFF) to the SAME glyphs as the unified ideographs, and
  Qt's PDF writer picked the radical code point for the ToUnicode map, so `pdftotext`
  gave ⼯ ⽬ ⼊ for 工 目 入. The subset leaves those blocks (and the compatibility
  ideographs, which alias glyphs the same way) out, and keeps one code point per shared
  glyph elsewhere too (see drop_aliases; Qt maps a glyph back to its lowest code point).
- One face, Sans Regular (5 MB; Qt synthesises bold for headings). Serif alone came to
  13 MB. Outlines: CFF kept (smaller than TrueType). Qt 6's PDF writer turns
  the glyphs it uses into an embedded CID TrueType subset with a ToUnicode map either way
  (checked with pdffonts); `--truetype` converts with fontTools cu2qu should a Qt
  version ever embed CFF badly.
- No GSUB: see build_face.
- Name: the family is renamed ("Unidoreader Sans SC") so Qt never confuses it with a system-wide Noto CJK that still carries the radicals, and
  because a modified OFL font should not pose as the original.

Usage (needs fontTools, the Debian package fonts-noto-cjk or the same .ttc files):
    python packaging/make_font_subset.py [--source-dir /usr/share/fonts/opentype/noto]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "resources" / "fonts"
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto")

# (output file, source collection, face name inside it, new family name)
# One face keeps the bundle small (about 9 MB); Qt synthesises bold for headings.
# (The Serif face alone comes to 13 MB, the pair to over 20 MB.)
FACES = (
    ("UnidoreaderSansSC-Regular.otf", "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Unidoreader Sans SC", "Regular"),
)

KEEP_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x017F),  # Latin-1 (¹²³ · × ÷ é) and Latin Extended-A (names)
    (0x02C6, 0x02DD),  # spacing modifiers (ˇ ˉ)
    (0x0391, 0x03C9),  # Greek (α β Σ in figures)
    (0x0401, 0x0451),  # Cyrillic basic (Russian names in UN documents)
    (0x2000, 0x206F),  # general punctuation: — – ‘ ’ “ ” … ‰ ※ •
    (0x2070, 0x209F),  # superscripts ⁴⁵… and subscripts
    (0x20A0, 0x20CF),  # currency: €
    (0x2100, 0x214F),  # letterlike: ℃ № ™
    (0x2150, 0x218F),  # number forms: Ⅰ Ⅱ Ⅲ
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: ≤ ≥ ± √
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ⑴ ⒈
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes: ■ ● ○ ◆
    (0x2600, 0x26FF),  # miscellaneous symbols: ★ ☆
    (0x3000, 0x303F),  # CJK symbols and punctuation: 　、。《》「」【】〔〕
    (0x3200, 0x32FF),  # enclosed CJK letters and months: ㈠-㈩ ㊀
    (0x3380, 0x33FF),  # CJK compatibility units: ㎡ ㎏ ㎞
    (0x4E00, 0x9FFF),  # CJK unified ideographs (GB2312/GBK/GB18030 common set and more)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)

# Blocks whose code points alias glyphs of the unified ideographs (see module docstring).
FORBIDDEN_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2FDF),  # CJK radicals supplement + Kangxi radicals
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
)

NAME_IDS_TO_RENAME = (1, 3, 4, 6, 16, 17, 18, 21, 22)


def in_ranges(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def load_face(collection: Path, face_name: str) -> TTFont:
    for font in TTCollection(str(collection)).fonts:
        if font["name"].getDebugName(4) in (face_name, f"{face_name} Bold") or font["name"].getDebugName(1) == face_name:
            return font
    raise SystemExit(f"{collection}: no face named {face_name!r}")


def wanted_codepoints(font: TTFont) -> list[int]:
    cmap = font.getBestCmap()
    return sorted(cp for cp in cmap if in_ranges(cp, KEEP_RANGES) and not in_ranges(cp, FORBIDDEN_RANGES))


# Where Noto gives two code points one glyph, the one Chinese text uses wins (checked on
# the seeds and common usage); the other is left to a fallback font.
PREFERRED = {0x002D, 0x2013, 0x00B7, 0x2026, 0xFF0F, 0xFF40, 0xFF5E}
# Pairs allowed to keep sharing a glyph: text with the second may extract as the first,
# which is harmless (a bullet • coming back as a middle dot ·), while dropping the bullet
# would print it in another font.
SHARED_OK = {0x2022: 0x00B7}


def drop_aliases(font: TTFont, codepoints: list[int]) -> list[int]:
    """Keep one code point per glyph, so a PDF's ToUnicode map cannot pick a look-alike
    (Qt maps a glyph back to one code point). Preference: PREFERRED, then unified
    ideographs, then ASCII, then the lowest code point; SHARED_OK pairs stay together."""
    cmap = font.getBestCmap()
    by_glyph: dict[str, list[int]] = {}
    for cp in codepoints:
        by_glyph.setdefault(cmap[cp], []).append(cp)
    dropped: set[int] = set()
    for cps in by_glyph.values():
        if len(cps) < 2:
            continue
        keep = min(cps, key=lambda cp: (cp not in PREFERRED, not 0x4E00 <= cp <= 0x9FFF, not chr(cp).isascii(), cp))
        for cp in cps:
            if cp == keep or SHARED_OK.get(cp) == keep:
                continue
            if chr(cp).isspace() and chr(keep).isspace():
                continue  # U+00A0 vs U+0020: either is a space
            dropped.add(cp)
    return [cp for cp in codepoints if cp not in dropped]


def cff_to_glyf(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF outlines with quadratic TrueType outlines (what Qt embeds properly)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(glyph_order)
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    for tag in ("CFF ", "VORG", "vhea", "vmtx"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def rename(font: TTFont, family: str, style: str) -> None:
    names = font["name"]
    full = f"{family} {style}" if style != "Regular" else family
    ps = f"{family.replace(' ', '')}-{style}"
    values = {1: family, 2: style, 3: f"unidoreader:{ps}", 4: full, 6: ps, 16: family, 17: style}
    for record in list(names.names):
        if record.nameID in NAME_IDS_TO_RENAME and record.nameID not in values:
            names.removeNames(nameID=record.nameID)
    for name_id, value in values.items():
        names.removeNames(nameID=name_id)
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    description = names.getDebugName(10) or ""
    names.setName(
        (description + " " if description else "")
        + "Subset of Noto CJK SC for unidoreader (packaging/make_font_subset.py); "
        "no GSUB; radical and compatibility blocks removed.",
        10, 3, 1, 0x409,
    )
    if "CFF " in font:
        font["CFF "].cff.fontNames = [ps]


def build_face(source: Path, face: str, family: str, style: str, out: Path, truetype: bool) -> None:
    font = load_face(source, face)
    codepoints = drop_aliases(font, wanted_codepoints(font))
    options = subset.Options()
    # No GSUB at all: Qt's PDF writer builds ToUnicode by reverse cmap lookup, so any
    # glyph reached only by substitution (Noto's 'locl' digits, 'liga' fi) would be
    # printed but lost from the extracted text ("2018" came back empty).
    options.layout_features = ["kern", "palt", "halt", "vkrn"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    options.drop_tables += ["GSUB", "VORG", "vhea", "vmtx", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    if truetype:
        cff_to_glyf(font)
    rename(font, family, style)
    font.save(str(out))
    check(out)
    print(f"{out.relative_to(REPO)}: {len(codepoints)} code points, {out.stat().st_size / 1e6:.1f} MB")


def check(path: Path) -> None:
    """Refuse a font that would extract wrongly: no forbidden block, no aliased glyph."""
    font = TTFont(str(path))
    cmap = font.getBestCmap()
    bad = [cp for cp in cmap if in_ranges(cp, FORBIDDEN_RANGES)]
    if bad:
        raise SystemExit(f"{path}: still maps {len(bad)} radical/compatibility code points")
    for required in "工目入㈠㈩¹²³，。、（）《》“”—…€":
        if ord(required) not in cmap:
            raise SystemExit(f"{path}: missing {required!r}")


def write_licence(source_dir: Path) -> None:
    """The OFL text and the copyright notice travel with the font (OFL condition 2)."""
    font = load_face(source_dir / FACES[0][1], FACES[0][2])
    copyright_line = font["name"].getDebugName(0) or "Copyright 2014-2021 Adobe (http://www.adobe.com/)."
    debian = Path("/usr/share/doc/fonts-noto-cjk/copyright")
    ofl = ""
    if debian.exists():
        text = debian.read_text(encoding="utf-8")
        start = text.index("License: SIL-1.1\n ---")
        body = text[start:].split("\n\n", 1)[0].splitlines()[1:]
        ofl = "\n".join("" if line.strip() == "." else line[1:] for line in body)
    if not ofl:
        raise SystemExit("cannot find the OFL text (install fonts-noto-cjk)")
    header = (
        "The fonts in this folder are modified versions (subsets without GSUB,\n"
        "renamed family) of Noto Sans CJK SC, made by\n"
        "packaging/make_font_subset.py from the Debian package fonts-noto-cjk.\n"
        "Upstream: https://github.com/notofonts/noto-cjk\n\n"
        f"{copyright_line}\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n"
    )
    (OUT_DIR / "OFL.txt").write_text(header + ofl.rstrip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--only", help="build only the output file with this name")
    parser.add_argument("--truetype", action="store_true", help="convert the outlines to TrueType (.ttf)")
    args = parser.parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for out_name, collection, face, family, style in FACES:
        if args.only and args.only != out_name:
            continue
        if args.truetype:
            out_name = out_name.replace(".otf", ".ttf")
        build_face(args.source_dir / collection, face, family, style, OUT_DIR / out_name, args.truetype)
    write_licence(args.source_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
