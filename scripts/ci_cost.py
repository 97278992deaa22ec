"""The jobs a push to main starts in a rendered project, and what GitHub bills for them.

    uv run python scripts/ci_cost.py                       # the default and full presets
    uv run python scripts/ci_cost.py --ref a3a2098         # as the template rendered them at a commit
    uv run python scripts/ci_cost.py --project ../my-ext   # a project already rendered

GitHub bills a private repository's Actions minutes at 1x on Linux, 2x on
Windows and 10x on macOS (public repositories are free). The count here is
per job, not per minute: the sum, over every job a push to main starts, of
its runner's multiplier, in Linux-job equivalents. It reads the rendered
workflows as GitHub would for that push: the workflows whose `on.push`
takes the main branch (those with a `paths` filter apart, as they run only
when a push touches those paths), each job's `if`, the reusable workflows
they call with the inputs they pass, and each matrix with its `include` and
`exclude`. It also gives the count with every test workflow's `full` input
set, which is what the one documented line in ci.yml brings back on every
push.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python scripts/ci_cost.py`, with scripts/ first on sys.path
    sys.path.insert(0, str(ROOT))

# GitHub's billing multipliers, the table the rendered README's numbers come from.
from extensions.workflows import BILLING_MULTIPLIERS as MULTIPLIERS

PRESETS = ("default", "full")


# -- GitHub's expressions, as far as workflows need them --------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<string>'(?:[^']|'')*')|(?P<op>==|!=|<=|>=|&&|\|\||[!<>()\[\],.*])"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*))"
)


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            msg = f"cannot read the expression {text!r} at {text[position:]!r}"
            raise ValueError(msg)
        kind = match.lastgroup
        assert kind is not None
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _truthy(value: Any) -> bool:
    return value not in (None, False, 0, "")


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        return left.lower() == right.lower()  # GitHub compares strings ignoring case
    return bool(left == right)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "always": lambda: True,
    "success": lambda: True,
    "failure": lambda: False,
    "cancelled": lambda: False,
    "startswith": lambda a, b: _text(a).lower().startswith(_text(b).lower()),
    "endswith": lambda a, b: _text(a).lower().endswith(_text(b).lower()),
    "contains": lambda a, b: (
        any(_equal(item, b) for item in a) if isinstance(a, list) else _text(b).lower() in _text(a).lower()
    ),
    "fromjson": json.loads,
    "tojson": json.dumps,
    "format": lambda template, *args: re.sub(r"\{(\d+)\}", lambda m: _text(args[int(m.group(1))]), template),
    "join": lambda items, sep=",": sep.join(_text(i) for i in items) if isinstance(items, list) else _text(items),
}


class _Parser:
    """Precedence, loosest first: ||, &&, == and !=, comparisons, !, then property access and calls."""

    def __init__(self, text: str, context: dict[str, Any]) -> None:
        self.tokens = _tokens(text)
        self.position = 0
        self.context = context

    def parse(self) -> Any:
        value = self._or()
        if self.position != len(self.tokens):
            msg = f"unexpected {self.tokens[self.position][1]!r}"
            raise ValueError(msg)
        return value

    def _peek(self) -> str | None:
        return self.tokens[self.position][1] if self.position < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> tuple[str, str]:
        token = self.tokens[self.position]
        if expected is not None and token[1] != expected:
            msg = f"expected {expected!r}, read {token[1]!r}"
            raise ValueError(msg)
        self.position += 1
        return token

    def _or(self) -> Any:
        value = self._and()
        while self._peek() == "||":
            self._take()
            right = self._and()
            value = value if _truthy(value) else right
        return value

    def _and(self) -> Any:
        value = self._equality()
        while self._peek() == "&&":
            self._take()
            right = self._equality()
            value = right if _truthy(value) else value
        return value

    def _equality(self) -> Any:
        value = self._comparison()
        while self._peek() in {"==", "!="}:
            op = self._take()[1]
            right = self._comparison()
            value = _equal(value, right) if op == "==" else not _equal(value, right)
        return value

    def _comparison(self) -> Any:
        value = self._unary()
        while self._peek() in {"<", ">", "<=", ">="}:
            op = self._take()[1]
            right = self._unary()
            value = {"<": value < right, ">": value > right, "<=": value <= right, ">=": value >= right}[op]
        return value

    def _unary(self) -> Any:
        if self._peek() == "!":
            self._take()
            return not _truthy(self._unary())
        return self._postfix()

    def _postfix(self) -> Any:
        value = self._primary()
        while self._peek() in {".", "["}:
            if self._take()[1] == ".":
                name = self._take()[1]
                value = value.get(name) if isinstance(value, dict) else None
            else:
                index = self._or()
                self._take("]")
                value = value.get(index) if isinstance(value, dict) else None
        return value

    def _primary(self) -> Any:
        kind, text = self._take()
        if text == "(":
            value = self._or()
            self._take(")")
            return value
        if kind == "number":
            return float(text) if "." in text else int(text)
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if kind != "name":
            msg = f"unexpected {text!r}"
            raise ValueError(msg)
        if text in {"true", "false", "null"}:
            return {"true": True, "false": False, "null": None}[text]
        if self._peek() == "(":
            self._take()
            args = []
            while self._peek() != ")":
                args.append(self._or())
                if self._peek() == ",":
                    self._take()
            self._take(")")
            return FUNCTIONS[text.lower()](*args)
        return self.context.get(text)


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """The value of one expression (without its `${{ }}`)."""
    return _Parser(expression, context).parse()


def substitute(value: Any, context: dict[str, Any]) -> Any:
    """A workflow value with its `${{ }}` evaluated: the value itself when that is all it holds."""
    if not isinstance(value, str) or "${{" not in value:
        return value
    whole = re.fullmatch(r"\s*\$\{\{(.*?)\}\}\s*", value, re.DOTALL)
    if whole:
        return evaluate(whole.group(1), context)
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _text(evaluate(m.group(1), context)), value, flags=re.DOTALL)


def condition(job_if: Any, context: dict[str, Any]) -> bool:
    if job_if is None:
        return True
    if isinstance(job_if, bool):
        return job_if
    text = str(job_if).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    return _truthy(evaluate(text, context))


# -- matrices ---------------------------------------------------------------


def expand_matrix(matrix: Any, context: dict[str, Any]) -> list[dict[str, Any]]:
    """A strategy.matrix's combinations, as GitHub makes them."""
    if matrix is None:
        return [{}]
    matrix = substitute(matrix, context)
    assert isinstance(matrix, dict), matrix
    axes = {k: substitute(v, context) for k, v in matrix.items() if k not in {"include", "exclude"}}
    exclude = substitute(matrix.get("exclude", []), context) or []
    include = substitute(matrix.get("include", []), context) or []
    combos: list[dict[str, Any]] = []
    if axes:
        combos = [dict(zip(axes, values, strict=True)) for values in itertools.product(*axes.values())]
    combos = [c for c in combos if not any(all(_equal(c.get(k), v) for k, v in e.items()) for e in exclude)]
    # An include entry extends every combination none of whose original values it overwrites; one
    # that extends none is a combination of its own.
    originals = [dict(c) for c in combos]
    for entry in include:
        extended = False
        for combo, original in zip(combos, originals, strict=True):
            if all(k not in original or _equal(original[k], v) for k, v in entry.items()):
                combo.update(entry)
                extended = True
        if not extended:
            combos.append(dict(entry))
            originals.append(dict(entry))
    return combos or [{}]


