"""What `copier update` runs in the project it updates (copier.yml ``_migrations``).

Before rendering a new version: answer migrations, which rewrite the answers
file so that an old answer reaches a renamed question. After: a report of
the files the update removed or moved (a changed layout or import name),
with the way back to the user's version of each. Plain functions, so they
are unit-tested without Copier.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

# Run as a script by path (copier.yml), or imported as part of the package.
if __package__:
    from .user_files import rust_source_folders, user_files
else:  # pragma: no cover - the script's own path is on sys.path
    from user_files import rust_source_folders, user_files  # type: ignore[import-not-found,no-redef]


def dependabot_to_dependency_updates(answers: dict[str, Any]) -> dict[str, Any]:
    """`dependabot` (yes/no) became `dependency_updates` (dependabot/none) before the first release.

    Projects rendered from the template's first, untagged commits answered `dependabot`.
    """
    if "dependabot" not in answers:
        return answers
    migrated = {key: value for key, value in answers.items() if key != "dependabot"}
    migrated.setdefault("dependency_updates", "dependabot" if answers["dependabot"] else "none")
    return migrated


MIGRATIONS = {"dependabot-to-dependency-updates": dependabot_to_dependency_updates}


def migrate_answers_file(path: Path, migration: str) -> None:
    """Apply one migration to an answers file, keeping its header comment."""
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    answers = yaml.safe_load(text) or {}
    migrated = MIGRATIONS[migration](answers)
    if migrated != answers:
        path.write_text(header + yaml.safe_dump(migrated, allow_unicode=True, sort_keys=True), encoding="utf-8")


def removal_report(removed: list[str], remaining: list[str], old: dict[str, Any], new: dict[str, Any]) -> str:
    """What the update removed, where the user's files moved, and Rust files of the user's nothing compiles now.

    ``removed``: files of the last commit the update deleted; ``remaining``:
    every file the project has after it; ``old``/``new``: the answers before
    and after.
    """
    lines = []
    if old.get("example", True) != new.get("example", True):
        lines += [
            f"The example is {'on' if new.get('example', True) else 'off'} now. README.md, CHANGELOG.md and docs/index.md",
            "are yours, and copier update leaves them alone: edit the example in or out there.",
        ]
    if not removed:
        return "\n".join(lines) + "\n" if lines else ""
    lines += [
        "copier update removed files the new answers no longer produce:",
        *(f"  {path}" for path in removed),
        "Your last committed version of each is in git: `git show HEAD:<file>` prints it,",
        "`git checkout HEAD -- <file>` brings it back.",
    ]
    before = user_files(old["layout"], old["import_name"])
    after = user_files(new["layout"], new["import_name"])
    moved = [(what, before[what], after.get(what)) for what in before if before[what] in removed]
    if moved:
        lines.append("Copy what you added to them into their new places:")
        for what, path, new_path in moved:
            lines.append(f"  {path} -> {new_path} ({what})" if new_path else f"  {path} ({what}): no place now")
    now = rust_source_folders(new["layout"])
    orphans = [
        path
        for path in remaining
        if path.endswith(".rs")
        and any(path.startswith(f"{folder}/") for folder in rust_source_folders(old["layout"]))
        and not any(path.startswith(f"{folder}/") for folder in now)
    ]
    if orphans:
        lines.append(
            f"Rust files of yours that no crate compiles now (move them under {now[0]}/, then `mod` them in lib.rs):"
        )
        lines.extend(f"  {path}" for path in orphans)
    return "\n".join(lines) + "\n"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout


def report_removed_files(answers_file: Path) -> None:
    """The after-update report, from git: the last commit is the project before the update."""
    removed = [line[3:] for line in _git("status", "--porcelain", "--no-renames").splitlines() if line[1] == "D"]
    listed = _git("ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    remaining = [path for path in listed if Path(path).is_file()]
    old = yaml.safe_load(_git("show", f"HEAD:{answers_file.as_posix()}")) or {}
    new = yaml.safe_load(answers_file.read_text(encoding="utf-8")) or {}
    if "layout" in old and "import_name" in old:
        sys.stdout.write(removal_report(sorted(removed), remaining, old, new))


if __name__ == "__main__":
    # copier.yml: migrations.py <migration> <answers file>, or report-removed <answers file>
    if sys.argv[1] == "report-removed":
        report_removed_files(Path(sys.argv[2]))
    else:
        migrate_answers_file(Path(sys.argv[2]), sys.argv[1])
