"""The workflow files shipped for data repositories parse, and call real cchc commands with
options those commands have (so renaming an option cannot silently break users' CI); the
GitHub workflow is hardened (pinned actions, least privilege, no credentials left behind, a
pinned cchc, SARIF upload, pip cache) and passes zizmor."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
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
    assert 'pip install "$CCHC_PACKAGE"' in runs
    assert "cchc validate --format github" in runs
    assert 'cchc diff "origin/$BASE_REF" --format markdown --ids > diff.md' in runs
    assert "cchc codeowners --check" in runs
    comment = next(
        s for s in steps if s.get("uses", "").startswith("marocchino/sticky-pull-request-comment@")
    )
    assert comment["with"]["path"] == "diff.md"
    calls = _cchc_calls()
    assert {c[1] for c in calls} >= {"validate", "diff", "codeowners", "fmt"}
    for args in calls:
        _assert_real_command(capsys, args)


# -- hardening (issue 12) -------------------------------------------------------------

#: `owner/repo[/path]@<full commit hash>  # vX.Y.Z`, as the raw line reads
PINNED = re.compile(r"uses: ([\w.-]+/[\w.-]+(?:/[\w.-]+)*)@([0-9a-f]{40})  # v\d+\.\d+\.\d+$")


def _workflow() -> dict[str, Any]:
    workflow: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return workflow


def _step(uses: str) -> dict[str, Any]:
    return next(s for s in _workflow_steps() if s.get("uses", "").startswith(f"{uses}@"))


def test_github_workflow_pins_every_action_by_commit() -> None:
    lines = [
        line.strip().removeprefix("- ")
        for line in WORKFLOW.read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*(- )?uses:", line)
    ]
    assert len(lines) == sum("uses" in s for s in _workflow_steps()) >= 4
    for line in lines:
        assert PINNED.fullmatch(line), f"not pinned by full commit hash with a version: {line}"


def test_github_workflow_least_privilege_and_no_persisted_credentials() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert job["permissions"] == {
            "contents": "read",
            "pull-requests": "write",
            "security-events": "write",
        }
    assert _step("actions/checkout")["with"]["persist-credentials"] is False
    for step in _workflow_steps():
        # data from the pull request reaches a shell only through env, never spliced in
        assert "${{" not in step.get("run", ""), step.get("name")


def test_github_workflow_uploads_sarif_and_caches_pip() -> None:
    steps = _workflow_steps()
    sarif = next(s for s in steps if "--format sarif" in s.get("run", ""))
    output = re.search(r"--format sarif -o (\S+)", sarif["run"])
    assert output is not None
    upload = _step("github/codeql-action/upload-sarif")
    assert upload["with"]["sarif_file"] == output.group(1)
    assert sarif["id"] in upload["if"] and "!cancelled()" in upload["if"]
    assert steps.index(sarif) < steps.index(upload)
    python = _step("actions/setup-python")["with"]
    assert python["cache"] == "pip"
    # the dependency file is the workflow itself: changing the pinned cchc changes the key
    assert (REPO_ROOT / python["cache-dependency-path"]).resolve() == WORKFLOW.resolve()
    assert "CCHC_PACKAGE" in _workflow()["env"]


def _install_script() -> str:
    run: str = next(s for s in _workflow_steps() if s.get("id") == "install")["run"]
    return run


def _run_install(repo: Path, package: str) -> subprocess.CompletedProcess[str]:
    """The workflow's install step under bash, with a stub `pip` that records its arguments."""
    stub = repo.parent / "bin"
    stub.mkdir(exist_ok=True)
    (stub / "pip").write_text('#!/bin/sh\necho "pip $*" >> "$PIP_LOG"\n', encoding="utf-8")
    (stub / "pip").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{stub}{os.pathsep}{os.environ['PATH']}",
        "PIP_LOG": str(repo.parent / "pip.log"),
        "CCHC_PACKAGE": package,
        "BASE_REF": "main",
    }
    return subprocess.run(
        ["bash", "-e", "-c", _install_script()],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _git_repo(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True)
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=path, check=True)
    subprocess.run([*git, "add", "."], cwd=path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], cwd=path, check=True)
    subprocess.run(["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=path, check=True)
    return path


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="git, bash")
def test_data_repository_never_installs_cchc_from_the_pull_request(tmp_path: Path) -> None:
    data = _git_repo(tmp_path / "data-repo", {"data/units/x.yaml": "id: x\n"})
    # the pull request adds a package to the data repository: refused, nothing installed
    (data / "pyproject.toml").write_text("[project]\nname = 'evil'\n", encoding="utf-8")
    (data / "cchc").mkdir()
    (data / "cchc/__init__.py").write_text("", encoding="utf-8")
    run = _run_install(data, ".")
    assert run.returncode == 1
    assert "::error title=cchc::Kho dữ liệu phải cài một bản cchc cố định" in run.stdout
    assert not (tmp_path / "pip.log").exists()
    # a pinned release is installed as written
    pinned = "cchc @ git+https://example.invalid/cchc@" + "0" * 40
    assert _run_install(data, pinned).returncode == 0
    assert (tmp_path / "pip.log").read_text(encoding="utf-8") == f"pip install {pinned}\n"


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="git, bash")
def test_the_cchc_repository_installs_itself(tmp_path: Path) -> None:
    tool = _git_repo(tmp_path / "cchc", {"cchc/__init__.py": "", "pyproject.toml": ""})
    assert _run_install(tool, ".").returncode == 0
    assert (tmp_path / "pip.log").read_text(encoding="utf-8") == "pip install .\n"


def _zizmor() -> str | None:
    beside = Path(sys.executable).with_name("zizmor")
    return str(beside) if beside.exists() else shutil.which("zizmor")


@pytest.mark.skipif(
    _zizmor() is None, reason="zizmor not installed (pip install -e '.[test]' installs it)"
)
def test_github_workflow_passes_zizmor() -> None:
    zizmor = _zizmor()
    assert zizmor is not None
    run = subprocess.run(
        [zizmor, "--offline", "--no-config", "--persona=pedantic", "--format=json", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    findings = json.loads(run.stdout)
    assert findings == [], "\n".join(f"{f['ident']}: {f['desc']}" for f in findings)
    assert run.returncode == 0, run.stderr


def test_workflow_guide_matches_the_workflow() -> None:
    guide = (REPO_ROOT / "docs/workflow.md").read_text(encoding="utf-8")
    section = guide.split("## 9. ", 1)[1]
    checkout = next(
        line.strip().removeprefix("- ")
        for line in WORKFLOW.read_text(encoding="utf-8").splitlines()
        if "actions/checkout@" in line
    ).removeprefix("uses: ")
    assert f"`{checkout}`" in section, "docs/workflow.md quotes an old checkout pin"
    assert "Kho dữ liệu phải cài một bản cchc cố định" in _install_script()
    for words in ("CCHC_PACKAGE", "persist-credentials: false", "security-events: write"):
        assert words in section and words in WORKFLOW.read_text(encoding="utf-8")
    assert "zizmor .github/workflows/" in section
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/workflow.md#9-kiểm-tra-tự-động-trong-kho-dữ-liệu-github-actions)" in readme


def test_vscode_recommends_the_yaml_extension_and_maps_the_schemas() -> None:
    vscode = REPO_ROOT / ".vscode"
    extensions = json.loads((vscode / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    settings = json.loads((vscode / "settings.json").read_text(encoding="utf-8"))
    for schema, pattern in settings["yaml.schemas"].items():
        assert (REPO_ROOT / schema).is_file(), schema
        assert list(REPO_ROOT.glob(pattern)), pattern


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
