"""The CI and release matrices, computed from the answers and the platform table."""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import pins
from .escaping import yaml_str
from .features import selected_features
from .interpreters import Interpreter, selected_interpreters
from .pins import ABI3T_SINCE
from .platforms import TEST_RUNNERS, Platform, selected
from .versions import abi3t_minimum, free_threaded_versions, minor_number, python_versions
from .wheel_tests import ContainerTest, container_test


@dataclass(frozen=True)
class WheelJob:
    """One entry of the release workflow's wheel matrix."""

    platform: Platform
    manylinux: str | None
    platform_tag: str
    # Where the runner cannot test the wheels itself: the container that does.
    container: ContainerTest | None
    # The maturin runs of this row, and the interpreters its runner tests with.
    builds: tuple[WheelBuild, ...]
    test_pythons: tuple[str, ...]
    # Why this row has fewer free-threaded wheels than the others, if it has.
    threaded_limit: str = ""
    # Its wheels are built with profile-guided optimisation (the pgo extra).
    pgo: bool = False
    # PyPy and GraalPy: built on this row, and tested on its runner unless
    # a dependency has no wheel for them (untested_reason).
    others: tuple[Interpreter, ...] = ()
    untested_reason: str = ""

    @property
    def artifact(self) -> str:
        return f"dist-{self.platform.key}"

    @property
    def tags(self) -> list[str]:
        """The python-abi tags of the wheels this row must give."""
        return [tag for build in self.builds for tag in build.tags] + [i.tag for i in self.others]

    @property
    def other_interpreters(self) -> str:
        """The `--interpreter` list of this row's PyPy/GraalPy run ("" when it has none)."""
        return " ".join(i.key for i in self.others)

    @property
    def test_with(self) -> str:
        """What `just test-dist` is run with: CPython by version, PyPy and GraalPy by uv's names."""
        return " ".join([*self.test_pythons, *(i.uv_request for i in self.tested_others)])

    @property
    def tested_others(self) -> tuple[Interpreter, ...]:
        return () if self.untested_reason or self.platform.test_on != "runner" else self.others

    def interpreters(self, kind: str) -> str:
        """The `--interpreter` list of this row's run of a kind of build ("" when it has none)."""
        return " ".join(f"python{v}" for build in self.builds if build.kind == kind for v in build.interpreters)

    @property
    def setup_pythons(self) -> list[str]:
        """What setup-python installs to build with; PyPy and GraalPy first, as
        their folders also hold a `python3.X`: CPython's must come first on PATH."""
        others = [i.setup_python for i in self.others]
        return others + setup_python_order(build_interpreters(list(self.builds)))

    @property
    def just_platform(self) -> str:
        """uvx's --python-platform for rust-just where it has no wheel of this platform ("" elsewhere)."""
        return pins.RUST_JUST_WHEEL_PLATFORMS.get(self.platform.key, "") if self.platform.test_on == "runner" else ""


@dataclass(frozen=True)
class WheelBuild:
    """One maturin run of a wheel job: the interpreters it builds for, the wheels it must give.

    maturin picks one stable ABI per run, so the regular and the free-threaded
    builds of CPython get a run each: together, abi3 for the regular builds
    and abi3t for the free-threaded ones would leave the regular builds with
    version-specific wheels.
    """

    kind: str  # "regular" or "free-threaded"
    interpreters: tuple[str, ...]
    # The python-abi part of each wheel's file name, in interpreter order.
    tags: tuple[str, ...]


def wheel_builds(
    python_min: str, *, abi3: bool, free_threaded: bool, threaded_since: str | None = None
) -> list[WheelBuild]:
    """The maturin runs of each wheel job: the regular builds, then the free-threaded ones.

    abi3 needs only the oldest regular CPython: its wheel serves every later
    one. A free-threaded build before 3.15 has no stable ABI and gets a wheel
    of its own; from 3.15 on, one abi3t wheel (PEP 803) serves them all, and
    serves the regular builds too, so a minimum of 3.15 or later needs no
    second run. Without abi3, every interpreter gets its own wheel.
    ``threaded_since`` leaves out the free-threaded builds before it (a
    platform where a feature's crate cannot build them).
    """
    abi3t = abi3 and free_threaded
    regular = [python_min] if abi3 else python_versions(python_min)
    threaded = _threaded(python_min, free_threaded=free_threaded, since=threaded_since)
    if abi3t:
        first_abi3t = f"{abi3t_minimum(python_min)}t"
        threaded = [v for v in threaded if minor_number(v) < minor_number(first_abi3t)]
        if minor_number(python_min) < minor_number(first_abi3t):
            threaded.append(first_abi3t)
    builds = [("regular", regular), ("free-threaded", threaded)]
    return [
        WheelBuild(kind, tuple(versions), tuple(_wheel_tag(v, abi3=abi3, abi3t=abi3t) for v in versions))
        for kind, versions in builds
        if versions
    ]


