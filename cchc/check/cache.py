"""Per-file check results remembered across runs, in `.cchc_cache/` (git-ignored).

An entry is reused only when the file's bytes hash the same and the cache was written by
the same cchc code (version plus a fingerprint of the package's source files), so a
changed rule can never serve a stale answer. Writes are atomic (temporary file + rename);
a corrupt or foreign cache file is ignored, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import cchc

CACHE_DIR = ".cchc_cache"
_FILE = "validate.pickle"


def code_fingerprint() -> str:
    package = Path(cchc.__file__).parent
    digest = hashlib.blake2b(cchc.__version__.encode(), digest_size=16)
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


class Cache:
    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.path = root / CACHE_DIR / _FILE
        self.enabled = enabled
        self.fingerprint = code_fingerprint() if enabled else ""
        self.entries: dict[str, tuple[str, Any, Any]] = {}
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            with self.path.open("rb") as handle:
                stored = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("fingerprint") == self.fingerprint:
            self.entries = stored.get("files", {})

    def get(self, rel: str, digest: str) -> tuple[Any, Any] | None:
        entry = self.entries.get(rel)
        if entry is not None and entry[0] == digest:
            return entry[1], entry[2]
        return None

    def save(self, entries: dict[str, tuple[str, Any, Any]], changed: bool) -> None:
        """Store `entries` if anything `changed` since loading (or files were removed)."""
        if not self.enabled or (not changed and entries.keys() == self.entries.keys()):
            return
        directory = self.path.parent
        try:
            directory.mkdir(exist_ok=True)
            gitignore = directory / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump({"fingerprint": self.fingerprint, "files": entries}, handle,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only checkout still validates, just without a cache
