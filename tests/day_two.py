"""Day two: a user's own work in a rendered project, made as its CONTRIBUTING.md says.

`add_users_work` writes a function and a class into the compiled module (and,
in the workspace layout, a submodule of the user's own), their stubs and
tests, a CHANGELOG entry, a VS Code setting, a rule in AGENTS.md, two crates
with `cargo add` (one whose name sorts before `pyo3`, one after) and a Python
dependency with `uv add`. The update
tests then change one answer at a time and count what `copier update` could
not merge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers import run, tool_env

from extensions.user_files import user_files

if TYPE_CHECKING:
    from pathlib import Path

# What a user adds inside `mod python_module`, below "// Your functions and classes".
RUST = """
    /// Return the larger of two numbers.
    #[pyfunction]
    fn larger(a: f64, b: f64) -> f64 {
        a.max(b)
    }

    /// A counter that threads can share.
    #[pyclass(frozen)]
    struct Counter {
        value: AtomicU64,
    }

    #[pymethods]
    impl Counter {
        #[new]
        fn new() -> Self {
            Self {
                value: AtomicU64::new(0),
            }
        }

        /// Add one and return the new count.
        fn increment(&self) -> u64 {
            self.value.fetch_add(1, Ordering::Relaxed) + 1
        }
    }
"""
# ...and to the module's imports at its top, for the class.
RUST_IMPORT = "    use std::sync::atomic::{AtomicU64, Ordering};\n"
# A submodule of the user's own, nested in the module (workspace layout).
RUST_SUBMODULE = """
    /// Geometry: a submodule of your own.
    #[pymodule]
    mod geometry {
        use pyo3::prelude::*;

        /// Return the area of a rectangle.
        #[pyfunction]
        fn area(width: f64, height: f64) -> f64 {
            width * height
        }

        #[pymodule_init]
        fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
            crate::template::register_submodule(module, "geometry")
        }
    }
"""
# Their stubs, added at the end of the module's stub, below "# Your functions and classes".
STUBS = '''
def larger(a: float, b: float) -> float:
    """Return the larger of two numbers."""

@final
class Counter:
    """A counter that threads can share."""

    def __new__(cls) -> Counter: ...
    def increment(self) -> int:
        """Add one and return the new count."""
'''
# ...and `final` to the import of the stubs' part, for the class.
STUB_IMPORT = ("from typing import SupportsIndex\n", "from typing import SupportsIndex, final\n")
STUBS_SUBMODULE = """
from . import geometry as geometry
"""
SUBMODULE_STUB = '''"""Geometry: a submodule of your own."""

__all__ = ["area"]

def area(width: float, height: float) -> float:
    """Return the area of a rectangle."""
'''
TESTS = """

def test_larger() -> None:
    assert {module}.larger(1.0, 2.0) == 2.0


def test_counter_counts() -> None:
    counter = {module}.Counter()
    assert counter.increment() == 1
    assert counter.increment() == 2
"""
TESTS_SUBMODULE = """

def test_area() -> None:
    assert {module}.geometry.area(2.0, 3.0) == 6.0
"""
CHANGELOG_ENTRY = "- `larger()` and `Counter`.\n"
# A setting of the user's own in VS Code's settings (first in the file, as
# VS Code's settings editor writes a new one), and a rule of the house in AGENTS.md.
EDITOR_SETTING = '  "editor.formatOnSave": true,\n'
AGENTS_RULE = "\n- Every public function has a doctest.\n"
# Crates whose names sort before and after pyo3, and a Python package: small, with no dependencies.
CRATES = ("itoa@1", "ryu@1")
PYTHON_DEPENDENCY = "six"


def user_paths(answers: dict[str, Any]) -> dict[str, str]:
    """The files the user's work goes in, by what they hold (extensions/user_files.py)."""
    return user_files(answers["layout"], answers["import_name"])


def bindings_lib(project: Path, answers: dict[str, Any]) -> Path:
    return project / ("crates/python/src/lib.rs" if answers["layout"] == "workspace" else "src/lib.rs")


def stub(project: Path, answers: dict[str, Any]) -> Path:
    module = answers["import_name"]
    stubs: dict[str, Path] = {
        "rust-only": project / f"{module}.pyi",
        "mixed": project / "python" / module / "_core.pyi",
        "workspace": project / "python" / module / "_core" / "__init__.pyi",
    }
    return stubs[answers["layout"]]


def add_users_work(project: Path, answers: dict[str, Any]) -> None:
    """The user's edits, as CONTRIBUTING.md documents them (the stubs by hand, or by `just stubs`)."""
    workspace = answers["layout"] == "workspace"
    module = answers["import_name"]
    lib = bindings_lib(project, answers)
    text = lib.read_text(encoding="utf-8")
    assert text.endswith("}\n"), "lib.rs ends with python_module's closing brace"
    rust = RUST + (RUST_SUBMODULE if workspace else "")
    text = text[: -len("}\n")] + rust + "}\n"
    prelude = "    use pyo3::prelude::*;\n"
    at = text.index(prelude, text.index("mod python_module {")) + len(prelude)
    lib.write_text(text[:at] + RUST_IMPORT + text[at:], encoding="utf-8")

    if "generated-stubs" not in answers["extras"]:
        stub_file = stub(project, answers)
        addition = STUBS + (STUBS_SUBMODULE if workspace else "")
        text = stub_file.read_text(encoding="utf-8")
        yours = text.index("# Your functions and classes")
        text = text[:yours] + text[yours:].replace(*STUB_IMPORT, 1)
        stub_file.write_text(text + addition, encoding="utf-8")
        if workspace:
            (stub_file.parent / "geometry.pyi").write_text(SUBMODULE_STUB, encoding="utf-8")

    tests = project / "tests" / f"test_{module}.py"
    addition = TESTS + (TESTS_SUBMODULE if workspace else "")
    tests.write_text(tests.read_text(encoding="utf-8") + addition.format(module=module), encoding="utf-8")

    settings = project / ".vscode" / "settings.json"
    text = settings.read_text(encoding="utf-8")
    assert text.startswith("{\n")
    settings.write_text("{\n" + EDITOR_SETTING + text.removeprefix("{\n"), encoding="utf-8")
    agents = project / "AGENTS.md"
    agents.write_text(agents.read_text(encoding="utf-8") + AGENTS_RULE, encoding="utf-8")

    changelog = project / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace("### Added\n\n", "### Added\n\n" + CHANGELOG_ENTRY, 1), encoding="utf-8")

    env = tool_env()
    package = ["-p", answers["crate_name"]] if workspace else []
    for crate in CRATES:
        run(["cargo", "add", "--quiet", *package, crate], project, env)
    run(["uv", "add", "--quiet", "--no-sync", PYTHON_DEPENDENCY], project, env)
