"""The one Jinja environment factory: every template, document or report, built in or taken
from a data repository, is loaded and rendered here.

Templates of a data repository arrive by pull request, so they are untrusted code:

- they run in Jinja's immutable sandbox (no attribute starting with `_`, no method that
  changes a list or dict, no `str.format` tricks), with `StrictUndefined` and HTML
  autoescape for `.html.j2`; repetition (`*`) and powers (`**`) are capped so a template
  cannot exhaust memory or time;
- a template is read only from `<repository>/templates/<section>/` or from the templates
  shipped with cchc (`cchc/templates/<section>/`), in that order; a template file, or the
  `templates/` folder or the section folder, that is a symbolic link resolving outside the
  repository is refused (`cchc validate` reports it as S022);
- every failure (syntax error, name that does not exist, sandbox violation, runtime error
  such as `10 // 0`, recursive include) is a `DataError` (exit 3) naming the template's
  path and line.
"""

from __future__ import annotations

import operator
import os
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from cchc.errors import DataError, Location

Section = Literal["document", "report"]
PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: Largest string or list a template may build with `*`, and largest exponent of `**`.
MAX_REPEAT = 1_000_000
MAX_EXPONENT = 512


class TemplatePathError(DataError):
    """A repository template (or its folder) is a symbolic link out of the repository."""


def outside_link(root: Path, path: Path) -> Path | None:
    """Where `path` really leads if that is outside `root` (following every symbolic link
    on the way), else None."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop
        return path
    return None if target.is_relative_to(root.resolve()) else target


class _RepositoryLoader(jinja2.BaseLoader):
    """Templates from `<root>/templates/<section>/`, never through a link out of `root`."""

    def __init__(self, root: Path, section: Section) -> None:
        self.root = root
        self.folder = root / "templates" / section

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)  # refuses ".." and the like
        path = self.folder.joinpath(*pieces)
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        rel = path.relative_to(self.root).as_posix()
        escaped = outside_link(self.root, path)
        if escaped is not None:
            raise TemplatePathError(
                f'mẫu "{rel}" là liên kết tượng trưng trỏ ra ngoài kho dữ liệu ("{escaped}")',
                hint="chép mẫu vào templates/ của kho thay vì liên kết",
                location=Location(rel),
            )
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise DataError(
                f'mẫu "{rel}" không phải văn bản UTF-8', location=Location(rel)
            ) from None
        except OSError as error:
            if not path.is_file():
                raise jinja2.TemplateNotFound(template) from None
            raise DataError(
                f'không đọc được mẫu "{rel}": {error.strerror}', location=Location(rel)
            ) from None
        return source, rel, lambda: True


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with `*` and `**` capped."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise jinja2.exceptions.SecurityError(f"số mũ quá lớn (tối đa {MAX_EXPONENT})")
            return operator.pow(left, right)
        sized, count = (left, right) if isinstance(right, int) else (right, left)
        if (
            isinstance(sized, str | list | tuple)
            and isinstance(count, int)
            and len(sized) * count > MAX_REPEAT
        ):
            raise jinja2.exceptions.SecurityError(
                f"chuỗi hoặc danh sách quá dài (tối đa {MAX_REPEAT:,} phần tử)"
            )
        return operator.mul(left, right)


def environment(root: Path | None, section: Section) -> jinja2.Environment:
    """The sandboxed environment for `section` templates of the repository at `root`."""
    loaders: list[jinja2.BaseLoader] = []
    if root is not None:
        for folder in (root / "templates", root / "templates" / section):
            escaped = outside_link(root, folder) if os.path.lexists(folder) else None
            if escaped is not None:
                rel = folder.relative_to(root).as_posix()
                raise TemplatePathError(
                    f'thư mục mẫu "{rel}" là liên kết tượng trưng trỏ ra ngoài kho dữ liệu '
                    f'("{escaped}")',
                    hint="chép mẫu vào kho thay vì liên kết",
                    location=Location(rel),
                )
        loaders.append(_RepositoryLoader(root, section))
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES / section)))
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["sup"] = lambda n: (
        "" if not n else str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    )
    env.filters["md_bold"] = lambda text: f"**{text}**"
    env.filters["md_row"] = md_row
    env.filters["md_align"] = lambda numeric: md_row(["---:" if n else "---" for n in numeric])
    return env


def md_row(cells: list[str], bold: bool = False) -> str:
    """One row of a Markdown pipe table: `|` escaped, line breaks folded, non-empty cells
    of a subtotal row in bold."""
    texts = [str(c).replace("|", "\\|").replace("\n", " ") for c in cells]
    if bold:
        texts = [f"**{t}**" if t else t for t in texts]
    return "| " + " | ".join(texts) + " |"


_WHAT = {"document": "mẫu văn bản", "report": "mẫu báo cáo"}
_RUNTIME: dict[type[BaseException], str] = {
    ZeroDivisionError: "chia cho 0",
    TypeError: "phép tính hoặc lời gọi sai kiểu dữ liệu",
    ValueError: "giá trị không hợp lệ",
    OverflowError: "số quá lớn",
    KeyError: "không có khóa được gọi",
    IndexError: "chỉ số vượt quá danh sách",
    AttributeError: "không có thuộc tính được gọi",
    MemoryError: "hết bộ nhớ",
}
_NO_ATTRIBUTE = re.compile(r"^.* has no attribute '(.+)'$")
_UNDEFINED = re.compile(r"^'(.+)' is undefined$")


def _undefined(message: str | None) -> str:
    """Jinja's English for a missing name, in Vietnamese."""
    text = message or ""
    if found := _NO_ATTRIBUTE.match(text):
        return f'trường không có: "{found.group(1)}"'
    if found := _UNDEFINED.match(text):
        return f'tên không có: "{found.group(1)}"'
    return "tên không có"


