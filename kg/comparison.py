"""Entities side by side: what the graph holds for each, every cell cited (``kg compare 合肥 南京 杭州``).

One column per entity, one row per aspect: its level and the region it is part of, its
figures by indicator (written as :func:`kg.readable.figure_text` writes them, with the plan
that set a target), the plans that apply to it, its industries, the parks and other
carriers located in it with their industries, and the pattern cases it takes part in with
its role. Every item carries the source document and locator of the statement it comes
from. Names go through :func:`kg.names.resolve_entity`. (The module is not named ``compare``:
importing it would then hide the function :func:`kg.compare`.)

>>> from kg.examples import tiny_graph
>>> found = comparison(tiny_graph(), ["合肥", "宿州"])
>>> [e["id"] for e in found.entities]
['hefei', 'suzhou-anhui']
>>> level = found.cells("level")
>>> str(level["hefei"][0])
'地级 [caict-2021 三（四）1]'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from kg.errors import ParameterError
from kg.iris import SRC, entity_id
from kg.readable import figure_text, label
from kg.results import Results

__all__ = ["Cited", "Comparison", "comparison", "compare"]

#: Row titles per language; a figure's row is titled by its indicator.
_TITLES = {
    "zh": {
        "level": "层级",
        "parent": "上级",
        "figure": "指标：",
        "plans": "规划",
        "industries": "重点产业",
        "parks": "园区与载体",
        "cases": "案例与角色",
    },
    "en": {
        "level": "level",
        "parent": "part of",
        "figure": "figure: ",
        "plans": "plans",
        "industries": "industries",
        "parks": "parks and carriers",
        "cases": "cases and roles",
    },
}

_CITED = "GRAPH ?g {{ ?st rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ; kg:locator ?loc }}"

_QUERIES = {
    "label": "SELECT ?e ?name WHERE { ?e rdfs:label ?name FILTER (lang(?name) = ?lang) }",
    "level": "SELECT ?e ?code ?g ?loc WHERE { ?e kg:level ?l . ?l skos:notation ?code . "
    + _CITED.format(s="?e", p="kg:level", o="?l")
    + " }",
    "parent": "SELECT ?e ?name ?g ?loc WHERE { ?e kg:partOf ?p . ?p rdfs:label ?name FILTER (lang(?name) = ?lang) "
    + _CITED.format(s="?e", p="kg:partOf", o="?p")
    + " } ORDER BY ?name",
    "figure": """SELECT ?e ?indicator ?value ?unit ?comparator ?year ?kind ?plan ?g ?loc WHERE {
  ?f kg:figureOf ?e ; kg:indicator ?indicator ; kg:value ?value ; kg:unit/skos:notation ?unit ;
     kg:kind/skos:notation ?kind FILTER (lang(?indicator) = ?lang)
  OPTIONAL { ?f kg:comparator/skos:notation ?comparator }
  OPTIONAL { ?f kg:refYear ?year }
  OPTIONAL { ?f kg:setBy/rdfs:label ?plan FILTER (lang(?plan) = ?lang) }
  GRAPH ?g { ?st rdf:subject ?f ; rdf:predicate kg:value ; kg:locator ?loc }
} ORDER BY ?indicator ?year ?value""",
    "plans": "SELECT ?e ?name ?g ?loc WHERE { ?x kg:appliesTo ?e ; rdfs:label ?name FILTER (lang(?name) = ?lang) "
    + _CITED.format(s="?x", p="kg:appliesTo", o="?e")
    + " } ORDER BY ?name",
    "industries": "SELECT ?e ?name ?g ?loc WHERE { VALUES ?p { kg:focusesOn kg:hasClusterIndustry } "
    "?e ?p ?i . ?i a kg:Industry ; rdfs:label ?name FILTER (lang(?name) = ?lang) "
    + _CITED.format(s="?e", p="?p", o="?i")
    + " } ORDER BY ?name",
    "parks": """SELECT ?e ?name ?industry ?g ?loc ?g2 ?loc2 WHERE {
  ?x a kg:Carrier ; kg:locatedIn ?e ; rdfs:label ?name FILTER (lang(?name) = ?lang)
  GRAPH ?g { ?st rdf:subject ?x ; rdf:predicate kg:locatedIn ; rdf:object ?e ; kg:locator ?loc }
  OPTIONAL { ?x kg:focusesOn ?i . ?i rdfs:label ?industry FILTER (lang(?industry) = ?lang)
             GRAPH ?g2 { ?st2 rdf:subject ?x ; rdf:predicate kg:focusesOn ; rdf:object ?i ; kg:locator ?loc2 } }
} ORDER BY ?name ?industry""",
    "cases": """SELECT ?e ?case ?pattern ?role ?function ?g ?loc WHERE {
  ?part kg:participant ?e ; kg:inCase ?c ; kg:role ?r . ?r skos:notation ?role .
  ?c rdfs:label ?case ; kg:exemplifies/rdfs:label ?pattern FILTER (lang(?case) = ?lang && lang(?pattern) = ?lang)
  OPTIONAL { ?part kg:function ?function FILTER (lang(?function) = ?lang) }
  GRAPH ?g { ?st rdf:subject ?part ; rdf:predicate kg:role ; rdf:object ?r ; kg:locator ?loc }
} ORDER BY ?pattern ?case ?role""",
}


@dataclass
class Cited:
    """One item of a cell and where it is stated: ``(source id, locator)`` pairs."""

    text: str
    citations: list[tuple[str, str]] = field(default_factory=list)

    def cite(self, graph_iri: str | None, locator: str | None) -> None:
        """Add a citation; citations are kept sorted, so the answer does not depend on the store's row order."""
        if graph_iri and locator and (source := (graph_iri.removeprefix(SRC), locator)) not in self.citations:
            self.citations.append(source)
            self.citations.sort()

    def __str__(self) -> str:
        return f"{self.text} [{' | '.join(f'{s} {loc}' for s, loc in self.citations)}]"

    def as_dict(self) -> dict:
        return {"text": self.text, "citations": [{"source": s, "locator": loc} for s, loc in self.citations]}


