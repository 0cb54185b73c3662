"""Shared helpers: a scratch copy of the data package, fixtures applied to it, a prior build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.paths import DEFAULT_DATA_DIR

FIXTURES = Path(__file__).parent / "fixtures"

#: Fixtures that build or load the real data, or start a browser or server: tests using them are ``slow``.
SLOW_FIXTURES = {"built", "graph", "network", "G", "server", "browser", "data_dir", "views", "site", "site_browser"}


def pytest_collection_modifyitems(items):
    """Mark ``slow`` every test that uses a slow fixture (``pytest -m "not slow"`` leaves them out)."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def apply_fixture(data_dir: Path, fixture: Path) -> tuple[Path, int]:
    """Put a fixture into a data copy; return the table it changed and the line of its first row.

    ``fixtures/append/<table>--<case>.csv``: its rows (header skipped) are appended
    to the real table, so the first of them lands on the line after the table's last.
    ``fixtures/replace/<table>--<case>.csv``: the table is replaced; first row on line 2.
    """
    table = data_dir / (fixture.name.split("--")[0] + ".csv")
    if fixture.parent.name == "replace":
        shutil.copyfile(fixture, table)
        return table, 2
    original = table.read_text(encoding="utf-8")
    assert original.endswith("\n")
    rows = fixture.read_text(encoding="utf-8").split("\n", 1)[1]
    table.write_text(original + rows, encoding="utf-8")
    return table, original.count("\n") + 1


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """One build of the committed data, shared by the tests that only read it."""
    out = tmp_path_factory.mktemp("build")
    build(DEFAULT_DATA_DIR, out)
    return out


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, str]]:
    """Bytes and modification time of every file under a folder, and where each link points (to prove it was not
    touched)."""
    return {
        str(p.relative_to(folder)): (
            p.read_bytes() if p.is_file() else b"",
            p.lstat().st_mtime_ns,
            os.readlink(p) if p.is_symlink() else "",
        )
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="session")
def server(built):
    """The real Oxigraph server, read-only on a free loopback port over the built data; always stopped."""
    from kg.serve import running_server

    with running_server(built / "kg.nq", timeout=2) as url:
        yield url


@pytest.fixture(scope="session")
def graph(built):
    """The built dataset, loaded once for the tests that only query it."""
    from kg.store import load

    return load(built)


@pytest.fixture(scope="session")
def network(graph):
    """The cooperation network of the built dataset."""
    from kg.network import cooperation_network

    return cooperation_network(graph)


@pytest.fixture(scope="session")
def site(graph, tmp_path_factory):
    """The portal of the built dataset (kg site), written once for the tests that only read it."""
    from kg.site import build_site

    return build_site(graph, tmp_path_factory.mktemp("portal") / "site").out


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium that cannot reach the network (see kg.viz.browser); closed after the session."""
    from kg.viz.browser import Browser

    with Browser() as chromium:
        yield chromium
