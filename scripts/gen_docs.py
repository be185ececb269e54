"""Regenerate docs/commands.md, docs/rules.md and schemas/*.json from the code."""

from __future__ import annotations

from pathlib import Path

from cchc.docgen import write_all

if __name__ == "__main__":
    for path in write_all(Path(__file__).resolve().parents[1]):
        print(f"đã ghi {path}")
