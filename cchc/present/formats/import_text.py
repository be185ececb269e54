"""What ends every `cchc import` (docs/forms.md): the summary table (unit, model, old →
new, names never ids) and, in a git repository, the commands that make it a pull request;
text from data made safe for the terminal."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path
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


def git_hint(root: Path, rels: Sequence[str], periods: Sequence[str], names: Sequence[str]) -> str:
    """The git commands that put the files `rels` just written on a branch for a pull
    request, the commit message naming the periods and the unit (or how many units)."""
    label = ", ".join(periods) or "biểu mẫu"
    branch = "nhap-bieu-mau-" + "-".join(periods or ["moi"]).lower()
    who = names[0] if len(names) == 1 else f"{len(names)} đơn vị"
    message = f"Nhập biểu mẫu kỳ {label}: {who}"
    lines = [
        "Để gửi thay đổi thành pull request:",
        f"  cd {shlex.quote(str(root))}",
        f"  git switch -c {branch}",
        "  git add " + " ".join(shlex.quote(r) for r in rels),
        f"  git commit -m {shlex.quote(message)}",
        f"  git push -u origin {branch}",
    ]
    return terminal_text("\n".join(lines))
