"""Builds are reproducible and every output reads back as the same data."""

import json

import pytest
from pyoxigraph import RdfFormat, Store
from rdflib import Dataset, Graph

from kg.build import build
from kg.jsonld import canonical_json, jsonld, rdflib_jsonld
from kg.paths import DEFAULT_DATA_DIR
from kg.store import from_tables, load


def _quads(dataset: Dataset) -> set:
    return {(s.n3(), p.n3(), o.n3(), g.n3()) for s, p, o, g in dataset.quads()}


def test_two_builds_are_byte_identical(built, tmp_path):
    build(DEFAULT_DATA_DIR, tmp_path)
    assert (tmp_path / "kg.nq").read_bytes() == (built / "kg.nq").read_bytes()
    assert (tmp_path / "stats.json").read_bytes() == (built / "stats.json").read_bytes()


def test_nquads_are_sorted_and_unique(built):
    lines = (built / "kg.nq").read_bytes().splitlines()
    assert lines == sorted(set(lines))


def test_nquads_round_trip_to_the_same_dataset(built):
    expected = from_tables().to_rdflib()
    parsed = Dataset()
    parsed.parse(built / "kg.nq", format="nquads")
    assert _quads(parsed) == _quads(expected)


def test_every_triple_is_in_a_named_graph(built):
    parsed = Dataset()
    parsed.parse(built / "kg.nq", format="nquads")
    assert len(parsed.default_graph) == 0


def test_turtle_is_the_union_graph_with_prefixes(built):
    turtle = (built / "kg.ttl").read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/yrd-de/ontology#> ." in turtle
    union = {(s, p, o) for s, p, o, _ in from_tables().to_rdflib().quads()}
    assert set(Graph().parse(data=turtle, format="turtle")) == union


def test_jsonld_has_a_context_and_the_same_quads(built):
    document = json.loads((built / "kg.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["kg"] == "https://w3id.org/yrd-de/ontology#"
    parsed = Dataset()
    parsed.parse(built / "kg.jsonld", format="json-ld")
    assert _quads(parsed) == _quads(load(built / "kg.nq").to_rdflib())


def test_stats_count_what_the_tables_hold(built):
    stats = json.loads((built / "stats.json").read_text(encoding="utf-8"))
    data = DEFAULT_DATA_DIR

    def rows(name):
        return len((data / f"{name}.csv").read_text(encoding="utf-8").strip().splitlines()) - 1

    assert stats["classes"]["kg:Region"] == rows("regions")
    assert stats["classes"]["kg:Carrier"] == rows("carriers")
    assert stats["classes"]["kg:Participation"] == rows("participations")
    assert stats["predicates"]["kg:focusesOn"] == sum(
        ",focusesOn," in line for line in (data / "industry_links.csv").read_text(encoding="utf-8").splitlines()
    )
    assert set(stats["facts_per_source"]) <= {
        "src:caict-2021",
        "src:csst-2021",
        "src:huaxin-2025",
        "src:zhang-2023",
        "src:qingpu-2022",
    }


def test_jsonld_is_the_bytes_rdflib_writes(built):
    # kg.jsonld is written from the store (kg.jsonld.jsonld); rdflib's serialiser is the reference, byte for byte
    assert (built / "kg.jsonld").read_bytes() == rdflib_jsonld((built / "kg.nq").read_bytes())


@pytest.mark.parametrize("default_graph", ["", 'yrd:c kg:note "c" .'])  # one node there (merged up) or two
def test_jsonld_of_awkward_terms_is_the_bytes_rdflib_writes(default_graph):
    # default-graph triples, escapes, a type outside every prefix, native numbers and booleans, an ill-typed
    # integer, a decimal with a trailing zero, a regional language tag, IRIs equal to a namespace or with a "/"
    # after it (blank nodes are left out: rdflib renames them as it reads)
    trig = """
        @prefix yrd: <https://w3id.org/yrd-de/id/> . @prefix kg: <https://w3id.org/yrd-de/ontology#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        {default_graph}
        yrd:a kg:note "say \\"hi\\"\\n\\\\ 中文" ; a <urn:x:Thing> .
        <https://w3id.org/yrd-de/graph/g> {
            yrd:b kg:n 7, "x7"^^xsd:integer ; kg:ok true ; kg:d 2.50 ; rdfs:label "乙"@zh-Hans ;
                kg:see yrd:, <https://schema.org/>, <https://w3id.org/yrd-de/source/s/x> ; <urn:other#p> yrd:a .
        }
    """
    store = Store()
    store.load(trig.replace("{default_graph}", default_graph).encode(), format=RdfFormat.TRIG)
    assert jsonld(store) == rdflib_jsonld(store.dump(format=RdfFormat.N_QUADS))


def test_canonical_json_is_json_dumps_with_every_list_sorted():
    document = {"b": [3, "x", {"k": [2, 1]}, True, None, 1.5], "a": {"@list": ["z", "a"]}, "é\n": {}, "c": [[], [1]]}

    def sorted_lists(value, ordered=False):
        if isinstance(value, dict):
            return {k: sorted_lists(v, k == "@list") for k, v in value.items()}
        if isinstance(value, list):
            items = [sorted_lists(v) for v in value]
            return items if ordered else sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        return value

    expected = json.dumps(sorted_lists(document), ensure_ascii=False, indent=1, sort_keys=True)
    assert canonical_json(document) == expected
