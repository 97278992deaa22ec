"""What the pgo extra buys: the full preset's wheel built plain and with PGO, measured side by side.

    uv run python scripts/pgo_speedup.py [--runs 7] [--callgrind-runs 2] [--keep]

Renders presets/full.yml, builds its release wheel twice with the project's
own recipes (`just build`, `just build-pgo`; both unstripped, which changes
no code), installs each in its own virtual environment and runs the same
snippets of the example API against both:

- instructions executed inside the extension's shared object alone, counted
  by valgrind's callgrind, per rep of the snippet: a run of 3 reps less a run
  of none, so the import, the set-up and the first call cancel out. Unlike
  whole-process counts, which the interpreter and the address-space layout
  move by millions between identical runs, these repeat (near) exactly;
- wall time per rep: the median of --runs processes, each the best of 5
  loops, with the spread (max - min) / median as its noise.

Prints one table and writes it with every raw figure to
pgo-speedup-results.json in the current directory. Builds share a Cargo
target directory in the user cache, so reruns rebuild little but the
extension. Needs valgrind (installed with apt-get when missing) and rustup
(`just build-pgo` adds llvm-tools).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml
from measuring import TOOLS, clean_env, write_results

ROOT = Path(__file__).resolve().parents[1]
PRESET = ROOT / "presets" / "full.yml"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "copier-pyo3" / "pgo-speedup"
WHEELS = ("plain", "pgo")
# A fixed identity and date make the rendered project's commit, which
# build_info() embeds, the same on every run.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "pgo-speedup",
    "GIT_AUTHOR_EMAIL": "pgo-speedup@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_NAME": "pgo-speedup",
    "GIT_COMMITTER_EMAIL": "pgo-speedup@example.org",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
}


@dataclass(frozen=True)
class Case:
    """A snippet of the example API: ``setup`` once, ``statement`` once untimed, then timed loops of ``reps``."""

    name: str
    statement: str
    reps: int  # one timed loop takes some 20-40 ms on a 2020s x86 core
    setup: str = ""


# The data every case makes. numpy makes it: random.gauss would cost
# callgrind more than most of the calls it measures.
COMMON_SETUP = """\
import time
import numpy as np
from {module} import RunningStats, mean, mean_array, standardize, sum_of_squares
values = np.random.default_rng(0).standard_normal(100_000).tolist()
array = np.asarray(values, dtype=np.float64)
few = values[:1_000]
"""
# Imports the package and makes the data, calls nothing: the extension's own
# start-up (module init, mimalloc's), a floor the other cases are not net of.
BASELINE = "none"
# What scripts/pgo_train.py trains, and two paths it trains less or not at all
# (the getters run once per training round, serde never).
CASES = [
    Case(BASELINE, "pass", 0),
    Case("mean(list of 100k)", "mean(values)", 20),
    Case("RunningStats(list of 100k)", "RunningStats(values)", 20),
    Case("RunningStats.extend(100k)", "stats.extend(values)", 20, "stats = RunningStats()"),
    Case("RunningStats.push x1000", "for value in few: stats.push(value)", 200, "stats = RunningStats()"),
    Case("getters mean+variance+len", "stats.mean + stats.variance + len(stats)", 100_000, "stats = RunningStats(few)"),
    Case("to_dict/from_dict (serde)", "RunningStats.from_dict(stats.to_dict())", 20_000, "stats = RunningStats(few)"),
    Case("mean_array(100k)", "mean_array(array)", 50),
    Case("standardize(100k)", "standardize(array)", 40),
    Case("sum_of_squares(100k, rayon)", "sum_of_squares(values)", 30),
]
# Instruction counts are exact, so callgrind, some 50 times slower, needs few reps.
CALLGRIND_REPS = 3
# Each timing process reports its best of this many loops, as timeit does:
# a loop that another process interrupted is only ever slower.
LOOPS = 5


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # noqa: T201


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, *, stderr: bool = False) -> str:
    """Run a command; return its output (with its standard error, if asked), or exit with both."""
    result = subprocess.run(
        cmd, cwd=cwd, env=env or clean_env(), stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"`{' '.join(cmd)}` failed in {cwd}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result.stdout + (result.stderr if stderr else "")


def ensure_valgrind() -> str:
    """valgrind's path, installing Debian's package first if it is missing."""
    found = shutil.which("valgrind")
    if found:
        return found
    apt = shutil.which("apt-get")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    if apt is None or (sudo and shutil.which("sudo") is None):
        sys.exit("valgrind is needed: install it with your package manager (Debian: apt-get install valgrind)")
    _progress("valgrind is missing: installing it with apt-get")
    _run([*sudo, apt, "update", "--quiet"], ROOT)
    _run([*sudo, apt, "install", "--yes", "--quiet", "valgrind"], ROOT)
    return shutil.which("valgrind") or sys.exit("apt-get installed valgrind, but it is not on PATH")


def render_project(destination: Path) -> Path:
    """The full preset, rendered and committed (build.rs reads the commit; uv's cache keys on it)."""
    _run(
        [str(TOOLS / "copier"), "copy", "--quiet", "--trust", "--defaults", "--vcs-ref", "HEAD",
         "--data-file", str(PRESET), str(ROOT), str(destination)],
        destination.parent,
    )  # fmt: skip
    git = clean_env(**GIT_IDENTITY)
    for command in (["git", "init", "--quiet", "--initial-branch=main"], ["git", "add", "--all"]):
        _run(command, destination, git)
    _run(["git", "commit", "--quiet", "--no-verify", "-m", "Render"], destination, git)
    return destination


def build_wheels(project: Path) -> dict[str, Path]:
    """The plain and the PGO release wheel, one at a time: each build takes every core."""
    # Unstripped, so callgrind names the functions; the same code either way.
    env = clean_env(CARGO_TARGET_DIR=str(CACHE / "target"), CARGO_PROFILE_RELEASE_STRIP="false")
    _progress("building the plain wheel (just build)")
    _run([str(TOOLS / "just"), "build"], project, env)
    _progress("building the PGO wheel (just build-pgo): instrumented build, training, optimised build")
    output = _run([str(TOOLS / "just"), "build-pgo", "dist-pgo"], project, env, stderr=True)
    if "PGO build complete" not in output:
        sys.exit(f"`just build-pgo` did not report a PGO build:\n{output[-3000:]}")
    (plain,) = (project / "dist").glob("*.whl")
    (pgo,) = (project / "dist-pgo").glob("*.whl")
    return {"plain": plain, "pgo": pgo}


def extension_in_wheel(wheel: Path) -> tuple[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".so"))
        return name, archive.read(name)


