"""A tiny bundled graph for examples and doctests, networkx style (``nx.karate_club_graph``).

Fourteen real rows of the CAICT report around 皖北 and 合肥: the four delta provinces, 合肥,
宿州, 苏州 and 皖北; two high-tech zones; the 皖北“6+2+N” case with its origins and
receivers; 合肥's digital-economy plan with its two share-of-GDP targets (表7). It is read
with the project's own table schema (``data/datapackage.json``) and ontology, so it builds
exactly as the real data does, in a fraction of a second and without ``build/``.

>>> graph = tiny_graph()
>>> sorted(graph.query("SELECT ?zh WHERE { ?r a kg:Region ; rdfs:label ?zh FILTER(lang(?zh)='zh') }")["zh"])[:3]
['上海市', '合肥市', '安徽省']
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["TINY_DIR", "tiny_tables", "tiny_graph", "tiny_network"]

TINY_DIR = Path(__file__).parent / "tiny"


def tiny_tables():
    """The tiny data package's checked rows (:class:`kg.tables.Tables`)."""
    from kg.paths import DATAPACKAGE_FILE
    from kg.tables import load_tables

    return load_tables(TINY_DIR, descriptor=DATAPACKAGE_FILE)


def tiny_graph():
    """The tiny graph in an embedded Oxigraph store (:class:`kg.store.KnowledgeGraph`), built afresh."""
    from kg.paths import DATAPACKAGE_FILE
    from kg.store import from_tables

    return from_tables(TINY_DIR, descriptor=DATAPACKAGE_FILE)


def tiny_network():
    """The cooperation network of the tiny graph (:func:`kg.network.cooperation_network`)."""
    from kg.network import cooperation_network

    return cooperation_network(tiny_graph())