@dataclass
class Comparison:
    """The entities compared and, per row, each entity's cited items (by entity id)."""

    entities: list[dict]
    rows: list[tuple[str, str, dict[str, list[Cited]]]]
    lang: str = "zh"

    def cells(self, aspect: str, indicator: str | None = None) -> dict[str, list[Cited]]:
        """The items of one row: ``aspect`` (level, parent, figure, plans, industries, parks, cases)."""
        title = _TITLES[self.lang]["figure"] + indicator if aspect == "figure" else _TITLES[self.lang][aspect]
        return next((cells for key, t, cells in self.rows if key == aspect and t == title), {})

    def results(self) -> Results:
        """One row per aspect, one column per entity; each cell its items, one a line, with citations."""
        columns = ["aspect", *(e["label"] for e in self.entities)]
        rows = [
            (title, *("\n".join(map(str, cells[e["id"]])) if cells.get(e["id"]) else None for e in self.entities))
            for _, title, cells in self.rows
        ]
        cited = sorted(
            {s for _, _, cells in self.rows for items in cells.values() for i in items for s, _ in i.citations}
        )
        return Results(columns, rows, {"sources": cited})

    def as_dict(self) -> dict:
        """The comparison as JSON-ready data: entities, and per row the items with their citations."""
        return {
            "entities": self.entities,
            "rows": [
                {
                    "aspect": key,
                    "title": title,
                    "cells": {e: [item.as_dict() for item in items] for e, items in cells.items()},
                }
                for key, title, cells in self.rows
            ],
        }


def _run(graph, aspect: str, iris: list[str], lang: str) -> list[dict]:
    values = " ".join(str(NamedNode(iri)) for iri in iris)
    text = _QUERIES[aspect].replace(
        "WHERE {", f"WHERE {{ VALUES ?e {{ {values} }} VALUES ?lang {{ {Literal(lang)} }}", 1
    )
    return graph.results(text).records()


def _items(records: list[dict], text, extra=None) -> dict[str, list[Cited]]:
    """Items per entity id: records with the same text become one item with all their citations."""
    cells: dict[str, dict[str, Cited]] = {}
    for r in records:
        words = text(r)
        item = cells.setdefault(entity_id(r["e"]), {}).setdefault(words, Cited(words))
        item.cite(r["g"], r["loc"])
        if extra:
            extra(item, r)
    return {e: list(items.values()) for e, items in cells.items()}


