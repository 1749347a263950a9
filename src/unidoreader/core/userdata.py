"""The user's own data: search history, saved searches, bookmarks, notes, reading
positions, saved print selections and app state, in one SQLite file per library.

Why SQLite in WAL mode with synchronous=FULL: each call is one transaction, so a
process killed mid-write loses at most that write, and a second copy of the app can
read and write the same file at the same time (SQLite serialises the writers; we wait
up to `BUSY_TIMEOUT_S` for the lock). A file that is not a database, or fails SQLite's
integrity check, is set aside under a new name and reported in `warnings`: never
silently emptied.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from unidoreader.core.errors import LibraryError

if TYPE_CHECKING:
    from unidoreader.core.library import Library

BUSY_TIMEOUT_S = 10.0
HISTORY_KEEP = 1000


@dataclass(frozen=True)
class HistoryEntry:
    query: str
    filters: dict[str, Any]
    when: float


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    filters: dict[str, Any]


@dataclass(frozen=True)
class Bookmark:
    id: int
    doc: str
    block: str
    title: str
    created: float


@dataclass(frozen=True)
class Note:
    doc: str
    block: str
    text: str
    updated: float


def _v1(db: sqlite3.Connection) -> None:
    for statement in """
        CREATE TABLE history (id INTEGER PRIMARY KEY, query TEXT NOT NULL, filters TEXT NOT NULL, at REAL NOT NULL);
        CREATE TABLE saved_searches (name TEXT PRIMARY KEY, query TEXT NOT NULL, filters TEXT NOT NULL);
        CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, block TEXT NOT NULL,
                                title TEXT NOT NULL, created REAL NOT NULL);
        CREATE TABLE notes (doc TEXT NOT NULL, block TEXT NOT NULL, text TEXT NOT NULL, updated REAL NOT NULL,
                            PRIMARY KEY (doc, block));
        CREATE TABLE positions (doc TEXT PRIMARY KEY, block TEXT NOT NULL, updated REAL NOT NULL);
        CREATE TABLE selections (name TEXT NOT NULL, position INTEGER NOT NULL, doc TEXT NOT NULL,
                                 section TEXT NOT NULL, PRIMARY KEY (name, position));
        CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)
        """.split(";"):
        db.execute(statement)


# Each migration takes the schema from version i to i+1; append, never edit.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1,)
SCHEMA_VERSION = len(MIGRATIONS)


class UserData:
    """One user-data file. Thread-safe: each thread gets its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []
        self._local = threading.local()
        self._open_checked()

    @classmethod
    def for_library(cls, library: "Library") -> "UserData":
        return cls(library.userdata_path)

    # -- connection and schema ------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if getattr(self, "read_only", False):
            return self._connect_read_only()
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        return db

    def _open_checked(self) -> None:
        """Open the file, setting it aside if it is damaged, then migrate it.

        Only damage sets a file aside (not a database, or failing SQLite's check): a file
        that another program keeps locked is waited for (BUSY_TIMEOUT_S), then reported
        as busy; one that cannot be written (read-only library) is opened read-only
        (`read_only`), so that reading works and writes raise."""
        self.read_only = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"{self.path.parent}: cannot open the notes file: {error.strerror or error}") from None
        if self.path.is_file() and not (os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)):
            self._local.db = self._connect_read_only()  # a read-only library: read, never write
            self.read_only = True
            return
        try:
            db = self._connect()
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise sqlite3.DatabaseError(verdict)
        except sqlite3.DatabaseError as error:
            kind = _failure(error, self.path)
            if kind == "busy":
                raise LibraryError(f"{self.path}: the notes file is busy (another program has kept it locked for "
                                   f"{BUSY_TIMEOUT_S:g} s); try again when it is done") from None
            if kind == "readonly" and self.path.is_file():
                db = self._connect_read_only()
                self.read_only = True
                self._local.db = db
                return
            if kind != "damaged":
                raise LibraryError(f"{self.path}: cannot open the notes file ({error})") from None
            try:
                self._set_aside(f"{error}")
            except OSError as failure:
                raise LibraryError(f"{self.path}: the notes file is damaged ({error}) and cannot be set aside: "
                                   f"{failure.strerror or failure}") from None
            db = self._connect()
        self._migrate(db)
        self._local.db = db

    def _connect_read_only(self) -> sqlite3.Connection:
        """A read-only connection (a read-only library: no -wal/-shm can be made beside it)."""
        uri = self.path.resolve().as_uri()
        try:
            db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA quick_check").fetchone()
            return db
        except sqlite3.DatabaseError:
            return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)

    def _set_aside(self, reason: str) -> None:
        aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                part.replace(Path(f"{aside}{suffix}"))
        self.warnings.append(
            f"Your notes and bookmarks file was damaged ({reason}); it was kept as {aside.name} and a new one was started."
        )

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LibraryError(f"{self.path}: made by a newer unidoreader (schema {version}); please update the app")
        for step in range(version, SCHEMA_VERSION):
            with _transaction(db):
                MIGRATIONS[step](db)
                db.execute(f"PRAGMA user_version={step + 1}")

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        with _transaction(self._db):
            return self._db.execute(sql, params)

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # -- search history and saved searches -------------------------------------------

    def add_history(self, query: str, filters: dict[str, Any] | None = None) -> None:
        with _transaction(self._db):
            self._db.execute(
                "INSERT INTO history (query, filters, at) VALUES (?, ?, ?)",
                (query, json.dumps(filters or {}, ensure_ascii=False, sort_keys=True), time.time()),
            )
            self._db.execute(
                "DELETE FROM history WHERE id <= (SELECT MAX(id) FROM history) - ?", (HISTORY_KEEP,)
            )

    def history(self, limit: int = 50) -> list[HistoryEntry]:
        rows = self._db.execute("SELECT query, filters, at FROM history ORDER BY id DESC LIMIT ?", (limit,))
        return [HistoryEntry(q, json.loads(f), at) for q, f, at in rows]

    def save_search(self, name: str, query: str, filters: dict[str, Any] | None = None) -> None:
        self._write(
            "INSERT OR REPLACE INTO saved_searches (name, query, filters) VALUES (?, ?, ?)",
            (name, query, json.dumps(filters or {}, ensure_ascii=False, sort_keys=True)),
        )

    def saved_searches(self) -> list[SavedSearch]:
        rows = self._db.execute("SELECT name, query, filters FROM saved_searches ORDER BY name")
        return [SavedSearch(n, q, json.loads(f)) for n, q, f in rows]

    def delete_saved_search(self, name: str) -> None:
        self._write("DELETE FROM saved_searches WHERE name = ?", (name,))

    # -- bookmarks and notes -----------------------------------------------------------

    def add_bookmark(self, doc: str, block: str, title: str = "") -> int:
        cursor = self._write(
            "INSERT INTO bookmarks (doc, block, title, created) VALUES (?, ?, ?, ?)", (doc, block, title, time.time())
        )
        return int(cursor.lastrowid or 0)

    def bookmarks(self, doc: str | None = None) -> list[Bookmark]:
        sql = "SELECT id, doc, block, title, created FROM bookmarks"
        rows = self._db.execute(sql + " WHERE doc = ? ORDER BY id", (doc,)) if doc else self._db.execute(sql + " ORDER BY id")
        return [Bookmark(*row) for row in rows]

    def remove_bookmark(self, bookmark_id: int) -> None:
        self._write("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))

    def set_note(self, doc: str, block: str, text: str) -> None:
        """Attach a note to a block; empty text removes it."""
        if text.strip():
            self._write(
                "INSERT OR REPLACE INTO notes (doc, block, text, updated) VALUES (?, ?, ?, ?)",
                (doc, block, text, time.time()),
            )
        else:
            self._write("DELETE FROM notes WHERE doc = ? AND block = ?", (doc, block))

    def note(self, doc: str, block: str) -> str | None:
        row = self._db.execute("SELECT text FROM notes WHERE doc = ? AND block = ?", (doc, block)).fetchone()
        return row[0] if row else None

    def notes(self, doc: str | None = None) -> list[Note]:
        sql = "SELECT doc, block, text, updated FROM notes"
        rows = self._db.execute(sql + " WHERE doc = ? ORDER BY updated", (doc,)) if doc else self._db.execute(sql + " ORDER BY updated")
        return [Note(*row) for row in rows]

    # -- reading positions -----------------------------------------------------------

    def set_position(self, doc: str, block: str) -> None:
        self._write("INSERT OR REPLACE INTO positions (doc, block, updated) VALUES (?, ?, ?)", (doc, block, time.time()))

    def position(self, doc: str) -> str | None:
        row = self._db.execute("SELECT block FROM positions WHERE doc = ?", (doc,)).fetchone()
        return row[0] if row else None

    # -- saved print selections ------------------------------------------------------

    def save_selection(self, name: str, items: Sequence[tuple[str, str]]) -> None:
        with _transaction(self._db):
            self._db.execute("DELETE FROM selections WHERE name = ?", (name,))
            self._db.executemany(
                "INSERT INTO selections (name, position, doc, section) VALUES (?, ?, ?, ?)",
                [(name, i, doc, section) for i, (doc, section) in enumerate(items)],
            )

    def selection(self, name: str) -> list[tuple[str, str]]:
        rows = self._db.execute("SELECT doc, section FROM selections WHERE name = ? ORDER BY position", (name,))
        return [(doc, section) for doc, section in rows]

    def selection_names(self) -> list[str]:
        return [n for (n,) in self._db.execute("SELECT DISTINCT name FROM selections ORDER BY name")]

    def delete_selection(self, name: str) -> None:
        self._write("DELETE FROM selections WHERE name = ?", (name,))

    # -- app state (window layout, open panes, preferences) ------------------------------

    def set_state(self, key: str, value: Any) -> None:
        self._write("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))

    def state(self, key: str, default: Any = None) -> Any:
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default


def _failure(error: sqlite3.DatabaseError, path: Path) -> str:
    """What an SQLite error on opening means: "busy" (locked by another connection),
    "readonly", "damaged" (not a database, corrupt) or "other" (cannot open, I/O error, full)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return "busy"
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return "readonly"
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or type(error) is sqlite3.DatabaseError:
        return "damaged"
    if name.startswith("SQLITE_CANTOPEN") and not (os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))):
        return "readonly"
    return "other"


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error (autocommit connections)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
