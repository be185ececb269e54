"""The workflow files shipped for data repositories parse, and call real cchc commands with
options those commands have (so renaming an option cannot silently break users' CI)."""

from __future__ import annotations

import re
import shlex
import shutil
from typing import Any

import pytest
import yaml

from tests.helpers import REPO_ROOT, run_cli

HOOKS = REPO_ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = REPO_ROOT / ".github/workflows/cchc.yml"
TEMPLATES = [
    REPO_ROOT / ".github/pull_request_template.md",
    REPO_ROOT / ".github/PULL_REQUEST_TEMPLATE/de-xuat-mo-hinh.md",
]


def _hooks() -> list[dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return hooks


def _workflow_steps() -> list[dict[str, Any]]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _cchc_calls() -> list[list[str]]:
    """Every `cchc ...` command line of the hooks and the workflow, as argument lists."""
    calls = [shlex.split(hook["entry"]) for hook in _hooks()]
    for step in _workflow_steps():
        for line in step.get("run", "").splitlines():
            line = line.split(">", 1)[0].strip()
            if line.startswith("cchc "):
                calls.append(shlex.split(line))
    return calls


def _assert_real_command(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert args[0] == "cchc"
    run = run_cli(capsys, args[1], "--help")
    assert run.code == 0, f"`cchc {args[1]}` is not a command: {run.err}"
    for option in (a.split("=", 1)[0] for a in args[2:] if a.startswith("-")):
        assert re.search(rf"(^|[\s,]){re.escape(option)}\b", run.out), (
            f"`cchc {args[1]}` has no option {option}"
        )


def test_pre_commit_hooks(capsys: pytest.CaptureFixture[str]) -> None:
    hooks = {hook["id"]: hook for hook in _hooks()}
    assert set(hooks) == {"cchc-validate", "cchc-fmt"}
    assert hooks["cchc-validate"]["entry"] == "cchc validate"
    assert hooks["cchc-fmt"]["entry"] == "cchc fmt --check"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True
        files = re.compile(hook["files"])
        for path in (
            "data/units/xa-b.yaml",
            "data/models/hai-dat.yaml",
            "data/documents/kh-2024.yaml",
            "data/indicators.yaml",
        ):
            assert files.search(path), path
        for path in ("README.md", "data/units/xa-b.yml", "docs/data/x.yaml"):
            assert not files.search(path), path
        _assert_real_command(capsys, shlex.split(hook["entry"]))


def test_github_workflow(capsys: pytest.CaptureFixture[str]) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    steps = _workflow_steps()
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "pip install ." in runs
    assert "cchc validate --format github" in runs
    assert 'cchc diff "origin/$BASE_REF" --format markdown > diff.md' in runs
    assert "cchc codeowners --check" in runs
    comment = next(
        s for s in steps if s.get("uses", "").startswith("marocchino/sticky-pull-request-comment@")
    )
    assert comment["with"]["path"] == "diff.md"
    calls = _cchc_calls()
    assert {c[1] for c in calls} >= {"validate", "diff", "codeowners", "fmt"}
    for args in calls:
        _assert_real_command(capsys, args)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_pull_request_templates_are_vietnamese_checklists(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5
    for words in ("data/models/", "cchc validate", "không trùng"):
        assert words in text


def test_model_template_in_the_workflow_guide_validates(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    guide = (REPO_ROOT / "docs/workflow.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(   id: .*?)   ```", guide, re.S)
    assert block is not None
    text = "\n".join(line[3:] for line in block.group(1).splitlines()) + "\n"
    model_id = yaml.safe_load(text)["id"]
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    (tmp_path / "data/models" / f"{model_id}.yaml").write_text(text, encoding="utf-8")
    run = run_cli(
        capsys,
        "validate",
        "--root",
        tmp_path,
        "--no-cache",
        "--fail-on",
        "error",
        tmp_path / "data/models" / f"{model_id}.yaml",
    )
    assert run.code == 0, run.out
