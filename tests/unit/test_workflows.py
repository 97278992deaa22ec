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
