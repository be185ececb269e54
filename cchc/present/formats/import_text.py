"""The summary table that ends every `cchc import` (docs/forms.md): unit, model, old →
new, names never ids; text from data made safe for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from cchc.compute.formplan import ChangeRow
from cchc.present.formats.text import data_console
from cchc.safe import terminal_text


def print_summary(rows: Sequence[ChangeRow], stream: IO[str], *, title: str) -> None:
    """A table of `rows` on `stream`: Đơn vị | Mô hình | Trước → Sau."""
    from rich import box
    from rich.table import Table

    table = Table(title=terminal_text(title), box=box.SQUARE, title_justify="left")
    table.add_column("Đơn vị", ratio=2)
    table.add_column("Mô hình", ratio=3)
    table.add_column("Trước → Sau", ratio=3)
    for row in rows:
        change = f"{row.before} → {row.after}" if row.before else row.after
        table.add_row(terminal_text(row.unit), terminal_text(row.model), terminal_text(change))
    data_console(stream).print(table)
