"""Writing files safely: one helper for every file cchc writes (docs/edit.md).

- `write_atomic` writes the bytes to a temporary file in the target's folder
  (`.NAME.XXXXXXXX.tmp`), flushes it to disk and renames it over the target with
  `os.replace`: a reader, or a command killed half-way, sees the old file or the new one,
  never half of one. On any failure the temporary file is removed and the error is a
  Vietnamese message naming the path (`write_error`). With `expected`, the target's bytes
  are compared just before the rename with the bytes the command read: a writer that
  changed the file meanwhile makes the command stop (exit 3) with the file as that writer
  left it.
- `edit_lock` serialises the commands that change data files (`adopt`, `result`, `new`,
  `fmt`): an exclusive `flock` on the repository's `data/` folder itself, held from
  before the repository is read until the file is renamed into place. Locking the folder
  needs no lock file (nothing to clean, nothing for `validate` to find) and survives the
  rename (a lock on the file would stay on the replaced inode). Where `flock` does not
  exist (Windows) or the file system refuses it, there is no lock and the digest
  comparison of `write_atomic` is the only guard.
- `remove_leftovers` deletes the temporary files a killed command left in a data folder
  (only names matching `TEMP_NAME`), when no other edit can be writing them: under the
  lock, or when older than `LEFTOVER_GRACE` seconds.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Final

from cchc.errors import CchcError, DataError, UsageError

#: The name of a temporary file of `write_atomic` (tempfile.mkstemp: 8 random characters).
TEMP_NAME: Final = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
#: A temporary file older than this is left over even if no lock says so (seconds).
LEFTOVER_GRACE: Final = 60.0
#: How long an edit waits for another one to finish before giving up (seconds).
LOCK_TIMEOUT: Final = 120.0


class NoCheck:
    """The type of `ANY`, the default `expected`: do not compare the target's bytes."""


ANY: Final = NoCheck()

_REASONS: Final[dict[int, str]] = {
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ đọc",
    errno.ENOSPC: "hết chỗ trống trên đĩa",
    errno.EISDIR: "là một thư mục",
    errno.ENOENT: "thư mục không tồn tại",
    errno.ENOTDIR: "thư mục không tồn tại",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "hết chỗ trống trên đĩa (vượt hạn mức)"
#: Errors that mean the path itself is wrong (exit 2 for a path given with -o).
_BAD_PATH: Final = frozenset({errno.EISDIR, errno.ENOENT, errno.ENOTDIR})

#: Data folders whose edit lock this process holds (re-entrant).
_held: dict[Path, int] = {}


def write_error(path: Path, error: OSError, *, option: bool = False) -> CchcError:
    """A Vietnamese message for `error` writing `path`: exit 3, or 2 when `option` (the
    path was given on the command line) and the path itself is wrong."""
    reason = _REASONS.get(error.errno or 0) or error.strerror or str(error)
    message = f'không ghi được tệp "{path}": {reason}'
    hint = "kiểm tra đường dẫn, quyền ghi và chỗ trống trên đĩa"
    if option and error.errno in _BAD_PATH:
        return UsageError(message, hint="kiểm tra thư mục có tồn tại và quyền ghi")
    return DataError(message, hint=hint)


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_chunks(handle: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    if isinstance(data, bytes):
        handle.write(data)
    else:
        for chunk in data:
            handle.write(chunk)


def _is_special(path: Path) -> bool:
    """Whether `path` is a device, pipe or socket (following links): a file that must be
    written into, since renaming over it would replace `/dev/null` itself."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_special(path: Path, data: bytes | Iterable[bytes], *, option: bool) -> None:
    try:
        with open(path, "wb") as handle:
            _write_chunks(handle, data)
    except OSError as error:
        raise write_error(path, error, option=option) from None


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def write_atomic(
    path: Path,
    data: bytes | Iterable[bytes],
    *,
    expected: bytes | NoCheck | None = ANY,
    option: bool = False,
) -> None:
    """Replace `path` by `data` (bytes, or chunks of bytes written one after the other)
    atomically (see the module docstring).

    `expected`: the bytes the command read from `path` (None: it did not exist); if the
    file on disk differs just before the rename, nothing is written (DataError).
    `option`: the path was given on the command line (`-o`), so a folder or a missing
    folder is a usage error (exit 2). Other failures are DataError (exit 3).
    """
    if path.is_dir():
        raise write_error(path, IsADirectoryError(errno.EISDIR, "is a directory"), option=option)
    if _is_special(path):  # /dev/null, /dev/stdout, a named pipe: written, never replaced
        _write_special(path, data, option=option)
        return
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else _new_file_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise write_error(path, error, option=option) from None
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                _write_chunks(handle, data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
        except OSError as error:
            raise write_error(path, error, option=option) from None
        if not isinstance(expected, NoCheck) and _current(path) != expected:
            raise DataError(
                f'tệp "{path}" vừa bị một chương trình khác sửa trong lúc lệnh chạy; '
                "chưa ghi gì, tệp giữ nguyên như chương trình kia đã ghi",
                hint="chạy lại lệnh (không sửa cùng một tệp bằng hai lệnh cùng lúc)",
            )
        try:
            os.replace(tmp, path)
        except OSError as error:
            raise write_error(path, error, option=option) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk where the system allows it (best effort)."""
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_leftover_name(name: str) -> bool:
    """Whether `name` is the name of a temporary file of `write_atomic`."""
    return TEMP_NAME.match(name) is not None


def _locked_here(folder: Path) -> bool:
    absolute = folder.absolute()
    return any(absolute == held or absolute.is_relative_to(held) for held in _held)


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete temporary files left in `folder` by killed writes; the ones removed.

    Only names matching `TEMP_NAME` (never other files), and only when no live write can
    own them: this process holds the edit lock of the folder (every cchc edit of data
    files takes it), or the file is older than `LEFTOVER_GRACE` seconds (a live write
    keeps its temporary file for a moment only).
    """
    removed: list[Path] = []
    locked = _locked_here(folder)
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_leftover_name(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if not locked and now - entry.stat(follow_symlinks=False).st_mtime < LEFTOVER_GRACE:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


@contextmanager
def edit_lock(root: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the edit lock of the repository at `root` (its `data/` folder) meanwhile.

    Waits for another edit to finish (saying so on stderr after a second); after
    `timeout` seconds, DataError (exit 3). Re-entrant within one process.
    """
    folder = (root / "data").absolute()
    if folder in _held:
        _held[folder] += 1
        try:
            yield
        finally:
            _held[folder] -= 1
        return
    fd = _acquire(folder, timeout)
    if fd is not None:
        _held[folder] = 1
    try:
        yield
    finally:
        if fd is not None:
            del _held[folder]
            os.close(fd)  # closing the descriptor releases the lock


def _acquire(folder: Path, timeout: float) -> int | None:
    """An open descriptor of `folder` holding an exclusive flock, or None (no locking)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the digest check is the guard
        return None
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return None
    start = time.monotonic()
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            pass
        except OSError:  # the file system has no locks (some network mounts)
            os.close(fd)
            return None
        waited = time.monotonic() - start
        if waited >= timeout:
            os.close(fd)
            raise DataError(
                f'thư mục "{folder}" đang được một lệnh cchc khác sửa quá {int(timeout)} giây; '
                "chưa ghi gì",
                hint="chờ lệnh kia xong rồi chạy lại",
            )
        if waited >= 1 and not told:
            sys.stderr.write("đang chờ một lệnh cchc khác sửa xong dữ liệu…\n")
            told = True
        time.sleep(0.02)
