"""scripts/refresh_pins.py: its rules on made-up releases, the whole run on
recorded registry answers, and one live run against crates.io and PyPI."""

from __future__ import annotations

import ast
import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pin_registries
import pytest
import refresh_pins
import yaml
from helpers import ROOT
from pin_rules import PYO3_COUPLED, Release, Rules, cargo_requirement_admits, choose, is_breaking
from recorded_registries import RecordedFetch, recorded_date

from extensions import pins

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2026, 12, 1, tzinfo=UTC)
RULES = Rules(now=NOW, cooldown_days=7, rust_version="1.85", python="3.11")
OLD = NOW - timedelta(days=30)


def _release(version: str, **fields: object) -> Release:
    return Release(version=version, published=fields.pop("published", OLD), **fields)  # type: ignore[arg-type]


# -- the rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("newer", "reason"),
    [
        (_release("1.3.0rc1"), "a pre-release"),
        (_release("1.3.0-beta.1"), "a pre-release"),
        (_release("v1.3.0", prerelease=True), "a pre-release"),
        (_release("1.3.0", yanked=True), "yanked"),
        (_release("1.3.0", published=NOW - timedelta(days=6)), "6 days old, under the 7-day cooldown"),
        (_release("1.3.0", rust_version="1.88"), "needs Rust 1.88, newer than the declared 1.85"),
        (_release("1.3.0", requires_python=">=3.12"), "needs Python >=3.12, not 3.11"),
    ],
)
def test_a_release_that_breaks_a_rule_is_passed_over(newer: Release, reason: str) -> None:
    choice = choose("1.2.0", [_release("1.2.0"), _release("1.2.5"), newer], RULES)
    assert choice.newest == "1.2.5"
    assert choice.passed_over == ((newer.version, reason),)


def test_the_cooldown_ends_on_its_last_day() -> None:
    releases = [_release("1.2.0"), _release("1.3.0", published=NOW - timedelta(days=7))]
    assert choose("1.2.0", releases, RULES).newest == "1.3.0"


def test_nothing_newer_is_current() -> None:
    choice = choose("1.2.0", [_release("1.1.0"), _release("1.2.0")], RULES)
    assert (choice.newest, choice.stale, choice.breaking) == ("1.2.0", False, False)


@pytest.mark.parametrize(
    ("old", "new", "breaking"),
    [
        ("0.30.1", "0.30.2", False),
        ("0.30.1", "0.31.0", True),  # a 0.x minor is Cargo's major
        ("0.0.26", "0.0.27", True),
        ("1.16.0", "1.17.0", False),
        ("1.16.0", "2.0.0", True),
        ("v7.0.1", "v8.0.0", True),
        ("2026.10.20", "2027.1.5", False),  # a calendar version promises nothing
    ],
)
def test_breaking_moves_are_those_cargo_caret_would_refuse(old: str, new: str, *, breaking: bool) -> None:
    assert is_breaking(old, new) is breaking


@pytest.mark.parametrize(
    ("requirement", "version", "admitted"),
    [
        ("^0.30.0", "0.30.1", True),
        ("^0.30.0", "0.31.0", False),
        ("0.30", "0.30.9", True),  # no operator is a caret
        (">=0.27.0", "0.30.1", True),
        (">=0.21, <0.30", "0.30.0", False),
        (">=0.21, <0.30", "0.29.3", True),
        ("~1.2.3", "1.2.9", True),
        ("~1.2.3", "1.3.0", False),
        ("=0.30.1", "0.30.1", True),
        ("=0.30.1", "0.30.2", False),
        ("^1", "1.99.0", True),
        ("^0.0.3", "0.0.4", False),
        ("*", "5.0.0", True),
        ("not a requirement", "1.0.0", False),
    ],
)
def test_cargo_requirements(requirement: str, version: str, *, admitted: bool) -> None:
    assert cargo_requirement_admits(requirement, version) is admitted


# -- the pins and the places they are written --------------------------------


