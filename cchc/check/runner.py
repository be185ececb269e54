"""`cchc validate` as a function: check a repository, return located, filtered findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cchc.check import rules
from cchc.check.cache import Cache, content_digest
from cchc.check.crosscheck import cross_check
from cchc.check.filecheck import FileFacts, FileResult, check_file
from cchc.check.findings import Finding, Severity
from cchc.check.settings import Settings
from cchc.errors import NotFoundError, UsageError
from cchc.load.files import DataFile, ReadError, classify, list_files, read_bytes
from cchc.load.yamlfile import Locator

Progress = Callable[[int, int], None]


@dataclass
class CheckOutcome:
    root: Path
    findings: list[Finding]
    files: int
    results: dict[str, FileResult] = field(default_factory=dict)  # fresh results only
    cached: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


def _relative(root: Path, paths: Sequence[Path]) -> set[str]:
    chosen: set[str] = set()
    for path in paths:
        absolute = path if path.is_absolute() else Path.cwd() / path
        if not absolute.exists() and not absolute.is_symlink():
            raise NotFoundError(f'không có tệp hay thư mục "{path}"',
                                hint="kiểm tra đường dẫn (tương đối với thư mục hiện tại)")
        try:
            rel = absolute.absolute().relative_to(root).as_posix()
        except ValueError:
            try:
                rel = absolute.resolve().relative_to(root).as_posix()
            except ValueError:
                raise UsageError(f'"{path}" nằm ngoài kho dữ liệu {root}',
                                 hint="chỉ kiểm tra tệp trong kho, hoặc đổi --root") from None
        if absolute.is_dir():
            prefix = "" if rel == "." else rel.rstrip("/") + "/"
            chosen.add(prefix)
        elif classify(rel) is None:
            raise UsageError(f'"{path}" không phải tệp dữ liệu cchc',
                             hint="tệp phải nằm trong data/units, data/models, data/documents "
                             "(đuôi .yaml) hoặc là data/indicators.yaml")
        else:
            chosen.add(rel)
    return chosen


def _wanted(rel: str, chosen: set[str] | None) -> bool:
    if chosen is None:
        return True
    return rel in chosen or any(p.endswith("/") and rel.startswith(p) or p == "" for p in chosen)


def check_files(root: Path, files: list[DataFile], cache: Cache | None,
                progress: Progress | None = None, keep_objects: bool = False
                ) -> tuple[dict[str, FileResult], dict[str, tuple[str, list[Finding], FileFacts]], int]:
    """Single-file checks of every file, from the cache where the bytes are unchanged."""
    results: dict[str, FileResult] = {}
    entries: dict[str, tuple[str, list[Finding], FileFacts]] = {}
    cached = 0
    for n, file in enumerate(files, start=1):
        try:
            raw = read_bytes(root, file.rel)
        except ReadError as error:
            facts = FileFacts(kind=file.kind, id=file.stem if file.kind != "indicators" else None)
            finding = Finding(error.code, file.rel, error.message,
                              rules.BY_CODE[error.code].severity, 0, 0, error.hint)
            results[file.rel] = FileResult(file, "", [finding], facts)
            continue
        digest = content_digest(raw) if cache is not None else ""
        hit = cache.get(file.rel, digest) if cache is not None and not keep_objects else None
        if hit is not None:
            findings, facts = hit
            results[file.rel] = FileResult(file, digest, list(findings), facts)
            cached += 1
        else:
            results[file.rel] = check_file(root, file, raw, digest)
        if cache is not None:
            result = results[file.rel]
            entries[file.rel] = (digest, result.findings, result.facts)
        if progress is not None:
            progress(n, len(files))
    return results, entries, cached


def locate_findings(root: Path, findings: list[Finding]) -> None:
    pending: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.loc is not None and not finding.line:
            pending.setdefault(finding.path, []).append(finding)
    for rel, items in pending.items():
        try:
            text = (root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        locator = Locator(text)
        for finding in items:
            assert finding.loc is not None
            finding.line, finding.col = locator.position(finding.loc, key=finding.key)


def _enabled(finding: Finding, settings: Settings, facts: FileFacts | None) -> bool:
    if finding.code in settings.disable:
        return False
    if facts is None:
        return True
    name = rules.BY_CODE[finding.code].name.upper()
    if finding.code in facts.file_disables or name in facts.file_disables:
        return False
    names = facts.line_disables.get(finding.line)
    return not (names and (finding.code in names or name in names))


def run_checks(root: Path, *, today: date, settings: Settings, paths: Sequence[Path] = (),
               use_cache: bool = True, progress: Progress | None = None,
               keep_objects: bool = False) -> CheckOutcome:
    """Check the repository at `root`; findings limited to `paths` when given."""
    chosen = _relative(root, paths) if paths else None
    files, stray = list_files(root)
    cache = Cache(root, enabled=use_cache) if use_cache else None
    results, entries, cached = check_files(root, files, cache, progress, keep_objects)
    facts = {rel: result.facts for rel, result in results.items()}
    findings = [f for result in results.values() for f in result.findings]
    findings += cross_check(facts, today)
    for rel in stray:
        findings.append(Finding("L013", rel, "tệp không có đuôi .yaml nên không được đọc",
                                rules.BY_CODE["L013"].severity, 0, 0,
                                "đổi tên thành <mã>.yaml, hoặc chuyển ra khỏi data/"))
    locate_findings(root, findings)
    findings = [
        f for f in findings
        if _wanted(f.path, chosen) and _enabled(f, settings, facts.get(f.path))
    ]
    findings.sort(key=lambda f: f.sort_key)
    if cache is not None:
        cache.save(entries, changed=cached < len(entries))
    checked = sum(1 for f in files if _wanted(f.rel, chosen))
    return CheckOutcome(root, findings, checked, results, cached)
