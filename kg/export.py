"""Write a projected network for the tools researchers use: GraphML, GEXF (Gephi), CSV, GeoJSON.

Formats whose attributes are scalars get each edge's evidence flattened to
``; ``-joined strings: ``relation``, ``case``, ``role``, ``document``,
``locator``, plus ``evidence_count``. Nodes keep ``label_zh``, ``label_en``,
``type`` and, where known, ``adcode``, ``level``, ``lat``, ``lon``, ``province``,
``pattern``. Coordinates are **WGS84** (the gazetteer's GCJ-02 converted, see :mod:`kg.geo`).

* **Directions.** An edge that carries a flow (an industry transfer, an enclave operated in
  another place) runs from origin to receiver and is ``directed``; every other tie is
  undirected. Every format has each edge from ``source`` to ``target`` (the flow's way) and
  a boolean ``directed`` attribute. GraphML and GEXF are written as directed graphs rather than
  as mixed ones, because networkx (and other readers) refuse mixed graphs; in Gephi, filter
  or style the edges by ``directed`` to hide the arrows of ties without a direction.
* **GEXF for Gephi**: ``label`` is the Chinese label (``label_en`` beside it), and each node
  has a ``viz`` colour (its type's, as on the pages), size (by degree) and position (WGS84
  longitude and latitude × 100, so Gephi opens on a map).
* **CSV**: node and edge lists; the edge list has both ends' coordinates
  (``source_lon``, ``source_lat``, ``target_lon``, ``target_lat``) for arc maps in Kepler-style tools.
* **GeoJSON** (RFC 7946): placed nodes as points, ties between placed nodes as lines. A node
  without coordinates of its own takes those of the place it is located in, and says so
  (``placed``: ``own`` or ``located in``).

>>> import tempfile, pathlib, networkx as nx
>>> from kg.examples import tiny_network
>>> G = tiny_network()
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> back = nx.read_graphml(export_network(G, out / "kg.graphml", "graphml")[0])
>>> (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
True
>>> back.edges["https://w3id.org/yrd-de/id/shanghai", "https://w3id.org/yrd-de/id/wanbei"]["directed"]
True
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx

from kg.atomic import write_files_atomic
from kg.geo import node_lonlat
from kg.network import CONTAINMENT

__all__ = ["FORMATS", "FLOWS", "flat_network", "directed_network", "placed_coordinates", "export_network"]

FORMATS = ("graphml", "gexf", "csv", "geojson")
#: Relations with a direction (origin -> receiver); every other tie is undirected.
FLOWS = ("transfersIndustryTo", "operatesEnclaveIn")
_NODE_FIELDS = ("label_zh", "label_en", "type", "adcode", "level", "lat", "lon", "province", "pattern")
_EDGE_FIELDS = ("relation", "case", "role", "document", "locator")


def _joined(values) -> str:
    return "; ".join(sorted({str(v) for v in values if v is not None}))


def _node_attributes(data: dict) -> dict:
    attrs = {k: data[k] for k in _NODE_FIELDS if data.get(k) is not None}
    if (lonlat := node_lonlat(data)) is not None:
        attrs["lon"], attrs["lat"] = round(lonlat[0], 6), round(lonlat[1], 6)
    return attrs


def flat_network(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are all strings or numbers (coordinates in WGS84)."""
    flat = nx.Graph()
    for node, data in G.nodes(data=True):
        flat.add_node(node, **_node_attributes(data))
    for a, b, data in G.edges(data=True):
        evidence = data["evidence"]
        flat.add_edge(
            a, b, evidence_count=len(evidence), **{k: _joined(getattr(e, k) for e in evidence) for k in _EDGE_FIELDS}
        )
    return flat


def directed_network(G: nx.Graph) -> nx.DiGraph:
    """:func:`flat_network` as a mixed graph: flows from origin to receiver (``type`` directed), the rest undirected.

    A pair with flows both ways gets an edge each way, each with the evidence of its own direction.
    """
    flat = flat_network(G)
    out = nx.DiGraph()
    out.add_nodes_from(flat.nodes(data=True))
    for a, b in sorted(tuple(sorted(e)) for e in G.edges()):
        evidence = G.edges[a, b]["evidence"]
        flows = [e for e in evidence if e.relation in FLOWS]
        if not flows:
            out.add_edge(a, b, type="undirected", **flat.edges[a, b])
            continue
        for source, target in sorted({(e.source, e.target) for e in flows}):
            own = [e for e in evidence if e.relation not in FLOWS or (e.source, e.target) == (source, target)]
            attrs = {k: _joined(getattr(e, k) for e in own) for k in _EDGE_FIELDS}
            out.add_edge(source, target, type="directed", evidence_count=len(own), **attrs)
    return out


