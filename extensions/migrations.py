"""Answer migrations that `copier update` runs before rendering a new version.

Copier runs each as a command in the project being updated (copier.yml
``_migrations``); it rewrites the answers file so that an old answer reaches
a renamed question. Plain functions, so they are unit-tested without Copier.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml


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


if __name__ == "__main__":
    # copier.yml: migrations.py <migration> <answers file>
    migrate_answers_file(Path(sys.argv[2]), sys.argv[1])
