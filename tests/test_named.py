"""The named query library: self-describing files, bound parameters, typed DataFrames."""

import pytest
from pyoxigraph import Literal, NamedNode, Variable

from kg.cli import main
from kg.errors import UnknownName
from kg.queries import CHECKED, RESOLVERS, ParameterError, answer, library, query, run, with_values
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
    assert numbers >= {f"cq{n:02d}" for n in range(1, 17)}


def test_every_query_runs_as_its_example_says(graph):
    # The example kg query --list prints (every parameter at its example value) finds rows.
    for q in library().values():
        frame = run(graph, q.name, **q.example_params(every=True))
        assert len(frame) > 0, q.example()
        assert "no_rows_message" not in frame.attrs


def test_every_fact_row_carries_its_document_and_locator(graph):
    for q in library().values():
        frame = run(graph, q.name, **q.example_params(every=True))
        if {"count"} & set(frame.columns):  # counts state no single fact
            continue
        assert {"source", "locator"} <= set(frame.columns) or {"source1", "locator1"} <= set(frame.columns), q.name


def test_a_query_that_matches_nothing_says_so_with_its_parameters(graph):
    frame = run(graph, "cq03-carriers-by-industry", industry="区块链", city="合肥")
    assert frame.empty
    assert frame.attrs["no_rows_message"] == (
        "no rows: cq03-carriers-by-industry with industry=区块链 (yrd:blockchain), city=合肥 (yrd:hefei), "
        "scope=delta, lang=zh"
    )


def test_controlled_values_are_checked_and_listed(graph):
    with pytest.raises(
        ParameterError, match="parameter kind must be one of forecast, limit, observed, target; not 'actual'"
    ):
        run(graph, "cq13-figures", kind="actual")
    with pytest.raises(ParameterError, match="parameter scope must be one of delta, china, all; not 'world'"):
        run(graph, "cq07-shared-industries", scope="world")
    with pytest.raises(ParameterError, match="parameter level must be one of .*prefecture.*; not 'city'"):
        run(graph, "cq07-shared-industries", level="city")
    with pytest.raises(
        ParameterError,
        match="must be one of district, international, municipal, national, provincial, regional; not 'state'",
    ):
        run(graph, "cq08-plans-per-year", level="state")


def test_unknown_names_suggest_close_ones(graph):
    with pytest.raises(UnknownName, match="no industry is named '人工智慧'. Did you mean: 人工智能"):
        run(graph, "cq03-carriers-by-industry", industry="人工智慧")
    with pytest.raises(UnknownName, match="no group is named '皖北七市'. Did you mean: 皖北6市"):
        run(graph, "cq16-group-members", group="皖北七市")
    with pytest.raises(UnknownName, match="no plan or policy is named"):
        run(graph, "cq14-plan-contents", plan="没有这个规划")


def test_names_of_every_kind_are_resolved_the_same_way(graph):
    # a plan by its title, id or English title; a group by its label or id; a source by id or file name
    by_title = run(graph, "cq14-plan-contents", plan="长三角数字干线发展规划纲要")
    by_id = run(graph, "cq14-plan-contents", plan="yrd-digital-trunk-line-outline")
    assert by_title.equals(by_id) and len(by_id) > 0
    assert run(graph, "cq16-group-members", group="wanbei-six-cities").equals(
        run(graph, "cq16-group-members", group="皖北6市")
    )
    assert run(graph, "cq13-figures", document="004_0800d899563075c0.txt").equals(
        run(graph, "cq13-figures", document="qingpu-2022")
    )


def test_cli_unknown_query_suggests_close_names(capsys):
    assert main(["query", "cq99"]) == 2
    err = capsys.readouterr().err
    assert "there is no named query 'cq99'. Did you mean: cq09-trunk-line-layout" in err


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
            elif p.type in CHECKED:  # a number, a language or a controlled code
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
    for q in library().values():
        assert f"    example: {q.example()}\n" in out + "\n"
    assert "example: kg query cq13-figures --param subject=南京 --param text=GDP --param year=2022" in out
    assert "--param kind=<figure_kind> [forecast|limit|observed|target]  optional" in out


def test_bind_marker_repeats_the_binding_inside_union_branches():
    text = "SELECT ?x WHERE {\n  { #bind\n    ?x ?p ?o } UNION { #bind\n    ?o ?p ?x } }"
    bound = with_values(text, {Variable("o"): NamedNode("urn:o")})
    assert bound.count("VALUES (?o) { (<urn:o>) }") == 3
    assert bound.splitlines()[1:3] == [
        "  { VALUES (?o) { (<urn:o>) }",
        "    ?x ?p ?o } UNION { VALUES (?o) { (<urn:o>) }",
    ]


def test_a_year_keeps_only_figures_of_that_year(graph):
    every = run(graph, "cq13-figures", subject="包河区")
    assert every["year"].isna().any()  # 四（一）: 包河区's share target gives no year
    of_2022 = run(graph, "cq13-figures", year="2022")
    assert set(of_2022["year"]) == {2022} and len(of_2022) > 0


@pytest.mark.parametrize("a, b", [("上海", "宿州"), ("上海", "九江"), ("阿里巴巴", "西宁"), ("合肥", "宿州")])
def test_bind_marker_changes_no_answer(graph, a, b):
    from kg.queries import bind

    q = library()["cq02-cooperation-chains"]
    bound = bind(graph, q, {"from": a, "to": b})
    marked = graph.query(with_values(q.text, bound))
    plain = graph.query(with_values(q.text.replace("#bind", ""), bound))
    assert len(marked) > 0
    assert sorted(map(tuple, marked.astype(str).values)) == sorted(map(tuple, plain.astype(str).values))


def test_every_named_query_answers_alike_on_disk_and_in_memory(built):
    # The command line reads the cached on-disk store, the Python API the store in memory: the same rows, in
    # the same order (GROUP_CONCAT lists included), for every query at its documented example.
    from kg.store import load, open_built

    on_disk, in_memory = open_built(built / "kg.nq"), load(built / "kg.nq")
    for q in library().values():
        params = {p.name: p.example for p in q.parameters.values() if p.example}
        assert answer(on_disk, q.name, **params).rows == answer(in_memory, q.name, **params).rows, q.name
