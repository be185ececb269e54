"""The one way from files on disk to checked data: read → check → assemble.

Every command gets its data here, never by calling `load` and `check` itself:

- `run_checks` (for `cchc validate`): every finding, located and filtered, with the cache;
- `load_repository` (strict): the validated `Repository`, or a `DataError` listing the
  errors, so reports and documents are never computed from data validation rejects;
- `load_lenient` / `load_side` (for `cchc diff`): every file without an error of its own,
  and the paths left out, in the working tree or at a git revision.

The checking code (per-file and cross-file checks, the YAML reader, the schema models) is
imported only when some file must be parsed: `cchc validate` on an unchanged repository
loads none of it.

This module also owns the garbage-collector policy of a run: while thousands of files'
findings and objects are kept, the cyclic collector is paused or the kept objects are
frozen out of its sight (`_gc_paused`, `_settle`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.check import rules
from cchc.check.cache import (
    Cache,
    Disables,
    ObjectEntry,
    content_digest,
    dump_object,
    load_object,
    state_digest,
)
from cchc.check.findings import Finding, Severity
from cchc.check.settings import Settings
from cchc.check.treecheck import tree_findings
from cchc.errors import DataError
from cchc.load.files import (
    DataFile,
    ReadError,
    list_files,
    read_bytes,
)

if TYPE_CHECKING:
    from cchc.check.filecheck import FileFacts, FileResult
    from cchc.load.revisions import Side
    from cchc.schema.repository import Repository

Progress = Callable[[int, int], None]


@dataclass
class CheckOutcome:
    root: Path
    findings: list[Finding]
    files: int
    cached: int = 0  # files answered from the cache
    #: why the cache was not used although asked for (Vietnamese), or None
    cache_refused: str | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


def is_chosen(rel: str, chosen: set[str] | None) -> bool:
    """Whether `rel` is one of `chosen` (repository-relative files, or folders ending in
    "/"; "" is the whole repository); None chooses everything."""
    if chosen is None:
        return True
    return rel in chosen or any((p.endswith("/") and rel.startswith(p)) or p == "" for p in chosen)


def _settle(checked: int) -> None:
    """Every 64 files, move what is kept so far out of the garbage collector's sight.

    Checking thousands of files keeps their findings, facts and objects; without this each
    collection would scan all of them again (on 4,000 units with 30 adoptions each that
    doubles the run). Frozen objects are still freed normally when no longer referenced.
    """
    if checked % 64 == 0:
        gc.freeze()


def _read(root: Path, file: DataFile) -> bytes | Finding:
    try:
        return read_bytes(root, file.rel)
    except ReadError as error:
        return Finding(
            error.code,
            file.rel,
            error.message,
            rules.BY_CODE[error.code].severity,
            0,
            0,
            error.hint,
        )


def check_file(root: Path, file: DataFile, raw: bytes, digest: str) -> FileResult:
    """`cchc.check.filecheck.check_file`, imported on first use."""
    from cchc.check.filecheck import check_file as check

    return check(root, file, raw, digest)


def _unreadable(file: DataFile, finding: Finding) -> FileResult:
    from cchc.check.filecheck import FileFacts, FileResult

    facts = FileFacts(kind=file.kind, id=file.stem if file.kind != "indicators" else None)
    return FileResult(file, "", [finding], facts)


def locate_findings(root: Path, findings: list[Finding]) -> None:
    pending: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.loc is not None and not finding.line:
            pending.setdefault(finding.path, []).append(finding)
    for rel, items in pending.items():
        try:
            text = read_bytes(root, rel).decode("utf-8")
        except (ReadError, UnicodeDecodeError):
            continue
        from cchc.load.yamlfile import Locator

        locator = Locator(text)
        for finding in items:
            assert finding.loc is not None
            finding.line, finding.col = locator.position(finding.loc, key=finding.key)


def _enabled(
    finding: Finding,
    settings: Settings,
    disables: tuple[dict[int, frozenset[str]], frozenset[str]] | None,
) -> bool:
    if finding.code in settings.disable:
        return False
    if disables is None:
        return True
    line_disables, file_disables = disables
    name = rules.BY_CODE[finding.code].name.upper()
    if finding.code in file_disables or name in file_disables:
        return False
    names = line_disables.get(finding.line)
    return not (names and (finding.code in names or name in names))


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _disables(facts: FileFacts) -> Disables:
    return facts.line_disables, facts.file_disables


@dataclass
class _Gathered:
    """Every file's own findings, disable comments and (when asked) validated object, and
    the cross-file findings, of one repository: from the cache where the bytes did not
    change, by parsing otherwise."""

    files: list[DataFile]
    stray: list[str]
    per_file: dict[str, list[Finding]]
    disables: dict[str, Disables]
    cross: list[Finding]
    objects: dict[str, Any]  # rel -> validated object or None (only when asked for)
    cached: int  # files answered from the cache
    refused: str | None  # why the cache was not used although asked for


def _has_error(findings: list[Finding]) -> bool:
    return any(f.severity == Severity.ERROR for f in findings)


def _gather(
    root: Path,
    *,
    today: date,
    use_cache: bool,
    objects: bool,
    cross_needed: bool = True,
    save: bool = True,
    locate: bool = True,
    progress: Progress | None = None,
) -> _Gathered:
    """The one path from files to checked data, shared by every command.

    Each file is read and hashed; its findings, facts and object come from the cache when
    the digest matches, and from `check_file` otherwise (stale or invalid cache entries
    are re-parsed, so the result is the same as without cache). Objects are wanted only
    for files without an error of their own (the others never reach a computation). The
    cross-file checks run again only when no result is stored for this state (every
    file's digest and `today`), and not at all when `cross_needed` is false and there
    is no cache to keep them in. With `save` false the cache is only read (commands that
    edit the data leave nothing else behind).
    """
    files, stray = list_files(root)
    raws = {file.rel: _read(root, file) for file in files}
    digests = {
        rel: (content_digest(raw) if isinstance(raw, bytes) else f"!{raw.code}")
        for rel, raw in raws.items()
    }
    cache = Cache(root) if use_cache else None
    state = state_digest(digests, today.isoformat())
    # Locating cross-file findings (line and column) reads their files again: commands
    # that only compute (`locate` false) skip it, and keep those findings under their own
    # key, which `cchc validate` never takes for located ones.
    key = state if locate else state + "/unlocated"
    cross = None
    if cache is not None:
        cross = cache.cross_for(state)
        if cross is None and not locate:
            cross = cache.cross_for(key)
    got = _Gathered(files, stray, {}, {}, [], {}, 0, cache.refused if cache else None)
    stored = cache.files if cache is not None else {}
    stored_facts = cache.facts() if cache is not None and cross is None else {}
    stored_objects = cache.objects() if cache is not None and objects else {}
    facts: dict[str, FileFacts] = {}
    parsed: dict[str, bytes] = {}  # rel -> JSON of the object of each file parsed now
    for n, file in enumerate(files, start=1):
        # each file's bytes are dropped once used: on 6,000 files they weigh 165 MB
        rel, raw, digest = file.rel, raws.pop(file.rel), digests[file.rel]
        old = stored.get(rel)
        if isinstance(raw, Finding):
            result = _unreadable(file, raw)
            got.per_file[rel], facts[rel] = result.findings, result.facts
            got.disables[rel] = _disables(result.facts)
            got.objects[rel] = None
        else:
            hit = old is not None and old[0] == digest
            if hit and cross is None:
                old_facts = stored_facts.get(rel)
                hit = old_facts is not None and old_facts[0] == digest
                if hit and old_facts is not None:
                    facts[rel] = old_facts[1]
            if hit and objects and old is not None and not _has_error(old[1]):
                entry = stored_objects.get(rel)
                hit = entry is not None and entry[0] == digest and entry[1] == file.kind
                if hit and entry is not None:
                    hit, got.objects[rel] = load_object(file.kind, entry[2])
            if hit and old is not None:
                got.per_file[rel], got.disables[rel] = list(old[1]), old[2]
                got.cached += 1
            else:
                result = check_file(root, file, raw, digest)
                got.per_file[rel], facts[rel] = result.findings, result.facts
                got.disables[rel] = _disables(result.facts)
                if objects:  # `cchc validate` keeps none: memory stays that of the facts
                    got.objects[rel] = result.obj
                if use_cache and save:
                    parsed[rel] = dump_object(file.kind, result.obj)
        if progress is not None:
            progress(n, len(files))
        _settle(n)
    computed = cross is None
    if cross is None:
        cross = []
        if cross_needed or cache is not None:
            from cchc.check.crosscheck import cross_check

            cross = cross_check(facts, today)
            if locate:
                locate_findings(root, cross)
    got.cross = list(cross)
    if cache is not None and save and (computed or parsed):
        # `facts` holds every file's facts only when the cross-file checks ran
        _save(
            cache,
            files,
            digests,
            got,
            (key, cross),
            facts if computed and parsed else None,
            parsed,
        )
    return got


def _save(
    cache: Cache,
    files: list[DataFile],
    digests: dict[str, str],
    got: _Gathered,
    cross: tuple[str, list[Finding]],
    facts: dict[str, FileFacts] | None,
    parsed: dict[str, bytes],
) -> None:
    """Store what `_gather` found: the facts and objects files only when some file was
    parsed (then with the stored entries of the files that did not change)."""
    objects: dict[str, ObjectEntry] | None = None
    if parsed:
        stored = cache.objects()
        objects = {}
        for file in files:
            rel, digest = file.rel, digests[file.rel]
            if rel in parsed:
                objects[rel] = (digest, file.kind, parsed[rel])
            elif rel in stored and stored[rel][0] == digest:
                objects[rel] = stored[rel]
    cache.save(
        {rel: (d, got.per_file[rel], got.disables[rel]) for rel, d in digests.items()},
        cross,
        None if facts is None else {rel: (digests[rel], facts[rel]) for rel in facts},
        objects,
    )


def run_checks(
    root: Path,
    *,
    today: date,
    settings: Settings,
    only: set[str] | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> CheckOutcome:
    """Check the repository at `root`; findings limited to `only` (see `is_chosen`).

    With the cache, an unchanged repository is answered without parsing (see cache.py);
    otherwise only files whose bytes changed are parsed again.
    """
    with _gc_paused():
        got = _gather(root, today=today, use_cache=use_cache, objects=False, progress=progress)
        findings = [f for items in got.per_file.values() for f in items]
        findings += got.cross + tree_findings(root, got.stray)
        findings = [
            f
            for f in findings
            if is_chosen(f.path, only) and _enabled(f, settings, got.disables.get(f.path))
        ]
        findings.sort(key=lambda f: f.sort_key)
        count = sum(1 for f in got.files if is_chosen(f.rel, only))
        return CheckOutcome(root, findings, count, got.cached, got.refused)


def load_repository(
    root: Path, *, today: date | None = None, use_cache: bool = True, save_cache: bool = True
) -> Repository:
    """Load and check every file under `root`; DataError if any error-level finding.

    Unchanged files come from the cache (`.cchc_cache/`, shared with `cchc validate`), so
    only the files that changed are parsed; `save_cache` false only reads it.
    """
    from cchc.schema.repository import Repository

    with _gc_paused():
        got = _gather(
            root,
            today=today or date.today(),
            use_cache=use_cache,
            objects=True,
            save=save_cache,
            locate=False,
        )
        findings = [f for items in got.per_file.values() for f in items] + got.cross
        errors = [f for f in findings if f.severity == Severity.ERROR]
        if errors:
            locate_findings(root, errors)
            errors.sort(key=lambda f: f.sort_key)
            shown = "\n".join(
                f"  {f.path}:{f.line}:{f.col}: {f.code} {f.message}" for f in errors[:10]
            )
            more = f"\n  … và {len(errors) - 10} lỗi khác" if len(errors) > 10 else ""
            raise DataError(
                f"dữ liệu có {len(errors)} lỗi, chưa thể tính toán:\n{shown}{more}",
                hint="chạy `cchc validate` để xem chi tiết và sửa",
            )
        repo = Repository.from_objects(
            root,
            (got.objects[file.rel] for file in got.files),
            [f for f in findings if f.severity != Severity.ERROR],
        )
    # The loaded data lives until the command ends: keep the collector from rescanning it
    # (on 4,000 units x 30 adoptions this halves the time of compute and output).
    gc.freeze()
    return repo


def load_lenient(root: Path, *, use_cache: bool = True) -> tuple[Repository, list[str]]:
    """Every file of `root` without an error of its own, and the paths left out."""
    from cchc.schema.repository import Repository

    if not (root / "data").is_dir():
        return Repository.from_objects(root, ()), []
    with _gc_paused():
        got = _gather(
            root,
            today=date.today(),
            use_cache=use_cache,
            objects=True,
            cross_needed=False,
            locate=False,
        )
        skipped = sorted(
            rel
            for rel, findings in got.per_file.items()
            if got.objects.get(rel) is None or _has_error(findings)
        )
        left_out = set(skipped)
        kept = (got.objects[rel] for rel in sorted(got.per_file) if rel not in left_out)
        repo = Repository.from_objects(root, kept)
    gc.freeze()
    return repo, skipped


@contextmanager
def load_side(root: Path, side: Side) -> Iterator[tuple[Repository, list[str]]]:
    """The data of `side` of a comparison (a revision without data/ is an empty
    repository)."""
    from cchc.load.gitrev import checkout_revision
    from cchc.load.revisions import has_data
    from cchc.schema.repository import Repository

    if side.commit is None:
        yield load_lenient(root)
        return
    if not has_data(root, side.commit):
        yield Repository.from_objects(root, ()), []
        return
    with checkout_revision(root, side.commit) as tree:
        yield load_lenient(tree, use_cache=False)  # a temporary tree: no cache to keep
