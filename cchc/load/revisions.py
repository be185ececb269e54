"""The two sides of `cchc diff`: which git revisions to compare.

A side is a commit (read through `git archive` by `cchc.load.gitrev.checkout_revision`,
never checked out) or the working tree (read from disk as it is, untracked files
included). `cchc.pipeline.load_side` loads each side leniently: a file with an error of
its own (bad YAML, schema error, id that differs from the file name, ...) is left out and
listed as skipped, and everything else is compared, so a pull request whose data does not
validate yet still gets its diff (`cchc validate` reports the errors). Errors between
files (a reference to an id that does not exist, ...) do not leave anything out.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from cchc.errors import GitError
from cchc.load.gitrev import commit_of, git

#: Branches whose merge base with HEAD is the default old side, in order of preference.
DEFAULT_BASES = ("main", "origin/main")


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a commit, or the working tree (`commit` None)."""

    rev: str | None  # as the user gave it (or the default chosen), None for the working tree
    commit: str | None  # full hash
    merge_base: bool = False  # commit is where HEAD branched off `rev`

    @property
    def label(self) -> str:
        """Vietnamese description: "main (a1b2c3d)", "thư mục làm việc"."""
        if self.commit is None:
            return "thư mục làm việc (kể cả thay đổi chưa commit)"
        short = self.commit[:7]
        if self.merge_base:
            return f"điểm tách nhánh từ {self.rev} ({short})"
        return short if self.rev in (None, self.commit, short) else f"{self.rev} ({short})"

    def as_dict(self) -> dict[str, str | bool | None]:
        return {
            "rev": self.rev,
            "commit": self.commit,
            "merge_base": self.merge_base,
            "label": self.label,
        }


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return git(root, *args, hint="cài git (https://git-scm.com) rồi chạy lại")


def _require_commit(root: Path, rev: str) -> str:
    commit = commit_of(root, rev)
    if commit is None:
        raise GitError(
            f'không có phiên bản git "{rev}"',
            hint="dùng mã commit, tên nhánh hoặc thẻ có trong kho (xem `git log "
            "--oneline` và `git branch -a`); với nhánh trên máy chủ, chạy "
            "`git fetch` trước",
        )
    return commit


def _default_base(root: Path) -> Side:
    head = commit_of(root, "HEAD")
    if head is None:
        raise GitError(
            "kho git chưa có commit nào nên chưa có gì để so sánh",
            hint="commit dữ liệu lần đầu, hoặc ghi rõ hai phiên bản cần so sánh",
        )
    for branch in DEFAULT_BASES:
        if commit_of(root, branch) is None:
            continue
        base = _git(root, "merge-base", "HEAD", branch)
        if base.returncode == 0:
            return Side(branch, base.stdout.decode().strip(), merge_base=True)
    return Side("HEAD", head)


def resolve_sides(root: Path, rev1: str | None, rev2: str | None) -> tuple[Side, Side]:
    """The old and new sides: see `cchc diff --help` (GitError if git cannot tell)."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.decode().strip() != "true":
        raise GitError(
            f'"{root}" không nằm trong một kho git nên không có phiên bản để so sánh',
            hint="chạy trong bản sao git của kho dữ liệu (`git clone ...`), hoặc "
            "khởi tạo bằng `git init` rồi commit dữ liệu",
        )
    if rev1 is None:
        return _default_base(root), Side(None, None)
    old = Side(rev1, _require_commit(root, rev1))
    new = Side(rev2, _require_commit(root, rev2)) if rev2 is not None else Side(None, None)
    return old, new


def has_data(root: Path, commit: str) -> bool:
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.decode().strip()
    listed = _git(root, "ls-tree", "--name-only", commit, "--", prefix + "data")
    return listed.returncode == 0 and bool(listed.stdout.strip())
