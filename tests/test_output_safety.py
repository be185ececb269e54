"""Hostile text in data never becomes a formula, a terminal escape or a crash (issue 8).

The repository below is valid today; its names and titles are what a hostile pull
request could write: spreadsheet formulas, terminal escape sequences, rich markup and
characters XML forbids (spelt as YAML double-quoted escapes, so the files are plain text).
If validation ever refuses control characters, the commands on that data exit 3; the
terminal tests then still check that no raw escape reaches the screen (the message quotes
the data), and the writer tests at the end check the writers on such text directly.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from cchc import safe
from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import run_cli, write_tree

QUARTER = "2024-Q3"
#: Model id -> title (a YAML double-quoted scalar): each one a formula to a spreadsheet.
FORMULA_TITLES = {
    "mh-hyperlink": r"=HYPERLINK(\"http://x\",\"y\")",
    "mh-plus": "+1",
    "mh-minus": "-2",
    "mh-at": "@SUM(A1)",
}
#: Titles starting with a tab or a carriage return: validation refuses them (S024), so they
#: only reach a spreadsheet when a command runs on data it has not validated; the writers
#: are tested on them directly.
CONTROL_TITLES = {"mh-tab": r"\tx", "mh-cr": r"\rx"}
#: A title matplotlib would read as TeX (and fail on) when drawing the Word report's chart.
TEX_TITLES = {"mh-tex": r"Mô hình $\\frac{1}$ lỗi"}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
#: A unit named like a formula (its name appears in the unit lists and the matrix).
FORMULA_UNIT = "xa-d", "=1+2"
ESCAPE_NAME = r"Xã B \x1b[31m đỏ \x1b[0m \x9b2J [b]đậm[/b] [link=http://x] liên kết [/link]"
MARKUP_NAME = r"Xã B [b]đậm[/b] [link=http://x] liên kết [/link]"
XML_NAME = r"Xã B \x00\x0b\x0c\x01\ufffe kết thúc"


def _model(model_id: str, title: str) -> str:
    return (
        f'id: {model_id}\ntitle: "{title}"\nkind: model\nareas: [administrative-procedures]\n'
        "origin: xa-b\nsummary: Mô hình thử.\n"
        "history:\n  - {date: 2024-01-10, status: recognized}\n"
    )


def _adoption(model_id: str) -> str:
    return (
        f"  - model: {model_id}\n    history:\n      - {{date: 2024-03-01, status: implementing}}\n"
    )


def hostile_repo(root: Path, unit_name: str = ESCAPE_NAME, *, control: bool = True) -> Path:
    """The hostile repository; `control` False leaves out the titles with control
    characters (so that the data validates and every command runs on it)."""
    files = dict(EXAMPLE_REPO)
    xa_b = files["data/units/xa-b.yaml"].replace(
        "name: Ủy ban nhân dân xã B", f'name: "{unit_name}"'
    )
    titles = {**FORMULA_TITLES, **TEX_TITLES, **(CONTROL_TITLES if control else {})}
    files["data/units/xa-b.yaml"] = xa_b + "".join(_adoption(m) for m in titles)
    for model_id, title in titles.items():
        files[f"data/models/{model_id}.yaml"] = _model(model_id, title)
    uid, name = FORMULA_UNIT
    files[f"data/units/{uid}.yaml"] = (
        f'id: {uid}\nname: "{name}"\nkind: people-committee\nlevel: commune\nparent: tinh-a\n'
        "adoptions:\n" + _adoption("mot-cua-than-thien")
    )
    files["data/documents/cv-nhan-rong.yaml"] = files["data/documents/cv-nhan-rong.yaml"].replace(
        "models: [mot-cua-than-thien]", f"models: [mot-cua-than-thien, {', '.join(titles)}]"
    )
    return write_tree(root, files)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return hostile_repo(tmp_path / "repo")


@pytest.fixture
def formula_repo(tmp_path: Path) -> Path:
    """Formulas and rich markup, but no control characters: valid data."""
    return hostile_repo(tmp_path / "repo", MARKUP_NAME, control=False)


def _is_number(text: str) -> bool:
    return re.fullmatch(r"-?[\d.]+(,\d+)?%?", text) is not None


TITLES = ('\'=HYPERLINK("http://x","y")', "'+1", "'-2", "'@SUM(A1)")
UNIT = ("'=1+2",)


def _assert_csv_safe(text: str, expected: tuple[str, ...]) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    cells = [c for row in rows for c in row]
    for cell in cells:
        assert not cell.startswith(DANGEROUS) or _is_number(cell), cell
    for text_cell in expected:
        assert text_cell in cells, (text_cell, cells)
    return rows


# -- item 4: CSV and XLSX -----------------------------------------------------------------


def test_report_csv_neutralises_formulas(
    formula_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = formula_repo / "bc.csv"
    run = run_cli(
        capsys, "report", "--quarter", QUARTER, "-f", "csv", "-o", out, "--root", formula_repo
    )
    assert run.code == 0, run.err
    rows = _assert_csv_safe(out.read_bytes().decode("utf-8"), TITLES + UNIT)
    assert ["Số mô hình chỉ đạo nhân rộng", "6"] in rows  # numbers untouched


def test_report_xlsx_text_is_never_a_formula(
    formula_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    out = formula_repo / "bc.xlsx"
    run = run_cli(
        capsys, "report", "--quarter", QUARTER, "-f", "xlsx", "-o", out, "--root", formula_repo
    )
    assert run.code == 0, run.err
    workbook = load_workbook(out)
    texts: list[str] = []
    numbers = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                    assert not cell.value.startswith(DANGEROUS), cell.value
                    texts.append(cell.value)
                elif isinstance(cell.value, int | float):
                    assert cell.data_type == "n"
                    numbers += 1
    assert numbers > 0
    for text_cell in TITLES + UNIT:
        assert text_cell in texts
    summary = workbook["Tổng hợp"]
    assert any(
        row[0].value == "Số mô hình chỉ đạo nhân rộng" and row[1].value == 6
        for row in summary.iter_rows()
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list", "models"], TITLES),
        (["list", "units"], UNIT),
        (["search", "thử"], TITLES),
        (["matrix"], UNIT),
        (["show", "xa-b"], TITLES),
    ],
    ids=["list-models", "list-units", "search", "matrix", "show-unit"],
)
def test_query_csv_neutralises_formulas(
    formula_repo: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    expected: tuple[str, ...],
) -> None:
    run = run_cli(capsys, *args, "--format", "csv", "--root", formula_repo, "--today", "2024-10-01")
    assert run.code == 0, run.err
    _assert_csv_safe(run.out, expected)


def test_query_csv_keeps_numbers(formula_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(
        capsys, "matrix", "--format", "csv", "--root", formula_repo, "--today", "2024-10-01"
    )
    rows = list(csv.reader(io.StringIO(run.out.lstrip("\ufeff"))))
    assert rows[-1][0] == "total" and rows[-1][-1] == "7"


# -- item 5: terminals --------------------------------------------------------------------


UNIT_SHOWN = ("\\x1b[31m", "\\x9b2J", "[b]đậm[/b]", "[link=http://x]", "[/link]")
MODEL_SHOWN = ("\\x0dx",)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["report", "--quarter", QUARTER], UNIT_SHOWN),
        (["report", "--quarter", QUARTER, "-f", "md"], UNIT_SHOWN),
        (["list", "units"], UNIT_SHOWN),
        (["list", "models", "--adopted-by", "xa-b"], MODEL_SHOWN),
        (["show", "xa-b"], UNIT_SHOWN + MODEL_SHOWN),
        (["show", "mh-tab"], UNIT_SHOWN),
        (["search", "xa", "b"], UNIT_SHOWN),
        (["search", "thử"], MODEL_SHOWN),
        (["matrix"], UNIT_SHOWN + MODEL_SHOWN),
    ],
    ids=[
        "report",
        "report-md",
        "list-units",
        "list-models",
        "show-unit",
        "show-model",
        "search",
        "search-models",
        "matrix",
    ],
)
def test_terminal_never_gets_escapes_or_markup(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], shown: tuple[str, ...]
) -> None:
    today = ["--today", "2024-10-01"] if args[0] != "report" else []
    run = run_cli(capsys, *args, "--root", repo, *today)
    for stream in (run.out, run.err):
        assert "\x1b" not in stream and "\x9b" not in stream
        assert "\r" not in stream.replace("\r\n", "\n")
    if run.code == 0:
        # control characters shown escaped, rich markup printed as written
        for text in shown:
            assert text in run.out, text
    else:  # validation refuses control characters: the message shows them escaped
        assert run.code == 3


def test_terminal_escapes_in_report_title_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = hostile_repo(tmp_path / "repo")
    run = run_cli(capsys, "report", "--quarter", QUARTER, "--scope", "xa-b", "--root", repo)
    assert "\x1b" not in run.out + run.err


def _bad_date_repo(root: Path) -> Path:
    """valid_to is not a date: the error message quotes the value, escape sequence and all."""
    files = dict(EXAMPLE_REPO)
    files["data/units/xa-b.yaml"] = files["data/units/xa-b.yaml"].replace(
        "parent: tinh-a", 'parent: tinh-a\nvalid_to: "2024\\x1b]0;pwned\\x07\\x1b[2J"'
    )
    return write_tree(root, files)


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validate_messages_quoting_data_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    repo = _bad_date_repo(tmp_path / "repo")
    run = run_cli(capsys, "validate", "--root", repo, "--format", fmt)
    assert run.code == 1, run.err
    for stream in (run.out, run.err):
        assert "\x1b" not in stream and "\x07" not in stream
    assert "2024\\x1b]0;pwned\\x07\\x1b[2J" in run.out


def test_findings_source_line_is_escaped(tmp_path: Path) -> None:
    """The line shown under a finding never carries raw control characters, and the caret
    still points at the same character. (Today YAML refuses such a file without a line
    number, so the text reporter is fed the finding directly.)"""
    from cchc.check.findings import Finding, Severity
    from cchc.pipeline import CheckOutcome
    from cchc.present.formats.text import findings_text
    from cchc.present.registry import Target

    (tmp_path / "data/units").mkdir(parents=True)
    (tmp_path / "data/units/x\x1b.yaml").write_text("name: \x1b[2Jabc\n", encoding="utf-8")
    finding = Finding("S001", "data/units/x\x1b.yaml", "lỗi \x9b", Severity.ERROR, line=1, col=13)
    stream = io.StringIO()
    findings_text(CheckOutcome(tmp_path, [finding], 1), Target(stream, None))
    out = stream.getvalue()
    assert "\x1b" not in out and "\x9b" not in out
    source, caret = [line for line in out.splitlines() if "│" in line][:2]
    assert source.endswith("name: \\x1b[2Jabc")
    assert source.index("c") == caret.index("^")


def test_error_message_quoting_data_is_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error that quotes a value from data (exit 3) shows control characters escaped."""
    files = dict(EXAMPLE_REPO)
    files["data/units/xa-b.yaml"] = files["data/units/xa-b.yaml"].replace(
        "parent: tinh-a", 'parent: tinh-a\nvalid_to: "2024\\x1b[2J"'
    )
    repo = write_tree(tmp_path / "repo", files)
    run = run_cli(capsys, "list", "units", "--root", repo)
    assert run.code == 3
    assert "\x1b" not in run.err
    assert "\\x1b[2J" in run.err


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_never_prints_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    root = write_tree(tmp_path / "repo", dict(EXAMPLE_REPO))
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        [
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "commit",
            "-q",
            "-m",
            "base",
        ],
    ):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
    hostile_repo(root)  # the working tree: new models, xa-b renamed
    run = run_cli(capsys, "diff", "HEAD", "--root", root, "--format", fmt)
    assert run.code == 0, run.err
    assert "\x1b" not in run.out + run.err and "\x9b" not in run.out + run.err
    assert "\r" not in run.out
    if "xa-b.yaml" not in run.out:  # not skipped as an error: its new events are listed
        assert "\\x1b[31m" in run.out


