"""Rendering official documents: one layout (`layout.build`), several output formats.

`render(repo, document, fmt)` returns text (md, html) or bytes (docx, pdf).
"""

from __future__ import annotations

from cchc.render.layout import RenderedDocument, build
from cchc.schema import Document
from cchc.schema.repository import Repository

FORMATS = ("md", "html", "docx", "pdf")
EXTENSIONS = {"md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}


def render(repo: Repository, document: Document, fmt: str) -> str | bytes:
    from cchc.render.templates import render_template

    laid_out = build(repo, document)
    if fmt in ("md", "html"):
        return render_template(repo.root, "document", f"{document.type}.{fmt}.j2", doc=laid_out)
    from cchc.render.docx import render_docx

    data = render_docx(laid_out)
    if fmt == "docx":
        return data
    from cchc.render.pdf import docx_to_pdf

    return docx_to_pdf(data)


__all__ = ["EXTENSIONS", "FORMATS", "RenderedDocument", "build", "render"]
