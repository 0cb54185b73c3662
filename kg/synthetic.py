"""Synthetic data of the real graph's shape, for benchmarks.

:func:`scaled_tables` makes ``factor`` copies of every curated row (regions,
plans, carriers, cases, participations, figures, ties ...): copy 0 is the real
data, copy ``i`` renames every id ``x`` to ``x-s{i}`` and every reference with
it. Sources stay shared. Each copy is tied to the one before by ``ties``
seeded ``cooperatesWith`` links, so the scaled graph stays one connected
network rather than ``factor`` islands.

:func:`synthetic_network` makes a networkx graph of any size with the node and
edge attributes of :func:`kg.network.cooperation_network`, for drawing
benchmarks that need more nodes than the data has.

>>> from kg.examples import tiny_tables
>>> real = tiny_tables()
>>> doubled = scaled_tables(real, 2)
>>> len(doubled.rows["regions"]) == 2 * len(real.rows["regions"])
True
"""

from __future__ import annotations

import random

import networkx as nx

from kg.evidence import Evidence
from kg.iris import ID
from kg.network import DEFAULT_TYPES
from kg.tables import Row, Tables, entity_tables

__all__ = ["scaled_tables", "synthetic_network"]

_SYNTHETIC = ID + "synthetic-"


def _reference_fields(package: dict) -> dict[str, set[str]]:
    """Per table, the fields whose values are entity ids (renamed in each copy)."""
    entities = set(entity_tables(package)) - {"sources"}
    fields: dict[str, set[str]] = {}
    for resource in package["resources"]:
        names = fields.setdefault(resource["name"], set())
        if resource["name"] in entities:
            names.add("id")
        for fk in resource["schema"].get("foreignKeys", []):
            if fk["reference"]["resource"] in entities:
                names.add(fk["fields"])
        for spec in resource["schema"]["fields"]:
            if "x-kg-references" in spec:
                names.add(spec["name"])
    return fields


def _renamed(value, suffix: str):
    """An id, or each id of a list field (``also_of``), with the copy's suffix."""
    return tuple(f"{v}{suffix}" for v in value) if isinstance(value, (list, tuple)) else f"{value}{suffix}"


def scaled_tables(tables: Tables, factor: int, ties: int = 20, seed: int = 42) -> Tables:
    """``factor`` renamed copies of the tables' rows, joined by ``ties`` links per copy."""
    renamed = _reference_fields(tables.package)
    scaled = Tables(tables.data_dir, tables.package, headers=dict(tables.headers))
    for name, rows in tables.rows.items():
        if name == "sources":
            scaled.rows[name] = list(rows)
            continue
        copies = []
        for i in range(factor):
            suffix = f"-s{i}" if i else ""
            for row in rows:
                values = {k: (_renamed(v, suffix) if k in renamed[name] and v else v) for k, v in row.values.items()}
                copies.append(Row(name, row.line, values))
        scaled.rows[name] = copies
    rng = random.Random(seed)
    places = [r["id"] for r in tables.rows["regions"]] + [r["id"] for r in tables.rows["carriers"]]
    for i in range(1, factor):
        for _ in range(ties):
            a, b = rng.choice(places), rng.choice(places)
            scaled.rows["links"].append(
                Row(
                    "links",
                    0,
                    {
                        "subject": f"{a}-s{i}",
                        "relation": "cooperatesWith",
                        "object": f"{b}-s{i - 1}" if i > 1 else b,
                        "case": None,
                        "source": "caict-2021",
                        "locator": "三（一）1",
                    },
                )
            )
    return scaled


def _renamed(value, suffix: str):
    """An id, or each id of a list field (``also_of``), with the copy's suffix."""
    return type(value)(f"{v}{suffix}" for v in value) if isinstance(value, list | tuple) else f"{value}{suffix}"


def synthetic_network(nodes: int, seed: int = 42) -> nx.Graph:
    """A connected scale-free graph of ``nodes`` nodes shaped like a cooperation network.

    Nodes carry ``label_zh``, ``label_en``, ``type``, ``sources`` and, for a
    third of them, ``lat``/``lon`` inside the delta; each edge one piece of
    ``cooperatesWith`` evidence.

    >>> G = synthetic_network(50)
    >>> G.number_of_nodes(), nx.is_connected(G), G.nodes[_SYNTHETIC + "0"]["label_zh"]
    (50, True, '合成节点0')
    """
    rng = random.Random(seed)
    shape = nx.powerlaw_cluster_graph(nodes, 2, 0.1, seed=seed)
    G = nx.Graph(labels={})
    for i in shape:
        attrs = {
            "label_zh": f"合成节点{i}",
            "label_en": f"Synthetic node {i}",
            "type": DEFAULT_TYPES[i % len(DEFAULT_TYPES)],
            "sources": [("synthetic", "—")],
        }
        if i % 3 == 0:
            attrs["lat"], attrs["lon"] = rng.uniform(29.0, 34.5), rng.uniform(115.5, 122.0)
        G.add_node(f"{_SYNTHETIC}{i}", **attrs)
    for a, b in shape.edges():
        source, target = f"{_SYNTHETIC}{a}", f"{_SYNTHETIC}{b}"
        G.add_edge(source, target, evidence=[Evidence("cooperatesWith", source, target, "synthetic", "—")])
    return G
