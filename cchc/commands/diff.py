"""`cchc diff`: what changed in the data between two git revisions (docs/workflow.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from cchc.commands.common import IdsOption, OutputOption, RootOption, choice, output_stream
from cchc.compute.diff import diff_repositories
from cchc.errors import ExitCode
from cchc.load.files import find_root
from cchc.load.revisions import resolve_sides
from cchc.pipeline import load_side
from cchc.present.registry import Target, formats, write
from cchc.present.views.diff import DiffView


def command(
    rev1: Annotated[
        str | None,
        typer.Argument(
            metavar="[PHIÊN-BẢN-1]",
            help="Phiên bản cũ (mã commit, nhánh, thẻ). Mặc định: điểm "
            "tách nhánh hiện tại (HEAD) từ main (hoặc origin/main; không có thì HEAD).",
            show_default=False,
        ),
    ] = None,
    rev2: Annotated[
        str | None,
        typer.Argument(
            metavar="[PHIÊN-BẢN-2]",
            help="Phiên bản mới. Mặc định: thư mục làm việc (kể cả thay đổi chưa commit).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="DẠNG",
            help="Dạng kết quả: text (bảng trên màn hình), "
            "markdown (tóm tắt để đăng vào pull request), json (cho chương trình).",
        ),
    ] = "text",
    ids: IdsOption = False,
    root: RootOption = None,
    output: OutputOption = None,
) -> int:
    """So sánh dữ liệu giữa hai phiên bản git: mô hình thêm/sửa/ngừng áp dụng/xoá, đơn vị
    thêm/xoá, diễn biến áp dụng và kết quả mới, văn bản thêm/sửa.

    Không có phiên bản: so điểm tách nhánh từ main với thư mục làm việc. Một phiên bản: so
    phiên bản đó với thư mục làm việc. Hai phiên bản: so phiên bản 1 với phiên bản 2. Đọc
    phiên bản cũ bằng git, không checkout. Tệp có lỗi riêng được bỏ qua và ghi chú lại.

    Mã thoát: 0 thành công (có hay không có thay đổi); 2 lỗi cách dùng, không phải kho git,
    phiên bản không có hoặc không có git.
    """
    choice(output_format, formats(DiffView), "--format")
    repo_root = find_root(root=root)
    old_side, new_side = resolve_sides(repo_root, rev1, rev2)
    with load_side(repo_root, old_side) as (old, old_skipped):
        pass
    with load_side(repo_root, new_side) as (new, new_skipped):
        pass
    view = DiffView(
        dict(old_side.as_dict()),
        dict(new_side.as_dict()),
        diff_repositories(old, new),
        old_skipped,
        new_skipped,
        ids=ids,
    )
    with output_stream(output) as stream:
        write(view, output_format, Target(stream, None))
    return ExitCode.OK
