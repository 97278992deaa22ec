"""Where and with what the release workflow tests each platform's wheels in a container.

Rows tested on their own runner use `just test-dist` (uv, every test
dependency from PyPI). The others run the rendered scripts/test-wheel.sh in a
container: of the runner's own architecture (musllinux, on Alpine), or of
the wheel's architecture under QEMU. There a compiled dependency may have no
wheel on PyPI, and pip must never build one from source (under emulation that
takes hours): the distribution's own package stands in where a Debian Python
can install the wheel, and otherwise the tests that import it are left out,
by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .features import Feature, selected_features
from .platforms import DEBIAN_PYTHON
from .versions import minor_number

if TYPE_CHECKING:
    from .platforms import Platform

# Docker Hub's official images: CPython on Debian 13 and on Alpine.
PYTHON_IMAGE = "python:{version}-slim-trixie"
ALPINE_IMAGE = "python:{version}-alpine"
# Debian 13 (trixie) itself, for its packages of compiled dependencies
# (python3-numpy is NumPy 2.2), built for the Python it ships.
DEBIAN_IMAGE = "debian:trixie-slim"


@dataclass(frozen=True)
class ContainerTest:
    """The container a wheel job's tests run in, and what goes into it."""

    image: str
    # Installed by pip beside pytest, as wheels only.
    requirements: tuple[str, ...]
    # Installed from Debian, with its Python, on the Debian image.
    debian_packages: tuple[str, ...]
    # Test files left out: they import a dependency this platform cannot get.
    left_out: tuple[str, ...]
    # Where the image's architecture differs from the runner's: QEMU's name for it.
    qemu: str | None


def container_test(platform: Platform, python_min: str, feature_keys: list[str]) -> ContainerTest | None:
    """The container test of a platform's wheels; None where the runner tests them itself."""
    if platform.test_on == "runner":
        return None
    assert platform.docker_platform is not None, platform.key  # every Linux row has one
    chosen = [f for f in selected_features(feature_keys) if f.test_requirements]
    missing = [f for f in chosen if not _on_pypi(f, platform)]
    from_pypi = tuple(d for f in chosen if f not in missing for d in f.test_requirements)
    official = (ALPINE_IMAGE if platform.libc == "musl" else PYTHON_IMAGE).format(version=python_min)
    qemu = platform.docker_platform.split("/")[1] if platform.test_on == "emulated" else None
    if not missing and platform.python_images:
        return ContainerTest(official, from_pypi, (), (), qemu)
    # check_platforms refuses a python_min Debian's Python cannot test where there is no official image.
    if platform.libc == "glibc" and minor_number(python_min) <= minor_number(DEBIAN_PYTHON):
        packages = tuple(p for f in missing for p in f.debian_packages)
        return ContainerTest(DEBIAN_IMAGE, from_pypi, packages, (), qemu)
    return ContainerTest(official, from_pypi, (), tuple(f"tests/test_{f.key}.py" for f in missing), qemu)


def _on_pypi(feature: Feature, platform: Platform) -> bool:
    """PyPI has wheels of the feature's run-time dependencies for the platform (NumPy is the only one)."""
    return platform.numpy_wheels or not feature.test_requirements
