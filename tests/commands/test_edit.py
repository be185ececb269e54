"""`cchc adopt`, `cchc result`, `cchc fmt` on temporary repositories (docs/edit.md)."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import REPO_ROOT, run_cli, write_tree

COMMENTED_UNIT = """\
# Đơn vị thử: chú thích phải giữ nguyên
id: xa-c
name: Ủy ban nhân dân xã C    # tên đầy đủ
kind: people-committee
level: commune
parent: tinh-a
adoptions:
  # hồ sơ áp dụng
  - model: mot-cua-than-thien
    history:
      - {date: 2024-03-01, status: implementing}   # theo kế hoạch
    results:
      - indicator: ty-le-ho-so-dung-han
        to: 2024-06-30
        numerator: 10
        denominator: 12
    difficulties: "Thiếu máy scan: cần hỗ trợ"
owners: ["@so-noi-vu/xa-c"]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    files = {
        **EXAMPLE_REPO,
        "data/units/xa-c.yaml": COMMENTED_UNIT,
        "data/units/xa-d.yaml": "id: xa-d\nname: Ủy ban nhân dân xã D\nkind: people-committee"
        "\nlevel: commune\nparent: tinh-a\nadoptions: []\n",
    }
    return write_tree(tmp_path / "repo", files)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line[:2] in ("- ", "+ ")
    ]


