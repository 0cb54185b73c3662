"""The dataset as JSON-LD, written straight from the store: the bytes rdflib wrote, a dozen times faster.

The document is the one ``rdflib`` (7.x) makes with ``serialize(format="json-ld", context=PREFIXES)``,
then sorted (:func:`canonical_json`) so that the same data always gives the same bytes:

* a ``@context`` of the prefixes of :data:`kg.iris.PREFIXES` and a top-level ``@graph`` with one
  ``{"@id": graph, "@graph": [nodes]}`` per named graph (the default graph's nodes in one ``{"@graph": ...}``);
* an IRI is compacted when the part before its last ``#``, ``/`` or ``:`` is a declared namespace
  (``yrd:hefei``), and written in full otherwise;
* ``rdf:type`` is ``@type``; an object IRI is ``{"@id": ...}``; ``xsd:string`` literals are strings,
  ``xsd:integer``, ``xsd:double`` and ``xsd:boolean`` are JSON numbers and booleans, a language-tagged
  literal is ``{"@language", "@value"}``, any other datatype ``{"@type", "@value"}``;
* a property with one value has it bare, with several a list.

>>> from kg.examples import tiny_graph
>>> document = json.loads(jsonld(tiny_graph().store))
>>> caict = [g for g in document["@graph"] if g["@id"] == "src:caict-2021"][0]
>>> hefei = [n for n in caict["@graph"] if n["@id"] == "yrd:hefei"][0]
>>> hefei["@type"], hefei["kg:partOf"], hefei["rdfs:label"][0]
('kg:Region', {'@id': 'yrd:anhui'}, {'@language': 'en', '@value': 'Hefei'})
"""

from __future__ import annotations

import json
from functools import cache
from json.encoder import encode_basestring as _encode

from pyoxigraph import DefaultGraph, Literal, NamedNode, Store

from kg.iris import PREFIXES, RDF, XSD

__all__ = ["jsonld", "rdflib_jsonld", "canonical_json", "compact"]

_NAMESPACES = {namespace: prefix for prefix, namespace in PREFIXES.items()}
_TYPE = RDF + "type"
_STRING, _INTEGER, _DOUBLE, _BOOLEAN = (XSD + t for t in ("string", "integer", "double", "boolean"))


@cache
def compact(iri: str) -> str:
    """``iri`` as ``prefix:name`` when the part up to its last ``#`` (else ``/``, else ``:``) is a declared namespace.

    >>> compact("https://w3id.org/yrd-de/id/hefei"), compact("https://w3id.org/yrd-de/graph/sources")
    ('yrd:hefei', 'https://w3id.org/yrd-de/graph/sources')
    """
    for delimiter in "#/:":
        at = iri.rfind(delimiter)
        if at > -1:
            prefix = _NAMESPACES.get(iri[: at + 1])
            return f"{prefix}:{iri[at + 1 :]}" if prefix else iri
    return iri


def _node_id(term) -> str:
    return compact(term.value) if isinstance(term, NamedNode) else f"_:{term.value}"


class _Object(tuple):
    """A small JSON object of a value (``{"@id": ...}``, ``{"@language": ..., "@value": ...}``), its members
    already written as ``"key": value`` in key order: the one kind of node written without sorting it again."""


@cache
def _reference(iri: str) -> _Object:
    return _Object((f'"@id": {_encode(compact(iri))}',))


def _value(term):
    """The JSON-LD value of an object term."""
    if isinstance(term, NamedNode):
        return _reference(term.value)
    if not isinstance(term, Literal):
        return _Object((f'"@id": {_encode(_node_id(term))}',))
    if term.language:
        return _Object((f'"@language": {_encode(term.language)}', f'"@value": {_encode(term.value)}'))
    datatype = term.datatype.value
    if datatype == _STRING:
        return term.value
    try:
        if datatype == _INTEGER:
            return int(term.value)
        if datatype == _DOUBLE:
            return float(term.value)
    except ValueError:  # an ill-typed literal stays a string, as in rdflib
        return term.value
    if datatype == _BOOLEAN and term.value in ("true", "1", "false", "0"):
        return term.value in ("true", "1")
    return _Object((f'"@type": {_encode(compact(datatype))}', f'"@value": {_encode(term.value)}'))


