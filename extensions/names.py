"""Project, distribution, import and crate names: derivation and checks.

Each ``check_*`` function returns an empty string when the value is fine and
otherwise a refusal (text.refusal: what to answer, then why); copier.yml uses
them as validators, so a bad answer stops the render before anything is
written. Each ``*_default`` derivation gives a name its check accepts, or ""
when there is nothing to derive it from (no Latin letter or digit), and every
name a message suggests is one its check accepts: both come from the same
``_first_fine``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from . import taken_names as taken
from .text import one_line_problem, quoted, refusal

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

# Each pattern must match a whole answer (re.fullmatch: `$` would let a
# trailing line break through).
# PEP 508 project names, compared case-insensitively.
_DISTRIBUTION_NAME = re.compile(r"[a-z0-9]|[a-z0-9][a-z0-9._-]*[a-z0-9]", re.IGNORECASE)
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
_CRATE_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_PROJECT_NAME_MAX = 80
# Longer names would push generated lines past the formatters' 100 columns.
NAME_MAX = 50

# Examples a message falls back on when the answer gives nothing to build one from.
EXAMPLE_DISTRIBUTION = "fast-parser"
EXAMPLE_IMPORT = "fast_parser"
EXAMPLE_CRATE = "fast-parser"

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

# The crates of Rust's own sysroot, which every build can name.
SYSROOT_CRATES = frozenset({"alloc", "core", "proc_macro", "std", "test"})

# Latin letters that NFKD does not take apart into an ASCII letter and marks.
_LATIN_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ħ": "h",
        "Ħ": "H",
        "\u0131": "i",  # dotless i
        "ŧ": "t",
        "Ŧ": "T",
        "ŋ": "ng",
        "Ŋ": "NG",
        "ĸ": "k",
        "\u017f": "s",  # long s
    }
)


def transliterate(text: str) -> str:
    """Latin letters to ASCII (``Café Ünïcode Straße`` -> ``Cafe Unicode Strasse``).

    Letters and digits are decomposed (NFKD) and their marks dropped, so
    ``é`` gives ``e`` and a full-width A (U+FF21) gives ``A``; what stays
    non-ASCII (other scripts) and every other character is left as it is,
    for the name rules to treat as a separator.
    """
    out: list[str] = []
    for char in text.translate(_LATIN_LETTERS):
        if unicodedata.category(char)[0] in {"L", "N"}:
            out.extend(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        else:
            out.append(char)
    return "".join(out)


def distribution_name(project_name: str) -> str:
    """The PEP 503 normalised form of a name: ``My Café`` -> ``my-cafe``; "" without Latin letters or digits."""
    return re.sub(r"[^a-z0-9]+", "-", transliterate(project_name).lower()).strip("-")


def import_name(distribution: str) -> str:
    """The Python identifier characters of a name: ``my-ext`` -> ``my_ext`` (may start with a digit)."""
    return re.sub(r"[^a-z0-9]+", "_", transliterate(distribution).lower()).strip("_")


def crate_name(distribution: str) -> str:
    """The Cargo package name characters of a name: the distribution name, hyphens kept."""
    return distribution_name(distribution)


def rust_identifier(crate: str) -> str:
    """The name Rust code uses for a crate: hyphens become underscores."""
    return crate.replace("-", "_")


# ------------------------------------------------------------------- defaults
def _first_fine(base: str, separator: str, fine: Callable[[str], bool], example: str) -> str:
    """The first of ``base``, ``py<base>``, ``<base><sep>ext``, ... that ``fine`` accepts.

    ``py`` in front gives an identifier or crate name its first letter
    (``3d_tiles`` -> ``py3d_tiles``) and most clashing names a free one
    (``json`` -> ``pyjson``).
    """

    def cut(name: str, room: int) -> str:
        return name[:room].rstrip("-_")

    candidates = [cut(base, NAME_MAX)] if base else []
    if base:
        candidates += [
            cut(f"py{base}", NAME_MAX),
            f"{cut(base, NAME_MAX - 4)}{separator}ext",
            f"py{cut(base, NAME_MAX - 6)}{separator}ext",
            *(f"{cut(base, NAME_MAX - 5)}{separator}ext{n}" for n in range(2, 10)),
        ]
    return next((name for name in candidates if fine(name)), example)


def pypi_name_default(project_name: str) -> str:
    """The PyPI name a project name gives, accepted by check_distribution_name; "" if none can be derived."""
    base = distribution_name(project_name)
    return _first_fine(base, "-", _distribution_fine, "") if base else ""


def import_name_default(distribution: str) -> str:
    """The import name a PyPI name gives, accepted by check_import_name; "" if none can be derived."""
    base = import_name(distribution)
    return _first_fine(base, "_", _import_fine, "") if base else ""


def crate_name_default(distribution: str) -> str:
    """The crate name a PyPI name gives, accepted by check_crate_name; "" if none can be derived."""
    base = crate_name(distribution)
    return _first_fine(base, "-", _crate_fine, "") if base else ""


def suggest_distribution_name(value: str) -> str:
    return pypi_name_default(value) or EXAMPLE_DISTRIBUTION


def suggest_import_name(value: str) -> str:
    return import_name_default(value) or EXAMPLE_IMPORT


def suggest_crate_name(value: str) -> str:
    return crate_name_default(value) or EXAMPLE_CRATE


def _pick_another(field: str, suggestion: str, why: str) -> str:
    return refusal(field, f"pick another name, e.g. {suggestion!r}", "pick another name", why=why)


# ---------------------------------------------------------------- project_name
def check_project_name(
    value: str,
    *,
    pypi_name: str | None = None,
    interactive: bool = True,
) -> str:
    """``pypi_name`` is the answer given for it (--data, an earlier copy), if any.

    With --defaults and no pypi_name given, a name with nothing to derive the
    PyPI name from is refused here, naming the answer to give; at the prompt,
    pypi_name is asked with no default instead.
    """
    if not value.strip():
        return refusal(
            "project_name",
            "give the name, e.g. 'Fast Parser'",
            "give the name",
            why="project_name is empty: give the human-readable name.",
        )
    if problem := one_line_problem("project_name", value):
        return problem
    if value != value.strip():
        return refusal(
            "project_name",
            "remove the outer spaces",
            why=f"project_name {quoted(value)} has leading or trailing spaces.",
        )
    if len(value) > _PROJECT_NAME_MAX:
        return refusal(
            "project_name",
            f"shorten it to {_PROJECT_NAME_MAX} characters",
            why=f"project_name is longer than {_PROJECT_NAME_MAX} characters.",
        )
    if not any(char.isalnum() for char in value):
        return refusal(
            "project_name",
            "use letters, e.g. 'Fast Parser'",
            why=f"project_name {quoted(value)} has no letter or digit.",
        )
    if pypi_name is None and not interactive and not pypi_name_default(value):
        return refusal(
            "project_name",
            "also give --data pypi_name=...",
            "also give pypi_name",
            why=(
                f"project_name {quoted(value)} has no Latin letter or digit to derive the PyPI name from: "
                f"give it, e.g. --data pypi_name={EXAMPLE_DISTRIBUTION} (import_name and crate_name "
                "follow from it)."
            ),
        )
    return ""


# ------------------------------------------------------------------ pypi_name
def _distribution_problem(value: str) -> tuple[str, str] | None:
    """(what to answer, why) for a bad distribution name, without a suggestion."""
    if not value.strip():
        return "give the PyPI name", (
            "pypi_name is empty: give the PyPI distribution name (it is derived from the "
            "Latin letters and digits of project_name, when there are any)."
        )
    if not _DISTRIBUTION_NAME.fullmatch(value):
        return "use a-z, 0-9 and -", f"pypi_name {quoted(value)} is not a valid PyPI name."
    if value != distribution_name(value):
        return "use lowercase and -", f"pypi_name {quoted(value)} is not in normalised form (PEP 503)."
    if len(value) > NAME_MAX:
        return "shorten it", f"pypi_name {quoted(value)} is longer than {NAME_MAX} characters."
    normal = taken.normalise(value)
    if dependency := taken.python_dependencies().get(normal):
        return "pick another name", (
            f"pypi_name {value!r} is {dependency.role}: uv could not lock the project "
            "(a dependency of a project cannot have the project's name)."
        )
    stdlib = {taken.normalise(m.strip("_")): m for m in taken.stdlib_modules() if m.strip("_")}
    if normal in stdlib:
        return "pick another name", (
            f"pypi_name {value!r} is the name of the standard-library module {stdlib[normal]}, which PyPI refuses."
        )
    return None


def _distribution_fine(value: str) -> bool:
    return _distribution_problem(value) is None


def check_distribution_name(value: str) -> str:
    problem = _distribution_problem(value)
    if problem is None:
        return ""
    answer, why = problem
    suggestion = suggest_distribution_name(value)
    return refusal("pypi_name", f"{answer}, e.g. {suggestion!r}", answer, why=why)


# ----------------------------------------------------------------- import_name
def _import_problem(value: str) -> tuple[str, str] | None:
    """(what to answer, why) for a bad import name, without a suggestion."""
    return _identifier_problem(value) or _taken_import_problem(value)


def _identifier_problem(value: str) -> tuple[str, str] | None:
    if not value.strip():
        return "give the import name", "import_name is empty: give the Python import name."
    if value[0].isdigit():
        return "start with a letter", f"import_name {quoted(value)} starts with a digit."
    if not _IDENTIFIER.fullmatch(value):
        return "use a-z, 0-9 and _", f"import_name {quoted(value)} is not a lowercase Python identifier."
    if len(value) > NAME_MAX:
        return "shorten it", f"import_name {quoted(value)} is longer than {NAME_MAX} characters."
    if value in taken.python_keywords():
        return "pick another name", f"import_name {value!r} is a Python keyword."
    if value in RUST_KEYWORDS:
        return "pick another name", f"import_name {value!r} is a Rust keyword and cannot name the module."
    if value.startswith("__"):
        return "pick another name", f"import_name {value!r} looks like a special name (__main__, __pycache__)."
    return None


def _taken_import_problem(value: str) -> tuple[str, str] | None:
    if versions := taken.stdlib_modules().get(value):
        where = taken.versions_text(versions)
        return "pick another name", f"import_name {value!r} is a standard-library module ({where}): it would shadow it."
    if why := taken.startup_modules().get(value):
        return "pick another name", f"import_name {value!r} is a module {why}."
    if dependency := taken.dependency_modules().get(value):
        return "pick another name", (
            f"import_name {value!r} is a module of {dependency.name}, {dependency.role}: one would replace the other."
        )
    if path := taken.PATH_COLLISIONS.get(value):
        return (
            "pick another name",
            f"import_name {value!r} would name its test file {path}, a file the project has already.",
        )
    if what := taken.PROJECT_MODULES.get(value):
        return "pick another name", (
            f"import_name {value!r} is {what} of the generated project: one would shadow the other on sys.path."
        )
    if value in taken.WINDOWS_RESERVED:
        return "pick another name", f"import_name {value!r} is a device name Windows reserves: no folder can have it."
    return None


def _import_fine(value: str) -> bool:
    return _import_problem(value) is None


def check_import_name(value: str) -> str:
    problem = _import_problem(value)
    if problem is None:
        return ""
    answer, why = problem
    suggestion = suggest_import_name(value)
    return refusal("import_name", f"{answer}, e.g. {suggestion!r}", answer, why=why)


# ------------------------------------------------------------------ crate_name
def _crate_problem(value: str) -> tuple[str, str] | None:
    """(what to answer, why) for a bad crate name, without a suggestion."""
    if not value.strip():
        return "give the crate name", "crate_name is empty: give the Cargo package name."
    rule = "a crate name starts with a lowercase letter, then has lowercase letters, digits, '-' or '_'"
    if not _CRATE_NAME.fullmatch(value[:1]):
        return "start with a letter", f"crate_name {quoted(value)} does not start with a lowercase letter: {rule}."
    if not _CRATE_NAME.fullmatch(value):
        return "use a-z, 0-9, - and _", f"crate_name {quoted(value)} is not a valid crate name: {rule}."
    if value.endswith(("-", "_")):
        return "end with a letter or digit", f"crate_name {quoted(value)} ends with {value[-1]!r}."
    if len(value) > NAME_MAX:
        return "shorten it", f"crate_name {quoted(value)} is longer than {NAME_MAX} characters."
    ident = rust_identifier(value)
    if ident in RUST_KEYWORDS:
        return "pick another name", f"crate_name {value!r} is a Rust keyword."
    if ident in SYSROOT_CRATES:
        return "pick another name", f"crate_name {value!r} is a crate of Rust's own that every build can name."
    if crate := taken.crates().get(ident):
        return "pick another name", f"crate_name {value!r} is {crate.role}: the two would collide in Cargo.lock."
    for suffix in ("core", "stats"):  # the workspace layout's crates: yours, the example's
        if crate := taken.crates().get(f"{ident}_{suffix}"):
            return "pick another name", (
                f"crate_name {value!r} would name the workspace layout's crate {value}-{suffix}, which is {crate.role}."
            )
    return None


def _crate_fine(value: str) -> bool:
    return _crate_problem(value) is None


def check_crate_name(value: str) -> str:
    problem = _crate_problem(value)
    if problem is None:
        return ""
    answer, why = problem
    suggestion = suggest_crate_name(value)
    return refusal("crate_name", f"{answer}, e.g. {suggestion!r}", answer, why=why)


def suggestions(message: str) -> Iterable[str]:
    """The names a message offers (``e.g. 'name'``), for the tests that check each one."""
    return re.findall(r"e\.g\. '([^']*)'", message)
