"""Debian roots, for running wheels under QEMU's user-mode emulation and under other CPythons.

A root is debootstrap's first stage (which downloads the packages and
unpacks the essential ones on the host), with every downloaded package then
unpacked by ``dpkg -x`` on the host too: seconds, where debootstrap's second
stage runs each maintainer script under emulation for many minutes. What
those scripts would have done and the tests need is done here by hand: the
BLAS and LAPACK links NumPy loads, and the bytecode of the Python packages
(without it every import compiles its sources under emulation).

One more root, of amd64, holds the CPythons newer than bookworm's 3.11
(``ensure_cpythons_root``): the x86_64 wheels run natively on each.

Roots live in the user's cache directory, so a fresh clone reuses them, and
are run with ``chroot``: binfmt_misc hands their binaries to QEMU (natively
for i386 on x86_64). The Debian mirror is the one the machine's apt
configuration names: none is written here.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.tags import cpython_tags, parse_tag

from extensions import pins

# What the rendered tests import from Debian: Python, its pip, NumPy.
PACKAGES = ("python3", "python3-pip", "python3-numpy")
# bookworm's Python is 3.11, the host's own: the host writes the root's
# bytecode in seconds, and the presets' minimum Python runs there. The
# mirror here also serves bookworm for every architecture (it answered 404
# for trixie's s390x and ppc64el base packages). bookworm has no riscv64
# port: riscv64 takes trixie (Python 3.13), whose bytecode the first run
# under emulation writes into the cached root.
SUITE = "bookworm"
SUITE_PYTHON = "3.11"
OTHER_SUITES = {"riscv64": ("trixie", "3.13")}
# The supported CPythons newer than bookworm's, natively on x86_64: forky
# carries 3.13, 3.14 and 3.15 (seen on the mirror 2026-12-05: forky 3.13.15,
# 3.14.8, 3.15.0; sid the same three; trixie only 3.13). No Debian suite
# carries 3.12 or a free-threaded build: the rendered CI's runners test them.
# forky's NumPy is built for 3.14 alone, so NumPy comes from PyPI's wheels.
CPYTHONS_SUITE = "forky"
CPYTHONS = ("3.13", "3.14", "3.15")
CPYTHONS_PACKAGES = (*(f"python{version}" for version in CPYTHONS), "python3-pip")
# debootstrap (bookworm's) has no script for forky: sid's serves.
CPYTHONS_SCRIPT = Path("/usr/share/debootstrap/scripts/sid")
# Bump to rebuild every cached root when the recipe below changes.
RECIPE = "2"
# Setting up the machine, once (scripts/setup-emulation.sh does all of it).
SETUP = "bash scripts/setup-emulation.sh"


class RootError(AssertionError):
    """A root cannot be made or run here; the message names the command that fixes it."""


@dataclass(frozen=True)
class DebianArch:
    name: str  # Debian's name for the architecture
    qemu: str | None  # QEMU's binfmt handler, or None where the host runs it natively
    triplet: str  # the multiarch directory under /usr/lib


ARCHES: dict[str, DebianArch] = {
    arch.name: arch
    for arch in (
        DebianArch("amd64", None, "x86_64-linux-gnu"),
        DebianArch("i386", None, "i386-linux-gnu"),
        DebianArch("arm64", "aarch64", "aarch64-linux-gnu"),
        DebianArch("armhf", "arm", "arm-linux-gnueabihf"),
        DebianArch("s390x", "s390x", "s390x-linux-gnu"),
        DebianArch("ppc64el", "ppc64le", "powerpc64le-linux-gnu"),
        DebianArch("riscv64", "riscv64", "riscv64-linux-gnu"),
    )
}


def suite(arch_name: str) -> tuple[str, str]:
    """The Debian suite of an architecture's root, and its Python version."""
    return OTHER_SUITES.get(arch_name, (SUITE, SUITE_PYTHON))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "copier-pyo3"


