"""Where tagged releases go: PyPI or TestPyPI by Trusted Publishing, or a private index by token.

A private index (Artifactory, Nexus, GitLab, AWS CodeArtifact, Google
Artifact Registry, Azure Artifacts, devpi, a plain pypiserver) takes uploads
at one URL and serves installers the simple API (PEP 503) at another. Its
upload URL is the question ``private_index_url``; the simple API's URL is
derived from it (``simple_index_url``), and named in the rendered README so
a wrong guess shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .text import one_line_problem, quoted, refusal

PRIVATE = "private"


@dataclass(frozen=True)
class Index:
    """Where the publish job uploads, and what the README and the job's environment show."""

    key: str  # the publish answer
    name: str  # in prose: "PyPI", "the private index"
    environment: str  # the GitHub environment of the publish job
    # The simple API installers read, "" for PyPI itself (pip's default).
    install_url: str
    # The environment's link in the GitHub UI: the project's page, or its simple page.
    project_url: str
    trusted_publishing: bool
    # Trusted Publishing's host, for the README's setup steps ("" for a private index).
    host: str = ""


# The GitHub environment of a private index's publish job, its secret and its variable.
PRIVATE_ENVIRONMENT = "private-index"
TOKEN_SECRET = "PRIVATE_INDEX_TOKEN"
USERNAME_VARIABLE = "PRIVATE_INDEX_USERNAME"
# The user name most indexes take with a token (PyPI's convention; Artifactory,
# Nexus, GitLab and the others each name theirs: the variable overrides it).
DEFAULT_USERNAME = "__token__"


def index(publish: str, pypi_name: str, private_index_url: str = "") -> Index | None:
    """The index the publish answer names; None for `none`."""
    if publish == "pypi":
        return Index("pypi", "PyPI", "pypi", "", f"https://pypi.org/project/{pypi_name}/", True, "pypi.org")
    if publish == "testpypi":
        return Index(
            "testpypi",
            "TestPyPI",
            "testpypi",
            "https://test.pypi.org/simple/",
            f"https://test.pypi.org/project/{pypi_name}/",
            True,
            "test.pypi.org",
        )
    if publish == PRIVATE:
        simple = simple_index_url(private_index_url) if private_index_url else ""
        return Index(PRIVATE, "the private index", PRIVATE_ENVIRONMENT, simple, f"{simple}{pypi_name}/", False)
    return None


# Loopback hosts: a test index on the machine itself may speak plain http.
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
# Every character RFC 3986 allows in a URL but braces (`${{` would be a
# GitHub Actions expression in the workflow) and the quote marks.
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*")
# Hosts that are PyPI's own: answered with `publish`, by Trusted Publishing.
_PYPI_HOSTS = {"pypi.org", "upload.pypi.org", "test.pypi.org", "www.pypi.org"}
EXAMPLE = "https://nexus.example.com/repository/pypi-internal/"


def check_private_index_url(value: str) -> str:
    """The upload URL of a private index: https (http on the machine itself), no credentials, not PyPI."""
    field = "private_index_url"
    if problem := one_line_problem(field, value):
        return problem
    if not value:
        return refusal(
            field,
            "give the URL the index takes uploads at",
            "give the upload URL",
            why=f"{field} is empty: give the URL your index takes uploads at, e.g. '{EXAMPLE}'.",
        )

    def refuse(*answers: str, why: str) -> str:
        return refusal(field, *answers, why=f"{field} {quoted(value)} {why}")

    if not _URL_CHARS.fullmatch(value):
        return refuse(
            "remove the spaces, quotes and braces",
            "remove the odd characters",
            why="has characters a URL does not (spaces, quotes, braces, backslashes).",
        )
    try:
        parts = urlsplit(value)
        port = parts.port  # a port out of range raises
    except ValueError:
        return refuse("give the index's upload URL", why=f"is not a well-formed URL: use e.g. '{EXAMPLE}'.")
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        return refuse("give an https:// address", why=f"is not an http(s) URL with a host: use e.g. '{EXAMPLE}'.")
    if parts.scheme == "http" and host not in _LOOPBACK:
        return refuse(
            "use https://: the token would cross the network in clear",
            "use https://",
            why="is plain http: the upload sends the token with every file. Plain http is for an index on "
            "the machine itself (localhost) only.",
        )
    if parts.username is not None or parts.password is not None:
        return refuse(
            "leave the credentials out: the token is a secret",
            "leave the credentials out",
            why=f"holds credentials, which would be committed. The token goes in the {TOKEN_SECRET} secret of "
            f"the {PRIVATE_ENVIRONMENT} environment.",
        )
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return refuse("remove the query and the fragment", "remove the query", why="has a query or a fragment.")
    if port == 0:
        return refuse("leave the port out", why="has port 0.")
    if host in _PYPI_HOSTS:
        return refuse(
            "answer publish 'pypi' or 'testpypi' instead",
            "answer publish 'pypi'",
            why="is PyPI's own: publish 'pypi' or 'testpypi' uploads there by Trusted Publishing, with no token.",
        )
    return ""


def simple_index_url(upload_url: str) -> str:
    """The simple API (PEP 503) of the index that takes uploads at ``upload_url``, ending in "/".

    Most servers serve it below the upload URL, at `simple/` (Artifactory,
    Nexus, GitLab, CodeArtifact, Google Artifact Registry, pypiserver);
    Azure Artifacts takes uploads at `.../pypi/upload/` and serves
    `.../pypi/simple/`. devpi calls it `+simple/`.
    """
    base = upload_url.rstrip("/")
    if base.endswith("/pypi/upload"):
        return base.removesuffix("upload") + "simple/"
    return f"{base}/simple/"
