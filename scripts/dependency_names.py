"""Write extensions/data/dependency_names.json: every name a rendered project already uses.

A project whose PyPI name is one of its own dependencies, direct or not,
cannot be locked (uv: "the package `pytest` depends on the package
`iniconfig` but the name is shadowed by your project"); an import name that
is a dependency's module replaces it or is replaced by it; a crate named
after a crate of its build collides in the lock file once their versions
meet. The names behind the direct dependencies are pinned in
extensions/pins.py and extensions/features.py; the ones they bring, and the
modules each distribution installs, are read here from real resolutions:

- Python: projects rendered with every feature and extra and each docs site,
  locked by ``uv lock`` (one universal resolution: every platform and
  Python), each locked distribution installed with ``--no-deps`` for Linux,
  macOS and Windows, and the top-level modules read from its RECORD. The
  ``.pth`` files of those wheels and of a fresh ``uv venv`` name the modules
  that Python imports by itself as it starts.
- Rust: the same project's ``Cargo.lock`` (every feature, every target).

Needs the network (PyPI, crates.io). tests/unit/test_dependency_names.py
fails when a pin names a dependency that the file does not have.

    uv run python scripts/dependency_names.py
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import deque
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "extensions" / "data" / "dependency_names.json"
# uv pip install --python-platform values: a wheel for each kind of system,
# so that distributions behind a platform marker are read too.
PLATFORMS = ("x86_64-manylinux_2_28", "aarch64-apple-darwin", "x86_64-pc-windows-msvc")
PYTHONS = ("3.11", "3.15")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def render(destination: Path, **answers: Any) -> Path:
    from copier import run_copy  # noqa: PLC0415

    preset = json.loads(json.dumps(_preset("full")))
    preset.update(answers)
    run_copy(str(ROOT), str(destination), data=preset, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
    return destination


def _preset(name: str) -> dict[str, Any]:
    import yaml  # noqa: PLC0415

    loaded = yaml.safe_load((ROOT / "presets" / f"{name}.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        msg = f"`{' '.join(command)}` exited {result.returncode}:\n{result.stdout}{result.stderr}"
        raise SystemExit(msg)
    return result.stdout


def first_reached(graph: dict[str, list[str]], direct: list[str]) -> dict[str, str]:
    """Each package reachable from ``direct``: the direct dependency it is first reached through."""
    via: dict[str, str] = {}
    queue = deque((name, name) for name in direct)
    while queue:
        name, origin = queue.popleft()
        if name in via:
            continue
        via[name] = origin
        queue.extend((dependency, origin) for dependency in graph.get(name, []))
    return via


def python_graph(lock: dict[str, Any], project: str) -> tuple[dict[str, list[str]], list[str]]:
    graph: dict[str, list[str]] = {}
    direct: list[str] = []
    for package in lock["package"]:
        names = [d["name"] for d in package.get("dependencies", [])]
        for table in ("optional-dependencies", "dev-dependencies"):
            for group in package.get(table, {}).values():
                names += [d["name"] for d in group]
        if package["name"] == project:
            direct = names
        else:
            graph[package["name"]] = names
    return graph, direct


def rust_graph(lock: dict[str, Any], crate: str) -> tuple[dict[str, list[str]], list[str]]:
    graph = {p["name"]: [d.split(" ")[0] for d in p.get("dependencies", [])] for p in lock["package"]}
    return graph, graph.pop(crate)


def installed_modules(requirements: list[Path], work: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Top-level modules by distribution, and modules that .pth files import, by .pth file."""
    modules: dict[str, set[str]] = {}
    startup: dict[str, set[str]] = {}
    for listed in requirements:
        for python in PYTHONS:
            for platform in PLATFORMS:
                target = work / f"site-{listed.stem}-{python}-{platform}"
                run(
                    [
                        *("uv", "pip", "install", "--quiet", "--no-deps", "--target", str(target)),
                        *("--python-version", python, "--python-platform", platform, "-r", str(listed)),
                    ],
                    work,
                )
                _read_site(target, modules, startup)
    # The environments nox makes for the project's sessions: uv's, or
    # virtualenv's (its fallback backend), which adds a .pth of its own.
    run(["uv", "venv", "--quiet", str(work / "uv-venv")], work)
    run(["uvx", "--quiet", "virtualenv", "--quiet", str(work / "virtualenv")], work)
    for site in [*work.glob("uv-venv/lib/python*/site-packages"), *work.glob("virtualenv/lib/python*/site-packages")]:
        _read_site(site, modules, startup)
    return modules, startup


