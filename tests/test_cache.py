"""The caches of read verbs (kg.cache): keyed on the built kg.nq, rebuilt when it changes, corrupt ones ignored.

The data is the bundled tiny graph written as a kg.nq, and variants of it with facts removed.
合肥's two share-of-GDP targets are >45% for 2022 (seed 000, 表7) and 50% or more by 2025
(seed 000, 四（一）, the sentence quoting 《合肥市数字经济发展规划（2020-2025）》).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kg import cache
from kg.examples import tiny_graph
from kg.names import UnknownName, names_of, resolve_entity
from kg.network import cooperation_network
from kg.queries import answer, query
from kg.store import load, open_built

HEFEI_2022 = "<https://w3id.org/yrd-de/id/fig-hefei-de-share-2022>"
ZONE = "<https://w3id.org/yrd-de/id/suzhou-anhui-hitech-zone>"


@pytest.fixture(scope="module")
def nquads() -> bytes:
    return tiny_graph().nquads()


def without(nquads: bytes, iri: str) -> bytes:
    """The dataset without the quads that mention ``iri``."""
    return b"".join(line for line in nquads.splitlines(keepends=True) if iri.encode() not in line)


def rewrite(path, data: bytes) -> None:
    """Replace the file the way a build does: a new file renamed into place."""
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def years(graph) -> list[int]:
    return answer(graph, "cq04-share-of-gdp-targets", region="合肥").column("year")


@pytest.fixture
def nq_file(tmp_path, nquads, monkeypatch):
    monkeypatch.delenv("KG_NO_CACHE", raising=False)
    path = tmp_path / "kg.nq"
    path.write_bytes(nquads)
    return path


def entries(path) -> list[str]:
    folder = path.parent / cache.CACHE_DIR
    return (
        sorted(p.name.split("-")[0] for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []
    )


def test_the_first_command_fills_the_cache_and_the_next_reads_it(nq_file):
    graph = open_built(nq_file)
    assert years(graph) == [2025, 2022]
    assert entries(nq_file) == ["names", "store"]
    again = open_built(nq_file)
    assert again is not graph and years(again) == [2025, 2022]
    assert names_of(again).things == names_of(graph).things


def test_a_changed_file_changes_every_answer(nq_file, nquads):
    assert years(open_built(nq_file)) == [2025, 2022]
    resolve_entity(open_built(nq_file), "宿州高新区")
    rewrite(nq_file, without(without(nquads, HEFEI_2022), ZONE))
    graph = open_built(nq_file)
    assert years(graph) == [2025]
    with pytest.raises(UnknownName):
        resolve_entity(graph, "宿州高新区")
    assert entries(nq_file) == ["names", "store"]  # the stale entries were removed


def test_the_same_size_rewritten_in_place_is_noticed(nq_file, nquads):
    assert years(open_built(nq_file)) == [2025, 2022]
    changed = nquads.replace(b'"2022"^^', b'"2021"^^')  # one year less, same length
    assert len(changed) == len(nquads)
    nq_file.write_bytes(changed)  # same inode and size; only the modification time tells
    assert 2021 in years(open_built(nq_file))


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"\x80\x81 binary", b"[[1, 2]]"])
def test_a_corrupt_name_index_is_ignored_and_written_again(nq_file, garbage):
    years(open_built(nq_file))
    (entry,) = (nq_file.parent / cache.CACHE_DIR).glob("names-*")
    entry.write_bytes(garbage)
    assert years(open_built(nq_file)) == [2025, 2022]
    assert resolve_entity(open_built(nq_file), "Hefei").endswith("/hefei")
    assert entry.read_bytes() != garbage


def test_a_corrupt_store_is_made_again(nq_file):
    open_built(nq_file)
    (store,) = (nq_file.parent / cache.CACHE_DIR).glob("store-*")
    for file in store.iterdir():
        file.write_bytes(b"garbage")
    assert years(open_built(nq_file)) == [2025, 2022]


def test_a_corrupt_network_is_projected_again(nq_file):
    graph = open_built(nq_file)
    nodes = sorted(cooperation_network(graph))
    (entry,) = (nq_file.parent / cache.CACHE_DIR).glob("network-*")
    entry.write_bytes(b"\x80\x04not a pickle")
    assert sorted(cooperation_network(open_built(nq_file))) == nodes
    entry.write_bytes(__import__("pickle").dumps(["a list, not a network"]))
    assert sorted(cooperation_network(open_built(nq_file))) == nodes


def test_networks_are_copies_and_follow_the_file(nq_file, nquads):
    first, second = cooperation_network(open_built(nq_file)), cooperation_network(open_built(nq_file))
    assert sorted(first) == sorted(second) and first is not second
    first.remove_node(ZONE.strip("<>"))
    assert ZONE.strip("<>") in cooperation_network(open_built(nq_file))
    rewrite(nq_file, without(nquads, ZONE))
    assert ZONE.strip("<>") not in cooperation_network(open_built(nq_file))


def test_load_reuses_one_graph_until_the_file_changes(nq_file, nquads):
    graph = load(nq_file)
    assert load(nq_file) is graph
    assert query("cq04-share-of-gdp-targets", graph=load(nq_file), region="合肥")["year"].tolist() == [2025, 2022]
    rewrite(nq_file, without(nquads, HEFEI_2022))
    assert load(nq_file) is not graph
    assert years(load(nq_file)) == [2025]


def test_no_cache_writes_nothing(nq_file, monkeypatch):
    monkeypatch.setenv("KG_NO_CACHE", "1")
    assert years(open_built(nq_file)) == [2025, 2022]
    assert not (nq_file.parent / cache.CACHE_DIR).exists()


def test_concurrent_first_readers_all_answer(nq_file):
    script = (
        "import sys; from kg.store import open_built; from kg.queries import answer; "
        "print(answer(open_built(sys.argv[1]), 'cq04-share-of-gdp-targets', region='合肥').column('year'))"
    )
    env = {k: v for k, v in os.environ.items() if k != "KG_NO_CACHE"}
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(nq_file)], stdout=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120)[0].decode().strip() for run in runs]
    assert [run.returncode for run in runs] == [0] * 4
    assert outputs == ["[2025, 2022]"] * 4
    assert entries(nq_file) == ["names", "store"]
    assert not list((nq_file.parent / cache.CACHE_DIR).glob(".*"))  # nothing staged left behind


def test_the_server_keeps_answers_within_its_limit_and_never_volatile_ones():
    from kg.serve.pool import Answer, Answers

    kept = Answers(limit=100)
    ok = Answer(200, "application/sparql-results+json", b"x" * 40)
    kept.put(("SELECT 1", "json"), ok)
    kept.put(("SELECT (RAND() AS ?r)", "json"), ok)
    kept.put(("SELECT (now () AS ?t)", "json"), ok)
    kept.put(("SELECT 2", "json"), Answer(503, "text/plain", b"stopped"))
    assert kept.get(("SELECT 1", "json")) is ok
    assert kept.get(("SELECT 1", "xml")) is None  # another Accept header is another answer
    assert [kept.get((q, "json")) for q in ("SELECT (RAND() AS ?r)", "SELECT (now () AS ?t)", "SELECT 2")] == [None] * 3
    kept.put(("SELECT 3", "json"), ok)
    kept.put(("SELECT 4", "json"), ok)  # 3 x 48 bytes > 100: the least recent (SELECT 1) goes
    assert kept.get(("SELECT 1", "json")) is None and kept.get(("SELECT 4", "json")) is ok


def test_layouts_are_kept_and_a_corrupt_one_is_computed_again(nq_file):
    from kg.viz.layout import force_layout

    positions = force_layout(cooperation_network(open_built(nq_file)))
    (entry,) = (nq_file.parent / cache.CACHE_DIR).glob("layout-*")
    assert force_layout(cooperation_network(open_built(nq_file))) == positions
    entry.write_bytes(b'{"truncated": [1.0')
    assert force_layout(cooperation_network(open_built(nq_file))) == positions
    assert force_layout(cooperation_network(tiny_graph())) == positions  # the same as computing it afresh


def test_something_in_the_way_of_an_entry_means_no_cache_not_an_error(nq_file):
    (nq_file.parent / cache.CACHE_DIR / f"names-{cache.fingerprint(nq_file)}").mkdir(parents=True)
    assert years(open_built(nq_file)) == [2025, 2022]
    assert resolve_entity(open_built(nq_file), "合肥").endswith("/hefei")