def install(wheel: Path, venv: Path, python: Path, pins: list[str]) -> Path:
    """A fresh virtual environment with the wheel and its runtime dependencies; its Python."""
    _run(["uv", "venv", "--quiet", "--python", str(python), str(venv)], venv.parent)
    venv_python = venv / "bin" / "python"
    # Bytecode compiled now, or the first run under callgrind would count numpy's compilation.
    _run(
        ["uv", "pip", "install", "--quiet", "--compile-bytecode", "--python", str(venv_python), str(wheel), *pins],
        venv.parent,
    )
    return venv_python


def runtime_pins(python: Path, package: str) -> list[str]:
    """What the first environment resolved (numpy), so the second gets exactly the same."""
    frozen = _run(["uv", "pip", "freeze", "--python", str(python)], ROOT).splitlines()
    return [line for line in frozen if line.split("==")[0].split(" @ ")[0].strip() != package]


def installed_extension(python: Path, module: str, wheel: Path) -> Path:
    """The extension the environment imports, checked to be the wheel's own (not one uv cached)."""
    path = Path(_run([str(python), "-c", f"import {module}._core as m; print(m.__file__)"], ROOT).strip())
    _, expected = extension_in_wheel(wheel)
    if hashlib.sha256(path.read_bytes()).digest() != hashlib.sha256(expected).digest():
        sys.exit(f"{path} is not the extension of {wheel}")
    return path


def snippet(case: Case, module: str, reps: int, loops: int) -> str:
    """The program of one case: it prints the seconds of its fastest loop of ``reps``."""
    # One call before the loops: numpy's C API and rayon's threads start once, on first use.
    return (
        COMMON_SETUP.format(module=module)
        + case.setup
        + textwrap.dedent(f"""
        {case.statement}
        times = []
        for _ in range({loops}):
            start = time.perf_counter()
            for _ in range({reps}):
                {case.statement}
            times.append(time.perf_counter() - start)
        print(min(times))
        """)
    )


def wall_time_per_rep(python: Path, case: Case, module: str) -> float:
    output = _run([str(python), "-c", snippet(case, module, case.reps, LOOPS)], ROOT, clean_env(PYTHONHASHSEED="0"))
    return float(output.split()[-1]) / case.reps


