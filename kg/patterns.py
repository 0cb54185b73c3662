"""The development patterns as tables: cases, participants and roles; an entity's profile.

>>> from kg.examples import tiny_graph
>>> graph = tiny_graph()
>>> table = patterns_table(graph, pattern="gradient_transfer")
>>> sorted(set(table["pattern"])), len(table)
(['梯度转移'], 6)
>>> profile = pattern_profile(graph, "宿州高新区")
>>> list(profile[["pattern", "role"]].itertuples(index=False, name=None))
[('梯度转移', 'receiving_platform')]
"""

from __future__ import annotations

from pyoxigraph import NamedNode, Variable

from kg.names import resolve_entity, resolve_pattern
from kg.results import Results

__all__ = ["pattern_rows", "patterns_table", "profile_rows", "pattern_profile", "national_counterparts"]

#: The columns of :func:`pattern_rows`; a profile leaves out the participant.
PATTERN_COLUMNS = (
    "pattern",
    "pattern_en",
    "case",
    "case_en",
    "participant",
    "participant_en",
    "role",
    "function",
    "source",
    "locator",
)
PROFILE_COLUMNS = tuple(c for c in PATTERN_COLUMNS if c not in ("participant", "participant_en"))

_PARTICIPATIONS = """
SELECT ?pattern ?pattern_en ?case ?case_en ?participant ?participant_en ?role ?function ?source ?locator ?who ?p WHERE {
  ?part kg:inCase ?c ; kg:participant ?who ; kg:role ?r .
  ?c kg:exemplifies ?p ; rdfs:label ?case , ?case_en .
  ?p rdfs:label ?pattern , ?pattern_en .
  ?who rdfs:label ?participant , ?participant_en .
  ?r skos:notation ?role .
  OPTIONAL { ?part kg:function ?function FILTER (lang(?function) = "zh") }
  GRAPH ?g { ?st rdf:subject ?part ; rdf:predicate kg:role ; kg:locator ?locator }
  ?g dcterms:title ?source FILTER (lang(?source) = "zh")
  FILTER (lang(?case) = "zh" && lang(?case_en) = "en" && lang(?pattern) = "zh" && lang(?pattern_en) = "en"
          && lang(?participant) = "zh" && lang(?participant_en) = "en")
} ORDER BY ?pattern ?case ?role ?participant"""


def pattern_rows(graph, pattern: str | None = None):
    """Every pattern, case, participant and role with the source and locator (:class:`kg.results.Results`).

    ``pattern``: only this pattern (any name :func:`kg.names.resolve_pattern` accepts).
    """
    only = {Variable("p"): NamedNode(resolve_pattern(graph, pattern))} if pattern else {}
    return _columns(graph.results(_PARTICIPATIONS, substitutions=only), PATTERN_COLUMNS)


def patterns_table(graph, pattern: str | None = None):
    """:func:`pattern_rows` as a DataFrame."""
    return pattern_rows(graph, pattern).to_frame()


def profile_rows(graph, entity: str):
    """Which patterns and cases an entity takes part in, and in which roles (:class:`kg.results.Results`).

    ``entity`` is any name :func:`kg.names.resolve_entity` accepts.
    """
    who = {Variable("who"): NamedNode(resolve_entity(graph, entity))}
    return _columns(graph.results(_PARTICIPATIONS, substitutions=who), PROFILE_COLUMNS)


def pattern_profile(graph, entity: str):
    """:func:`profile_rows` as a DataFrame."""
    return profile_rows(graph, entity).to_frame()


def _columns(results: Results, columns: tuple[str, ...]) -> Results:
    """Only these columns of ``results``, in this order."""
    at = [results.columns.index(c) for c in columns]
    return Results(list(columns), [tuple(row[i] for i in at) for row in results.rows], results.attrs)


def national_counterparts(graph):
    """Each delta pattern with its national counterpart, where the source gives one."""
    return graph.query("""
        SELECT ?pattern ?pattern_en ?national ?national_en WHERE {
          ?p skos:inScheme kg:PatternScheme ; rdfs:label ?pattern , ?pattern_en ; kg:nationalCounterpart ?n .
          ?n rdfs:label ?national , ?national_en .
          FILTER (lang(?pattern) = "zh" && lang(?pattern_en) = "en"
                  && lang(?national) = "zh" && lang(?national_en) = "en")
        } ORDER BY ?pattern""")
