"""Presentation: what a command shows, and how each medium shows it.

- `cchc.present.views`: typed views a command renders (report tables, findings, diff,
  query rows), built from the results of `cchc.compute` and `cchc.pipeline`;
- `cchc.present.formats`: one module per medium (text, md, csv, json, html, xlsx, docx,
  github, sarif), each registering its writers in `cchc.present.registry`;
- `cchc.present.document`: the layout of an official document (Nghị định 30/2020) and its
  md/html/docx/pdf output;
- `cchc.present.templates`: the one sandboxed Jinja environment factory.

Commands hand a view to `cchc.present.registry.write`; nothing here imports a command.
"""