def test_adopt_appends_one_line_and_keeps_comments(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / "data/units/xa-c.yaml"
    run = run_cli(
        capsys,
        "adopt",
        "xa-c",
        "mot-cua-than-thien",
        "--status",
        "effective",
        "--date",
        "2024-09-15",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    assert "đã ghi" in run.out
    after = path.read_text(encoding="utf-8")
    assert changed_lines(COMMENTED_UNIT, after) == [
        "+       - {date: 2024-09-15, status: effective}"
    ]
    assert run_cli(capsys, "validate", "--root", repo, "--no-cache").code == 0


def test_adopt_creates_a_record(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    path = repo / "data/units/xa-c.yaml"
    run = run_cli(
        capsys,
        "adopt",
        "xa-c",
        "mot-cua-than-thien",
        "--status",
        "effective",
        "--date",
        "2024-09-15",
        "--note",
        "Hiệu quả: 99%",
        "--ref",
        "12/KH-UBND",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    assert "ref: 12/KH-UBND" in path.read_text(encoding="utf-8")
    unit_a = repo / "data/units/xa-d.yaml"
    before = unit_a.read_text(encoding="utf-8")
    run = run_cli(
        capsys,
        "adopt",
        "xa-d",
        "mot-cua-than-thien",
        "--status",
        "planned",
        "--date",
        "2024-04-01",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    assert unit_a.read_text(encoding="utf-8") == before.replace(
        "adoptions: []\n",
        (
            "adoptions:\n"
            "  - model: mot-cua-than-thien\n"
            "    history:\n"
            "      - date: 2024-04-01\n"
            "        status: planned\n"
        ),
    )
    # a unit file without an adoptions key at all
    run = run_cli(
        capsys,
        "adopt",
        "so-noi-vu-a",
        "mot-cua-than-thien",
        "--status",
        "not-applicable",
        "--note",
        "Không có Bộ phận Một cửa",
        "--date",
        "2024-04-01",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    text = (repo / "data/units/so-noi-vu-a.yaml").read_text(encoding="utf-8")
    assert text.startswith(EXAMPLE_REPO["data/units/so-noi-vu-a.yaml"])
    assert "note: Không có Bộ phận Một cửa" in text
    assert run_cli(capsys, "validate", "--root", repo, "--no-cache").code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["adopt", "xa-cc", "mot-cua-than-thien", "-s", "effective", "-d", "2024-10-01"],
            'không có đơn vị "xa-cc"',
        ),
        (
            ["adopt", "xa-c", "mot-cua", "-s", "effective", "-d", "2024-10-01"],
            'không có mô hình "mot-cua"',
        ),
        (["adopt", "xa-c", "mot-cua-than-thien", "-s", "effective", "-d", "2024-02-30"], "--date"),
        (["adopt", "xa-c", "mot-cua-than-thien", "-s", "effective", "-d", "15/09/2024"], "--date"),
        (
            ["adopt", "xa-c", "mot-cua-than-thien", "-s", "done", "-d", "2024-10-01"],
            '--status "done" không hợp lệ',
        ),
        (
            ["adopt", "xa-c", "mot-cua-than-thien", "-s", "effective", "-d", "2024-01-01"],
            "diễn biến phải theo thứ tự ngày",
        ),
        (
            ["adopt", "xa-c", "mot-cua-than-thien", "-s", "effective", "-d", "2024-03-01"],
            "một ngày chỉ có một sự kiện",
        ),
        (
            ["adopt", "xa-c", "mot-cua-than-thien", "-s", "not-applicable", "-d", "2024-10-01"],
            "cần ghi lý do",
        ),
        (
            [
                "result",
                "xa-c",
                "mot-cua-than-thien",
                "-i",
                "ty-le-ho-so-dung-han",
                "--to",
                "2024-09-30",
                "--numerator",
                "13",
                "--denominator",
                "12",
            ],
            "tử số 13 lớn hơn mẫu số 12",
        ),
        (
            [
                "result",
                "xa-c",
                "mot-cua-than-thien",
                "-i",
                "ty-le-ho-so-dung-han",
                "--to",
                "2024-09-30",
                "--numerator",
                "1",
                "--denominator",
                "0",
            ],
            "mẫu số",
        ),
        (
            [
                "result",
                "xa-c",
                "mot-cua-than-thien",
                "-i",
                "x",
                "--to",
                "2024-09-30",
                "--value",
                "3",
                "--numerator",
                "1",
                "--denominator",
                "2",
            ],
            "không ghi cả hai",
        ),
        (["result", "xa-c", "mot-cua-than-thien", "-i", "x", "--to", "2024-09-30"], "cần --value"),
        (
            [
                "result",
                "xa-c",
                "mot-cua-than-thien",
                "-i",
                "x",
                "--from",
                "2024-10-01",
                "--to",
                "2024-09-30",
                "--value",
                "1",
            ],
            "sau --to",
        ),
        (
            [
                "result",
                "xa-d",
                "mot-cua-than-thien",
                "-i",
                "x",
                "--to",
                "2024-09-30",
                "--value",
                "1",
            ],
            "chưa có hồ sơ áp dụng",
        ),
        (
            [
                "result",
                "xa-c",
                "mot-cua-than-thien",
                "-i",
                "ty-le-ho-so-dung-han",
                "--to",
                "2024-06-30",
                "--value",
                "1",
            ],
            "đã có kết quả",
        ),
    ],
)
def test_refused_edits_exit_2_and_change_nothing(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], message: str
) -> None:
    before = snapshot(repo)
    run = run_cli(capsys, *args, "--root", repo)
    assert run.code == 2, run.err
    assert message in run.err
    assert run.err.startswith("lỗi:")
    assert snapshot(repo) == before


def test_edit_refused_when_repository_has_errors(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "data/units/xa-d.yaml").write_text("id: xa-d\nname: [oops\n", encoding="utf-8")
    before = snapshot(repo)
    run = run_cli(
        capsys,
        "adopt",
        "xa-c",
        "mot-cua-than-thien",
        "-s",
        "effective",
        "-d",
        "2024-10-01",
        "--root",
        repo,
    )
    assert run.code == 3
    assert "lỗi" in run.err
    assert snapshot(repo) == before


def test_result_adds_lines_only(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    path = repo / "data/units/xa-c.yaml"
    run = run_cli(
        capsys,
        "result",
        "xa-c",
        "mot-cua-than-thien",
        "--indicator",
        "ty-le-ho-so-dung-han",
        "--from",
        "2024-07-01",
        "--to",
        "2024-09-30",
        "--numerator",
        "30",
        "--denominator",
        "31",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    assert changed_lines(COMMENTED_UNIT, path.read_text(encoding="utf-8")) == [
        "+       - indicator: ty-le-ho-so-dung-han",
        "+         from: 2024-07-01",
        "+         to: 2024-09-30",
        "+         numerator: 30",
        "+         denominator: 31",
    ]
    run = run_cli(
        capsys,
        "result",
        "xa-b",
        "mot-cua-than-thien",
        "-i",
        "so-nguoi-dung",
        "--to",
        "2024-09-30",
        "--value",
        "2454",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    assert "chưa có trong data/indicators.yaml" in run.out
    assert "value: 2454\n" in (repo / "data/units/xa-b.yaml").read_text(encoding="utf-8")
    assert run_cli(capsys, "validate", "--root", repo, "--no-cache").code == 0


def test_result_creates_results_after_history(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    run_cli(
        capsys,
        "adopt",
        "xa-d",
        "mot-cua-than-thien",
        "-s",
        "implementing",
        "-d",
        "2024-04-01",
        "--root",
        repo,
    )
    run = run_cli(
        capsys,
        "result",
        "xa-d",
        "mot-cua-than-thien",
        "-i",
        "ty-le-ho-so-dung-han",
        "--to",
        "2024-06-30",
        "--numerator",
        "1",
        "--denominator",
        "2",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    text = (repo / "data/units/xa-d.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "        status: implementing\n    results:\n"
        "      - indicator: ty-le-ho-so-dung-han\n        to: 2024-06-30\n"
        "        numerator: 1\n        denominator: 2\n"
    )


# --- fmt ---------------------------------------------------------------------------------

UNFORMATTED = """\
# chú thích đầu tệp
name: Ủy ban nhân dân xa\u0303 E
id: xa-e
level: commune
kind: people-committee
adoptions:
- history:
  - {status: implementing, date: 2024-03-01}
  model: mot-cua-than-thien
parent: tinh-a   # cấp trên
"""
FORMATTED = """\
# chú thích đầu tệp
id: xa-e
name: Ủy ban nhân dân xã E
kind: people-committee
level: commune
parent: tinh-a   # cấp trên
adoptions:
  - model: mot-cua-than-thien
    history:
      - {date: 2024-03-01, status: implementing}
"""


def test_fmt_puts_files_in_canonical_form(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    path = write_tree(repo, {"data/units/xa-e.yaml": UNFORMATTED}) / "data/units/xa-e.yaml"
    run = run_cli(capsys, "fmt", "--check", "--root", repo)
    assert run.code == 1
    assert "+++ b/data/units/xa-e.yaml" in run.out
    assert path.read_text(encoding="utf-8") == UNFORMATTED
    run = run_cli(capsys, "fmt", "--root", repo)
    assert run.code == 0, run.err
    assert path.read_text(encoding="utf-8") == FORMATTED
    once = snapshot(repo)
    assert run_cli(capsys, "fmt", "--root", repo).code == 0
    assert snapshot(repo) == once
    assert run_cli(capsys, "fmt", "--check", "--root", repo).code == 0
    assert run_cli(capsys, "validate", "--root", repo, "--no-cache").code == 0


def test_fmt_named_paths_and_errors(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    write_tree(repo, {"data/units/xa-e.yaml": UNFORMATTED})
    run = run_cli(capsys, "fmt", "--root", repo, repo / "data/units/xa-c.yaml")
    assert run.code == 0
    assert (repo / "data/units/xa-e.yaml").read_text(encoding="utf-8") == UNFORMATTED
    run = run_cli(capsys, "fmt", "--root", repo, repo / "README.md")
    assert run.code == 2 and "không có tệp" in run.err
    write_tree(repo, {"data/units/xa-f.yaml": "id: xa-f\nname: [\n"})
    before = snapshot(repo)
    run = run_cli(capsys, "fmt", "--root", repo)
    assert run.code == 3
    assert "lỗi cú pháp YAML" in run.err and "xa-f.yaml" in run.err
    assert snapshot(repo) == before


def test_fmt_on_every_shipped_file_then_validate_passes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if not (REPO_ROOT / "data").is_dir():
        pytest.skip("no shipped data")
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    if run_cli(capsys, "validate", "--root", tmp_path, "--no-cache").code != 0:
        pytest.skip("shipped data does not validate right now")
    assert run_cli(capsys, "fmt", "--root", tmp_path).code == 0
    once = snapshot(tmp_path)
    assert run_cli(capsys, "fmt", "--check", "--root", tmp_path).code == 0
    assert snapshot(tmp_path) == once
    assert run_cli(capsys, "validate", "--root", tmp_path, "--no-cache").code == 0