def _wheel_tag(version: str, *, abi3: bool, abi3t: bool) -> str:
    nodot = version.removesuffix("t").replace(".", "")
    if abi3t and minor_number(version) >= minor_number(ABI3T_SINCE):
        return f"cp{nodot}-abi3.abi3t"
    if version.endswith("t"):
        return f"cp{nodot}-cp{nodot}t"
    return f"cp{nodot}-abi3" if abi3 else f"cp{nodot}-cp{nodot}"


def wheel_serves(tag: str) -> str:
    """Which CPython a wheel's python-abi tag (``cp311-abi3``) installs on, in words."""
    interpreter, abi = tag.split("-")
    version = f"{interpreter[2]}.{interpreter[3:]}"
    return {
        "abi3": f"CPython {version} and newer",
        "abi3.abi3t": f"CPython {version} and newer, free-threaded or not",
        f"{interpreter}t": f"free-threaded CPython {version}",
    }.get(abi, f"CPython {version}")


def build_interpreters(builds: list[WheelBuild]) -> list[str]:
    """Every interpreter the wheel jobs build for."""
    return [version for build in builds for version in build.interpreters]


def setup_python_order(interpreters: list[str]) -> list[str]:
    """The interpreters in the order actions/setup-python installs them.

    Each install goes to the front of PATH and, on Windows, registers itself
    for `py -3.X`; a free-threaded 3.14t also answers to `python3.14` on macOS.
    Installed first, the free-threaded builds leave `python3.14` to the
    regular one, so maturin builds both wheels, not the free-threaded twice.
    """
    return [v for v in interpreters if v.endswith("t")] + [v for v in interpreters if not v.endswith("t")]


def _threaded(python_min: str, *, free_threaded: bool, since: str | None) -> list[str]:
    versions = free_threaded_versions(python_min) if free_threaded else []
    return [v for v in versions if since is None or minor_number(v) >= minor_number(since)]


def wheel_test_pythons(
    python_min: str, *, abi3: bool, free_threaded: bool, threaded_since: str | None = None
) -> list[str]:
    """The interpreters a wheel job tests its wheels with: the oldest, then one for each free-threaded wheel kind.

    That is the first free-threaded build, and with abi3 the first that
    installs the abi3t wheel, when they differ (3.14t and 3.15t).
    """
    threaded = _threaded(python_min, free_threaded=free_threaded, since=threaded_since)
    if not threaded:
        return [python_min]
    pythons = [python_min, threaded[0]]
    first_abi3t = f"{abi3t_minimum(python_min)}t"
    if abi3 and first_abi3t not in pythons:
        pythons.append(first_abi3t)
    return pythons


@dataclass(frozen=True)
class Pythons:
    """The answers that decide which CPythons get wheels."""

    minimum: str
    abi3: bool
    free_threaded: bool


@dataclass(frozen=True)
class BuildChoices:
    """The answers beyond Pythons and features that shape the wheel jobs."""

    pgo: bool = False
    other_interpreters: tuple[str, ...] = ()


def wheel_jobs(
    keys: list[str],
    manylinux_policy: str,
    pythons: Pythons,
    features: list[str],
    choices: BuildChoices = BuildChoices(),  # frozen: one shared value is safe
) -> list[WheelJob]:
    jobs = []
    interpreters = selected_interpreters(list(choices.other_interpreters))
    for platform in selected(keys):
        if platform.own_job:
            continue
        since, limit = threaded_limit(platform, features)
        full = wheel_builds(pythons.minimum, abi3=pythons.abi3, free_threaded=pythons.free_threaded)
        builds = wheel_builds(
            pythons.minimum, abi3=pythons.abi3, free_threaded=pythons.free_threaded, threaded_since=since
        )
        tests = wheel_test_pythons(
            pythons.minimum, abi3=pythons.abi3, free_threaded=pythons.free_threaded, threaded_since=since
        )
        jobs.append(
            WheelJob(
                platform,
                platform.manylinux(manylinux_policy),
                platform.platform_tag(manylinux_policy),
                container_test(platform, pythons.minimum, features),
                tuple(builds),
                tuple(tests),
                limit if builds != full else "",
                choices.pgo and platform.trains_pgo,
                tuple(i for i in interpreters if platform.key in i.platforms),
                untested_others(features),
            )
        )
    return jobs


