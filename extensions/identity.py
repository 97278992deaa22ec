"""Author and repository answers: checks and the pieces derived from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .text import one_line_problem, quoted, refusal, trimmed_problem

# The identity defaults, which `--defaults` leaves in place: the after-copy
# message lists those still there, with the command that replaces them.
PLACEHOLDERS: dict[str, str] = {
    "author_name": "Your Name",
    "author_email": "you@example.com",
    # the repository URL default adds /<pypi_name>
    "repository_url": "https://github.com/your-name",
}


def placeholder_answers(author_name: str, author_email: str, repository_url: str) -> list[str]:
    """The identity answers that are still the placeholders of the defaults."""
    given = {"author_name": author_name, "author_email": author_email}
    left = [name for name, value in given.items() if value == PLACEHOLDERS[name]]
    if repository_url.startswith(PLACEHOLDERS["repository_url"] + "/"):
        left.append("repository_url")
    return left


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
        return refusal(
            "author_name",
            "give the name to credit",
            why="author_name is empty: give the name to credit in the package metadata.",
        )
    return one_line_problem("author_name", value) or trimmed_problem("author_name", value, by="maturin")


def check_description(value: str) -> str:
    if not value.strip():
        return refusal(
            "description",
            "give a one-line summary",
            why="description is empty: give a one-line summary of what the extension does.",
        )
    if problem := one_line_problem("description", value):
        return f"{problem} PyPI shows it as the summary; put longer text in README.md."
    # maturin writes the metadata's Summary trimmed (Rust's str::trim, whose
    # whitespace Python's str.strip also removes), and the project's tests
    # compare it with the module's __doc__, which holds the answer as given.
    if problem := trimmed_problem("description", value, by="maturin's metadata"):
        return problem
    if len(value) > _DESCRIPTION_MAX:
        return refusal(
            "description",
            f"shorten it to {_DESCRIPTION_MAX} characters",
            why=f"description is longer than {_DESCRIPTION_MAX} characters: keep the summary short, "
            "put the rest in README.md.",
        )
    return ""


def check_copyright_year(value: str) -> str:
    years = _YEARS.fullmatch(value)
    if years is None:
        return refusal(
            "copyright_year",
            "use a year, e.g. '2026' or '2024-2026'",
            "use a year, e.g. '2026'",
            why=f"copyright_year {quoted(value)} is not a year or a range of years.",
        )
    if years["last"] and years["last"] <= years["first"]:
        return refusal(
            "copyright_year",
            "write the range as 'first-last'",
            why=f"copyright_year {value!r} is a range that does not go forward.",
        )
    return ""


def check_author_email(value: str) -> str:
    if _EMAIL.fullmatch(value):
        return ""
    return refusal(
        "author_email",
        "use the form name@example.org",
        why=f"author_email {quoted(value)} is not an e-mail address.",
    )


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
    example = "https://github.com/you/fast-parser"
    if problem := one_line_problem("repository_url", value):
        return problem

    def refuse(answer: str, why: str) -> str:
        return refusal("repository_url", answer, why=f"repository_url {quoted(value)} {why}")

    try:
        parts = urlsplit(value)
        port = parts.port  # a port out of range raises
    except ValueError:
        return refuse("give the project's web address", f"is not a well-formed URL: use e.g. {example!r}.")
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return refuse("give an https:// address", f"is not an http(s) URL with a host: use e.g. {example!r}.")
    if any(c.isspace() for c in value) or "?" in value or "#" in value:
        return refuse("give the plain project URL", "has spaces, a query or a fragment.")
    if parts.username is not None or parts.password is not None:
        return refuse("leave the credentials out", "holds credentials, which would be published.")
    if port == 0:
        return refuse("leave the port out", "has port 0.")
    segments = [p for p in parts.path.split("/") if p]
    owner_and_project = 2
    if len(segments) < owner_and_project or not segments[-1].removesuffix(".git"):
        return refuse("use https://host/owner/project", "lacks the owner and project parts.")
    if not all(_URL_SEGMENT.fullmatch(segment) for segment in segments):
        return refuse(
            "use only a-z, 0-9 and - _ . ~",
            "has characters a forge's owner or project name does not: use letters, digits, '-', '_', '.' and '~'.",
        )
    return ""


def repository(url: str) -> Repository:
    """Split a checked repository URL; a trailing slash or ``.git`` is dropped."""
    parts = urlsplit(url.strip())
    path = parts.path.strip("/").removesuffix(".git")
    owner, _, name = path.rpartition("/")
    return Repository(url=f"{parts.scheme}://{parts.netloc}/{path}", host=parts.netloc.lower(), owner=owner, name=name)
