"""`cchc render` of a báo cáo: computed tables in the Markdown, HTML and Word outputs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn

from cchc.commands.render import report_tables
from cchc.pipeline import load_repository
from cchc.present.document import layout, render
from cchc.text import format_int, format_percent
from tests.helpers import REPO_ROOT, dedent, run_cli, write_tree
from tests.render.fixtures import FIXTURE

SHIPPED = "bao-cao-quy-3-2024-nhan-rong-mo-hinh"
SCOPE = "ubnd-tinh-ba-ria-vung-tau"

BAO_CAO = """
    id: bc-quy
    type: bao-cao
    issuer: ubnd-tinh-a
    drafter: so-noi-vu-a
    number: 3
    date: 2024-09-20
    {period}
    title: Tình hình nhân rộng mô hình Quý III năm 2024
    recipients:
      - text: Bộ Nội vụ
    body:
      - text: Báo cáo như sau
      - report: summary
      - heading: Theo mô hình
        report: models
    closing: Kính báo cáo
    signer:
      authority: KT
      on_behalf_of: CHỦ TỊCH
      title: PHÓ CHỦ TỊCH
      name: Nguyễn Văn A
"""


def _root(tmp_path: Path, period: str) -> Path:
    files = {k: dedent(v) for k, v in FIXTURE.items()}
    files["data/documents/bc-quy.yaml"] = dedent(BAO_CAO).replace("{period}", period)
    return write_tree(tmp_path, files)


@pytest.fixture(scope="module")
def shipped_report(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    from cchc.compute.progress import compute_report
    from cchc.periods import parse_period
    from cchc.present.views.report import report_json

    period = parse_period("2024-Q3")
    repo = load_repository(REPO_ROOT, today=period.end)
    return report_json(compute_report(repo, period, scope=SCOPE))


def test_shipped_summary_matches_cchc_report(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(
        capsys,
        "report",
        "--root",
        REPO_ROOT,
        "--quarter",
        "2024-Q3",
        "--scope",
        SCOPE,
        "--format",
        "json",
    )
    assert run.code == 0, run.err
    summary = json.loads(run.out)["summary"]
    run = run_cli(capsys, "render", "--root", REPO_ROOT, SHIPPED, "-f", "md", "-o", "-")
    assert run.code == 0, run.err
    md = run.out
    assert (
        "**BÁO CÁO**\\\n**Tình hình nhân rộng các mô hình, sáng kiến cải cách hành chính "
        "Quý III năm 2024**" in md
    )
    assert "Số:       /BC-UBND" in md
    assert "Kính gửi: Bộ Nội vụ." in md
    assert "| Nội dung | Số liệu |\n| --- | ---: |\n" in md
    assert f"| Số mô hình chỉ đạo nhân rộng | {format_int(summary['models'])} |" in md
    assert f"| Số lượt đơn vị – mô hình phải áp dụng | {format_int(summary['targets'])} |" in md
    assert f"| Chưa triển khai | {format_int(summary['counts']['not-started'])} |" in md
    assert f"| Tỷ lệ nhân rộng | {format_percent(summary['rate'])} |" in md
    # headings numbered like any other block; the table follows its heading
    assert "**I. Kết quả chung**\n\n| Nội dung |" in md
    assert "**II. Tình hình nhân rộng theo từng mô hình**\n\n| STT | Mô hình |" in md
    # the total row of the models table is bold, figures right-aligned
    assert f"|  | **Tổng cộng** |  | **{format_int(summary['targets'])}** |" in md
    assert md.count("./.") == 1 and "- Như trên;" in md


def test_shipped_tables_match_report(shipped_report: dict) -> None:  # type: ignore[type-arg]
    repo = load_repository(REPO_ROOT)
    doc = layout.build(repo, repo.document(SHIPPED), report_tables(repo, repo.document(SHIPPED)))
    tables = {e.key: e for e in doc.body if isinstance(e, layout.Table)}
    assert set(tables) <= {"summary", "models", "overdue", "results"}
    assert len(tables["models"].rows) == len(shipped_report["models"]) + 1  # + total
    assert tables["models"].rows[-1].subtotal
    assert len(tables.get("results", layout.Table("", "", [], [], [], [])).rows) == len(
        shipped_report["results"]
    )
    if not shipped_report["follow_up"]:
        assert "overdue" not in tables
        assert any(isinstance(e, layout.Paragraph) and e.text == "(Không có)" for e in doc.body)


def test_shipped_docx_has_word_tables() -> None:
    repo = load_repository(REPO_ROOT)
    document = repo.document(SHIPPED)
    data = render(repo, document, "docx", report_tables(repo, document))
    assert isinstance(data, bytes)
    word = read_docx(io.BytesIO(data))
    data_tables = [t for t in word.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(data_tables) >= 2
    summary = data_tables[0]
    assert [c.text for c in summary.rows[0].cells] == ["Nội dung", "Số liệu"]
    for table in data_tables:
        first = table.rows[0]
        assert first._tr.trPr is not None
        assert first._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r.font.bold for c in first.cells for p in c.paragraphs for r in p.runs)
        run = table.rows[1].cells[0].paragraphs[0].runs[0]
        assert run.font.name == "Times New Roman"
        assert run.font.size is not None and 8 <= run.font.size.pt <= 12
        width = sum(col.width for col in table.columns)
        wide = len(table.columns) > 8  # on a landscape page (25,2 cm of text)
        assert width <= (25.2 if wide else 16.5) * 360000 + 1000  # fits the text width (EMU)
    orientations: list[tuple[int, int]] = []
    for s in word.sections:
        assert s.page_width is not None and s.page_height is not None  # set on every section
        orientations.append((round(s.page_width.mm), round(s.page_height.mm)))
    assert orientations[0] == (210, 297) and (297, 210) in orientations  # wide table: landscape
    assert orientations[-1] == (210, 297)  # back to portrait for the signature
    models = data_tables[1]
    assert models.rows[0].cells[1].text == "Mô hình"
    assert models.rows[-1].cells[1].text == "Tổng cộng"
    texts = [p.text for p in word.paragraphs]
    assert "BÁO CÁO" in texts and "Kính gửi: Bộ Nội vụ." in texts


def test_shipped_html_has_tables() -> None:
    repo = load_repository(REPO_ROOT)
    document = repo.document(SHIPPED)
    html = render(repo, document, "html", report_tables(repo, document))
    assert isinstance(html, str)
    assert '<table class="data summary">' in html and "<th>Nội dung</th>" in html
    assert '<tr class="subtotal">' in html and '<td class="num">' in html
    assert "thead { display: table-header-group; }" in html
    assert '<div class="kg">Kính gửi: Bộ Nội vụ.</div>' in html


def test_fixture_bao_cao_renders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _root(tmp_path, "period: 2024-Q3")
    run = run_cli(capsys, "render", "--root", root, "bc-quy", "-f", "md", "-o", "-")
    assert run.code == 0, run.err
    assert "Số: 03/BC-UBND" in run.out
    # a report block without heading is headed by its table's title, numbered
    assert "**I. Tổng hợp**\n\n| Nội dung | Số liệu |" in run.out
    assert "**II. Theo mô hình**" in run.out
    assert "Kính báo cáo./." in run.out
    run = run_cli(capsys, "render", "--root", root, "bc-quy", "--check")
    assert run.code == 0, run.out


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("", "chưa có kỳ báo cáo"),
        ("period: 2024-Q5", 'kỳ báo cáo (period) "2024-Q5" không hợp lệ'),
    ],
)
def test_bad_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], period: str, words: str
) -> None:
    root = _root(tmp_path, period)
    run = run_cli(capsys, "render", "--root", root, "bc-quy", "-f", "md", "-o", "-")
    assert run.code == 3
    assert words in run.err and "data/documents/bc-quy.yaml" in run.err
    run = run_cli(capsys, "render", "--root", root, "bc-quy", "--check")
    if period:  # an invalid period is a validation error (S026), as any other data error
        assert run.code == 3 and '"2024-Q5" không hợp lệ' in run.err
        return
    assert run.code == 1
    assert "chưa có kỳ báo cáo" in run.out


def test_report_block_outside_bao_cao(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _root(tmp_path, "period: 2024-Q3")
    path = root / "data/documents/bc-quy.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("type: bao-cao", "type: ke-hoach"),
        encoding="utf-8",
    )
    run = run_cli(capsys, "render", "--root", root, "bc-quy", "--check")
    assert run.code == 1 and "chỉ dùng trong báo cáo" in run.out