def debian_mirror(apt: Path = Path("/etc/apt")) -> str:
    """The Debian archive the machine's apt configuration points at (not the security archive)."""
    sources = [apt / "sources.list", *sorted((apt / "sources.list.d").glob("*"))]
    for source in sources:
        if not source.is_file():
            continue
        text = source.read_text(encoding="utf-8", errors="replace")
        if source.suffix == ".sources":  # deb822 stanzas
            for stanza in re.split(r"\n\s*\n", text):
                fields = dict(re.findall(r"^([\w-]+):\s*(.*)$", stanza, flags=re.MULTILINE))
                if _is_debian(fields.get("Types", ""), fields.get("URIs", ""), fields.get("Suites", "")):
                    return str(fields["URIs"].split()[0])
        else:
            for line in text.splitlines():
                match = re.match(r"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(\S+)", line)
                if match and _is_debian("deb", match.group(1), match.group(2)):
                    return match.group(1)
    msg = f"no Debian archive in {apt}/sources.list*: the Debian roots need one (run on Debian, or use a Debian container)"
    raise RootError(msg)


def _is_debian(types: str, uris: str, suites: str) -> bool:
    debian_suites = {"bookworm", "trixie", "forky", "sid", "stable", "testing", "unstable"}
    return (
        "deb" in types.split()
        and bool(uris.split())
        and "security" not in uris
        and bool(debian_suites & set(suites.split()))
    )


def check_machine(arch: DebianArch) -> None:
    """Fail with the fixing command where this machine cannot make or run a root of ``arch``."""
    if platform.machine() != "x86_64" or not sys.platform.startswith("linux"):
        msg = "the Debian roots need an x86_64 Linux host"
        raise RootError(msg)
    if os.geteuid() != 0:
        msg = "debootstrap and chroot need root: run the suite as root"
        raise RootError(msg)
    if shutil.which("debootstrap") is None:
        msg = f"debootstrap is not installed: run `{SETUP}` (apt-get install debootstrap)"
        raise RootError(msg)
    if arch.qemu is None:
        return
    handler = Path("/proc/sys/fs/binfmt_misc") / f"qemu-{arch.qemu}"
    if not shutil.which(f"qemu-{arch.qemu}-static") or not handler.exists():
        msg = (
            f"no QEMU binfmt handler for {arch.name} ({handler} is missing): run `{SETUP}` "
            f"(apt-get install qemu-user-static binfmt-support; "
            f"mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc; update-binfmts --enable qemu-{arch.qemu})"
        )
        raise RootError(msg)
    if not handler.read_text(encoding="utf-8").startswith("enabled"):
        msg = f"the binfmt handler {handler} is disabled: run `update-binfmts --enable qemu-{arch.qemu}`"
        raise RootError(msg)


def ensure_root(arch_name: str, wheelhouse_requirements: tuple[str, ...]) -> Path:
    """A root of ``arch_name`` with PACKAGES, and the wheels of the requirements in /wheelhouse."""
    arch = ARCHES[arch_name]
    check_machine(arch)
    suite_name, python = suite(arch_name)
    return _ensure(RootRecipe(suite_name, arch, PACKAGES, (python,)), wheelhouse_requirements)


def ensure_cpythons_root(wheelhouse_requirements: tuple[str, ...]) -> Path:
    """An amd64 forky root with CPYTHONS and pip, and the requirements' wheels (and NumPy's) for each.

    forky is Debian's testing suite and moves: when it drops one of CPYTHONS,
    debootstrap fails naming the package, and the message says what to change.
    """
    arch = ARCHES["amd64"]
    check_machine(arch)
    if not CPYTHONS_SCRIPT.is_file():
        msg = f"debootstrap has no script {CPYTHONS_SCRIPT} to make a {CPYTHONS_SUITE} root with: run `{SETUP}`"
        raise RootError(msg)
    requirements = (*wheelhouse_requirements, pins.NUMPY_REQUIREMENT)
    try:
        return _ensure(RootRecipe(CPYTHONS_SUITE, arch, CPYTHONS_PACKAGES, CPYTHONS, CPYTHONS_SCRIPT), requirements)
    except RootError as error:
        msg = (
            f"{error}\nDebian {CPYTHONS_SUITE} is a moving suite: where it no longer carries one of "
            f"{', '.join(CPYTHONS_PACKAGES)} (debootstrap names it above), change CPYTHONS in tests/debian_roots.py "
            "and the README's description of the suite to what it carries."
        )
        raise RootError(msg) from error