def test_every_place_of_every_pin_holds_the_same_version() -> None:
    # read_current raises when a place lacks the pin or two places disagree:
    # this is what keeps .ci/run, the README, tests.yml and the dev
    # dependencies equal to extensions/pins.py.
    for pin in refresh_pins.PINS:
        version, sha = refresh_pins.read_current(pin, ROOT)
        assert version
        assert (sha is not None) == (pin.registry == "github-releases")


def _version_literals(source: str) -> set[str]:
    """Every string in pins.py that is a version, a commit, or holds one after `==`."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.rpartition("==")[2]
            if re.fullmatch(r"v?\d+(\.\d+)+|[0-9a-f]{40}", text):
                found.add(text)
    return found


def test_every_version_in_pins_py_is_refreshed() -> None:
    source = (ROOT / "extensions" / "pins.py").read_text(encoding="utf-8")
    refreshed = set()
    for pin in refresh_pins.PINS:
        for place in pin.places:
            if place.path == refresh_pins.PINS_PY:
                for match in place.pattern().finditer(source):
                    values = [value for value in match.groupdict().values() if value]
                    refreshed.update(values + [f"v{value}" for value in values])  # a hook's tag: "v" + version
    # Not release versions: Python feature releases, Rust's MSRV and edition,
    # the oldest pre-commit a project may run.
    not_pins = {r.version for r in pins.CPYTHON_RELEASES} | {pins.RUST_VERSION, pins.PRE_COMMIT_MINIMUM}
    assert _version_literals(source) - not_pins - refreshed == set()


def test_dependabot_leaves_the_refreshed_pins_to_the_refresh() -> None:
    # One owner per pin: Dependabot moves the template's own tools and
    # workflow actions; what pins.py owns it must not touch.
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    (uv,) = [update for update in config["updates"] if update["package-ecosystem"] == "uv"]
    ignored = {entry["dependency-name"] for entry in uv["ignore"]}
    owned = {pin.package for pin in refresh_pins.PINS if any(p.path == "pyproject.toml" for p in pin.places)}
    assert ignored == owned


# -- whole runs on recorded answers -------------------------------------------


def _recorded_rules() -> Rules:
    return Rules(now=recorded_date(), cooldown_days=pins.COOLDOWN_DAYS, rust_version=pins.RUST_VERSION, python="3.11")


def _repository_copy(tmp_path: Path) -> Path:
    """The files pins are written in, as in this checkout."""
    paths = {place.path for pin in refresh_pins.PINS for place in pin.places}
    for path in paths:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / path, tmp_path / path)
    return tmp_path


def _set(root: Path, name: str, version: str) -> None:
    path = root / refresh_pins.PINS_PY
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf'^{name} = "[^"]+"', f'{name} = "{version}"', text, count=1, flags=re.MULTILINE))


def test_on_the_recorded_answers_every_pin_is_current() -> None:
    outcomes = refresh_pins.refresh(ROOT, RecordedFetch(), _recorded_rules())
    assert [o.pin.name for o in outcomes if o.choice.stale] == []
    assert refresh_pins.table(outcomes) == f"All {len(refresh_pins.PINS)} pins are current.\n"


def test_pyo3_one_minor_back_is_reported_and_written_with_rust_numpy(tmp_path: Path) -> None:
    root = _repository_copy(tmp_path)
    _set(root, "PYO3", "0.29.3")
    _set(root, "RUST_NUMPY", "0.29.0")
    outcomes = refresh_pins.refresh(root, RecordedFetch(), _recorded_rules())
    stale = {o.pin.name: (o.choice.current, o.choice.newest, o.choice.breaking) for o in outcomes if o.choice.stale}
    assert stale == {"pyo3": ("0.29.3", pins.PYO3, True), "numpy": ("0.29.0", pins.RUST_NUMPY, True)}
    assert "| pyo3 | 0.29.3 | 0.30.1 | **breaking**" in refresh_pins.table(outcomes)

    assert refresh_pins.write(root, outcomes, {}) == [refresh_pins.PINS_PY]
    assert (root / refresh_pins.PINS_PY).read_text(encoding="utf-8") == (ROOT / refresh_pins.PINS_PY).read_text(
        encoding="utf-8"
    )


def test_check_exits_non_zero_on_a_stale_pin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repository_copy(tmp_path)
    _set(root, "PYO3", "0.29.3")
    argv = ["--root", str(root), "--today", recorded_date().date().isoformat()]
    assert refresh_pins.main(["--check", *argv], fetch=RecordedFetch()) == 1
    assert "| pyo3 | 0.29.3 | 0.30.1 |" in capsys.readouterr().out
    assert refresh_pins.main(["--write", "--no-regenerate", *argv], fetch=RecordedFetch()) == 0
    assert refresh_pins.main(["--check", *argv], fetch=RecordedFetch()) == 0


def _with_crate_release(name: str, version: str, pyo3_requirement: str | None, published: datetime) -> bytes:
    url = f"{pin_registries.CRATES_INDEX}/{pin_registries.crate_index_path(name)}"
    deps = [{"name": "pyo3", "req": pyo3_requirement, "kind": "normal"}] if pyo3_requirement else []
    entry = {"name": name, "vers": version, "yanked": False, "rust_version": "1.85", "pubtime": published.isoformat()}
    return RecordedFetch()(url, {}) + (json.dumps({**entry, "deps": deps}) + "\n").encode()


def _crate_url(name: str) -> str:
    return f"{pin_registries.CRATES_INDEX}/{pin_registries.crate_index_path(name)}"


def test_pyo3_waits_for_rust_numpy() -> None:
    month_ago = recorded_date() - timedelta(days=30)
    pyo3_031 = _with_crate_release("pyo3", "0.31.0", None, month_ago)
    outcomes = refresh_pins.refresh(
        ROOT, RecordedFetch({_crate_url("pyo3"): pyo3_031}), _recorded_rules(), only=["pyo3", "numpy"]
    )
    (pyo3,) = [o.choice for o in outcomes if o.pin.name == "pyo3"]
    assert not pyo3.stale
    assert pyo3.passed_over == (("0.31.0", "no numpy release accepts it yet"),)

    numpy_031 = _with_crate_release("numpy", "0.31.0", "^0.31.0", month_ago)
    fetch = RecordedFetch({_crate_url("pyo3"): pyo3_031, _crate_url("numpy"): numpy_031})
    outcomes = refresh_pins.refresh(ROOT, fetch, _recorded_rules(), only=["pyo3", "numpy", "serde-pyobject"])
    moved = {o.pin.name: o.choice.newest for o in outcomes if o.choice.stale}
    # serde-pyobject 0.8 asks for pyo3 >=0.27: it accepts 0.31 as it is.
    assert moved == {"pyo3": "0.31.0", "numpy": "0.31.0"}


def test_pyo3_waits_for_every_crate_that_follows_it() -> None:
    """pyo3-log and pyo3-async-runtimes follow pyo3 as rust-numpy does: a pyo3 minor
    that one of them has no release for yet is passed over, naming it."""
    assert {"numpy", "serde-pyobject", "pyo3-log", "pyo3-async-runtimes"} == PYO3_COUPLED
    month_ago = recorded_date() - timedelta(days=30)
    releases = {
        "pyo3": _with_crate_release("pyo3", "0.31.0", None, month_ago),
        "numpy": _with_crate_release("numpy", "0.31.0", "^0.31.0", month_ago),
        "pyo3-async-runtimes": _with_crate_release("pyo3-async-runtimes", "0.31.0", "^0.31", month_ago),
    }
    followers = ["pyo3", "numpy", "serde-pyobject", "pyo3-log", "pyo3-async-runtimes"]
    fetch = RecordedFetch({_crate_url(name): body for name, body in releases.items()})
    outcomes = refresh_pins.refresh(ROOT, fetch, _recorded_rules(), only=followers)
    (pyo3,) = [o.choice for o in outcomes if o.pin.name == "pyo3"]
    assert not pyo3.stale
    # pyo3-log 0.13.5 asks for pyo3 >=0.26, <0.31
    assert pyo3.passed_over == (("0.31.0", "no pyo3-log release accepts it yet"),)

    releases["pyo3-log"] = _with_crate_release("pyo3-log", "0.13.6", ">=0.26, <0.32", month_ago)
    fetch = RecordedFetch({_crate_url(name): body for name, body in releases.items()})
    outcomes = refresh_pins.refresh(ROOT, fetch, _recorded_rules(), only=followers)
    moved = {o.pin.name: o.choice.newest for o in outcomes if o.choice.stale}
    assert moved == {"pyo3": "0.31.0", "numpy": "0.31.0", "pyo3-log": "0.13.6", "pyo3-async-runtimes": "0.31.0"}


def test_an_action_moves_to_its_new_tag_and_that_tag_s_commit(tmp_path: Path) -> None:
    root = _repository_copy(tmp_path)
    api = f"{pin_registries.GITHUB_API}/repos/actions/checkout"
    old = pins.ACTIONS["checkout"]
    newer = {"tag_name": "v7.1.0", "draft": False, "prerelease": False, "published_at": "2026-11-01T00:00:00Z"}
    draft = {"tag_name": "v9.0.0", "draft": True, "prerelease": False, "published_at": "2026-11-01T00:00:00Z"}
    listing = json.loads(RecordedFetch()(f"{api}/releases?per_page=100", {}))
    fetch = RecordedFetch(
        {
            f"{api}/releases?per_page=100": json.dumps([draft, newer, *listing]).encode(),
            f"{api}/commits/v7.1.0": b"1" * 40,
        }
    )
    outcomes = refresh_pins.refresh(root, fetch, _recorded_rules(), only=["actions/checkout"])
    assert refresh_pins.write(root, outcomes, {"actions/checkout": old.sha}) == [refresh_pins.PINS_PY]
    text = (root / refresh_pins.PINS_PY).read_text(encoding="utf-8")
    assert f'Action("actions/checkout", "{"1" * 40}", "v7.1.0")' in text
    assert old.sha not in text


def test_uv_moves_in_every_place_it_is_written(tmp_path: Path) -> None:
    root = _repository_copy(tmp_path)
    (uv,) = [pin for pin in refresh_pins.PINS if pin.name == "uv"]
    url = f"{pin_registries.PYPI}/uv/json"
    listing = json.loads(RecordedFetch()(url, {}))
    listing["releases"]["99.0.0"] = [{"upload_time_iso_8601": "2026-01-01T00:00:00Z", "yanked": False}]
    outcomes = refresh_pins.refresh(
        root, RecordedFetch({url: json.dumps(listing).encode()}), _recorded_rules(), only=["uv"]
    )
    changed = refresh_pins.write(root, outcomes, {})
    assert changed == sorted({place.path for place in uv.places})
    assert refresh_pins.read_current(uv, root) == ("99.0.0", None)


def test_an_unknown_pin_is_named() -> None:
    with pytest.raises(refresh_pins.PinError, match="no pin named pyo4; the pins are pyo3, numpy"):
        refresh_pins.refresh(ROOT, RecordedFetch(), _recorded_rules(), only=["pyo4"])


# -- live --------------------------------------------------------------------


def test_today_s_registries_name_the_newest_pyo3_and_maturin(capsys: pytest.CaptureFixture[str]) -> None:
    """Reads crates.io and PyPI as they are today. Passes whether or not the pins are stale
    that day: an upstream release must not turn the suite red."""
    rules = Rules(
        now=datetime.now(UTC), cooldown_days=pins.COOLDOWN_DAYS, rust_version=pins.RUST_VERSION, python="3.11"
    )
    outcomes = refresh_pins.refresh(ROOT, pin_registries.fetch_live, rules, only=["pyo3", "maturin"])
    newest = {o.pin.name: o.choice.newest for o in outcomes}
    assert newest.keys() == {"pyo3", "maturin"}
    assert refresh_pins.parse(newest["pyo3"]) >= refresh_pins.parse(pins.PYO3)
    assert refresh_pins.parse(newest["maturin"]) >= refresh_pins.parse(pins.MATURIN)
    with capsys.disabled():
        print(f"\nnewest acceptable today: pyo3 {newest['pyo3']}, maturin {newest['maturin']}")  # noqa: T201
