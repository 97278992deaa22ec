"""Where a rendered project keeps the files its user writes in, by layout and import name.

The template renders them, and its documentation points at them: the Rust
module's `lib.rs` (the user's code below "// Your functions and classes"),
the stub of the top module (the user's stubs below its marker) and the test
file of the package. A `copier update` that changes the layout or the import
name moves them; `extensions/migrations.py` then names each old path and its
new one.
"""

from __future__ import annotations


def bindings_src(layout: str) -> str:
    """The folder of the bindings crate's Rust sources."""
    return "crates/python/src" if layout == "workspace" else "src"


def user_files(layout: str, import_name: str) -> dict[str, str]:
    """The user's files, by what they hold."""
    stub = {
        "rust-only": f"{import_name}.pyi",
        "mixed": f"python/{import_name}/_core.pyi",
        "workspace": f"python/{import_name}/_core/__init__.pyi",
    }[layout]
    files = {
        "your Rust code, in mod python_module": f"{bindings_src(layout)}/lib.rs",
        "your stubs, below their marker line": stub,
        "your tests": f"tests/test_{import_name}.py",
    }
    if layout != "rust-only":
        files["your Python code"] = f"python/{import_name}/__init__.py"
    if layout == "workspace":
        files["your pure-Rust core"] = "crates/core/src/lib.rs"
    return files


def rust_source_folders(layout: str) -> tuple[str, ...]:
    """Where the project's crates keep Rust files that Cargo compiles."""
    return ("crates/python/src", "crates/core/src") if layout == "workspace" else ("src",)
