"""The template's documentation site: its tables, generated from the template's own data.

mkdocs.yml loads this file as a hook. A page asks for a generated block with
a line of its own, ``<!-- generated: NAME -->`` (NAME a key of ``BLOCKS``),
and for a pinned version with ``{{ pins.NAME }}`` (a constant of
extensions/pins.py). Both are expanded when the site is built, so a table
cannot drift from the data it shows: the questions come from copier.yml and
the prose beside each one from docs/questions.yml; the platforms,
interpreters, glibc policies and wheel tags from extensions/; the presets
from presets/. The site's changelog page is CHANGELOG.md itself.

Data that does not fit (a question without its entry in docs/questions.yml,
an entry for a question or a choice that no longer exists, an unknown block
or pin) stops the build with a message that names it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path, with the repository off sys.path
    sys.path.insert(0, str(ROOT))

from extensions import interpreters, pins, platforms, versions, wheel_tests, workflows
from extensions.jinja import Filters

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

COPIER_YML = ROOT / "copier.yml"
QUESTIONS_YML = ROOT / "docs" / "questions.yml"
PRESETS_DIR = ROOT / "presets"
CHANGELOG = ROOT / "CHANGELOG.md"

GENERATED = re.compile(r"^<!-- generated: ([a-z-]+) -->$", flags=re.MULTILINE)
PIN = re.compile(r"\{\{ pins\.([A-Z0-9_]+) \}\}")
SECTION = re.compile(r"^# -+ (\w[\w ]*)$")
QUESTION_KEY = re.compile(r"^([a-z][a-z0-9_]*):")
ENTRY_FIELDS = {"default", "accepts", "choices"}


class DocsDataError(ValueError):
    """The data a page is generated from is incomplete or stale."""


# -- questions ---------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    name: str
    section: str
    help: str
    kind: str  # "text", "yes/no", "one of", "any of"
    default: str  # as the reference shows it
    choices: tuple[tuple[str, str], ...]  # (value, label beyond the value)
    accepts: str
    choice_details: dict[str, str]


def _environment() -> jinja2.Environment:
    """Jinja as Copier renders copier.yml: the template's own filters and globals."""
    return jinja2.Environment(extensions=[Filters], undefined=jinja2.StrictUndefined, autoescape=False)


def _render(environment: jinja2.Environment, value: Any) -> Any:
    """A copier.yml value as Copier reads it: Jinja rendered, then YAML parsed."""
    if isinstance(value, str) and "{{" in value:
        return yaml.safe_load(environment.from_string(value).render())
    if isinstance(value, str) and value.startswith("["):
        return yaml.safe_load(value)
    return value


def _sections(text: str, names: list[str]) -> dict[str, str]:
    """Each question's section: the `# ---- name` comment above it in copier.yml."""
    found: dict[str, str] = {}
    section = "Questions"
    for line in text.splitlines():
        if heading := SECTION.match(line):
            section = heading[1].strip().capitalize()
        elif (key := QUESTION_KEY.match(line)) and key[1] in names:
            found[key[1]] = section
    return found


def _label(value: str, label: str) -> str:
    """What a choice's label says beyond its value."""
    label = label.replace(f" [{value}]", "")
    if label == value:
        return ""
    return label.removeprefix(f"{value}: ")


