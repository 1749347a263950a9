"""The Qt-free core of unidoreader: parsing, tables, library, index, search, export, user data.

Nothing under this package may import PySide6 (tests/core/test_qt_free.py enforces it).
"""
