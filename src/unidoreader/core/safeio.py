"""Reading untrusted files and writing where the user points, safely.

Every file the app reads from outside (a report to import, a batch of queries) and every
file it writes where the user asks (a PDF, CSV files, a screenshot) goes through here, so
that the guarantees hold for every command and for the GUI alike:

* reading: regular files only (a FIFO would block for ever, `/dev/zero` never ends, a
  device may have side effects), refused in one line; at most `limit` + 1 bytes are
  ever read, whatever size the file claims;
* writing: only to a regular file or a new name, never through a symbolic link, never
  into the library folder (its catalog and documents are the user's data); the data
  goes to a new, uniquely named file beside the target that is renamed over it when
  complete, so a pre-existing `NAME.part` is never consumed and a failed write leaves
  the old file as it was.

Names are scrubbed of lone surrogates (`scrub`): a file name that is not valid UTF-8
comes into Python as surrogate escapes, which cannot be written to JSON, SQLite or a
UTF-8 terminal.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from unidoreader.core.errors import InputError

MIB = 1024 * 1024


def mib(size: int) -> str:
    """A size in MiB as the app says sizes ("21", "20.5"): the limit is 20 MiB, said one way."""
    return f"{size / MIB:.1f}" if size % MIB else f"{size // MIB}"


def size_text(size: int) -> str:
    return f"{mib(size)} MiB"


def scrub(text: str) -> str:
    """`text` with every lone surrogate (an undecodable byte of a file name or argument)
    replaced by U+FFFD, so that it can be encoded as UTF-8 anywhere."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(path: Path | str) -> str:
    """A path as messages show it: one line, its control characters (a newline, ESC) and
    undecodable bytes written as \\uXXXX."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", str(path))


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    return "is not a regular file"


def _open_regular(path: Path) -> int:
    """A file descriptor of the regular file `path`; InputError for anything else."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    name = shown(path)
    try:
        if path.is_dir():  # Windows cannot open a folder at all; say what it is
            raise InputError.of("is_folder", path=name)
        fd = os.open(path, flags)  # non-blocking: opening a FIFO with no writer returns at once
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError.of("missing", path=name) from None
    except OSError as error:
        raise InputError.of("unreadable", path=name, reason=error.strerror or str(error)) from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as error:
        os.close(fd)
        raise InputError.of("unreadable", path=name, reason=error.strerror or str(error)) from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISFIFO(mode):
            raise InputError.of("is_fifo", path=name)
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise InputError.of("is_device", path=name)
        raise InputError.of("not_regular", path=name)
    return fd


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    InputError("<path>: …") for anything else: missing, a folder, a FIFO, a device, a
    socket, unreadable, or more than `limit` bytes (found by reading limit + 1 bytes,
    never by trusting the size the file system reports). The errors carry the codes of
    core.errors.MESSAGES, which the GUI translates."""
    fd = _open_regular(path)
    try:
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(limit + 1 - got, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            size = max(os.fstat(fd).st_size, got)
            raise InputError.of("too_large", path=shown(path), size=mib(size), limit=mib(limit))
        return b"".join(chunks)
    except OSError as error:
        raise InputError.of("unreadable", path=shown(path), reason=error.strerror or str(error)) from None
    finally:
        os.close(fd)


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of the regular file `path` (to sniff its kind); InputError
    for anything else, as `read_regular`."""
    fd = _open_regular(path)
    try:
        return os.read(fd, size)
    except OSError as error:
        raise InputError.of("unreadable", path=shown(path), reason=error.strerror or str(error)) from None
    finally:
        os.close(fd)


# -- writing -------------------------------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def check_output(path: Path, *, forbidden: Path | None = None, what: str = "the file") -> None:
    """Raise InputError unless `path` may be written: a new name in an existing folder,
    or an existing regular file (not a symbolic link), outside the folder `forbidden`."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise InputError(f"{shown(path)}: cannot write {what}: {error.strerror or error}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        hint = "; give a new file name" if stat.S_ISLNK(info.st_mode) else ""
        raise InputError(f"{shown(path)}: {_kind(info.st_mode)}; {what} is written only to a regular file or a new name{hint}")
    parent = path.parent
    if not parent.is_dir():
        raise InputError(f"{shown(parent)}: no such folder")
    if forbidden is not None and (_inside(parent, forbidden) or _inside(path, forbidden)):
        raise InputError(f"{shown(path)}: is inside the library folder ({shown(forbidden)}); write {what} somewhere else")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def replacing(path: Path, *, forbidden: Path | None = None, what: str = "the file") -> Iterator[Path]:
    """Yield a new temporary path beside `path` to write into; when the block ends
    without an error it is renamed over `path` (checked first with `check_output`, and
    again just before the rename). On an error the temporary file is removed and
    `path` is left as it was; OSError becomes a one-line InputError."""
    check_output(path, forbidden=forbidden, what=what)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise InputError(f"{shown(path)}: cannot write {what}: {error.strerror or error}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        check_output(path, forbidden=forbidden, what=what)
        try:
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        except OSError as error:
            raise InputError(f"{shown(path)}: cannot write {what}: {error.strerror or error}") from None
    except OSError as error:
        raise InputError(f"{shown(path)}: cannot write {what}: {error.strerror or error}") from None
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass


def write_output(path: Path, data: bytes, *, forbidden: Path | None = None, what: str = "the file") -> None:
    """Write `data` to `path` whole or not at all, under the rules of `replacing`."""
    with replacing(path, forbidden=forbidden, what=what) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def is_disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
