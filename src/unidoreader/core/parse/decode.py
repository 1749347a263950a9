"""Bytes on disk -> report text: encoding detection and line-ending normalisation.

Reports arrive as UTF-8 (with or without BOM), UTF-16 (BOM, or BOM-less from some
Windows tools) or GB18030/GBK. Anything else, or anything that is not text at all,
is refused with an InputError naming the file, so nothing half-decoded reaches the library.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from unidoreader.core.errors import InputError

# UN reports are well under 2 MiB of text; refuse far bigger files (20 MiB) without reading them whole.
MAX_REPORT_BYTES = 20 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def normalise_newlines(text: str) -> str:
    """One line-ending convention ("\\n") and no BOM, whatever the source used."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    """Read and decode a report file; raise InputError("<path>: <what is wrong>") otherwise.

    Regular files only, and never more than MAX_REPORT_BYTES + 1 bytes of them
    (safeio.read_regular): a FIFO, a device or a file that grows is refused in one line."""
    from unidoreader.core.safeio import read_regular, shown

    path = Path(path)
    return decode_bytes(read_regular(path, MAX_REPORT_BYTES), shown(path))


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode report bytes, detecting the encoding; InputError("<name>: ...") if impossible."""
    if not data.strip(b" \t\r\n\x00\f"):
        raise InputError.of("empty", path=name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError.of("damaged_text", path=name, encoding=encoding.upper()) from None
            return _checked(text, name)
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        try:
            return _checked(data.decode(utf16), name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError.of("binary", path=name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError as error:
        # A file cut in the middle of a multi-byte character is still UTF-8: drop the stump.
        if error.start >= len(data) - 3 and error.reason in ("unexpected end of data",):
            return _checked(data[: error.start].decode("utf-8"), name)
    han_utf16 = _han_only_utf16(data)
    if han_utf16 is not None:
        return _checked(han_utf16, name)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError.of("encoding", path=name) from None
    if not _plausible_chinese(text):
        raise InputError.of("encoding", path=name)
    return _checked(text, name)


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit almost all on one parity (ASCII in UTF-16)."""
    sample = data[:8192]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    total = even + odd
    if total < 2:
        return None
    if odd >= 0.9 * total and odd >= len(sample) // 2 * 0.05:
        return "utf-16-le"
    if even >= 0.9 * total and even >= len(sample) // 2 * 0.05:
        return "utf-16-be"
    return None


def _han_only_utf16(data: bytes) -> str | None:
    """BOM-less UTF-16 of text with (almost) no ASCII has no NUL bytes to give it away;
    read as UTF-16 it is then nearly all common Han and CJK punctuation, which GB18030
    or UTF-8 bytes read as UTF-16 never are."""
    if len(data) % 2 or len(data) < 8:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        common = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                     or "\uff00" <= ch <= "\uffef" or ch in "\n\r\t " or " " <= ch <= "~")
        if common >= 0.97 * len(sample):
            return text
    return None


def _checked(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (binary that happened to decode)."""
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError.of("empty", path=name)
    sample = text[:20000]
    control = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\t\f\v")
    if "\x00" in sample or control > max(2, len(sample) // 100):
        raise InputError.of("binary", path=name)
    return text


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; real Chinese text uses mostly common (CJK basic) Han."""
    sample = text[:20000]
    non_ascii = [ch for ch in sample if ord(ch) > 0x7F]
    if not non_ascii:
        return True
    common = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return common >= 0.9 * len(non_ascii)
