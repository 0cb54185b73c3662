"""Reports for curators: names that may mean one thing, and facts two sources state differently.

:func:`near_duplicates` lists pairs of entities whose names are alike enough that they may be
one thing under two ids (the violation queries ``KG-Q08`` and ``KG-Q09`` already refuse equal
Chinese labels). :func:`conflicts` lists facts that should have one value (where a thing is
located, what it is part of, a year or a date) but are given two, each with its source and
locator. Neither report chooses: a curator reads the sources and decides.

>>> from kg.examples import tiny_graph
>>> near_duplicates(tiny_graph()), conflicts(tiny_graph())
([], [])
"""

from __future__ import annotations

import difflib
import re
from itertools import combinations

from kg.iris import entity_id, local_name

__all__ = ["near_duplicates", "conflicts", "normalise"]

_NAMES = """
SELECT ?e ?type ?label ?alias ?document WHERE {
  VALUES ?type { kg:Region kg:Carrier kg:Organisation kg:Industry kg:Plan kg:PlanElement kg:Group kg:PatternCase }
  ?e a ?type ; rdfs:label ?label .
  OPTIONAL { ?e skos:altLabel ?alias }
  OPTIONAL { ?e kg:elementOf ?document }
}"""

#: Properties a thing has one value of, at most.
_SINGLE_VALUED = ("kg:locatedIn", "kg:partOf", "kg:issuedYear", "dcterms:issued", "kg:periodStart", "kg:periodEnd",
                  "kg:partOfPlan", "kg:elementOf")  # fmt: skip

_CONFLICTS = f"""
SELECT ?s ?p ?o1 ?g1 ?l1 ?o2 ?g2 ?l2 WHERE {{
  VALUES ?p {{ {" ".join(_SINGLE_VALUED)} }}
  GRAPH ?g1 {{ ?st1 rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o1 ; kg:locator ?l1 }}
  GRAPH ?g2 {{ ?st2 rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o2 ; kg:locator ?l2 }}
  FILTER (STR(?o1) < STR(?o2))
  # a place and a place inside it do not contradict each other
  FILTER NOT EXISTS {{ ?o1 (kg:partOf|kg:locatedIn)+ ?o2 }}
  FILTER NOT EXISTS {{ ?o2 (kg:partOf|kg:locatedIn)+ ?o1 }}
}} ORDER BY ?s ?p ?o1 ?o2"""

_SUFFIXES = re.compile(r"(有限公司|股份|集团|特别行政区|自治区|省|市|县)$")
_PUNCTUATION = re.compile(r"[\s\-–—·・,，、:：;；\"'“”‘’《》〈〉()（）\[\]【】]")
_NUMBERS = re.compile(r"[0-9一二三四五六七八九十]+")


def normalise(name: str) -> str:
    """A name without spaces, punctuation, quotes, brackets or an administrative or company suffix.

    >>> normalise("中国（杭州）跨境电子商务综合试验区"), normalise("阿里巴巴集团")
    ('中国杭州跨境电子商务综合试验区', '阿里巴巴')
    """
    return _SUFFIXES.sub("", _PUNCTUATION.sub("", name.lower()))


def _things(graph) -> dict[str, dict]:
    things: dict[str, dict] = {}
    for row in graph.select(_NAMES):
        t = things.setdefault(row["e"].value, {"type": local_name(row["type"].value), "labels": set(),
                                               "aliases": set(), "document": None})  # fmt: skip
        t["labels"].add(row["label"].value)
        if row["alias"] is not None:
            t["aliases"].add(row["alias"].value)
        if row["document"] is not None:
            t["document"] = row["document"].value
    return things


def _comparable(a: dict, b: dict) -> bool:
    """Items of two different plans may share a name; one plan's items may not."""
    return not (a["type"] == b["type"] == "PlanElement" and a["document"] != b["document"])


def near_duplicates(graph, ratio: float = 0.88) -> list[dict]:
    """Pairs of entities whose names may mean one thing, with why.

    A pair matches when a label of one, normalised (:func:`normalise`), equals a label or an
    alias of the other; or, for two entities that are not plan elements, when their Chinese
    labels are at least five characters long, alike by at least ``ratio`` (``difflib``) and
    differ in more than their numbers (the 2023 and 2024 work reports are two things). Items of
    two different plans are never paired, nor are labels that are exactly equal (the
    violation queries report those).
    """
    things = _things(graph)
    by_name: dict[str, set[str]] = {}
    for iri, t in things.items():
        for name in t["labels"] | t["aliases"]:
            by_name.setdefault(normalise(name), set()).add(iri)
    pairs: dict[tuple[str, str], str] = {}
    for iri, t in things.items():
        for label in t["labels"]:
            for other in by_name.get(normalise(label), ()):
                if other != iri and _comparable(t, things[other]) and not t["labels"] & things[other]["labels"]:
                    pairs.setdefault(tuple(sorted((iri, other))), f"same name once normalised: {label}")
    chinese = sorted(
        (min(zh), iri)
        for iri, t in things.items()
        if t["type"] != "PlanElement" and (zh := [label for label in t["labels"] if not label.isascii()])
    )
    for (la, a), (lb, b) in combinations(chinese, 2):
        if min(len(la), len(lb)) < 5 or (a, b) in pairs or _NUMBERS.sub("", la) == _NUMBERS.sub("", lb):
            continue
        if difflib.SequenceMatcher(None, la, lb).ratio() >= ratio:
            pairs[(a, b)] = f"alike labels: {la} / {lb}"
    return [{"a": entity_id(a), "a_type": things[a]["type"], "b": entity_id(b), "b_type": things[b]["type"],
             "why": why} for (a, b), why in sorted(pairs.items())]  # fmt: skip


def conflicts(graph) -> list[dict]:
    """Single-valued facts given two values (neither inside the other), each with its source and locator."""
    return [{"subject": entity_id(row["s"].value), "property": local_name(row["p"].value),
             "value_1": entity_id(row["o1"].value), "source_1": local_name(row["g1"].value),
             "locator_1": row["l1"].value, "value_2": entity_id(row["o2"].value),
             "source_2": local_name(row["g2"].value), "locator_2": row["l2"].value}
            for row in graph.select(_CONFLICTS)]  # fmt: skip
