"""Write extensions/data/stdlib_modules.json: the standard library and keywords of every supported CPython.

An import name must not shadow a standard-library module of any Python the
project supports, but the template's extensions run in the Python that runs
Copier and cannot start another one (no subprocess at render time). So each
supported CPython's ``sys.stdlib_module_names`` (and its ``keyword`` lists:
3.15 has a soft keyword more) is read here, once, from
every interpreter this machine can reach, and kept in a data file:

- ``python3.X`` on PATH, and pyenv's builds (``~/.pyenv/versions/3.X.*``);
- Debian roots given with ``--root DIR`` (or found in the test suite's cache,
  ``~/.cache/copier-pyo3/debian-roots/``), run with ``chroot``. A Debian
  forky root carries 3.13, 3.14 and 3.15; as root, in seconds::

      debootstrap --arch=amd64 --foreign --variant=minbase \\
          --include=python3.13,python3.14,python3.15 forky DIR MIRROR \\
          /usr/share/debootstrap/scripts/sid
      for deb in DIR/var/cache/apt/archives/*.deb; do dpkg-deb --extract "$deb" DIR; done

A supported version that no interpreter gives keeps the list the file already
has (and the script says so); tests/unit/test_stdlib_modules.py checks the
file against every interpreter that the test machine has.

    uv run python scripts/stdlib_modules.py [--root DIR ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "extensions" / "data" / "stdlib_modules.json"
_PROBE = (
    "import json, keyword, platform, sys; print(json.dumps([platform.python_version(),"
    " sorted(sys.stdlib_module_names), keyword.kwlist, keyword.softkwlist]))"
)


def supported_versions() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from extensions import pins  # noqa: PLC0415 - the repository's own module, found from its root

    return [release.version for release in pins.CPYTHON_RELEASES if not release.end_of_life]


def cached_roots() -> list[Path]:
    """The Debian roots the test suite keeps (tests/debian_roots.py), complete ones only."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "copier-pyo3" / "debian-roots"
    return sorted(path.parent for path in base.glob("*-amd64-*/.copier-pyo3-complete"))


def commands(version: str, roots: list[Path]) -> list[list[str]]:
    """Every way this machine may have to run CPython ``version``, most direct first."""
    found: list[list[str]] = []
    on_path = shutil.which(f"python{version}")
    if on_path:
        found.append([on_path])
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    found += [[str(p)] for p in sorted(pyenv.glob(f"{version}.*/bin/python{version}"))]
    found += [["chroot", str(root), f"/usr/bin/python{version}"] for root in roots]
    return found


def read(version: str, command: list[str]) -> tuple[str, dict[str, list[str]]] | None:
    """(the full version, its module names and keywords), or None where the command does not run it."""
    try:
        result = subprocess.run([*command, "-c", _PROBE], capture_output=True, text=True, check=False, timeout=60)
    except OSError:
        return None
    if result.returncode != 0:
        return None
    full, names, keywords, soft_keywords = json.loads(result.stdout)
    if not full.startswith(f"{version}."):
        return None
    return full, {"modules": names, "keywords": keywords, "soft_keywords": soft_keywords}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", action="append", type=Path, default=[], help="a Debian root with CPythons")
    args = parser.parse_args(argv)
    roots = [*args.root, *cached_roots()]
    old = json.loads(DATA.read_text(encoding="utf-8"))["pythons"] if DATA.exists() else {}
    pythons: dict[str, dict[str, object]] = {}
    for version in supported_versions():
        for command in commands(version, roots):
            if (read_out := read(version, command)) is not None:
                full, names = read_out
                pythons[version] = {"read_from": f"CPython {full}", **names}
                sys.stdout.write(
                    f"{version}: {len(names['modules'])} modules from CPython {full} ({command[-1]})" + "\n"
                )
                break
        else:
            if version not in old:
                sys.stderr.write(f"{version}: no interpreter here, and none in {DATA.name}" + "\n")
                return 1
            pythons[version] = old[version]
            sys.stdout.write(
                f"{version}: no interpreter here; kept the list read from {old[version]['read_from']}" + "\n"
            )
    document = {
        "comment": "sys.stdlib_module_names and keywords of each supported CPython; written by scripts/stdlib_modules.py",
        "pythons": pythons,
    }
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
