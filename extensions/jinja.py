"""The Jinja side: filters, globals and the context hook Copier loads.

Copier loads these classes through ``extensions/copier_entry.py``; everything
they expose is defined in the plain modules beside this one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copier_template_extensions import ContextHook
from jinja2.ext import Extension

from . import (
    escaping,
    extras,
    features,
    identity,
    interpreters,
    licenses,
    names,
    platforms,
    publishing,
    raw_answers,
    versions,
)
from .context import derive_cached, has_required_answers

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from jinja2 import Environment, Template, nodes


def basename(path: object) -> str:
    """The last part of a path; ``.`` resolves to the folder's own name."""
    return Path(str(path)).resolve().name


FILTERS = {
    "basename": basename,
    # derivations, for question defaults: each passes its question's check
    "pypi_name_default": names.pypi_name_default,
    "import_name_default": names.import_name_default,
    "crate_name_default": names.crate_name_default,
    # checks, for question validators: "" when fine, else the message
    "check_project_name": names.check_project_name,
    "check_distribution_name": names.check_distribution_name,
    "check_import_name": names.check_import_name,
    "check_crate_name": names.check_crate_name,
    "check_author_name": identity.check_author_name,
    "check_author_email": identity.check_author_email,
    "check_description": identity.check_description,
    "check_copyright_year": identity.check_copyright_year,
    "check_repository_url": identity.check_repository_url,
    "check_private_index_url": publishing.check_private_index_url,
    "check_license": licenses.check_license,
    "check_project_version": versions.check_project_version,
    "check_python_min": versions.check_python_min,
    "check_platforms": platforms.check_platforms,
    "check_manylinux": platforms.check_manylinux,
    "check_interpreters": interpreters.check_interpreters,
    "check_features": features.check_features,
    "check_extras": extras.check_extras,
    "check_docs_site": extras.check_docs_site,
    "check_yes_no": raw_answers.check_yes_no,
    # for the `when` of the multiselects: True, or an error naming the question
    "require_yaml_list": raw_answers.require_yaml_list,
    # literals
    "toml_str": escaping.toml_str,
    "toml_array": escaping.toml_array,
    "yaml_str": escaping.yaml_str,
    "py_str": escaping.py_str,
    "py_list": escaping.py_list,
    "py_assign_list": escaping.py_assign_list,
    "py_docstring": escaping.py_docstring,
    "rust_str": escaping.rust_str,
    "rust_const_str": escaping.rust_const_str,
    "comment_lines": escaping.comment_lines,
    "rust_use_tree": escaping.rust_use_tree,
    "shell_quote": escaping.shell_quote,
}


class Filters(Extension):
    """Registers the filters and the globals question defaults need."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(FILTERS)
        # `tojson` sorts keys by default; choices must keep the table's order.
        environment.policies["json.dumps_kwargs"] = {"sort_keys": False}
        _reuse_compiled_strings(environment)
        environment.globals.update(
            current_year=str(dt.datetime.now(tz=dt.UTC).year),
            license_choices=licenses.license_choices(),
            python_min_choices=versions.supported_minimums(),
            python_min_default=versions.default_minimum(),
            platform_choices=platforms.platform_choices(),
            default_platforms=platforms.default_platforms(),
            interpreter_choices=interpreters.interpreter_choices(),
            feature_choices=features.feature_choices(),
            extra_choices=extras.extra_choices(),
            default_extras=extras.default_extras(),
            docs_site_choices=extras.DOCS_SITES,
            placeholders=identity.PLACEHOLDERS,
            placeholder_answers=identity.placeholder_answers,
        )


def _reuse_compiled_strings(environment: Environment) -> None:
    """Compile each template string once.

    Copier compiles every question default, validator, `type` and path part
    anew each time it renders one, hundreds of times a project, from a few
    dozen distinct sources; Jinja caches only templates it loads from files.
    """
    compile_string = environment.from_string
    compiled = functools.lru_cache(maxsize=1024)(compile_string)

    def from_string(
        source: str | nodes.Template, globals: MutableMapping[str, Any] | None = None, template_class: Any = None
    ) -> Template:
        if isinstance(source, str) and globals is None and template_class is None:
            return compiled(source)
        return compile_string(source, globals, template_class)

    environment.from_string = from_string  # type: ignore[method-assign]


class DerivedContext(ContextHook):
    """Adds ``derive(answers)`` to the context of every rendered file."""

    def hook(self, context: dict[str, Any]) -> None:
        # Copier renders question defaults and validators with this context
        # too, with answers given by --data before they are validated: an
        # answer derive() cannot use is left for its validator to report.
        if has_required_answers(context):
            with contextlib.suppress(KeyError, ValueError, TypeError):
                context.update(derive_cached(context))