def _graph_nodes(store: Store) -> dict:
    """Graph id (``None`` for the default graph, where rdflib also puts blank-named graphs) -> subject id -> node."""
    graphs: dict = {}
    for graph in [DefaultGraph(), *store.named_graphs()]:
        nodes = graphs.setdefault(compact(graph.value) if isinstance(graph, NamedNode) else None, {})
        subject = None
        for quad in store.quads_for_pattern(None, None, None, graph):
            if quad.subject != subject:  # a graph's quads come subject by subject: look each one up once
                subject, name = quad.subject, _node_id(quad.subject)
                node = nodes.setdefault(name, {"@id": name})
            predicate, obj = quad.predicate.value, quad.object
            if predicate == _TYPE:
                key, value = "@type", compact(obj.value) if isinstance(obj, NamedNode) else _value(obj)
            else:
                key, value = compact(predicate), _value(obj)
            if key not in node:
                node[key] = value
            elif isinstance(node[key], list):
                node[key].append(value)
            else:
                node[key] = [node[key], value]
    return graphs


def jsonld(store: Store) -> bytes:
    """The dataset in ``store`` as sorted JSON-LD bytes (see the module's account of the form)."""
    graphs = _graph_nodes(store)
    default = list(graphs.pop(None, {}).values())
    objects = [default[0] if len(default) == 1 else {"@graph": default}] if default else []
    for name, nodes in graphs.items():
        if objects and objects[0].get("@id") == name:  # the default graph's one node names a graph: rdflib merges them
            objects[0].update({"@id": name, "@graph": list(nodes.values())})
        else:
            objects.append({"@id": name, "@graph": list(nodes.values())})
    document = {**objects[0]} if len(objects) == 1 else {"@graph": objects}
    document["@context"] = PREFIXES
    return (canonical_json(document) + "\n").encode("utf-8")


def rdflib_jsonld(nquads: bytes) -> bytes:
    """The same document made by rdflib from N-Quads (the way kg wrote it up to 0.2): the reference :func:`jsonld`
    is held to byte for byte, a dozen times slower."""
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    return (canonical_json(json.loads(dataset.serialize(format="json-ld", context=PREFIXES))) + "\n").encode("utf-8")


def canonical_json(value) -> str:
    """``value`` as ``json.dumps(..., indent=1, sort_keys=True, ensure_ascii=False)`` writes it, every list sorted.

    A list is sorted by the compact sorted-keys JSON of its members, except the members of an ``@list``
    (an RDF list keeps its order). One pass makes both each member's sort key and its indented text.

    >>> print(canonical_json({"@graph": [{"@id": "b"}, {"@id": "a"}], "x": {"@list": [2, 1]}, "e": []}))
    {
     "@graph": [
      {
       "@id": "a"
      },
      {
       "@id": "b"
      }
     ],
     "e": [],
     "x": {
      "@list": [
       2,
       1
      ]
     }
    }
    """
    return _canonical(value, 0, False)[1]


def _canonical(value, depth: int, ordered: bool) -> tuple[str, str]:
    """(compact sorted-keys JSON, indented JSON at ``depth``) of ``value``; lists sorted unless ``ordered``."""
    if isinstance(value, str):
        text = _encode(value)
        return text, text
    if type(value) is _Object:
        inner = "\n" + " " * (depth + 1)
        return "{" + ", ".join(value) + "}", "{" + inner + ("," + inner).join(value) + "\n" + " " * depth + "}"
    if isinstance(value, dict):
        if not value:
            return "{}", "{}"
        inner = "\n" + " " * (depth + 1)
        parts = [(_encode(k), _canonical(value[k], depth + 1, k == "@list")) for k in sorted(value)]
        key = "{" + ", ".join(f"{k}: {c}" for k, (c, _) in parts) + "}"
        return key, "{" + inner + ("," + inner).join(f"{k}: {t}" for k, (_, t) in parts) + "\n" + " " * depth + "}"
    if isinstance(value, list):
        if not value:
            return "[]", "[]"
        inner = "\n" + " " * (depth + 1)
        items = [_canonical(item, depth + 1, False) for item in value]
        if not ordered:
            items.sort(key=lambda item: item[0])
        key = "[" + ", ".join(c for c, _ in items) + "]"
        return key, "[" + inner + ("," + inner).join(t for _, t in items) + "\n" + " " * depth + "]"
    text = json.dumps(value)
    return text, text
