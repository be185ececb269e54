"""Check results remembered across runs, in `.cchc_cache/` (git-ignored), as plain JSON.

Two files, both named after a fingerprint of the checking code (so results of other code
are never even read):

- `summary-<fp>.json` (small): each file's content digest, its own findings and its
  `# cchc: disable` comments, plus the cross-file findings of the last run and the state
  they were computed for (every file's digest and --today). An unchanged repository is
  answered from this file alone, without parsing any YAML;
- `facts-<fp>.json` (larger): each file's `FileFacts`, read only when some file changed
  or the cross-file findings are asked for another --today, so that only the changed
  files are parsed again before the cross-file checks;
- `objects-<fp>.jsonl` (largest): each file's validated content (the `Unit`, `Model`,
  `Document` or indicator list, as pydantic dumps it to JSON), one file per line
  (`["rel","digest","kind"]<TAB>{...}`), read only by commands that compute from the data
  (`cchc.pipeline.load_repository`, `load_lenient`): an unchanged file is validated again
  from this JSON by the same pydantic model, never parsed as YAML again.

Why the cache is safe to share, and safe against a hostile pull request:

- it is JSON, read by a validator that builds only the plain data classes named below
  (`Finding`, `FileFacts` and their parts) and the data models of `cchc.schema`, with
  every check of the schema applied again: nothing in it can run code when loaded
  (the cache was once pickled, which a committed cache file could have used to do so);
- anything that does not parse, does not match that structure exactly, or whose digests
  do not match the files on disk is treated as absent, never as an error;
- a cache folder that is a symbolic link, or that git tracks (a pull request could commit
  one claiming "no findings" for bad data), is not used at all: `Cache.refused` says why,
  and the run goes on without cache;
- only files cchc itself names (`summary-*.json`, `facts-*.json`, `objects-*.jsonl`,
  `.gitignore`) are ever
  written or deleted there, never through a symbolic link. Writes are atomic (temporary
  file + rename); an unwritable cache is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import cchc
from cchc.atomic import write_atomic
from cchc.errors import CchcError
from cchc.load.files import in_git_work_tree
from cchc.modgraph import closure, package_modules, source

CACHE_DIR = ".cchc_cache"
#: Where the checking code starts: `cchc validate` runs the pipeline, which runs check/.
CHECK_ENTRY = ("cchc.pipeline", "cchc.check")
#: Names of the files this module writes; nothing else in the folder is ever touched.
_OWN_NAME = re.compile(r"(summary|facts)-[0-9a-f]{16}\.json|objects-[0-9a-f]{16}\.jsonl")
#: Cross-file findings kept for this many --today values (validate today, report a year).
_CROSS_STATES = 4
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
        digest.update(source(path))
    return digest.hexdigest()


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def state_digest(digests: dict[str, str], extra: str) -> str:
    """One digest of every file's digest and `extra` (e.g. --today)."""
    digest = hashlib.blake2b(extra.encode(), digest_size=16)
    for rel in sorted(digests):
        digest.update(f"{rel}\0{digests[rel]}\n".encode())
    return digest.hexdigest()


class _Malformed(ValueError):
    """The summary file does not have exactly the structure `_summary_json` writes."""


def _expect(ok: bool) -> None:
    if not ok:
        raise _Malformed


def _finding_json(finding: Any) -> list[Any]:
    f = finding
    loc = None if f.loc is None else list(f.loc)
    return [f.code, f.path, f.message, int(f.severity), f.line, f.col, f.hint, loc, f.key]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _finding_from(item: Any) -> Any:
    from cchc.check.findings import Finding, Severity

    _expect(isinstance(item, list) and len(item) == 9)
    code, path, message, severity, line, col, hint, loc, key = item
    _expect(all(isinstance(x, str) for x in (code, path, message)))
    _expect(severity in (1, 2, 3) and _is_int(severity) and _is_int(line) and _is_int(col))
    _expect(hint is None or isinstance(hint, str))
    _expect(isinstance(key, bool))
    _expect(
        loc is None
        or (isinstance(loc, list) and all(isinstance(x, str) or _is_int(x) for x in loc))
    )
    return Finding(
        code,
        path,
        message,
        Severity(severity),
        line,
        col,
        hint,
        None if loc is None else tuple(loc),
        key,
    )


