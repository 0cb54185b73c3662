"""The named query library: self-describing files, bound parameters, typed DataFrames."""

import pytest
from pyoxigraph import Literal, NamedNode, Variable

from kg.cli import main
from kg.errors import UnknownName
from kg.queries import RESOLVERS, ParameterError, library, query, run, with_values
from kg.store import from_tables

HOSTILE = [
    '合肥" } DELETE WHERE { ?s ?p ?o } #',
    "x'); DROP ALL; --",
    "a\nb } #",
    '"""',
    "} UNION { ?s ?p ?o }",
    " 'zh') (UNDEF 'zh') } #bind",
    '") } SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } #bind',
]


def test_every_query_opens_with_its_question_and_typed_parameters():
    queries = library()
    assert len(queries) >= 11
    for q in queries.values():
        assert q.text.startswith("# question: ")
        assert q.question.endswith((")", "?", ".")), q.name
        for p in q.parameters.values():
            assert p.example, f"{q.name}: parameter {p.name} gives no example"


def test_every_competency_question_has_a_named_query():
    numbers = {name[:4] for name in library() if name.startswith("cq")}
    assert numbers >= {f"cq{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12)}


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_match_nothing_in_any_named_query(graph, value):
    # A value is one term: a name that names nothing is refused, a number or language that is not one is
    # refused, and a string matches nothing (had it broken out of its literal, rows would come back).
    for q in library().values():
        for p in q.parameters.values():
            params = {**q.example_params(), p.name: value}
            if p.type in RESOLVERS:
                with pytest.raises(UnknownName):
                    run(graph, q.name, **params)
            elif p.type in ("integer", "year", "lang"):
                with pytest.raises(ParameterError):
                    run(graph, q.name, **params)
            else:
                assert run(graph, q.name, **params).empty, (q.name, p.name)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_escaped_into_one_term(value):
    text = with_values("SELECT ?x WHERE { ?x ?p ?o }", {Variable("o"): Literal(value)})
    parsed_back = from_tables().select(f"SELECT ?o WHERE {{ {text[text.index('VALUES') : text.index('?x ?p ?o')]} }}")
    assert [row["o"].value for row in parsed_back] == [value]


def test_hostile_entity_names_are_refused_as_unknown(graph):
    with pytest.raises(LookupError, match="no entity is named"):
        run(graph, "cq10-entity-facts", entity=HOSTILE[0])


def test_unknown_and_missing_parameters(graph):
    with pytest.raises(ParameterError, match="has no parameter regoin; it takes: region, lang"):
        run(graph, "cq04-share-of-gdp-targets", regoin="合肥")
    with pytest.raises(ParameterError, match="needs the parameter entity=<entity>: the entity$"):
        run(graph, "cq10-entity-facts")
    with pytest.raises(ParameterError, match="must be zh or en"):
        run(graph, "cq04-share-of-gdp-targets", lang="fr")


def test_language_switch(graph):
    zh = run(graph, "cq04-share-of-gdp-targets", region="合肥")
    en = run(graph, "cq04-share-of-gdp-targets", region="合肥", lang="en")
    assert set(zh["subject"]) == {"合肥市"} and set(en["subject"]) == {"Hefei"}
    assert en["year"].tolist() == zh["year"].tolist()


def test_declared_prefixes_need_no_prefix_lines(graph):
    frame = query("SELECT ?l WHERE { yrd:hefei skos:prefLabel|rdfs:label ?l FILTER(lang(?l)='en') }", graph=graph)
    assert frame["l"].tolist() == ["Hefei"]


def test_typed_columns(graph):
    frame = run(graph, "cq04-share-of-gdp-targets")
    assert frame["value"].dtype == "float64"
    assert str(frame["year"].dtype) == "Int64"
    assert frame["value"].is_monotonic_decreasing


def test_cli_named_query_with_params(capsys):
    assert main(["query", "cq04-share-of-gdp-targets", "--param", "region=Hefei", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "plan,subject,indicator,value,unit,comparator,year,source,locator"
    assert [line.split(",")[3] for line in lines[1:]] == ["50.0", "45.0"]


def test_cli_list_describes_every_query(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for name in library():
        assert f"{name}: " in out
    assert "--param region=<entity>" in out


def test_bind_marker_repeats_the_binding_inside_union_branches():
    text = "SELECT ?x WHERE {\n  { #bind\n    ?x ?p ?o } UNION { #bind\n    ?o ?p ?x } }"
    bound = with_values(text, {Variable("o"): NamedNode("urn:o")})
    assert bound.count("VALUES (?o) { (<urn:o>) }") == 3
    assert bound.splitlines()[1:3] == [
        "  { VALUES (?o) { (<urn:o>) }",
        "    ?x ?p ?o } UNION { VALUES (?o) { (<urn:o>) }",
    ]


@pytest.mark.parametrize("a, b", [("上海", "宿州"), ("上海", "九江"), ("阿里巴巴", "西宁"), ("合肥", "宿州")])
def test_bind_marker_changes_no_answer(graph, a, b):
    from kg.queries import bind

    q = library()["cq02-cooperation-chains"]
    bound = bind(graph, q, {"from": a, "to": b})
    marked = graph.query(with_values(q.text, bound))
    plain = graph.query(with_values(q.text.replace("#bind", ""), bound))
    assert len(marked) > 0
    assert sorted(map(tuple, marked.astype(str).values)) == sorted(map(tuple, plain.astype(str).values))
