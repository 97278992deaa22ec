"""copier_entry.py loads each template version's extensions side by side.

`copier update` renders the old and the new template version in one process;
if both imported `extensions` under one name, the second would silently use
the first one's code.
"""

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

EXTENSIONS = Path(__file__).parents[2] / "extensions"


def _load_entry(extensions_dir: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, extensions_dir / "copier_entry.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_two_template_versions_keep_their_own_extensions(tmp_path: Path) -> None:
    old = tmp_path / "old" / "extensions"
    new = tmp_path / "new" / "extensions"
    shutil.copytree(EXTENSIONS, old, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(EXTENSIONS, new, ignore=shutil.ignore_patterns("__pycache__"))
    pins = new / "pins.py"
    pins.write_text(pins.read_text().replace('PYO3 = "', 'PYO3 = "99.'), encoding="utf-8")

    old_entry = _load_entry(old, "entry_old")
    new_entry = _load_entry(new, "entry_new")

    old_pins = importlib.import_module(old_entry.Filters.__module__.rpartition(".")[0] + ".pins")
    new_pins = importlib.import_module(new_entry.Filters.__module__.rpartition(".")[0] + ".pins")
    assert old_entry.Filters is not new_entry.Filters
    assert not old_pins.PYO3.startswith("99.")
    assert new_pins.PYO3.startswith("99.")


def test_loading_the_same_files_twice_reuses_the_package() -> None:
    first = _load_entry(EXTENSIONS, "entry_a")
    second = _load_entry(EXTENSIONS, "entry_b")
    assert first.Filters is second.Filters
    assert first.DerivedContext is second.DerivedContext
