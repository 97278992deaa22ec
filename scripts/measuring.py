"""What the measuring scripts share: a clean environment for the builds, and one results file."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

# The tools of the environment running the script (maturin, uv, just).
TOOLS = Path(sys.executable).parent
# Settings of the caller's environment that would leak into the measured projects' builds.
_UNSET = {
    "VIRTUAL_ENV",
    "PYTHONPATH",
    "PYTHONDONTWRITEBYTECODE",
    "UV_PROJECT_ENVIRONMENT",
    "UV_OFFLINE",
    "CARGO_TARGET_DIR",
}


def clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without what leaks into a build, the tools first on PATH, then `extra`."""
    env = {k: v for k, v in os.environ.items() if k not in _UNSET}
    env["PATH"] = os.pathsep.join([str(TOOLS), env.get("PATH", "")])
    env.update(extra)
    return env


def machine() -> str:
    """The machine the figures come from, as the README quotes it."""
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_results(path: Path, figures: dict[str, Any]) -> None:
    """Write `figures` to `path` as JSON, after the date and the machine."""
    stamped = {"date": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"), "machine": machine(), **figures}
    path.write_text(json.dumps(stamped, indent=2) + "\n", encoding="utf-8")
