"""Templates of a data repository are untrusted: they run sandboxed, every failure is a
data error (exit 3) naming the template and line, and nothing is read through a symbolic
link out of the repository, in the working tree or in a `--rev` archive."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import dedent, run_cli, write_tree
from tests.render.fixtures import FIXTURE
from tests.report_fixture import fixture_files

REPORT_TEMPLATE = "templates/report/report.html.j2"
DOCUMENT_TEMPLATE = "templates/document/cong-van.md.j2"


@pytest.fixture
def report_root(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "repo", fixture_files())


@pytest.fixture
def document_root(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "repo", {k: dedent(v) for k, v in FIXTURE.items()})


def _report(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> tuple[int, str]:
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "-f", "html", *extra)
    return run.code, run.err


def _render(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, str]:
    run = run_cli(capsys, "render", "--root", root, "cv-nhan-rong", "-f", "md", "-o", "-")
    return run.code, run.err


ESCAPES = [
    "{{ cycler.__init__.__globals__.os.system('touch %s') }}",
    "{{ joiner.__init__.__globals__.os.system('touch %s') }}",
    "{{ lipsum.__globals__['os'].system('touch %s') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ '%s' }}",
    "{{ report.__class__.__init__.__globals__ }}{{ '%s' }}",
    "{{ 'x'.format.__self__ }}{{ '%s' }}",
]


@pytest.mark.parametrize("template", ESCAPES)
def test_report_template_cannot_run_code(
    capsys: pytest.CaptureFixture[str], report_root: Path, tmp_path: Path, template: str
) -> None:
    marker = tmp_path / "pwned"
    write_tree(report_root, {REPORT_TEMPLATE: template % marker})
    code, err = _report(capsys, report_root)
    assert not marker.exists()
    assert code == 3, err
    assert f"{REPORT_TEMPLATE}:1: mẫu báo cáo" in err
    assert "lỗi nội bộ" not in err


def test_document_template_cannot_run_code(
    capsys: pytest.CaptureFixture[str], document_root: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    write_tree(document_root, {DOCUMENT_TEMPLATE: ESCAPES[0] % marker})
    code, err = _render(capsys, document_root)
    assert not marker.exists()
    assert code == 3 and f"{DOCUMENT_TEMPLATE}:1: mẫu văn bản" in err


@pytest.mark.parametrize(
    ("template", "line", "words"),
    [
        ("ok\n{{ 10 // 0 }}\n", 2, "chia cho 0"),
        ("{% if %}\n", 1, "sai cú pháp"),
        ("a\nb\n{{ report.no_such_thing }}\n", 3, 'trường không có: "no_such_thing"'),
        ("{{ no_such_name }}\n", 1, 'tên không có: "no_such_name"'),
        ('{% include "report.html.j2" %}\n', 1, "gọi lại chính nó"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n", 1, "gọi lại chính nó"),
        ("{{ 'a' * 1000000000 }}\n", 1, "quá dài"),
        ("{{ 2 ** 100000 }}\n", 1, "số mũ quá lớn"),
        ("{{ [].append(1) }}\n", 1, "không được phép"),
        ("{{ range(10 ** 9) | list }}\n", 1, "số quá lớn"),
        ("{{ 'x' | int(base=99) }}\n{{ '%s' % (1, 2) }}\n", 2, "gặp lỗi khi chạy"),
    ],
)
def test_template_failures_are_data_errors_with_a_place(
    capsys: pytest.CaptureFixture[str], report_root: Path, template: str, line: int, words: str
) -> None:
    write_tree(report_root, {REPORT_TEMPLATE: template})
    code, err = _report(capsys, report_root)
    assert code == 3, err
    assert f"lỗi: {REPORT_TEMPLATE}:{line}: mẫu báo cáo" in err
    assert words in err
    assert "Traceback" not in err and "lỗi nội bộ" not in err


def test_html_report_is_autoescaped_and_strict(
    capsys: pytest.CaptureFixture[str], report_root: Path
) -> None:
    write_tree(report_root, {REPORT_TEMPLATE: "{{ '<script>' }}"})
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", report_root, "-f", "html")
    assert run.code == 0 and run.out == "&lt;script&gt;"


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.j2"
    secret.write_text("BÍ MẬT {{ 1 }}\n", encoding="utf-8")
    return secret


def test_template_symlink_out_of_the_repository_is_refused(
    capsys: pytest.CaptureFixture[str], report_root: Path, tmp_path: Path
) -> None:
    link = report_root / REPORT_TEMPLATE
    link.parent.mkdir(parents=True)
    link.symlink_to(_secret(tmp_path))
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", report_root, "-f", "html")
    assert run.code == 3 and "BÍ MẬT" not in run.out
    assert f"{REPORT_TEMPLATE}: mẫu" in run.err and "ra ngoài kho dữ liệu" in run.err
    found = run_cli(capsys, "validate", "--root", report_root, "--format", "json")
    assert {(f["code"], f["path"]) for f in found.json()["findings"]} >= {("S022", REPORT_TEMPLATE)}
    assert found.code == 1


@pytest.mark.parametrize("folder", ["templates", "templates/report"])
def test_template_folder_symlink_out_of_the_repository_is_refused(
    capsys: pytest.CaptureFixture[str], report_root: Path, tmp_path: Path, folder: str
) -> None:
    outside = tmp_path / "outside"
    inner = outside / "report" if folder == "templates" else outside
    inner.mkdir(parents=True)
    (inner / "report.html.j2").write_text("BÍ MẬT\n", encoding="utf-8")
    (report_root / folder).parent.mkdir(parents=True, exist_ok=True)
    (report_root / folder).symlink_to(outside)
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", report_root, "-f", "html")
    assert run.code == 3 and "BÍ MẬT" not in run.out
    assert f'thư mục mẫu "{folder}"' in run.err
    found = run_cli(capsys, "validate", "--root", report_root, "--format", "json")
    assert ("S022", folder) in {(f["code"], f["path"]) for f in found.json()["findings"]}


def test_data_folder_symlink_out_of_the_repository_is_refused(
    capsys: pytest.CaptureFixture[str], report_root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside-models"
    (report_root / "data/models").rename(outside)
    (report_root / "data/models").symlink_to(outside)
    found = run_cli(capsys, "validate", "--root", report_root, "--format", "json")
    codes = {f["code"] for f in found.json()["findings"] if f["path"].startswith("data/models")}
    assert codes == {"S022"}


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("relative", [False, True])
def test_rev_archive_with_a_symlink_out_is_a_finding_not_a_crash(
    capsys: pytest.CaptureFixture[str], report_root: Path, tmp_path: Path, relative: bool
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: bi-mat\n", encoding="utf-8")
    unit = sorted((report_root / "data/units").iterdir())[0]
    unit.unlink()
    unit.symlink_to("../../../secret.yaml" if relative else secret)
    link = report_root / REPORT_TEMPLATE
    link.parent.mkdir(parents=True)
    link.symlink_to(_secret(tmp_path))
    _git(report_root, "init", "-q")
    _git(report_root, "add", ".")
    _git(report_root, "commit", "-q", "-m", "links out")
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", report_root, "--rev", "HEAD")
    assert run.code == 3, run.err
    assert "lỗi nội bộ" not in run.err and "bi-mat" not in run.out
    html = run_cli(
        capsys, "report", "-q", "2024-Q3", "--root", report_root, "--rev", "HEAD", "-f", "html"
    )
    assert html.code == 3 and "BÍ MẬT" not in html.out
    diff = run_cli(capsys, "diff", "--root", report_root, "HEAD", "HEAD")
    assert diff.code in (0, 1, 3) and "lỗi nội bộ" not in diff.err
