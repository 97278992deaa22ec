"""The .pyi stubs of the compiled module: which the template writes, which
names the template's part of each holds, and what the generated-stubs
extra's scripts/stubs.py adds to what `maturin generate-stubs` writes.

The stub of the top module is shared: the template's part comes first, the
user's follows a marker line (`USER_MARKER`), so that a `copier update` that
changes the template's part never touches the lines the user added. A stub of
a submodule belongs to one side whole: the template's submodules (`stats`,
`info` in the workspace layout) to the template, any other to the user.

pyo3's introspection sees what the module's macros declare. It cannot see the
names set at import time: what `#[pymodule_init]` sets (`__version__`) and
the exception types `create_exception!` makes (`StatsError`): the generator
marks such a module incomplete with a catch-all `__getattr__`, and the
script writes the missing names in its place.
"""

from __future__ import annotations

from dataclasses import dataclass

GENERATED_STUBS = "generated-stubs"

# The comment lines that open each part of a shared stub, hand-written or generated.
TEMPLATE_MARKER = "# The template's part: what your answers add (`copier update` keeps it)."
USER_MARKER = "# Your functions and classes: their stubs go below this line."


@dataclass(frozen=True)
class StubFile:
    generated: str  # relative to maturin's --out folder
    path: str  # where the project keeps it
    template_names: tuple[str, ...]  # what the template's part defines
    added: tuple[str, ...]  # names of the template's part the module gets at import time
    shared: bool  # the top module's stub: the user's part follows the template's


def stub_files(layout: str, *, template_api: list[str], submodules: dict[str, list[str]]) -> list[StubFile]:
    """The stubs of the compiled module the template writes, as maturin lays them out.

    ``template_api`` is what the template adds to the top module;
    ``submodules`` the template's submodules (workspace) with their names.
    Paths name the import package `{PACKAGE}`: scripts/stubs.py writes them
    as f-strings, which keeps its lines short whatever the package's name.
    """
    error = ("StatsError",) if "StatsError" in template_api else ()
    if layout == "rust-only":
        # maturin writes the bare module as a package; the wheel ships pkg.pyi.
        top = StubFile("{PACKAGE}/__init__.pyi", "{PACKAGE}.pyi", tuple(template_api), ("__version__", *error), True)
        return [top]
    if layout == "mixed":
        top = StubFile(
            "{PACKAGE}/_core.pyi", "python/{PACKAGE}/_core.pyi", tuple(template_api), ("__version__", *error), True
        )
        return [top]
    top = StubFile(
        "{PACKAGE}/_core/__init__.pyi", "python/{PACKAGE}/_core/__init__.pyi", tuple(submodules), ("__version__",), True
    )
    return [top] + [
        StubFile(
            f"{{PACKAGE}}/_core/{name}.pyi",
            f"python/{{PACKAGE}}/_core/{name}.pyi",
            tuple(names),
            ("StatsError",) if "StatsError" in names else (),
            False,
        )
        for name, names in sorted(submodules.items())
    ]