def test_adopt_message_never_prints_escapes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(
        capsys,
        "adopt",
        "xa-b",
        "mh-plus",
        "--status",
        "effective",
        "--date",
        "2024-09-01",
        "--root",
        repo,
        "--today",
        "2024-10-01",
    )
    assert "\x1b" not in run.out + run.err
    if run.code == 0:
        assert "\\x1b[31m" in run.out


# -- item 5: Word and Excel never crash on characters XML forbids -------------------------


@pytest.fixture
def xml_repo(tmp_path: Path) -> Path:
    return hostile_repo(tmp_path / "repo", unit_name=XML_NAME)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_report_binary_formats_survive_xml_forbidden_characters(
    xml_repo: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = xml_repo / f"bc.{fmt}"
    run = run_cli(capsys, "report", "--quarter", QUARTER, "-f", fmt, "-o", out, "--root", xml_repo)
    # validation refuses control characters (S024) before any writer runs; the writers
    # themselves are tested on such text in test_writers_directly_with_xml_forbidden_text
    assert run.code == 3, run.err
    assert "S024" in run.err and not out.exists()


def test_report_docx_chart_draws_dollar_signs_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A model title with "$...$" is a label, not TeX (matplotlib raised on a bad formula)."""
    repo = hostile_repo(tmp_path / "repo", unit_name="Xã B", control=False)
    out = tmp_path / "bc.docx"
    run = run_cli(capsys, "report", "--quarter", QUARTER, "-f", "docx", "-o", out, "--root", repo)
    assert run.code == 0, run.err
    assert out.stat().st_size > 0


def test_render_docx_survives_xml_forbidden_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = dict(EXAMPLE_REPO)
    files["data/documents/cv-nhan-rong.yaml"] = (
        files["data/documents/cv-nhan-rong.yaml"]
        .replace("subject: nhân rộng mô hình", r'subject: "nhân rộng \x00\x0b mô hình \ufffe"')
        .replace("text: UBND các xã", r'text: "UBND \x0c các xã"')
        .replace("name: Nguyễn Văn A", r'name: "Nguyễn Văn \x01A"')
    )
    files["data/models/mot-cua-than-thien.yaml"] = (
        files["data/models/mot-cua-than-thien.yaml"]
        .replace("summary: Bộ phận", r'summary: "\x0bBộ phận')
        .replace("tận tình.", 'tận tình."')
    )
    repo = write_tree(tmp_path / "repo", files)
    out = tmp_path / "cv.docx"
    run = run_cli(capsys, "render", "cv-nhan-rong", "-f", "docx", "-o", out, "--root", repo)
    # validation refuses control characters (S024) before any writer runs; the writers
    # themselves are tested on such text in test_writers_directly_with_xml_forbidden_text
    assert run.code == 3, run.err
    assert "S024" in run.err and not out.exists()


def test_safe_functions() -> None:
    assert safe.spreadsheet_text("=1+1") == "'=1+1"
    assert safe.spreadsheet_text("\rx") == "'\rx"
    assert safe.spreadsheet_text("Xã =B") == "Xã =B"
    assert safe.csv_cell(-2) == -2 and safe.csv_cell(2.5) == 2.5
    assert safe.csv_cell("-2") == "'-2"
    assert safe.csv_cell(date(2024, 9, 15)) == "2024-09-15"
    assert safe.terminal_text("a\x1b[31mb\tc\nd\x9b\x7f") == "a\\x1b[31mb\tc\nd\\x9b\\x7f"
    assert safe.xml_text("a\x00b\x0bc\ufffed\te\nf") == "a\ufffdb\ufffdc\ufffdd\te\nf"
    assert safe.terminal_data({"k\x1b": ["\x1b", 1, ("\x07",)]}) == {
        "k\\x1b": ["\\x1b", 1, ("\\x07",)]
    }


def test_writers_directly_with_xml_forbidden_text(tmp_path: Path) -> None:
    """The report writers on a report whose names hold every character XML forbids."""
    from cchc.compute.progress import compute_report
    from cchc.periods import parse_period
    from cchc.present.registry import Target, write
    from cchc.present.views.report import ReportView
    from cchc.schema import Unit
    from cchc.schema.repository import Repository

    repo_root = hostile_repo(tmp_path / "repo", unit_name="Xã B", control=False)
    from cchc.pipeline import load_repository

    period = parse_period(QUARTER, calendar=False, kind="quarter")
    loaded = load_repository(repo_root, today=period.end)
    hostile = "".join(chr(c) for c in range(32) if c not in (9, 10, 13)) + "\ufffe\uffff\x1b[31m"
    unit = loaded.units["xa-b"]
    loaded.units["xa-b"] = Unit.model_validate(
        {**unit.model_dump(by_alias=True, exclude_none=True), "name": "=" + hostile}
    )
    repo = Repository.from_objects(
        repo_root,
        [
            *loaded.units.values(),
            *loaded.models.values(),
            *loaded.documents.values(),
            list(loaded.indicators.values()),
        ],
    )
    report = ReportView(compute_report(repo, period))
    for fmt in ("xlsx", "docx"):
        write(report, fmt, Target(None, tmp_path / f"bc.{fmt}"))
        assert (tmp_path / f"bc.{fmt}").stat().st_size > 0
    for fmt in ("text", "md", "csv"):
        stream = io.StringIO()
        write(report, fmt, Target(stream, None, width=160))
        assert "\x1b" not in stream.getvalue() or fmt == "csv"
    stream = io.StringIO()
    write(report, "csv", Target(stream, None))
    assert "'=" in stream.getvalue()
