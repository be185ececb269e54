"""Check results remembered across runs, in `.cchc_cache/` (git-ignored), as plain JSON.

Two files, both named after a fingerprint of the checking code (so results of other code
are never even read):

- `summary-<fp>.json` (small): each file's content digest, its own findings and its
  `# cchc: disable` comments, plus the cross-file findings of the last run and the state
  they were computed for (every file's digest and --today). An unchanged repository is
  answered from this file alone, without parsing any YAML;
- `facts-<fp>.json` (larger): each file's `FileFacts`, read only when some file changed,
  so that only the changed files are parsed again before the cross-file checks.

Why the cache is safe to share, and safe against a hostile pull request:

- it is JSON, read by a validator that builds only the plain data classes named below
  (`Finding`, `FileFacts` and their parts): nothing in it can run code when loaded
  (the cache was once pickled, which a committed cache file could have used to do so);
- anything that does not parse, does not match that structure exactly, or whose digests
  do not match the files on disk is treated as absent, never as an error;
- a cache folder that is a symbolic link, or that git tracks (a pull request could commit
  one claiming "no findings" for bad data), is not used at all: `Cache.refused` says why,
  and the run goes on without cache;
- only files cchc itself names (`summary-*.json`, `facts-*.json`, `.gitignore`) are ever
  written or deleted there, never through a symbolic link. Writes are atomic (temporary
  file + rename); an unwritable cache is ignored.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import cchc
from cchc.atomic import write_atomic
from cchc.errors import CchcError
from cchc.modgraph import closure, package_modules

CACHE_DIR = ".cchc_cache"
#: Where the checking code starts: `cchc validate` runs the pipeline, which runs check/.
CHECK_ENTRY = ("cchc.pipeline", "cchc.check")
#: Names of the files this module writes; nothing else in the folder is ever touched.
_OWN_NAME = re.compile(r"(summary|facts)-[0-9a-f]{16}\.json")
#: Larger files are not read (a cache of 6,000 files takes about 60 MB).
_MAX_BYTES = 1024 * 1024 * 1024

#: (line -> disabled codes, codes disabled for the whole file)
Disables = tuple[dict[int, frozenset[str]], frozenset[str]]


def check_code() -> dict[str, Path]:
    """The modules whose code decides what `cchc validate` reports: everything the pipeline
    and the checks import, directly or not (read from the import graph, never by hand)."""
    start = [CHECK_ENTRY[0], *package_modules(CHECK_ENTRY[1])]
    return closure(start)


def code_fingerprint() -> str:
    digest = hashlib.blake2b(cchc.__version__.encode(), digest_size=16)
    for module, path in sorted(check_code().items()):
        digest.update(module.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def state_digest(digests: dict[str, str], extra: str) -> str:
    """One digest of every file's digest and `extra` (e.g. --today)."""
    digest = hashlib.blake2b(extra.encode(), digest_size=16)
    for rel in sorted(digests):
        digest.update(f"{rel}\0{digests[rel]}\n".encode())
    return digest.hexdigest()


@cache
def _summary_adapter() -> Any:
    """Validator of the summary file (built on first use: pydantic is slow to set up)."""
    from pydantic import TypeAdapter

    from cchc.check.findings import Finding

    return TypeAdapter(
        tuple[dict[str, tuple[str, list[Finding], Disables]], tuple[str, list[Finding]] | None]
    )


@cache
def _facts_adapter() -> Any:
    """Validator of the facts file."""
    from pydantic import TypeAdapter

    from cchc.check.filecheck import FileFacts

    return TypeAdapter(dict[str, tuple[str, FileFacts]])


def _read(path: Path, adapter: Any) -> Any:
    """The validated content of `path`, or None when it is missing, odd or malformed."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
                return None
            raw = handle.read()
        return adapter.validate_json(raw)
    except (OSError, ValueError):  # pydantic's ValidationError is a ValueError
        return None


def _tracked_by_git(root: Path) -> bool:
    """Whether git tracks anything in the cache folder (unknown counts as yes in a git
    work tree: a cache we cannot vouch for is not used)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", CACHE_DIR],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return _in_git_work_tree(root)
    if done.returncode != 0:
        return _in_git_work_tree(root) and b"not a git repository" not in done.stderr
    return bool(done.stdout)


def _in_git_work_tree(root: Path) -> bool:
    return any((folder / ".git").exists() for folder in (root, *root.parents))


class Cache:
    def __init__(self, root: Path) -> None:
        self.directory = root / CACHE_DIR
        fingerprint = code_fingerprint()[:16]
        self.summary_path = self.directory / f"summary-{fingerprint}.json"
        self.facts_path = self.directory / f"facts-{fingerprint}.json"
        #: why the cache folder is not used (Vietnamese), or None
        self.refused = self._refusal(root)
        #: rel -> (digest, findings, disables)
        self.files: dict[str, tuple[str, Any, Disables]] = {}
        #: (state digest, cross-file findings) of the last run
        self.cross: tuple[str, Any] | None = None
        self._facts: dict[str, tuple[str, Any]] | None = None
        if self.refused is None:
            stored = _read(self.summary_path, _summary_adapter())
            if stored is not None:
                self.files, self.cross = stored

    def _refusal(self, root: Path) -> str | None:
        try:
            info = os.lstat(self.directory)
        except OSError:
            return None  # no cache yet: it will be created
        if stat.S_ISLNK(info.st_mode):
            return f"{CACHE_DIR} là liên kết tượng trưng"
        if not stat.S_ISDIR(info.st_mode):
            return f"{CACHE_DIR} không phải thư mục"
        if _tracked_by_git(root):
            return f"{CACHE_DIR} được git theo dõi (có thể đã bị commit vào kho)"
        return None

    def facts(self) -> dict[str, tuple[str, Any]]:
        """rel -> (digest, FileFacts), read on first use."""
        if self._facts is None:
            stored = None if self.refused else _read(self.facts_path, _facts_adapter())
            self._facts = stored if isinstance(stored, dict) else {}
        return self._facts

    def save(
        self,
        files: dict[str, tuple[str, Any, Disables]],
        cross: tuple[str, Any],
        facts: dict[str, tuple[str, Any]] | None,
    ) -> None:
        """Store a run's results; `facts` None keeps the facts file as it is."""
        if self.refused is not None:
            return
        try:
            self.directory.mkdir(exist_ok=True)
            if os.path.islink(self.directory):
                return
            self._write_gitignore()
            if facts is not None:
                write_atomic(self.facts_path, _facts_adapter().dump_json(facts))
            write_atomic(self.summary_path, _summary_adapter().dump_json((files, cross)))
            keep = {self.summary_path.name, self.facts_path.name}
            with os.scandir(self.directory) as entries:
                for entry in entries:
                    if entry.name not in keep and _OWN_NAME.fullmatch(entry.name):
                        os.unlink(entry.path)  # unlink never follows a symbolic link
        except (OSError, ValueError, CchcError):
            pass  # a read-only checkout still validates, just without a cache

    def _write_gitignore(self) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.directory / ".gitignore", flags, 0o644)
        except FileExistsError:
            return
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("*\n")