def callgrind_counts(valgrind: str, python: Path, extension: Path, command: str) -> tuple[int, int]:
    """Instructions executed in the extension, and in the whole process, by ``python -c command``."""
    with tempfile.TemporaryDirectory(prefix="pgo-callgrind-") as tmp:
        out = Path(tmp) / "callgrind.out"
        _run(
            [valgrind, "--tool=callgrind", f"--callgrind-out-file={out}", "--dump-instr=no",
             "--compress-strings=no", "--compress-pos=no", str(python), "-c", command],
            ROOT,
            clean_env(PYTHONHASHSEED="0"),
        )  # fmt: skip
        return instructions_by_object(out, extension)


def instructions_by_object(callgrind_out: Path, shared_object: Path) -> tuple[int, int]:
    """Sum the self cost (Ir) of every function of ``shared_object``, and of all, from a callgrind file.

    The file must be written with --compress-strings=no. Each cost line belongs
    to the object named by the last ``ob=``; the line after ``calls=`` is the
    inclusive cost of a call, counted in the callee already, so it is skipped.
    """
    target = str(shared_object.resolve())
    inside = total = 0
    in_target = after_call = False
    ir_index = 0
    with callgrind_out.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith("events:"):
                ir_index = line.split()[1:].index("Ir")
            elif line.startswith("ob="):
                in_target = str(Path(line[3:].strip()).resolve()) == target
            elif line.startswith("calls="):
                after_call = True
            elif line[:1].isdigit() or line[:1] in {"+", "-", "*"}:
                if after_call:
                    after_call = False
                    continue
                fields = line.split()
                ir = int(fields[1 + ir_index]) if len(fields) > 1 + ir_index else 0
                total += ir
                if in_target:
                    inside += ir
    return inside, total


@dataclass
class Measured:
    """Every raw figure of one case and one wheel; instruction counts by the reps run."""

    extension_ir: dict[int, list[int]] = field(default_factory=dict)
    process_ir: dict[int, list[int]] = field(default_factory=dict)
    seconds_per_rep: list[float] = field(default_factory=list)


def rep_counts(case: Case) -> tuple[int, ...]:
    """The reps callgrind runs a case with: their difference leaves out set-up, import and first call."""
    return (0,) if case.name == BASELINE else (0, CALLGRIND_REPS)


def count_instructions(
    valgrind: str, pythons: dict[str, Path], extensions: dict[str, Path], module: str, runs: int
) -> dict[str, dict[str, Measured]]:
    results = {case.name: {w: Measured() for w in WHEELS} for case in CASES}
    for case in CASES:
        for reps in rep_counts(case):
            command = snippet(case, module, reps, loops=1)
            for _ in range(runs):
                for wheel in WHEELS:
                    inside, total = callgrind_counts(valgrind, pythons[wheel], extensions[wheel], command)
                    results[case.name][wheel].extension_ir.setdefault(reps, []).append(inside)
                    results[case.name][wheel].process_ir.setdefault(reps, []).append(total)
        _progress(f"counted the instructions of {case.name}")
    return results


def time_cases(pythons: dict[str, Path], module: str, runs: int, results: dict[str, dict[str, Measured]]) -> None:
    _progress(f"timing every case, {runs} processes per wheel")
    for run in range(runs):
        # Plain and PGO take turns, one first then the other, so a slow spell
        # of the machine (another build) falls on both alike.
        order = WHEELS if run % 2 == 0 else WHEELS[::-1]
        for case in CASES:
            if case.name == BASELINE:  # it has no loop to time
                continue
            for wheel in order:
                results[case.name][wheel].seconds_per_rep.append(wall_time_per_rep(pythons[wheel], case, module))


@dataclass(frozen=True)
class Summary:
    """One row of the table: per wheel, instructions and median seconds per rep."""

    case: str
    statement: str
    ir: dict[str, float]  # the baseline: its whole count
    ir_ratio: float
    ir_spread: int  # max - min of identical runs' counts in the extension, either wheel
    process_ir_spread: int  # the same for the whole process
    wall: dict[str, float]  # empty for the baseline
    wall_ratio: float | None
    wall_noise: float | None  # (max - min) / median of the processes, the noisier wheel


def _spread(by_reps: dict[int, list[int]]) -> int:
    return max(max(counts) - min(counts) for counts in by_reps.values())


