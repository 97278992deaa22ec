"""Author and repository answers: checks and the pieces derived from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Deliberately simple: one @, no spaces, a dot in the domain. Enough to catch
# a name typed into the e-mail field without rejecting real addresses.
_DESCRIPTION_MAX = 200  # PyPI shows the summary on one line; keep it readable
_YEARS = re.compile(r"^(19|20)\d\d(-(19|20)\d\d)?$")
_EMAIL = re.compile(r"^[^@\s\"<>,;]+@[^@\s\"<>,;]+\.[^@\s\"<>,;.]+$")


def check_author_name(value: str) -> str:
    if not value.strip():
        return "author_name is empty: give the name to credit in the package metadata."
    if "\n" in value or "\r" in value:
        return "author_name must be on one line: remove the line break."
    return ""


def check_description(value: str) -> str:
    if not value.strip():
        return "description is empty: give a one-line summary of what the extension does."
    if "\n" in value or "\r" in value:
        return "description must be one line (PyPI shows it as the summary): put longer text in README.md."
    if len(value) > _DESCRIPTION_MAX:
        return "description is longer than 200 characters: keep the summary short, put the rest in README.md."
    return ""


def check_copyright_year(value: str) -> str:
    if _YEARS.match(value):
        return ""
    return f"copyright_year {value!r} is not a year: use e.g. '2026' or a range such as '2024-2026'."


def check_author_email(value: str) -> str:
    if _EMAIL.match(value):
        return ""
    return f"author_email {value!r} is not an e-mail address: use the form name@example.org."


@dataclass(frozen=True)
class Repository:
    """Where the project lives, as the badges and workflows need it."""

    url: str
    host: str
    owner: str
    name: str

    @property
    def on_github(self) -> bool:
        return self.host == "github.com"

    @property
    def _pages(self) -> str:
        # GitLab puts project pages under `/-/`; GitHub, Codeberg and Gitea do not.
        return f"{self.url}/-" if self.host == "gitlab.com" else self.url

    @property
    def compare_url(self) -> str:
        """Prefix of a comparison of two refs: ``{compare_url}/v1.0.0...v1.1.0``."""
        return f"{self._pages}/compare"

    @property
    def release_url(self) -> str:
        """Prefix of a release's page: ``{release_url}/v1.0.0``."""
        return f"{self._pages}/releases" if self.host == "gitlab.com" else f"{self.url}/releases/tag"


def check_repository_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return (
            f"repository_url {value!r} is not an http(s) URL: "
            "use the project's web address, e.g. 'https://github.com/you/fast-parser'."
        )
    if any(c.isspace() for c in value) or parts.query or parts.fragment:
        return f"repository_url {value!r} has spaces, a query or a fragment: give the plain project URL."
    owner_and_project = 2
    if len([p for p in parts.path.split("/") if p]) < owner_and_project:
        return f"repository_url {value!r} lacks the owner and project parts: use 'https://host/owner/project'."
    return ""


def repository(url: str) -> Repository:
    """Split a checked repository URL; a trailing slash or ``.git`` is dropped."""
    parts = urlsplit(url.strip())
    path = parts.path.strip("/").removesuffix(".git")
    owner, _, name = path.rpartition("/")
    return Repository(url=f"{parts.scheme}://{parts.netloc}/{path}", host=parts.netloc.lower(), owner=owner, name=name)
