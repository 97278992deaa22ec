"""Measure what users feel, side by side with `maturin new` on the same machine.

    uv run python scripts/benchmark.py [--runs 3] [--suite]

Prints one table (medians of --runs runs, and ratios) and writes it, with
the machine and the date, to benchmark-results.json:

- render: `copier copy` of each preset, against `copier --version`, the floor
  of Copier's own start-up, and against a trivial template (one question, as
  many one-line files as the largest preset renders), the floor of Copier's
  own work per rendered file;
- first import: from an empty folder to a working `import` of the rendered
  default preset (copier copy, `just dev`, import), against `maturin new
  --mixed`, a virtual environment, `maturin develop --uv` and import;
- rebuild: a one-line edit of src/lib.rs, then the documented dev command and
  an import (`just dev` against `maturin develop --uv`); once more with
  UV_OFFLINE=1, which takes uv's cached index pages as PyPI's cache headers
  allow (a registry mirror that sends none makes uv fetch maturin's index page
  again for every editable build);
- wheel size: the release wheel of each (`just build` against `maturin build
  --release`), and `maturin new`'s code built with the template's release
  profile, which tells the profile's share from the larger example API's;
- with --suite, the template's own test suite, end to end.

Each project builds in its own, fresh target directory: nothing is shared
between the two flows but the crates.io and PyPI download caches. Python runs
with bytecode caching on, as in any virtual environment a user has (an
environment with PYTHONDONTWRITEBYTECODE set would time Copier compiling its
own modules), and one untimed render writes those caches first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measuring import TOOLS, clean_env, write_results

ROOT = Path(__file__).resolve().parents[1]
PRESETS = sorted(path.stem for path in (ROOT / "presets").glob("*.yml"))
LARGEST_PRESET = "full"
EDIT = "\n// benchmark edit {n}\n"
# The template's release profile, as its Cargo.toml writes it.
RELEASE_PROFILE = '\n[profile.release]\nlto = "fat"\ncodegen-units = 1\nstrip = true\n'


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(cmd, cwd=cwd, env=env or clean_env(), capture_output=True, text=True, check=False)
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


def _trivial_template(work: Path, files: int) -> Path:
    """A git-committed template of one question and ``files`` one-line files."""
    template = work / "trivial-template"
    (template / "template").mkdir(parents=True)
    (template / "copier.yml").write_text(
        "_subdirectory: template\n_templates_suffix: .jinja\nname:\n  type: str\n  default: x\n", encoding="utf-8"
    )
    for n in range(files):
        (template / "template" / f"file{n}.txt.jinja").write_text(f"{{{{ name }}}} {n}\n", encoding="utf-8")
    for command in (["git", "init", "--quiet"], ["git", "add", "-A"], ["git", "commit", "--quiet", "-m", "trivial"]):
        _run(
            command,
            template,
            clean_env(
                GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@b.b", GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@b.b"
            ),
        )
    return template


class Flows:
    """The copier-pyo3 flow and the `maturin new` flow, each in its own folder."""

    def __init__(self, work: Path, run: int) -> None:
        self.template = work / f"template-{run}" / "project"
        self.baseline = work / f"maturin-{run}" / "baseline"
        self.template.parent.mkdir(parents=True)
        self.baseline.parent.mkdir(parents=True)
        venv = self.baseline / ".venv"
        self.baseline_env = clean_env(
            VIRTUAL_ENV=str(venv), PATH=os.pathsep.join([str(venv / "bin"), clean_env()["PATH"]])
        )

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

    def template_rebuild(self, n: int, **extra: str) -> float:
        _edit(self.template / "src" / "lib.rs", n)
        env = clean_env(**extra)
        return _timed(
            ([str(TOOLS / "just"), "dev"], self.template, env),
            (["uv", "run", "--no-sync", "python", "-c", "import fast_stats"], self.template, env),
        )

    def baseline_rebuild(self, n: int, **extra: str) -> float:
        _edit(self.baseline / "src" / "lib.rs", n)
        return _timed(
            ([str(TOOLS / "maturin"), "develop", "--uv"], self.baseline, {**self.baseline_env, **extra}),
            ([str(self.baseline / ".venv" / "bin" / "python"), "-c", "import baseline"], self.baseline, None),
        )

    def template_wheel(self) -> int:
        _run([str(TOOLS / "just"), "build"], self.template)
        return _wheel_size(self.template / "dist")

    def baseline_wheel(self) -> int:
        _run([str(TOOLS / "maturin"), "build", "--release", "--out", "dist"], self.baseline)
        return _wheel_size(self.baseline / "dist")

    def baseline_wheel_with_template_profile(self) -> int:
        manifest = self.baseline / "Cargo.toml"
        manifest.write_text(manifest.read_text(encoding="utf-8") + RELEASE_PROFILE, encoding="utf-8")
        shutil.rmtree(self.baseline / "dist")
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
        _timed(_copier(LARGEST_PRESET, work / "warm-up" / "p"))  # writes the bytecode caches
        floor = [_timed(([str(TOOLS / "copier"), "--version"], work, None)) for _ in range(args.runs)]
        results["copier --version"] = {"ours": statistics.median(floor)}
        for preset in PRESETS:
            times = [_timed(_copier(preset, work / f"render-{preset}-{i}" / "p")) for i in range(args.runs)]
            median = statistics.median(times)
            results[f"render {preset}"] = {"ours": median, "floor": results["copier --version"]["ours"]}
        largest = work / "warm-up" / "p"
        files = sum(1 for path in largest.rglob("*") if path.is_file())
        trivial = _trivial_template(work, files)
        times = [
            _timed(
                (
                    [
                        str(TOOLS / "copier"),
                        "copy",
                        "--quiet",
                        "--defaults",
                        "--vcs-ref",
                        "HEAD",
                        str(trivial),
                        str(work / f"trivial-{i}"),
                    ],
                    work,
                    None,
                )
            )
            for i in range(args.runs)
        ]
        results[f"render a trivial template of {files} files"] = {
            "ours": statistics.median(times),
            "floor": results["copier --version"]["ours"],
        }

        first, rebuild, rebuild_offline = [], [], []
        for run in range(args.runs):
            flows = Flows(work, run)
            first.append((flows.template_first_import(), flows.baseline_first_import()))
            rebuild.append((flows.template_rebuild(2 * run), flows.baseline_rebuild(2 * run)))
            rebuild_offline.append(
                (
                    flows.template_rebuild(2 * run + 1, UV_OFFLINE="1"),
                    flows.baseline_rebuild(2 * run + 1, UV_OFFLINE="1"),
                )
            )
            if run == 0:
                ours, baseline = flows.template_wheel(), flows.baseline_wheel()
                same_code = flows.baseline_wheel_with_template_profile()
            shutil.rmtree(flows.template.parent)
            shutil.rmtree(flows.baseline.parent)
        for name, pairs in (
            ("first import", first),
            ("rebuild after a one-line edit", rebuild),
            ("rebuild after a one-line edit, UV_OFFLINE=1", rebuild_offline),
        ):
            results[name] = {
                "ours": statistics.median(p[0] for p in pairs),
                "maturin new": statistics.median(p[1] for p in pairs),
            }
        results["release wheel size (bytes)"] = {"ours": ours, "maturin new": baseline}
        results["maturin new's code, template's release profile (bytes)"] = {"ours": same_code, "maturin new": baseline}
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
    write_results(args.output, {"runs": args.runs, "results": results, "table": table})


if __name__ == "__main__":
    main()