def _choices(environment: jinja2.Environment, config: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    if config.get("type") == "bool":
        return ()
    choices = _render(environment, config.get("choices"))
    if choices is None:
        return ()
    if isinstance(choices, dict):
        return tuple((str(value), _label(str(value), str(label))) for label, value in choices.items())
    return tuple((str(value), "") for value in choices)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(f"`{item}`" for item in value) if value else "none"
    return f"`{value}`"


def _kind(config: dict[str, Any], choices: tuple[tuple[str, str], ...]) -> str:
    if config.get("type") == "bool":
        return "yes/no"
    if config.get("multiselect"):
        return "any of"
    return "one of" if choices else "text"


def questions() -> list[Question]:
    """Every question of copier.yml, in its order, with its prose from docs/questions.yml."""
    text = COPIER_YML.read_text(encoding="utf-8")
    config: dict[str, Any] = yaml.safe_load(text)
    names = [name for name in config if not name.startswith("_")]
    prose: dict[str, dict[str, Any]] = yaml.safe_load(QUESTIONS_YML.read_text(encoding="utf-8")) or {}
    missing = [name for name in names if name not in prose]
    stale = [name for name in prose if name not in names]
    if missing or stale:
        msg = (
            f"docs/questions.yml must have an entry for each question of copier.yml: "
            f"missing {missing}, not a question {stale}"
        )
        raise DocsDataError(msg)
    environment = _environment()
    sections = _sections(text, names)
    found = []
    for name in names:
        entry = prose[name] or {}
        unknown = set(entry) - ENTRY_FIELDS
        if unknown:
            msg = f"docs/questions.yml, {name}: unknown fields {sorted(unknown)}; use {sorted(ENTRY_FIELDS)}"
            raise DocsDataError(msg)
        choices = _choices(environment, config[name])
        details: dict[str, str] = entry.get("choices") or {}
        values = [value for value, _ in choices]
        if set(details) - set(values):
            msg = f"docs/questions.yml, {name}: choices {sorted(set(details) - set(values))} are not offered"
            raise DocsDataError(msg)
        kind = _kind(config[name], choices)
        if kind == "text" and not entry.get("accepts"):
            msg = f"docs/questions.yml, {name}: say what the answer accepts (`accepts:`)"
            raise DocsDataError(msg)
        if "default" in entry:
            default = str(entry["default"])
        else:
            try:
                default = _shown(_render(environment, config[name].get("default")))
            except jinja2.UndefinedError as error:
                msg = f"docs/questions.yml, {name}: its default depends on other answers ({error}): say it in words"
                raise DocsDataError(msg) from error
        found.append(
            Question(
                name=name,
                section=sections.get(name, "Questions"),
                help=str(_render(environment, config[name].get("help", ""))),
                kind=kind,
                default=default,
                choices=choices,
                accepts=str(entry.get("accepts", "")).strip(),
                choice_details={key: str(value).strip() for key, value in details.items()},
            )
        )
    return found


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def questions_table() -> str:
    lines = ["| Question | Asks | Answer | Default |", "| --- | --- | --- | --- |"]
    lines += [f"| [`{q.name}`](#{q.name}) | {_cell(q.help)} | {q.kind} | {_cell(q.default)} |" for q in questions()]
    return "\n".join(lines)


def questions_reference() -> str:
    """A section per question: prompt, default, what it accepts, each choice."""
    blocks: list[str] = []
    section = ""
    for question in questions():
        if question.section != section:
            section = question.section
            blocks.append(f"## {section}")
        lines = [f"### `{question.name}`", "", f"*{_cell(question.help)}*", "", f"**Default:** {question.default}."]
        if question.accepts:
            lines += ["", f"**Accepts:** {question.accepts}"]
        if question.choices:
            lines += ["", "**Choices:**" if question.kind == "one of" else "**Choices** (any of them):", ""]
            for value, label in question.choices:
                text = " — ".join(part for part in (label, question.choice_details.get(value, "")) if part)
                lines.append(f"- `{value}`" + (f": {text}" if text else ""))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# -- platforms and wheels ----------------------------------------------------

TESTED = {
    "runner": "on its runner",
    "container": "in a container on the runner, natively",
    "emulated": "in a container of its architecture, under QEMU",
    "pyodide": "in Node, with Pyodide",
    "untested": "built and checked, not run",
}


def platforms_table() -> str:
    policy = next(iter(platforms.MANYLINUX_POLICIES))
    lines = [
        f"| Answer | Platform | Rust target | Runner | Platform tag (with `{policy}`) | Wheels tested | CPython | Default | PGO |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for p in platforms.PLATFORMS:
        pythons = f"{p.pinned_python} only" if p.pinned_python else "every supported"
        pgo = "yes" if p.trains_pgo else f"no: {p.plain_build_reason}"
        lines.append(
            f"| `{p.key}` | {p.label} | `{p.rust_target}` | `{p.runner}` | `{p.platform_tag(policy)}` "
            f"| {TESTED[p.test_on]} | {pythons} | {'yes' if p.maturin_default else 'no'} | {pgo} |"
        )
    return "\n".join(lines)


def _container(test: wheel_tests.ContainerTest | None) -> str:
    if test is None:
        return "the runner (`just test-dist`)"
    where = f"`{test.image}`" + (f" under QEMU ({test.qemu})" if test.qemu else "")
    if test.debian_packages:
        where += ", with " + ", ".join(f"`{package}`" for package in test.debian_packages)
    if test.left_out:
        where += ", without " + ", ".join(f"`{path}`" for path in test.left_out)
    return where


def linux_table() -> str:
    """Where each Linux row's wheels are tested, for the default minimum Python, and with `numpy`."""
    minimum = versions.default_minimum()
    lines = [
        f"| Answer | Debian architecture | Docker platform | Tests run in (`python_min` {minimum}) | With `numpy` |",
        "| --- | --- | --- | --- | --- |",
    ]
    for p in platforms.PLATFORMS:
        if p.os != "linux":
            continue
        plain = wheel_tests.container_test(p, minimum, [])
        numpy = wheel_tests.container_test(p, minimum, ["numpy"])
        same = numpy is None or plain is None or (numpy.image, numpy.left_out) == (plain.image, ())
        with_numpy = "the same, NumPy from PyPI" if same else _container(numpy)
        lines.append(f"| `{p.key}` | `{p.debian_arch}` | `{p.docker_platform}` | {_container(plain)} | {with_numpy} |")
    return "\n".join(lines)


def policies_table() -> str:
    lines = ["| Policy | Oldest glibc | Platform tag | Applies to |", "| --- | --- | --- | --- |"]
    answered = "the `manylinux` answer: every glibc row but those with a policy of their own"
    lines += [
        f"| `{policy.name}` | {policy.glibc} | `{policy.tag}` | {answered} |"
        for policy in platforms.MANYLINUX_POLICIES.values()
    ]
    for policy in sorted({p.own_policy for p in platforms.PLATFORMS if p.own_policy}, key=lambda p: p.name):
        rows = ", ".join(f"`{p.key}`" for p in platforms.PLATFORMS if p.own_policy == policy)
        lines.append(f"| `{policy.name}` | {policy.glibc} | `{policy.tag}` | {rows}, whatever the answer |")
    musl = ", ".join(f"`{p.key}`" for p in platforms.PLATFORMS if p.libc == "musl")
    lines.append(f"| `{platforms.MUSLLINUX}` | (musl 1.2) | `{platforms.MUSLLINUX}_{{arch}}` | {musl} |")
    return "\n".join(lines)


def runners_table() -> str:
    lines = ["| Machine | GitHub runner label |", "| --- | --- |"]
    lines += [f"| {machine} | `{label}` |" for machine, label in platforms.RUNNERS.items()]
    return "\n".join(lines)


def interpreters_table() -> str:
    lines = ["| Answer | Interpreter | Python | Wheel tag | Platforms |", "| --- | --- | --- | --- | --- |"]
    for i in interpreters.INTERPRETERS:
        where = ", ".join(f"`{key}`" for key in i.platforms)
        lines.append(f"| `{i.key}` | {i.name} | {i.python} | `{i.tag}` | {where} |")
    return "\n".join(lines)


def wheels_table() -> str:
    """The wheels a platform row gets for each abi3 / free_threaded answer, at the default minimum."""
    minimum = versions.default_minimum()
    lines = ["| `abi3` | `free_threaded` | Wheels (python-abi tag: installs on) |", "| --- | --- | --- |"]
    for abi3 in (True, False):
        for free_threaded in (True, False):
            builds = workflows.wheel_builds(minimum, abi3=abi3, free_threaded=free_threaded)
            wheels = "; ".join(f"`{tag}`: {workflows.wheel_serves(tag)}" for build in builds for tag in build.tags)
            lines.append(f"| {_shown(abi3)} | {_shown(free_threaded)} | {wheels} |")
    return "\n".join(lines)


# -- presets -----------------------------------------------------------------


def preset_summary(path: Path) -> str:
    """A preset's first comment line: what it is for, in one line."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if not first.startswith("# "):
        msg = f"presets/{path.name} must start with a one-line comment that says what it is for"
        raise DocsDataError(msg)
    return first.removeprefix("# ")


def presets_table() -> str:
    """What each preset answers, one column a preset; blank where it takes the default."""
    presets = {path.stem: path for path in sorted(PRESETS_DIR.glob("*.yml"))}
    answers = {name: yaml.safe_load(path.read_text(encoding="utf-8")) for name, path in presets.items()}
    identity = {"project_name", "description", "author_name", "author_email", "repository_url", "copyright_year"}
    by_name = {q.name: q for q in questions()}
    lines = [
        "| Question | " + " | ".join(f"`{name}`" for name in presets) + " |",
        "| --- |" + " --- |" * len(presets),
    ]
    for question in by_name.values():
        if question.name in identity:
            continue
        cells = []
        for name in presets:
            value = answers[name].get(question.name)
            if value is None:
                cells.append("")
            elif isinstance(value, list) and question.choices and len(value) == len(question.choices):
                cells.append(f"all {len(value)}")
            else:
                cells.append(_shown(value))
        if any(cells):
            lines.append(f"| [`{question.name}`](questions.md#{question.name}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def presets_list() -> str:
    return "\n".join(f"- `{path.stem}`: {preset_summary(path)}" for path in sorted(PRESETS_DIR.glob("*.yml")))


BLOCKS: dict[str, Callable[[], str]] = {
    "questions-table": questions_table,
    "questions-reference": questions_reference,
    "platforms": platforms_table,
    "linux-platforms": linux_table,
    "glibc-policies": policies_table,
    "runners": runners_table,
    "interpreters": interpreters_table,
    "wheel-tags": wheels_table,
    "presets": presets_table,
    "presets-list": presets_list,
}


def expand(markdown: str) -> str:
    """A page's markdown with its generated blocks and pins filled in."""

    def block(match: re.Match[str]) -> str:
        if match[1] not in BLOCKS:
            msg = f"no generated block {match[1]!r}; there are {', '.join(BLOCKS)}"
            raise DocsDataError(msg)
        return BLOCKS[match[1]]()

    def pin(match: re.Match[str]) -> str:
        value = getattr(pins, match[1], None)
        if not isinstance(value, str | int) or isinstance(value, bool):
            msg = f"extensions/pins.py has no version {match[1]}"
            raise DocsDataError(msg)
        return str(value)

    return PIN.sub(pin, GENERATED.sub(block, markdown))


# -- MkDocs hooks --------------------------------------------------------------


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The changelog page is the repository's CHANGELOG.md, not a copy of it."""
    from mkdocs.structure.files import File  # noqa: PLC0415 - MkDocs is there when it runs its hooks

    files.append(File.generated(config, "changelog.md", abs_src_path=str(CHANGELOG)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:  # noqa: ARG001 - MkDocs' signature
    from mkdocs.exceptions import PluginError  # noqa: PLC0415

    try:
        return expand(markdown)
    except DocsDataError as error:
        msg = f"{page.file.src_uri}: {error}"
        raise PluginError(msg) from error
