"""`cchc form` and `cchc import` on the shipped data (docs/forms.md): a form is written for a
unit, filled with openpyxl as an officer would (also through LibreOffice Calc), imported,
and the unit's YAML file compared line by line; bad cells are reported by sheet and cell
with nothing written."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tests.helpers import REPO_ROOT, Run, run_cli

UNIT = "xa-an-ngai"
TODAY = "2025-03-20"
ADOPTION = "Tình hình áp dụng"
RESULTS = "Kết quả"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "data", root / "data")
    return root


def _unit_file(repo: Path, unit: str = UNIT) -> Path:
    return repo / "data" / "units" / f"{unit}.yaml"


def _snapshot(repo: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((repo / "data").rglob("*")) if p.is_file()}


def _make_form(capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path) -> Path:
    path = tmp_path / f"baocao-{UNIT}-2025-Q1.xlsx"
    run = run_cli(
        capsys, "form", UNIT, "--period", "2025-Q1", "-o", path, "--root", repo, "--today", TODAY
    )
    assert run.code == 0, run.err
    assert path.is_file()
    return path


def _import(capsys: pytest.CaptureFixture[str], repo: Path, *files: Path | str) -> Run:
    return run_cli(capsys, "import", *files, "--root", repo, "--today", TODAY)


def _rows(ws: Any) -> dict[str, int]:
    """Model id -> row on a sheet (the first row of each model)."""
    found: dict[str, int] = {}
    for row in range(1, ws.max_row + 1):
        value = ws.cell(row=row, column=1).value
        if isinstance(value, str) and value not in found:
            found[value] = row
    return found


def _added_lines(before: str, after: str) -> list[str]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    removed = [line for line in diff if line.startswith("- ")]
    assert removed == [], "\n".join(removed)
    return [line[2:] for line in diff if line.startswith("+ ")]


def _fill_valid(form: Path, out: Path) -> None:
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    rows = _rows(ws)
    ws[f"F{rows['giai-quyet-tthc-luu-dong']}"] = "đang  TRIỂN KHAI"  # case and spaces
    ws[f"G{rows['giai-quyet-tthc-luu-dong']}"] = "15/3/2025"  # a date typed as text
    ws[f"H{rows['giai-quyet-tthc-luu-dong']}"] = "Triển khai tại 3 ấp"
    ws[f"F{rows['gop-02-tthc']}"] = "Đã có kế hoạch"
    ws[f"G{rows['gop-02-tthc']}"] = datetime(2025, 2, 1)  # a real date
    rs = wb[RESULTS]
    row = _rows(rs)["hai-dat"]  # its first indicator: ty-le-ho-so-dung-han
    assert rs[f"C{row}"].value == "Tỷ lệ hồ sơ giải quyết đúng và trước hạn"
    rs[f"F{row}"] = 744
    rs[f"G{row}"] = "747"
    wb.save(out)


EXPECTED_LINES = [
    "      - indicator: ty-le-ho-so-dung-han",
    "        from: 2024-12-15",
    "        to: 2025-03-14",
    "        numerator: 744",
    "        denominator: 747",
    "  - model: gop-02-tthc",
    "    history:",
    "      - date: 2025-02-01",
    "        status: planned",
    "  - model: giai-quyet-tthc-luu-dong",
    "    history:",
    "      - date: 2025-03-15",
    "        status: implementing",
    "        note: Triển khai tại 3 ấp",
]


def test_form_has_the_sheets_columns_lists_protection_and_print_setup(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    assert wb.sheetnames == [ADOPTION, RESULTS, "_cchc"]
    assert wb["_cchc"].sheet_state == "veryHidden"
    ws = wb[ADOPTION]
    title = " ".join(str(ws.cell(row=r, column=1).value) for r in range(1, 6))
    assert "Ủy ban nhân dân xã An Ngãi (thuộc Ủy ban nhân dân huyện Long Điền)" in title
    assert "Quý I năm 2025" in title and "15/12/2024" in title and "14/03/2025" in title
    assert "Công văn ngày 01/09/2023" in title and "không ghi hạn áp dụng" in title
    header = [c.value for c in ws[7]]
    assert header == [
        "Mã mô hình",
        "Tên mô hình",
        "Văn bản chỉ đạo",
        "Hạn áp dụng",
        "Tình trạng hiện tại",
        "Tình trạng mới",
        "Ngày",
        "Ghi chú",
    ]
    rows = _rows(ws)
    # the six models of the directive in force, then the one the unit already records
    assert list(rows)[-7:] == [
        "giai-quyet-tthc-luu-dong",
        "gop-02-tthc",
        "mot-cua-hien-dai-hac-dich",
        "ket-hop-nhieu-mo-hinh",
        "tuyen-truyen-dvctt-cho-hoc-sinh",
        "may-tinh-may-scan-tai-khu-pho",
        "hai-dat",
    ]
    assert ws[f"E{rows['hai-dat']}"].value == "Triển khai hiệu quả từ 15/09/2024"
    assert ws.protection.sheet and not ws.protection.password
    assert ws[f"A{rows['hai-dat']}"].protection.locked
    assert not ws[f"F{rows['hai-dat']}"].protection.locked
    assert ws[f"G{rows['hai-dat']}"].number_format == "dd/mm/yyyy"
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and "Đang triển khai" in (lists[0].formula1 or "")
    assert "Không phù hợp" in (lists[0].formula1 or "")
    assert any(dv.type == "date" for dv in ws.data_validations.dataValidation)
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$7:$7"
    results = wb[RESULTS]
    assert [c.value for c in results[7]][:8] == [
        "Mã mô hình",
        "Tên mô hình",
        "Chỉ tiêu",
        "Từ ngày",
        "Đến ngày",
        "Tử số",
        "Mẫu số",
        "Giá trị",
    ]
    meta = {r[0]: r[1:] for r in wb["_cchc"].iter_rows(values_only=True) if r[0]}
    assert meta["unit"][0] == UNIT and meta["period"][0] == "2025-Q1"
    assert str(meta["digest"][0]).startswith("sha256:")


def test_import_adds_exactly_the_filled_events_and_results(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    filled = tmp_path / "baocao-xa-an-ngai.xlsx"
    _fill_valid(form, filled)
    before = _snapshot(repo)
    text_before = _unit_file(repo).read_text(encoding="utf-8")

    dry = _import(capsys, repo, "--dry-run", filled)
    assert dry.code == 0, dry.err
    assert "chưa ghi gì" in dry.out and "Chưa triển khai → Đang triển khai (15/03/2025)" in dry.out
    assert _snapshot(repo) == before

    run = _import(capsys, repo, filled)
    assert run.code == 0, run.err
    assert "UBND xã An Ngãi" in run.out and "Gộp 02 thủ tục hành chính" in run.out
    assert "Chưa triển khai → Đã có kế hoạch (01/02/2025)" in run.out
    assert "đã ghi 1 tệp: data/units/xa-an-ngai.yaml" in run.out
    assert (
        "ngày 15/03/2025 sau ngày chốt số liệu của kỳ (14/03/2025): tình trạng này tính vào kỳ sau"
        in run.err
    )
    after = _snapshot(repo)
    changed = [p for p in after if after[p] != before.get(p)]
    assert changed == [_unit_file(repo)]
    assert _added_lines(text_before, _unit_file(repo).read_text(encoding="utf-8")) == (
        EXPECTED_LINES
    )
    assert run_cli(capsys, "validate", "--root", repo, "--today", TODAY).code == 0

    again = _import(capsys, repo, filled)
    assert again.code == 0, again.err
    assert "không có thay đổi" in again.out
    assert _snapshot(repo) == after


def test_bad_cells_are_all_reported_by_sheet_and_cell_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    rows = _rows(ws)
    r1, r2, r3 = rows["giai-quyet-tthc-luu-dong"], rows["gop-02-tthc"], rows["hai-dat"]
    r4, r5 = rows["mot-cua-hien-dai-hac-dich"], rows["ket-hop-nhieu-mo-hinh"]
    ws[f"F{r1}"] = "đang làm"  # unknown status
    ws[f"G{r1}"] = "1/3/2025"
    ws[f"F{r2}"] = "Đang triển khai"
    ws[f"G{r2}"] = "31/2/2025"  # no such day
    ws[f"F{r3}"] = "Tạm dừng"
    ws[f"G{r3}"] = "1/1/1990"  # before any sensible date
    ws[f"A{r4}"] = "mo-hinh-khong-co"  # unknown model code
    ws[f"F{r4}"] = "Đang triển khai"
    ws[f"G{r4}"] = "=TODAY()"  # a formula
    ws[f"F{r5}"] = "Không phù hợp"  # needs a reason
    ws[f"G{r5}"] = date(2025, 3, 1)
    rs = wb[RESULTS]
    row = _rows(rs)["hai-dat"]
    rs[f"F{row}"] = "bảy trăm"  # text in Tử số
    rs[f"G{row}"] = 747
    bad = tmp_path / "baocao-xa-an-ngai.xlsx"
    wb.save(bad)
    before = _snapshot(repo)
    run = _import(capsys, repo, bad)
    assert run.code == 3, run.err
    name = str(bad)
    expected = [
        f"{name}, trang {ADOPTION}, ô F{r1}: tình trạng “đang làm” không có trong danh sách",
        f"{name}, trang {ADOPTION}, ô G{r2}: ngày “31/2/2025” không tồn tại",
        f"{name}, trang {ADOPTION}, ô G{r3}: ngày 01/01/1990 quá xa",
        f"{name}, trang {ADOPTION}, ô A{r4}: mã mô hình “mo-hinh-khong-co” không có",
        f"{name}, trang {ADOPTION}, ô G{r4}: ô chứa công thức “=TODAY()”",
        f"{name}, trang {ADOPTION}, ô H{r5}: “Không phù hợp” cần ghi lý do",
        f"{name}, trang {RESULTS}, ô F{row}: “bảy trăm” không phải số",
    ]
    for text in expected:
        assert text in run.err, (text, run.err)
    assert "7 lỗi trong biểu mẫu, chưa ghi gì" in run.err
    assert "Traceback" not in run.err
    assert _snapshot(repo) == before


def test_a_result_needs_a_record_and_a_date_in_the_past(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    rs = wb[RESULTS]
    row = _rows(rs)["tuyen-truyen-dvctt-cho-hoc-sinh"]  # no record of this model yet
    rs[f"H{row}"] = "99,5"
    ws = wb[ADOPTION]
    r = _rows(ws)["gop-02-tthc"]
    ws[f"F{r}"] = "Đang triển khai"
    ws[f"G{r}"] = "2025-04-01"  # after --today
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    before = _snapshot(repo)
    run = _import(capsys, repo, bad)
    assert run.code == 3
    assert f"trang {ADOPTION}, ô G{r}: ngày 01/04/2025 ở tương lai" in run.err
    assert _snapshot(repo) == before
    ws[f"F{r}"] = None
    ws[f"G{r}"] = None
    wb.save(bad)
    run = _import(capsys, repo, bad)
    assert run.code == 3
    assert f"trang {RESULTS}, ô H{row}: đơn vị chưa có hồ sơ áp dụng mô hình này" in run.err
    assert (
        "chọn tình trạng của mô hình “" in run.err
        and "“tuyen-truyen-dvctt-cho-hoc-sinh”" not in run.err
    )
    assert _snapshot(repo) == before


def _suspend_hai_dat(form: Path, out: Path) -> int:
    """Fill the form's hai-dat row (suspended from 10/3/2025); its row number."""
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    row = _rows(ws)["hai-dat"]
    ws[f"F{row}"] = "Tạm dừng"
    ws[f"G{row}"] = "10/3/2025"
    ws[f"H{row}"] = "Chờ bố trí nhân sự"
    wb.save(out)
    return row