@dataclass(frozen=True)
class RootRecipe:
    suite: str
    arch: DebianArch
    packages: tuple[str, ...]  # debootstrap's --include
    pythons: tuple[str, ...]  # the Python versions the packages bring, e.g. ("3.11",)
    script: Path | None = None  # debootstrap's script for the suite, where it has none of its own


def _ensure(recipe: RootRecipe, wheelhouse_requirements: tuple[str, ...]) -> Path:
    suite_name, arch, packages = recipe.suite, recipe.arch, recipe.packages
    stamp_text = "\n".join([RECIPE, suite_name, *packages, *wheelhouse_requirements])
    digest = hashlib.sha256(stamp_text.encode()).hexdigest()[:12]
    root = cache_dir() / "debian-roots" / f"{suite_name}-{arch.name}-{digest}"
    stamp = root / ".copier-pyo3-complete"
    if stamp.exists():
        _ca_bundle(root)
        return root
    shutil.rmtree(root, ignore_errors=True)
    root.parent.mkdir(parents=True, exist_ok=True)
    mirror = debian_mirror()
    _run(
        [
            "debootstrap",
            f"--arch={arch.name}",
            "--foreign",
            "--variant=minbase",
            f"--include={','.join(packages)}",
            suite_name,
            str(root),
            mirror,
            *([str(recipe.script)] if recipe.script else []),
        ],
        f"debootstrap of Debian {suite_name} for {arch.name} from {mirror}",
    )
    for deb in sorted((root / "var" / "cache" / "apt" / "archives").glob("*.deb")):
        _run(["dpkg-deb", "--extract", str(deb), str(root)], f"unpacking {deb.name}")
    # update-alternatives' links of libblas3 and liblapack3, which NumPy loads.
    lib = root / "usr" / "lib" / arch.triplet
    for name in ("blas", "lapack"):
        link = lib / f"lib{name}.so.3"
        if (lib / name).is_dir() and not link.exists():
            link.symlink_to(f"{name}/lib{name}.so.3")
    # The bytecode py3compile writes at install time, written by the host's own
    # Python 3.11 (bytecode does not depend on the architecture), with the
    # root's paths recorded in it. (A root of other Pythons writes its own as
    # its first run imports; natively, that takes seconds.)
    host_python = f"{sys.version_info.major}.{sys.version_info.minor}"
    if recipe.pythons == (host_python,):
        python_dirs = [
            root / "usr" / "lib" / f"python{host_python}",
            root / "usr" / "lib" / "python3" / "dist-packages",
        ]
        compile_command = [sys.executable, "-m", "compileall", "-q", "-j0", "-s", str(root), "-p", "/"]
        _run([*compile_command, *map(str, python_dirs)], "compiling the root's Python packages")
    wheelhouse = root / "wheelhouse"
    for python in recipe.pythons:
        download = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--only-binary",
            ":all:",
            "--python-version",
            python,
            "--dest",
            str(wheelhouse),
        ]
        _run([*download, *wheelhouse_requirements], f"downloading the test requirements' wheels for Python {python}")
    _ca_bundle(root)
    stamp.write_text(stamp_text, encoding="utf-8")
    return root


