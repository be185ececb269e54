"""`cchc list`, `show`, `search`, `matrix` on a small temporary repository (docs/query.md)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import run_cli, write_tree

EXTRA = {
    "data/units/xa-hoa-binh.yaml": """\
# Xã mới sau sắp xếp
id: xa-hoa-binh
name: Ủy ban nhân dân xã Hoà Bình
kind: people-committee
level: commune
parent: tinh-a
adoptions:
  - model: khong-gian-hanh-chinh-phuc-vu
    history:
      - {date: 2024-05-01, status: planned}
      - {date: 2024-08-01, status: implementing}
  - model: mot-cua-than-thien
    history:
      - {date: 2024-02-01, status: not-applicable, note: Xã không có Bộ phận Một cửa riêng}
""",
    "data/units/xa-an-phu.yaml": """\
id: xa-an-phu
name: Ủy ban nhân dân xã Ân Phú
kind: people-committee
level: commune
parent: tinh-a
""",
    "data/models/khong-gian-hanh-chinh-phuc-vu.yaml": """\
id: khong-gian-hanh-chinh-phuc-vu
title: Không gian hành chính phục vụ
kind: solution
areas: [administrative-procedures, digital-government]
origin: so-noi-vu-a
summary: Bố trí không gian tiếp dân thân thiện, hiện đại.
history:
  - {date: 2024-01-01, status: piloting}
