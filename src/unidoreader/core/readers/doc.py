"""Old binary Word (.doc): converted to .docx by LibreOffice when `soffice` is installed.

The pure-Python readers of .doc were not adopted: antiword and catdoc are C programs
(not on every machine either), and python packages that read the binary format
(olefile-based text dumps) lose the numbering, footnotes and tables this app needs.
Without LibreOffice the user is told, in one line, to save the file as .docx or PDF.
An encrypted .docx is an OLE file too (an "EncryptedPackage" stream): said as such.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from unidoreader.core.errors import InputError
from unidoreader.core.readers import SourceText, file_digest

CONVERT_TIMEOUT_S = 180


def soffice() -> str | None:
    """The LibreOffice program, if installed (UNIDOREADER_SOFFICE overrides; "" disables)."""
    override = os.environ.get("UNIDOREADER_SOFFICE")
    if override is not None:
        return override or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes, name: str) -> SourceText:
    if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data[:1 << 20]:
        raise InputError(f"{name}: the Word file is encrypted (password-protected); save an unprotected copy")
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(f"{name}: not a Word .doc file (damaged, or something else named .doc)")
    program = soffice()
    if program is None:
        raise InputError(f"{name}: old Word .doc files need LibreOffice to be read; save it as .docx or PDF in Word")
    with tempfile.TemporaryDirectory(prefix="unidoreader-doc-") as tmp:
        source = Path(tmp) / "in.doc"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            done = subprocess.run(
                [program, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
                 "--outdir", tmp, str(source)],
                capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise InputError(f"{name}: LibreOffice could not convert the .doc file ({type(error).__name__})") from None
        converted = Path(tmp) / "in.docx"
        if done.returncode != 0 or not converted.exists():
            raise InputError(f"{name}: LibreOffice could not convert the .doc file (damaged?)")
        from unidoreader.core.readers.docx import read_docx
        from dataclasses import replace

        return replace(read_docx(converted.read_bytes(), name), digest=file_digest(data))