def comparison(graph, names: list[str], lang: str = "zh") -> Comparison:
    """What ``graph`` holds for each entity of ``names``, side by side (see :class:`Comparison`)."""
    from kg.names import resolve_entity

    if lang not in ("zh", "en"):
        raise ParameterError(f"lang must be zh or en, not {lang!r}")
    if not names:
        raise ParameterError("name one or more entities to compare")
    iris = [resolve_entity(graph, name) for name in names]
    if len(set(iris)) < len(iris):
        raise ParameterError(f"{', '.join(names)}: an entity is named twice; name each once")
    labels = {r["e"]: r["name"] for r in _run(graph, "label", iris, lang)}
    shown = [labels.get(iri, entity_id(iri)) for iri in iris]
    entities = [  # two entities of one label are told apart by their ids
        {"id": entity_id(iri), "iri": iri, "label": name if shown.count(name) == 1 else f"{name} ({entity_id(iri)})"}
        for iri, name in zip(iris, shown, strict=True)
    ]
    titles = _TITLES[lang]
    level = _items(_run(graph, "level", iris, lang), lambda r: label(r["code"], lang, column="level"))
    rows = [("level", titles["level"], level), _named_row(graph, "parent", iris, lang)]
    rows.extend(_figure_rows(_run(graph, "figure", iris, lang), lang))
    rows += [_named_row(graph, "plans", iris, lang), _named_row(graph, "industries", iris, lang)]
    rows.append(("parks", titles["parks"], _parks(_run(graph, "parks", iris, lang), lang)))
    rows.append(("cases", titles["cases"], _items(_run(graph, "cases", iris, lang), lambda r: _case(r, lang))))
    return Comparison(entities, [row for row in rows if row[2]], lang)


def _named_row(graph, aspect: str, iris: list[str], lang: str) -> tuple:
    """A row whose items are the names an aspect's query returns."""
    return aspect, _TITLES[lang][aspect], _items(_run(graph, aspect, iris, lang), lambda r: r["name"])


def _figure_rows(records: list[dict], lang: str) -> list[tuple]:
    """One row per indicator, those more entities share first."""
    by_indicator: dict[str, list[dict]] = {}
    for r in records:
        by_indicator.setdefault(r["indicator"], []).append(r)

    def text(r):
        written = figure_text(r["value"], r["unit"], r["comparator"], r["year"], r["kind"], lang)
        return f"{written} — {r['plan']}" if r["plan"] else written

    rows = [("figure", _TITLES[lang]["figure"] + ind, _items(rs, text)) for ind, rs in by_indicator.items()]
    return sorted(rows, key=lambda row: (-len(row[2]), row[1]))


def _parks(records: list[dict], lang: str) -> dict[str, list[Cited]]:
    """Each carrier with its industries; the placement and each industry cited."""
    industries: dict[tuple[str, str], list[str]] = {}
    for r in records:
        if r["industry"] and r["industry"] not in (names := industries.setdefault((r["e"], r["name"]), [])):
            names.append(r["industry"])
    separator = "、" if lang == "zh" else ", "

    def text(r):
        found = separator.join(industries.get((r["e"], r["name"]), []))
        if not found:
            return r["name"]
        return f"{r['name']}（{found}）" if lang == "zh" else f"{r['name']} ({found})"

    return _items(records, text, extra=lambda item, r: item.cite(r["g2"], r["loc2"]))


def _case(r: dict, lang: str) -> str:
    role = label(r["role"], lang, column="role")
    text = f"{r['case']}（{r['pattern']}）：{role}" if lang == "zh" else f"{r['case']} ({r['pattern']}): {role}"
    return f"{text} — {r['function']}" if r["function"] else text


def compare(*names: str, graph=None, lang: str = "zh"):
    """Entities side by side as a DataFrame: one column per entity, one row per aspect, every item cited.

    ``graph`` defaults to :func:`kg.store.load`. ``comparison(...).as_dict()`` gives the
    same as data, each item with its citations.

    >>> from kg.examples import tiny_graph
    >>> frame = compare("合肥", "宿州", graph=tiny_graph())
    >>> list(frame.columns), frame.loc["层级", "合肥市"]
    (['合肥市', '宿州市'], '地级 [caict-2021 三（四）1]')
    """
    from kg.store import load

    found = comparison(graph if graph is not None else load(), list(names), lang)
    return found.results().to_frame().set_index("aspect")