def _findings_from(items: Any) -> list[Any]:
    _expect(isinstance(items, list))
    return [_finding_from(item) for item in items]


def _codes(items: Any) -> frozenset[str]:
    _expect(isinstance(items, list) and all(isinstance(x, str) for x in items))
    return frozenset(items)


def _state_from(item: Any) -> tuple[str, list[Any]]:
    _expect(isinstance(item, list) and len(item) == 2 and isinstance(item[0], str))
    return item[0], _findings_from(item[1])


def _summary_json(
    files: dict[str, tuple[str, Any, Disables]],
    cross: tuple[str, Any],
    older: list[tuple[str, Any]],
) -> bytes:
    """The summary file: plain JSON lists, written and read without pydantic, which
    `cchc validate` on an unchanged repository would otherwise import for this alone."""
    data = [
        {
            rel: [
                digest,
                [_finding_json(f) for f in found],
                [
                    {str(line): sorted(codes) for line, codes in disables[0].items()},
                    sorted(disables[1]),
                ],
            ]
            for rel, (digest, found, disables) in files.items()
        },
        [cross[0], [_finding_json(f) for f in cross[1]]],
        [[state, [_finding_json(f) for f in found]] for state, found in older],
    ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _summary_from(raw: bytes) -> Any:
    """What `_summary_json` wrote, checked field by field; raises ValueError otherwise."""
    data = json.loads(raw)
    _expect(isinstance(data, list) and len(data) == 3)
    stored, cross, older = data
    _expect(isinstance(stored, dict) and isinstance(older, list))
    files: dict[str, tuple[str, Any, Disables]] = {}
    for rel, entry in stored.items():
        _expect(isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str))
        disables = entry[2]
        _expect(isinstance(disables, list) and len(disables) == 2)
        _expect(isinstance(disables[0], dict))
        lines: dict[int, frozenset[str]] = {}
        for line, codes in disables[0].items():
            _expect(line.isascii() and line.isdigit())
            lines[int(line)] = _codes(codes)
        files[rel] = (entry[0], _findings_from(entry[1]), (lines, _codes(disables[1])))
    return files, _state_from(cross), [_state_from(item) for item in older]


@cache
def _facts_adapter() -> Any:
    """Validator of the facts file."""
    from pydantic import TypeAdapter

    from cchc.check.filecheck import FileFacts

    return TypeAdapter(dict[str, tuple[str, FileFacts]])


@cache
def object_adapter(kind: str) -> Any:
    """Validator of one file's content of `kind` (the model `cchc.load.parse` uses)."""
    from pydantic import TypeAdapter

    from cchc.schema import Document, Model, Unit
    from cchc.schema.indicator import Indicator

    schema: Any = {"unit": Unit, "model": Model, "document": Document}.get(kind)
    return TypeAdapter(list[Indicator] if kind == "indicators" else schema)


def dump_object(kind: str, obj: Any) -> bytes:
    """The JSON of a validated object, as `load_object` reads it back: the keys of the
    file only (`exclude_unset`, so that defaults and the set of given fields are the same
    after loading) under their names in the file (`by_alias`)."""
    if obj is None:
        return b"null"
    data: bytes = object_adapter(kind).dump_json(obj, by_alias=True, exclude_unset=True)
    return data


def load_object(kind: str, raw: bytes) -> tuple[bool, Any]:
    """(True, the validated object, None for a file without one) from `dump_object`'s
    JSON, or (False, None) when it does not validate."""
    if raw == b"null":
        return True, None
    if kind not in ("unit", "model", "document", "indicators"):
        return False, None
    try:
        return True, object_adapter(kind).validate_json(raw)
    except ValueError:  # pydantic's ValidationError is a ValueError
        return False, None


