"""Where releases go: the private index's upload URL, and the simple API derived from it."""

import pytest
from helpers import why

from extensions import publishing


@pytest.mark.parametrize(
    ("upload", "simple"),
    [
        # Artifactory, Nexus, GitLab, CodeArtifact, Google Artifact Registry, pypiserver
        (
            "https://acme.jfrog.io/artifactory/api/pypi/pypi-local",
            "https://acme.jfrog.io/artifactory/api/pypi/pypi-local/simple/",
        ),
        (
            "https://nexus.example.com/repository/pypi-internal/",
            "https://nexus.example.com/repository/pypi-internal/simple/",
        ),
        (
            "https://gitlab.example.com/api/v4/projects/42/packages/pypi",
            "https://gitlab.example.com/api/v4/projects/42/packages/pypi/simple/",
        ),
        (
            "https://acme-111122223333.d.codeartifact.eu-west-1.amazonaws.com/pypi/internal/",
            "https://acme-111122223333.d.codeartifact.eu-west-1.amazonaws.com/pypi/internal/simple/",
        ),
        (
            "https://europe-west1-python.pkg.dev/acme/internal/",
            "https://europe-west1-python.pkg.dev/acme/internal/simple/",
        ),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/simple/"),
        # Azure Artifacts: uploads at .../pypi/upload/, installs from .../pypi/simple/
        (
            "https://pkgs.dev.azure.com/acme/_packaging/internal/pypi/upload/",
            "https://pkgs.dev.azure.com/acme/_packaging/internal/pypi/simple/",
        ),
    ],
)
def test_the_simple_api_of_each_kind_of_index(upload: str, simple: str) -> None:
    assert publishing.check_private_index_url(upload) == ""
    assert publishing.simple_index_url(upload) == simple


@pytest.mark.parametrize(
    ("bad", "hint"),
    [
        ("", "empty"),
        ("nexus.example.com/repository/pypi", "http(s)"),
        ("ftp://nexus.example.com/pypi/", "http(s)"),
        ("http://nexus.example.com/pypi/", "plain http"),
        ("https://ci:hunter2@nexus.example.com/pypi/", "credentials"),
        ("https://__token__@nexus.example.com/pypi/", "credentials"),
        ("https://nexus.example.com/pypi/?x=1", "query"),
        ("https://nexus.example.com/pypi/#top", "fragment"),
        ("https://nexus.example.com:0/pypi/", "port 0"),
        ("https://nexus.example.com:99999/pypi/", "well-formed"),
        ("https://upload.pypi.org/legacy/", "PyPI's own"),
        ("https://test.pypi.org/legacy/", "PyPI's own"),
        # a GitHub expression would be evaluated where the workflow writes the URL
        ("https://nexus.example.com/${{ secrets.GITHUB_TOKEN }}/", "characters"),
        ("https://nexus.example.com/my pypi/", "characters"),
        ('https://nexus.example.com/"pypi"/', "characters"),
        ("https://nexus.example.com/pypi/\n", "one line"),
    ],
)
def test_bad_upload_urls(bad: str, hint: str) -> None:
    message = publishing.check_private_index_url(bad)
    assert why(message).startswith("private_index_url")
    assert hint in message


def test_plain_http_only_on_the_machine_itself() -> None:
    for url in ("http://localhost:8080/", "http://127.0.0.1:3141/root/dev/", "http://[::1]:8080/"):
        assert publishing.check_private_index_url(url) == "", url


def test_each_answer_names_its_index() -> None:
    pypi = publishing.index("pypi", "fast-stats")
    assert pypi is not None
    assert (pypi.environment, pypi.trusted_publishing, pypi.install_url) == ("pypi", True, "")
    assert pypi.project_url == "https://pypi.org/project/fast-stats/"
    private = publishing.index("private", "fast-stats", "https://nexus.example.com/repository/pypi-internal")
    assert private is not None
    assert (private.environment, private.trusted_publishing) == ("private-index", False)
    assert private.install_url == "https://nexus.example.com/repository/pypi-internal/simple/"
    assert private.project_url == private.install_url + "fast-stats/"
    assert publishing.index("none", "fast-stats") is None
