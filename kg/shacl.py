"""A small SHACL engine on Oxigraph: the shapes of ``ontology/shapes.ttl`` read once, checked with SPARQL.

It knows the part of SHACL Core the shapes use, and refuses any other shape word by name (so a new
constraint is never silently skipped): node shapes with ``sh:targetClass`` and ``sh:property``; property
shapes with an IRI ``sh:path`` and ``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype``,
``sh:pattern`` (``sh:flags``), ``sh:languageIn``, ``sh:uniqueLang``, ``sh:or`` of such shapes,
``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``/``sh:qualifiedMaxCount``, and a ``sh:message``
(required: it is what a problem says).

The results are those pyshacl (the reference engine, ``kg validate --engine pyshacl``) reports, one per
focus node for a count, one per value node for a value constraint, one per repeated language for
``sh:uniqueLang``; ``tests/test_shacl.py`` holds the two engines to the same results. Focus nodes and
class members are SHACL instances (``rdf:type/rdfs:subClassOf*``); a datatype is checked as pyshacl does
(an ``xsd:decimal`` must parse as a decimal, an ``xsd:gYear`` is taken as written).

>>> from kg.examples import tiny_graph
>>> graph = tiny_graph()
>>> check(graph.select, load_shapes())
[]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Store

from kg.errors import KgError
from kg.iris import RDF, XSD
from kg.paths import SHAPES_FILE

__all__ = ["Result", "PropertyShape", "load_shapes", "check", "UnsupportedShape"]

SH = "http://www.w3.org/ns/shacl#"
_NIL = RDF + "nil"
_LANG_STRING = RDF + "langString"
#: The words of SHACL this engine understands where they stand: on a node shape, on a value shape (a member
#: of ``sh:or``, a ``sh:qualifiedValueShape``) and on a property shape; any other ``sh:`` word is refused.
_NODE_WORDS = {SH + w for w in ("targetClass", "property")}
_VALUE_WORDS = {SH + w for w in ("class", "datatype", "pattern", "flags", "languageIn", "or")}
_PROPERTY_WORDS = _VALUE_WORDS | {
    SH + w
    for w in ("path", "message", "minCount", "maxCount", "uniqueLang")
    + ("qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount")
}


class UnsupportedShape(KgError):
    """A shape uses a part of SHACL this engine does not implement."""


@dataclass(frozen=True)
class Result:
    """One validation result: the node, the path (an IRI), the shape's code (``KG-S05``) and its message."""

    focus: str
    path: str
    code: str
    message: str


@dataclass
class Values:
    """The constraints on each value node: all must hold (``any_of``: at least one of these must)."""

    classes: list[str] = field(default_factory=list)
    datatype: str | None = None
    pattern: re.Pattern | None = None
    languages: set[str] | None = None
    any_of: list[Values] = field(default_factory=list)


@dataclass
class PropertyShape:
    code: str
    targets: list[str]
    path: str
    message: str
    min_count: int | None = None
    max_count: int | None = None
    #: The value constraints, one each (pyshacl reports each constraint a value node breaks).
    parts: list[Values] = field(default_factory=list)
    unique_lang: bool = False
    qualified: Values | None = None
    qualified_min: int | None = None
    qualified_max: int | None = None


# ---------------------------------------------------------------- reading the shapes


class _Shapes:
    """The shapes graph, read with the constraints of each shape node."""

    def __init__(self, path: Path):
        self.store = Store()
        self.store.load(path=str(path), format=RdfFormat.TURTLE)

    def objects(self, node, word: str) -> list:
        return [q.object for q in self.store.quads_for_pattern(node, NamedNode(SH + word), None, None)]

    def one(self, node, word: str):
        found = self.objects(node, word)
        return found[0] if found else None

    def items(self, node) -> list:
        """The members of the RDF list starting at ``node``."""
        items = []
        while node.value != _NIL:
            items.append(self.store_one(node, RDF + "first"))
            node = self.store_one(node, RDF + "rest")
        return items

    def store_one(self, node, predicate: str):
        return next(iter(self.store.quads_for_pattern(node, NamedNode(predicate), None, None))).object

    def words(self, node) -> set[str]:
        return {q.predicate.value for q in self.store.quads_for_pattern(node, None, None, None)}

    def refuse_unknown(self, node, known: set[str]) -> None:
        unknown = sorted(w for w in self.words(node) if w.startswith(SH) and w not in known)
        if unknown:
            raise UnsupportedShape(
                f"shape {node} uses {', '.join('sh:' + w[len(SH) :] for w in unknown)}, which kg's SHACL engine "
                "does not implement: run with --engine pyshacl, or teach kg/shacl.py the constraint"
            )

    def values(self, node, known: set[str] = _VALUE_WORDS) -> Values:
        self.refuse_unknown(node, known)
        values = Values(classes=[c.value for c in self.objects(node, "class")])
        if (datatype := self.one(node, "datatype")) is not None:
            values.datatype = _supported_datatype(datatype.value, node)
        if (pattern := self.one(node, "pattern")) is not None:
            flags = self.one(node, "flags")
            values.pattern = re.compile(pattern.value, _regex_flags(flags.value if flags else ""))
        if (languages := self.one(node, "languageIn")) is not None:
            values.languages = {item.value.lower() for item in self.items(languages)}
        if (alternatives := self.one(node, "or")) is not None:
            values.any_of = [self.values(member) for member in self.items(alternatives)]
        return values


