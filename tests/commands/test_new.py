"""`cchc new` and `cchc codeowners` on temporary repositories (docs/edit.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import run_cli, write_tree


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "repo", EXAMPLE_REPO)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_new_model_from_options(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = run_cli(
        capsys,
        "new",
        "model",
        "--title",
        "Không gian hành chính phục vụ",
        "--kind",
        "solution",
        "--area",
        "administrative-procedures",
        "--area",
        "digital-government",
        "--origin",
        "so-noi-vu-a",
        "--summary",
        "Bố trí không gian: thân thiện, hiện đại.",
        "--status",
        "piloting",
        "--date",
        "2024-01-01",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    path = repo / "data/models/khong-gian-hanh-chinh-phuc-vu.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Mô hình mới")
    assert "areas: [administrative-procedures, digital-government]" in text
    assert "  - {date: 2024-01-01, status: piloting}" in text
    assert run_cli(capsys, "validate", "--root", repo, "--no-cache").code == 0
    shown = run_cli(capsys, "show", "khong-gian-hanh-chinh-phuc-vu", "-f", "json", "--root", repo)
    assert shown.json()["summary"] == "Bố trí không gian: thân thiện, hiện đại."


def test_new_unit_and_document(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = run_cli(
        capsys,
        "new",
        "unit",
        "--title",
        "Ủy ban nhân dân xã Đông Hòa",
        "--kind",
        "people-committee",
        "--level",
        "commune",
        "--parent",
        "tinh-a",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    assert (repo / "data/units/uy-ban-nhan-dan-xa-dong-hoa.yaml").is_file()
    run = run_cli(
        capsys,
        "new",
        "unit",
        "--id",
        "xa-dong-hoa-2",
        "--title",
        "Ủy ban nhân dân xã Đông Hoà",
        "--kind",
        "people-committee",
        "--level",
        "commune",
        "--parent",
        "tinh-a",
        "--root",
        repo,
    )
    assert run.code == 2 and "gần trùng tên" in run.err
    run = run_cli(
        capsys,
        "new",
        "document",
        "--type",
        "ke-hoach",
        "--origin",
        "tinh-a",
        "--date",
        "2025-01",
        "--title",
        "Thực hiện các mô hình CCHC năm 2025",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    assert (repo / "data/documents/2025-thuc-hien-cac-mo-hinh-cchc-nam-2025.yaml").is_file()
    assert run_cli(capsys, "validate", "--root", repo, "--no-cache").code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--title", "Một cửa thân thiện"], "gần trùng tên"),
        (["--title", "Mot cua than thien!"], "gần trùng tên"),
        (["--title", "Mô hình mới", "--origin", "xa-z"], 'không có đơn vị "xa-z"'),
        (["--title", "Mô hình mới", "--kind", "idea"], '--kind "idea" không hợp lệ'),
        (["--title", "Mô hình mới", "--area", "space"], '--area "space" không hợp lệ'),
        (["--title", "Mô hình mới", "--date", "2024-02-30", "--status", "piloting"], "--date"),
        (["--summary", ""], "thiếu --summary"),
    ],
)
def test_new_model_refusals(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], message: str
) -> None:
    base = {
        "--title": "Mô hình mới",
        "--kind": "model",
        "--area": "institutions",
        "--origin": "xa-b",
        "--summary": "Nội dung.",
    }
    given = dict(zip(args[::2], args[1::2], strict=True))
    merged = [x for k, v in {**base, **given}.items() for x in (k, v)]
    before = snapshot(repo)
    run = run_cli(capsys, "new", "model", *merged, "--root", repo)
    assert run.code == 2, run.err
    assert message in run.err
    assert snapshot(repo) == before


def test_codeowners(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    unit = repo / "data/units/xa-b.yaml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace(
            "parent: tinh-a\n", 'parent: tinh-a\nowners: ["@so-noi-vu/xa-b", "@an"]\n'
        ),
        encoding="utf-8",
    )
    assert run_cli(capsys, "codeowners", "--check", "--root", repo).code == 1
    run = run_cli(capsys, "codeowners", "--root", repo)
    assert run.code == 0, run.err
    text = (repo / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/data/units/xa-b.yaml @so-noi-vu/xa-b @an\n" in text
    assert "/data/models/mot-cua-than-thien.yaml @so-noi-vu/xa-b @an\n" in text
    assert run_cli(capsys, "codeowners", "--check", "--root", repo).code == 0
    printed = run_cli(capsys, "codeowners", "-o", "-", "--root", repo)
    assert printed.out == text
