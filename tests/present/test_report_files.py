"""The report's files read back as an officer's tools would read them: Word (python-docx),
Excel (openpyxl), the terminal at 80 columns, HTML for printing.

Everything runs `cchc report --quarter 2024-Q3` on the shipped data through the real entry
point, and checks layout generically (any table, any number of columns), so the checks
hold while the report's sections and columns change.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO_ROOT, run_cli

QUARTER = "2024-Q3"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _report(capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"bc.{fmt}"
    run = run_cli(capsys, "report", "-q", QUARTER, "--root", REPO_ROOT, "-f", fmt, "-o", out)
    assert run.code == 0, run.err
    return out


# -- Word ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> Any:
    import docx

    from cchc.cli import main

    out = tmp_path_factory.mktemp("docx") / "bc.docx"
    assert (
        main(["report", "-q", QUARTER, "--root", str(REPO_ROOT), "-f", "docx", "-o", str(out)]) == 0
    )
    return docx.Document(str(out))


def _section_of(word: Any, table: Any) -> Any:
    """The section a body table lies in: the first section break after it."""
    body = list(word.element.body)
    index = body.index(table._tbl)
    breaks = 0
    for element in body[:index]:
        if element.find(f"{W}pPr/{W}sectPr") is not None:
            breaks += 1
    return word.sections[breaks]


def _grid_tables(word: Any) -> list[Any]:
    return [t for t in word.tables if t.style is not None and t.style.name == "Table Grid"]


def test_word_is_a_bao_cao_in_the_nd30_layout(word: Any) -> None:
    letterhead = word.tables[0]
    left, right = (cell.text for cell in letterhead.rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert left.strip()  # the issuer's place, to be filled in
    assert letterhead.rows[1].cells[0].text.startswith("Số:")
    assert "ngày" in letterhead.rows[1].cells[1].text
    assert word.paragraphs[0].text == "BÁO CÁO"
    signature = word.tables[-1].rows[0].cells
    assert signature[0].text.startswith("Nơi nhận:")
    assert "Họ và tên" in signature[1].text
    # page numbers: a PAGE field in the header, none on the first page
    first = word.sections[0]
    assert first.different_first_page_header_footer
    assert "PAGE" in first.header._element.xml
    assert "PAGE" not in first.first_page_header._element.xml
    for section in word.sections[1:]:
        assert not section.different_first_page_header_footer  # numbered from its first page


def test_word_wide_tables_on_landscape_pages_with_repeated_headers(word: Any) -> None:
    tables = _grid_tables(word)
    assert any(len(t.columns) > 8 for t in tables)
    for table in tables:
        section = _section_of(word, table)
        landscape = section.page_width > section.page_height
        assert landscape == (len(table.columns) > 8), [c.text for c in table.rows[0].cells]
        assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
        text_width = section.page_width - section.left_margin - section.right_margin
        widths = [c.width for c in table.columns]
        assert sum(widths) <= text_width


def _fits(text: str, width_emu: int, size_pt: float) -> bool:
    """The longest word of `text` fits the cell (an upper bound of Times New Roman
    glyph widths, 0.5 em a letter, minus the cell margins)."""
    longest = max((len(w) for w in text.split()), default=0)
    return longest * 0.5 * size_pt * 12700 <= width_emu - 2 * 57 * 635


def test_word_column_widths_from_content(word: Any) -> None:
    for table in _grid_tables(word):
        header = [c.text for c in table.rows[0].cells]
        body = table.rows[1:]
        for i, column in enumerate(table.columns):
            texts = [row.cells[i].text for row in body]
            size = table.rows[0].cells[i].paragraphs[0].runs[0].font.size.pt
            for text in [header[i], *texts]:  # no word broken inside
                assert _fits(text, column.width, size), (header[i], text, column.width.cm)
            numeric = texts and all(re.fullmatch(r"[\d.,%–+−\s]*(điểm %)?", t) for t in texts)
            if numeric and any(texts):
                assert column.width.cm < 3.5, header[i]
                alignments = {row.cells[i].paragraphs[0].alignment for row in body}
                assert alignments == {2}, header[i]  # WD_ALIGN_PARAGRAPH.RIGHT
            elif max((len(t) for t in texts), default=0) > 30:
                assert column.width.cm >= 4.5, header[i]  # a column of names


def test_word_times_new_roman_everywhere(word: Any) -> None:
    assert word.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in word.paragraphs for r in p.runs]
    runs += [
        r
        for t in word.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    for run in runs:
        if run.text.strip():
            assert run.font.name == "Times New Roman", run.text


def test_word_charts_fit_the_page_with_their_caption(word: Any) -> None:
    from docx.shared import Mm

    assert len(word.inline_shapes) >= 2
    for shape in word.inline_shapes:
        assert shape.width <= Mm(165) and shape.height <= Mm(257 - 20)
    paragraphs = word.paragraphs
    for i, para in enumerate(paragraphs):
        if para._p.xpath(".//w:drawing"):
            caption = paragraphs[i - 1]
            assert caption.text.startswith("Biểu đồ")
            assert caption.paragraph_format.keep_with_next


def test_chart_font_is_times_new_roman_or_its_metric_twin() -> None:
    from matplotlib import font_manager

    from cchc.present.formats.charts import SERIF

    found = font_manager.findfont(font_manager.FontProperties(family=SERIF))
    if not any(n in f.name for f in font_manager.fontManager.ttflist for n in SERIF[:2]):
        pytest.skip("neither Times New Roman nor Liberation Serif is installed")
    assert "Times" in found or "LiberationSerif" in found


# -- Excel --------------------------------------------------------------------------


def test_excel_sheets_print_on_a4_landscape_one_page_wide(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(_report(capsys, tmp_path, "xlsx"))
    percents = points = 0
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$2"  # the title and header rows on every page
        assert ws.freeze_panes == "A3"
        header = ws[2]
        for cell in header:
            assert cell.alignment.wrap_text and cell.border.bottom.style == "thin"
            width = ws.column_dimensions[cell.column_letter].width
            longest_word = max((len(w) for w in str(cell.value or "").split()), default=0)
            assert width >= longest_word + 1, (ws.title, cell.value)
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                assert cell.border.left.style == "thin" and cell.alignment.wrap_text
                if cell.number_format == "0.0%":
                    percents += 1
                    assert cell.value is None or 0 <= cell.value <= 1
                if "điểm %" in cell.number_format:
                    points += 1
                    assert isinstance(cell.value, int | float)  # a number of points, e.g. -1.5
        names = [
            ws.column_dimensions[c.column_letter].width
            for c in header
            if any(len(str(r[c.column - 1].value or "")) > 40 for r in ws.iter_rows(min_row=3))
        ]
        assert all(width >= 28 for width in names)
    assert percents and points == 1


# -- terminal -----------------------------------------------------------------------


def _in_order(words: list[str], stream: list[str]) -> bool:
    """`words` appear in `stream` in this order (other columns' words may come between,
    as a name wraps over the lines of a table row)."""
    position = 0
    for word in words:
        try:
            position = stream.index(word, position) + 1
        except ValueError:
            return False
    return True


def test_terminal_at_80_columns_loses_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = run_cli(capsys, "report", "-q", QUARTER, "--root", REPO_ROOT, "-f", "json").json()
    monkeypatch.setenv("COLUMNS", "80")
    run = run_cli(capsys, "report", "-q", QUARTER, "--root", REPO_ROOT)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert max(len(line) for line in lines) <= 80  # COLUMNS is respected off a terminal
    assert "…" not in run.out
    stream = re.sub(r"[│┃┡┩┏┓┗┛━─┼╇╋├┤┬┴└┘┌┐]", " ", run.out).split()
    names = [m["title"] for m in figures["models"]]
    names += [u["name"] for g in figures["groups"] for u in g["units"]]
    names += [o["model_title"] for o in figures["follow_up"]]
    assert names
    for name in names:
        assert _in_order(name.split(), stream), name


def test_terminal_width_follows_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    wide = run_cli(capsys, "report", "-q", QUARTER, "--root", REPO_ROOT).out
    assert max(len(line) for line in wide.splitlines()) == 120  # the centred title


def test_progress_bar_reads_without_colour() -> None:
    from cchc.present.formats.text import progress_bar

    assert progress_bar(0.0) == "░░░░░░░░░░ 0%"
    assert progress_bar(1.0) == "██████████ 100%"
    assert progress_bar(0.3) == "███░░░░░░░ 30%"
    assert progress_bar(None).startswith("░░░░░░░░░░")


# -- HTML ---------------------------------------------------------------------------


def test_html_prints_on_a4_with_page_numbers_and_landscape_wide_tables(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(capsys, "report", "-q", QUARTER, "--root", REPO_ROOT, "-f", "html")
    assert run.code == 0, run.err
    html = run.out
    assert re.search(r"@page\s*\{\s*size:\s*A4;", html)
    assert "counter(page)" in html and re.search(
        r"@page :first \{ @top-center \{ content: none", html
    )
    assert "@page wide { size: A4 landscape; }" in html and "section.wide { page: wide; }" in html
    sections = re.findall(
        r'<section id="([^"]+)"( class="wide")?>\s*<h2>[^<]*</h2>\s*(<table>.*?</thead>)?',
        html,
        re.S,
    )
    for _key, wide, head in sections:
        if head:
            assert bool(wide) == (head.count("<th>") > 8)
    assert any(wide for _, wide, _ in sections)
    assert "…" not in html  # chart names wrap, never cut


@pytest.mark.parametrize("quarter", ["2024-Q3", "2025-Q3"])
def test_docx_has_no_empty_page_between_sections(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, quarter: str
) -> None:
    """Consecutive wide tables share landscape pages, and no empty paragraph stands before
    a section break (LibreOffice turns either into an empty page)."""
    import docx

    out = tmp_path / "bc.docx"
    run = run_cli(capsys, "report", "-q", quarter, "--root", REPO_ROOT, "-f", "docx", "-o", out)
    assert run.code == 0, run.err
    body = list(docx.Document(str(out)).element.body.iterchildren())

    def breaks(element: Any) -> bool:
        return element.tag.endswith("}p") and element.find(".//{*}sectPr") is not None

    def empty(element: Any) -> bool:
        return element.tag.endswith("}p") and not "".join(element.itertext()).strip()

    for before, element in itertools.pairwise(body):
        if breaks(element):
            assert not breaks(before), "two section breaks in a row: an empty section"
            assert not (empty(before) and before.find(".//{*}drawing") is None), "empty page"
    orientations = [s.orientation for s in docx.Document(str(out)).sections]
    assert all(a != b for a, b in itertools.pairwise(orientations))
