"""Interactive network views (pyvis pages that work offline).

Each function takes a network from :mod:`kg.network` and returns a
:class:`View`: ``view.save("file.html")`` writes one self-contained page,
``view.graph`` is exactly what is drawn, and in Jupyter the view displays
inline.

* :func:`overview` - every entity, coloured by type, sized by degree;
* :func:`pattern_view` / :func:`case_view` - one pattern's (or case's)
  participants coloured by role, edges labelled with the relation;
* :func:`ego_view` - an entity's neighbourhood;
* :func:`chain_view` - the best cooperation chains between two entities, the
  best one highlighted;
* :func:`map_view` - regions at their coordinates, parks beside their region,
  industry transfers and enclaves drawn as arrows from origin to receiver.

Positions come from :mod:`kg.viz.layout`; vis-network's physics runs only for
pattern, case, ego and chain views of up to :data:`PHYSICS_MAX_NODES` nodes,
never on the overview or the map. Node
tooltips give both labels, the type, the administrative code and every source
with its locators; edge tooltips every piece of evidence (relation, direction,
case, role, source, locator).

>>> from kg.examples import tiny_network
>>> G = tiny_network()
>>> view = chain_view(G, "上海", "宿州", k=1)
>>> [view.graph.nodes[n]["label_zh"] for n in sorted(view.graph)]
['上海市', '宿州市', '皖北']
>>> "上海市" in view.html()
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.atomic import write_text_atomic
from kg.errors import NotFound
from kg.evidence import PARTICIPATION, term_labels
from kg.geo import DELTA
from kg.iris import local_name
from kg.names import resolve_case
from kg.network import chains, ego_network, pattern_network, pattern_notation, resolve
from kg.viz.layout import force_layout, geo_layout, layered_layout
from kg.viz.style import (
    FLOWS,
    OTHER_GREY,
    PALETTE,
    TYPE_STYLE,
    edge_colour,
    edge_legend,
    edge_tooltip,
    node_tooltip,
    role_level,
    role_order,
    shape_legend,
    type_legend,
    type_style,
)
from kg.vocabulary import ROLE_PATTERN

__all__ = ["View", "overview", "pattern_view", "case_view", "ego_view", "chain_view", "map_view", "PHYSICS_MAX_NODES"]

#: Views with more nodes than this are drawn at their Python positions with physics off.
PHYSICS_MAX_NODES = 150

#: Administrative-code prefixes of 上海, 江苏, 浙江 and 安徽: the map opens fitted to these.
DELTA_PROVINCE_CODES = ("31", "32", "33", "34")

#: vis-network draws a label only above this on-screen font size: never, as the page draws its own.
NO_VIS_LABELS = 1000

#: How many hubs the overview labels at its opening zoom (more appear as one zooms in).
OVERVIEW_LABELS = 45

#: Width / height of the frame a page opens in (the page below its header, on a laptop screen).
FRAME_ASPECT = 1.8


@dataclass
class View:
    """One page: what is drawn (``graph``), the pyvis network and its legend.

    ``height`` is the pixel height of the page when shown inline in a notebook.
    """

    title: dict
    graph: nx.Graph
    network: object  # pyvis.network.Network
    legend: list[dict]
    physics: bool
    note: dict | None = None
    lang: str = "zh"
    fit: list[str] | None = None
    height: int = field(default=640, repr=False)
    label_order: list[str] | None = field(default=None, repr=False)
    basemap: list[dict] | None = field(default=None, repr=False)
    source: dict | None = None
    name: str = "kg-view"
    label_budget: int | None = field(default=None, repr=False)
    fit_box: list[float] | None = field(default=None, repr=False)

    def html(self) -> str:
        """The self-contained page (see :mod:`kg.viz.page`)."""
        from kg.viz.page import render

        return render(
            self.network,
            title=self.title,
            legend=self.legend,
            physics=self.physics,
            note=self.note,
            lang=self.lang,
            fit=self.fit,
            label_order=self.label_order,
            basemap=self.basemap,
            source=self.source,
            file_name=self.name,
            label_budget=self.label_budget,
            fit_box=self.fit_box,
        )

    def save(self, path: Path | str) -> Path:
        """Write the page to ``path`` (atomically) and return the path."""
        path = Path(path)
        write_text_atomic(path, self.html())
        return path

    def _repr_html_(self) -> str:
        from kg.viz.page import iframe

        return iframe(self.html(), self.height)


def _network(G: nx.Graph, positions: dict, lang: str, node_style, edge_style):
    """A pyvis network of ``G`` at ``positions``; ``node_style(n)`` / ``edge_style(a, b)`` give vis options."""
    from pyvis.network import Network

    # directed=True spares pyvis its scan of all edges for a duplicate on every add (networkx edges are
    # unique already); each edge sets its own arrows.
    net = Network(directed=True)
    for n in sorted(G):
        d = G.nodes[n]
        x, y = positions[n]
        net.add_node(
            n, label=d[f"label_{lang}"], label_zh=d["label_zh"], label_en=d["label_en"], x=x, y=y, **node_style(n)
        )
    for a, b in sorted(tuple(sorted(e)) for e in G.edges()):
        flows = [e for relation in FLOWS for e in G.edges[a, b]["evidence"] if e.relation == relation]
        if flows:  # drawn from the origin of the flow that also gives the colour; both ways if both are stated
            a, b = flows[0].source, flows[0].target
        arrows = {"to": {"enabled": bool(flows)}, "from": {"enabled": any(e.source == b for e in flows)}}
        style = {"arrows": arrows, "title": edge_tooltip(G, a, b), **edge_style(a, b)}
        net.add_edge(a, b, **style)
    return net


def _options(physics: bool, n_nodes: int) -> dict:
    big = n_nodes > 1000
    return {
        "nodes": {
            "font": {
                "size": 14,
                "face": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
            },
            # labels are drawn by the page's own layer (constant size on screen, never overlapping), not by vis
            "scaling": {"min": 6, "max": 36, "label": {"enabled": False, "drawThreshold": NO_VIS_LABELS}},
        },
        "edges": {
            "smooth": False,
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
            "scaling": {"label": {"enabled": False, "drawThreshold": NO_VIS_LABELS}},
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": physics, "iterations": 250, "fit": True},
        },
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
    }


def _positions(G: nx.Graph) -> tuple[dict, bool]:
    """Python positions for any view; physics only for small ones."""
    return force_layout(G, aspect=FRAME_ASPECT), G.number_of_nodes() <= PHYSICS_MAX_NODES


def by_degree(G: nx.Graph, first=lambda n: 0) -> list[str]:
    """Nodes in the order their labels are placed: ``first(n)`` (lower first), then by degree, then by label."""
    return sorted(G, key=lambda n: (first(n), -G.degree(n), G.nodes[n]["label_zh"], n))


def _sources(G: nx.Graph, basemap: bool) -> dict:
    """The source line of a page: the documents its facts come from, and the basemap's."""
    documents = {local_name(e.document) for _, _, d in G.edges(data=True) for e in d["evidence"]}
    documents |= {doc for _, d in G.nodes(data=True) for doc, _ in d.get("sources", [])}
    line = {"zh": "资料来源：" + "、".join(sorted(documents)), "en": "Sources: " + ", ".join(sorted(documents))}
    if basemap:
        from kg.viz.basemap import attribution

        line = {lang: f"{text}{'；' if lang == 'zh' else '. '}{attribution(lang)}" for lang, text in line.items()}
    return line