def summarise(case: Case, measured: dict[str, Measured]) -> Summary:
    ir: dict[str, float] = {}
    wall: dict[str, float] = {}
    noise: list[float] = []
    for wheel, figures in measured.items():
        medians = {reps: statistics.median(counts) for reps, counts in figures.extension_ir.items()}
        if case.name == BASELINE:
            ir[wheel] = medians[0]
        else:
            ir[wheel] = (medians[CALLGRIND_REPS] - medians[0]) / CALLGRIND_REPS
        if figures.seconds_per_rep:
            wall[wheel] = statistics.median(figures.seconds_per_rep)
            noise.append((max(figures.seconds_per_rep) - min(figures.seconds_per_rep)) / wall[wheel])
    return Summary(
        case=case.name,
        statement=case.statement,
        ir=ir,
        ir_ratio=ir["pgo"] / ir["plain"],
        ir_spread=max(_spread(m.extension_ir) for m in measured.values()),
        process_ir_spread=max(_spread(m.process_ir) for m in measured.values()),
        wall=wall,
        wall_ratio=wall["pgo"] / wall["plain"] if wall else None,
        wall_noise=max(noise) if noise else None,
    )


def _time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def table(rows: list[Summary]) -> str:
    lines = [
        "| case | Ir plain | Ir PGO | Ir ratio | Ir spread | wall plain | wall PGO | wall ratio | wall noise |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        counts = (
            f"| {row.case} | {row.ir['plain']:,.0f} | {row.ir['pgo']:,.0f} | {row.ir_ratio:.3f} | {row.ir_spread:,} "
        )
        if row.wall_ratio is None or row.wall_noise is None:
            lines.append(counts + "| | | | |")
        else:
            lines.append(
                counts + f"| {_time(row.wall['plain'])} | {_time(row.wall['pgo'])} "
                f"| {row.wall_ratio:.3f} | {row.wall_noise:.0%} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="processes timed per case and wheel (medians reported)")
    parser.add_argument("--callgrind-runs", type=int, default=2, help="identical callgrind runs per count")
    parser.add_argument("--output", type=Path, default=Path.cwd() / "pgo-speedup-results.json")
    parser.add_argument("--keep", action="store_true", help="keep the rendered project and its environments")
    args = parser.parse_args()

    started = time.perf_counter()
    valgrind = ensure_valgrind()
    work = Path(tempfile.mkdtemp(prefix="copier-pyo3-pgo-"))
    try:
        project = render_project(work / "project")
        answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
        module, package = str(answers["import_name"]), str(answers["pypi_name"])
        wheels = build_wheels(project)
        built_in = time.perf_counter() - started
        project_python = project / ".venv" / "bin" / "python"
        pythons: dict[str, Path] = {}
        pins: list[str] = []
        for wheel in WHEELS:
            pythons[wheel] = install(wheels[wheel], work / f"venv-{wheel}", project_python, pins)
            pins = pins or runtime_pins(pythons[wheel], package)
        extensions = {w: installed_extension(pythons[w], module, wheels[w]) for w in WHEELS}
        for wheel, path in extensions.items():
            if b".symtab" not in path.read_bytes():
                sys.exit(f"the {wheel} extension {path} is stripped: callgrind could not name its functions")
        if extensions["plain"].read_bytes() == extensions["pgo"].read_bytes():
            sys.exit("the PGO extension is the plain one, byte for byte")
        results = count_instructions(valgrind, pythons, extensions, module, args.callgrind_runs)
        time_cases(pythons, module, args.runs, results)
    finally:
        if args.keep:
            _progress(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    rows = [summarise(case, results[case.name]) for case in CASES]
    report = table(rows)
    elapsed = time.perf_counter() - started
    print(  # noqa: T201
        f"{report}\n\n"
        f"Ir: instructions executed in the extension per rep (callgrind, {CALLGRIND_REPS} reps less 0 reps);"
        f" '{BASELINE}': import and set-up, whole.\n"
        f"Ir spread: max - min of {args.callgrind_runs} identical runs (whole run; the whole process's: up to"
        f" {max(row.process_ir_spread for row in rows):,}).\n"
        f"wall: median of {args.runs} processes, each the best of {LOOPS} loops; noise: (max - min) / median.\n"
        f"Builds took {built_in:.0f} s, everything {elapsed:.0f} s."
    )
    write_results(
        args.output,
        {"runs": args.runs, "callgrind_runs": args.callgrind_runs, "callgrind_reps": CALLGRIND_REPS,
         "loops": LOOPS, "build_seconds": built_in, "total_seconds": elapsed,
         "summary": [asdict(row) for row in rows], "table": report,
         "raw": {name: {w: asdict(m) for w, m in by_wheel.items()} for name, by_wheel in results.items()}},
    )  # fmt: skip


if __name__ == "__main__":
    main()
