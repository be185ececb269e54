"""CSV: UTF-8 with BOM (Excel opens it with the right accents), CRLF lines; text cells
never start a formula (`cchc.safe`), numbers are written as numbers.

- report: the tables one after another, each preceded by a line holding its title and
  followed by a blank line;
- queries: one header row of JSON keys, then the rows.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import IO, Any

from cchc import safe
from cchc.present.registry import Target, register
from cchc.present.views.query import ListView, MatrixView, ShowView, cell
from cchc.present.views.report import Cell, ReportView, cell_text
from cchc.safe import spreadsheet_text

# -- report -------------------------------------------------------------------------


def _report_cell(value: Cell) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):  # text from data: never a formula (numbers stay as they are)
        return spreadsheet_text(value)
    return cell_text(value)


@register(ReportView, "csv")
def report_csv(view: ReportView, target: Target) -> None:
    assert target.stream is not None
    out = target.stream
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    for i, table in enumerate(view.tables):
        if i:
            out.write("\r\n")
        writer.writerow([spreadsheet_text(table.title)])
        writer.writerow([spreadsheet_text(h) for h in table.headers])
        for row in table.rows:
            writer.writerow([_report_cell(c) for c in row.cells])


# -- queries ------------------------------------------------------------------------


def _csv_value(value: Any) -> Any:
    """A CSV cell: numbers as numbers, lists joined, text as `cell`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return cell(value)


def write_csv(stream: IO[str], header: list[str], rows: list[list[Any]]) -> None:
    """The one CSV writer of the queries: text cells never start a formula
    (`safe.csv_cell`), numbers are written as numbers."""
    stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([safe.csv_cell(h) for h in header])
    writer.writerows([safe.csv_cell(c) for c in row] for row in rows)


@register(ListView, "csv")
def list_csv(view: ListView, target: Target) -> None:
    assert target.stream is not None
    write_csv(
        target.stream,
        [k for k, _ in view.columns],
        [[_csv_value(r.get(k)) for k, _ in view.columns] for r in view.rows],
    )


@register(ShowView, "csv")
def show_csv(view: ShowView, target: Target) -> None:
    assert target.stream is not None
    data = view.data
    if data["kind"] == "model":
        rows = [
            [
                a["unit"],
                a["name"],
                a["status"],
                a["since"] or "",
                "; ".join(f"{r['indicator']}={r['display']}" for r in a["results"]),
            ]
            for a in data["adopters"]
        ]
        write_csv(target.stream, ["unit", "name", "status", "since", "results"], rows)
    elif data["kind"] == "unit":
        rows = [
            [
                a["model"],
                a["title"],
                a["status"],
                "; ".join(f"{e['date']} {e['status']}" for e in a["history"]),
                "; ".join(f"{r['indicator']}={r['display']}" for r in a["results"]),
            ]
            for a in data["adoptions"]
        ]
        write_csv(target.stream, ["model", "title", "status", "history", "results"], rows)
    else:
        keys = ["id", "document_type", "number", "date", "issuer", "subject", "models"]
        write_csv(target.stream, keys, [[cell(data.get(k)) for k in keys]])


@register(MatrixView, "csv")
def matrix_csv(view: MatrixView, target: Target) -> None:
    assert target.stream is not None
    grid = view.grid
    model_ids = [m["id"] for m in grid["models"]]
    rows = [
        [u["id"], u["name"], *(u["cells"][m] for m in model_ids), u["total"]] for u in grid["units"]
    ]
    rows.append(["total", "Tổng", *(grid["totals"][m] for m in model_ids), grid["total"]])
    write_csv(target.stream, ["unit", "name", *model_ids, "total"], rows)
