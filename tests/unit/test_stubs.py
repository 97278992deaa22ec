"""Where each layout's generated stubs go, and which part of each is the template's."""

from __future__ import annotations

from extensions.stubs import stub_files

API = ["RunningStats", "StatsError", "mean"]


def test_every_layout_keeps_its_stubs_where_the_hand_written_ones_are() -> None:
    (rust_only,) = stub_files("rust-only", template_api=API, submodules={})
    assert (rust_only.generated, rust_only.path) == ("{PACKAGE}/__init__.pyi", "{PACKAGE}.pyi")
    (mixed,) = stub_files("mixed", template_api=API, submodules={})
    assert (mixed.generated, mixed.path) == ("{PACKAGE}/_core.pyi", "python/{PACKAGE}/_core.pyi")
    workspace = stub_files("workspace", template_api=[], submodules={"info": ["build_info"], "stats": API})
    assert {s.path: (s.added, s.shared) for s in workspace} == {
        "python/{PACKAGE}/_core/__init__.pyi": (("__version__",), True),
        "python/{PACKAGE}/_core/info.pyi": ((), False),
        "python/{PACKAGE}/_core/stats.pyi": (("StatsError",), False),
    }


def test_the_top_module_shares_its_stub_with_the_user() -> None:
    for layout in ("rust-only", "mixed"):
        (stub,) = stub_files(layout, template_api=API, submodules={})
        assert stub.shared
        assert set(stub.added) == {"__version__", "StatsError"}
        assert stub.template_names == tuple(API)
    (bare,) = stub_files("mixed", template_api=[], submodules={})
    assert bare.added == ("__version__",)
    (top,) = stub_files("workspace", template_api=[], submodules={})
    assert top.template_names == ()
