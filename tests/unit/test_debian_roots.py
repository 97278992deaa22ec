"""Which CPython here takes which wheel, and what the report says of the others (tests/debian_roots.py)."""

from pathlib import Path

import debian_roots

EVERY = debian_roots.X86_64_CPYTHONS


def _wheel(python_abi: str) -> Path:
    return Path(f"fast_stats-0.1.0-{python_abi}-manylinux_2_28_x86_64.whl")


def test_every_supported_cpython_but_3_12_runs_here() -> None:
    assert EVERY == ("3.11", "3.13", "3.14", "3.15")


def test_an_abi3_wheel_runs_on_its_minimum_and_every_newer_cpython() -> None:
    assert debian_roots.installed_by(_wheel("cp311-abi3"), EVERY) == EVERY
    assert debian_roots.installed_by(_wheel("cp314-abi3"), EVERY) == ("3.14", "3.15")


def test_an_abi3t_wheel_runs_on_the_regular_build_of_its_cpython_and_newer() -> None:
    assert debian_roots.installed_by(_wheel("cp315-abi3.abi3t"), EVERY) == ("3.15",)


def test_a_version_specific_wheel_runs_on_its_own_cpython_only() -> None:
    assert debian_roots.installed_by(_wheel("cp313-cp313"), EVERY) == ("3.13",)
    assert debian_roots.installed_by(_wheel("cp312-cp312"), EVERY) == ()
    assert debian_roots.why_not_run("cp312-cp312") == "no Debian suite carries CPython 3.12: CI's runners test it"


def test_free_threaded_wheels_run_nowhere_here() -> None:
    for tag in ("cp314-cp314t", "cp315-cp315t"):
        assert debian_roots.installed_by(_wheel(tag), EVERY) == ()
        assert debian_roots.why_not_run(tag) == "Debian has no free-threaded CPython"


def test_the_report_names_the_cpython_each_wheel_ran_on() -> None:
    wheels = [_wheel(tag) for tag in ("cp311-abi3", "cp314-cp314t", "cp315-abi3.abi3t")]
    runs = [
        debian_roots.WheelRun(wheels[0].name, "3.13.15", 15, 4.2),
        debian_roots.WheelRun(wheels[2].name, "3.15.0", 15, 3.0),
    ]
    assert debian_roots.ran_on(runs, wheels) == (
        "every CPython here, natively: cp311-abi3 on CPython 3.13.15 (forky, 15 passed, 4 s); "
        "cp315-abi3.abi3t on CPython 3.15.0 (forky, 15 passed, 3 s); "
        "not run: cp314-cp314t (Debian has no free-threaded CPython)"
    )
