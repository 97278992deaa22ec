"""Registry responses recorded for scripts/refresh_pins.py's tests.

    uv run python tests/recorded_registries.py   # record crates.io's and PyPI's answers again

Each file under tests/recorded/ is one response, named after its URL. The
crates.io and PyPI ones are real answers, recorded on the date in
tests/recorded/RECORDED and trimmed to the fields the script reads (PyPI's
upload time, yanked flag and Requires-Python of each release's first file;
the sparse index's pyo3 requirement of each crate version). GitHub cannot be
reached from the machine they were recorded on, so its answers are written
by hand in the shape of GitHub's REST API (v2022-11-28): each action's
pinned tag as its newest release, a year before the recording.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "tests" / "recorded"
sys.path.insert(0, str(ROOT / "scripts"))

import pin_registries
import refresh_pins


def file_for(url: str) -> Path:
    return RECORDED / (re.sub(r"[^A-Za-z0-9.-]+", "_", url.removeprefix("https://")) + ".json")


class RecordedFetch:
    """Answers from the recorded files; an unrecorded URL fails the test."""

    def __init__(self, overrides: dict[str, bytes] | None = None) -> None:
        self.overrides = overrides or {}
        self.asked: list[str] = []

    def __call__(self, url: str, headers: dict[str, str]) -> bytes:  # noqa: ARG002 - same signature as the live one
        self.asked.append(url)
        if url in self.overrides:
            return self.overrides[url]
        return file_for(url).read_bytes()


def recorded_date() -> datetime:
    return datetime.fromisoformat((RECORDED / "RECORDED").read_text(encoding="utf-8").strip()).replace(tzinfo=UTC)


def _trim_pypi(body: bytes) -> bytes:
    data = json.loads(body)
    releases = {
        version: [{key: files[0].get(key) for key in ("upload_time_iso_8601", "yanked", "requires_python")}]
        for version, files in data["releases"].items()
        if files
    }
    return json.dumps({"releases": releases}, indent=0, sort_keys=True).encode()


def _trim_crate(body: bytes) -> bytes:
    lines = []
    for line in body.decode().splitlines():
        entry = json.loads(line)
        kept = {key: entry.get(key) for key in ("name", "vers", "yanked", "rust_version", "pubtime")}
        kept["deps"] = [
            {key: dep.get(key) for key in ("name", "req", "kind")} for dep in entry["deps"] if dep["name"] == "pyo3"
        ]
        lines.append(json.dumps(kept, sort_keys=True))
    return ("\n".join(lines) + "\n").encode()


def _github(repo: str, tag: str, sha: str, published: str) -> dict[str, bytes]:
    api = f"{pin_registries.GITHUB_API}/repos/{repo}"
    release = {"tag_name": tag, "draft": False, "prerelease": False, "published_at": published}
    return {f"{api}/releases?per_page=100": json.dumps([release]).encode(), f"{api}/commits/{tag}": sha.encode()}


def record() -> None:
    today = datetime.now(UTC)
    published = today.replace(year=today.year - 1).strftime("%Y-%m-%dT%H:%M:%SZ")
    for pin in refresh_pins.PINS:
        version, sha = refresh_pins.read_current(pin, ROOT)
        if pin.registry == "crates":
            url = f"{pin_registries.CRATES_INDEX}/{pin_registries.crate_index_path(pin.package)}"
            responses = {url: _trim_crate(pin_registries.fetch_live(url, {}))}
        elif pin.registry == "pypi":
            url = f"{pin_registries.PYPI}/{pin.package}/json"
            responses = {url: _trim_pypi(pin_registries.fetch_live(url, {}))}
        elif pin.registry == "github-releases":
            assert sha is not None
            responses = _github(pin.package, version, sha, published)
        else:  # github-tags: only the pinned tag, so no commit is asked for
            url = f"{pin_registries.GITHUB_API}/repos/{pin.package}/tags?per_page=100"
            responses = {url: json.dumps([{"name": version, "commit": {"url": f"{url}#{version}"}}]).encode()}
        for response_url, body in responses.items():
            file_for(response_url).write_bytes(body)
    (RECORDED / "RECORDED").write_text(today.date().isoformat() + "\n", encoding="utf-8")


if __name__ == "__main__":
    record()
