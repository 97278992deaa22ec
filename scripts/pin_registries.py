"""Releases as the registries describe them: crates.io's sparse index, PyPI's
JSON API and GitHub's REST API, read through one ``Fetch`` function so tests
can answer from recorded responses.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime

from pin_rules import Release, is_newer

# (url, headers) -> response body
Fetch = Callable[[str, dict[str, str]], bytes]

CRATES_INDEX = "https://index.crates.io"
PYPI = "https://pypi.org/pypi"
GITHUB_API = "https://api.github.com"
USER_AGENT = "copier-pyo3 refresh_pins (https://github.com/copier-pyo3)"


def fetch_live(url: str, headers: dict[str, str]) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body: bytes = response.read()
            return body
    except OSError as error:  # URLError and HTTPError are OSErrors
        msg = f"{url}: {error}"
        raise OSError(msg) from error


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).astimezone(UTC) if text else None


def crate_index_path(name: str) -> str:
    """The sparse index's path of a crate (Cargo's layout: by name length)."""
    name = name.lower()
    if len(name) in {1, 2}:
        return f"{len(name)}/{name}"
    if len(name) == 3:  # noqa: PLR2004 - the layout's own rule
        return f"3/{name[0]}/{name}"
    return f"{name[:2]}/{name[2:4]}/{name}"


def crate_releases(fetch: Fetch, name: str) -> list[Release]:
    body = fetch(f"{CRATES_INDEX}/{crate_index_path(name)}", {})
    releases = []
    for line in body.decode().splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        requires = {
            dep.get("package") or dep["name"]: dep["req"]
            for dep in entry.get("deps", [])
            if dep.get("kind", "normal") == "normal"
        }
        releases.append(
            Release(
                version=entry["vers"],
                published=_time(entry.get("pubtime")),
                yanked=entry["yanked"],
                rust_version=entry.get("rust_version"),
                requires=requires,
            )
        )
    return releases


def pypi_releases(fetch: Fetch, name: str) -> list[Release]:
    data = json.loads(fetch(f"{PYPI}/{name}/json", {}))
    releases = []
    for version, files in data["releases"].items():
        if not files:  # a release whose files were all deleted
            continue
        releases.append(
            Release(
                version=version,
                published=min(_time(f["upload_time_iso_8601"]) or datetime.max.replace(tzinfo=UTC) for f in files),
                yanked=all(f.get("yanked", False) for f in files),
                requires_python=files[0].get("requires_python"),
            )
        )
    return releases


def _github_headers() -> dict[str, str]:
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    token = os.environ.get("GITHUB_TOKEN")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def github_releases(fetch: Fetch, repo: str) -> list[Release]:
    """A repository's releases (drafts left out), newest pages first."""
    data = json.loads(fetch(f"{GITHUB_API}/repos/{repo}/releases?per_page=100", _github_headers()))
    return [
        Release(version=r["tag_name"], published=_time(r.get("published_at")), prerelease=r["prerelease"])
        for r in data
        if not r.get("draft")
    ]


def github_tags(fetch: Fetch, repo: str, newer_than: str) -> list[Release]:
    """A repository's tags newer than a version, for hook repositories that
    publish no releases. The listing gives no dates, so each newer tag's
    commit is read for its date."""
    data = json.loads(fetch(f"{GITHUB_API}/repos/{repo}/tags?per_page=100", _github_headers()))
    releases = []
    for tag in data:
        if not is_newer(tag["name"], newer_than):
            continue
        commit = json.loads(fetch(tag["commit"]["url"], _github_headers()))
        releases.append(Release(version=tag["name"], published=_time(commit["commit"]["committer"]["date"])))
    return releases


def github_tag_commit(fetch: Fetch, repo: str, tag: str) -> str:
    """The commit a tag points to (through an annotated tag object, if any)."""
    headers = {**_github_headers(), "Accept": "application/vnd.github.sha"}
    return fetch(f"{GITHUB_API}/repos/{repo}/commits/{tag}", headers).decode().strip()