def _view(
    G,
    title,
    legend,
    positions,
    physics,
    lang,
    node_style,
    edge_style,
    note=None,
    fit=None,
    *,
    name: str,
    label_order=None,
    basemap=None,
    label_budget=None,
) -> View:
    net = _network(G, positions, lang, node_style, edge_style)
    net.options = _options(physics, G.number_of_nodes())
    return View(
        title,
        G,
        net,
        legend,
        physics,
        note,
        lang,
        fit,
        label_order=label_order or by_degree(G),
        basemap=basemap,
        source=_sources(G, basemap is not None),
        name=name,
        label_budget=label_budget,
    )


def overview(G: nx.Graph, lang: str = "zh") -> View:
    """Every node of ``G`` (e.g. :func:`kg.network.overview_network`), coloured by type, sized by degree."""

    def style(n):
        return {**type_style(G, n), "value": G.degree(n), "title": node_tooltip(G, n)}

    positions = force_layout(G, aspect=FRAME_ASPECT)
    title = {"zh": "长三角数字经济知识图谱：总览", "en": "YRD digital economy knowledge graph: overview"}
    note = {
        "zh": "先标注联系最多的节点，放大后显示更多；搜索或点击节点，突出它及其邻居。",
        "en": "The best-connected nodes are labelled first, more as you zoom in; search or click a node to "
        "bring out it and its neighbours.",
    }
    return _view(
        G,
        title,
        type_legend(G) + edge_legend(G),
        positions,
        False,
        lang,
        style,
        lambda a, b: edge_colour(G, a, b),
        note=note,
        name="kg-overview",
        label_budget=OVERVIEW_LABELS,
    )


