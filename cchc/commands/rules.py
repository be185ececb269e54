"""`cchc rules`: every rule of `cchc validate`, or one with its examples."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cchc.check.rules import RULES, Rule, resolve
from cchc.commands.common import choice
from cchc.errors import ExitCode, NotFoundError

FORMATS = ("table", "json", "markdown")


def rule_markdown(rule: Rule) -> str:
    lines = [
        f"### {rule.code} `{rule.name}`",
        "",
        f"Mức: **{rule.severity.label_vi}** ({rule.severity.label}). {rule.summary}",
        "",
    ]
    if rule.today:
        lines += [f"Ví dụ chạy với `--today {rule.today}`.", ""]
    for title, files in (("Sai", rule.bad), ("Đúng", rule.good)):
        for path, text in files.items():
            shown = text if text.isprintable() or "\n" in text else repr(text)
            lines += [f"{title} — `{path}`:", "", "```yaml", shown.rstrip("\n"), "```", ""]
    if not rule.bad:
        lines += ["(Luật này xét tệp, không có ví dụ nội dung.)", ""]
    return "\n".join(lines)


def markdown() -> str:
    head = [
        "# Các luật của `cchc validate`",
        "",
        "Tệp này sinh tự động bằng `cchc rules --format markdown`; đừng sửa tay.",
        "",
        "Mỗi luật có mã (S: cú pháp và định dạng một tệp; R: tham chiếu giữa các tệp; "
        "L: lint, hợp lệ nhưng có thể sai), tên và mức. Tắt một luật cho cả kho trong "
        '`cchc.toml` (`[validate] disable = ["L006"]`), cho một dòng bằng chú thích '
        "`# cchc: disable=L006` ở cuối dòng đó, cho cả tệp bằng `# cchc: disable-file=L006`.",
        "",
        "| Mã | Tên | Mức | Ý nghĩa |",
        "|---|---|---|---|",
    ]
    head += [
        f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.label_vi} | "
        f"{r.summary} |"
        for r in RULES
    ]
    return "\n".join(head) + "\n\n" + "\n".join(rule_markdown(r) for r in RULES)


def command(
    rule: Annotated[
        str | None,
        typer.Argument(
            metavar="MÃ-LUẬT",
            help="Mã hoặc tên luật (ví dụ L003, quoted-title).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="DẠNG", help="table, json hoặc markdown.")
    ] = "table",
) -> int:
    """Liệt kê các luật kiểm tra (mã, tên, mức, ý nghĩa), hoặc giải thích một luật kèm ví dụ.

    Mã thoát: 0; 2 khi không có luật đã nêu.
    """
    choice(output_format, FORMATS, "--format")
    selected = RULES
    if rule is not None:
        try:
            selected = [resolve(rule)]
        except KeyError:
            raise NotFoundError(
                f'không có luật "{rule}"', hint="xem danh sách: cchc rules"
            ) from None
    if output_format == "json":
        typer.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.label,
                        "summary": r.summary,
                    }
                    for r in selected
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    elif output_format == "markdown":
        typer.echo(markdown() if rule is None else rule_markdown(selected[0]))
    elif rule is not None:
        Console(highlight=False).print(rule_markdown(selected[0]), markup=False)
    else:
        table = Table(title="Các luật của cchc validate")
        for column in ("Mã", "Tên", "Mức", "Ý nghĩa"):
            table.add_column(column, overflow="fold")
        for r in selected:
            table.add_row(r.code, r.name, r.severity.label_vi, r.summary)
        Console().print(table)
    return ExitCode.OK