def _read_site(site: Path, modules: dict[str, set[str]], startup: dict[str, set[str]]) -> None:
    for record in site.glob("*.dist-info/RECORD"):
        metadata = (record.parent / "METADATA").read_text(encoding="utf-8")
        name = normalise(re.search(r"^Name: (.+)$", metadata, re.MULTILINE)[1].strip())  # type: ignore[index]
        found = modules.setdefault(name, set())
        for line in record.read_text(encoding="utf-8").splitlines():
            if (module := _top_level(line.rsplit(",", 2)[0])) is not None:
                found.add(module)
    for pth in site.glob("*.pth"):
        for line in pth.read_text(encoding="utf-8").splitlines():
            if line.startswith(("import ", "import\t")):
                imported = re.findall(r"\bimport\s+([A-Za-z_]\w*)|__import__\(['\"]([A-Za-z_]\w*)", line)
                startup.setdefault(pth.name, set()).update(name for pair in imported for name in pair if name)


def _top_level(path: str) -> str | None:
    """The top-level module a RECORD path belongs to, if any."""
    top, _, rest = path.partition("/")
    if rest:  # a file in a folder: a package, unless it is metadata, a cache or the scripts
        name = top
        if top.endswith((".dist-info", ".data")) or top in {"..", "__pycache__", "bin"}:
            return None
    elif top.endswith((".py", ".pyi", ".so", ".pyd")):  # a module file: `foo.py`, `foo.cpython-311-x86_64-linux-gnu.so`
        name = top.split(".", 1)[0]
    else:
        return None
    return name if _IDENTIFIER.fullmatch(name) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    python: dict[str, dict[str, Any]] = {}
    rust: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        requirements: list[Path] = []
        for docs_site in ("mkdocs", "sphinx"):
            project = render(work / docs_site, layout="mixed", docs_site=docs_site, pypi_name="dependency-probe")
            run(["uv", "lock", "--quiet"], project)
            lock = tomllib.loads((project / "uv.lock").read_text(encoding="utf-8"))
            graph, direct = python_graph(lock, "dependency-probe")
            for name, origin in first_reached(graph, direct).items():
                python.setdefault(name, {"via": origin, "modules": []})
            exported = run(
                ["uv", "export", "--quiet", "--frozen", "--all-groups", "--no-hashes", "--no-emit-project"], project
            )
            listed = work / f"{docs_site}.txt"
            listed.write_text(exported, encoding="utf-8")
            requirements.append(listed)
            if docs_site == "mkdocs":
                run(["cargo", "generate-lockfile", "--quiet"], project)
                cargo = tomllib.loads((project / "Cargo.lock").read_text(encoding="utf-8"))
                rust = dict(sorted(first_reached(*rust_graph(cargo, "dependency-probe")).items()))
        modules, startup = installed_modules(requirements, work)
    # What virtualenv seeds into nox's session environments (pip, setuptools)
    # is installed there too, though no lock names it.
    for name in modules.keys() - python.keys():
        python[name] = {"via": "virtualenv", "modules": []}
    for name, entry in python.items():
        entry["modules"] = sorted(modules.get(name, set()))
    startup_modules = {module: pth for pth, names in sorted(startup.items()) for module in sorted(names)}
    document = {
        "comment": "what rendered projects depend on, read from real resolutions by scripts/dependency_names.py",
        "python": dict(sorted(python.items())),
        "rust": rust,
        "startup_modules": startup_modules,
    }
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(python)} Python distributions, {len(rust)} crates, .pth imports: {startup_modules}" + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
