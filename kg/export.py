"""Write a projected network for the tools researchers use: GraphML, GEXF (Gephi), CSV.

Formats whose attributes are scalars get each edge's evidence flattened to
``; ``-joined strings: ``relation``, ``case``, ``role``, ``document``,
``locator``, plus ``evidence_count``. Nodes keep ``label_zh``, ``label_en``,
``type`` and, where known, ``adcode``, ``level``, ``lat``, ``lon``, ``province``,
``pattern``; GEXF also gets a ``viz`` position from the coordinates so Gephi
opens the delta as a map.

>>> import tempfile, pathlib, networkx as nx
>>> from kg.examples import tiny_network
>>> G = tiny_network()
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> back = nx.read_graphml(export_network(G, out / "kg.graphml", "graphml")[0])
>>> (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
True
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

from kg.atomic import write_files_atomic

__all__ = ["FORMATS", "flat_network", "export_network"]

FORMATS = ("graphml", "gexf", "csv")
_NODE_FIELDS = ("label_zh", "label_en", "type", "adcode", "level", "lat", "lon", "province", "pattern")
_EDGE_FIELDS = ("relation", "case", "role", "document", "locator")


def _joined(values) -> str:
    return "; ".join(sorted({str(v) for v in values if v is not None}))


def flat_network(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are all strings or numbers."""
    flat = nx.Graph()
    for node, data in G.nodes(data=True):
        flat.add_node(node, **{k: data[k] for k in _NODE_FIELDS if data.get(k) is not None})
    for a, b, data in G.edges(data=True):
        evidence = data["evidence"]
        flat.add_edge(
            a, b, evidence_count=len(evidence), **{k: _joined(getattr(e, k) for e in evidence) for k in _EDGE_FIELDS}
        )
    return flat


def _gexf(flat: nx.Graph) -> bytes:
    with_positions = flat.copy()
    for _, data in with_positions.nodes(data=True):
        if "lon" in data:
            data["viz"] = {"position": {"x": data["lon"] * 100, "y": data["lat"] * 100, "z": 0.0}}
    buffer = io.BytesIO()
    nx.write_gexf(with_positions, buffer)
    return buffer.getvalue()


def _csv(rows: list[dict], fields: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def export_network(G: nx.Graph, path: Path | str, fmt: str) -> list[Path]:
    """Write ``G`` as ``fmt`` to ``path`` (for ``csv``: ``<path>-nodes.csv`` and ``<path>-edges.csv``)."""
    path = Path(path)
    flat = flat_network(G)
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(flat, buffer)
        return write_files_atomic(path.parent, {path.name: buffer.getvalue()})
    if fmt == "gexf":
        return write_files_atomic(path.parent, {path.name: _gexf(flat)})
    if fmt == "csv":
        stem = path.name.removesuffix(".csv")
        nodes = [{"id": n, **d} for n, d in flat.nodes(data=True)]
        edges = [{"source": a, "target": b, **d} for a, b, d in flat.edges(data=True)]
        return write_files_atomic(
            path.parent,
            {
                f"{stem}-nodes.csv": _csv(nodes, ["id", *_NODE_FIELDS]),
                f"{stem}-edges.csv": _csv(edges, ["source", "target", "evidence_count", *_EDGE_FIELDS]),
            },
        )
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