def placed_coordinates(G: nx.Graph) -> dict[str, tuple[float, float, str]]:
    """WGS84 ``(lon, lat, placed)`` of every node that has coordinates or is located in a node that has.

    ``placed`` is ``"own"``, or ``"located in <label>"`` for coordinates borrowed along
    ``locatedIn``/``partOf`` ties (the nearest placed container, by the order of IRIs).
    """
    placed = {n: (*lonlat, "own") for n, d in G.nodes(data=True) if (lonlat := node_lonlat(d)) is not None}
    frontier = True
    while frontier:
        frontier = {}
        for n in sorted(G):
            if n in placed:
                continue
            parents = sorted(
                m
                for m in G.neighbors(n)
                if m in placed and any(e.relation in CONTAINMENT and e.source == n for e in G.edges[n, m]["evidence"])
            )
            if parents:
                lon, lat, _ = placed[parents[0]]
                frontier[n] = (lon, lat, f"located in {G.nodes[parents[0]]['label_zh']}")
        placed.update(frontier)
    return placed


def _type_colour(kind: str) -> dict:
    from kg.viz.style import OTHER_GREY, TYPE_STYLE

    colour = TYPE_STYLE.get(kind, (OTHER_GREY,))[0].lstrip("#")
    return {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16), "a": 1.0}


def _gexf(G: nx.Graph) -> bytes:
    D = directed_network(G)
    for _, _, data in D.edges(data=True):
        data["directed"] = data.pop("type") == "directed"
    for n, data in D.nodes(data=True):
        viz = {"color": _type_colour(data["type"]), "size": round(4.0 + 2.0 * G.degree(n) ** 0.5, 2)}
        if "lon" in data:
            viz["position"] = {"x": data["lon"] * 100, "y": data["lat"] * 100, "z": 0.0}
        data["viz"] = viz
        data["label"] = data["label_zh"]
    buffer = io.BytesIO()
    nx.write_gexf(D, buffer)
    return buffer.getvalue()


def _graphml(G: nx.Graph) -> bytes:
    """GraphML of :func:`directed_network`: every edge directed, its ``directed`` attribute says if that means anything.

    (GraphML's own per-edge ``directed="false"`` would make a mixed graph, which networkx and
    several other readers refuse; the GEXF is the mixed graph, for Gephi.)
    """
    D = directed_network(G)
    for _, _, data in D.edges(data=True):
        data["directed"] = data.pop("type") == "directed"
    buffer = io.BytesIO()
    nx.write_graphml(D, buffer)
    return buffer.getvalue()


def _csv(rows: list[dict], fields: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _edge_rows(G: nx.Graph) -> list[dict]:
    placed = placed_coordinates(G)
    rows = []
    for a, b, data in directed_network(G).edges(data=True):
        row = {"source": a, "target": b, "directed": data["type"] == "directed"}
        row.update({k: v for k, v in data.items() if k != "type"})
        for end, node in (("source", a), ("target", b)):
            if node in placed:
                row[f"{end}_lon"], row[f"{end}_lat"] = round(placed[node][0], 6), round(placed[node][1], 6)
        rows.append(row)
    return rows


def _geojson(G: nx.Graph) -> bytes:
    placed = placed_coordinates(G)
    features = []
    for n in sorted(placed):
        lon, lat, how = placed[n]
        props = {"id": n, **{k: v for k, v in _node_attributes(G.nodes[n]).items() if k not in ("lat", "lon")}}
        props["placed"] = how
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                "properties": props,
            }
        )
    for row in _edge_rows(G):
        if "source_lon" in row and "target_lon" in row:
            line = [[row["source_lon"], row["source_lat"]], [row["target_lon"], row["target_lat"]]]
            props = {k: v for k, v in row.items() if not k.endswith(("_lon", "_lat"))}
            features.append(
                {"type": "Feature", "geometry": {"type": "LineString", "coordinates": line}, "properties": props}
            )
    collection = {"type": "FeatureCollection", "features": features}
    return (json.dumps(collection, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def export_network(G: nx.Graph, path: Path | str, fmt: str) -> list[Path]:
    """Write ``G`` as ``fmt`` to ``path`` (for ``csv``: ``<path>-nodes.csv`` and ``<path>-edges.csv``)."""
    path = Path(path)
    if fmt == "graphml":
        return write_files_atomic(path.parent, {path.name: _graphml(G)})
    if fmt == "gexf":
        return write_files_atomic(path.parent, {path.name: _gexf(G)})
    if fmt == "geojson":
        return write_files_atomic(path.parent, {path.name: _geojson(G)})
    if fmt == "csv":
        stem = path.name.removesuffix(".csv")
        flat = flat_network(G)
        nodes = [{"id": n, **d} for n, d in flat.nodes(data=True)]
        ends = ["source_lon", "source_lat", "target_lon", "target_lat"]
        return write_files_atomic(
            path.parent,
            {
                f"{stem}-nodes.csv": _csv(nodes, ["id", *_NODE_FIELDS]),
                f"{stem}-edges.csv": _csv(
                    _edge_rows(G), ["source", "target", "directed", "evidence_count", *_EDGE_FIELDS, *ends]
                ),
            },
        )
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
