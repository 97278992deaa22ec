"""Debian roots of other architectures, for running wheels under QEMU's user-mode emulation.

A root is debootstrap's first stage (which downloads the packages and
unpacks the essential ones on the host), with every downloaded package then
unpacked by ``dpkg -x`` on the host too: seconds, where debootstrap's second
stage runs each maintainer script under emulation for many minutes. What
those scripts would have done and the tests need is done here by hand: the
BLAS and LAPACK links NumPy loads, and the bytecode of the Python packages
(without it every import compiles its sources under emulation).

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
from dataclasses import dataclass
from pathlib import Path

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
    stamp_text = "\n".join([RECIPE, suite_name, *PACKAGES, *wheelhouse_requirements])
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
            f"--include={','.join(PACKAGES)}",
            suite_name,
            str(root),
            mirror,
        ],
        f"debootstrap of Debian {suite_name} for {arch.name} from {mirror}",
    )
    for deb in sorted((root / "var" / "cache" / "apt" / "archives").glob("*.deb")):
        _run(["dpkg-deb", "--extract", str(deb), str(root)], f"unpacking {deb.name}")
    # update-alternatives' links of libblas3 and liblapack3, which NumPy loads.
    lib = root / "usr" / "lib" / arch.triplet
    for name in ("blas", "lapack"):
        link = lib / f"lib{name}.so.3"
        if not link.exists():
            link.symlink_to(f"{name}/lib{name}.so.3")
    # The bytecode py3compile writes at install time, written by the host's own
    # Python 3.11 (bytecode does not depend on the architecture), with the
    # root's paths recorded in it.
    if python == f"{sys.version_info.major}.{sys.version_info.minor}":
        python_dirs = [root / "usr" / "lib" / f"python{python}", root / "usr" / "lib" / "python3" / "dist-packages"]
        compile_command = [sys.executable, "-m", "compileall", "-q", "-j0", "-s", str(root), "-p", "/"]
        _run([*compile_command, *map(str, python_dirs)], "compiling the root's Python packages")
    wheelhouse = root / "wheelhouse"
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
    _run([*download, *wheelhouse_requirements], "downloading the test requirements' wheels")
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


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=1800)
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-4000:]
        msg = f"{what} failed ({' '.join(command[:3])} ...):\n{output}"
        raise RootError(msg)