def _supported_datatype(datatype: str, node) -> str:
    if datatype not in _DATATYPE_CHECKS:
        raise UnsupportedShape(f"shape {node} asks for datatype <{datatype}>, which kg's SHACL engine does not check")
    return datatype


def _regex_flags(flags: str) -> int:
    return sum({"i": re.I, "m": re.M, "s": re.S, "x": re.X}.get(f, 0) for f in flags)


def _code(shape, owner) -> str:
    """``KG-S05`` from the IRI of the shape, or of the node shape that holds a blank property shape."""
    named = shape if isinstance(shape, NamedNode) else owner
    found = re.match(r".*#(S[0-9]+)", named.value)
    if not found:
        raise UnsupportedShape(f"shape {named} has no code: its IRI must name it kgsh:SNN-...")
    return "KG-" + found.group(1)


@cache
def load_shapes(path: Path = SHAPES_FILE) -> tuple[PropertyShape, ...]:
    """The property shapes of ``path``, each with its code, the classes it targets and its constraints.

    >>> shapes = load_shapes()
    >>> [(s.code, s.path.split("#")[1], s.min_count) for s in shapes if s.message.startswith("a case")]
    [('KG-S06', 'exemplifies', 1)]
    """
    graph = _Shapes(path)
    shapes = []
    owners = {q.subject for w in _NODE_WORDS for q in graph.store.quads_for_pattern(None, NamedNode(w), None, None)}
    for owner in sorted(owners, key=str):
        graph.refuse_unknown(owner, _NODE_WORDS)
        targets = sorted(c.value for c in graph.objects(owner, "targetClass"))
        for node in sorted(graph.objects(owner, "property"), key=str):
            path_node = graph.one(node, "path")
            if not isinstance(path_node, NamedNode):
                raise UnsupportedShape(f"shape {node} has a path that is not one IRI; kg's SHACL engine takes IRIs")
            message = graph.one(node, "message")
            if message is None:
                raise UnsupportedShape(f"shape {node} has no sh:message: kg's SHACL engine reports the shape's own")
            shape = PropertyShape(_code(node, owner), targets, path_node.value, message.value)
            shape.parts = _parts(graph.values(node, _PROPERTY_WORDS))
            shape.min_count, shape.max_count = _int(graph.one(node, "minCount")), _int(graph.one(node, "maxCount"))
            unique = graph.one(node, "uniqueLang")
            shape.unique_lang = unique is not None and unique.value == "true"
            if (qualified := graph.one(node, "qualifiedValueShape")) is not None:
                shape.qualified = graph.values(qualified)
                shape.qualified_min = _int(graph.one(node, "qualifiedMinCount"))
                shape.qualified_max = _int(graph.one(node, "qualifiedMaxCount"))
            shapes.append(shape)
    return tuple(shapes)


def _int(term) -> int | None:
    return None if term is None else int(term.value)


# ---------------------------------------------------------------- checking value nodes


def _parses(parse, error: type[Exception]):
    """A check that a lexical form is read by ``parse`` without ``error``."""

    def check(text: str) -> bool:
        try:
            parse(text)
        except error:
            return False
        return True

    return check


#: Datatype -> check of the lexical form, as pyshacl makes it (rdflib's parse; years are not parsed).
_DATATYPE_CHECKS = {
    XSD + "string": lambda text: True,
    _LANG_STRING: lambda text: True,
    XSD + "integer": _parses(int, ValueError),
    XSD + "decimal": _parses(Decimal, InvalidOperation),
    XSD + "date": _parses(lambda text: date.fromisoformat(text.removesuffix("Z")), ValueError),
    XSD + "gYear": lambda text: True,
    XSD + "gYearMonth": lambda text: True,
}


