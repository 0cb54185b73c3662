"""Resolve what a user types to one thing of the graph: the one home of name matching.

A name may be a Chinese or English label or alias (``skos:altLabel``), the Chinese label
without its administrative suffix (合肥 for 合肥市), the pinyin of that (``hefei``,
``Hefei``, ``he fei``), an administrative code (12 digits or its 6-digit prefix), a
concept's notation (``industrial_enclave``), an id (``suzhou-anhui``) or a full IRI.
Matching ignores case, spaces and hyphens. An exact label, code or id wins; else the things
with that alias, together with the things whose label the name ends (高新区 -> 合肥高新区,
宿州高新区 ...), so a generic name that one source prints for one place stays ambiguous.

One resolver per kind of name, used by every verb, named-query parameter and view:
:func:`resolve_entity`, :func:`resolve_pattern`, :func:`resolve_case`,
:func:`resolve_industry` and :func:`resolve_source`. Several matches raise
:class:`kg.errors.AmbiguousName` listing them; none raises
:class:`kg.errors.UnknownName` with the closest names.

>>> from kg.examples import tiny_graph
>>> graph = tiny_graph()
>>> resolve_entity(graph, "合肥") == resolve_entity(graph, "Hefei") == resolve_entity(graph, "340100")
True
>>> resolve_pattern(graph, "产业飞地") == resolve_pattern(graph, "industrial_enclave") == resolve_pattern(
...     graph, "Industrial enclave")
True
>>> try:
...     resolve_entity(graph, "高新区")
... except AmbiguousName as err:
...     sorted(e.id for e in err.candidates)
['hefei-hitech-zone', 'suzhou-anhui-hitech-zone']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from kg.errors import AmbiguousName, UnknownName
from kg.iris import SRC, entity_id, local_name

__all__ = [
    "NameIndex",
    "Named",
    "names_of",
    "resolve_entity",
    "resolve_pattern",
    "resolve_case",
    "resolve_industry",
    "resolve_source",
    "notation",
    "AmbiguousName",
    "UnknownName",
]

_SUFFIXES = ("特别行政区", "自治区", "省", "市", "区", "县")
#: Classes whose members are named things a user may type.
NAMED_CLASSES = ("Region", "Carrier", "Organisation", "Plan", "PatternCase", "Industry", "DevelopmentPattern", "Source")


@dataclass(frozen=True)
class Named:
    """One nameable thing: its IRI, labels, class (local name), the other names the sources print for
    it (aliases), and its codes (administrative code, notation, file name)."""

    iri: str
    label_zh: str
    label_en: str
    kind: str
    aliases: tuple[str, ...] = field(default=(), compare=False)
    codes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def id(self) -> str:
        return local_name(self.iri) if self.kind in ("Source", "DevelopmentPattern") else entity_id(self.iri)

    def __str__(self) -> str:
        return f"{self.label_zh} / {self.label_en} ({self.kind}, {self.id})"


def _key(text: str) -> str:
    return re.sub(r"[\s\-_'’]", "", text).lower()


def _strip_suffix(label: str) -> str:
    for suffix in _SUFFIXES:
        if label.endswith(suffix) and len(label) > len(suffix) + 1:
            return label[: -len(suffix)]
    return label


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))


_NAMED = """
SELECT ?e ?zh ?en ?type ?alias ?code WHERE {
  VALUES ?type { %s }
  ?e a ?type ; rdfs:label ?zh , ?en .
  FILTER (lang(?zh) = "zh" && lang(?en) = "en")
  OPTIONAL { ?e skos:altLabel ?alias }
  OPTIONAL { ?e kg:adminCode|skos:notation|kg:fileName ?code }
}"""


class NameIndex:
    """Every way of naming each thing, built once per graph (see :func:`names_of`)."""

    def __init__(self, things: Iterable[Named]):
        self.things = {t.iri: t for t in sorted(things, key=lambda t: t.iri)}
        self._ids = {t.id: t.iri for t in self.things.values()} | {iri: iri for iri in self.things}
        self._exact: dict[str, set[str]] = {}
        self._aliases: dict[str, set[str]] = {}
        for t in self.things.values():
            stripped = _strip_suffix(t.label_zh)
            names = {t.label_zh, t.label_en, stripped, _pinyin(stripped), _pinyin(t.label_zh)}
            for code in t.codes:
                names |= {code, code[:6]} if code.isdigit() else {code}
            for name in names:
                self._exact.setdefault(_key(name), set()).add(t.iri)
            for alias in t.aliases:
                for name in {alias, _strip_suffix(alias)}:
                    self._aliases.setdefault(_key(name), set()).add(t.iri)

    @classmethod
    def from_graph(cls, graph) -> NameIndex:
        """Index the named things of a :class:`kg.store.KnowledgeGraph` (or an endpoint)."""
        found: dict[str, tuple[str, str, str]] = {}
        other: dict[str, dict[str, set[str]]] = {}
        for row in graph.select(_NAMED % " ".join(f"kg:{c}" for c in NAMED_CLASSES)):
            iri = row["e"].value
            found[iri] = (row["zh"].value, row["en"].value, local_name(row["type"].value))
            names = other.setdefault(iri, {"alias": set(), "code": set()})
            for var in ("alias", "code"):
                if row[var] is not None:
                    names[var].add(row[var].value)
        return cls(
            Named(iri, *labels, tuple(sorted(other[iri]["alias"])), tuple(sorted(other[iri]["code"])))
            for iri, labels in found.items()
        )

    @classmethod
    def from_network(cls, G) -> NameIndex:
        """Index the nodes of a networkx graph that carry ``label_zh``, ``label_en`` and ``type``."""
        return cls(
            Named(
                n,
                d["label_zh"],
                d["label_en"],
                d["type"],
                tuple(d.get("aliases", ())),
                tuple(filter(None, [d.get("adcode")])),
            )
            for n, d in G.nodes(data=True)
        )

    def candidates(self, name: str, kinds: Collection[str] | None = None, within=None) -> list[Named]:
        """Things the name could mean: the one with this id or IRI, else exact names, else labels it ends.

        ``kinds`` keeps only things of those classes; ``within`` only IRIs in that collection.
        """

        def keep(iris):
            return {
                i for i in iris if (kinds is None or self.things[i].kind in kinds) and (within is None or i in within)
            }

        by_id = self._ids.get(name.strip())
        if by_id and keep({by_id}):
            return [self.things[by_id]]
        key = _key(name)
        found = keep(self._exact.get(key, ())) or keep(self._exact.get(_key(_strip_suffix(name)), ()))
        if not found and len(key) >= 2:
            found = keep(self._aliases.get(key, ())) | keep(
                t.iri for t in self.things.values() if _key(t.label_zh).endswith(key) or _key(t.label_en).endswith(key)
            )
        return sorted((self.things[i] for i in found), key=lambda t: t.iri)

    def resolve(self, name: str, kinds: Collection[str] | None = None, within=None, what: str = "entity") -> str:
        """The IRI of the one thing ``name`` means (see :meth:`candidates`); ``what`` names the kind in messages."""
        found = self.candidates(name, kinds, within)
        if len(found) == 1:
            return found[0].iri
        if found:
            listed = "; ".join(str(t) for t in found)
            raise AmbiguousName(f"{name!r} names {len(found)} {what}s: {listed}. Use an id to choose.", found)
        pool = [
            t
            for t in self.things.values()
            if (kinds is None or t.kind in kinds) and (within is None or t.iri in within)
        ]
        labels = sorted({label for t in pool for label in (t.label_zh, t.label_en)})
        close = difflib.get_close_matches(name, labels, n=5, cutoff=0.5)
        if kinds is not None and len(pool) <= 12:
            hint = " Expected one of: " + ", ".join(f"{t.label_zh} / {t.label_en}" for t in pool) + "."
        else:
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UnknownName(f"no {what} is named {name!r}.{hint}")


def names_of(graph) -> NameIndex:
    """The name index of a graph, built on first use and kept with it.

    ``graph`` is a :class:`kg.store.KnowledgeGraph` or endpoint (indexed by query), or a
    networkx graph: one made by :func:`kg.network.cooperation_network` carries the index of
    the graph it came from, any other is indexed from its nodes.
    """
    import networkx as nx

    if isinstance(graph, nx.Graph):
        if "names" not in graph.graph:
            graph.graph["names"] = NameIndex.from_network(graph)
        return graph.graph["names"]
    if getattr(graph, "_name_index", None) is None:
        graph._name_index = NameIndex.from_graph(graph)
    return graph._name_index


def resolve_entity(graph, name: str, kinds: Collection[str] | None = None) -> str:
    """The IRI of the entity ``name`` means; in a networkx graph, one of its nodes."""
    import networkx as nx

    within = graph if isinstance(graph, nx.Graph) else None
    return names_of(graph).resolve(name, kinds, within)


def resolve_pattern(graph, name: str) -> str:
    """The IRI of the development pattern ``name`` means (产业飞地, Industrial enclave, industrial_enclave, IRI)."""
    return names_of(graph).resolve(name, ("DevelopmentPattern",), what="development pattern")


def notation(iri: str) -> str:
    """The ``skos:notation`` of an ontology concept (a pattern, role, kind ...).

    >>> notation("https://w3id.org/yrd-de/ontology#IndustrialEnclave")
    'industrial_enclave'
    """
    from kg.vocabulary import SCHEMES

    local = local_name(iri)
    return next(n for scheme in SCHEMES.values() for n, concept in scheme.items() if concept == local)


def resolve_case(graph, name: str) -> str:
    """The IRI of the pattern case ``name`` means."""
    return names_of(graph).resolve(name, ("PatternCase",), what="pattern case")


def resolve_industry(graph, name: str) -> str:
    """The IRI of the industry ``name`` means."""
    return names_of(graph).resolve(name, ("Industry",), what="industry")


def resolve_source(graph, name: str) -> str:
    """The IRI of the source document ``name`` means (its id, title, file name or IRI)."""
    iri = names_of(graph).resolve(name, ("Source",), what="source document")
    assert iri.startswith(SRC)
    return iri
