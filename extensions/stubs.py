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


def stub_files(layout: str) -> list[StubFile]:
    """The stubs of the compiled module, as maturin lays them out for each layout.

    Paths name the import package `{PACKAGE}`: scripts/stubs.py writes them as
    f-strings, which keeps its lines short whatever the package's name.
    """
    if layout == "rust-only":
        # maturin writes the bare module as a package; the wheel ships pkg.pyi.
        return [StubFile("{PACKAGE}/__init__.pyi", "{PACKAGE}.pyi", ("__all__", "__version__", "StatsError"))]
    if layout == "mixed":
        return [StubFile("{PACKAGE}/_core.pyi", "python/{PACKAGE}/_core.pyi", ("__all__", "__version__", "StatsError"))]
    return [
        StubFile(f"{{PACKAGE}}/_core/{name}.pyi", f"python/{{PACKAGE}}/_core/{name}.pyi", added)
        for name, added in (
            ("__init__", ("__all__", "__version__")),
            ("info", ("__all__",)),
            ("stats", ("__all__", "StatsError")),
        )
    ]
