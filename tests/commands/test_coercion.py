"""Option values are converted without typer's pydantic adapters, to the same values
(cchc.commands.coercion): the same result for every kind of option cchc declares, a
Vietnamese message where typer's would be English, and no pydantic at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer import _coercion
from typer.models import ArgumentInfo, OptionInfo

from cchc.cli import build_command
from cchc.commands.coercion import PlainConverter, converter_for
from tests.helpers import REPO_ROOT, run_cli

SAMPLES: dict[Any, list[Any]] = {
    str: ["abc", "", "  xã An Ngãi ", "2024-Q3", "-"],
    Path: ["a/b.yaml", "", "/tmp/x", "./data"],
    int: ["7", "-3", "+12", " 7 ", "0", "99999999999999999999"],
    bool: [True, False],
    list[str]: [("a", "b"), ["x"], ()],
    list[Path]: [("a.yaml", "b/c.yaml"), []],
}
#: Values typer (pydantic) accepts that cchc refuses on purpose: a whole number with
#: Python's digit separators or a fraction is a typo on a command line.
STRICTER = {int: ["1_000", "1.0"]}
INVALID = {int: ["abc", "1.5", "", "7x"]}


class _Param:
    multiple = False
    nargs = 1
    name = "x"


def _converters(annotation: Any) -> tuple[PlainConverter, Any]:
    descriptor = _coercion.resolve_type_descriptor(annotation, OptionInfo())
    plain = converter_for(descriptor)
    assert plain is not None, annotation
    return plain, _coercion.build_runtime_param(descriptor)


@pytest.mark.parametrize("annotation", list(SAMPLES), ids=str)
def test_plain_converter_agrees_with_typer(annotation: Any) -> None:
    plain, typer_own = _converters(annotation)
    for value in [None, *SAMPLES[annotation]]:
        expected = typer_own.coerce(value, param=_Param(), ctx=None)
        got = plain.coerce(value, _Param(), None)
        assert got == expected and type(got) is type(expected), (annotation, value)


@pytest.mark.parametrize("annotation", list(INVALID), ids=str)
def test_invalid_values_fail_in_both(annotation: Any) -> None:
    from typer._click.exceptions import BadParameter

    plain, typer_own = _converters(annotation)
    for value in INVALID[annotation]:
        with pytest.raises(BadParameter):
            typer_own.coerce(value, param=_Param(), ctx=None)
        with pytest.raises(BadParameter, match="không phải số nguyên hợp lệ"):
            plain.coerce(value, _Param(), None)
    for value in STRICTER[annotation]:
        with pytest.raises(BadParameter):
            plain.coerce(value, _Param(), None)


def test_constrained_options_keep_typers_converter() -> None:
    for info in (OptionInfo(min=1), OptionInfo(exists=True), ArgumentInfo(resolve_path=True)):
        descriptor = _coercion.resolve_type_descriptor(int if info.min else Path, info)
        assert converter_for(descriptor) is None
    float_descriptor = _coercion.resolve_type_descriptor(float, OptionInfo())
    assert converter_for(float_descriptor) is None


def test_every_cchc_option_gets_a_plain_converter() -> None:
    """A new option of another type would bring pydantic back to every start-up."""
    command = build_command([])
    missing = [
        f"{name} {param.name}"
        for name, sub in command.commands.items()
        for param in sub.params
        if hasattr(param, "type_descriptor") and converter_for(param.type_descriptor) is None
    ]
    assert missing == []


def test_a_bad_whole_number_is_refused_in_vietnamese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "search", "xã", "--limit", "abc", "--root", REPO_ROOT)
    assert result.code == 2
    assert "'abc' không phải số nguyên hợp lệ" in result.err
    assert "Input should be" not in result.err and "Invalid value" not in result.err
