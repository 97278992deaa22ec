"""Author and repository answers: checks and the pieces derived from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .text import one_line_problem

# Patterns match whole answers (re.fullmatch: `$` would let a trailing line
# break through).
_DESCRIPTION_MAX = 200  # PyPI shows the summary on one line; keep it readable
_YEARS = re.compile(r"(?P<first>(?:19|20)\d\d)(?:-(?P<last>(?:19|20)\d\d))?")
# Deliberately simple: a local part without spaces or stray dots, one @, a
# domain of non-empty labels with a dot. Enough to catch a name typed into
# the e-mail field without rejecting real (internationalised) addresses.
_ATOM = r"[^@\s\"<>,;:()\[\]\\.]+"
_EMAIL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_ATOM}(?:\.{_ATOM})+")
# One path segment of an owner or project on a forge.
_URL_SEGMENT = re.compile(r"[A-Za-z0-9_.~-]+")


def check_author_name(value: str) -> str:
    if not value.strip():
        return "author_name is empty: give the name to credit in the package metadata."
    return one_line_problem("author_name", value)


def check_description(value: str) -> str:
    if not value.strip():
        return "description is empty: give a one-line summary of what the extension does."
    if problem := one_line_problem("description", value):
        return f"{problem} PyPI shows it as the summary; put longer text in README.md."
    if len(value) > _DESCRIPTION_MAX:
        return "description is longer than 200 characters: keep the summary short, put the rest in README.md."
    return ""


def check_copyright_year(value: str) -> str:
    years = _YEARS.fullmatch(value)
    if years is None:
        return f"copyright_year {value!r} is not a year: use e.g. '2026' or a range such as '2024-2026'."
    if years["last"] and years["last"] <= years["first"]:
        return f"copyright_year {value!r} is a range that does not go forward: write it as 'first-last'."
    return ""


def check_author_email(value: str) -> str:
    if _EMAIL.fullmatch(value):
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
    example = "e.g. 'https://github.com/you/fast-parser'"
    if problem := one_line_problem("repository_url", value):
        return problem
    try:
        parts = urlsplit(value)
        port = parts.port  # a port out of range raises
    except ValueError:
        return f"repository_url {value!r} is not a well-formed URL: give the project's web address, {example}."
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return f"repository_url {value!r} is not an http(s) URL with a host: give the project's web address, {example}."
    if any(c.isspace() for c in value) or "?" in value or "#" in value:
        return f"repository_url {value!r} has spaces, a query or a fragment: give the plain project URL."
    if parts.username is not None or parts.password is not None:
        return f"repository_url {value!r} holds credentials: leave them out, they would be published."
    if port == 0:
        return f"repository_url {value!r} has port 0: leave the port out."
    segments = [p for p in parts.path.split("/") if p]
    owner_and_project = 2
    if len(segments) < owner_and_project or not segments[-1].removesuffix(".git"):
        return f"repository_url {value!r} lacks the owner and project parts: use 'https://host/owner/project'."
    if not all(_URL_SEGMENT.fullmatch(segment) for segment in segments):
        return (
            f"repository_url {value!r} has characters a forge's owner or project name does not: "
            "use letters, digits, '-', '_', '.' and '~'."
        )
    return ""


def repository(url: str) -> Repository:
    """Split a checked repository URL; a trailing slash or ``.git`` is dropped."""
    parts = urlsplit(url.strip())
    path = parts.path.strip("/").removesuffix(".git")
    owner, _, name = path.rpartition("/")
    return Repository(url=f"{parts.scheme}://{parts.netloc}/{path}", host=parts.netloc.lower(), owner=owner, name=name)