@dataclass(frozen=True)
class OwnJob:
    """A platform built in a release job of its own (Pyodide, Android), for the one CPython it pins."""

    platform: Platform
    python: str
    # The python-abi part of its one wheel's name, and the platform part.
    tag: str
    platform_tag: str

    @property
    def artifact(self) -> str:
        return f"dist-{self.platform.key}"


def own_jobs(keys: list[str], manylinux_policy: str, pythons: Pythons) -> list[OwnJob]:
    """One job per Pyodide or Android platform: a wheel of its CPython, abi3 where the answers ask for it.

    An abi3 wheel built with a newer CPython still serves from python_min on
    (pyo3's abi3-py3X feature sets its floor), so its tag names python_min.
    None of these platforms has a free-threaded build.
    """
    jobs = []
    for platform in selected(keys):
        python = platform.pinned_python
        if python is None:  # not an own-job platform
            continue
        tag = _wheel_tag(pythons.minimum if pythons.abi3 else python, abi3=pythons.abi3, abi3t=False)
        jobs.append(OwnJob(platform, python, tag, platform.platform_tag(manylinux_policy)))
    return jobs


def untested_others(features: list[str]) -> str:
    """Why the PyPy and GraalPy wheels are built but not tested, if they are."""
    if "numpy" in features:
        return "NumPy publishes no PyPy or GraalPy wheels: installing it would build it from source"
    return ""


def threaded_limit(platform: Platform, features: list[str]) -> tuple[str | None, str]:
    """The first free-threaded CPython the chosen features build for on a platform, and why, if any."""
    limits = [
        (f.free_threaded_32bit_since, f.key)
        for f in selected_features(features)
        if f.free_threaded_32bit_since and platform.is_32bit
    ]
    if not limits:
        return None, ""
    since, key = max(limits, key=lambda limit: minor_number(limit[0]))
    return since, f"the {key} feature supports free-threaded CPython on 32-bit platforms only from {since} on"


def test_pythons(python_min: str, *, free_threaded: bool) -> list[str]:
    """CI's Python axis: every supported version, then the free-threaded builds."""
    return python_versions(python_min) + (free_threaded_versions(python_min) if free_threaded else [])


def test_runners() -> list[str]:
    return list(TEST_RUNNERS.values())


@dataclass(frozen=True)
class TestPlan:
    """Which OS x Python pairs the test workflow runs, per push and in full.

    Per push: every Python on Linux, where minutes cost least; on macOS and
    Windows (billed 10x and 2x for private repositories) the oldest and the
    newest CPython and the newest free-threaded build, which between them
    meet what differs by OS (the oldest and newest C API, the stable ABI's
    floor, the free-threaded build). In full: every pair.

    With abi3 one wheel serves every CPython from the minimum on, so each OS
    builds the wheels once, in a job that also runs ``cargo test`` and tests
    the wheel with the oldest Python; the other test jobs install them.
    Without it each Python needs a build of its own, so each test job
    compiles, as ``just test`` does.
    """

    __test__ = False  # not a pytest test class

    runners: tuple[str, ...]
    pythons: tuple[str, ...]
    wheel: bool

    @property
    def oldest(self) -> str:
        return self.pythons[0]

    def per_push(self, runner: str) -> list[str]:
        if runner == TEST_RUNNERS["linux"]:
            return list(self.pythons)
        regular = [p for p in self.pythons if not p.endswith("t")]
        threaded = [p for p in self.pythons if p.endswith("t")]
        chosen = [regular[0], regular[-1], *threaded[-1:]]
        return [p for p in self.pythons if p in chosen]

    def pairs(self, *, full: bool) -> list[tuple[str, str]]:
        """Every (runner, Python) pair tested, the build jobs' included."""
        return [(r, p) for r in self.runners for p in self.pythons if full or p in self.per_push(r)]

    def excluded(self, *, full: bool) -> list[dict[str, str]]:
        """The test matrix's `exclude` entries: the pairs not tested, and the build jobs' own."""
        entries = [{"python": self.oldest}] if self.wheel else []
        tested = self.pairs(full=full)
        skipped = [(r, p) for r in self.runners for p in self.pythons if (r, p) not in tested]
        entries += [{"os": r, "python": p} for r, p in skipped if not (self.wheel and p == self.oldest)]
        return entries

    @property
    def has_test_jobs(self) -> bool:
        """Whether any pair is left for the test job once the build jobs have tested theirs."""
        return not self.wheel or len(self.pythons) > 1


