"""What `list`, `show`, `search`, `matrix`, `adopt`, `result` and `report -o` print for a
person reads as Vietnamese: labels of the vocabulary instead of codes, names instead of
ids, dates dd/mm/yyyy, units of the same name told apart by their parent (issue 12, 2)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from cchc.schema.vocabulary import VOCABULARIES
from tests.helpers import REPO_ROOT, run_cli, write_tree

#: Every code of the vocabulary (statuses, kinds, levels, areas, document types...).
CODES = sorted({code for vocabulary in VOCABULARIES.values() for code in vocabulary.values})
#: Ids of the shipped data that a person would read as code (those with a hyphen).
SHIPPED_IDS = sorted(
    path.stem
    for folder in ("units", "models", "documents")
    for path in (REPO_ROOT / "data" / folder).glob("*.yaml")
    if "-" in path.stem
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b")


def _codes_in(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def assert_plain_vietnamese(text: str) -> None:
    assert text.strip()
    assert _codes_in(text, CODES) == []
    assert _codes_in(text, SHIPPED_IDS) == []
    assert ISO_DATE.findall(text) == []


def test_the_code_list_has_the_codes_the_issue_names() -> None:
    for code in ("model", "administrative-procedures", "piloting", "people-committee"):
        assert code in CODES
    for code in ("commune", "cong-van", "suspended", "district", "not-started"):
        assert code in CODES


SCREENS = [
    ["list", "models"],
    ["list", "units"],
    ["list", "documents"],
    ["show", "hai-dat"],  # a model
    ["show", "khong-gian-hanh-chinh-phuc-vu"],
    ["show", "xa-an-ngai"],  # a unit
    ["show", "huyen-long-dien", "--as-of", "2025-09-01"],  # an ended unit
    ["show", "tp-hcm-2019-nhan-rong-mo-hinh"],  # a document
    ["show", "hong-ngu-2024-mo-hinh-cchc"],
    ["search", "khong gian"],
    ["search", "an ngãi"],
    ["matrix"],
    ["matrix", "--within", "huyen-long-dien"],
]


@pytest.mark.parametrize("args", SCREENS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("columns", ["80", "120"])
def test_screens_show_no_english_code_no_id_no_iso_date(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    columns: str,
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    run = run_cli(capsys, *args, "--today", "2024-10-01", "--root", REPO_ROOT)
    assert run.code == 0, run.err
    assert_plain_vietnamese(run.out)


def test_ids_only_when_asked_and_always_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    plain = run_cli(capsys, "list", "models", "--root", REPO_ROOT)
    assert "hai-dat" not in plain.out and "--ids" in plain.out
    with_ids = run_cli(capsys, "list", "models", "--ids", "--root", REPO_ROOT)
    assert "hai-dat" in with_ids.out and "Mã" in with_ids.out
    rows = run_cli(capsys, "list", "models", "-f", "json", "--root", REPO_ROOT).json()
    assert any(r["id"] == "hai-dat" and r["kind"] == "model" for r in rows)


def test_list_units_names_first_and_fit_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for columns in (80, 120):
        monkeypatch.setenv("COLUMNS", str(columns))
        run = run_cli(capsys, "list", "units", "--root", REPO_ROOT)
        lines = run.out.splitlines()
        assert max(len(line) for line in lines) <= columns
        header = next(line for line in lines if "Tên đơn vị" in line)
        assert header.index("Tên đơn vị") < header.index("Loại")
        assert " Huyện " in run.out  # the level district
        assert "30/06/2025" in run.out


def test_show_of_an_ended_unit_says_so_and_names_its_successors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(
        capsys, "show", "phuong-hiep-binh-chanh", "--as-of", "2025-09-01", "--root", REPO_ROOT
    )
    assert run.code == 0, run.err
    assert "Đơn vị đã kết thúc hoạt động ngày 31/12/2020" in run.out
    assert "đơn vị kế thừa (tính đến ngày 01/09/2025): UBND phường Hiệp Bình" in run.out
    assert "tình trạng cuối cùng trước khi kết thúc (31/12/2020)" in run.out
    assert "tình trạng ngày 01/09/2025" not in run.out
    data = run_cli(
        capsys,
        "show",
        "phuong-hiep-binh-chanh",
        "--as-of",
        "2025-09-01",
        "-f",
        "json",
        "--root",
        REPO_ROOT,
    ).json()
    assert data["ended"] == "2020-12-31"
    assert [s["id"] for s in data["successors_on"]] == ["phuong-hiep-binh"]
    # Before it ended, it is shown as it was.
    before = run_cli(
        capsys, "show", "phuong-hiep-binh-chanh", "--as-of", "2020-06-01", "--root", REPO_ROOT
    )
    assert "kết thúc hoạt động" not in before.out and "Tồn tại đến ngày: 31/12/2020" in before.out


def test_show_of_a_unit_ended_without_successor_says_none_is_recorded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(capsys, "show", "xa-an-ngai", "--as-of", "2025-09-01", "--root", REPO_ROOT)
    assert "Đơn vị đã kết thúc hoạt động ngày 30/06/2025" in run.out
    assert "không ghi đơn vị kế thừa" in run.out


def test_matrix_says_which_units_it_hid_and_why(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("matrix", "--within", "huyen-long-dien", "--as-of", "2025-09-01", "--root", REPO_ROOT)
    run = run_cli(capsys, *args)
    assert run.code == 0, run.err
    hidden = next(line for line in run.out.splitlines() if line.startswith("Không hiện"))
    assert "đơn vị đã giải thể hoặc sáp nhập trước ngày 01/09/2025: " in hidden
    assert "UBND xã An Ngãi" in hidden
    assert "--as-of NGÀY" in run.out
    # Every unit of the district had ended: no empty grid of every model, a sentence.
    assert run.out.startswith(
        "Không có đơn vị nào (trong phạm vi đã chọn) hoạt động vào ngày 01/09/2025.\n"
    )
    assert "\n1. " not in run.out
    grid = run_cli(capsys, *args, "-f", "json").json()
    assert "xa-an-ngai" in {h["id"] for h in grid["hidden"]}
    assert {h["reason"] for h in grid["hidden"]} == {"ended"}
    # Many hidden units are counted, not listed.
    everything = run_cli(capsys, "matrix", "--as-of", "2025-09-01", "--root", REPO_ROOT)
    line = next(li for li in everything.out.splitlines() if li.startswith("Không hiện"))
    assert re.match(r"Không hiện \d+ đơn vị đã giải thể hoặc sáp nhập", line)
    assert "An Ngãi" not in line


@pytest.mark.parametrize("unknown", ["xa-long-hai", "tp-da-nang", "phuong-9"])
def test_show_unknown_id_suggests_no_unrelated_id(
    capsys: pytest.CaptureFixture[str], unknown: str
) -> None:
    run = run_cli(capsys, "show", unknown, "--root", REPO_ROOT)
    assert run.code == 2
    assert f'không có đơn vị, mô hình hay văn bản nào mã "{unknown}"' in run.err
    assert "có phải ý bạn là" not in run.err
    assert 'cchc search "TÊN"' in run.err


def test_show_unknown_id_suggests_close_matches_with_their_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(capsys, "show", "xa-an-nga", "--root", REPO_ROOT)
    assert run.code == 2
    assert "có phải ý bạn là: xa-an-ngai (đơn vị UBND xã An Ngãi)?" in run.err


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "data", root / "data")
    return root


def test_adopt_and_result_confirm_in_plain_vietnamese(
    capsys: pytest.CaptureFixture[str], shipped_copy: Path
) -> None:
    adopt = run_cli(
        capsys,
        "adopt",
        "xa-an-ngai",
        "hai-dat",
        "--status",
        "suspended",
        "--date",
        "2024-10-01",
        "--root",
        shipped_copy,
    )
    assert adopt.code == 0, adopt.err
    assert adopt.out.startswith("đã ghi: UBND xã An Ngãi áp dụng mô hình «2 đạt: ")
    assert "»: tạm dừng từ ngày 01/10/2024 (tệp data/units/xa-an-ngai.yaml)" in adopt.out
    assert_plain_vietnamese(adopt.out.replace("xa-an-ngai.yaml", ""))
    result = run_cli(
        capsys,
        "result",
        "xa-an-ngai",
        "hai-dat",
        "--indicator",
        "ty-le-hai-long",
        "--to",
        "2024-12-31",
        "--numerator",
        "90",
        "--denominator",
        "93",
        "--root",
        shipped_copy,
    )
    assert result.code == 0, result.err
    assert result.out.startswith(
        "đã ghi kết quả «Tỷ lệ cá nhân, tổ chức hài lòng về sự phục vụ» đến ngày 31/12/2024 "
        "của UBND xã An Ngãi (90/93 = 96,8%"
    )
    assert_plain_vietnamese(result.out.replace("xa-an-ngai.yaml", ""))


@pytest.mark.parametrize("fmt", ["text", "md", "json", "csv", "html", "xlsx", "docx"])
def test_report_o_confirms_what_it_wrote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"bao-cao.{fmt}"
    run = run_cli(
        capsys, "report", "--quarter", "2024-Q3", "-f", fmt, "-o", target, "--root", REPO_ROOT
    )
    assert run.code == 0, run.err
    assert target.stat().st_size > 0
    assert run.out == ""
    assert run.err == f"Đã ghi báo cáo Quý III năm 2024 (dạng {fmt}) vào tệp {target}\n"


# -- units of the same name ------------------------------------------------------------

TWO_TAN_HOA = {
    **{
        f"data/units/huyen-{x}.yaml": f"""\
