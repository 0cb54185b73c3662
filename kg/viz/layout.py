"""Node positions computed in Python, so a browser only has to draw.

Force-directed layout in the browser does not scale (pyvis defaults took 67 s
to settle 1,000 nodes in headless Chromium and did not settle 5,000 in five
minutes), so every view gets its positions here:

* :func:`force_layout` - Fruchterman-Reingold from igraph's C core (5,000 nodes
  in about a second), the same for the same graph and seed;
* :func:`geo_layout` - regions at their coordinates (converted to WGS84, see :mod:`kg.geo`)
  in the equirectangular projection :data:`kg.geo.DELTA` that the basemap is drawn in, so the
  network reads like a map; provinces at a point well inside their outline rather than on
  their capital; entities without coordinates go in a small ring beside the place they are
  located in or part of, or among the placed entities they are tied to;
* :func:`layered_layout` - nodes in rows (or columns) by level, ordered to keep ties short,
  for patterns with tiers and levels and for chains.

Positions are in screen pixels, ``y`` growing downwards (north is up).

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("sh", lat=31.23, lon=121.47); G.add_node("hf", lat=31.82, lon=117.23)
>>> from kg.evidence import Evidence
>>> G.add_edge("park", "sh", evidence=[Evidence("locatedIn", "park", "sh", "doc", "表4")])
>>> pos = geo_layout(G)
>>> pos["sh"][0] > pos["hf"][0]          # Shanghai lies east of Hefei
True
>>> 0 < abs(pos["park"][0] - pos["sh"][0]) < 40   # the park sits beside its city
True
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections import defaultdict

import networkx as nx

from kg.cache import remember
from kg.geo import DELTA, Projection, node_lonlat
from kg.network import CONTAINMENT

__all__ = ["force_layout", "geo_layout", "layered_layout", "MUNICIPALITIES"]

#: Code prefixes of the provincial-level municipalities (北京, 天津, 上海, 重庆): drawn at their own coordinates.
MUNICIPALITIES = ("11", "12", "31", "50")

Position = tuple[float, float]


def force_layout(G: nx.Graph, seed: int = 42, spacing: float = 45.0, aspect: float = 1.0) -> dict[str, Position]:
    """Fruchterman-Reingold positions, scaled so that nodes are about ``spacing`` pixels apart.

    ``aspect`` (width / height) stretches the drawing to the shape of the frame it opens in,
    so that a round cloud does not leave the sides of a wide page empty.

    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> force_layout(G) == force_layout(G)
    True
    """
    nodes = sorted(G)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted(tuple(sorted((index[a], index[b]))) for a, b in G.edges())  # independent of insertion order

    def compute() -> dict[str, Position]:
        import igraph

        H = igraph.Graph(n=len(nodes), edges=edges)
        igraph.set_random_number_generator(random.Random(seed))
        try:
            coords = H.layout_fruchterman_reingold(niter=500).coords
        finally:
            igraph.set_random_number_generator(random)
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        scale = spacing * math.sqrt(len(nodes)) / span
        stretch = math.sqrt(aspect)
        return {
            n: (round(x * scale * stretch, 1), round(y * scale / stretch, 1))
            for n, x, y in zip(nodes, xs, ys, strict=False)
        }

    if G.graph.get("source") is None:
        return compute()
    # a network projected from a kg.nq keeps its layouts in that file's cache, keyed on what they are computed from
    key = hashlib.sha1(json.dumps([nodes, edges, seed, spacing, aspect]).encode()).hexdigest()[:16]
    return remember(
        G.graph["source"],
        f"layout-{key}",
        compute,
        lambda positions: json.dumps(positions).encode(),
        lambda data: {n: tuple(p) for n, p in json.loads(data).items()},
    )


def _ring(centre: Position, members: list[str], radius: float) -> dict[str, Position]:
    """``members`` spaced evenly on a circle around ``centre``."""
    step = 2 * math.pi / len(members)
    return {
        m: (round(centre[0] + radius * math.cos(i * step), 1), round(centre[1] + radius * math.sin(i * step), 1))
        for i, m in enumerate(sorted(members))
    }


def geo_layout(
    G: nx.Graph,
    pixels_per_degree: float = 400.0,
    ring: float = 22.0,
    anchors: dict[str, tuple[float, float]] | None = None,
    projection: Projection | None = None,
) -> dict[str, Position]:
    """Map positions for the nodes of ``G`` that have, or can borrow, a location.

    1. Nodes with ``lat``/``lon`` are projected with ``projection`` (default
       :data:`kg.geo.DELTA` at ``pixels_per_degree``), after conversion to WGS84. A
       province (not a municipality) whose 6-digit code is in ``anchors`` (WGS84
       lon/lat, e.g. :func:`kg.viz.basemap.label_points`) goes there instead of onto
       its capital.
    2. A node without coordinates that is located in, or part of, a placed node
       (a ``locatedIn``/``partOf`` tie in its edge evidence) goes in a ring
       around that node.
    3. Repeatedly, a node still unplaced goes in a ring around the centre of its
       placed neighbours (a case among its participants, 皖北 among its cities),
       unless it is a country: a country without coordinates (新加坡, 德国) is
       not given a made-up place inside the delta.

    Nodes with nothing placed within reach are left out of the result. Nodes
    that would land on the very same spot are spread on a ring around it.
    """
    projection = projection or Projection(DELTA.lon0, DELTA.lat0, pixels_per_degree)
    anchors = anchors or {}
    placed = {}
    for n, d in G.nodes(data=True):
        code = d.get("adcode", "")
        if d.get("level") == "province" and code[:2] not in MUNICIPALITIES and code[:6] in anchors:
            placed[n] = anchors[code[:6]]
        elif (lonlat := node_lonlat(d)) is not None:
            placed[n] = lonlat
    if not placed:
        return {}
    pos: dict[str, Position] = {n: projection.project(lon, lat) for n, (lon, lat) in placed.items()}
    children: dict[str, list[str]] = defaultdict(list)
    for n in sorted(G):
        parents = sorted(
            m
            for m in G.neighbors(n)
            if n not in pos
            and m in pos
            and any(e.relation in CONTAINMENT and e.source == n for e in G.edges[n, m]["evidence"])
        )
        if parents:
            children[parents[0]].append(n)
    for parent, members in children.items():
        pos.update(_ring(pos[parent], members, ring))
    while True:
        groups: dict[Position, list[str]] = defaultdict(list)
        for n in sorted(G):
            around = [pos[m] for m in sorted(G.neighbors(n)) if m in pos]
            if n not in pos and around and G.nodes[n].get("level") != "country":
                centre = (
                    round(sum(x for x, _ in around) / len(around), 1),
                    round(sum(y for _, y in around) / len(around), 1),
                )
                groups[centre].append(n)
        if not groups:
            return _spread(pos, ring)
        for centre, members in groups.items():
            pos.update(_ring(centre, members, ring))


def _spread(pos: dict[str, Position], radius: float) -> dict[str, Position]:
    """Nodes sharing one spot: the first (by IRI) stays, the others go on a ring around it."""
    shared: dict[Position, list[str]] = defaultdict(list)
    for n in sorted(pos):
        shared[pos[n]].append(n)
    for spot, members in shared.items():
        if len(members) > 1:
            pos.update(_ring(spot, members[1:], radius / 2))
    return pos


def layered_layout(
    G: nx.Graph, levels: dict[str, int], gap: float = 110.0, aspect: float = 1.8, across: bool = False
) -> dict[str, Position]:
    """Nodes in rows by ``levels`` (0 at the top), or in columns left to right with ``across``.

    Each row is ordered by the mean place of its neighbours in the rows already laid
    (one pass down, one pass up: the barycentre heuristic of Sugiyama-style layouts),
    ties broken by node id, and spread evenly over one common width, so every row
    fills the frame. Rows are spaced to give the drawing the shape ``aspect`` (width /
    height); in a crowded row every other node steps down a little, to leave its
    neighbours' labels room.

    >>> import networkx as nx
    >>> G = nx.Graph([("top", "a"), ("top", "b"), ("a", "c")])
    >>> pos = layered_layout(G, {"top": 0, "a": 1, "b": 1, "c": 2})
    >>> pos["top"][1] < pos["a"][1] < pos["c"][1] and pos["a"][1] == pos["b"][1]
    True
    """
    rows: dict[int, list[str]] = defaultdict(list)
    for n in sorted(G):
        rows[levels.get(n, max(levels.values(), default=0) + 1)].append(n)
    keys = sorted(rows)
    order = {n: i for k in keys for i, n in enumerate(rows[k])}

    def sweep(sequence):
        done: set[str] = set()
        for k in sequence:
            if done:

                def centre(n):
                    around = [order[m] / max(1, len(rows[levels_of[m]])) for m in G.neighbors(n) if m in done]
                    return (sum(around) / len(around) if around else 0.5, n)

                rows[k].sort(key=centre)
                order.update({n: i for i, n in enumerate(rows[k])})
            done.update(rows[k])

    levels_of = {n: k for k in keys for n in rows[k]}
    sweep(keys)
    sweep(list(reversed(keys)))
    width = gap * max(len(r) for r in rows.values())
    row_gap = (
        max(gap, width / aspect / max(1, len(keys) - 1))
        if not across
        else max(gap, width * aspect / max(1, len(keys) - 1))
    )
    pos: dict[str, Position] = {}
    for index, k in enumerate(keys):
        members = rows[k]
        crowded = len(members) * 90 > width
        for i, n in enumerate(members):
            along = (i + 0.5) * width / len(members) - width / 2
            step = index * row_gap + (28.0 if crowded and i % 2 else 0.0)
            pos[n] = (round(step, 1), round(along, 1)) if across else (round(along, 1), round(step, 1))
    return pos
