"""Checks of the repository's folders rather than of a data file: files cchc does not read
(L013), templates linked out of the repository (S022), leftovers of killed edits (L015)."""

from __future__ import annotations

from pathlib import Path

from cchc.check import rules
from cchc.check.findings import Finding
from cchc.load.files import list_leftovers, template_links_out


def _finding(code: str, rel: str, message: str, hint: str) -> Finding:
    return Finding(code, rel, message, rules.BY_CODE[code].severity, 0, 0, hint)


def tree_findings(root: Path, stray: list[str]) -> list[Finding]:
    """Findings about the folders of the repository at `root`; `stray` are the files of
    the data folders that cchc does not read (from `cchc.load.files.list_files`)."""
    found = [
        _finding(
            "L013",
            rel,
            "tệp không có đuôi .yaml nên không được đọc",
            "đổi tên thành <mã>.yaml, hoặc chuyển ra khỏi data/",
        )
        for rel in stray
    ]
    found += [
        _finding(
            "S022",
            rel,
            f'mẫu là liên kết tượng trưng trỏ ra ngoài kho dữ liệu ("{target}")',
            "chép mẫu vào templates/ của kho thay vì liên kết",
        )
        for rel, target in template_links_out(root)
    ]
    found += [
        _finding(
            "L015",
            rel,
            "tệp tạm do một lệnh sửa dữ liệu bị ngắt giữa chừng để lại",
            "xóa tệp này (lệnh cchc adopt/result/new/fmt sau sẽ tự xóa); không đưa vào kho",
        )
        for rel in list_leftovers(root)
    ]
    return found