# What GitHub bills a private repository per minute of each runner, in Linux minutes.
BILLING_MULTIPLIERS = {"linux": 1, "windows": 2, "macos": 10}


@dataclass(frozen=True)
class PushCost:
    """ci.yml's jobs a push to main starts, by operating system, and what GitHub bills for them."""

    jobs: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.jobs.values())

    @property
    def billed(self) -> int:
        return sum(BILLING_MULTIPLIERS[os] * count for os, count in self.jobs.items())


def ci_push_cost(plan: TestPlan, *, linux_jobs: int, full: bool = False) -> PushCost:
    """The test jobs of a push (the build jobs' included), and ``linux_jobs`` more on Linux (lint, All green...)."""
    os_of = {runner: os for os, runner in TEST_RUNNERS.items()}
    jobs = dict.fromkeys(BILLING_MULTIPLIERS, 0)
    jobs["linux"] += linux_jobs
    for runner, _ in plan.pairs(full=full):
        jobs[os_of[runner]] += 1
    return PushCost(jobs)


def test_plan(python_min: str, *, abi3: bool, free_threaded: bool) -> TestPlan:
    return TestPlan(tuple(test_runners()), tuple(test_pythons(python_min, free_threaded=free_threaded)), wheel=abi3)


# What a release build reads besides the source: a pull request that changes
# one of these runs the release workflow's builds and tests (and the full test
# matrix) before any tag does. Ordinary source changes are CI's.
PACKAGING_PATHS = (
    "**/Cargo.toml",
    "Cargo.lock",
    "pyproject.toml",
    "**/build.rs",
    ".cargo/**",
    "rust-toolchain.toml",
    "justfile",
    ".github/workflows/release.yml",
    ".github/workflows/test.yml",
    "scripts/test-wheel.sh",
    "scripts/check_dist.py",
)


def packaging_paths(*, pgo: bool) -> list[str]:
    return [*PACKAGING_PATHS, *(["scripts/pgo_train.py"] if pgo else [])]


@dataclass(frozen=True)
class Cell:
    """One property of a row of the release workflow's wheel matrix.

    ``value`` is a scalar, or a tuple of lines written as a YAML block (setup-python's
    list of versions); ``quoted`` writes a scalar as a YAML string whatever it holds.
    """

    key: str
    value: str | tuple[str, ...]
    comment: str = ""
    quoted: bool = False

    @property
    def lines(self) -> tuple[str, ...]:
        return self.value if isinstance(self.value, tuple) else ()

    @property
    def scalar(self) -> str:
        """The value as YAML: a block's header when it has lines, else the scalar itself."""
        if isinstance(self.value, tuple):
            return "|" if self.value else '""'
        if self.quoted or not self.value:
            return yaml_str(self.value)
        return self.value


# The properties of the wheel matrix, in the order each row writes them.
WHEEL_MATRIX_KEYS = (
    "platform",
    "runner",
    "target",
    "manylinux",
    "platform-tag",
    "python-arch",
    "wheels",
    "pgo",
    "free-threaded",
    "other-interpreters",
    "build-pythons",
    "test",
    "just-platform",
    "test-pythons",
    "test-with",
    "docker-platform",
    "test-image",
    "qemu",
    "test-requirements",
    "debian-packages",
    "leave-out",
)
# Written as YAML strings whatever they hold ("2_28" would read as a number).
_ALWAYS_QUOTED = {"manylinux", "python-arch", "free-threaded", "other-interpreters", "test-with", "test-requirements"}


