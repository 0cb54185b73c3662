"""How the network pages look: colours and shapes by type, flows, legends and tooltips.

>>> from kg.examples import tiny_network
>>> G = tiny_network()
>>> type_style(G, "https://w3id.org/yrd-de/id/hefei")
{'color': '#4e79a7', 'shape': 'dot'}
>>> print(edge_tooltip(G, "https://w3id.org/yrd-de/id/shanghai", "https://w3id.org/yrd-de/id/wanbei"))
上海市 — 皖北
上海市 —[产业转移至 →]— 皖北 · 案例 皖北“6+2+N”梯度转移承接平台  (caict-2021, 三（一）2)
"""

from __future__ import annotations

import networkx as nx

from kg.evidence import describe, term_labels
from kg.network import CONTAINMENT

__all__ = [
    "PALETTE",
    "TYPE_STYLE",
    "FLOWS",
    "node_tooltip",
    "edge_tooltip",
    "type_style",
    "type_legend",
    "edge_colour",
    "edge_legend",
    "ROLE_LEVELS",
    "role_order",
    "role_level",
    "shape_legend",
]

#: Colour-blind-safe categorical palette for roles.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#ff9da7",
    "#9c755f",
)  # Tableau 10, less case red and grey
TYPE_STYLE = {  # type -> (colour, vis shape, legend glyph)
    "Region": ("#4e79a7", "dot", "●"),
    "Carrier": ("#f28e2b", "square", "■"),
    "Organisation": ("#59a14f", "triangle", "▲"),
    "Group": ("#9c755f", "dot", "●"),  # a shape with its label outside: the page draws the labels
    "PatternCase": ("#e15759", "diamond", "◆"),
    "Plan": ("#b07aa1", "hexagon", "⬢"),
    "Industry": ("#76b7b2", "triangleDown", "▼"),
    "DevelopmentPattern": ("#edc948", "star", "★"),
}
#: The levels of each pattern's roles, top first: the rows of pattern and case views, and the order of their colours.
ROLE_LEVELS = {
    "gradient_transfer": (("origin",), ("tier1",), ("tier2",), ("tier3",), ("receiving_region", "receiving_platform")),
    "multipolar_network": (
        ("super_pole",),
        ("strong_pole",),
        ("level_two",),
        ("level_four",),
        ("level_five",),
        ("network_region",),
    ),
    "industrial_enclave": (("home_region",), ("operator",), ("host_region",)),
    "point_axis_linkage": (("axis_city",), ("axis_carrier",), ("node",)),
    "block_synergy": (("block_city",), ("block",)),
    "regional_growth_pole": (("pole",), ("pole_region",)),
}
FLOWS = {"transfersIndustryTo": "#e15759", "operatesEnclaveIn": "#f28e2b"}  # directed: drawn as arrows
EDGE_GREY, CONTAINMENT_GREY, OTHER_GREY = "#8c959f", "#aab4be", "#bab0ac"


def _sources_text(sources: list[tuple[str, str]], per_document: int = 12) -> list[str]:
    by_document: dict[str, list[str]] = {}
    for document, locator in sources:
        by_document.setdefault(document, []).append(locator)
    lines = []
    for document, locators in by_document.items():
        more = f" … (+{len(locators) - per_document})" if len(locators) > per_document else ""
        lines.append(f"  {document}: {', '.join(locators[:per_document])}{more}")
    return lines


def node_tooltip(G: nx.Graph, n: str, roles: list[str] = ()) -> str:
    """Plain-text tooltip: both labels, type, code, roles and sources with locators."""
    d = G.nodes[n]
    type_zh, type_en = term_labels(G, d["type"])
    lines = [f"{d['label_zh']} · {d['label_en']}", f"类型 type: {type_zh} · {type_en}"]
    if "adcode" in d:
        lines.append(f"行政区划代码 code: {d['adcode']}")
    for role in roles:
        lines.append(f"角色 role: {' · '.join(term_labels(G, role))}")
    lines.append("来源 sources:")
    lines += _sources_text(d.get("sources", []))
    return "\n".join(lines)


