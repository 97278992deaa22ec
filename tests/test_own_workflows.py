"""This repository's own workflows follow the rules of the rendered ones.

tests/test_repository.py checks their schema, zizmor at its pedantic
persona, and that every action is pinned by commit SHA; here: actionlint
with its shellcheck of the `run:` blocks, and least privilege job by job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import yaml
from actionlint import actionlint_findings
from helpers import ROOT

if TYPE_CHECKING:
    from pathlib import Path

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# The only write a workflow here may ask for, and where: refresh-pins opens its
# pull request, docs publishes the site to GitHub Pages.
WRITES = {
    ("refresh-pins.yml", "pull-request"): {"contents", "pull-requests"},
    ("docs.yml", "deploy"): {"pages", "id-token"},
}


def test_actionlint_finds_nothing() -> None:
    assert WORKFLOWS
    assert actionlint_findings(ROOT) == ""


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_job_asks_for_its_own_least_permissions(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "secrets." not in text, "no stored secret: the job token at most"
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}, "nothing by default: each job names what it needs"
    triggers = workflow[True]  # PyYAML reads the `on` key as True
    assert "pull_request_target" not in triggers
    assert "workflow_run" not in triggers
    for name, job in workflow["jobs"].items():
        permissions = job["permissions"]
        writes = {scope for scope, level in permissions.items() if level == "write"}
        assert writes == WRITES.get((path.name, name), set()), (path.name, name)
        assert set(permissions.values()) <= {"read", "write"}
        assert "timeout-minutes" in job, (path.name, name)
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, (path.name, name)
