"""Check results remembered across runs, in `.cchc_cache/` (git-ignored).

Two files, both named after a fingerprint of the checking code (so results of other code
are never even read):

- `summary-<fp>.pickle` (small): each file's content digest, its own findings and its
  `# cchc: disable` comments, plus the cross-file findings of the last run and the state
  they were computed for (every file's digest and --today). An unchanged repository is
  answered from this file alone, without parsing any YAML;
- `facts-<fp>.pickle` (larger): each file's `FileFacts`, read only when some file changed,
  so that only the changed files are parsed again before the cross-file checks.

Entries are used only when the file's bytes hash the same. Writes are atomic (temporary
file + rename); a corrupt, foreign or unwritable cache is ignored, never an error.
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
#: Modules whose code decides what `cchc validate` reports.
_CHECK_CODE = ("check", "load", "schema", "compute/selection.py", "text.py", "periods.py")


def code_fingerprint() -> str:
    package = Path(cchc.__file__).parent
    digest = hashlib.blake2b(cchc.__version__.encode(), digest_size=16)
    for part in _CHECK_CODE:
        target = package / part
        paths = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in paths:
            digest.update(path.relative_to(package).as_posix().encode())
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


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
        IndexError,
    ):
        return None


class Cache:
    def __init__(self, root: Path) -> None:
        self.directory = root / CACHE_DIR
        fingerprint = code_fingerprint()[:16]
        self.summary_path = self.directory / f"summary-{fingerprint}.pickle"
        self.facts_path = self.directory / f"facts-{fingerprint}.pickle"
        stored = _read(self.summary_path)
        ok = isinstance(stored, dict)
        #: rel -> (digest, findings, (line_disables, file_disables))
        self.files: dict[str, tuple[str, Any, Any]] = stored.get("files", {}) if ok else {}
        #: (state digest, cross-file findings) of the last run
        self.cross: tuple[str, Any] | None = stored.get("cross") if ok else None
        self._facts: dict[str, tuple[str, Any]] | None = None

    def facts(self) -> dict[str, tuple[str, Any]]:
        """rel -> (digest, FileFacts), read on first use."""
        if self._facts is None:
            stored = _read(self.facts_path)
            self._facts = stored if isinstance(stored, dict) else {}
        return self._facts

    def save(
        self,
        files: dict[str, tuple[str, Any, Any]],
        cross: tuple[str, Any],
        facts: dict[str, tuple[str, Any]] | None,
    ) -> None:
        """Store a run's results; `facts` None keeps the facts file as it is."""
        try:
            self.directory.mkdir(exist_ok=True)
            gitignore = self.directory / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            if facts is not None:
                self._write(self.facts_path, facts)
            self._write(self.summary_path, {"files": files, "cross": cross})
            keep = {self.summary_path, self.facts_path, gitignore}
            for old in self.directory.iterdir():
                if old not in keep and old.suffix == ".pickle":
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout still validates, just without a cache

    def _write(self, path: Path, payload: Any) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
