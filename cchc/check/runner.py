"""`cchc validate` as a function: check a repository, return located, filtered findings."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cchc.check import rules
from cchc.check.cache import Cache, content_digest, state_digest
from cchc.check.crosscheck import cross_check
from cchc.check.filecheck import FileFacts, FileResult, check_file
from cchc.check.findings import Finding, Severity
from cchc.check.settings import Settings
from cchc.errors import NotFoundError, UsageError
from cchc.load.files import (
    DataFile,
    ReadError,
    classify,
    list_files,
    list_leftovers,
    read_bytes,
    template_links_out,
)
from cchc.load.yamlfile import Locator

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


def _relative(root: Path, paths: Sequence[Path]) -> set[str]:
    chosen: set[str] = set()
    for path in paths:
        absolute = path if path.is_absolute() else Path.cwd() / path
        if not absolute.exists() and not absolute.is_symlink():
            raise NotFoundError(
                f'không có tệp hay thư mục "{path}"',
                hint="kiểm tra đường dẫn (tương đối với thư mục hiện tại)",
            )
        try:
            rel = absolute.absolute().relative_to(root).as_posix()
        except ValueError:
            try:
                rel = absolute.resolve().relative_to(root).as_posix()
            except ValueError:
                raise UsageError(
                    f'"{path}" nằm ngoài kho dữ liệu {root}',
                    hint="chỉ kiểm tra tệp trong kho, hoặc đổi --root",
                ) from None
        if absolute.is_dir():
            prefix = "" if rel == "." else rel.rstrip("/") + "/"
            chosen.add(prefix)
        elif classify(rel) is None:
            raise UsageError(
                f'"{path}" không phải tệp dữ liệu cchc',
                hint="tệp phải nằm trong data/units, data/models, data/documents "
                "(đuôi .yaml) hoặc là data/indicators.yaml",
            )
        else:
            chosen.add(rel)
    return chosen


def _wanted(rel: str, chosen: set[str] | None) -> bool:
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


def _disables(facts: FileFacts) -> tuple[dict[int, frozenset[str]], frozenset[str]]:
    return facts.line_disables, facts.file_disables


def run_checks(
    root: Path,
    *,
    today: date,
    settings: Settings,
    paths: Sequence[Path] = (),
    use_cache: bool = True,
    progress: Progress | None = None,
) -> CheckOutcome:
    """Check the repository at `root`; findings limited to `paths` when given.

    With the cache, an unchanged repository is answered without parsing (see cache.py);
    otherwise only files whose bytes changed are parsed again. The cyclic garbage
    collector is paused meanwhile: `validate` keeps only findings and facts, which hold
    no cycles, and collections would otherwise rescan them again and again.
    """
    with _gc_paused():
        chosen = _relative(root, paths) if paths else None
        files, stray = list_files(root)
        raws = {file.rel: _read(root, file) for file in files}
        digests = {
            rel: (content_digest(raw) if isinstance(raw, bytes) else f"!{raw.code}")
            for rel, raw in raws.items()
        }
        state = state_digest(digests, today.isoformat())
        cache = Cache(root) if use_cache else None
        per_file: dict[str, list[Finding]] = {}
        disables: dict[str, tuple[dict[int, frozenset[str]], frozenset[str]]] = {}
        cached = 0
        if (
            cache is not None
            and cache.cross is not None
            and cache.cross[0] == state
            and all(cache.files.get(rel, ("",))[0] == digest for rel, digest in digests.items())
        ):
            for rel in digests:
                _, per_file[rel], disables[rel] = cache.files[rel]
            cross: list[Finding] = list(cache.cross[1])
            cached = len(files)
        else:
            stored_facts = cache.facts() if cache is not None else {}
            facts: dict[str, FileFacts] = {}
            for n, file in enumerate(files, start=1):
                rel, raw, digest = file.rel, raws[file.rel], digests[file.rel]
                old = cache.files.get(rel) if cache is not None else None
                old_facts = stored_facts.get(rel)
                if isinstance(raw, Finding):
                    result = _unreadable(file, raw)
                    per_file[rel], facts[rel] = result.findings, result.facts
                elif old and old[0] == digest and old_facts and old_facts[0] == digest:
                    per_file[rel], facts[rel] = list(old[1]), old_facts[1]
                    cached += 1
                else:
                    result = check_file(root, file, raw, digest)
                    per_file[rel], facts[rel] = result.findings, result.facts
                disables[rel] = _disables(facts[rel])
                if progress is not None:
                    progress(n, len(files))
                _settle(n)
            cross = cross_check(facts, today)
            locate_findings(root, cross)
            if cache is not None:
                cache.save(
                    {rel: (digests[rel], per_file[rel], disables[rel]) for rel in digests},
                    (state, cross),
                    None
                    if cached == len(files) and stored_facts.keys() == facts.keys()
                    else {rel: (digests[rel], facts[rel]) for rel in digests},
                )
        findings = [f for items in per_file.values() for f in items] + cross
        for rel in stray:
            findings.append(
                Finding(
                    "L013",
                    rel,
                    "tệp không có đuôi .yaml nên không được đọc",
                    rules.BY_CODE["L013"].severity,
                    0,
                    0,
                    "đổi tên thành <mã>.yaml, hoặc chuyển ra khỏi data/",
                )
            )
        for rel, target in template_links_out(root):
            findings.append(
                Finding(
                    "S022",
                    rel,
                    f'mẫu là liên kết tượng trưng trỏ ra ngoài kho dữ liệu ("{target}")',
                    rules.BY_CODE["S022"].severity,
                    0,
                    0,
                    "chép mẫu vào templates/ của kho thay vì liên kết",
                )
            )
        for rel in list_leftovers(root):
            findings.append(
                Finding(
                    "L015",
                    rel,
                    "tệp tạm do một lệnh sửa dữ liệu bị ngắt giữa chừng để lại",
                    rules.BY_CODE["L015"].severity,
                    0,
                    0,
                    "xóa tệp này (lệnh cchc adopt/result/new/fmt sau sẽ tự xóa); không đưa vào kho",
                )
            )
        findings = [
            f
            for f in findings
            if _wanted(f.path, chosen) and _enabled(f, settings, disables.get(f.path))
        ]
        findings.sort(key=lambda f: f.sort_key)
        checked = sum(1 for f in files if _wanted(f.rel, chosen))
        refused = cache.refused if cache is not None else None
        return CheckOutcome(root, findings, checked, cached, refused)