""",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "repo", {**EXAMPLE_REPO, **EXTRA})


def test_list_models_sorted_in_vietnamese_order(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    run = run_cli(
        capsys, "list", "models", "--root", repo, "--format", "json", "--as-of", "2024-12-31"
    )
    assert run.code == 0, run.err
    rows = run.json()
    assert [r["id"] for r in rows] == ["khong-gian-hanh-chinh-phuc-vu", "mot-cua-than-thien"]
    assert rows[1] == {
        "id": "mot-cua-than-thien",
        "title": "Một cửa thân thiện",
        "kind": "model",
        "areas": ["administrative-procedures"],
        "origin": "xa-b",
        "origin_name": "Ủy ban nhân dân xã B",
        "status": "recognized",
        "adopters": 1,
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--area", "digital-government"], ["khong-gian-hanh-chinh-phuc-vu"]),
        (["--kind", "model"], ["mot-cua-than-thien"]),
        (["--model-status", "piloting"], ["khong-gian-hanh-chinh-phuc-vu"]),
        (["--origin", "xa-b"], ["mot-cua-than-thien"]),
        (["--within", "tinh-a"], ["khong-gian-hanh-chinh-phuc-vu", "mot-cua-than-thien"]),
        (["--adopted-by", "xa-hoa-binh"], ["khong-gian-hanh-chinh-phuc-vu", "mot-cua-than-thien"]),
        (
            ["--adopted-by", "xa-hoa-binh", "--status", "implementing"],
            ["khong-gian-hanh-chinh-phuc-vu"],
        ),
        (
            ["--adopted-by", "xa-hoa-binh", "--status", "planned", "--as-of", "2024-06-01"],
            ["khong-gian-hanh-chinh-phuc-vu"],
        ),
        (["--status", "effective"], ["mot-cua-than-thien"]),
    ],
)
def test_list_models_filters(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], expected: list[str]
) -> None:
    run = run_cli(capsys, "list", "models", "--root", repo, "-f", "json", *args)
    assert run.code == 0, run.err
    assert [r["id"] for r in run.json()] == expected


def test_list_units_filters_and_order(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = run_cli(capsys, "list", "units", "--root", repo, "-f", "json", "--level", "commune")
    assert [r["id"] for r in run.json()] == ["xa-an-phu", "xa-b", "xa-hoa-binh"]
    run = run_cli(
        capsys,
        "list",
        "units",
        "--root",
        repo,
        "-f",
        "json",
        "--model",
        "khong-gian-hanh-chinh-phuc-vu",
    )
    assert [r["id"] for r in run.json()] == ["xa-hoa-binh"]
    run = run_cli(capsys, "list", "units", "--root", repo, "-f", "json", "--kind", "department")
    assert [r["id"] for r in run.json()] == ["so-noi-vu-a"]


def test_list_documents(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = run_cli(capsys, "list", "documents", "--root", repo, "-f", "json")
    rows = run.json()
    assert rows[0]["id"] == "cv-nhan-rong"
    assert rows[0]["models"] == ["mot-cua-than-thien"]
    assert rows[0]["number"] is None


def test_list_csv_has_bom_and_stable_columns(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    run = run_cli(capsys, "list", "units", "--root", repo, "--format", "csv")
    assert run.code == 0
    assert run.out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(run.out.removeprefix("\ufeff"))))
    assert rows[0] == ["id", "name", "kind", "level", "parent", "valid_to", "adoptions"]
    assert [r[1] for r in rows[1:]] == [
        "Sở Nội vụ tỉnh A",
        "Ủy ban nhân dân tỉnh A",
        "Ủy ban nhân dân xã Ân Phú",
        "Ủy ban nhân dân xã B",
        "Ủy ban nhân dân xã Hoà Bình",
    ]


def test_list_table(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = run_cli(capsys, "list", "models", "--root", repo)
    assert run.code == 0
    assert "Một cửa thân thiện" in run.out and "2 mục" in run.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "models", "--area", "xyz"], '--area "xyz" không hợp lệ'),
        (["list", "planets"], 'LOẠI "planets" không hợp lệ'),
        (["list", "models", "--origin", "xa-bb"], 'không có đơn vị "xa-bb"'),
        (["list", "models", "--as-of", "2024-13-01"], "--as-of"),
        (["list", "units", "--format", "xml"], '--format "xml" không hợp lệ'),
        (["show", "khong-co"], 'không có đơn vị, mô hình hay văn bản nào mã "khong-co"'),
        (["matrix", "--models", "nope"], 'không có mô hình "nope"'),
    ],
)
def test_bad_input_exit_2_in_vietnamese(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], message: str
) -> None:
    run = run_cli(capsys, *args, "--root", repo)
    assert run.code == 2
    assert message in run.err
    assert run.err.startswith("lỗi:")


def test_query_refuses_data_with_errors(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "data/units/xa-b.yaml").write_text("id: xa-b\nname: [\n", encoding="utf-8")
    run = run_cli(capsys, "list", "models", "--root", repo)
    assert run.code == 3
    assert "dữ liệu có" in run.err


def test_show_model_lists_adopters_with_status_and_results(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    run = run_cli(
        capsys, "show", "mot-cua-than-thien", "--root", repo, "-f", "json", "--as-of", "2024-12-31"
    )
    data = run.json()
    assert data["kind"] == "model" and data["status"] == "recognized"
    adopters = {a["unit"]: a for a in data["adopters"]}
    assert adopters["xa-b"]["status"] == "effective"
    assert adopters["xa-b"]["results"][0]["numerator"] == 744
    assert adopters["xa-b"]["results"][0]["display"] == "99,6%"
    assert adopters["xa-hoa-binh"]["status"] == "not-applicable"
    table = run_cli(capsys, "show", "mot-cua-than-thien", "--root", repo)
    assert "triển khai hiệu quả" in table.out


def test_show_writes_a_counted_result_the_vietnamese_way(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """A result with a value (not a fraction) reads "2.454,5" on the screen and in JSON's
    `display`, as the `cchc result` confirmation writes it."""
    recorded = run_cli(
        capsys,
        *("result", "xa-b", "mot-cua-than-thien", "-i", "so-ho-so"),
        *("--to", "2024-12-31", "--value", "2454.5", "--root", repo),
    )
    assert recorded.code == 0, recorded.err
    assert "(2.454,5;" in recorded.out
    run = run_cli(
        capsys, "show", "mot-cua-than-thien", "--root", repo, "-f", "json", "--as-of", "2024-12-31"
    )
    adopters = {a["unit"]: a for a in run.json()["adopters"]}
    displays = {r["indicator"]: r["display"] for r in adopters["xa-b"]["results"]}
    assert displays["so-ho-so"] == "2.454,5"
    table = run_cli(capsys, "show", "mot-cua-than-thien", "--root", repo, "--as-of", "2024-12-31")
    assert "2.454,5" in table.out and "2454.5" not in table.out


def test_show_unit_and_document(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    data = run_cli(
        capsys, "show", "xa-hoa-binh", "--root", repo, "-f", "json", "--as-of", "2024-06-01"
    ).json()
    assert data["ancestors"] == [{"id": "tinh-a", "name": "Ủy ban nhân dân tỉnh A"}]
    status = {a["model"]: a["status"] for a in data["adoptions"]}
    assert status == {
        "khong-gian-hanh-chinh-phuc-vu": "planned",
        "mot-cua-than-thien": "not-applicable",
    }
    assert len(data["adoptions"][0]["history"]) == 2
    doc = run_cli(capsys, "show", "document:cv-nhan-rong", "--root", repo, "-f", "json").json()
    assert doc["document_type"] == "cong-van"
    assert run_cli(capsys, "show", "tinh-a", "--root", repo).code == 0


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("khong gian", "khong-gian-hanh-chinh-phuc-vu"),
        ("Không gian", "khong-gian-hanh-chinh-phuc-vu"),
        ("hoà", "xa-hoa-binh"),
        ("hòa bình", "xa-hoa-binh"),
        ("than thien", "mot-cua-than-thien"),
    ],
)
def test_search_folds_diacritics_and_tone_placement(
    capsys: pytest.CaptureFixture[str], repo: Path, query: str, first: str
) -> None:
    run = run_cli(capsys, "search", query, "--root", repo, "-f", "json")
    assert run.code == 0, run.err
    assert run.json()[0]["id"] == first


def test_search_nothing_found(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = run_cli(capsys, "search", "zzzz", "--root", repo, "-f", "json")
    assert run.code == 0 and run.json() == []


def test_matrix(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = run_cli(
        capsys,
        "matrix",
        "--within",
        "tinh-a",
        "--as-of",
        "2024-12-31",
        "-f",
        "json",
        "--root",
        repo,
    )
    grid = run.json()
    assert [m["id"] for m in grid["models"]] == [
        "khong-gian-hanh-chinh-phuc-vu",
        "mot-cua-than-thien",
    ]
    cells = {u["id"]: u["cells"] for u in grid["units"]}
    assert cells["xa-hoa-binh"] == {
        "khong-gian-hanh-chinh-phuc-vu": "implementing",
        "mot-cua-than-thien": "not-applicable",
    }
    assert cells["xa-an-phu"]["mot-cua-than-thien"] == "not-started"
    assert grid["totals"] == {"khong-gian-hanh-chinh-phuc-vu": 1, "mot-cua-than-thien": 1}
    assert grid["total"] == 2
    table = run_cli(capsys, "matrix", "--as-of", "2024-12-31", "--root", repo)
    assert "HQ" in table.out and "Ký hiệu:" in table.out
    sheet = run_cli(
        capsys,
        "matrix",
        "--as-of",
        "2024-12-31",
        "-f",
        "csv",
        "-m",
        "mot-cua-than-thien",
        "--root",
        repo,
    )
    rows = list(csv.reader(io.StringIO(sheet.out.removeprefix("\ufeff"))))
    assert rows[0] == ["unit", "name", "mot-cua-than-thien", "total"]
    assert rows[-1] == ["total", "Tổng", "1", "1"]


def test_adopters_count_the_adopted_statuses_and_the_matrix_the_started(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    # "Adopted" (cchc.schema.vocabulary.ADOPTED) is implementing or effective, as in the
    # report's replication rate; a suspended unit has started but is not counted.
    write_tree(
        repo,
        {
            "data/units/xa-tam-dung.yaml": """\
id: xa-tam-dung
name: Ủy ban nhân dân xã Tạm Dừng
kind: people-committee
level: commune
parent: tinh-a
adoptions:
  - model: khong-gian-hanh-chinh-phuc-vu
    history:
      - {date: 2024-03-01, status: implementing}
      - {date: 2024-06-01, status: suspended}
"""
        },
    )
    args = ("--root", repo, "-f", "json", "--as-of", "2024-12-31")
    models = {r["id"]: r for r in run_cli(capsys, "list", "models", *args).json()}
    assert models["khong-gian-hanh-chinh-phuc-vu"]["adopters"] == 1
    units = {r["id"]: r for r in run_cli(capsys, "list", "units", *args).json()}
    assert units["xa-tam-dung"]["adoptions"] == 0
    assert units["xa-hoa-binh"]["adoptions"] == 1
    grid = run_cli(capsys, "matrix", *args).json()
    assert grid["totals"]["khong-gian-hanh-chinh-phuc-vu"] == 2