# -- the model --------------------------------------------------------------


def runner_os(label: Any) -> str:
    text = _text(label).lower()
    for name, prefixes in {"linux": ("ubuntu",), "windows": ("windows",), "macos": ("macos",)}.items():
        if text.startswith(prefixes):
            return name
    msg = f"no billing multiplier known for the runner {label!r}"
    raise ValueError(msg)


@dataclass
class Cost:
    """Jobs by operating system, and where each came from."""

    jobs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MULTIPLIERS, 0))
    names: list[tuple[str, str]] = field(default_factory=list)  # (OS, job name)

    def add(self, os_name: str, name: str) -> None:
        self.jobs[os_name] += 1
        self.names.append((os_name, name))

    @property
    def total(self) -> int:
        return sum(self.jobs.values())

    @property
    def billed(self) -> int:
        return sum(MULTIPLIERS[os_name] * count for os_name, count in self.jobs.items())


def _load(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict), path
    loaded["on"] = loaded.pop(True, loaded.get("on"))  # YAML 1.1 reads `on` as true
    return loaded


def _push_to_main(workflow: dict[str, Any]) -> str:
    """ "always", "paths" (only when the push touches them) or "" (not started by a push to main)."""
    triggers = workflow["on"]
    if isinstance(triggers, str):
        triggers = {triggers: None}
    elif isinstance(triggers, list):
        triggers = dict.fromkeys(triggers)
    if "push" not in triggers:
        return ""
    push = triggers["push"] or {}
    if ("tags" in push or "tags-ignore" in push) and "branches" not in push:
        return ""
    branches = push.get("branches")
    if branches is not None and not any(re.fullmatch(b.replace("*", ".*"), "main") for b in branches):
        return ""
    return "paths" if "paths" in push or "paths-ignore" in push else "always"


