"""The RDF -> networkx bridge, name resolution, exports and the network verbs of the CLI."""

import csv
import json

import networkx as nx
import pytest

from kg.cli import main
from kg.export import export_network
from kg.names import AmbiguousName, UnknownName
from kg.network import DEFAULT_RELATIONS, communities, cooperation_network, ego_network, pattern_network, resolve
from kg.patterns import pattern_profile


@pytest.fixture
def G(network):
    return network


@pytest.mark.parametrize(
    "name", ["合肥", "合肥市", "Hefei", "hefei", "He Fei", "340100000000", "340100", "https://w3id.org/yrd-de/id/hefei"]
)
def test_many_names_one_node(G, name):
    assert resolve(G, name) == "https://w3id.org/yrd-de/id/hefei"


def test_an_id_wins_over_a_label_that_spells_the_same(graph):
    from kg.names import Named, NameIndex

    index = NameIndex(
        [
            Named("https://w3id.org/yrd-de/id/trunk-line", "干线", "Trunk Line", "Region"),
            Named("https://w3id.org/yrd-de/id/trunk-line-s1", "干线", "Trunk Line", "Region"),
        ]
    )
    assert index.resolve("trunk-line") == "https://w3id.org/yrd-de/id/trunk-line"
    with pytest.raises(AmbiguousName):
        index.resolve("Trunk Line")


def test_suzhou_and_suzhou(G):
    assert resolve(G, "苏州").endswith("/suzhou-jiangsu")
    assert resolve(G, "宿州").endswith("/suzhou-anhui")
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve(G, "Suzhou")
    assert {e.id for e in ambiguous.value.candidates} >= {"suzhou-jiangsu", "suzhou-anhui"}


def test_ambiguous_high_tech_zone_lists_candidates(G):
    with pytest.raises(AmbiguousName, match="合肥高新区") as ambiguous:
        resolve(G, "高新区")
    assert {"hefei-hitech-zone", "suzhou-anhui-hitech-zone"} <= {e.id for e in ambiguous.value.candidates}


def test_unknown_name_suggests_close_ones(G):
    with pytest.raises(UnknownName, match="Did you mean: .*合肥高新区"):
        resolve(G, "合肥高薪区")


def test_nodes_and_edges_carry_what_researchers_need(G):
    hefei = G.nodes["https://w3id.org/yrd-de/id/hefei"]
    assert (hefei["label_zh"], hefei["label_en"], hefei["type"], hefei["province"]) == (
        "合肥市",
        "Hefei",
        "Region",
        "https://w3id.org/yrd-de/id/anhui",
    )
    assert 31 < hefei["lat"] < 32.5 and 116.5 < hefei["lon"] < 118
    for _, _, data in G.edges(data=True):
        for evidence in data["evidence"]:
            assert evidence.relation in DEFAULT_RELATIONS
            assert evidence.document.startswith("https://w3id.org/yrd-de/source/") and evidence.locator


def test_relation_set_is_overridable(graph):
    only_enclaves = cooperation_network(graph, relations={"operatesEnclaveIn"})
    relations = {e.relation for _, _, d in only_enclaves.edges(data=True) for e in d["evidence"]}
    assert relations == {"operatesEnclaveIn"}
    assert only_enclaves.has_edge("https://w3id.org/yrd-de/id/alibaba", "https://w3id.org/yrd-de/id/xining")


def test_pattern_and_ego_networks(G):
    enclave = pattern_network(G, "industrial_enclave")
    labels = {d["label_zh"] for _, d in enclave.nodes(data=True)}
    assert {"阿里巴巴", "西宁市", "星云智汇工业互联网平台", "璧山区"} <= labels
    assert "合肥高新区" not in labels
    ego = ego_network(G, "宿州", hops=1)
    assert {d["label_zh"] for _, d in ego.nodes(data=True)} >= {"宿州市", "皖北", "宿州高新区"}


def test_communities_are_repeatable_and_cover_the_graph(G):
    first, second = communities(G), communities(G)
    assert first == second
    assert sum(len(c) for c in first) == G.number_of_nodes()


def test_profile_of_a_region(graph):
    # 三（一）1 (tier 1), 三（六）1 (strong pole), 三（四）2 (block city): 苏州 in three patterns.
    profile = pattern_profile(graph, "苏州")
    assert {("梯度转移", "tier1"), ("多极网络", "strong_pole"), ("板块协同", "block_city")} <= set(
        zip(profile["pattern"], profile["role"], strict=False)
    )


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_exports_read_back_with_the_same_counts(G, tmp_path, fmt, reader):
    path = export_network(G, tmp_path / f"kg.{fmt}", fmt)[0]
    back = reader(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    node = back.nodes["https://w3id.org/yrd-de/id/hefei"]
    assert node["label_zh"] == "合肥市" and node["type"] == "Region" and float(node["lat"]) > 31
    edge = back.edges["https://w3id.org/yrd-de/id/alibaba", "https://w3id.org/yrd-de/id/xining"]
    assert "operatesEnclaveIn" in edge["relation"] and "三（二）2" in edge["locator"]


def test_csv_export(G, tmp_path):
    nodes, edges = export_network(G, tmp_path / "kg", "csv")
    with nodes.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == G.number_of_nodes()
    with edges.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == G.number_of_edges()
    assert all(r["document"] and r["locator"] for r in rows)


def test_cli_network_verbs(built, tmp_path, capsys):
    assert main(["chains", "上海", "宿州", "--graph", str(built), "--format", "json", "-k", "2"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["nodes"] == ["上海市", "皖北", "宿州市"]
    assert all(e["locator"] for hop in found[0]["hops"] for e in hop["evidence"])
    assert main(["chains", "上海", "高新区", "--graph", str(built)]) == 2
    assert "names" in capsys.readouterr().err
    assert main(["profile", "宿州高新区", "--graph", str(built), "--format", "csv"]) == 0
    assert "receiving_platform" in capsys.readouterr().out
    assert main(["patterns", "产业飞地", "--graph", str(built), "--format", "json"]) == 0
    assert {r["pattern"] for r in json.loads(capsys.readouterr().out)} == {"产业飞地"}
    assert main(["bridges", "--graph", str(built), "--top", "3", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert main(["export", "--format", "gexf", "--graph", str(built), "--out", str(tmp_path / "n.gexf")]) == 0
    assert nx.read_gexf(tmp_path / "n.gexf").number_of_nodes() > 300
