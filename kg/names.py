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
import json
import re
import sys
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
    "name_keys",
    "exact_keys",
    "alias_keys",
    "AmbiguousName",
    "UnknownName",
]

_SUFFIXES = ("特别行政区", "自治区", "省", "市", "区", "县")
#: Classes whose members are named things a user may type.
NAMED_CLASSES = (
    "Region",
    "Carrier",
    "Organisation",
    "Group",
    "Plan",
    "PlanElement",
    "PatternCase",
    "Industry",
    "DevelopmentPattern",
    "Source",
)


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


def exact_keys(label_zh: str, label_en: str, codes: Iterable[str] = ()) -> set[str]:
    """The normalised names that match a thing exactly: its labels, the Chinese label without its suffix,
    their pinyin, its codes (and a 12-digit code's 6-digit prefix).

    Normalising drops spaces, hyphens, underscores and apostrophes and lowers the case; the search
    page of :mod:`kg.site` does the same in JavaScript.

    >>> sorted(exact_keys("合肥市", "Hefei", ["340100000000"]))
    ['340100', '340100000000', 'hefei', 'hefeishi', '合肥', '合肥市']
    """
    stripped = _strip_suffix(label_zh)
    names = {label_zh, label_en, stripped, _pinyin(stripped), _pinyin(label_zh)}
    for code in codes:
        names |= {code, code[:6]} if code.isdigit() else {code}
    return {_key(name) for name in names}


def alias_keys(aliases: Iterable[str]) -> set[str]:
    """The normalised names of a thing's aliases, with and without an administrative suffix."""
    return {_key(name) for alias in aliases for name in (alias, _strip_suffix(alias))}


def name_keys(label_zh: str, label_en: str, codes: Iterable[str] = (), aliases: Iterable[str] = ()) -> set[str]:
    """Every normalised name a thing is matched by: :func:`exact_keys` and :func:`alias_keys`.

    >>> sorted(name_keys("南和县", "Nanhe County", ["130506000000"], ["南和区"]))[-4:]
    ['nanhexian', '南和', '南和区', '南和县']
    """
    return exact_keys(label_zh, label_en, codes) | alias_keys(aliases)


_NAMED = """
SELECT ?e ?zh ?en ?type ?alias ?code WHERE {
  VALUES ?type { %s }
  ?e a ?type ; rdfs:label ?zh , ?en .
  FILTER (lang(?zh) = "zh" && lang(?en) = "en")
  OPTIONAL { ?e skos:altLabel ?alias }
  OPTIONAL { ?e kg:adminCode|skos:notation|kg:fileName ?code }
}"""


class NameIndex:
    """Every way of naming each thing, built once per graph (see :func:`names_of`).

    ``keys`` (IRI -> its exact keys and alias keys) skips working them out again, as when
    the index is read back from :meth:`to_json`.
    """

    def __init__(self, things: Iterable[Named], keys: dict[str, tuple[Iterable[str], Iterable[str]]] | None = None):
        self.things = {t.iri: t for t in sorted(things, key=lambda t: t.iri)}
        self._ids = {t.id: t.iri for t in self.things.values()} | {iri: iri for iri in self.things}
        self._keys = keys or {
            t.iri: (exact_keys(t.label_zh, t.label_en, t.codes), alias_keys(t.aliases)) for t in self.things.values()
        }
        self._exact: dict[str, set[str]] = {}
        self._aliases: dict[str, set[str]] = {}
        for iri, (exact, aliases) in self._keys.items():
            for key in exact:
                self._exact.setdefault(key, set()).add(iri)
            for key in aliases:
                self._aliases.setdefault(key, set()).add(iri)

    def to_json(self) -> bytes:
        """The index as JSON bytes, keys included (pinyin is the slow part of building it).

        >>> index = NameIndex([Named("http://x/hefei", "合肥市", "Hefei", "Region")])
        >>> NameIndex.from_json(index.to_json()).resolve("he fei")
        'http://x/hefei'
        """
        rows = [
            [t.iri, t.label_zh, t.label_en, t.kind, t.aliases, t.codes, sorted(exact), sorted(aliases)]
            for t in self.things.values()
            for exact, aliases in [self._keys[t.iri]]
        ]
        return json.dumps(rows, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> NameIndex:
        """The index :meth:`to_json` wrote."""
        rows = json.loads(data)
        things = [Named(*row[:4], tuple(row[4]), tuple(row[5])) for row in rows]
        return cls(things, {row[0]: (row[6], row[7]) for row in rows})

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

    ``graph`` is a :class:`kg.store.KnowledgeGraph` or endpoint (indexed by query; a graph read
    from a ``kg.nq`` keeps its index in that file's cache, :mod:`kg.cache`), or a networkx graph:
    one made by :func:`kg.network.cooperation_network` carries the index of the graph it came
    from, any other is indexed from its nodes.
    """
    if _is_network(graph):
        if "names" not in graph.graph:
            graph.graph["names"] = NameIndex.from_network(graph)
        return graph.graph["names"]
    if getattr(graph, "_name_index", None) is None:
        if getattr(graph, "source", None) is not None:
            from kg.cache import remember

            graph._name_index = remember(
                graph.source, "names", lambda: NameIndex.from_graph(graph), NameIndex.to_json, NameIndex.from_json
            )
        else:
            graph._name_index = NameIndex.from_graph(graph)
    return graph._name_index


def _is_network(graph) -> bool:
    """Whether ``graph`` is a networkx graph (networkx is not imported for the question: it would be already)."""
    nx = sys.modules.get("networkx")
    return nx is not None and isinstance(graph, nx.Graph)


def resolve_entity(graph, name: str, kinds: Collection[str] | None = None) -> str:
    """The IRI of the entity ``name`` means; in a networkx graph, one of its nodes."""
    within = graph if _is_network(graph) else None
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
