"""The one bridge from the RDF graph to networkx, and the analyses run on it.

:func:`cooperation_network` projects the dataset to an undirected
``networkx.Graph`` whose nodes are regions, carriers, organisations and
pattern cases, and whose edges are the ties that cooperation chains walk.
Each edge keeps every piece of evidence for it (relation, direction, case,
role, source, locator), so every hop of a chain can be cited.

Which ties count is the set ``relations``; the default,
:data:`DEFAULT_RELATIONS`, is every sub-property of ``kg:cooperationRelation``,
taking part in a pattern case (``participation``), and containment
(``kg:locatedIn``, ``kg:partOf``). Containment joins a park to its city and a
city to its province; chains prefer routes with fewer containment hops.

All analysis functions are pure: ``f(G, ...) -> plain data``.

>>> from kg.examples import tiny_graph
>>> G = cooperation_network(tiny_graph())
>>> chain = chains(G, "上海", "宿州", k=1)[0]
>>> [G.nodes[n]["label_zh"] for n in chain.nodes]
['上海市', '皖北', '宿州市']
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field

import networkx as nx

from kg.cache import remember
from kg.errors import ParameterError
from kg.evidence import PARTICIPATION, Evidence, evidence_row
from kg.iris import KG, local_name
from kg.iris import local_name as short_name
from kg.names import names_of, notation, resolve_entity, resolve_pattern
from kg.store import load

__all__ = [
    "short_name",
    "DEFAULT_RELATIONS",
    "CONTAINMENT",
    "DEFAULT_TYPES",
    "OVERVIEW_RELATIONS",
    "OVERVIEW_TYPES",
    "cooperation_network",
    "overview_network",
    "pattern_notation",
    "pattern_network",
    "ego_network",
    "resolve",
    "chains",
    "Chain",
    "bridges",
    "communities",
]

CONTAINMENT = frozenset({"locatedIn", "partOf"})
COOPERATION = frozenset(
    {
        "transfersIndustryTo",
        "operatesEnclaveIn",
        "coBuilds",
        "empowers",
        "dataInfrastructureLink",
        "axisLink",
        "memberOf",
        "cooperatesWith",
    }
)
#: Ties projected by default: cooperation and flow relations, case participation, containment.
DEFAULT_RELATIONS = COOPERATION | CONTAINMENT | {PARTICIPATION}
#: Entity classes projected by default: the ones cooperation chains pass through.
DEFAULT_TYPES = ("Region", "Carrier", "Organisation", "Group", "PatternCase")
#: The whole entity graph: plans, industries and patterns too, with the ties between them.
OVERVIEW_TYPES = DEFAULT_TYPES + ("Plan", "Industry", "DevelopmentPattern")
OVERVIEW_RELATIONS = DEFAULT_RELATIONS | {
    "focusesOn",
    "hasClusterIndustry",
    "concerns",
    "issuedBy",
    "appliesTo",
    "partOfPlan",
    "exemplifies",
}

_NODES = """
SELECT ?n ?type ?zh ?en ?code ?level ?lat ?long ?province ?pattern WHERE {
  VALUES ?type { %s }
  ?n a ?type ; rdfs:label ?zh , ?en FILTER (lang(?zh) = "zh" && lang(?en) = "en")
  OPTIONAL { ?n kg:adminCode ?code }
  OPTIONAL { ?n kg:level/skos:notation ?level }
  OPTIONAL { ?n wgs:lat ?lat ; wgs:long ?long }
  OPTIONAL { ?n kg:exemplifies/skos:notation ?pattern }
  OPTIONAL { SELECT ?n (SAMPLE(?p) AS ?province) WHERE {
    ?n (kg:locatedIn|kg:partOf)* ?p . ?p kg:level kg:LevelProvince } GROUP BY ?n }
}"""

_TIES = """
SELECT ?s ?p ?o ?g ?locator ?case WHERE {
  GRAPH ?g { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:locator ?locator .
             OPTIONAL { ?st kg:viaCase ?case } }
  ?g a kg:Source .
}"""

_PARTICIPATIONS = """
SELECT ?who ?case ?role ?function ?g ?locator WHERE {
  GRAPH ?g { ?part kg:inCase ?case ; kg:participant ?who ; kg:role ?r .
             ?st rdf:subject ?part ; rdf:predicate kg:role ; kg:locator ?locator .
             OPTIONAL { ?part kg:function ?function FILTER (lang(?function) = "zh") } }
  ?r skos:notation ?role .
}"""

_SOURCES = """
SELECT DISTINCT ?n ?g ?locator WHERE { GRAPH ?g { ?st rdf:subject ?n ; kg:locator ?locator } ?g a kg:Source }"""

_LABELS = """
SELECT ?t ?notation ?zh ?en WHERE {
  ?t rdfs:label ?zh , ?en FILTER (lang(?zh) = "zh" && lang(?en) = "en" && STRSTARTS(STR(?t), STR(kg:)))
  OPTIONAL { ?t skos:notation ?notation }
}"""


def cooperation_network(graph, relations=DEFAULT_RELATIONS, types=DEFAULT_TYPES) -> nx.Graph:
    """Project a :class:`kg.store.KnowledgeGraph` to an undirected networkx graph.

    Parameters
    ----------
    graph : kg.store.KnowledgeGraph
    relations : set of str
        Local names of the properties to project (see :data:`DEFAULT_RELATIONS`);
        ``"participation"`` adds an edge from each participant to its case.
    types : tuple of str
        Local names of the entity classes that become nodes (see :data:`DEFAULT_TYPES`).

    Returns
    -------
    networkx.Graph
        Nodes are entity IRIs with ``label_zh``, ``label_en``, ``type``, ``sources``
        (sorted ``(document id, locator)`` pairs of every fact stated about the
        entity), and where known ``adcode``, ``level`` (notation: ``province``,
        ``prefecture``, ``country`` ...), ``lat``, ``lon``, ``province``, ``pattern``.
        Each edge has ``evidence``: a sorted list of :class:`kg.evidence.Evidence`.
        ``G.graph["labels"]`` maps the local names of ontology terms, and the notations
        of concepts (roles, patterns), to their ``(zh, en)`` labels; ``G.graph["names"]``
        is the :class:`kg.names.NameIndex` of ``graph``.

    A graph read from a ``kg.nq`` keeps its projections in that file's cache (:mod:`kg.cache`):
    each call gives a fresh copy, so changing one changes no other. ``G.graph["source"]`` is
    then that file, where drawings keep their layouts (:func:`kg.viz.layout.force_layout`).
    """
    names = names_of(graph)
    if getattr(graph, "source", None) is None:
        G = _project(graph, relations, types)
    else:
        digest = hashlib.sha1(repr((sorted(relations), list(types))).encode()).hexdigest()[:12]
        # projected from the file's in-memory store, whose order of answers fixes the order of nodes
        G = remember(
            graph.source,
            f"network-{digest}",
            lambda: _project(load(graph.source), relations, types),
            pickle.dumps,
            _unpickle,
        )
        G.graph["source"] = graph.source
    G.graph["names"] = names
    return G


def _unpickle(data: bytes) -> nx.Graph:
    G = pickle.loads(data)
    if not isinstance(G, nx.Graph):
        raise TypeError("not a network")
    return G


def _project(graph, relations, types) -> nx.Graph:
    """The projection of :func:`cooperation_network`, without its name index (kept in its own cache)."""
    G = nx.Graph(labels={})
    for row in graph.select(_LABELS):
        labels = (row["zh"].value, row["en"].value)
        G.graph["labels"][local_name(row["t"].value)] = labels
        if row["notation"] is not None:
            G.graph["labels"][row["notation"].value] = labels
    for row in graph.select(_NODES % " ".join(f"kg:{t}" for t in types)):
        attrs = {"label_zh": row["zh"].value, "label_en": row["en"].value, "type": local_name(row["type"].value)}
        for key, var in (("adcode", "code"), ("level", "level"), ("province", "province"), ("pattern", "pattern")):
            if row[var] is not None:
                attrs[key] = row[var].value
        if row["lat"] is not None:
            attrs["lat"], attrs["lon"] = float(row["lat"].value), float(row["long"].value)
        G.add_node(row["n"].value, sources=[], **attrs)
    for row in graph.select(_SOURCES):
        if row["n"].value in G:
            G.nodes[row["n"].value]["sources"].append((local_name(row["g"].value), row["locator"].value))
    for _, data in G.nodes(data=True):
        data["sources"].sort()

    def add(e: Evidence):
        a, b = e.source, e.target
        if a in G and b in G and a != b:
            if not G.has_edge(a, b):
                G.add_edge(a, b, evidence=[])
            if e not in G.edges[a, b]["evidence"]:
                G.edges[a, b]["evidence"].append(e)

    def value(term):
        return term.value if term is not None else None

    for row in graph.select(_TIES):
        relation = local_name(row["p"].value)
        if relation in relations and row["p"].value.startswith(KG):
            add(
                Evidence(
                    relation,
                    row["s"].value,
                    row["o"].value,
                    row["g"].value,
                    row["locator"].value,
                    case=value(row["case"]),
                )
            )
    if PARTICIPATION in relations:
        for row in graph.select(_PARTICIPATIONS):
            add(
                Evidence(
                    PARTICIPATION,
                    row["who"].value,
                    row["case"].value,
                    row["g"].value,
                    row["locator"].value,
                    case=row["case"].value,
                    role=row["role"].value,
                    function=value(row["function"]),
                )
            )
    for _, _, data in G.edges(data=True):
        data["evidence"].sort(key=lambda e: (e.relation, e.document, e.locator, e.role or ""))
    return G


def overview_network(graph) -> nx.Graph:
    """The whole entity graph: :func:`cooperation_network` over :data:`OVERVIEW_TYPES` and :data:`OVERVIEW_RELATIONS`.

    The four national patterns are tied to the delta ones only in the ontology
    (``kg:nationalCounterpart``, not a stated fact with a locator), so they would
    stand alone; they are left out.
    """
    G = cooperation_network(graph, OVERVIEW_RELATIONS, OVERVIEW_TYPES)
    G.remove_nodes_from([n for n in list(nx.isolates(G)) if G.nodes[n]["type"] == "DevelopmentPattern"])
    return G


def pattern_notation(G: nx.Graph, pattern: str) -> str:
    """The notation (``industrial_enclave``) of the pattern ``pattern`` names (:func:`kg.names.resolve_pattern`)."""
    return notation(resolve_pattern(G, pattern))


def pattern_network(G: nx.Graph, pattern: str) -> nx.Graph:
    """The subgraph of one pattern's cases, their participants and the ties reported within them.

    ``pattern`` is any name of the pattern: 产业飞地, Industrial enclave, ``industrial_enclave``.
    """
    notation = pattern_notation(G, pattern)
    cases = {n for n, d in G.nodes(data=True) if d.get("pattern") == notation}
    edges = [(a, b) for a, b, d in G.edges(data=True) if any(e.case in cases for e in d["evidence"])]
    H = G.edge_subgraph(edges).copy()
    H.add_nodes_from((c, G.nodes[c]) for c in cases)
    return H


def ego_network(G: nx.Graph, entity: str, hops: int = 1) -> nx.Graph:
    """The neighbourhood of an entity (any name :func:`resolve` accepts) up to ``hops`` ties away."""
    return nx.ego_graph(G, resolve(G, entity), radius=hops)


def resolve(G: nx.Graph, name: str) -> str:
    """The node ``name`` means (any name :func:`kg.names.resolve_entity` accepts).

    Raises :class:`kg.errors.AmbiguousName` or :class:`kg.errors.UnknownName`.
    """
    return resolve_entity(G, name)


@dataclass
class Chain:
    """A path between two entities, with the evidence for each hop."""

    nodes: list[str]
    hops: list[list[dict]] = field(default_factory=list)

    @property
    def length(self) -> int:
        return len(self.nodes) - 1

    @property
    def containment_hops(self) -> int:
        return sum(all(e.relation in CONTAINMENT for e in hop) for hop in self.hops)

    @property
    def evidence(self) -> int:
        return sum(len(hop) for hop in self.hops)

    def rank(self) -> tuple:
        return (self.length, self.containment_hops, -self.evidence, self.nodes)

    def steps(self) -> list[tuple[str, str, list[Evidence]]]:
        """Each hop as (from node, to node, its evidence)."""
        return list(zip(self.nodes, self.nodes[1:], self.hops, strict=False))

    def evidence_rows(self, G: nx.Graph, lang: str = "zh") -> list[dict]:
        """One row per piece of evidence per hop (:func:`kg.evidence.evidence_row`, with the hop number)."""
        return [
            {"hop": number, **evidence_row(G, a, e, lang)}
            for number, (a, _, hop) in enumerate(self.steps(), 1)
            for e in hop
        ]

    def as_dict(self, G: nx.Graph, lang: str = "zh") -> dict:
        """The chain as plain data: its length, node labels, and per hop its ends and evidence rows."""
        label = f"label_{lang}"
        return {
            "length": self.length,
            "nodes": [G.nodes[n][label] for n in self.nodes],
            "hops": [
                {
                    "from": G.nodes[a][label],
                    "to": G.nodes[b][label],
                    "evidence": [evidence_row(G, a, e, lang) for e in hop],
                }
                for a, b, hop in self.steps()
            ],
        }


def chains(G: nx.Graph, a: str, b: str, max_hops: int = 4, k: int = 10) -> list[Chain]:
    """The ``k`` best chains between two entities, each hop explained.

    Chains are simple paths of at most ``max_hops`` ties, found shortest first
    with Yen's algorithm (``networkx.shortest_simple_paths``, which stops early,
    unlike the exponential ``all_simple_paths``). They are ranked by length, then
    by fewer containment-only hops, then by more evidence.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`cooperation_network`.
    a, b : str
        Entity names (see :func:`resolve`).
    max_hops, k : int

    Returns
    -------
    list of Chain
    """
    if k < 1 or max_hops < 1:
        raise ParameterError(f"chains need k and max_hops of at least 1, not k={k}, max_hops={max_hops}")
    source, target = resolve(G, a), resolve(G, b)
    if source == target or not nx.has_path(G, source, target):
        return []
    found: list[Chain] = []
    for path in nx.shortest_simple_paths(G, source, target):
        length = len(path) - 1
        if length > max_hops or (len(found) >= k and length > found[k - 1].length):
            break
        found.append(Chain(path, [G.edges[u, v]["evidence"] for u, v in zip(path, path[1:], strict=False)]))
        found.sort(key=Chain.rank)
    return found[:k]


def bridges(G: nx.Graph, top: int = 20, exact_limit: int = 2000, sample: int = 500, seed: int = 42) -> list[dict]:
    """Nodes ranked by betweenness centrality, with the provinces each one joins.

    Betweenness is exact for graphs of up to ``exact_limit`` nodes; above that it
    is estimated from ``sample`` source nodes drawn with ``seed`` (the ``k`` option
    of ``networkx.betweenness_centrality``), and each row says which.
    A node joins the provinces of its neighbours (and its own) when there are two or more.
    """
    exact = G.number_of_nodes() <= exact_limit
    scores = nx.betweenness_centrality(G, k=None if exact else min(sample, G.number_of_nodes()), seed=seed)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    rows = []
    for node, score in ranked:
        provinces = {G.nodes[m].get("province") for m in (node, *G.neighbors(node))} - {None}
        rows.append(
            {
                "node": node,
                "label_zh": G.nodes[node]["label_zh"],
                "label_en": G.nodes[node]["label_en"],
                "score": score,
                "method": "exact" if exact else f"sampled k={min(sample, G.number_of_nodes())}",
                "provinces": sorted(G.nodes[p]["label_zh"] if p in G else p for p in provinces),
            }
        )
    return rows


def communities(G: nx.Graph, seed: int = 42, resolution: float = 1.0) -> list[list[str]]:
    """Communities by Louvain modularity optimisation (``networkx.community.louvain_communities``).

    The seed makes the result repeatable; communities are sorted largest first,
    members by IRI.
    """
    found = nx.community.louvain_communities(G, seed=seed, resolution=resolution)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