class _Classes:
    """Which nodes are SHACL instances of a class, asked once per class."""

    def __init__(self, select):
        self.select, self.members = select, {}

    def __call__(self, node, cls: str) -> bool:
        if cls not in self.members:
            query = f"SELECT DISTINCT ?x WHERE {{ ?x rdf:type/rdfs:subClassOf* <{cls}> }}"
            self.members[cls] = {row["x"] for row in self.select(query)}
        return node in self.members[cls]


def _conforms(node, values: Values, is_instance) -> bool:
    """Whether one value node satisfies every constraint of ``values``."""
    if not all(is_instance(node, c) for c in values.classes):
        return False
    if values.datatype and not (
        isinstance(node, Literal)
        and node.datatype.value == values.datatype
        and _DATATYPE_CHECKS[values.datatype](node.value)
    ):
        return False
    if values.pattern and (isinstance(node, BlankNode) or not values.pattern.search(node.value)):
        return False
    if values.languages is not None and not _language_in(node, values.languages):
        return False
    return not values.any_of or any(_conforms(node, member, is_instance) for member in values.any_of)


def _language_in(node, languages: set[str]) -> bool:
    if not isinstance(node, Literal) or not node.language:
        return False
    language = node.language.lower()
    return "*" in languages or language in languages or language.split("-")[0] in languages


def _parts(values: Values) -> list[Values]:
    """``values`` split into one constraint each, since pyshacl reports each constraint a value breaks."""
    parts = [Values(classes=[c]) for c in values.classes]
    if values.datatype:
        parts.append(Values(datatype=values.datatype))
    if values.pattern:
        parts.append(Values(pattern=values.pattern))
    if values.languages is not None:
        parts.append(Values(languages=values.languages))
    if values.any_of:
        parts.append(Values(any_of=values.any_of))
    return parts


# ---------------------------------------------------------------- the check


def _value_nodes(select, targets: list[str], paths: set[str]) -> dict:
    """Focus node of ``targets`` -> path -> its value nodes on that path (two queries for all the paths)."""
    classes = " ".join(f"<{c}>" for c in targets)
    focus_query = f"SELECT DISTINCT ?f WHERE {{ VALUES ?c {{ {classes} }} ?f rdf:type/rdfs:subClassOf* ?c }}"
    nodes = {focus: {path: [] for path in paths} for (focus,) in select(focus_query)}
    value_query = (
        f"SELECT DISTINCT ?f ?p ?v WHERE {{ VALUES ?c {{ {classes} }} ?f rdf:type/rdfs:subClassOf* ?c . "
        f"VALUES ?p {{ {' '.join(f'<{p}>' for p in sorted(paths))} }} ?f ?p ?v }}"
    )
    for focus, path, value in select(value_query):
        nodes[focus][path.value].append(value)
    return nodes


def _shape_results(shape: PropertyShape, nodes: list, is_instance) -> int:
    """How many results ``shape`` gives for a focus node whose value nodes on its path are ``nodes``."""
    count = shape.min_count is not None and len(nodes) < shape.min_count
    count += shape.max_count is not None and len(nodes) > shape.max_count
    for part in shape.parts:  # one result for each value node and constraint it breaks
        count += sum(not _conforms(node, part, is_instance) for node in nodes)
    if shape.unique_lang:
        languages = Counter(n.language.lower() for n in nodes if isinstance(n, Literal) and n.language)
        count += sum(n > 1 for n in languages.values())
    if shape.qualified is not None:
        conforming = sum(_conforms(n, shape.qualified, is_instance) for n in nodes)
        count += shape.qualified_min is not None and conforming < shape.qualified_min
        count += shape.qualified_max is not None and conforming > shape.qualified_max
    return count


def check(select, shapes: tuple[PropertyShape, ...]) -> list[Result]:
    """Every result of ``shapes`` on the graph that ``select`` (a SPARQL SELECT over the union graph) reads.

    Results come sorted by focus node, code and path; a node that breaks a shape twice is listed twice.
    """
    is_instance = _Classes(select)
    by_targets: dict[tuple, list[PropertyShape]] = {}
    for shape in shapes:
        by_targets.setdefault(tuple(shape.targets), []).append(shape)
    results = []
    for targets, group in by_targets.items():
        for focus, values in _value_nodes(select, list(targets), {s.path for s in group}).items():
            for shape in group:
                if count := _shape_results(shape, values[shape.path], is_instance):
                    results += [Result(focus.value, shape.path, shape.code, shape.message)] * count
    return sorted(results, key=lambda r: (r.focus, r.code, r.path, r.message))
