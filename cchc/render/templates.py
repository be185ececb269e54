"""The Jinja environment for documents: sandboxed, strict, repository templates first.

Templates are looked up in `<repo root>/templates/document/` first (a data repository
overrides any of them by putting a file of the same name there), then in the templates
shipped with cchc (`cchc/templates/document/`).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from cchc.errors import DataError

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "document"


def environment(root: Path | None) -> SandboxedEnvironment:
    folders = []
    if root is not None and (root / "templates" / "document").is_dir():
        folders.append(str(root / "templates" / "document"))
    folders.append(str(PACKAGE_TEMPLATES))
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"),
                                            default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["sup"] = lambda n: "" if not n else str(n).translate(
        str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
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


def render_template(root: Path | None, name: str, **context: object) -> str:
    env = environment(root)
    try:
        template = env.get_template(name)
        return template.render(**context)
    except jinja2.TemplateNotFound as error:
        raise DataError(f'không có mẫu văn bản "{error.name}"',
                        hint="mẫu nằm trong templates/document/ của kho dữ liệu "
                        "hoặc của cchc") from None
    except jinja2.TemplateSyntaxError as error:
        raise DataError(f"mẫu văn bản {error.filename or name}:{error.lineno} sai cú pháp: "
                        f"{error.message}",
                        hint="sửa mẫu Jinja trong templates/document/") from None
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError) as error:
        raise DataError(f'mẫu văn bản "{name}" dùng tên không có: {error}',
                        hint="xem các trường có thể dùng trong docs/render.md") from None
