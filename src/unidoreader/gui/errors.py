"""Core errors in the interface language.

The core raises typed errors with a code and parameters (core.errors.MESSAGES, in
English for the command line); here each code has the same English text, marked for
Qt's translation tools, and `describe()` fills it in the current language. An error
without a code (rare ones) is shown as the core wrote it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

CONTEXT = "CoreErrors"

TEMPLATES: dict[str, str] = {
    "is_folder": QT_TRANSLATE_NOOP("CoreErrors", "{path}: is a folder, not a file"),
    "too_large": QT_TRANSLATE_NOOP("CoreErrors", "{path}: too large ({size} MiB; the limit is {limit} MiB)"),
    "is_fifo": QT_TRANSLATE_NOOP("CoreErrors", "{path}: is a named pipe (FIFO), not a regular file; only files can be read"),
    "is_device": QT_TRANSLATE_NOOP("CoreErrors", "{path}: is a device, not a regular file; only files can be read"),
    "not_regular": QT_TRANSLATE_NOOP("CoreErrors", "{path}: is not a regular file; only files can be read"),
    "empty": QT_TRANSLATE_NOOP("CoreErrors", "{path}: the file is empty"),
    "missing": QT_TRANSLATE_NOOP("CoreErrors", "{path}: no such file"),
    "unreadable": QT_TRANSLATE_NOOP("CoreErrors", "{path}: cannot read: {reason}"),
    "binary": QT_TRANSLATE_NOOP("CoreErrors", "{path}: not a text file (binary content)"),
    "damaged_text": QT_TRANSLATE_NOOP("CoreErrors", "{path}: damaged {encoding} text (invalid byte sequence)"),
    "encoding": QT_TRANSLATE_NOOP("CoreErrors", "{path}: unknown text encoding (not UTF-8, UTF-16 or GB18030)"),
    "not_pdf": QT_TRANSLATE_NOOP("CoreErrors", "{path}: not a PDF file (damaged, or something else named .pdf)"),
    "not_docx": QT_TRANSLATE_NOOP("CoreErrors", "{path}: not a Word .docx file (damaged, or something else named .docx)"),
    "not_pdf_or_word": QT_TRANSLATE_NOOP("CoreErrors", "{path}: not a PDF or Word file"),
    "pdf_encrypted": QT_TRANSLATE_NOOP("CoreErrors", "{path}: the PDF is encrypted (password-protected); save an unprotected copy"),
    "pdf_no_text": QT_TRANSLATE_NOOP("CoreErrors", "{path}: the PDF has no text layer (a scan?); run OCR on it first (not done here)"),
    "no_document": QT_TRANSLATE_NOOP("CoreErrors", "no document {doc} in the library"),
    "ambiguous": QT_TRANSLATE_NOOP("CoreErrors", "{ref} matches {count} documents; give more of the id"),
    "unknown_ref": QT_TRANSLATE_NOOP("CoreErrors", "{ref} is neither a document id nor a readable file"),
}


def describe(error: BaseException) -> str:
    """The error's message in the interface language (its English text if it has no code)."""
    code = getattr(error, "code", None)
    template = TEMPLATES.get(code) if code else None
    if template is None:
        return str(error)
    text = QCoreApplication.translate(CONTEXT, template)
    params = getattr(error, "params", {}) or {}
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return str(error)
