"""The one way from files on disk to checked data: read → check → assemble.

Every command gets its data here, never by calling `load` and `check` itself:

- `run_checks` (for `cchc validate`): every finding, located and filtered, with the cache;
- `load_repository` (strict): the validated `Repository`, or a `DataError` listing the
  errors, so reports and documents are never computed from data validation rejects;
- `load_lenient` / `load_side` (for `cchc diff`): every file without an error of its own,
  and the paths left out, in the working tree or at a git revision.

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

from cchc.check import rules
from cchc.check.cache import Cache, Disables, content_digest, state_digest
from cchc.check.crosscheck import cross_check
from cchc.check.filecheck import FileFacts, FileResult, check_file
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
from cchc.load.gitrev import checkout_revision
from cchc.load.revisions import Side, has_data
from cchc.load.yamlfile import Locator
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


def _unreadable(file: DataFile, finding: Finding) -> FileResult:
    facts = FileFacts(kind=file.kind, id=file.stem if file.kind != "indicators" else None)
    return FileResult(file, "", [finding], facts)


def check_files(
    root: Path, files: list[DataFile], progress: Progress | None = None
) -> dict[str, FileResult]:
    """Single-file checks of every file (no cache), keeping the validated objects."""
    results: dict[str, FileResult] = {}
    for n, file in enumerate(files, start=1):
        raw = _read(root, file)
        results[file.rel] = (
            _unreadable(file, raw) if isinstance(raw, Finding) else check_file(root, file, raw)
        )
        if progress is not None:
            progress(n, len(files))
        _settle(n)
    return results


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
class _Checked:
    """Per-file findings and disable comments, and the cross-file findings, of one run."""

    per_file: dict[str, list[Finding]]
    disables: dict[str, Disables]
    cross: list[Finding]
    cached: int  # files answered from the cache


def _all_cached(cache: Cache | None, digests: dict[str, str], state: str) -> _Checked | None:
    """The whole answer from the cache, when no file and not --today changed."""
    if cache is None or cache.cross is None or cache.cross[0] != state:
        return None
    if any(cache.files.get(rel, ("",))[0] != digest for rel, digest in digests.items()):
        return None
    checked = _Checked({}, {}, list(cache.cross[1]), len(digests))
    for rel in digests:
        _, checked.per_file[rel], checked.disables[rel] = cache.files[rel]
    return checked


def _check_changed(
    root: Path,
    files: list[DataFile],
    raws: dict[str, bytes | Finding],
    digests: dict[str, str],
    today: date,
    cache: Cache | None,
    progress: Progress | None,
) -> tuple[_Checked, dict[str, FileFacts]]:
    """Single-file checks of the files that changed (the others from the cache), then the
    cross-file checks of all of them."""
    stored_facts = cache.facts() if cache is not None else {}
    checked = _Checked({}, {}, [], 0)
    facts: dict[str, FileFacts] = {}
    for n, file in enumerate(files, start=1):
        rel, raw, digest = file.rel, raws[file.rel], digests[file.rel]
        old = cache.files.get(rel) if cache is not None else None
        old_facts = stored_facts.get(rel)
        if isinstance(raw, Finding):
            result = _unreadable(file, raw)
            checked.per_file[rel], facts[rel] = result.findings, result.facts
        elif old and old[0] == digest and old_facts and old_facts[0] == digest:
            checked.per_file[rel], facts[rel] = list(old[1]), old_facts[1]
            checked.cached += 1
        else:
            result = check_file(root, file, raw, digest)
            checked.per_file[rel], facts[rel] = result.findings, result.facts
        checked.disables[rel] = _disables(facts[rel])
        if progress is not None:
            progress(n, len(files))
        _settle(n)
    checked.cross = cross_check(facts, today)
    locate_findings(root, checked.cross)
    if cache is not None:
        unchanged = checked.cached == len(files) and stored_facts.keys() == facts.keys()
        cache.save(
            {rel: (d, checked.per_file[rel], checked.disables[rel]) for rel, d in digests.items()},
            (state_digest(digests, today.isoformat()), checked.cross),
            None if unchanged else {rel: (digests[rel], facts[rel]) for rel in digests},
        )
    return checked, facts


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
    otherwise only files whose bytes changed are parsed again. The cyclic garbage
    collector is paused meanwhile: `validate` keeps only findings and facts, which hold
    no cycles, and collections would otherwise rescan them again and again.
    """
    with _gc_paused():
        files, stray = list_files(root)
        raws = {file.rel: _read(root, file) for file in files}
        digests = {
            rel: (content_digest(raw) if isinstance(raw, bytes) else f"!{raw.code}")
            for rel, raw in raws.items()
        }
        cache = Cache(root) if use_cache else None
        checked = _all_cached(cache, digests, state_digest(digests, today.isoformat()))
        if checked is None:
            checked, _facts = _check_changed(root, files, raws, digests, today, cache, progress)
        findings = [f for items in checked.per_file.values() for f in items]
        findings += checked.cross + tree_findings(root, stray)
        findings = [
            f
            for f in findings
            if is_chosen(f.path, only) and _enabled(f, settings, checked.disables.get(f.path))
        ]
        findings.sort(key=lambda f: f.sort_key)
        count = sum(1 for f in files if is_chosen(f.rel, only))
        refused = cache.refused if cache is not None else None
        return CheckOutcome(root, findings, count, checked.cached, refused)


def load_repository(root: Path, *, today: date | None = None) -> Repository:
    """Load and check every file under `root`; DataError if any error-level finding."""
    with _gc_paused():
        files, _stray = list_files(root)
        results = check_files(root, files)
        findings = [f for r in results.values() for f in r.findings]
        facts = {rel: r.facts for rel, r in results.items()}
        findings += cross_check(facts, today or date.today())
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
            (result.obj for result in results.values()),
            [f for f in findings if f.severity != Severity.ERROR],
        )
    # The loaded data lives until the command ends: keep the collector from rescanning it
    # (on 4,000 units x 30 adoptions this halves the time of compute and output).
    gc.freeze()
    return repo


def load_lenient(root: Path) -> tuple[Repository, list[str]]:
    """Every file of `root` without an error of its own, and the paths left out."""
    if not (root / "data").is_dir():
        return Repository.from_objects(root, ()), []
    with _gc_paused():
        files, _stray = list_files(root)
        results = check_files(root, files)
    skipped = sorted(
        rel
        for rel, result in results.items()
        if result.obj is None or any(f.severity == Severity.ERROR for f in result.findings)
    )
    left_out = set(skipped)
    kept = (results[rel].obj for rel in sorted(results) if rel not in left_out)
    return Repository.from_objects(root, kept), skipped


@contextmanager
def load_side(root: Path, side: Side) -> Iterator[tuple[Repository, list[str]]]:
    """The data of `side` of a comparison (a revision without data/ is an empty
    repository)."""
    if side.commit is None:
        yield load_lenient(root)
        return
    if not has_data(root, side.commit):
        yield Repository.from_objects(root, ()), []
        return
    with checkout_revision(root, side.commit) as tree:
        yield load_lenient(tree)
