"""Every command loads with the cyclic garbage collector paused, through the pipeline,
and `report -f json` is encoded in one `json.dumps` call (the C encoder) (issue 11)."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

import cchc.pipeline
from cchc.load.files import DataFile
from tests.helpers import run_cli


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--today", "2024-10-01"),
        ("report", "--year", "2024", "-f", "json"),
        ("list", "units"),
        ("show", "xa-b"),
    ],
    ids=lambda args: args[0],
)
def test_files_are_parsed_with_the_collector_paused(
    capsys: pytest.CaptureFixture[str],
    example_repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    states: list[bool] = []
    real = cchc.pipeline.check_file

    def watching(root: Path, file: DataFile, raw: bytes, digest: str) -> object:
        states.append(gc.isenabled())
        return real(root, file, raw, digest)

    monkeypatch.setattr(cchc.pipeline, "check_file", watching)
    run = run_cli(capsys, *args, "--root", example_repo)
    assert run.code == 0, run.err
    assert states and not any(states)
    assert gc.isenabled()


def test_report_json_is_one_dumps(
    capsys: pytest.CaptureFixture[str], example_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def streaming(*args: object, **kwargs: object) -> None:
        raise AssertionError("json.dump streams through the pure-Python encoder")

    monkeypatch.setattr(json, "dump", streaming)
    run = run_cli(capsys, "report", "--year", "2024", "-f", "json", "--root", example_repo)
    assert run.code == 0, run.err
    assert json.loads(run.out)["period"]["end"].startswith("2024-12-")


def test_report_json_written_by_sections_is_the_whole_report(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    """The writer builds and writes one section at a time (memory); the result is exactly
    the compact dump of the whole report dictionary."""
    from cchc.compute.progress import compute_report
    from cchc.periods import parse_period
    from cchc.pipeline import load_repository
    from cchc.present.views.report import report_json

    run = run_cli(capsys, "report", "--year", "2024", "-f", "json", "--root", example_repo)
    assert run.code == 0, run.err
    period = parse_period("2024", calendar=False, kind="year")
    whole = report_json(compute_report(load_repository(example_repo, today=period.end), period))
    assert run.out == json.dumps(whole, ensure_ascii=False, separators=(",", ":")) + "\n"
