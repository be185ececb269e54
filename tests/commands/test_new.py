"""`cchc new` and `cchc codeowners` on temporary repositories (docs/edit.md)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import Run, run_cli, write_tree


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


def _new_unit(capsys: pytest.CaptureFixture[str], repo: Path, name: str, *extra: str) -> Run:
    return run_cli(
        capsys,
        "new",
        "unit",
        "--title",
        name,
        "--kind",
        "people-committee",
        "--level",
        "commune",
        "--parent",
        "tinh-a",
        *extra,
        "--root",
        repo,
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Ủy ban nhân dân xã Tây Vinh", "Ủy ban nhân dân xã Tây Giang"),
        ("Ủy ban nhân dân phường 1", "Ủy ban nhân dân phường 2"),
        ("Ủy ban nhân dân phường 10", "Ủy ban nhân dân phường 11"),
        ("Ủy ban nhân dân xã Phước Hưng", "Ủy ban nhân dân xã Phước Hòa"),
    ],
)
def test_new_unit_sibling_communes_are_not_duplicates(
    capsys: pytest.CaptureFixture[str], repo: Path, first: str, second: str
) -> None:
    assert _new_unit(capsys, repo, first).code == 0
    run = _new_unit(capsys, repo, second)
    assert run.code == 0, run.err
    assert run_cli(capsys, "validate", "--root", repo, "--no-cache").code == 0


@pytest.mark.parametrize(
    "second",
    ["Ủy ban nhân dân xã Tây Vĩnh", "UBND xã Tây Vinh", "Ủy ban nhân dân phường Tây Vinh"],
)
def test_new_unit_near_duplicate_needs_yes(
    capsys: pytest.CaptureFixture[str], repo: Path, second: str
) -> None:
    assert _new_unit(capsys, repo, "Ủy ban nhân dân xã Tây Vinh").code == 0
    before = snapshot(repo)
    run = _new_unit(capsys, repo, second, "--id", "xa-tay-vinh-2")
    assert run.code == 2
    assert "gần trùng tên" in run.err and "--yes" in run.err
    assert snapshot(repo) == before
    run = _new_unit(capsys, repo, second, "--id", "xa-tay-vinh-2", "--yes")
    assert run.code == 0, run.err
    assert (repo / "data/units/xa-tay-vinh-2.yaml").is_file()


@pytest.mark.parametrize(("answer", "code"), [("y\n", 0), ("n\n", 2)])
def test_new_unit_near_duplicate_asks_at_a_terminal(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    repo: Path,
    answer: str,
    code: int,
) -> None:
    assert _new_unit(capsys, repo, "Ủy ban nhân dân xã Tây Vinh").code == 0
    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    run = _new_unit(capsys, repo, "Ủy ban nhân dân xã Tây Vĩnh", "--id", "xa-tay-vinh-2")
    assert run.code == code, run.err
    assert "Ủy ban nhân dân xã Tây Vinh" in run.out + run.err
    assert (repo / "data/units/xa-tay-vinh-2.yaml").is_file() == (code == 0)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_new_unit_optional_fields(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = _new_unit(
        capsys,
        repo,
        "Ủy ban nhân dân xã Tây Vinh",
        "--abbreviation",
        "UBND",
        "--locality",
        "Tây Vinh",
        "--valid-from",
        "2025-07-01",
        "--valid-to",
        "2030-12-31",
    )
    assert run.code == 0, run.err
    text = (repo / "data/units/uy-ban-nhan-dan-xa-tay-vinh.yaml").read_text(encoding="utf-8")
    for line in (
        "abbreviation: UBND",
        "locality: Tây Vinh",
        "valid_from: 2025-07-01",
        "valid_to: 2030-12-31",
    ):
        assert line in text.splitlines() or any(
            row.startswith(line + " ") for row in text.splitlines()
        ), text
    assert run_cli(capsys, "validate", "--root", repo, "--no-cache").code == 0
    shown = run_cli(capsys, "show", "uy-ban-nhan-dan-xa-tay-vinh", "-f", "json", "--root", repo)
    assert shown.code == 0, shown.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--valid-from", "2025-02-30"], "--valid-from"),
        (["--valid-to", "hôm qua"], "--valid-to"),
        (["--valid-from", "2025-07-01", "--valid-to", "2025-06-30"], "--valid-to"),
    ],
)
def test_new_unit_bad_dates(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], message: str
) -> None:
    before = snapshot(repo)
    run = _new_unit(capsys, repo, "Ủy ban nhân dân xã Tây Vinh", *args)
    assert run.code == 2, run.err
    assert message in run.err
    assert snapshot(repo) == before


def test_new_document_number(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = run_cli(
        capsys,
        "new",
        "document",
        "--type",
        "ke-hoach",
        "--origin",
        "tinh-a",
        "--date",
        "2025-01-15",
        "--number",
        "428",
        "--title",
        "Thực hiện các mô hình CCHC năm 2025",
        "--root",
        repo,
    )
    assert run.code == 0, run.err
    path = repo / "data/documents/2025-thuc-hien-cac-mo-hinh-cchc-nam-2025.yaml"
    assert "number: 428" in path.read_text(encoding="utf-8").splitlines()
    assert run_cli(capsys, "validate", "--root", repo, "--no-cache").code == 0
