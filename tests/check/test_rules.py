"""Each rule fires on its documented bad example and stays silent on its good one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO, RULES, Rule
from tests.helpers import run_cli, write_tree

EXAMPLED = [rule for rule in RULES if rule.bad]


def _codes(capsys: pytest.CaptureFixture[str], root: Path, rule: Rule) -> list[str]:
    today = rule.today or "2024-10-01"
    run = run_cli(
        capsys, "validate", "--root", root, "--format", "json", "--today", today, "--no-cache"
    )
    assert run.code in (0, 1), run.err
    return [f["code"] for f in run.json()["findings"]]


def test_example_repository_is_clean(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    for today in ("2024-10-01", "2024-12-01"):
        run = run_cli(
            capsys,
            "validate",
            "--root",
            example_repo,
            "--today",
            today,
            "--format",
            "json",
            "--no-cache",
        )
        assert run.code == 0
        assert run.json()["findings"] == []


@pytest.mark.parametrize("rule", EXAMPLED, ids=lambda r: f"{r.code}-{r.name}")
def test_bad_example_fires(capsys: pytest.CaptureFixture[str], tmp_path: Path, rule: Rule) -> None:
    root = write_tree(tmp_path, {**EXAMPLE_REPO, **rule.bad})
    assert rule.code in _codes(capsys, root, rule)


@pytest.mark.parametrize("rule", EXAMPLED, ids=lambda r: f"{r.code}-{r.name}")
def test_good_example_passes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rule: Rule
) -> None:
    root = write_tree(tmp_path, {**EXAMPLE_REPO, **rule.good})
    assert _codes(capsys, root, rule) == []


def test_every_rule_has_examples_or_a_dedicated_test() -> None:
    without = {rule.code for rule in RULES if not rule.bad}
    # Rules about whole files that cannot be shown as file content are tested in
    # tests/check/test_bad_input.py.
    assert without == {"S021", "S022"}