def _ca_bundle(root: Path) -> None:
    """The CA bundle ca-certificates' maintainer script would write: trixie's pip
    loads it as it starts (it never connects here: /wheelhouse is its index)."""
    bundle = root / "etc" / "ssl" / "certs" / "ca-certificates.crt"
    host = Path("/etc/ssl/certs/ca-certificates.crt")
    if not bundle.exists() and host.exists():
        bundle.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(host, bundle)


def run_in_root(root: Path, workdir: str, command: list[str], env: dict[str, str], timeout: float = 900) -> str:
    """Run ``command`` in ``workdir`` of the root; return its output, or fail with it."""
    base = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": "/wheelhouse",
        "PIP_ROOT_USER_ACTION": "ignore",
    }
    script = f'cd {workdir} && exec "$@"'
    result = subprocess.run(
        ["chroot", str(root), "/bin/sh", "-c", script, "sh", *command],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        msg = f"`{' '.join(command)}` exited {result.returncode} in {root.name}:{workdir}:\n{output[-6000:]}"
        raise AssertionError(msg)
    return output


def wheel_test_requirements(project: Path) -> tuple[str, ...]:
    """The rendered project's `test` dependency group, which scripts/test-wheel.sh installs: a root's wheelhouse."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    return tuple(item for item in pyproject["dependency-groups"]["test"] if isinstance(item, str))


@dataclass(frozen=True)
class WheelRun:
    """scripts/test-wheel.sh once, under one Python of a root."""

    wheel: str  # the file pip picked from dist/
    python: str  # the CPython version pytest reported, e.g. 3.13.15
    passed: int
    seconds: float

    @property
    def python_abi(self) -> str:
        return python_abi(self.wheel)

    @property
    def version(self) -> str:
        """The feature release, e.g. 3.13."""
        return ".".join(self.python.split(".")[:2])


def run_wheel_tests(
    root: Path, project: Path, wheels: list[Path], pythons: tuple[str, ...], requirements: str = ""
) -> list[WheelRun]:
    """The project's scripts/test-wheel.sh in a copy of it in the root, once per Python
    (`python3.X`): pip picks the wheel from ``wheels`` by its tags, pytest runs.
    ``requirements`` is the script's REQUIREMENTS."""
    # A directory of its own: two runs of the suite may share a cached root.
    parent = root / "srv" / "copier-pyo3"
    parent.mkdir(parents=True, exist_ok=True)
    copy = Path(tempfile.mkdtemp(prefix=f"{project.name}-", dir=parent))
    workdir = f"/{copy.relative_to(root).as_posix()}"
    copy.rmdir()
    ignored = shutil.ignore_patterns(".git", ".venv*", "target", "dist", "dist-*", "wheels", "__pycache__")
    shutil.copytree(project, copy, ignore=ignored)
    (copy / "dist").mkdir()
    for wheel in wheels:
        shutil.copy2(wheel, copy / "dist")
    (copy / ".tmp").mkdir()  # the script's venvs, removed with the copy
    runs = []
    try:
        for python in pythons:
            env = {"PYTHON": f"python{python}", "REQUIREMENTS": requirements, "TMPDIR": f"{workdir}/.tmp"}
            started = time.monotonic()
            output = run_in_root(root, workdir, ["sh", "scripts/test-wheel.sh"], env)
            seconds = time.monotonic() - started
            (installed,) = re.findall(r"Processing \./dist/(\S+\.whl)", output)
            passed = re.search(r"=+ (\d+) passed", output)
            assert passed, output[-3000:]
            assert "failed" not in output.splitlines()[-1], output[-3000:]
            reported = re.search(r"^platform linux -- Python (\S+), pytest", output, flags=re.MULTILINE)
            assert reported, output[-3000:]
            assert reported.group(1).startswith(f"{python}."), (python, reported.group(1))
            runs.append(WheelRun(installed, reported.group(1), int(passed.group(1)), seconds))
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return runs


# Every CPython the x86_64 wheels meet here, natively in amd64 roots:
# bookworm's (the host's version), then forky's.
X86_64_CPYTHONS = (SUITE_PYTHON, *CPYTHONS)


def installed_by(wheel: Path | str, pythons: tuple[str, ...]) -> tuple[str, ...]:
    """The versions among ``pythons`` whose CPython (a GIL build) installs ``wheel``, by its tags."""
    tags = {(tag.interpreter, tag.abi) for tag in parse_tag(f"{python_abi(wheel)}-any")}
    installs = []
    for version in pythons:
        nodot = version.replace(".", "")
        accepted = cpython_tags((3, int(version.split(".")[1])), abis=[f"cp{nodot}"], platforms=["any"])
        if tags & {(tag.interpreter, tag.abi) for tag in accepted}:
            installs.append(version)
    return tuple(installs)


def run_x86_64_wheels(project: Path, wheels: list[Path], pythons: tuple[str, ...], *, numpy: bool) -> list[WheelRun]:
    """Each x86_64 wheel, alone in dist/, on every CPython among ``pythons`` (X86_64_CPYTHONS)
    that installs it: scripts/test-wheel.sh natively in the amd64 root that carries it.
    ``numpy``: the project's tests import NumPy."""
    assert set(pythons) <= set(X86_64_CPYTHONS), pythons
    requirements = wheel_test_requirements(project)
    runs = []
    for wheel in wheels:
        host = installed_by(wheel, tuple(v for v in pythons if v == SUITE_PYTHON))
        if host:  # Debian's NumPy serves bookworm's Python
            runs += run_wheel_tests(ensure_root("amd64", requirements), project, [wheel], host)
        newer = installed_by(wheel, tuple(v for v in pythons if v in CPYTHONS))
        if newer:  # forky's NumPy serves 3.14 alone: PyPI's, for each
            root = ensure_cpythons_root(requirements)
            runs += run_wheel_tests(root, project, [wheel], newer, pins.NUMPY_REQUIREMENT if numpy else "")
    return runs


def ran_on(runs: list[WheelRun], wheels: list[Path]) -> str:
    """For the report: which CPythons each wheel ran on, then the wheels no CPython here installs, and why."""
    by_wheel: dict[str, list[WheelRun]] = {}
    for tested in runs:
        by_wheel.setdefault(tested.python_abi, []).append(tested)
    parts = [
        f"{tag} on CPython "
        + ", ".join(f"{r.python} ({suite_of(r.version)}, {r.passed} passed, {r.seconds:.0f} s)" for r in ran)
        for tag, ran in by_wheel.items()
    ]
    not_run = [python_abi(wheel) for wheel in wheels if not installed_by(wheel, X86_64_CPYTHONS)]
    if not_run:
        parts.append("not run: " + ", ".join(f"{tag} ({why_not_run(tag)})" for tag in not_run))
    return "every CPython here, natively: " + "; ".join(parts)


def suite_of(version: str) -> str:
    """The Debian suite whose amd64 root carries this CPython here."""
    return SUITE if version == SUITE_PYTHON else CPYTHONS_SUITE


def python_abi(wheel: Path | str) -> str:
    """python-abi: the two tags of a wheel's name after its version."""
    return "-".join(Path(wheel).stem.split("-")[2:4])


def why_not_run(python_abi: str) -> str:
    """Why a wheel of this python-abi tag is installed in no Debian root here."""
    python, abi = python_abi.split("-")
    if python.startswith("pp"):
        return "Debian has no PyPy 3.11"
    if python.startswith("graalpy"):
        return "Debian has no GraalPy"
    if all(part.endswith("t") for part in abi.split(".")):
        return "Debian has no free-threaded CPython"
    if python == "cp312":
        return "no Debian suite carries CPython 3.12: CI's runners test it"
    return "Debian's CPython is another version"


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=1800)
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-4000:]
        msg = f"{what} failed ({' '.join(command[:3])} ...):\n{output}"
        raise RootError(msg)
