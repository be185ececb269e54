"""Generated documentation: the command reference, the rule reference and the schemas.

`python scripts/gen_docs.py` writes them; tests/test_docs.py fails when they drift from
the code (as sqlite-utils does), so docs can't go stale.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from cchc.commands import rules, schema

HELP_WIDTH = "100"


def command_names() -> list[str]:
    from cchc.cli import build_command

    return list(build_command().commands)


def _help(args: list[str]) -> str:
    from cchc.cli import main

    buffer = io.StringIO()
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_WIDTH
    try:
        with contextlib.redirect_stdout(buffer):
            main([*args, "--help"])
    finally:
        if previous is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = previous
    return buffer.getvalue().rstrip() + "\n"


def commands_markdown() -> str:
    parts = [
        "# Tham chiếu lệnh `cchc`",
        "",
        "Tệp này sinh tự động từ `--help` của từng lệnh (`python scripts/gen_docs.py`); "
        "đừng sửa tay. Hướng dẫn chi tiết: [validate](validate.md), [báo cáo](report.md), "
        "[văn bản](render.md), [tra cứu](query.md), [cập nhật](edit.md).",
        "",
        "## Mã thoát (exit code)",
        "",
        "| Mã | Ý nghĩa |",
        "|---|---|",
        "| 0 | Thành công; `validate`: không có phát hiện từ mức `--fail-on` trở lên |",
        "| 1 | `validate`: có phát hiện từ mức `--fail-on` trở lên; `fmt --check`, "
        "`render --check`: còn thiếu sót |",
        "| 2 | Lỗi cách dùng: tùy chọn, tham số sai; mã (id) hay tệp không tồn tại; không phải "
        "kho dữ liệu; không đọc được git |",
        "| 3 | Dữ liệu có lỗi nên lệnh không thể tính toán (chạy `cchc validate` để xem) |",
        "| 4 | Lỗi nội bộ của cchc (không dữ liệu nào gây ra được; xin báo lỗi, kèm kết quả "
        "chạy với `CCHC_DEBUG=1`) |",
        "| 141 | Nơi nhận kết quả đóng giữa chừng (ví dụ `cchc list models \\| head -1`): cchc "
        "dừng lặng lẽ, không in gì thêm, như git (128 + SIGPIPE). Đầu ra chuẩn bị đóng hẳn "
        "(`>&-`) được coi như `/dev/null`: lệnh chạy và trả mã của chính nó |",
        "",
        "## `cchc`",
        "",
        "```text",
        _help([]).rstrip(),
        "```",
        "",
    ]
    for name in command_names():
        parts += [f"## `cchc {name}`", "", "```text", _help([name]).rstrip(), "```", ""]
    return "\n".join(parts)


def write_all(root: Path) -> list[Path]:
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    written = [docs / "commands.md", docs / "rules.md"]
    written[0].write_text(commands_markdown(), encoding="utf-8")
    written[1].write_text(rules.markdown() + "\n", encoding="utf-8")
    written += schema.write_all(root / "schemas")
    return written