id: huyen-{x}
name: Ủy ban nhân dân huyện {x.upper()}
kind: people-committee
level: district
parent: tinh-a
"""
        for x in ("a", "b")
    },
    **{
        f"data/units/xa-tan-hoa-{x}.yaml": f"""\
id: xa-tan-hoa-{x}
name: Ủy ban nhân dân xã Tân Hòa
kind: people-committee
level: commune
parent: huyen-{x}
adoptions:
  - model: mot-cua-than-thien
    history:
      - {{date: 2024-03-01, status: implementing}}
"""
        for x in ("a", "b")
    },
}
TAN_HOA = [
    "Ủy ban nhân dân xã Tân Hòa (Ủy ban nhân dân huyện A)",
    "Ủy ban nhân dân xã Tân Hòa (Ủy ban nhân dân huyện B)",
]


@pytest.mark.parametrize(
    "args",
    [
        ["list", "units"],
        ["show", "mot-cua-than-thien"],
        ["matrix"],
        ["search", "tân hòa"],
    ],
    ids=lambda a: " ".join(a),
)
def test_units_of_the_same_name_are_told_apart_by_their_parent(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    repo = write_tree(tmp_path / "repo", {**EXAMPLE_REPO, **TWO_TAN_HOA})
    run = run_cli(capsys, *args, "--today", "2024-10-01", "--root", repo)
    assert run.code == 0, run.err
    for name in TAN_HOA:
        assert name in run.out


def test_show_of_one_of_two_same_name_units_names_its_parent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo = write_tree(tmp_path / "repo", {**EXAMPLE_REPO, **TWO_TAN_HOA})
    run = run_cli(capsys, "show", "xa-tan-hoa-b", "--root", repo)
    assert run.out.splitlines()[0] == TAN_HOA[1]


def test_an_id_of_two_kinds_is_named_in_vietnamese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    model = """\
id: xa-b
title: Mô hình trùng mã với một đơn vị
kind: model
areas: [institutions]
origin: xa-b
summary: Thử.
history:
  - {date: 2024-01-01, status: piloting}
"""
    repo = write_tree(tmp_path / "repo", {**EXAMPLE_REPO, "data/models/xa-b.yaml": model})
    run = run_cli(capsys, "show", "xa-b", "--root", repo)
    assert run.code == 2
    assert 'mã "xa-b" vừa là đơn vị vừa là mô hình' in run.err
    assert "cchc show unit:xa-b" in run.err