def _roles(G: nx.Graph, cases: set[str]) -> dict[str, list[str]]:
    """Each participant's roles in the given cases."""
    roles: dict[str, set[str]] = {}
    for _, _, data in G.edges(data=True):
        for e in data["evidence"]:
            if e.relation == PARTICIPATION and e.case in cases:
                roles.setdefault(e.source, set()).add(e.role)
    return {n: sorted(r) for n, r in roles.items()}


def _role_view(H: nx.Graph, pattern: str, title: dict, lang: str, name: str) -> View:
    """Participants of ``H`` coloured by their roles in the pattern's cases, in rows by level; edges labelled.

    A participant with several roles (in two cases, or two in one) is drawn as a pie of its role
    colours and sits in the row of its highest role; its tooltip names them all. Cases form the top
    row; nodes with no role in the pattern (tied within a case) are grey and form the bottom row.
    """
    cases = {n for n, d in H.nodes(data=True) if d["type"] == "PatternCase"}
    roles = _roles(H, cases)
    used = {r for rs in roles.values() for r in rs}
    order = role_order(pattern, used | {r for r, p in ROLE_PATTERN.items() if p == pattern})
    palette = {role: PALETTE[i % len(PALETTE)] for i, role in enumerate(order)}
    levels = {n: 0 for n in cases}
    for n, rs in roles.items():
        levels[n] = 1 + min(role_level(pattern, r) for r in rs)
    for n in H:
        levels.setdefault(n, 2 + max(role_level(pattern, r) for r in order) if order else 2)

    def node_style(n):
        if n in cases:
            return {**type_style(H, n), "size": 20, "title": node_tooltip(H, n)}
        colours = [palette.get(r, OTHER_GREY) for r in sorted(roles.get(n, []), key=order.index)]
        style = {
            "color": colours[0] if colours else OTHER_GREY,
            "shape": TYPE_STYLE.get(H.nodes[n]["type"], ("", "dot"))[1],
            "size": 14,
            "title": node_tooltip(H, n, roles.get(n, [])),
        }
        if len(colours) > 1:
            style["roleColours"] = colours
        return style

    def edge_style(a, b):
        keys = sorted({e.role if e.relation == PARTICIPATION else e.relation for e in H.edges[a, b]["evidence"]})
        label = {lang: " / ".join(term_labels(H, k)[i] for k in keys) for i, lang in enumerate(("zh", "en"))}
        return {**edge_colour(H, a, b), "label": label[lang], "label_zh": label["zh"], "label_en": label["en"]}

    legend = [
        {"glyph": "●", "colour": colour, "zh": term_labels(H, role)[0], "en": term_labels(H, role)[1]}
        for role, colour in palette.items()
        if role in used
    ]
    if any(len(r) > 1 for r in roles.values()):
        legend.append({"glyph": "◕", "colour": "#57606a", "zh": "多重角色（饼图）", "en": "several roles (pie)"})
    if any(n not in roles and n not in cases for n in H):
        legend.append({"glyph": "●", "colour": OTHER_GREY, "zh": "案例中无角色", "en": "no role in the cases"})
    case_zh, case_en = term_labels(H, "PatternCase")
    legend.append({"glyph": "◆", "colour": TYPE_STYLE["PatternCase"][0], "zh": case_zh, "en": case_en})
    legend += shape_legend(H, exclude={"PatternCase"})
    positions = layered_layout(H, levels, gap=140.0, aspect=FRAME_ASPECT)
    return _view(
        H,
        title,
        legend + edge_legend(H),
        positions,
        False,
        lang,
        node_style,
        edge_style,
        name=name,
        label_order=by_degree(H, first=lambda n: levels[n]),
    )


