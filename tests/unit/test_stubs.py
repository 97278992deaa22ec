"""Where each layout's generated stubs go, and what the project adds to them."""

from __future__ import annotations

from extensions.stubs import stub_files


def test_every_layout_keeps_its_stubs_where_the_hand_written_ones_are() -> None:
    assert [(s.generated, s.path) for s in stub_files("rust-only")] == [("{PACKAGE}/__init__.pyi", "{PACKAGE}.pyi")]
    assert [(s.generated, s.path) for s in stub_files("mixed")] == [
        ("{PACKAGE}/_core.pyi", "python/{PACKAGE}/_core.pyi")
    ]
    workspace = {s.path: s.added for s in stub_files("workspace")}
    assert workspace == {
        "python/{PACKAGE}/_core/__init__.pyi": ("__all__", "__version__"),
        "python/{PACKAGE}/_core/info.pyi": ("__all__",),
        "python/{PACKAGE}/_core/stats.pyi": ("__all__", "StatsError"),
    }


def test_the_exception_and_version_are_added_where_the_module_defines_them() -> None:
    for layout in ("rust-only", "mixed"):
        (stub,) = stub_files(layout)
        assert set(stub.added) == {"__all__", "__version__", "StatsError"}
