"""The generated-stubs extra: where `maturin generate-stubs` writes each stub,
where the project keeps it, and what the project's scripts/stubs.py adds.

pyo3's introspection sees what the module's macros declare. It cannot see the
names set at import time: `__all__` (pyo3 keeps it as members are added),
what `#[pymodule_init]` sets (`__version__`) and the exception types
`create_exception!` makes (`StatsError`): the generator marks such a
module incomplete with a catch-all `__getattr__`, and the script writes the
missing names in its place.
"""

from __future__ import annotations

from dataclasses import dataclass

GENERATED_STUBS = "generated-stubs"


@dataclass(frozen=True)
class StubFile:
    generated: str  # relative to maturin's --out folder
    path: str  # where the project keeps it
    added: tuple[str, ...]  # names the module gets at import time


def stub_files(import_name: str, layout: str) -> list[StubFile]:
    """The stubs of the compiled module, as maturin lays them out for each layout."""
    if layout == "rust-only":
        # maturin writes the bare module as a package; the wheel ships pkg.pyi.
        return [StubFile(f"{import_name}/__init__.pyi", f"{import_name}.pyi", ("__all__", "__version__", "StatsError"))]
    if layout == "mixed":
        return [
            StubFile(
                f"{import_name}/_core.pyi", f"python/{import_name}/_core.pyi", ("__all__", "__version__", "StatsError")
            )
        ]
    package = f"{import_name}/_core"
    return [
        StubFile(f"{package}/__init__.pyi", f"python/{package}/__init__.pyi", ("__all__", "__version__")),
        StubFile(f"{package}/info.pyi", f"python/{package}/info.pyi", ("__all__",)),
        StubFile(f"{package}/stats.pyi", f"python/{package}/stats.pyi", ("__all__", "StatsError")),
    ]
