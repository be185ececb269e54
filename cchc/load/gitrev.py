"""Read the data repository as it was committed at a git revision (`cchc report --rev`).

`checkout_revision` extracts ``data/``, ``templates/`` and ``cchc.toml`` of a revision
(those that exist there) into a temporary folder through ``git archive``, without touching
the working tree, so a report can be reproduced exactly as it was submitted.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cchc.errors import GitError

PATHS = ("data", "templates", "cchc.toml")


def git(
    root: Path, *args: str, hint: str = "cài git để dùng --rev"
) -> subprocess.CompletedProcess[bytes]:
    """Run `git -C root ARGS`; GitError (with `hint`) when git is not installed."""
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("không tìm thấy lệnh git", hint=hint) from None


def commit_of(root: Path, rev: str) -> str | None:
    """The commit `rev` names, or None if it names none."""
    done = git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    return done.stdout.decode().strip() if done.returncode == 0 else None


@contextmanager
def checkout_revision(root: Path, rev: str) -> Iterator[Path]:
    """Yield a temporary root holding the data of `rev`; GitError if it cannot be read."""
    inside = git(root, "rev-parse", "--show-prefix")
    if inside.returncode != 0:
        raise GitError(
            f'"{root}" không nằm trong một kho git nên không dùng được --rev',
            hint="bỏ --rev, hoặc chạy trong bản sao git của kho dữ liệu",
        )
    prefix = inside.stdout.decode().strip()
    sha = commit_of(root, rev)
    if sha is None:
        raise GitError(
            f'không có phiên bản git "{rev}"',
            hint="dùng mã commit, tên nhánh hoặc thẻ có trong kho (xem `git log`)",
        )
    listed = git(root, "ls-tree", "--name-only", sha, "--", *(prefix + p for p in PATHS))
    names = [n for n in listed.stdout.decode().splitlines() if n]
    if not any(n == prefix + "data" for n in names):
        raise GitError(
            f'phiên bản "{rev}" không có thư mục data/', hint="chọn một phiên bản đã có dữ liệu"
        )
    archive = git(root, "archive", "--format=tar", sha, "--", *names)
    if archive.returncode != 0:
        raise GitError(
            f'không đọc được dữ liệu của phiên bản "{rev}": '
            f"{archive.stderr.decode(errors='replace').strip()}"
        )
    with tempfile.TemporaryDirectory(prefix="cchc-rev-") as tmp:
        extract(archive.stdout, Path(tmp))
        yield Path(tmp) / prefix


def extract(archive: bytes, destination: Path) -> None:
    """Extract a `git archive` tar into `destination`, creating nothing outside it.

    Folders and regular files are written; a symbolic link is recreated as it was
    committed (never followed while extracting), so that reading the data refuses one that
    leads out of the repository with the same finding as in a working tree (S022).
    Members with an absolute or `..` path, members under a symbolic link, hard links and
    devices are skipped.
    """
    real = os.path.realpath(destination)
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar:
                parts = member.name.split("/")
                if member.name.startswith("/") or ".." in parts or not member.name.strip("/"):
                    continue
                target = os.path.join(real, *parts)
                parent = os.path.dirname(target)
                if os.path.realpath(parent) != parent or not (parent + os.sep).startswith(
                    real + os.sep
                ):
                    continue  # under a symbolic link, or outside
                try:
                    _extract_member(tar, member, parent, target)
                except OSError:
                    continue  # e.g. a name given twice: the first one stays
    except tarfile.TarError as error:
        raise GitError(f"git archive trả về dữ liệu hỏng: {error}") from None


def _extract_member(
    tar: tarfile.TarFile, member: tarfile.TarInfo, parent: str, target: str
) -> None:
    os.makedirs(parent, exist_ok=True)
    if member.isdir():
        os.makedirs(target, exist_ok=True)
    elif member.issym():
        os.symlink(member.linkname, target)
    elif member.isfile():
        source = tar.extractfile(member)
        if source is None:
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with source, os.fdopen(os.open(target, flags, 0o644), "wb") as out:
            shutil.copyfileobj(source, out)
