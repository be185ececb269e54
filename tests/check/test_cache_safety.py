"""The validate cache cannot run code, cannot be planted by a pull request, never follows a
symbolic link out of the repository and never deletes a file it did not write."""

from __future__ import annotations

import json
import pickle
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cchc.check.cache import CACHE_DIR, Cache, Disables, code_fingerprint
from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import run_cli, write_tree

XA_B = "data/units/xa-b.yaml"
BAD_LEVEL = EXAMPLE_REPO[XA_B].replace("level: commune", "level: comune")
TODAY = ("--today", "2024-10-01")


class _Payload:
    """Unpickling this touches a marker file: proof that loading ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def _codes(capsys: pytest.CaptureFixture[str], root: Path) -> list[str]:
    run = run_cli(capsys, "validate", "--root", root, "--format", "json", *TODAY)
    assert run.code in (0, 1), run.err
    return [f["code"] for f in run.json()["findings"]]


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


def test_a_pickled_cache_file_never_runs(
    capsys: pytest.CaptureFixture[str], example_repo: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "marker"
    cache = example_repo / CACHE_DIR
    cache.mkdir()
    fingerprint = code_fingerprint()[:16]
    for name in ("summary", "facts"):
        for suffix in ("pickle", "json"):
            (cache / f"{name}-{fingerprint}.{suffix}").write_bytes(pickle.dumps(_Payload(marker)))
    assert _codes(capsys, example_repo) == []
    assert not marker.exists()


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        "{}",
        '[{"data/units/xa-b.yaml": ["x", [], [{}, []]]}, null]',
        '[{"data/units/xa-b.yaml": ["x", [{"code": 1}], [{}, []]]}, null]',
        "[" * 100000,
        "not json",
    ],
)
def test_malformed_cache_is_absent(
    capsys: pytest.CaptureFixture[str], example_repo: Path, content: str
) -> None:
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    cache = example_repo / CACHE_DIR
    cache.mkdir()
    fingerprint = code_fingerprint()[:16]
    for name in ("summary", "facts"):
        (cache / f"{name}-{fingerprint}.json").write_text(content)
    assert _codes(capsys, example_repo) == ["S013"]
    # and the run rewrote a well-formed cache that the next run uses
    assert _codes(capsys, example_repo) == ["S013"]
    json.loads((cache / f"summary-{fingerprint}.json").read_text())


def _plant_clean_cache(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    """A cache that matches the files' digests but claims there is nothing to report."""
    assert _codes(capsys, root) == ["S013"]
    cache = Cache(root)
    assert cache.cross is not None and cache.files
    files: dict[str, tuple[str, Any, Disables]] = {
        rel: (digest, [], disables) for rel, (digest, _, disables) in cache.files.items()
    }
    cache.save(files, (cache.cross[0], []), None)
    assert _codes(capsys, root) == []  # a local cache is trusted: it is ours


def test_a_cache_committed_to_git_is_not_used(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    _git(example_repo, "init", "-q")
    _plant_clean_cache(capsys, example_repo)
    _git(example_repo, "add", "-f", ".")
    _git(example_repo, "commit", "-q", "-m", "data with a planted cache")
    run = run_cli(capsys, "validate", "--root", example_repo, "--format", "json", *TODAY)
    assert [f["code"] for f in run.json()["findings"]] == ["S013"]
    assert "không dùng bộ nhớ đệm" in run.err and "git" in run.err
    assert run.err.count("bộ nhớ đệm") == 1


def test_a_symlinked_cache_folder_is_not_used(
    capsys: pytest.CaptureFixture[str], example_repo: Path, tmp_path: Path
) -> None:
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    _plant_clean_cache(capsys, example_repo)
    elsewhere = tmp_path / "elsewhere"
    (example_repo / CACHE_DIR).rename(elsewhere)
    (example_repo / CACHE_DIR).symlink_to(elsewhere)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in elsewhere.iterdir())
    run = run_cli(capsys, "validate", "--root", example_repo, "--format", "json", *TODAY)
    assert [f["code"] for f in run.json()["findings"]] == ["S013"]
    assert "liên kết tượng trưng" in run.err
    assert sorted((p.name, p.stat().st_mtime_ns) for p in elsewhere.iterdir()) == before


def test_files_the_cache_did_not_write_are_kept(
    capsys: pytest.CaptureFixture[str], example_repo: Path, tmp_path: Path
) -> None:
    cache = example_repo / CACHE_DIR
    cache.mkdir()
    mine = {
        "notes.pickle": b"a user's file",
        "summary-old.pickle": b"x",
        "facts-0123456789abcdef.pickle": b"x",
        "README": b"x",
    }
    for name, content in mine.items():
        (cache / name).write_bytes(content)
    outside = tmp_path / "outside.txt"
    (cache / ".gitignore").symlink_to(outside)  # dangling: must not be followed
    assert _codes(capsys, example_repo) == []
    for name, content in mine.items():
        assert (cache / name).read_bytes() == content
    assert not outside.exists()
    # an old cache file of ours (other code fingerprint) is removed
    stale = cache / "summary-0123456789abcdef.json"
    stale.write_text("{}")
    write_tree(example_repo, {XA_B: BAD_LEVEL})  # a change, so that the cache is written
    assert _codes(capsys, example_repo) == ["S013"]
    assert not stale.exists()


def _finding_field(index: int, value: Any) -> Any:
    def change(data: Any) -> None:
        entry = next(e for e in data[0].values() if e[1])
        entry[1][0][index] = value

    return change


@pytest.mark.parametrize(
    "mutate",
    [
        _finding_field(3, 7),  # no such severity
        _finding_field(3, True),
        _finding_field(4, "3"),  # line as text
        _finding_field(7, [1.5]),  # loc with a fraction
        _finding_field(8, "yes"),  # key not a boolean
        _finding_field(6, 5),  # hint not text
        lambda data: data[0][next(iter(data[0]))][2][0].update({"x": ["L001"]}),
        lambda data: data.append([]),
        lambda data: data[1].append(None),
    ],
)
def test_summary_of_the_wrong_shape_is_not_read(
    capsys: pytest.CaptureFixture[str], example_repo: Path, mutate: Any
) -> None:
    """The summary is read without pydantic, field by field: any other shape is absent."""
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    assert _codes(capsys, example_repo) == ["S013"]
    path = Cache(example_repo).summary_path
    data = json.loads(path.read_text(encoding="utf-8"))
    assert Cache(example_repo).files  # as written, it is read
    mutate(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert Cache(example_repo).files == {}
