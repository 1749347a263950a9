"""Typed errors: every failure a user can cause is one of these, with a one-line message.

The CLI prints `str(error)` and exits non-zero; the GUI shows it in a message box.
Anything else escaping the core is a bug.
"""

from __future__ import annotations


class UnidoreaderError(Exception):
    """Base of every error the user is meant to read."""


class InputError(UnidoreaderError):
    """A file that cannot be read as a report (binary, empty, unreadable, undecodable)."""


class UnknownDocumentError(UnidoreaderError):
    """A document id (or path) that names nothing."""


class LibraryError(UnidoreaderError):
    """The library folder cannot be used (not writable, damaged catalog...)."""
