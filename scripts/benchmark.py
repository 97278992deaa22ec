"""Measure what users feel, side by side with `maturin new` on the same machine.

    uv run python scripts/benchmark.py [--runs 3] [--suite]

Prints one table (medians of --runs runs, and ratios) and writes it, with
the machine and the date, to benchmark-results.json:

- render: `copier copy` of each preset, against `copier --version`, the floor
  of Copier's own start-up;
- first import: from an empty folder to a working `import` of the rendered
  default preset (copier copy, `just dev`, import), against `maturin new
  --mixed`, a virtual environment, `maturin develop --uv` and import;
- rebuild: a one-line edit of src/lib.rs, then the documented dev command and
  an import (`just dev` against `maturin develop --uv`);
- wheel size: the release wheel of each (`just build` against `maturin build
  --release`);
- with --suite, the template's own test suite, end to end.

Each project builds in its own, fresh target directory: nothing is shared
between the two flows but the crates.io and PyPI download caches.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = Path(sys.executable).parent
PRESETS = sorted(path.stem for path in (ROOT / "presets").glob("*.yml"))
LARGEST_PRESET = "full"
EDIT = "\n// benchmark edit {n}\n"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "CARGO_TARGET_DIR", "PYTHONPATH"}}
    env["PATH"] = os.pathsep.join([str(TOOLS), env.get("PATH", "")])
    env.update(extra)
    return env


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(cmd, cwd=cwd, env=env or _env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"`{' '.join(cmd)}` failed in {cwd}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")


def _timed(*steps: tuple[list[str], Path, dict[str, str] | None]) -> float:
    start = time.perf_counter()
    for cmd, cwd, env in steps:
        _run(cmd, cwd, env)
    return time.perf_counter() - start


def _copier(preset: str, destination: Path) -> tuple[list[str], Path, None]:
    destination.parent.mkdir(parents=True, exist_ok=True)
    data = ROOT / "presets" / f"{preset}.yml"
    return ([str(TOOLS / "copier"), "copy", "--quiet", "--trust", "--defaults", "--vcs-ref", "HEAD",
             "--data-file", str(data), str(ROOT), str(destination)], destination.parent, None)  # fmt: skip


class Flows:
    """The copier-pyo3 flow and the `maturin new` flow, each in its own folder."""

    def __init__(self, work: Path, run: int) -> None:
        self.template = work / f"template-{run}" / "project"
        self.baseline = work / f"maturin-{run}" / "baseline"
        self.template.parent.mkdir(parents=True)
        self.baseline.parent.mkdir(parents=True)
        venv = self.baseline / ".venv"
        self.baseline_env = _env(VIRTUAL_ENV=str(venv), PATH=os.pathsep.join([str(venv / "bin"), _env()["PATH"]]))

    def template_first_import(self) -> float:
        return _timed(
            _copier("default", self.template),
            ([str(TOOLS / "just"), "dev"], self.template, None),
            (["uv", "run", "--no-sync", "python", "-c", "import fast_stats"], self.template, None),
        )

    def baseline_first_import(self) -> float:
        return _timed(
            (
                [str(TOOLS / "maturin"), "new", "--mixed", "--bindings", "pyo3", str(self.baseline)],
                self.baseline.parent,
                None,
            ),
            (["uv", "venv", "--quiet", ".venv"], self.baseline, None),
            ([str(TOOLS / "maturin"), "develop", "--uv"], self.baseline, self.baseline_env),
            ([str(self.baseline / ".venv" / "bin" / "python"), "-c", "import baseline"], self.baseline, None),
        )

    def template_rebuild(self, n: int) -> float:
        _edit(self.template / "src" / "lib.rs", n)
        return _timed(
            ([str(TOOLS / "just"), "dev"], self.template, None),
            (["uv", "run", "--no-sync", "python", "-c", "import fast_stats"], self.template, None),
        )

    def baseline_rebuild(self, n: int) -> float:
        _edit(self.baseline / "src" / "lib.rs", n)
        return _timed(
            ([str(TOOLS / "maturin"), "develop", "--uv"], self.baseline, self.baseline_env),
            ([str(self.baseline / ".venv" / "bin" / "python"), "-c", "import baseline"], self.baseline, None),
        )

    def template_wheel(self) -> int:
        _run([str(TOOLS / "just"), "build"], self.template)
        return _wheel_size(self.template / "dist")

    def baseline_wheel(self) -> int:
        _run([str(TOOLS / "maturin"), "build", "--release", "--out", "dist"], self.baseline)
        return _wheel_size(self.baseline / "dist")


def _edit(path: Path, n: int) -> None:
    path.write_text(path.read_text(encoding="utf-8") + EDIT.format(n=n), encoding="utf-8")


def _wheel_size(dist: Path) -> int:
    (wheel,) = dist.glob("*.whl")
    return wheel.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (medians are reported)")
    parser.add_argument("--suite", action="store_true", help="also time the template's own test suite")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmark-results.json")
    args = parser.parse_args()

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="copier-pyo3-bench-") as tmp:
        work = Path(tmp)
        floor = [_timed(([str(TOOLS / "copier"), "--version"], work, None)) for _ in range(args.runs)]
        results["copier --version"] = {"ours": statistics.median(floor)}
        for preset in PRESETS:
            times = [_timed(_copier(preset, work / f"render-{preset}-{i}" / "p")) for i in range(args.runs)]
            median = statistics.median(times)
            results[f"render {preset}"] = {"ours": median, "floor": results["copier --version"]["ours"]}

        first, rebuild, wheel = [], [], []
        for run in range(args.runs):
            flows = Flows(work, run)
            first.append((flows.template_first_import(), flows.baseline_first_import()))
            rebuild.append((flows.template_rebuild(run), flows.baseline_rebuild(run)))
            if run == 0:
                wheel.append((flows.template_wheel(), flows.baseline_wheel()))
            shutil.rmtree(flows.template.parent)
            shutil.rmtree(flows.baseline.parent)
        for name, pairs in (("first import", first), ("rebuild after a one-line edit", rebuild)):
            results[name] = {
                "ours": statistics.median(p[0] for p in pairs),
                "maturin new": statistics.median(p[1] for p in pairs),
            }
        results["release wheel size (bytes)"] = {"ours": wheel[0][0], "maturin new": wheel[0][1]}
        if args.suite:
            start = time.perf_counter()
            _run(["uv", "run", "--locked", "pytest", "-q"], ROOT)
            results["template test suite"] = {"ours": time.perf_counter() - start}

    _report(results, args)


def _report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    rows = ["| measurement | copier-pyo3 | baseline | ratio |", "|---|---|---|---|"]
    for name, values in results.items():
        ours = values["ours"]
        baseline = values.get("maturin new", values.get("floor"))
        unit = "" if "bytes" in name else " s"
        shown = f"{ours:,.0f}" if "bytes" in name else f"{ours:.2f}"
        base_shown = "" if baseline is None else (f"{baseline:,.0f}" if "bytes" in name else f"{baseline:.2f}")
        ratio = "" if baseline is None else f"{ours / baseline:.2f}"
        rows.append(f"| {name} | {shown}{unit} | {base_shown}{unit if baseline is not None else ''} | {ratio} |")
    table = "\n".join(rows)
    print(table)  # noqa: T201
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    args.output.write_text(
        json.dumps(
            {"date": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"), "machine": machine,
             "runs": args.runs, "results": results, "table": table},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )  # fmt: skip


if __name__ == "__main__":
    main()
