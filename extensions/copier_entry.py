"""Entry point Copier loads (``extensions/copier_entry.py:Filters`` ...).

copier-template-extensions executes this file by path, outside any package,
so it imports the ``extensions`` folder as a package itself. The package gets
a name unique to its files: ``copier update`` renders the old and the new
template version in one process, and each must see its own extensions (and
their data files).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _import_extensions_package() -> str:
    digest = hashlib.sha256(str(_HERE).encode())
    for source in sorted([*_HERE.glob("*.py"), *_HERE.glob("data/*.json")]):
        digest.update(source.read_bytes())
    name = f"_copier_pyo3_extensions_{digest.hexdigest()[:16]}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, _HERE / "__init__.py", submodule_search_locations=[str(_HERE)]
        )
        assert spec is not None
        assert spec.loader is not None
        package = importlib.util.module_from_spec(spec)
        sys.modules[name] = package
        spec.loader.exec_module(package)
    return name


_jinja = importlib.import_module(f"{_import_extensions_package()}.jinja")

Filters = _jinja.Filters
DerivedContext = _jinja.DerivedContext
