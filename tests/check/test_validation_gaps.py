"""Data that `cchc validate` used to accept although some command could not use it.

The principle: a green `validate` means every command works on that data. Each test goes
through the real entry point (`cchc.cli.main`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import dedent, run_cli, write_tree
from tests.render.fixtures import FIXTURE

XA_B = "data/units/xa-b.yaml"
DOC = "data/documents/cv-nhan-rong.yaml"
TODAY = ("--today", "2024-10-01")
RATIO = "numerator: 744\n        denominator: 747"


def _validate(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, str]:
    run = run_cli(capsys, "validate", "--root", root, *TODAY)
    assert "lỗi nội bộ" not in run.out + run.err
    return run.code, run.out


# --- item 5: control characters in text ------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        ("\\x1b", "U+001B"),
        ("\\e", "U+001B"),
        ("\\0", "U+0000"),
        ("\\a", "U+0007"),
        ("\\r", "U+000D"),
        ("\\t", "U+0009"),
        ("\\x7f", "U+007F"),
        ("\\x85", "U+0085"),
        ("\\x9b", "U+009B"),
    ],
)
def test_control_character_in_text_is_an_error(
    capsys: pytest.CaptureFixture[str], example_repo: Path, escape: str, name: str
) -> None:
    unit = EXAMPLE_REPO[XA_B].replace(
        "name: Ủy ban nhân dân xã B", f'name: "Ủy ban nhân dân{escape} xã B"'
    )
    write_tree(example_repo, {XA_B: unit})
    code, out = _validate(capsys, example_repo)
    assert code == 1
    assert f"{XA_B}:2:7: S024" in out
    assert name in out and "ký tự điều khiển" in out


def test_control_character_in_a_list_item(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    doc = EXAMPLE_REPO[DOC] + 'cc: [Như trên, "Lưu\\x08 VT"]\n'
    write_tree(example_repo, {DOC: doc})
    code, out = _validate(capsys, example_repo)
    assert code == 1
    assert f"{DOC}:17:16: S024" in out and "U+0008" in out


# --- item 6: numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "value: .nan",
        "value: .inf",
        "value: -.inf",
        "value: 1.0e+400",
        "value: 1.0e+16",
        "value: 1000000000000001",
        "value: -1000000000000001",
        "numerator: 10000000000000000\n        denominator: 10000000000000000",
    ],
)
def test_number_out_of_range_is_an_error(
    capsys: pytest.CaptureFixture[str], example_repo: Path, number: str
) -> None:
    write_tree(example_repo, {XA_B: EXAMPLE_REPO[XA_B].replace(RATIO, number)})
    code, out = _validate(capsys, example_repo)
    assert code == 1
    assert f"{XA_B}:15:" in out and "S025" in out


def test_document_number_out_of_range(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    doc = EXAMPLE_REPO[DOC].replace("number: null", "number: 99999999999999999999")
    write_tree(example_repo, {DOC: doc})
    code, out = _validate(capsys, example_repo)
    assert code == 1
    assert f"{DOC}:5:9: S025" in out


@pytest.mark.parametrize(
    "options",
    [
        ("--value", "nan"),
        ("--value", "NaN"),
        ("--value", "inf"),
        ("--value", "-inf"),
        ("--value", "1e400"),
        ("--value", "1e16"),
        ("--value", "-1e16"),
        ("--value", "abc"),
        ("--numerator", "10000000000000000", "--denominator", "10000000000000000"),
        ("--numerator", "1", "--denominator", "1e16"),
    ],
)
def test_result_command_refuses_bad_numbers(
    capsys: pytest.CaptureFixture[str], example_repo: Path, options: tuple[str, ...]
) -> None:
    before = (example_repo / XA_B).read_bytes()
    run = run_cli(
        capsys,
        "result",
        "--root",
        example_repo,
        "xa-b",
        "mot-cua-than-thien",
        "--indicator",
        "so-ho-so",
        "--to",
        "2024-09-30",
        *options,
        *TODAY,
    )
    assert run.code == 2, run.err
    assert "lỗi nội bộ" not in run.err
    assert run.err.startswith("lỗi: ")
    assert options[-1] in run.err or options[1] in run.err
    assert (example_repo / XA_B).read_bytes() == before


def test_result_command_number_bounds(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    def result(value: str, to: str) -> int:
        return run_cli(
            capsys, "result", "--root", example_repo, "xa-b", "mot-cua-than-thien",
            "--indicator", "so-ho-so", "--to", to, "--value", value, *TODAY,
        ).code  # fmt: skip

    assert result("1e15", "2024-09-20") == 0
    assert result("-1000000000000000", "2024-09-21") == 0
    assert result("1000000000000001", "2024-09-22") == 2
    text = (example_repo / XA_B).read_text(encoding="utf-8")
    assert "value: 1000000000000000\n" in text and "value: -1000000000000000\n" in text
    assert "1000000000000001" not in text
    assert _validate(capsys, example_repo)[0] == 0


LARGEST = """\
id: xa-c
name: Ủy ban nhân dân xã C
kind: people-committee
level: commune
parent: tinh-a
adoptions:
  - model: mot-cua-than-thien
    history:
      - {date: 2024-03-01, status: implementing}
      - {date: 2024-09-01, status: effective}
    results:
      - {indicator: so-ho-so, to: 2024-07-01, value: 1000000000000000}
      - {indicator: so-ho-so, to: 2024-07-02, value: -1000000000000000}
      - {indicator: so-ho-so, to: 2024-07-03, value: 1.0e+15}
      - {indicator: so-ho-so, to: 2024-07-04, value: 0.30000000000000004}
      - {indicator: so-ho-so, to: 2024-07-05, value: 0}
      - {indicator: so-ho-so, to: 2024-07-06, value: 1.0e-300}
      - {indicator: so-ho-so, to: 2024-07-07, value: 999999999999999.9}
      - {indicator: ty-le-ho-so-dung-han, to: 2024-08-01, value: 0.30000000000000004}
      - {indicator: ty-le-ho-so-dung-han, to: 2024-08-02, value: 100}
      - indicator: ty-le-ho-so-dung-han
        to: 2024-08-03
        numerator: 1000000000000000
        denominator: 1000000000000000
      - indicator: ty-le-ho-so-dung-han
        to: 2024-08-04
        numerator: 0
        denominator: 1000000000000000
      - indicator: ty-le-ho-so-dung-han
        to: 2024-08-05
        numerator: 1
        denominator: 1000000000000000
