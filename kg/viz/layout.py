"""Node positions computed in Python, so a browser only has to draw.

Force-directed layout in the browser does not scale (pyvis defaults took 67 s
to settle 1,000 nodes in headless Chromium and did not settle 5,000 in five
minutes), so every view gets its positions here:

* :func:`force_layout` - Fruchterman-Reingold from igraph's C core (5,000 nodes
  in about a second), the same for the same graph and seed;
* :func:`geo_layout` - regions at their coordinates in an equirectangular
  projection centred on the mean position, so the network reads like a map; entities
  without coordinates go in a small ring beside the place they are located in
  or part of, or among the placed entities they are tied to.

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

import math
import random
from collections import defaultdict

import networkx as nx

from kg.network import CONTAINMENT

__all__ = ["force_layout", "geo_layout"]

Position = tuple[float, float]


def force_layout(G: nx.Graph, seed: int = 42, spacing: float = 45.0) -> dict[str, Position]:
    """Fruchterman-Reingold positions, scaled so that nodes are about ``spacing`` pixels apart.

    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> force_layout(G) == force_layout(G)
    True
    """
    import igraph

    nodes = sorted(G)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted(tuple(sorted((index[a], index[b]))) for a, b in G.edges())  # independent of insertion order
    H = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = H.layout_fruchterman_reingold(niter=500).coords
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = spacing * math.sqrt(len(nodes)) / span
    return {n: (round(x * scale, 1), round(y * scale, 1)) for n, x, y in zip(nodes, xs, ys, strict=False)}


def _ring(centre: Position, members: list[str], radius: float) -> dict[str, Position]:
    """``members`` spaced evenly on a circle around ``centre``."""
    step = 2 * math.pi / len(members)
    return {
        m: (round(centre[0] + radius * math.cos(i * step), 1), round(centre[1] + radius * math.sin(i * step), 1))
        for i, m in enumerate(sorted(members))
    }


def geo_layout(G: nx.Graph, pixels_per_degree: float = 400.0, ring: float = 22.0) -> dict[str, Position]:
    """Map positions for the nodes of ``G`` that have, or can borrow, a location.

    1. Nodes with ``lat``/``lon`` are projected (equirectangular around their
       mean position, longitude scaled by the cosine of the mean latitude).
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
    placed = {n: (d["lon"], d["lat"]) for n, d in G.nodes(data=True) if "lat" in d}
    if not placed:
        return {}
    lon0 = sum(lon for lon, _ in placed.values()) / len(placed)
    lat0 = sum(lat for _, lat in placed.values()) / len(placed)
    cos_lat = math.cos(math.radians(lat0))
    pos: dict[str, Position] = {
        n: (round((lon - lon0) * cos_lat * pixels_per_degree, 1), round((lat0 - lat) * pixels_per_degree, 1))
        for n, (lon, lat) in placed.items()
    }
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
