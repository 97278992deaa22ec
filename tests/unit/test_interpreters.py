"""PyPy and GraalPy: the table, the checks, and the wheel jobs that build them."""

from __future__ import annotations

from helpers import why

from extensions import interpreters, workflows
from extensions.platforms import PLATFORMS_BY_KEY


def test_each_interpreter_is_built_only_on_rows_that_build_natively() -> None:
    for interpreter in interpreters.INTERPRETERS:
        for key in interpreter.platforms:
            assert PLATFORMS_BY_KEY[key].test_on == "runner", (interpreter.key, key)


def test_a_python_min_above_the_interpreter_is_refused_naming_both() -> None:
    message = interpreters.check_interpreters(["pypy3.11"], python_min="3.12", platforms=["linux-x86_64"])
    assert "other_interpreters" in message
    assert "python_min" in message
    assert "Leave out pypy3.11" in message
    assert interpreters.check_interpreters(["graalpy3.12"], python_min="3.12", platforms=["linux-x86_64"]) == ""


def test_no_platform_for_the_interpreter_is_refused() -> None:
    message = interpreters.check_interpreters(["graalpy3.12"], python_min="3.11", platforms=["windows-x64"])
    assert "wheel_platforms has none of them" in message
    assert why(interpreters.check_interpreters(["cpython2"], python_min="3.11", platforms=[])).startswith(
        "other_interpreters has unknown entries ['cpython2']"
    )


def _jobs(features: list[str]) -> dict[str, workflows.WheelJob]:
    pythons = workflows.Pythons("3.11", abi3=True, free_threaded=False)
    choices = workflows.BuildChoices(other_interpreters=("pypy3.11", "graalpy3.12"))
    keys = ["linux-x86_64", "linux-armv7", "windows-x64"]
    return {job.platform.key: job for job in workflows.wheel_jobs(keys, "manylinux_2_28", pythons, features, choices)}


def test_wheel_jobs_add_version_specific_wheels_where_the_table_says() -> None:
    jobs = _jobs([])
    assert jobs["linux-x86_64"].tags == ["cp311-abi3", "pp311-pypy311_pp73", "graalpy312-graalpy250_312_native"]
    assert jobs["linux-x86_64"].other_interpreters == "pypy3.11 graalpy3.12"
    assert jobs["linux-x86_64"].test_with == "3.11 pypy3.11 graalpy3.12"
    assert jobs["linux-armv7"].other_interpreters == ""  # cross-built: its image has neither
    assert jobs["windows-x64"].other_interpreters == "pypy3.11"
    assert jobs["windows-x64"].setup_pythons == ["pypy3.11", "3.11"]  # CPython last: first on PATH


def test_with_numpy_the_other_wheels_are_built_not_tested() -> None:
    job = _jobs(["numpy"])["linux-x86_64"]
    assert "pp311-pypy311_pp73" in job.tags
    assert job.tested_others == ()
    assert job.test_with == "3.11"
    assert "NumPy" in job.untested_reason
