"""What a user types cannot change a query's meaning, reach the network or hang the program: SERVICE and updates
are refused before a query runs, free-form queries have a time limit and a memory cap, and bad arguments are
messages with exit 2."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import pytest

from kg.cli import main
from kg.errors import FederationRefused, QueryError, UnknownName, UpdateRefused
from kg.queries import CHECKED, RESOLVERS, library, run
from kg.sparql import check_query, service_at, update_keyword

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class Listener:
    """A loopback TCP listener that records every connection made to it."""

    def __enter__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.1)
        self.port, self.requests, self._stop = self.sock.getsockname()[1], [], threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()
        return self

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.requests.append(conn.recv(200))
            except OSError:
                self.requests.append(b"")
            conn.close()

    def __exit__(self, *exc):
        time.sleep(0.3)  # a connection on its way still lands
        self._stop.set()
        self._thread.join()
        self.sock.close()


# ---------------------------------------------------------------- the lexer


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://h/> { ?s ?p ?o } }",
        "SELECT * WHERE { sErViCe SILENT ?x { ?s ?p ?o } }",
        'SELECT * WHERE { ?s ?p "a # b" .\n  SERVICE <http://h/> { ?s ?p ?o } }',
        "SELECT * WHERE { ?s <http://x#a> ?o . SERVICE <http://h/> { ?s ?p ?o } }",
        "SELECT * WHERE { FILTER(1<'x>') SERVICE <http://h/> { ?s ?p ?o } }",  # '<' is less-than here
        "SELECT * WHERE { BIND(1 AS ?a) FILTER(?a<?b)SERVICE?x#>\n { ?s ?p ?o } }",
        "SELECT * WHERE { VALUES (?a ?b) { (<http://a> <http://b#x>) } SERVICE <http://h/> {} }",
        "SELECT * WHERE { ?s ?p '''a\n'b' ''' . SERVICE <http://h/> {} }",
    ],
)
def test_service_is_found_outside_strings_iris_and_comments(text):
    at = text.rfind("SERVICE") if "SERVICE" in text else text.lower().rfind("service")
    where = (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))
    assert service_at(text) == where
    with pytest.raises(FederationRefused, match=f"SERVICE at line {where[0]}, column {where[1]}"):
        check_query(text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://h/> {}" }',
        "SELECT * WHERE { ?s ?p 'it''s SERVICE' }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://h/> {}",
        "SELECT * WHERE { ?s a schema:Service ; ?p <http://example.org/service> }",
        "SELECT ?SERVICE WHERE { ?SERVICE ?p $service }",
        'SELECT * WHERE { ?s ?p """a "quoted" SERVICE\nacross lines""" }',
    ],
)
def test_service_inside_strings_iris_comments_and_names_is_not_a_call(text):
    assert service_at(text) is None


def test_updates_are_recognised_after_the_prologue():
    assert update_keyword("PREFIX a: <http://a/> BASE <http://b/> DELETE WHERE { ?s ?p ?o }") == "DELETE"
    assert update_keyword("# INSERT\nSELECT * WHERE { ?s ?p 'INSERT' }") is None
    with pytest.raises(UpdateRefused, match="LOAD is a SPARQL update: updates are not accepted here"):
        check_query("load <http://example.org/x>")


# ---------------------------------------------------------------- the embedded engine


def test_embedded_engine_refuses_service_and_makes_no_request(graph):
    with Listener() as listener:
        text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
        with pytest.raises(FederationRefused, match="federated queries"):
            graph.query(text)
    assert listener.requests == []


def test_embedded_engine_may_be_allowed_to_federate(graph):
    with Listener() as listener:
        with pytest.raises(QueryError, match="could not be answered"):  # the listener answers nothing
            graph.query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}", True)
    assert listener.requests and listener.requests[0].startswith(b"POST /x HTTP/1.1")


SERVICE_VALUES = [
    '") } SERVICE <http://127.0.0.1:PORT/x> { ?s ?p ?o } #bind',
    "' } SERVICE <http://127.0.0.1:PORT/y> { ?s ?p ?o } } #",
    "<http://127.0.0.1:PORT/z>",
]


@pytest.mark.parametrize("value", SERVICE_VALUES)
def test_a_value_carrying_service_makes_no_request_in_any_named_query(graph, value):
    with Listener() as listener:
        hostile = value.replace("PORT", str(listener.port))
        for q in library().values():
            for p in q.parameters.values():
                params = {**q.example_params(), p.name: hostile}
                try:
                    assert run(graph, q.name, **params).empty, (q.name, p.name)
                except (UnknownName, QueryError, ValueError) as refused:  # a name that names nothing, a bad number
                    assert p.type in RESOLVERS or p.type in CHECKED, (q.name, p.name, refused)
    assert listener.requests == []


def test_the_bind_breakout_of_the_issue_returns_nothing(capsys):
    status = main(["query", "cq01-pattern-participants", "--param", "pattern= 'zh') (UNDEF 'zh') } #bind"])
    assert status == 2
    assert "no development pattern is named" in capsys.readouterr().err


def test_cli_refuses_service_and_allows_it_when_asked(built, capsys):
    with Listener() as listener:
        text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
        assert main(["query", text, "--graph", str(built)]) == 2
        assert "SERVICE at line 1, column 18: federated queries (SERVICE) are off" in capsys.readouterr().err
        assert listener.requests == []
        assert main(["query", text, "--graph", str(built), "--allow-service"]) == 2
        assert "the query could not be answered" in capsys.readouterr().err
    assert len(listener.requests) == 1


def test_unknown_host_is_a_message(built, capsys):
    text = "SELECT * WHERE { SERVICE <http://no-such-host.invalid/sparql> { ?s ?p ?o } }"
    assert main(["query", text, "--graph", str(built), "--allow-service"]) == 2
    assert "the query could not be answered: failed to lookup address information" in capsys.readouterr().err


# ---------------------------------------------------------------- limits of free-form queries


def test_runaway_count_is_stopped_at_its_time_limit(built, capsys):
    start = time.monotonic()
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    assert main(["query", text, "--graph", str(built), "--timeout", "1.5"]) == 2
    assert time.monotonic() - start < 10
    assert capsys.readouterr().err.strip() == "the query was stopped after 1.5 s: it ran past its time limit"


def test_runaway_sort_is_stopped_at_its_memory_cap(built, capsys):
    text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
    assert main(["query", text, "--graph", str(built), "--memory-limit", "400M", "--timeout", "60"]) == 2
    assert capsys.readouterr().err.strip() == "the query was stopped: it needed more memory than its cap of 400 MiB"


def test_named_queries_run_in_process(built, monkeypatch, capsys):
    import kg.limits

    monkeypatch.setattr(kg.limits, "run_limited", lambda *a, **k: pytest.fail("a named query was sent to a child"))
    assert main(["query", "cq08-plans-per-year", "--graph", str(built), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("year,")


# ---------------------------------------------------------------- arguments that used to be tracebacks


@pytest.mark.parametrize(
    "argv, message",
    [
        (["query", "cq04-share-of-gdp-targets", "--param", "region"], "--param 'region': expected NAME=VALUE"),
        (
            ["query", "cq04-share-of-gdp-targets", "--param", "region=\udcff"],
            "argument 4 is not valid UTF-8 (byte 0xff",
        ),
        (["query", "SELECT * WHERE { ?s foo:bar ?o }"], "error at 1:28: unknown prefix foo: (declared: kg:, yrd:"),
        (["query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "INSERT is a SPARQL update: updates are not accepted"),
        (
            ["query", "cq08-plans-per-year", "--endpoint", "http://127.0.0.1:9/query"],
            "could not be reached: Connection",
        ),
        (["upload", "http://127.0.0.1:9/store"], "http://127.0.0.1:9/store could not be reached: Connection refused"),
        (["patterns", "nopattern"], "no development pattern is named 'nopattern'"),
    ],
)
def test_bad_arguments_are_messages(argv, message, built, capsys):
    if argv[0] in ("query", "upload", "patterns") and "--endpoint" not in argv:
        argv = [*argv, "--graph", str(built)]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_graph_that_is_not_rdf_says_where(tmp_path, capsys):
    bad = tmp_path / "bad.nq"
    bad.write_text("<urn:a> <urn:b> <urn:c> .\nnot rdf at all\n", encoding="utf-8")
    assert main(["query", "cq08-plans-per-year", "--graph", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:2:")


@pytest.mark.parametrize("option", [["-k", "0"], ["--max-hops", "-1"], ["-k", "many"]])
def test_chains_need_positive_counts(option, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["chains", "上海", "宿州", *option])
    assert exit_.value.code == 2
    assert "expected a whole number of at least 1" in capsys.readouterr().err


def test_chains_library_refuses_k_of_zero(network):
    from kg.errors import ParameterError
    from kg.network import chains

    with pytest.raises(ParameterError, match="at least 1"):
        chains(network, "上海", "宿州", k=0)


def test_output_cut_short_by_head_is_quiet(built):
    command = f"{sys.executable} -m kg.cli patterns --graph {built} | head -1"
    run_ = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True)
    assert run_.returncode == 0
    assert run_.stderr == "" and run_.stdout.startswith("pattern")