"""


def test_every_accepted_number_formats_in_every_output(
    capsys: pytest.CaptureFixture[str], example_repo: Path, tmp_path: Path
) -> None:
    indicators = EXAMPLE_REPO["data/indicators.yaml"] + (
        "- id: so-ho-so\n  name: Số hồ sơ\n  unit: count\n"
    )
    write_tree(example_repo, {"data/units/xa-c.yaml": LARGEST, "data/indicators.yaml": indicators})
    code, out = _validate(capsys, example_repo)
    assert code == 0, out
    # ... and they are the largest: one more is refused
    over = LARGEST.replace("value: 1000000000000000}", "value: 1000000000000001}")
    write_tree(example_repo, {"data/units/xa-c.yaml": over})
    code, out = _validate(capsys, example_repo)
    assert code == 1 and "data/units/xa-c.yaml:12:" in out and "S025" in out
    write_tree(example_repo, {"data/units/xa-c.yaml": LARGEST})
    for fmt in ("text", "md", "csv", "json", "html"):
        run = run_cli(capsys, "report", "--root", example_repo, "--quarter", "2024-Q3", "-f", fmt)
        assert run.code == 0, (fmt, run.err)
        assert "lỗi" not in run.err
        if fmt == "md":  # the results of the period are all there
            assert "| 1.000.000.000.000.000 | 1.000.000.000.000.000 |  | 100% |" in run.out
            assert "| -1.000.000.000.000.000 |" in run.out
            assert "| 999.999.999.999.999,9 |" in run.out
    for fmt in ("xlsx", "docx", "md"):
        target = tmp_path / f"report.{fmt}"
        run = run_cli(
            capsys, "report", "--root", example_repo, "--quarter", "2024-Q3", "-f", fmt,
            "-o", target,
        )  # fmt: skip
        assert run.code == 0, (fmt, run.err)
        assert target.stat().st_size > 0
    for fmt in ("table", "json", "csv"):
        run = run_cli(capsys, "show", "--root", example_repo, "xa-c", "-f", fmt, *TODAY)
        assert run.code == 0, (fmt, run.err)
        if fmt == "json":  # every result is shown
            assert len(run.json()["adoptions"][0]["results"]) == 12


# --- item 11: findings ---------------------------------------------------------------------


def test_deadline_before_date(capsys: pytest.CaptureFixture[str], example_repo: Path) -> None:
    # date 2024-02 (month only): a deadline in that month is fine, one before it is not
    same_month = EXAMPLE_REPO[DOC].replace("deadline: 2024-06-30", "deadline: 2024-02-01")
    write_tree(example_repo, {DOC: same_month})
    assert "S027" not in _validate(capsys, example_repo)[1]
    before = EXAMPLE_REPO[DOC].replace("deadline: 2024-06-30", "deadline: 2024-01-31")
    write_tree(example_repo, {DOC: before})
    code, out = _validate(capsys, example_repo)
    assert code == 1
    assert f"{DOC}:11:11: S027" in out
    signed = before.replace("date: 2024-02\n", "date: 2024-02-10\n").replace(
        "deadline: 2024-01-31", "deadline: 2024-02-09"
    )
    write_tree(example_repo, {DOC: signed})
    code, out = _validate(capsys, example_repo)
    assert code == 1 and f"{DOC}:11:11: S027" in out


def _ended(uid: str, successors: str) -> str:
    return (
        f"id: {uid}\nname: Ủy ban nhân dân xã {uid.upper()}\nkind: people-committee\n"
        f"level: commune\nparent: tinh-a\nvalid_to: 2025-06-30\nsuccessors: {successors}\n"
    )


def test_self_successor(capsys: pytest.CaptureFixture[str], example_repo: Path) -> None:
    write_tree(example_repo, {"data/units/xa-d.yaml": _ended("xa-d", "[xa-b, xa-d]")})
    code, out = _validate(capsys, example_repo)
    assert code == 1
    assert "data/units/xa-d.yaml:7:20: R008" in out
    assert "R009" not in out


def test_successor_cycles_reported_once_each(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    write_tree(
        example_repo,
        {
            "data/units/xa-d.yaml": _ended("xa-d", "[xa-e]"),
            "data/units/xa-e.yaml": _ended("xa-e", "[xa-b, xa-d]"),
            "data/units/xa-f.yaml": _ended("xa-f", "[xa-g]"),
            "data/units/xa-g.yaml": _ended("xa-g", "[xa-h]"),
            "data/units/xa-h.yaml": _ended("xa-h", "[xa-f]"),
        },
    )
    code, out = _validate(capsys, example_repo)
    assert code == 1
    assert out.count("R009") == 2
    assert "data/units/xa-d.yaml:7:14: R009" in out
    assert "xa-d → xa-e → xa-d" in out
    assert "data/units/xa-f.yaml:7:14: R009" in out
    assert "xa-f → xa-g → xa-h → xa-f" in out


BAO_CAO = """
    id: bc-quy
    type: bao-cao
    issuer: ubnd-tinh-a
    drafter: so-noi-vu-a
    number: 3
    date: 2024-09-20
    {period}
    title: Tình hình nhân rộng mô hình
    recipients:
      - text: Bộ Nội vụ
    body:
      - report: summary
    closing: Kính báo cáo
    signer: {{authority: KT, on_behalf_of: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Nguyễn Văn A}}
