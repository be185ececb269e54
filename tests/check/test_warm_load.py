"""Every command answers from the validate cache: unchanged files are not parsed again,
and a warm load gives the same repository as a cold one (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

import cchc.pipeline
from cchc.check.cache import CACHE_DIR, code_fingerprint
from cchc.check.rules import EXAMPLE_REPO
from cchc.load.files import DataFile
from cchc.pipeline import load_lenient, load_repository
from cchc.schema.repository import Repository
from tests.helpers import run_cli, write_tree

XA_B = "data/units/xa-b.yaml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files `check_file` parses, in order."""
    seen: list[str] = []
    real = cchc.pipeline.check_file

    def counting(root: Path, file: DataFile, *args: object) -> object:
        seen.append(file.rel)
        return real(root, file, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(cchc.pipeline, "check_file", counting)
    return seen


def _same(warm: Repository, cold: Repository) -> None:
    assert warm.units == cold.units and list(warm.units) == list(cold.units)
    assert warm.models == cold.models and list(warm.models) == list(cold.models)
    assert warm.documents == cold.documents
    assert warm.indicators == cold.indicators
    for name in ("units", "models", "documents", "indicators"):
        for key, obj in getattr(warm, name).items():
            assert obj.model_fields_set == getattr(cold, name)[key].model_fields_set
    assert [(f.code, f.path, f.message) for f in warm.warnings] == [
        (f.code, f.path, f.message) for f in cold.warnings
    ]


def test_report_after_validate_parses_nothing(
    capsys: pytest.CaptureFixture[str], example_repo: Path, parses: list[str]
) -> None:
    cold = run_cli(capsys, "report", "--year", "2024", "--root", example_repo, "-f", "json")
    assert cold.code == 0, cold.err
    assert len(parses) == len(EXAMPLE_REPO)
    parses.clear()
    for args in (
        ("validate", "--today", "2024-10-01"),
        ("report", "--year", "2024", "-f", "json"),
        ("list", "units"),
    ):
        run = run_cli(capsys, *args, "--root", example_repo)
        assert run.code == 0, run.err
        assert parses == [], args
    warm = run_cli(capsys, "report", "--year", "2024", "--root", example_repo, "-f", "json")
    assert warm.out == cold.out


def test_a_warm_load_is_the_cold_load(example_repo: Path, parses: list[str]) -> None:
    cold = load_repository(example_repo, use_cache=False)
    load_repository(example_repo)  # fills the cache
    parses.clear()
    warm = load_repository(example_repo)
    assert parses == []
    _same(warm, cold)
    lenient_cold, skipped_cold = load_lenient(example_repo, use_cache=False)
    parses.clear()
    lenient_warm, skipped_warm = load_lenient(example_repo)
    assert parses == [] and skipped_warm == skipped_cold
    _same(lenient_warm, lenient_cold)


def test_a_changed_file_is_parsed_again(example_repo: Path, parses: list[str]) -> None:
    load_repository(example_repo)
    text = EXAMPLE_REPO[XA_B].replace("name: Ủy ban nhân dân xã B", "name: UBND xã B mới")
    assert text != EXAMPLE_REPO[XA_B]
    write_tree(example_repo, {XA_B: text})
    parses.clear()
    warm = load_repository(example_repo)
    assert parses == [XA_B]
    assert warm.units["xa-b"].name == "UBND xã B mới"
    _same(warm, load_repository(example_repo, use_cache=False))


def test_an_object_that_does_not_validate_is_parsed_again(
    example_repo: Path, parses: list[str]
) -> None:
    load_repository(example_repo)
    path = example_repo / CACHE_DIR / f"objects-{code_fingerprint()[:16]}.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    edited = [
        line.replace(b'"level":"commune"', b'"level":"nowhere"') if XA_B.encode() in line else line
        for line in lines
    ]
    assert edited != lines
    path.write_bytes(b"".join(edited) + b"not json\n")
    parses.clear()
    warm = load_repository(example_repo)
    assert parses == [XA_B]
    _same(warm, load_repository(example_repo, use_cache=False))
