"""Typed errors: every failure a user can cause is one of these, with a one-line message.

The CLI prints `str(error)` and exits non-zero; the GUI shows it in a message box.
Anything else escaping the core is a bug.
"""

from __future__ import annotations


# The messages a user meets most (reading files to import, naming documents), by code.
# An error raised with a code keeps it and its parameters, so that the GUI can show it
# in the interface language (gui/errors.py holds the same English texts for Qt's
# translation tools; a test keeps the two lists equal). Placeholders: {name}.
MESSAGES: dict[str, str] = {
    "is_folder": "{path}: is a folder, not a file",
    "too_large": "{path}: too large ({size} MiB; the limit is {limit} MiB)",
    "is_fifo": "{path}: is a named pipe (FIFO), not a regular file; only files can be read",
    "is_device": "{path}: is a device, not a regular file; only files can be read",
    "not_regular": "{path}: is not a regular file; only files can be read",
    "empty": "{path}: the file is empty",
    "missing": "{path}: no such file",
    "unreadable": "{path}: cannot read: {reason}",
    "binary": "{path}: not a text file (binary content)",
    "damaged_text": "{path}: damaged {encoding} text (invalid byte sequence)",
    "encoding": "{path}: unknown text encoding (not UTF-8, UTF-16 or GB18030)",
    "not_pdf": "{path}: not a PDF file (damaged, or something else named .pdf)",
    "not_docx": "{path}: not a Word .docx file (damaged, or something else named .docx)",
    "not_pdf_or_word": "{path}: not a PDF or Word file",
    "pdf_encrypted": "{path}: the PDF is encrypted (password-protected); save an unprotected copy",
    "pdf_no_text": "{path}: the PDF has no text layer (a scan?); run OCR on it first (not done here)",
    "no_document": "no document {doc} in the library",
    "ambiguous": "{ref} matches {count} documents; give more of the id",
    "unknown_ref": "{ref} is neither a document id nor a readable file",
}


def _rebuild(cls: type, message: str, code: str | None, params: dict[str, object]) -> "UnidoreaderError":
    error = cls(message)
    error.code, error.params = code, params
    return error


class UnidoreaderError(Exception):
    """Base of every error the user is meant to read. `code` and `params` (see MESSAGES)
    say what went wrong in a form the GUI can translate; str() is the English line."""

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        if code is not None and not message:
            message = MESSAGES[code].format(**params)
        super().__init__(message)
        self.code = code
        self.params = params

    @classmethod
    def of(cls, code: str, **params: object) -> "UnidoreaderError":
        """The error for `code` (a key of MESSAGES) with its parameters."""
        return cls(code=code, **params)

    def __reduce__(self):  # noqa: ANN204 - pickling across worker processes keeps the code
        return (_rebuild, (type(self), str(self), self.code, self.params))


class InputError(UnidoreaderError):
    """A file that cannot be read as a report (binary, empty, unreadable, undecodable)."""


class UnknownDocumentError(UnidoreaderError):
    """A document id (or path) that names nothing."""


class LibraryError(UnidoreaderError):
    """The library folder cannot be used (not writable, damaged catalog...)."""