def pattern_view(G: nx.Graph, pattern: str, lang: str = "zh") -> View:
    """One pattern's cases with their participants coloured by role, in rows by the pattern's levels."""
    notation = pattern_notation(G, pattern)
    zh, en = term_labels(G, notation)
    H = pattern_network(G, notation)
    title = {"zh": f"发展模式：{zh}", "en": f"Development pattern: {en}"}
    return _role_view(H, notation, title, lang, f"kg-pattern-{notation}")


def case_view(G: nx.Graph, case: str, lang: str = "zh") -> View:
    """One pattern case: its participants coloured by role and the ties reported within it."""
    node = resolve_case(G, case)
    edges = [(a, b) for a, b, d in G.edges(data=True) if any(e.case == node for e in d["evidence"])]
    H = G.edge_subgraph(edges).copy()
    H.add_node(node, **G.nodes[node])
    d = G.nodes[node]
    title = {"zh": f"案例：{d['label_zh']}", "en": f"Case: {d['label_en']}"}
    return _role_view(H, d["pattern"], title, lang, f"kg-case-{local_name(node)}")


def ego_view(G: nx.Graph, entity: str, hops: int = 1, lang: str = "zh") -> View:
    """An entity's neighbourhood up to ``hops`` ties away; the entity itself drawn larger."""
    centre = resolve(G, entity)
    H = ego_network(G, centre, hops)

    def style(n):
        extra = {"size": 30, "borderWidth": 4} if n == centre else {"size": 14}
        return {**type_style(H, n), **extra, "title": node_tooltip(H, n)}

    d = G.nodes[centre]
    title = {"zh": f"{d['label_zh']}的 {hops} 度邻域", "en": f"{d['label_en']}: neighbourhood within {hops} hop(s)"}
    positions, physics = _positions(H)
    return _view(
        H,
        title,
        type_legend(H) + edge_legend(H),
        positions,
        physics,
        lang,
        style,
        lambda a, b: edge_colour(H, a, b),
        name=f"kg-ego-{local_name(centre)}",
        label_order=by_degree(H, first=lambda n: n != centre),
    )


def chain_view(G: nx.Graph, a: str, b: str, k: int = 3, max_hops: int = 4, lang: str = "zh") -> View:
    """The ``k`` best cooperation chains between two entities, left to right by hops from the start; the best in red.

    Raises :class:`kg.errors.NotFound` when both names mean one entity, or no chain of at most
    ``max_hops`` ties exists.
    """
    if resolve(G, a) == resolve(G, b):
        raise NotFound(f"{a} and {b} name the same entity, {G.nodes[resolve(G, a)]['label_zh']}")
    found = chains(G, a, b, max_hops=max_hops, k=k)
    if not found:
        raise NotFound(f"no chain of at most {max_hops} hops between {a} and {b}")
    H = nx.Graph(
        G.subgraph({n for c in found for n in c.nodes}).edge_subgraph(
            {(u, v) for c in found for u, v in zip(c.nodes, c.nodes[1:], strict=False)}
        )
    )
    best_nodes, best_edges = set(found[0].nodes), {frozenset((a, b)) for a, b, _ in found[0].steps()}
    best_colour = "#d62728"

    def node_style(n):
        ring = (
            {"borderWidth": 4, "color": {"background": type_style(H, n)["color"], "border": best_colour}}
            if n in best_nodes
            else {}
        )
        return {**type_style(H, n), "size": 18, "title": node_tooltip(H, n), **ring}

    def edge_style(u, v):
        if frozenset((u, v)) in best_edges:
            return {**edge_colour(H, u, v), "color": best_colour, "width": 5}
        return edge_colour(H, u, v)

    start, end = G.nodes[found[0].nodes[0]], G.nodes[found[0].nodes[-1]]
    title = {
        "zh": f"合作链：{start['label_zh']} → {end['label_zh']}（{len(found)} 条）",
        "en": f"Cooperation chains: {start['label_en']} → {end['label_en']} ({len(found)})",
    }
    legend = (
        type_legend(H)
        + [{"glyph": "━", "colour": best_colour, "zh": "最佳合作链", "en": "best chain"}]
        + edge_legend(H)
    )
    hops = nx.single_source_shortest_path_length(H, found[0].nodes[0])
    positions = layered_layout(H, hops, gap=150.0, aspect=FRAME_ASPECT, across=True)
    return _view(
        H,
        title,
        legend,
        positions,
        False,
        lang,
        node_style,
        edge_style,
        name=f"kg-chain-{local_name(found[0].nodes[0])}-{local_name(found[0].nodes[-1])}",
        label_order=by_degree(H, first=lambda n: n not in best_nodes),
    )


