"""The embedded store answers SPARQL as typed DataFrames, and converts to rdflib."""

import pandas as pd

from kg.store import from_tables, load


def test_select_gives_typed_columns_with_declared_prefixes(built):
    graph = load(built)
    frame = graph.query("""
        SELECT ?value ?year WHERE { yrd:fig-hefei-de-share-2025 kg:value ?value ; kg:refYear ?year }""")
    assert list(frame.columns) == ["value", "year"]
    assert frame.loc[0, "value"] == 50.0 and frame["value"].dtype == "float64"
    assert frame.loc[0, "year"] == 2025 and str(frame["year"].dtype) == "Int64"


def test_ask_gives_a_bool(built):
    assert load(built).query("ASK { yrd:suzhou-anhui kg:partOf yrd:anhui }") is True
    assert load(built).query("ASK { yrd:suzhou-anhui kg:partOf yrd:jiangsu }") is False


def test_construct_gives_triples(built):
    frame = load(built).query("CONSTRUCT { yrd:hefei rdfs:label ?l } WHERE { yrd:hefei rdfs:label ?l }")
    assert isinstance(frame, pd.DataFrame)
    assert sorted(frame["object"]) == ["Hefei", "合肥市"]


def test_rdflib_copy_has_every_quad(built):
    graph = load(built)
    assert sum(1 for _ in graph.to_rdflib().quads()) == len(graph)


def test_in_memory_graph_equals_the_built_one(built):
    assert sorted(from_tables().nquads().splitlines()) == sorted(load(built).nquads().splitlines())