def _adopt(capsys: pytest.CaptureFixture[str], repo: Path, model: str, status: str) -> None:
    """Record an event in the unit's file after the form was made (dated 01/03/2025)."""
    run = run_cli(
        capsys,
        "adopt",
        UNIT,
        model,
        "--status",
        status,
        "--date",
        "2025-03-01",
        "--root",
        repo,
        "--today",
        TODAY,
    )
    assert run.code == 0, run.err


def test_a_change_to_the_same_model_since_the_form_was_made_is_a_conflict(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    filled = tmp_path / "filled.xlsx"
    row = _suspend_hai_dat(form, filled)
    _adopt(capsys, repo, "hai-dat", "ineffective")
    before = _snapshot(repo)
    run = _import(capsys, repo, filled)
    assert run.code == 3
    assert f"trang {ADOPTION}, ô F{row}: xung đột" in run.err
    assert "tình trạng của mô hình “2 đạt: Đạt tỷ lệ giải quyết TTHC" in run.err  # name, not id
    assert "“Triển khai hiệu quả (15/09/2024)” thành “Triển khai chưa hiệu quả (01/03/2025)”" in (
        run.err
    )
    assert _snapshot(repo) == before


def test_a_change_to_another_model_since_the_form_was_made_is_merged(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    filled = tmp_path / "filled.xlsx"
    _suspend_hai_dat(form, filled)
    _adopt(capsys, repo, "gop-02-tthc", "planned")
    text_before = _unit_file(repo).read_text(encoding="utf-8")
    run = _import(capsys, repo, filled)
    assert run.code == 0, run.err
    assert "Triển khai hiệu quả (15/09/2024) → Tạm dừng (10/03/2025)" in run.out
    added = _added_lines(text_before, _unit_file(repo).read_text(encoding="utf-8"))
    assert added == [
        "      - date: 2025-03-10",
        "        status: suspended",
        "        note: Chờ bố trí nhân sự",
    ]


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) không có trên PATH: không thử được vòng qua Calc")
    return found


def test_a_form_saved_again_by_libreoffice_calc_imports_the_same(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    soffice = _soffice()
    form = _make_form(capsys, repo, tmp_path)
    filled = tmp_path / "filled.xlsx"
    _fill_valid(form, filled)
    out = tmp_path / "calc"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(filled),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    converted = out / "filled.xlsx"
    assert converted.is_file() and converted.read_bytes() != filled.read_bytes()
    text_before = _unit_file(repo).read_text(encoding="utf-8")
    run = _import(capsys, repo, converted)
    assert run.code == 0, run.err
    assert _added_lines(text_before, _unit_file(repo).read_text(encoding="utf-8")) == (
        EXPECTED_LINES
    )


def test_files_that_are_no_form_are_refused_without_a_traceback(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    text = tmp_path / "ghi-chu.xlsx"
    text.write_text("không phải Excel", encoding="utf-8")
    form = _make_form(capsys, repo, tmp_path)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(form.read_bytes()[:2000])
    other = tmp_path / "bang-tinh.xlsx"
    Workbook().save(other)
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    before = _snapshot(repo)
    run = _import(capsys, repo, text, broken, other, bomb)
    assert run.code == 3
    assert f"{text}: không phải tệp Excel .xlsx" in run.err
    assert f"{broken}: không phải tệp Excel .xlsx" in run.err
    assert f"{other}: không phải biểu mẫu cchc" in run.err
    assert f"{bomb}: giải nén ra quá lớn" in run.err
    assert "Traceback" not in run.err and "lỗi nội bộ" not in run.err
    assert "gợi ý: kiểm tra các tệp đã nêu" in run.err  # no cell to fix in these
    assert _snapshot(repo) == before
    missing = _import(capsys, repo, tmp_path / "khong-co.xlsx")
    assert missing.code == 2 and "không có tệp" in missing.err


def test_forms_for_every_target_of_a_directive(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bieu-mau"
    run = run_cli(
        capsys,
        "form",
        "--document",
        "brvt-2023-nhan-rong-mo-hinh",
        "--scope",
        "huyen-long-dien",
        "--period",
        "2025-Q1",
        "-o",
        out,
        "--root",
        repo,
        "--today",
        TODAY,
    )
    assert run.code == 0, run.err
    names = sorted(p.name for p in out.iterdir())
    assert "baocao-xa-an-ngai-2025-Q1.xlsx" in names
    assert all(n.startswith("baocao-") and n.endswith("-2025-Q1.xlsx") for n in names)
    assert f"đã ghi {len(names)} biểu mẫu" in run.out


def test_import_in_a_git_repository_prints_the_pull_request_commands(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    (repo / ".git").mkdir()
    form = _make_form(capsys, repo, tmp_path)
    filled = tmp_path / "filled.xlsx"
    _fill_valid(form, filled)
    run = _import(capsys, repo, filled)
    assert run.code == 0, run.err
    assert "git switch -c nhap-bieu-mau-2025-q1" in run.out
    assert "git add data/units/xa-an-ngai.yaml" in run.out
    assert "git commit -m 'Nhập biểu mẫu kỳ 2025-Q1: UBND xã An Ngãi'" in run.out
    assert "git push -u origin nhap-bieu-mau-2025-q1" in run.out


def test_form_options_are_checked(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    run = run_cli(capsys, "form", UNIT, "--root", repo)
    assert run.code == 2 and "chưa chọn kỳ báo cáo" in run.err
    run = run_cli(capsys, "form", UNIT, "--period", "2025-Q5", "--root", repo)
    assert run.code == 2 and "không hợp lệ" in run.err
    run = run_cli(capsys, "form", "khong-co", "--period", "2025-Q1", "--root", repo)
    assert run.code == 2 and 'không có đơn vị "khong-co"' in run.err
    wrong = repo / "baocao.txt"
    run = run_cli(capsys, "form", UNIT, "--period", "2025-Q1", "-o", wrong, "--root", repo)
    assert run.code == 2 and 'tên tệp "baocao.txt" cần đuôi .xlsx' in run.err
    assert not wrong.exists()


def test_excel_serial_dates_and_decimal_commas_are_read(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    row = _rows(ws)["mot-cua-hien-dai-hac-dich"]
    ws[f"F{row}"] = "Triển khai hiệu quả"
    ws[f"G{row}"] = (date(2025, 3, 15) - date(1899, 12, 30)).days  # a serial number
    rs = wb[RESULTS]
    second = _rows(rs)["hai-dat"] + 1  # ty-le-hai-long, a percent indicator
    assert rs[f"C{second}"].value == "Tỷ lệ cá nhân, tổ chức hài lòng về sự phục vụ"
    rs[f"D{second}"] = None
    rs[f"E{second}"] = "14/03/2025"
    rs[f"H{second}"] = "99,5"
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    text_before = _unit_file(repo).read_text(encoding="utf-8")
    run = _import(capsys, repo, filled)
    assert run.code == 0, run.err
    assert _added_lines(text_before, _unit_file(repo).read_text(encoding="utf-8")) == [
        "      - indicator: ty-le-hai-long",
        "        to: 2025-03-14",
        "        value: 99.5",
        "  - model: mot-cua-hien-dai-hac-dich",
        "    history:",
        "      - date: 2025-03-15",
        "        status: effective",
    ]


def test_a_sheet_longer_than_any_form_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    for row in range(20, 5100):
        ws.cell(row=row, column=8, value="x")
    long = tmp_path / "dai.xlsx"
    wb.save(long)
    run = _import(capsys, repo, long)
    assert run.code == 3
    assert "quá 5000 dòng" in run.err and "Traceback" not in run.err


def test_a_hidden_unit_id_changed_to_another_unit_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    """A hostile form whose hidden sheet names another unit than its title must not write
    that other unit's file."""
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    row = _rows(ws)["giai-quyet-tthc-luu-dong"]
    ws[f"F{row}"] = "Đang triển khai"
    ws[f"G{row}"] = "14/3/2025"
    meta = wb["_cchc"]
    assert meta["A2"].value == "unit"
    meta["B2"] = "huyen-long-dien"
    bad = tmp_path / "doi-don-vi.xlsx"
    wb.save(bad)
    before = _snapshot(repo)
    run = _import(capsys, repo, bad)
    assert run.code == 3, run.out
    assert "biểu mẫu không có chữ ký hợp lệ của máy này" in run.err  # the hidden sheet changed
    # even when the officer vouches for unsigned forms, the title still names the unit
    run = _import(capsys, repo, bad, "--accept-unsigned")
    assert run.code == 3, run.out
    assert "Ủy ban nhân dân xã An Ngãi" in run.err and "huyện Long Điền" in run.err
    assert "huyen-long-dien" not in run.err
    assert _snapshot(repo) == before


def test_a_form_turned_into_another_units_form_is_refused_by_its_signature(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    """Hidden unit id and title both changed to another unit: only the signature tells."""
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    row = _rows(ws)["giai-quyet-tthc-luu-dong"]
    ws[f"F{row}"] = "Đang triển khai"
    ws[f"G{row}"] = "14/3/2025"
    for r in range(1, 6):
        cell = ws.cell(row=r, column=1)
        if isinstance(cell.value, str) and "xã An Ngãi" in cell.value:
            cell.value = cell.value.replace(
                "Ủy ban nhân dân xã An Ngãi (thuộc Ủy ban nhân dân huyện Long Điền)",
                "Ủy ban nhân dân huyện Long Điền (thuộc Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu)",
            )
    wb["_cchc"]["B2"] = "huyen-long-dien"
    bad = tmp_path / "gia-mao.xlsx"
    wb.save(bad)
    before = _snapshot(repo)
    run = _import(capsys, repo, bad)
    assert run.code == 3, run.out
    assert "gia-mao.xlsx: biểu mẫu không có chữ ký hợp lệ của máy này" in run.err
    assert _snapshot(repo) == before


def test_a_form_made_on_another_machine_needs_accept_unsigned(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another user's key (another XDG_CONFIG_HOME): refused; with --accept-unsigned the
    rows are imported and the run says the form was not signed here."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "may-khac"))
    form = _make_form(capsys, repo, tmp_path)
    key_file = tmp_path / "may-khac" / "cchc" / "form-key"
    assert key_file.is_file() and key_file.stat().st_mode & 0o777 == 0o600
    filled = tmp_path / "filled.xlsx"
    _fill_valid(form, filled)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "may-nay"))
    before = _snapshot(repo)
    run = _import(capsys, repo, filled)
    assert run.code == 3 and "biểu mẫu không có chữ ký hợp lệ của máy này" in run.err
    assert "gợi ý: biểu mẫu không ký trên máy này" in run.err and "--accept-unsigned" in run.err
    assert _snapshot(repo) == before
    run = _import(capsys, repo, filled, "--accept-unsigned")
    assert run.code == 0, run.err
    assert "chú ý: " in run.err and "không có chữ ký hợp lệ của máy này" in run.err
    assert _snapshot(repo) != before


def test_notes_with_line_breaks_tabs_controls_and_yaml_words(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    """Ghi chú as Excel may hold it: CR LF and tabs are normalised, a control character is
    refused at its cell, words YAML 1.1 reads as true/false or numbers stay text, formula-
    like text is stored as plain text; `validate` passes afterwards."""
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    rows = _rows(ws)
    filled = {
        "giai-quyet-tthc-luu-dong": "Yes",
        "gop-02-tthc": "dòng 1\r\ndòng 2\tcột",
        "mot-cua-hien-dai-hac-dich": "1:20",
        "ket-hop-nhieu-mo-hinh": "@SUM(A1)",
    }
    for model, note in filled.items():
        ws[f"F{rows[model]}"] = "Đang triển khai"
        ws[f"G{rows[model]}"] = "14/3/2025"
        ws[f"H{rows[model]}"] = note
    bad_row = rows["tuyen-truyen-dvctt-cho-hoc-sinh"]
    ws[f"F{bad_row}"] = "Đang triển khai"
    ws[f"G{bad_row}"] = "14/3/2025"
    ws[f"H{bad_row}"] = "a\x9b31mb"
    bad = tmp_path / "ghi-chu.xlsx"
    wb.save(bad)
    before = _snapshot(repo)
    run = _import(capsys, repo, bad)
    assert run.code == 3
    assert f"{bad}, trang {ADOPTION}, ô H{bad_row}: " in run.err, run.err
    assert "U+009B" in run.err and "S024" not in run.err and '"note"' not in run.err
    assert _snapshot(repo) == before

    ws[f"H{bad_row}"] = "ổn"
    good = tmp_path / "ghi-chu-dung.xlsx"
    wb.save(good)
    text_before = _unit_file(repo).read_text(encoding="utf-8")
    run = _import(capsys, repo, good)
    assert run.code == 0, run.err
    added = _added_lines(text_before, _unit_file(repo).read_text(encoding="utf-8"))
    assert "        note: 'Yes'" in added
    assert "        note: '1:20'" in added
    assert "        note: '@SUM(A1)'" in added
    assert '        note: "dòng 1\\ndòng 2 cột"' in added
    assert run_cli(capsys, "validate", "--root", repo, "--today", TODAY).code == 0
    assert _import(capsys, repo, good).out.startswith("không có thay đổi")


def test_messages_name_documents_and_stay_short(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    run = run_cli(
        capsys, "form", "--document", "brvt-2023-nhan-rong-mo-hinh", "--scope",
        "phuong-an-lac", "--period", "2025-Q1", "-o", tmp_path / "bieu-mau", "--root", repo,
    )  # fmt: skip
    assert run.code == 0
    assert "brvt-2023" not in run.err and "Công văn ngày 01/09/2023" in run.err, run.err
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    wb["_cchc"]["B1"] = "9" * 5000  # a version number no one writes
    bad = tmp_path / "phien-ban.xlsx"
    wb.save(bad)
    run = _import(capsys, repo, bad)
    assert run.code == 3 and len(run.err) < 600, run.err
    wb["_cchc"]["B1"] = None
    wb.save(bad)
    run = _import(capsys, repo, bad)
    assert run.code == 3 and "trang ẩn _cchc của biểu mẫu bị hỏng" in run.err, run.err
    assert "None" not in run.err


def test_very_long_cell_text_is_quoted_short(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    rows = _rows(ws)
    long = "x" * 20_000
    r1, r2 = rows["giai-quyet-tthc-luu-dong"], rows["gop-02-tthc"]
    ws[f"F{r1}"] = long
    ws[f"G{r1}"] = long
    ws[f"A{r2}"] = long
    ws[f"F{r2}"] = "Đang triển khai"
    ws[f"G{r2}"] = "14/3/2025"
    rs = wb[RESULTS]
    row = _rows(rs)["hai-dat"]
    rs[f"C{row}"] = "chỉ tiêu " + long
    rs[f"H{row}"] = 5
    wb["_cchc"]["B2"] = "a" * 5000
    bad = tmp_path / "dai.xlsx"
    wb.save(bad)
    run = _import(capsys, repo, bad)
    assert run.code == 3 and len(run.err) < 600, run.err
    wb["_cchc"]["B2"] = UNIT
    wb.save(bad)
    run = _import(capsys, repo, bad)
    assert run.code == 3 and len(run.err) < 2000, run.err
    for cell in (f"F{r1}", f"G{r1}", f"A{r2}"):
        assert f"trang {ADOPTION}, ô {cell}: " in run.err
    assert f"trang {RESULTS}, ô C{row}: " in run.err


def test_two_forms_of_one_unit_that_disagree_name_each_other(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    paths = []
    for number, (status, figure) in enumerate((("Đang triển khai", 1), ("Tạm dừng", 2))):
        wb = load_workbook(form)
        ws = wb[ADOPTION]
        row = _rows(ws)["giai-quyet-tthc-luu-dong"]
        ws[f"F{row}"] = status
        ws[f"G{row}"] = "14/3/2025"
        rs = wb[RESULTS]
        result_row = _rows(rs)["hai-dat"]
        rs[f"F{result_row}"] = figure
        rs[f"G{result_row}"] = 3
        path = tmp_path / f"ban-{number + 1}.xlsx"
        wb.save(path)
        paths.append(path)
    before = _snapshot(repo)
    run = _import(capsys, repo, *paths)
    assert run.code == 3
    second = str(paths[1])
    assert f"{second}, trang {ADOPTION}, ô G{row}: biểu mẫu ban-1.xlsx" in run.err, run.err
    assert f"{second}, trang {RESULTS}, ô F{result_row}: biểu mẫu ban-1.xlsx" in run.err
    assert "sửa trực tiếp trong tệp dữ liệu" not in run.err
    assert _snapshot(repo) == before


def test_dates_typed_as_text_with_a_time_of_day(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    wb = load_workbook(form)
    ws = wb[ADOPTION]
    rows = _rows(ws)
    ws[f"F{rows['giai-quyet-tthc-luu-dong']}"] = "Đang triển khai"
    ws[f"G{rows['giai-quyet-tthc-luu-dong']}"] = "14/3/2025 10:30"
    ws[f"F{rows['gop-02-tthc']}"] = "Đã có kế hoạch"
    ws[f"G{rows['gop-02-tthc']}"] = datetime(2025, 2, 1, 16, 45)
    ws[f"F{rows['ket-hop-nhieu-mo-hinh']}"] = "Đã có kế hoạch"
    ws[f"G{rows['ket-hop-nhieu-mo-hinh']}"] = "2025-03-01T08:00:00"
    filled = tmp_path / "gio.xlsx"
    wb.save(filled)
    text_before = _unit_file(repo).read_text(encoding="utf-8")
    run = _import(capsys, repo, filled)
    assert run.code == 0, run.err
    added = _added_lines(text_before, _unit_file(repo).read_text(encoding="utf-8"))
    for day in ("2025-03-14", "2025-02-01", "2025-03-01"):
        assert f"      - date: {day}" in added


def test_the_same_file_twice_in_one_run_is_read_once(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    form = _make_form(capsys, repo, tmp_path)
    filled = tmp_path / "da-dien.xlsx"
    _fill_valid(form, filled)
    text_before = _unit_file(repo).read_text(encoding="utf-8")
    run = _import(capsys, repo, filled, tmp_path / "." / "da-dien.xlsx")
    assert run.code == 0, run.err
    assert "đã có trong dữ liệu" not in run.out, run.out
    assert f"chú ý: tệp {filled} được nêu 2 lần, chỉ nhập một lần" in run.err, run.err
    added = _added_lines(text_before, _unit_file(repo).read_text(encoding="utf-8"))
    assert added == EXPECTED_LINES
