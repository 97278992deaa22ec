"""CI and release matrices."""

from extensions import platforms, workflows


def test_abi3_builds_for_the_minimum_and_the_free_threaded_builds() -> None:
    assert workflows.build_interpreters("3.11", abi3=True, free_threaded=False) == ["3.11"]
    interpreters = workflows.build_interpreters("3.11", abi3=True, free_threaded=True)
    assert interpreters[0] == "3.11"
    assert interpreters[1:]
    assert all(v.endswith("t") for v in interpreters[1:])


def test_version_specific_builds_cover_every_supported_python() -> None:
    interpreters = workflows.build_interpreters("3.12", abi3=False, free_threaded=False)
    assert interpreters[0] == "3.12"
    assert "3.11" not in interpreters
    assert not any(v.endswith("t") for v in interpreters)


def test_test_pythons_run_from_minimum_to_newest_then_free_threaded() -> None:
    pythons = workflows.test_pythons("3.11", free_threaded=True)
    assert pythons[0] == "3.11"
    assert "3.14t" in pythons
    assert workflows.test_pythons("3.11", free_threaded=False) == [p for p in pythons if not p.endswith("t")]


def test_wheel_jobs_follow_the_table_order_and_policy() -> None:
    jobs = workflows.wheel_jobs(["windows-x64", "linux-x86_64"], "manylinux_2_28")
    assert [job.platform.key for job in jobs] == ["linux-x86_64", "windows-x64"]
    assert jobs[0].manylinux == "2_28"
    assert jobs[1].manylinux is None
    assert jobs[0].artifact == "wheels-linux-x86_64"


def test_test_runners_are_table_runners() -> None:
    assert set(workflows.test_runners()) <= set(platforms.RUNNERS.values())


def test_setup_python_installs_the_free_threaded_builds_first() -> None:
    """Installed last, a 3.14t would answer to `python3.14` and the regular 3.14 wheel would be missing."""
    order = workflows.setup_python_order(["3.11", "3.12", "3.14", "3.14t", "3.15t"])
    assert order == ["3.14t", "3.15t", "3.11", "3.12", "3.14"]


def test_each_interpreter_has_the_wheel_tag_it_must_produce() -> None:
    abi3 = workflows.build_interpreters("3.11", abi3=True, free_threaded=True)
    assert workflows.wheel_python_tags(abi3, abi3=True) == ["cp311-abi3", "cp314-cp314t", "cp315-cp315t"]
    specific = workflows.build_interpreters("3.13", abi3=False, free_threaded=False)
    assert workflows.wheel_python_tags(specific, abi3=False) == ["cp313-cp313", "cp314-cp314", "cp315-cp315"]


def test_wheels_are_tested_on_the_oldest_and_the_first_free_threaded_python() -> None:
    assert workflows.wheel_test_pythons("3.11", free_threaded=True) == ["3.11", "3.14t"]
    assert workflows.wheel_test_pythons("3.15", free_threaded=True) == ["3.15", "3.15t"]
    assert workflows.wheel_test_pythons("3.12", free_threaded=False) == ["3.12"]