def _map_rank(d: dict) -> int:
    """Which labels a map places first: provinces, then cities, then the rest."""
    if d.get("level") == "province":
        return 0
    return 1 if d.get("adcode", "").endswith("00000000") else 2


def map_view(G: nx.Graph, pattern: str | None = None, lang: str = "zh") -> View:
    """Regions at their coordinates on the basemap (physics off); others beside the place they are located in.

    With ``pattern``, only that pattern's network (:func:`kg.network.pattern_network`), and the page
    opens on all of it; the whole map opens on the four delta provinces. A province sits at a point
    well inside its outline, not on its capital.
    """
    from kg.viz import basemap

    notation = pattern_notation(G, pattern) if pattern else None
    H = pattern_network(G, notation) if notation else G
    positions = geo_layout(H, anchors=basemap.label_points())
    left_out = H.number_of_nodes() - len(positions)
    H = H.subgraph(positions).copy()

    def style(n):
        rank = _map_rank(H.nodes[n])
        return {**type_style(H, n), "size": (12, 9, 6)[rank], "title": node_tooltip(H, n)}

    if notation:
        zh, en = term_labels(G, notation)
        title = {"zh": f"地图：{zh}", "en": f"Map: {en}"}
        note = {
            "zh": "经纬度等距投影（WGS84），初始视图包含全部节点。",
            "en": "Equirectangular projection (WGS84), opened on all nodes.",
        }
    else:
        title = {"zh": "地图：长三角合作网络", "en": "Map: YRD cooperation network"}
        note = {
            "zh": "经纬度等距投影（WGS84），初始视图为沪苏浙皖（缩小可见区外地点）。",
            "en": "Equirectangular projection (WGS84), opened on the four delta provinces "
            "(zoom out for places beyond).",
        }
    note = {
        "zh": note["zh"] + "省份标在其轮廓内部，不与省会重叠。",
        "en": note["en"] + " Provinces are marked inside their outline, away from their capitals.",
    }
    if left_out:
        note = {
            "zh": note["zh"] + f"另有 {left_out} 个无位置可依的实体未画出（如国家部委、无坐标的境外地区）。",
            "en": note["en"] + f" {left_out} entities with no location to go by (national ministries, foreign "
            f"places without coordinates, ...) are not drawn.",
        }
    delta = sorted(n for n, d in H.nodes(data=True) if "lat" in d and d.get("adcode", "")[:2] in DELTA_PROVINCE_CODES)
    return _view(
        H,
        title,
        type_legend(H) + edge_legend(H),
        positions,
        False,
        lang,
        style,
        lambda a, b: edge_colour(H, a, b),
        note=note,
        fit=None if notation else (delta or None),
        name=f"kg-map-{notation}" if notation else "kg-map",
        label_order=by_degree(H, first=lambda n: _map_rank(H.nodes[n])),
        basemap=basemap.page_layers(DELTA),
    )
