"""Project, distribution, import and crate names: derivation and checks.

Each ``check_*`` function returns an empty string when the value is fine and
otherwise one sentence naming the question and the fix; copier.yml uses them
as validators, so a bad answer stops the render before anything is written.
"""

from __future__ import annotations

import keyword
import re
import sys

from .text import one_line_problem

# Each pattern must match a whole answer (re.fullmatch: `$` would let a
# trailing line break through).
# PEP 508 project names, compared case-insensitively.
_DISTRIBUTION_NAME = re.compile(r"[a-z0-9]|[a-z0-9][a-z0-9._-]*[a-z0-9]", re.IGNORECASE)
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
_CRATE_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_PROJECT_NAME_MAX = 80
# Longer names would push generated lines past the formatters' 100 columns.
NAME_MAX = 50

# Rust strict and reserved keywords (edition 2024), which cannot name a crate
# or a module without raw-identifier syntax.
RUST_KEYWORDS = frozenset(
    {
        *("as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum"),
        *("extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod"),
        *("move", "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait"),
        *("true", "type", "unsafe", "use", "where", "while"),
        # reserved for future use
        *("abstract", "become", "box", "do", "final", "macro", "override", "priv", "try"),
        *("typeof", "unsized", "virtual", "yield"),
    }
)

# Crate names the Rust toolchain or the generated project already uses.
RESERVED_CRATE_NAMES = frozenset({"alloc", "core", "proc_macro", "std", "test", "pyo3", "numpy"})

# Modules a generated package would shadow or collide with on import: the
# standard library of every supported Python (stdlib_module_names is the
# running interpreter's; the newer ones are added, and its `test` package,
# which it leaves out), and the dependencies.
_STDLIB_SINCE_3_12 = frozenset({"annotationlib", "compression", "profiling"})
_SHADOWED_MODULES = frozenset(sys.stdlib_module_names) | _STDLIB_SINCE_3_12 | {"test", "numpy", "pyo3", "pytest"}

# Names the generated project uses itself: its top-level folders (a package
# named after one is shadowed by it when Python runs from the project root),
# the noxfile beside a rust-only layout's stub, and the test files a feature
# adds (tests/test_<import_name>.py would be one of them).
_PROJECT_NAMES = frozenset(
    {
        *("benchmarks", "coverage", "crates", "dist", "docs", "noxfile", "python", "recipe"),
        *("scripts", "src", "target", "tests"),
        *("build_info", "bump_version", "numpy", "parallel", "serde", "submodules", "version"),
    }
)

# Device names Windows reserves in every folder: no package folder can have one.
_WINDOWS_RESERVED = frozenset(
    {"aux", "con", "nul", "prn", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


def distribution_name(project_name: str) -> str:
    """The PEP 503 normalised form of a project name: ``My Ext`` -> ``my-ext``."""
    return re.sub(r"[^a-z0-9]+", "-", project_name.lower()).strip("-")


def import_name(distribution: str) -> str:
    """The Python import name for a distribution name: ``my-ext`` -> ``my_ext``."""
    return re.sub(r"[^a-z0-9]+", "_", distribution.lower()).strip("_")


def crate_name(distribution: str) -> str:
    """The Cargo package name: the distribution name, hyphens kept."""
    return distribution_name(distribution)


def rust_identifier(crate: str) -> str:
    """The name Rust code uses for a crate: hyphens become underscores."""
    return crate.replace("-", "_")


def check_project_name(value: str) -> str:
    if not value.strip():
        return "project_name is empty: give the human-readable name, e.g. 'Fast Parser'."
    if problem := one_line_problem("project_name", value):
        return problem
    if value != value.strip():
        return f"project_name {value!r} has leading or trailing spaces: remove them."
    if len(value) > _PROJECT_NAME_MAX:
        return f"project_name is longer than {_PROJECT_NAME_MAX} characters: shorten it."
    if not any(char.isalnum() for char in value):
        return f"project_name {value!r} has no letter or digit: use a name such as 'Fast Parser'."
    return ""


def check_distribution_name(value: str) -> str:
    if not value.strip():
        return (
            "pypi_name is empty: give the PyPI distribution name, e.g. 'fast-parser' "
            "(it is derived from the ASCII letters and digits of project_name, when there are any)."
        )
    if not _DISTRIBUTION_NAME.fullmatch(value):
        return (
            f"pypi_name {value!r} is not a valid PyPI name: use letters, digits and "
            f"single hyphens, e.g. {distribution_name(value) or 'fast-parser'!r}."
        )
    if value != distribution_name(value):
        return f"pypi_name {value!r} is not in normalised form (PEP 503): use {distribution_name(value)!r}."
    return _too_long("pypi_name", value)


def check_import_name(value: str) -> str:
    suggestion = f"{import_name(value) or 'fast_parser'}"
    if not value.strip():
        return "import_name is empty: give the Python import name, e.g. 'fast_parser'."
    if value[0].isdigit():
        return f"import_name {value!r} starts with a digit: start with a letter, e.g. 'py{suggestion}'."
    if not _IDENTIFIER.fullmatch(value):
        return (
            f"import_name {value!r} is not a lowercase Python identifier: use lowercase "
            f"letters, digits and underscores, e.g. {suggestion!r}."
        )
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        return f"import_name {value!r} is a Python keyword: pick another, e.g. '{value}_ext'."
    if value in RUST_KEYWORDS:
        return f"import_name {value!r} is a Rust keyword and cannot name the module: pick another, e.g. '{value}_ext'."
    if value.startswith("__"):
        return f"import_name {value!r} looks like a special name (__main__, __pycache__): pick another, e.g. {suggestion!r}."
    if value in _SHADOWED_MODULES:
        return (
            f"import_name {value!r} would shadow the standard library or a dependency: "
            f"pick another, e.g. '{value}_ext'."
        )
    if value in _PROJECT_NAMES:
        return (
            f"import_name {value!r} is a name the generated project uses for its own files: "
            f"pick another, e.g. '{value}_ext'."
        )
    if value in _WINDOWS_RESERVED:
        return f"import_name {value!r} is a device name Windows reserves, so no folder can have it: pick another."
    return _too_long("import_name", value)


def check_crate_name(value: str) -> str:
    if not value.strip():
        return "crate_name is empty: give the Cargo package name, e.g. 'fast-parser'."
    if not _CRATE_NAME.fullmatch(value) or value.endswith(("-", "_")):
        return (
            f"crate_name {value!r} is not a valid crate name: start with a lowercase letter and "
            f"use lowercase letters, digits, '-' or '_', e.g. {crate_name(value) or 'fast-parser'!r}."
        )
    ident = rust_identifier(value)
    if ident in RUST_KEYWORDS:
        return f"crate_name {value!r} is a Rust keyword: pick another, e.g. '{value}-rs'."
    if ident in RESERVED_CRATE_NAMES:
        return f"crate_name {value!r} collides with a crate every build uses: pick another, e.g. '{value}-rs'."
    return _too_long("crate_name", value)


def _too_long(field: str, value: str) -> str:
    if len(value) <= NAME_MAX:
        return ""
    return f"{field} {value!r} is longer than {NAME_MAX} characters: shorten it."