def wheel_matrix(jobs: list[WheelJob]) -> list[list[Cell]]:
    """The rows of the release workflow's wheel matrix.

    A row defines every property its own steps read, empty where it has
    nothing to give; a step exists only when some row reads it
    (``wheel_matrix_keys``). GitHub reads an undefined property as empty,
    but actionlint (and anyone reading the matrix) takes a property that no
    row defines for a mistake, and which properties exist depends on the
    platforms chosen.
    """
    rows = [_wheel_row(job, pgo=any(j.pgo for j in jobs), others=any(j.others for j in jobs)) for job in jobs]
    keys = [key for key in WHEEL_MATRIX_KEYS if any(key in row for row in rows)]
    return [
        [row.get(key) or _empty(key, rows) for key in keys if key in row or _reads(key, job)]
        for job, row in zip(jobs, rows, strict=True)
    ]


def wheel_matrix_keys(jobs: list[WheelJob]) -> list[str]:
    """Every property of the wheel matrix: the ones the release workflow's steps may read."""
    return [key for key in WHEEL_MATRIX_KEYS if any(cell.key == key for row in wheel_matrix(jobs) for cell in row)]


# The properties the container test step reads; the QEMU step reads `qemu` on the emulated rows, which all have one.
CONTAINER_KEYS = ("docker-platform", "test-image", "test-requirements", "debian-packages", "leave-out")


def _reads(key: str, job: WheelJob) -> bool:
    """Whether the steps a row runs read a property: by the row's OS and where its wheels are tested."""
    if key == "build-pythons":
        return job.platform.os != "linux"
    if key in {"test-pythons", "test-with"}:
        return job.platform.test_on == "runner"
    if key in CONTAINER_KEYS:
        return job.container is not None
    return key != "qemu"


def _empty(key: str, rows: list[dict[str, Cell]]) -> Cell:
    block = any(isinstance(row[key].value, tuple) for row in rows if key in row)
    return Cell(key, () if block else "", quoted=True)


def _wheel_row(job: WheelJob, *, pgo: bool, others: bool) -> dict[str, Cell]:
    platform = job.platform
    cells = [
        Cell("platform", platform.key),
        Cell("runner", platform.runner),
        Cell("target", platform.action_target),
        Cell("manylinux", job.manylinux or ""),
        Cell("platform-tag", job.platform_tag),
        Cell("python-arch", platform.windows_python_arch or ""),
        Cell("wheels", " ".join(job.tags), comment=job.threaded_limit),
    ]
    if job.pgo:
        cells.append(Cell("pgo", "--pgo", "profile-guided: each wheel trained on this runner by scripts/pgo_train.py"))
    elif pgo:
        cells.append(Cell("pgo", "", f"plain build: {platform.plain_build_reason}"))
    threaded = job.interpreters("free-threaded")
    if threaded:
        cells.append(Cell("free-threaded", threaded))
    if job.others:
        untested = (
            f"{', '.join(i.name for i in job.others)}: built, not tested ({job.untested_reason})"
            if job.untested_reason
            else ""
        )
        cells.append(Cell("other-interpreters", job.other_interpreters, comment=untested))
    if platform.os != "linux":
        cells.append(Cell("build-pythons", tuple(job.setup_pythons)))
    cells.append(Cell("test", platform.test_on))
    if job.just_platform:
        comment = f"rust-just has no wheel for this platform: its {job.just_platform} one runs emulated"
        cells.append(Cell("just-platform", job.just_platform, comment))
    if platform.test_on == "runner":
        pythons = tuple(i.setup_python for i in job.tested_others) + tuple(reversed(job.test_pythons))
        cells.append(Cell("test-pythons", pythons))
        if others:
            cells.append(Cell("test-with", job.test_with))
    if job.container:
        cells += _container_cells(platform, job.container)
    return {cell.key: replace(cell, quoted=cell.key in _ALWAYS_QUOTED) for cell in cells}


def _container_cells(platform: Platform, container: ContainerTest) -> list[Cell]:
    cells = [Cell("docker-platform", platform.docker_platform or ""), Cell("test-image", container.image)]
    if container.qemu:
        cells.append(Cell("qemu", container.qemu))
    if container.requirements:
        cells.append(Cell("test-requirements", " ".join(container.requirements)))
    if container.debian_packages:
        cells.append(Cell("debian-packages", " ".join(container.debian_packages)))
    if container.left_out:
        comment = "it imports a dependency PyPI has no wheel of here, and no Debian Python takes the wheel"
        cells.append(Cell("leave-out", " ".join(container.left_out), comment))
    return cells