def _read_bytes(path: Path) -> bytes | None:
    """The bytes of our file `path`, or None when it is missing, odd or too large."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
                return None
            return handle.read()
    except OSError:
        return None


def _read(path: Path, validate: Callable[[bytes], Any]) -> Any:
    """The validated content of `path`, or None when it is missing, odd or malformed."""
    raw = _read_bytes(path)
    if raw is None:
        return None
    try:
        return validate(raw)
    except (ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
        return None


#: One line of the objects file: (rel, digest, kind) -> the object's JSON.
ObjectEntry = tuple[str, str, bytes]


def _read_objects(path: Path) -> dict[str, ObjectEntry]:
    """rel -> (digest, kind, JSON) of every well-formed line of the objects file; the
    JSON itself is validated only when used (`load_object`)."""
    raw = _read_bytes(path)
    entries: dict[str, ObjectEntry] = {}
    for line in (raw or b"").split(b"\n"):
        head, tab, body = line.partition(b"\t")
        if not tab:
            continue
        try:
            rel, digest, kind = json.loads(head)
        except (ValueError, TypeError):
            continue
        if isinstance(rel, str) and isinstance(digest, str) and isinstance(kind, str):
            entries[rel] = (digest, kind, body)
    return entries


def _objects_json(objects: dict[str, ObjectEntry]) -> Iterator[bytes]:
    """The lines of the objects file, one at a time (never the whole file in memory)."""
    for rel, (digest, kind, body) in objects.items():
        head = json.dumps([rel, digest, kind], ensure_ascii=False).encode()
        yield head + b"\t" + body + b"\n"


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
        return in_git_work_tree(root)
    if done.returncode != 0:
        return in_git_work_tree(root) and b"not a git repository" not in done.stderr
    return bool(done.stdout)


class Cache:
    def __init__(self, root: Path) -> None:
        self.directory = root / CACHE_DIR
        fingerprint = code_fingerprint()[:16]
        self.summary_path = self.directory / f"summary-{fingerprint}.json"
        self.facts_path = self.directory / f"facts-{fingerprint}.json"
        self.objects_path = self.directory / f"objects-{fingerprint}.jsonl"
        #: why the cache folder is not used (Vietnamese), or None
        self.refused = self._refusal(root)
        #: rel -> (digest, findings, disables)
        self.files: dict[str, tuple[str, Any, Disables]] = {}
        #: (state digest, cross-file findings) of the last run
        self.cross: tuple[str, Any] | None = None
        #: cross-file findings of earlier runs for other states (other --today)
        self.older: list[tuple[str, Any]] = []
        self._facts: dict[str, tuple[str, Any]] | None = None
        self._objects: dict[str, ObjectEntry] | None = None
        if self.refused is None:
            stored = _read(self.summary_path, _summary_from)
            if stored is not None:
                self.files, self.cross, self.older = stored

    def cross_for(self, state: str) -> Any:
        """The cross-file findings stored for `state` (see `state_digest`), or None."""
        for stored, findings in ([self.cross] if self.cross else []) + self.older:
            if stored == state:
                return findings
        return None

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
            stored = (
                None if self.refused else _read(self.facts_path, _facts_adapter().validate_json)
            )
            self._facts = stored if isinstance(stored, dict) else {}
        return self._facts

    def objects(self) -> dict[str, ObjectEntry]:
        """rel -> (digest, kind, JSON of the validated object), read on first use."""
        if self._objects is None:
            self._objects = {} if self.refused else _read_objects(self.objects_path)
        return self._objects

    def save(
        self,
        files: dict[str, tuple[str, Any, Disables]],
        cross: tuple[str, Any],
        facts: dict[str, tuple[str, Any]] | None,
        objects: dict[str, ObjectEntry] | None = None,
    ) -> None:
        """Store a run's results; `facts` or `objects` None keeps that file as it is. The
        cross-file findings of a few other states are kept (see `cross_for`)."""
        if self.refused is not None:
            return
        older = [c for c in ([self.cross] if self.cross else []) + self.older if c[0] != cross[0]]
        older = older[: _CROSS_STATES - 1]
        try:
            self.directory.mkdir(exist_ok=True)
            if os.path.islink(self.directory):
                return
            self._write_gitignore()
            if facts is not None:
                write_atomic(self.facts_path, _facts_adapter().dump_json(facts))
            if objects is not None:
                write_atomic(self.objects_path, _objects_json(objects))
            summary = _summary_json(files, cross, older)
            write_atomic(self.summary_path, summary)
            self.files, self.cross, self.older = files, cross, older
            keep = {self.summary_path.name, self.facts_path.name, self.objects_path.name}
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
