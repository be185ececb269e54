"""Documentation can't drift: generated references match the code, every command and rule
is documented, and the README opens with the two commands CI runs."""

from __future__ import annotations

import re

import pytest

from cchc.check.rules import RULES
from cchc.commands import rules
from cchc.docgen import command_names, commands_markdown
from tests.helpers import REPO_ROOT


def test_command_reference_is_current() -> None:
    shipped = (REPO_ROOT / "docs/commands.md").read_text(encoding="utf-8")
    assert shipped == commands_markdown(), "run: python scripts/gen_docs.py"


def test_rule_reference_is_current() -> None:
    shipped = (REPO_ROOT / "docs/rules.md").read_text(encoding="utf-8")
    assert shipped == rules.markdown() + "\n", "run: python scripts/gen_docs.py"


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_vietnamese_help(name: str) -> None:
    text = commands_markdown()
    section = text.split(f"## `cchc {name}`", 1)[1].split("\n## ", 1)[0]
    assert "Cách dùng:" in section
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", section), (
        f"{name}: --help text must be Vietnamese"
    )


def test_every_rule_is_documented_with_an_example() -> None:
    text = (REPO_ROOT / "docs/rules.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"### {rule.code} `{rule.name}`" in text


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash)\n(.*?)```", readme, flags=re.S)
    assert "cchc report --quarter 2024-Q3" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (REPO_ROOT / ".ci/run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci, ".ci/run must run the README's test command"