def edge_tooltip(G: nx.Graph, a: str, b: str, lang: str = "zh") -> str:
    """Plain-text tooltip: every piece of evidence of the tie (:func:`kg.evidence.describe`)."""
    lines = [f"{G.nodes[a][f'label_{lang}']} — {G.nodes[b][f'label_{lang}']}"]
    lines += [describe(G, a, e, lang) for e in G.edges[a, b]["evidence"]]
    return "\n".join(lines)


def type_style(G: nx.Graph, n: str) -> dict:
    colour, shape, _ = TYPE_STYLE.get(G.nodes[n]["type"], (OTHER_GREY, "dot", "●"))
    return {"color": colour, "shape": shape}


def type_legend(G: nx.Graph) -> list[dict]:
    present = {d["type"] for _, d in G.nodes(data=True)}
    return [
        {"glyph": glyph, "colour": colour, "zh": term_labels(G, t)[0], "en": term_labels(G, t)[1]}
        for t, (colour, _, glyph) in TYPE_STYLE.items()
        if t in present
    ]


def edge_colour(G: nx.Graph, a: str, b: str) -> dict:
    relations = {e.relation for e in G.edges[a, b]["evidence"]}
    for relation, colour in FLOWS.items():
        if relation in relations:
            return {"color": colour, "width": 2.5}
    if relations <= CONTAINMENT:
        return {"color": CONTAINMENT_GREY, "dashes": True, "width": 1}
    return {"color": EDGE_GREY, "width": 1.2}


def edge_legend(G: nx.Graph) -> list[dict]:
    relations = {e.relation for _, _, d in G.edges(data=True) for e in d["evidence"]}
    items = [
        {"glyph": "➜", "colour": colour, "zh": term_labels(G, r)[0], "en": term_labels(G, r)[1]}
        for r, colour in FLOWS.items()
        if r in relations
    ]
    if relations & CONTAINMENT:
        items.append({"glyph": "┄", "colour": CONTAINMENT_GREY, "zh": "位于 / 隶属", "en": "located in / part of"})
    if relations - CONTAINMENT - set(FLOWS):
        items.append({"glyph": "━", "colour": EDGE_GREY, "zh": "其他关系", "en": "other ties"})
    return items


def role_order(pattern: str, roles) -> list[str]:
    """``roles`` in the order of the pattern's levels (:data:`ROLE_LEVELS`); roles it does not list go last, by name."""
    listed = [r for level in ROLE_LEVELS.get(pattern, ()) for r in level]
    return [r for r in listed if r in roles] + sorted(set(roles) - set(listed))


def role_level(pattern: str, role: str) -> int:
    """The level (row, 0 at the top) of ``role`` in its pattern; a role not listed goes below the listed ones."""
    for i, level in enumerate(ROLE_LEVELS.get(pattern, ())):
        if role in level:
            return i
    return len(ROLE_LEVELS.get(pattern, ()))


def shape_legend(G: nx.Graph, exclude=frozenset()) -> list[dict]:
    """Legend items saying what the shapes mean, in grey, for views where colour means something else.

    Types drawn with one shape share an item ("shape: region / group").
    """
    present = {d["type"] for _, d in G.nodes(data=True)} - set(exclude)
    by_glyph: dict[str, list[str]] = {}
    for t, (_, _, glyph) in TYPE_STYLE.items():
        if t in present:
            by_glyph.setdefault(glyph, []).append(t)
    return [
        {
            "glyph": glyph,
            "colour": "#57606a",
            "zh": "形状：" + " / ".join(term_labels(G, t)[0] for t in types),
            "en": "shape: " + " / ".join(term_labels(G, t)[1] for t in types),
        }
        for glyph, types in by_glyph.items()
    ]
