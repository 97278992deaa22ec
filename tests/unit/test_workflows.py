"""CI and release matrices."""

from extensions import platforms, versions, workflows


def _runs(python_min: str, *, abi3: bool, free_threaded: bool) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    builds = workflows.wheel_builds(python_min, abi3=abi3, free_threaded=free_threaded)
    return [(build.kind, build.interpreters, build.tags) for build in builds]


def test_abi3_builds_once_for_the_minimum() -> None:
    assert _runs("3.11", abi3=True, free_threaded=False) == [("regular", ("3.11",), ("cp311-abi3",))]


def test_abi3_with_free_threading_adds_314t_and_one_abi3t_wheel_in_a_run_of_their_own() -> None:
    """maturin picks one stable ABI a run: together with 3.15t, 3.11 would get a version-specific wheel."""
    assert _runs("3.11", abi3=True, free_threaded=True) == [
        ("regular", ("3.11",), ("cp311-abi3",)),
        ("free-threaded", ("3.14t", "3.15t"), ("cp314-cp314t", "cp315-abi3.abi3t")),
    ]


def test_from_315_on_one_abi3t_wheel_serves_both_builds() -> None:
    assert _runs("3.15", abi3=True, free_threaded=True) == [("regular", ("3.15",), ("cp315-abi3.abi3t",))]
    assert _runs("3.15", abi3=True, free_threaded=False) == [("regular", ("3.15",), ("cp315-abi3",))]


def test_version_specific_builds_cover_every_supported_python() -> None:
    assert _runs("3.13", abi3=False, free_threaded=False) == [
        ("regular", ("3.13", "3.14", "3.15"), ("cp313-cp313", "cp314-cp314", "cp315-cp315")),
    ]
    assert _runs("3.14", abi3=False, free_threaded=True)[1] == (
        "free-threaded",
        ("3.14t", "3.15t"),
        ("cp314-cp314t", "cp315-cp315t"),
    )


def test_every_free_threaded_python_gets_exactly_one_wheel_it_can_install() -> None:
    """An abi3t wheel serves its version and every later one; the versions before it need their own wheel."""
    for python_min in versions.supported_minimums():
        for abi3 in (True, False):
            tags = [tag for _, _, tags in _runs(python_min, abi3=abi3, free_threaded=True) for tag in tags]
            abi3t_since = [int(tag[2:].split("-")[0]) for tag in tags if tag.endswith("-abi3.abi3t")]
            for threaded in versions.free_threaded_versions(python_min):
                nodot = int(threaded.removesuffix("t").replace(".", ""))
                installable = [f"cp{nodot}-cp{nodot}t" in tags, *(since <= nodot for since in abi3t_since)]
                assert installable.count(True) == 1, (python_min, abi3, threaded, tags)


def test_test_pythons_run_from_minimum_to_newest_then_free_threaded() -> None:
    pythons = workflows.test_pythons("3.11", free_threaded=True)
    assert pythons[0] == "3.11"
    assert "3.14t" in pythons
    assert workflows.test_pythons("3.11", free_threaded=False) == [p for p in pythons if not p.endswith("t")]


def test_wheel_jobs_follow_the_table_order_and_policy() -> None:
    pythons = workflows.Pythons("3.11", abi3=True, free_threaded=True)
    jobs = workflows.wheel_jobs(["windows-x64", "linux-x86_64"], "manylinux_2_28", pythons, [])
    assert [job.platform.key for job in jobs] == ["linux-x86_64", "windows-x64"]
    assert jobs[0].manylinux == "2_28"
    assert jobs[1].manylinux is None
    assert jobs[0].artifact == "dist-linux-x86_64"


def test_test_runners_are_table_runners() -> None:
    assert set(workflows.test_runners()) <= set(platforms.RUNNERS.values())


def test_setup_python_installs_the_free_threaded_builds_first() -> None:
    """Installed last, a 3.14t would answer to `python3.14` and the regular 3.14 wheel would be missing."""
    order = workflows.setup_python_order(["3.11", "3.12", "3.14", "3.14t", "3.15t"])
    assert order == ["3.14t", "3.15t", "3.11", "3.12", "3.14"]


def test_wheels_are_tested_on_the_oldest_and_on_each_free_threaded_wheel_kind() -> None:
    assert workflows.wheel_test_pythons("3.11", abi3=True, free_threaded=True) == ["3.11", "3.14t", "3.15t"]
    assert workflows.wheel_test_pythons("3.11", abi3=False, free_threaded=True) == ["3.11", "3.14t"]
    assert workflows.wheel_test_pythons("3.15", abi3=True, free_threaded=True) == ["3.15", "3.15t"]
    assert workflows.wheel_test_pythons("3.12", abi3=True, free_threaded=False) == ["3.12"]


def test_wheel_tags_say_what_they_install_on() -> None:
    assert workflows.wheel_serves("cp311-abi3") == "CPython 3.11 and newer"
    assert workflows.wheel_serves("cp315-abi3.abi3t") == "CPython 3.15 and newer, free-threaded or not"
    assert workflows.wheel_serves("cp314-cp314t") == "free-threaded CPython 3.14"
    assert workflows.wheel_serves("cp312-cp312") == "CPython 3.12"


