"""Where the release workflow tests wheels in containers, and what goes into them."""

from extensions import wheel_tests
from extensions.platforms import PLATFORMS_BY_KEY


def _test(key: str, python_min: str = "3.11", features: list[str] | None = None) -> wheel_tests.ContainerTest | None:
    return wheel_tests.container_test(PLATFORMS_BY_KEY[key], python_min, features or [])


def test_rows_their_runner_tests_get_no_container() -> None:
    for key in ("linux-x86_64", "linux-aarch64", "macos-universal2", "windows-x86"):
        assert _test(key) is None


def test_without_compiled_dependencies_the_official_images_serve() -> None:
    assert _test("linux-s390x") == wheel_tests.ContainerTest("python:3.11-slim-trixie", (), (), (), "s390x")
    assert _test("musllinux-x86_64") == wheel_tests.ContainerTest("python:3.11-alpine", (), (), (), None)
    assert _test("linux-i686") == wheel_tests.ContainerTest("python:3.11-slim-trixie", (), (), (), None)
    assert _test("linux-armv7", "3.13", ["serde"]) == wheel_tests.ContainerTest(
        "python:3.13-slim-trixie", (), (), (), "arm"
    )


def test_numpy_comes_from_pypi_where_it_has_wheels() -> None:
    test = _test("musllinux-aarch64", features=["numpy"])
    assert test is not None
    assert test.requirements == ("numpy>=2",)
    assert test.left_out == ()


def test_numpy_comes_from_debian_where_pypi_has_no_wheel_and_debian_python_takes_the_wheel() -> None:
    test = _test("linux-ppc64le", "3.13", ["numpy", "parallel"])
    assert test == wheel_tests.ContainerTest("debian:trixie-slim", (), ("python3-numpy",), (), "ppc64le")


def test_numpy_tests_are_left_out_where_neither_can_serve() -> None:
    # Debian 13's Python is 3.13: a 3.14 minimum has no wheel it can install.
    test = _test("linux-s390x", "3.14", ["numpy"])
    assert test is not None
    assert test.image == "python:3.14-slim-trixie"
    assert test.left_out == ("tests/test_numpy.py",)
    # Alpine has no Debian packages, and PyPI no musl armv7 NumPy.
    test = _test("musllinux-armv7", features=["numpy"])
    assert test is not None
    assert test.left_out == ("tests/test_numpy.py",)
    assert test.requirements == ()


def test_riscv64_is_tested_with_debian_s_python() -> None:
    # Docker's official Python images have no riscv64 build: Debian's Python
    # 3.13 tests it, with or without compiled dependencies.
    riscv64 = PLATFORMS_BY_KEY["linux-riscv64"]
    for features in ([], ["numpy"]):
        test = wheel_tests.container_test(riscv64, "3.11", features)
        assert test is not None
        assert test.image == "debian:trixie-slim"
        assert test.qemu == "riscv64"
        assert test.left_out == ()
    numpy = wheel_tests.container_test(riscv64, "3.11", ["numpy"])
    assert numpy is not None
    assert numpy.debian_packages == ("python3-numpy",)
