"""Rendering official documents: one layout (`layout.build`), several output formats.

`render(repo, document, fmt, tables)` returns text (md, html) or bytes (docx, pdf). A báo
cáo's computed tables are given by the command (`layout.needs_tables` says when).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from cchc.present.document.layout import RenderedDocument, build
from cchc.schema import Document
from cchc.schema.repository import Repository

if TYPE_CHECKING:
    from cchc.present.views.report import Table as ReportTable

FORMATS = ("md", "html", "docx", "pdf")
EXTENSIONS = {"md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}


def render(
    repo: Repository, document: Document, fmt: str, tables: Mapping[str, ReportTable] | None = None
) -> str | bytes:
    from cchc.present.templates import render_template

    laid_out = build(repo, document, tables)
    if fmt in ("md", "html"):
        return render_template(repo.root, "document", f"{document.type}.{fmt}.j2", doc=laid_out)
    from cchc.present.document.docx import render_docx

    data = render_docx(laid_out)
    if fmt == "docx":
        return data
    from cchc.present.document.pdf import docx_to_pdf

    return docx_to_pdf(data)


__all__ = ["EXTENSIONS", "FORMATS", "RenderedDocument", "build", "render"]