def _where(error: BaseException, name: str) -> Location:
    """The template and line an error was raised at (Jinja maps template frames to them)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            return Location(_shown(frame.filename), frame.lineno or 0)
    return Location(name)


def _shown(filename: str) -> str:
    """A template's path as a user knows it: relative to the repository or the package."""
    path = Path(filename)
    if path.is_relative_to(PACKAGE_TEMPLATES):
        return "cchc/templates/" + path.relative_to(PACKAGE_TEMPLATES).as_posix()
    return filename


def render_template(root: Path | None, section: Section, name: str, **context: object) -> str:
    """`name` from `section` rendered with `context`; DataError (exit 3) on any failure."""
    env = environment(root, section)
    what = _WHAT[section]
    hint = f"sửa mẫu trong templates/{section}/ của kho dữ liệu; xem docs/render.md"
    try:
        return env.get_template(name).render(**context)
    except DataError:
        raise
    except jinja2.TemplateNotFound as error:
        raise DataError(
            f'không có {what} "{error.name}"',
            hint=f"mẫu nằm trong templates/{section}/ của kho dữ liệu hoặc của cchc",
        ) from None
    except jinja2.TemplateSyntaxError as error:
        where = Location(_shown(error.filename or name), error.lineno)
        raise DataError(
            f"{what} sai cú pháp (Jinja báo: {error.message})", hint=hint, location=where
        ) from None
    except jinja2.UndefinedError as error:
        raise DataError(
            f"{what} dùng {_undefined(error.message)}",
            hint=hint,
            location=_where(error, name),
        ) from None
    except jinja2.exceptions.SecurityError as error:
        raise DataError(
            f"{what} làm việc không được phép (hộp cát): {error}",
            hint=hint,
            location=_where(error, name),
        ) from None
    except RecursionError as error:
        raise DataError(
            f"{what} gọi lại chính nó không dừng (include hoặc macro đệ quy)",
            hint=hint,
            location=_where(error, name),
        ) from None
    except Exception as error:  # a runtime error of the template: 10 // 0, a bad filter, ...
        raise DataError(
            f"{what} gặp lỗi khi chạy: {_RUNTIME.get(type(error), 'phép tính không làm được')}",
            hint=hint,
            location=_where(error, name),
        ) from None