def test_numpy_limits_free_threaded_wheels_on_32_bit_platforms_only() -> None:
    """rust-numpy 0.30 refuses free-threaded builds before 3.15 on 32-bit targets (compile_error!)."""
    pythons = workflows.Pythons("3.11", abi3=True, free_threaded=True)
    jobs = workflows.wheel_jobs(["linux-armv7", "linux-s390x", "windows-x86"], "manylinux_2_28", pythons, ["numpy"])
    by_key = {job.platform.key: job for job in jobs}
    assert by_key["linux-s390x"].tags == ["cp311-abi3", "cp314-cp314t", "cp315-abi3.abi3t"]
    assert by_key["linux-s390x"].threaded_limit == ""
    for key in ("linux-armv7", "windows-x86"):
        assert by_key[key].tags == ["cp311-abi3", "cp315-abi3.abi3t"]
        assert by_key[key].interpreters("free-threaded") == "python3.15t"
        assert by_key[key].test_pythons == ("3.11", "3.15t")
        assert "numpy" in by_key[key].threaded_limit
    version_specific = workflows.Pythons("3.11", abi3=False, free_threaded=True)
    without = workflows.wheel_jobs(["linux-armv7"], "manylinux_2_28", version_specific, ["serde"])
    assert without[0].tags[-2:] == ["cp314-cp314t", "cp315-cp315t"]


def test_pyodide_and_android_get_jobs_of_their_own_with_one_wheel_each() -> None:
    keys = ["linux-x86_64", "emscripten-wasm32", "android-aarch64", "android-x86_64"]
    pythons = workflows.Pythons("3.11", abi3=True, free_threaded=True)
    assert [job.platform.key for job in workflows.wheel_jobs(keys, "manylinux_2_28", pythons, [])] == ["linux-x86_64"]
    own = workflows.own_jobs(keys, "manylinux_2_28", pythons)
    assert [(job.platform.key, job.python, job.tag, job.platform_tag) for job in own] == [
        ("emscripten-wasm32", "3.14", "cp311-abi3", "pyemscripten_2026_0_wasm32"),
        ("android-aarch64", "3.14", "cp311-abi3", "android_24_arm64_v8a"),
        ("android-x86_64", "3.14", "cp311-abi3", "android_24_x86_64"),
    ]
    assert own[0].artifact == "dist-emscripten-wasm32"


def test_without_abi3_the_own_jobs_build_for_their_cpython_only() -> None:
    pythons = workflows.Pythons("3.12", abi3=False, free_threaded=True)
    (job,) = workflows.own_jobs(["emscripten-wasm32"], "manylinux2014", pythons)
    assert job.tag == "cp314-cp314"  # no free-threaded Pyodide
    assert workflows.own_jobs(["linux-x86_64", "macos-arm64"], "manylinux2014", pythons) == []


def _matrix(keys: list[str], features: list[str] | None = None) -> list[dict[str, workflows.Cell]]:
    pythons = workflows.Pythons("3.11", abi3=True, free_threaded=True)
    jobs = workflows.wheel_jobs(keys, "manylinux_2_28", pythons, features or [])
    return [{cell.key: cell for cell in row} for row in workflows.wheel_matrix(jobs)]


def test_a_runner_only_matrix_has_no_container_properties() -> None:
    """Which properties exist depends on the platforms: no step may read one that no row defines."""
    rows = _matrix(["linux-x86_64", "macos-arm64"])
    assert all(set(row).isdisjoint((*workflows.CONTAINER_KEYS, "qemu")) for row in rows)
    # only macOS and Windows rows set up Pythons to build with
    assert "build-pythons" not in rows[0]
    assert rows[1]["build-pythons"].lines == ("3.14t", "3.15t", "3.11")
    assert rows[1]["build-pythons"].scalar == "|"


def test_each_row_defines_what_its_own_steps_read() -> None:
    rows = _matrix(["linux-x86_64", "linux-armv7", "musllinux-x86_64", "windows-arm64"], ["numpy"])
    by_platform = {row["platform"].value: row for row in rows}
    emulated, musl = by_platform["linux-armv7"], by_platform["musllinux-x86_64"]
    # the container step reads the lists some row has: every container row has them, empty where it has nothing
    for row in (emulated, musl):
        assert {"docker-platform", "test-image", "test-requirements", "debian-packages"} <= set(row)
        assert "leave-out" not in row  # no row leaves a test out: the step does not read it
        assert "test-pythons" not in row
    assert emulated["debian-packages"].value == "python3-numpy"
    assert musl["debian-packages"].scalar == '""'
    assert emulated["qemu"].value == "arm"
    assert "qemu" not in musl
    # the job's JUST reads just-platform on every row
    assert [row["just-platform"].value for row in rows] == ["", "", "", "x86_64-pc-windows-msvc"]
    assert "docker-platform" not in by_platform["linux-x86_64"]
    order = list(workflows.WHEEL_MATRIX_KEYS)
    for row in rows:
        assert list(row) == sorted(row, key=order.index)
