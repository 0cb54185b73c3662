"""Resolve what a user types to one entity of the graph.

A name may be a Chinese or English label, the Chinese label without its
administrative suffix (合肥 for 合肥市), the pinyin of that (``hefei``,
``Hefei``, ``he fei``), an administrative code (12 digits or its 6-digit
prefix), an id (``suzhou-anhui``) or a full IRI. Matching ignores case,
spaces and hyphens. When no name matches exactly, a name that ends a longer
label is tried (高新区 -> 合肥高新区, 亳州高新区 ...).

Several matches raise :class:`AmbiguousName` listing them; none raises
:class:`UnknownName` with the closest names.

>>> from kg.store import from_tables
>>> names = NameIndex.from_graph(from_tables())
>>> names.resolve("合肥") == names.resolve("合肥市") == names.resolve("Hefei") == names.resolve("340100000000")
True
>>> try:
...     names.resolve("高新区")
... except AmbiguousName as err:
...     "hefei-hitech-zone" in [e.id for e in err.candidates]
True
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

__all__ = ["NameIndex", "AmbiguousName", "UnknownName", "Entity", "names_of"]

_SUFFIXES = ("特别行政区", "自治区", "省", "市", "区", "县")
_ID_PREFIX = "https://w3id.org/yrd-de/id/"


class UnknownName(LookupError):
    """No entity has this name."""


class AmbiguousName(LookupError):
    """Several entities have this name; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list["Entity"]):
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True)
class Entity:
    iri: str
    label_zh: str
    label_en: str
    kind: str

    @property
    def id(self) -> str:
        return self.iri.removeprefix(_ID_PREFIX)

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


_ENTITIES = """
SELECT ?e ?zh ?en ?type ?code WHERE {
  VALUES ?type { kg:Region kg:Carrier kg:Organisation kg:Plan kg:PatternCase kg:Industry }
  ?e a ?type ; rdfs:label ?zh , ?en .
  FILTER (lang(?zh) = "zh" && lang(?en) = "en")
  OPTIONAL { ?e kg:adminCode ?code }
}"""


class NameIndex:
    """Every way of naming each entity, built once per graph."""

    def __init__(self, entities: list[Entity], codes: dict[str, str]):
        self.entities = {e.iri: e for e in entities}
        self._ids = {e.id: e.iri for e in entities} | {e.iri: e.iri for e in entities}
        self._exact: dict[str, set[str]] = {}
        for e in entities:
            stripped = _strip_suffix(e.label_zh)
            for name in (e.label_zh, e.label_en, stripped, _pinyin(stripped), _pinyin(e.label_zh)):
                self._exact.setdefault(_key(name), set()).add(e.iri)
        for iri, code in codes.items():
            for name in (code, code[:6]):
                self._exact.setdefault(name, set()).add(iri)

    @classmethod
    def from_graph(cls, graph) -> "NameIndex":
        """Index the labelled entities of a :class:`kg.store.KnowledgeGraph`."""
        entities, codes = {}, {}
        for row in graph.select(_ENTITIES):
            iri = row["e"].value
            entities[iri] = Entity(iri, row["zh"].value, row["en"].value, row["type"].value.rsplit("#", 1)[1])
            if row["code"] is not None:
                codes[iri] = row["code"].value
        return cls(sorted(entities.values(), key=lambda e: e.iri), codes)

    def candidates(self, name: str) -> list[Entity]:
        """Entities the name could mean: the one with this id or IRI, else exact names, else labels it ends."""
        if name.strip() in self._ids:
            return [self.entities[self._ids[name.strip()]]]
        key = _key(name)
        found = self._exact.get(key) or self._exact.get(_key(_strip_suffix(name)))
        if not found:
            found = {e.iri for e in self.entities.values()
                     if len(key) >= 2 and (_key(e.label_zh).endswith(key) or _key(e.label_en).endswith(key))}
        return sorted((self.entities[i] for i in found), key=lambda e: e.iri)

    def resolve(self, name: str) -> str:
        """The IRI of the one entity ``name`` means."""
        found = self.candidates(name)
        if len(found) == 1:
            return found[0].iri
        if found:
            listed = "; ".join(str(e) for e in found)
            raise AmbiguousName(f"{name!r} names {len(found)} entities: {listed}. Use an id to choose.", found)
        labels = sorted({e.label_zh for e in self.entities.values()} | {e.label_en for e in self.entities.values()})
        close = difflib.get_close_matches(name, labels, n=5, cutoff=0.5)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UnknownName(f"no entity is named {name!r}.{hint}")


def names_of(graph) -> NameIndex:
    """The name index of a graph (store or endpoint), built on first use and kept on the graph."""
    index = getattr(graph, "_name_index", None)
    if index is None:
        index = graph._name_index = NameIndex.from_graph(graph)
    return index
