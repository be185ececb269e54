"""`cchc diff` through the real entry point, on temporary git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import run_cli, write_tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

TOP_KEYS = {
    "schema",
    "base",
    "head",
    "empty",
    "counts",
    "models",
    "units",
    "adoption_events",
    "results",
    "documents",
    "indicators",
    "skipped",
}

NEW_MODEL = """\
id: hen-gio-tai-nha
title: Hẹn giờ thực hiện thủ tục hành chính tại nhà
kind: solution
areas: [administrative-procedures]
origin: xa-b
summary: Công chức đến nhà người dân theo giờ hẹn để nhận hồ sơ.
history:
  - {date: 2024-10-01, status: piloting}
"""

#: xa-b gains an event (with a note) and a result for the existing model.
XA_B_CHANGED = (
    EXAMPLE_REPO["data/units/xa-b.yaml"].replace(
        "      - {date: 2024-09-15, status: effective}\n",
        "      - {date: 2024-09-15, status: effective}\n"
        "      - {date: 2024-12-01, status: suspended, note: Sửa chữa trụ sở}\n",
    )
    + """\
      - indicator: ty-le-ho-so-dung-han
        from: 2024-09-16
        to: 2024-12-14
        numerator: 500
        denominator: 502
"""
)

RETIRED_MODEL = EXAMPLE_REPO["data/models/mot-cua-than-thien.yaml"] + (
    "  - {date: 2025-01-01, status: retired, ref: 12/QĐ-UBND, note: Thay bằng mô hình mới}\n"
)


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=env
    )
    return done.stdout.strip()


def make_repo(path: Path) -> Path:
    write_tree(path, EXAMPLE_REPO)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Kiểm thử")
    git(path, "config", "user.email", "test@example.invalid")
    git(path, "config", "commit.gpgsign", "false")
    commit(path, "Dữ liệu ban đầu")
    return path


def commit(path: Path, message: str) -> str:
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", message)
    return git(path, "rev-parse", "HEAD")


def change_everything(root: Path) -> None:
    write_tree(
        root,
        {
            "data/models/hen-gio-tai-nha.yaml": NEW_MODEL,
            "data/units/xa-b.yaml": XA_B_CHANGED,
            "data/models/mot-cua-than-thien.yaml": RETIRED_MODEL,
        },
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def test_json_figure_by_figure(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    base = git(root, "rev-parse", "HEAD")
    change_everything(root)
    head = commit(root, "Thêm mô hình, cập nhật xã B, ngừng mô hình cũ")
    run = run_cli(capsys, "diff", base, head, "--root", root, "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert set(data) == TOP_KEYS
    assert data["schema"] == "cchc-diff/1"
    assert data["base"] == {"rev": base, "commit": base, "merge_base": False, "label": base[:7]}
    assert data["head"]["commit"] == head
    assert data["empty"] is False
    assert data["counts"] == {
        "models_added": 1,
        "models_changed": 1,
        "models_retired": 1,
        "models_removed": 0,
        "units_added": 0,
        "units_changed": 0,
        "units_removed": 0,
        "events_added": 1,
        "events_removed": 0,
        "results_added": 1,
        "results_removed": 0,
        "documents_added": 0,
        "documents_changed": 0,
        "documents_removed": 0,
        "indicators_added": 0,
        "indicators_changed": 0,
        "indicators_removed": 0,
    }
    assert data["models"]["added"] == [
        {
            "id": "hen-gio-tai-nha",
            "title": "Hẹn giờ thực hiện thủ tục hành chính tại nhà",
            "kind": "solution",
            "origin": "xa-b",
            "origin_names": "Ủy ban nhân dân xã B",
            "areas": ["administrative-procedures"],
            "status": "piloting",
        }
    ]
    assert data["models"]["changed"] == [
        {
            "id": "mot-cua-than-thien",
            "title": "Một cửa thân thiện",
            "kind": "model",
            "origin": "xa-b",
            "origin_names": "Ủy ban nhân dân xã B",
            "areas": ["administrative-procedures"],
            "status": "retired",
            "fields": ["history"],
        }
    ]
    assert data["models"]["retired"] == [
        {
            "id": "mot-cua-than-thien",
            "title": "Một cửa thân thiện",
            "origin": "xa-b",
            "origin_names": "Ủy ban nhân dân xã B",
            "date": "2025-01-01",
            "ref": "12/QĐ-UBND",
            "note": "Thay bằng mô hình mới",
        }
    ]
    assert data["models"]["removed"] == []
    assert data["adoption_events"]["added"] == [
        {
            "unit": "xa-b",
            "unit_name": "Ủy ban nhân dân xã B",
            "unit_label": "Ủy ban nhân dân xã B",
            "model": "mot-cua-than-thien",
            "model_title": "Một cửa thân thiện",
            "date": "2024-12-01",
            "status": "suspended",
            "ref": None,
            "note": "Sửa chữa trụ sở",
        }
    ]
    assert data["results"]["added"] == [
        {
            "unit": "xa-b",
            "unit_name": "Ủy ban nhân dân xã B",
            "unit_label": "Ủy ban nhân dân xã B",
            "model": "mot-cua-than-thien",
            "model_title": "Một cửa thân thiện",
            "indicator": "ty-le-ho-so-dung-han",
            "indicator_name": "Tỷ lệ hồ sơ giải quyết đúng và trước hạn",
            "from": "2024-09-16",
            "to": "2024-12-14",
            "value": None,
            "numerator": 500,
            "denominator": 502,
            "rate": "99,6%",
            "display": "500/502 (99,6%)",
            "note": None,
        }
    ]
    assert data["skipped"] == {"base": [], "head": []}


def test_one_revision_is_compared_with_the_working_tree(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    write_tree(root, {"data/models/hen-gio-tai-nha.yaml": NEW_MODEL})  # not committed
    git(root, "rm", "-q", "data/documents/cv-nhan-rong.yaml")
    run = run_cli(capsys, "diff", "HEAD", "--root", root, "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["head"] == {
        "rev": None,
        "commit": None,
        "merge_base": False,
        "label": "thư mục làm việc (kể cả thay đổi chưa commit)",
    }
    assert [m["id"] for m in data["models"]["added"]] == ["hen-gio-tai-nha"]
    assert data["documents"]["removed"] == [
        {
            "id": "cv-nhan-rong",
            "type": "cong-van",
            "number": None,
            "date": "2024-02",
            "issuer": "tinh-a",
            "issuer_name": "Ủy ban nhân dân tỉnh A",
            "title": "nhân rộng mô hình",
        }
    ]
    assert data["counts"]["documents_removed"] == 1


def test_units_added_removed_and_changed(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    write_tree(
        root,
        {
            "data/units/xa-c.yaml": "id: xa-c\nname: Ủy ban nhân dân xã C\n"
            "kind: people-committee\nlevel: commune\nparent: tinh-a\n",
            "data/units/so-noi-vu-a.yaml": EXAMPLE_REPO["data/units/so-noi-vu-a.yaml"].replace(
                "short_name: Sở Nội vụ", "short_name: SNV tỉnh A"
            ),
        },
    )
    run = run_cli(capsys, "diff", "HEAD", "--root", root, "--format", "json")
    data = run.json()
    assert data["units"]["added"] == [
        {
            "id": "xa-c",
            "name": "Ủy ban nhân dân xã C",
            "kind": "people-committee",
            "level": "commune",
            "parent": "tinh-a",
            "parent_name": "Ủy ban nhân dân tỉnh A",
        }
    ]
    assert [(u["id"], u["fields"]) for u in data["units"]["changed"]] == [
        ("so-noi-vu-a", ["short_name"])
    ]
    assert data["units"]["removed"] == []


def test_markdown_summary_for_a_pull_request(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    change_everything(root)
    run = run_cli(capsys, "diff", "HEAD", "--root", root, "--format", "markdown")
    assert run.code == 0, run.err
    md = run.out
    assert md.startswith("## Thay đổi dữ liệu cải cách hành chính\n")
    assert "| Nội dung | Thêm mới | Sửa | Ngừng áp dụng | Xoá |" in md
    assert "| Mô hình | 1 | 1 | 1 | 0 |" in md
    assert "| Diễn biến áp dụng | 1 | – | – | 0 |" in md
    assert "| Kết quả | 1 | – | – | 0 |" in md
    assert "| Văn bản |" not in md  # rows without changes are left out
    assert "### Mô hình mới (1)" in md
    # Names, labels and dates as an officer reads them; no ids unless asked (--ids).
    assert (
        "| Hẹn giờ thực hiện thủ tục hành chính tại nhà | Giải pháp | Ủy ban nhân dân xã B "
        "| Thí điểm |"
    ) in md
    assert "### Mô hình ngừng áp dụng (1)" in md
    assert "| Một cửa thân thiện | 01/01/2025 | Thay bằng mô hình mới; văn bản 12/QĐ-UBND |" in md
    assert "| Một cửa thân thiện | Diễn biến |" in md
    assert (
        "| Ủy ban nhân dân xã B | Một cửa thân thiện | 01/12/2024 | Tạm dừng | Sửa chữa trụ sở |"
    ) in md
    assert (
        "| Tỷ lệ hồ sơ giải quyết đúng và trước hạn | 16/09/2024 – 14/12/2024 | 500/502 (99,6%) |"
    ) in md
    assert "xa-b" not in md and "2024-12-01" not in md and "tạm dừng |" not in md
    with_ids = run_cli(capsys, "diff", "HEAD", "--root", root, "-f", "markdown", "--ids").out
    assert (
        "| Ủy ban nhân dân xã B (mã: xa-b) | Một cửa thân thiện (mã: mot-cua-than-thien) "
        "| 01/12/2024 | Tạm dừng | Sửa chữa trụ sở |"
    ) in with_ids
    assert "| Một cửa thân thiện (mã: mot-cua-than-thien) | Diễn biến (history) |" in with_ids


def test_empty_diff_says_so(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    md = run_cli(capsys, "diff", "--root", root, "--format", "markdown")
    assert md.code == 0, md.err
    assert "**Không có thay đổi nào" in md.out
    assert "| Nội dung |" not in md.out
    text = run_cli(capsys, "diff", "--root", root)
    assert text.code == 0
    assert "Không có thay đổi nào" in text.out
    assert run_cli(capsys, "diff", "--root", root, "-f", "json").json()["empty"] is True


def test_text_output_lists_the_changes(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    change_everything(root)
    run = run_cli(capsys, "diff", "--root", root)
    assert run.code == 0, run.err
    for words in (
        "Tóm tắt",
        "Mô hình mới (1)",
        "Hẹn giờ thực hiện thủ tục",
        "Kết quả mới (1)",
        "500/502 (99,6%)",
        "Mô hình ngừng áp dụng (1)",
    ):
        assert words in run.out


def test_default_is_the_merge_base_with_main(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    fork = git(root, "rev-parse", "HEAD")
    git(root, "checkout", "-q", "-b", "de-xuat-hen-gio")
    write_tree(root, {"data/models/hen-gio-tai-nha.yaml": NEW_MODEL})
    commit(root, "Đề xuất mô hình")
    git(root, "checkout", "-q", "main")  # main moves on after the branch was made
    write_tree(
        root,
        {
            "data/units/xa-c.yaml": "id: xa-c\nname: Ủy ban nhân dân xã C\n"
            "kind: people-committee\nlevel: commune\nparent: tinh-a\n"
        },
    )
    commit(root, "Thêm xã C")
    git(root, "checkout", "-q", "de-xuat-hen-gio")
    data = run_cli(capsys, "diff", "--root", root, "--format", "json").json()
    assert data["base"] == {
        "rev": "main",
        "commit": fork,
        "merge_base": True,
        "label": f"điểm tách nhánh từ main ({fork[:7]})",
    }
    assert [m["id"] for m in data["models"]["added"]] == ["hen-gio-tai-nha"]
    # xa-c was added on main after the fork: not a change of this branch.
    assert data["units"]["added"] == [] and data["units"]["removed"] == []


def test_default_falls_back_to_origin_main_then_head(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = make_repo(tmp_path / "repo")
    git(root, "branch", "-m", "main", "trunk")
    first = git(root, "rev-parse", "HEAD")
    write_tree(root, {"data/models/hen-gio-tai-nha.yaml": NEW_MODEL})
    second = commit(root, "Đề xuất")
    data = run_cli(capsys, "diff", "--root", root, "-f", "json").json()
    assert data["base"]["rev"] == "HEAD" and data["base"]["commit"] == second
    assert data["empty"] is True
    git(root, "update-ref", "refs/remotes/origin/main", first)
    data = run_cli(capsys, "diff", "--root", root, "-f", "json").json()
    assert data["base"]["rev"] == "origin/main" and data["base"]["commit"] == first
    assert data["counts"]["models_added"] == 1


def test_invalid_files_are_skipped_and_named(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    write_tree(
        root,
        {
            "data/models/hen-gio-tai-nha.yaml": NEW_MODEL.replace("kind: solution", "kind: bogus"),
            "data/units/xa-b.yaml": XA_B_CHANGED,
        },
    )
    data = run_cli(capsys, "diff", "HEAD", "--root", root, "-f", "json").json()
    assert data["skipped"] == {"base": [], "head": ["data/models/hen-gio-tai-nha.yaml"]}
    assert data["counts"]["models_added"] == 0
    assert data["counts"]["events_added"] == 1
    md = run_cli(capsys, "diff", "HEAD", "--root", root, "-f", "markdown").out
    assert "Bỏ qua 1 tệp có lỗi ở bản mới: data/models/hen-gio-tai-nha.yaml" in md


def test_revision_without_data_is_empty(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_tree(root, {"README.md": "kho mới\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Kiểm thử")
    git(root, "config", "user.email", "test@example.invalid")
    commit(root, "Khởi tạo")
    write_tree(root, EXAMPLE_REPO)
    data = run_cli(capsys, "diff", "--root", root, "-f", "json").json()
    assert data["counts"]["models_added"] == 1 and data["counts"]["units_added"] == 3


def test_output_file(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path) -> None:
    change_everything(root)
    out = tmp_path / "diff.md"
    run = run_cli(capsys, "diff", "--root", root, "-f", "markdown", "-o", out)
    assert run.code == 0 and run.out == ""
    assert "### Mô hình mới (1)" in out.read_text(encoding="utf-8")


def test_not_a_git_repository(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plain", EXAMPLE_REPO)
    run = run_cli(capsys, "diff", "--root", root)
    assert run.code == 2
    assert "không nằm trong một kho git" in run.err
    assert "gợi ý:" in run.err
    assert "Traceback" not in run.err


def test_unknown_revision(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    run = run_cli(capsys, "diff", "khong-co-nhanh-nay", "--root", root)
    assert run.code == 2
    assert 'không có phiên bản git "khong-co-nhanh-nay"' in run.err
    run = run_cli(capsys, "diff", "HEAD", "khong-co", "--root", root)
    assert run.code == 2 and 'không có phiên bản git "khong-co"' in run.err


def test_repository_without_commits(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", EXAMPLE_REPO)
    git(root, "init", "-q", "-b", "main")
    run = run_cli(capsys, "diff", "--root", root)
    assert run.code == 2 and "chưa có commit nào" in run.err


def test_git_not_installed(
    capsys: pytest.CaptureFixture[str], root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(root / "no-such-bin"))
    run = run_cli(capsys, "diff", "--root", root)
    assert run.code == 2
    assert "không tìm thấy lệnh git" in run.err and "cài git" in run.err


def test_bad_format(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    run = run_cli(capsys, "diff", "--root", root, "--format", "html")
    assert run.code == 2 and '--format "html" không hợp lệ' in run.err