def _called(project: Path, uses: str) -> Path | None:
    for prefix in ("$/", "./"):
        if uses.startswith(prefix):
            return project / uses.removeprefix(prefix)
    return None


def workflow_cost(project: Path, path: Path, *, inputs: dict[str, Any], full: bool, cost: Cost) -> None:
    workflow = _load(path)
    declared = (workflow["on"] or {}).get("workflow_call", {}) if isinstance(workflow["on"], dict) else {}
    declared_inputs = (declared or {}).get("inputs", {}) or {}
    values = {name: spec.get("default") for name, spec in declared_inputs.items()}
    values.update(inputs)
    if full and "full" in declared_inputs:
        values["full"] = True
    github = {"event_name": "push", "ref": "refs/heads/main", "ref_name": "main", "event": {}}
    context = {"github": github, "inputs": values, "vars": {}, "needs": {}, "env": {}}
    for name, job in workflow["jobs"].items():
        if not condition(job.get("if"), context):
            continue
        callee = _called(project, job.get("uses", ""))
        if callee is not None:
            passed = {key: substitute(value, context) for key, value in (job.get("with") or {}).items()}
            workflow_cost(project, callee, inputs=passed, full=full, cost=cost)
            continue
        for combination in expand_matrix((job.get("strategy") or {}).get("matrix"), context):
            job_context = {**context, "matrix": combination}
            label = substitute(job["runs-on"], job_context)
            title = _text(substitute(job.get("name", name), job_context))
            cost.add(runner_os(label), f"{path.name}: {title}")


def push_cost(project: Path, *, full: bool = False) -> tuple[Cost, list[str]]:
    """What a push to main starts; and the workflows it starts only when it touches their paths."""
    cost, conditional = Cost(), []
    for path in sorted((project / ".github" / "workflows").glob("*.yml")):
        started = _push_to_main(_load(path))
        if started == "always":
            workflow_cost(project, path, inputs={}, full=full, cost=cost)
        elif started == "paths":
            conditional.append(path.name)
    return cost, conditional


# -- the command ------------------------------------------------------------


def _render(preset: str, destination: Path, ref: str | None) -> Path:
    from copier import run_copy  # noqa: PLC0415 - only the command needs it

    answers = yaml.safe_load((ROOT / "presets" / f"{preset}.yml").read_text(encoding="utf-8"))
    run_copy(
        src_path=str(ROOT),
        dst_path=str(destination),
        data=answers,
        defaults=True,
        unsafe=True,
        vcs_ref=ref or "HEAD",
        quiet=True,
    )
    return destination


def describe(name: str, project: Path) -> list[str]:
    lines = []
    for full in (False, True):
        cost, conditional = push_cost(project, full=full)
        jobs = ", ".join(f"{cost.jobs[os_name]} {os_name}" for os_name in MULTIPLIERS)
        label = "per push" if not full else "per push, every test workflow with `full: true`"
        lines.append(f"{name}, {label}: {cost.total} jobs ({jobs}), {cost.billed} Linux-job equivalents")
        if conditional and not full:
            lines.append(f"  and when a push touches their paths: {', '.join(conditional)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", help="render the presets from this commit of the template (default: the checkout)")
    parser.add_argument("--project", type=Path, help="count an already rendered project instead")
    parser.add_argument("--jobs", action="store_true", help="list every job as well")
    args = parser.parse_args(argv)
    if args.project:
        projects = [(args.project.name, args.project)]
        lines = describe(args.project.name, args.project)
    else:
        scratch = Path(tempfile.mkdtemp(prefix="ci-cost-"))
        projects = [(preset, _render(preset, scratch / preset, args.ref)) for preset in PRESETS]
        lines = [line for name, project in projects for line in describe(name, project)]
    print("\n".join(lines))  # noqa: T201 - the command's output
    if args.jobs:
        for name, project in projects:
            for os_name, title in push_cost(project)[0].names:
                print(f"{name}\t{os_name}\t{title}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