"""


def _bao_cao(tmp_path: Path, period: str) -> Path:
    files = {k: dedent(v) for k, v in FIXTURE.items()}
    files["data/documents/bc-quy.yaml"] = dedent(BAO_CAO.format(period=period))
    return write_tree(tmp_path / "bc", files)


@pytest.mark.parametrize(
    "period", ["period: 2024-Q5", "period: 2024-H3", "period: 1800", 'period: "Q3"', "period: x"]
)
def test_invalid_period_is_a_validation_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, period: str
) -> None:
    root = _bao_cao(tmp_path, period)
    code, out = _validate(capsys, root)
    assert code == 1
    assert "data/documents/bc-quy.yaml:7:9: S026" in out and "kỳ báo cáo (period)" in out


def test_validate_clean_bao_cao_renders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # `period: 2024` is a YAML number: a year, as `cchc render` reads it
    for n, period in enumerate(["period: 2024", "period: 2024-Q3", "period: Q3/2024"]):
        root = _bao_cao(tmp_path / str(n), period)
        code, out = _validate(capsys, root)
        assert code == 0, out
        for fmt in ("md", "html"):
            run = run_cli(capsys, "render", "--root", root, "bc-quy", "-f", fmt, "-o", "-")
            assert run.code == 0, run.err
        run = run_cli(capsys, "render", "--root", root, "bc-quy", "-o", tmp_path / "bc.docx")
        assert run.code == 0, run.err


@pytest.mark.parametrize(
    ("toml", "where", "words"),
    [
        ("validate = 3\n", "cchc.toml:1:", "[validate]"),
        ('title = "x"\nvalidate = "L003"\n', "cchc.toml:2:", "[validate]"),
        ('[validate]\ndisable = "L003"\n', "cchc.toml:2:", "disable"),
        ("[validate]\n\ndisable = 3\n", "cchc.toml:3:", "disable"),
        ("[validate]\ndisable = [1]\n", "cchc.toml:2:", "disable"),
        ('[validate]\ndisable = ["L003", ["L004"]]\n', "cchc.toml:2:", "disable"),
        ("[validate]\nfail-on = 3\n", "cchc.toml:2:", "fail-on"),
        ('[validate]\nfail-on = ["error"]\n', "cchc.toml:2:", "fail-on"),
        ("[[validate]]\n", "cchc.toml:1:", "[validate]"),
        ('validate.disable = "L003"\n', "cchc.toml:1:", "disable"),
        ('validate = {disable = "L003"}\n', "cchc.toml:1:", "disable"),
        ('[validate]\nfail-on = "fatal"\n', "cchc.toml:2:", "fail-on"),
        ('[validate]\ndisable = ["L999"]\n', "cchc.toml:2:", "L999"),
        ('[validate]\ndisabel = ["L003"]\n', "cchc.toml:2:", "disabel"),
    ],
)
def test_settings_of_the_wrong_type(
    capsys: pytest.CaptureFixture[str], example_repo: Path, toml: str, where: str, words: str
) -> None:
    write_tree(example_repo, {"cchc.toml": toml})
    run = run_cli(capsys, "validate", "--root", example_repo, *TODAY)
    assert run.code == 2
    assert "lỗi nội bộ" not in run.err
    assert run.err.startswith(f"lỗi: {where}"), run.err
    assert "cchc.toml: cchc.toml" not in run.err
    assert words in run.err
