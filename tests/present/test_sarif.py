"""`cchc validate --format sarif` through the real entry point: no link to a made-up
repository, artifact locations relative to the checked-out repository (`%SRCROOT%`) and
valid URI references, and the rule help GitHub code scanning requires."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from cchc.check.rules import EXAMPLE_REPO, RULES
from tests.helpers import run_cli, write_tree

XA_B = EXAMPLE_REPO["data/units/xa-b.yaml"]
#: a file name that is not a valid URI path as is: non-ASCII, a space, `#` and `%`
ODD = "data/units/xã c#1%.yaml"


def _sarif(capsys: pytest.CaptureFixture[str], root: Path) -> dict[str, Any]:
    write_tree(root, {ODD: XA_B.replace("level: commune", "level: comune")})
    run = run_cli(capsys, "validate", "--root", root, "--format", "sarif", "--today", "2024-10-01")
    assert run.code == 1, run.err
    sarif: dict[str, Any] = run.json()
    return sarif


def _uris(node: Any, key: str = "") -> list[tuple[str, str]]:
    """Every (key, value) whose key names a URI, anywhere in the document."""
    if isinstance(node, dict):
        return [pair for k, v in node.items() for pair in _uris(v, k)]
    if isinstance(node, list):
        return [pair for item in node for pair in _uris(item, key)]
    return [(key, node)] if key.lower().endswith("uri") and isinstance(node, str) else []


def test_sarif_links_no_made_up_repository(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    sarif = _sarif(capsys, example_repo)
    driver = sarif["runs"][0]["tool"]["driver"]
    # the project publishes no home page: no invented address (SARIF wants absolute
    # URIs in informationUri/helpUri, so they are left out rather than made relative)
    assert "informationUri" not in driver
    assert all("helpUri" not in rule for rule in driver["rules"])
    assert [key for key, _ in _uris(sarif)] == ["uri"] * len(_uris(sarif))
    # GitHub code scanning requires these on every rule; they point to the local docs
    for rule, descriptor in zip(RULES, driver["rules"], strict=True):
        assert descriptor["fullDescription"]["text"] == rule.summary
        assert f"cchc rules {rule.code}" in descriptor["help"]["text"]
        assert f"docs/rules.md#{rule.code.lower()}-{rule.name}" in descriptor["help"]["markdown"]


def test_sarif_artifact_locations_are_repository_relative(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    sarif = _sarif(capsys, example_repo)
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"S013"}
    for result in results:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        uri = urlsplit(artifact["uri"])
        assert (uri.scheme, uri.netloc, uri.query, uri.fragment) == ("", "", "", "")
        assert not uri.path.startswith("/") and " " not in uri.path and uri.path.isascii()
        assert unquote(uri.path) == ODD
    assert json.dumps(sarif).count(str(example_repo)) == 0
