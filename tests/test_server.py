"""kg serve: same rows as the embedded engine, no updates, no SERVICE, errors that say where, runaway
queries contained (time, memory), every child stopped with the server."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.endpoint import Endpoint, EndpointError, upload
from kg.queries import library, run
from kg.store import canonical_rows, load


@pytest.mark.parametrize("name", sorted(library()))
def test_named_query_over_http_equals_embedded(name, server, built):
    params = library()[name].example_params()
    embedded = run(load(built), name, **params)
    remote = run(Endpoint(server + "/query"), name, **params)
    assert list(remote.columns) == list(embedded.columns)
    assert len(embedded) > 0, f"{name} gives no rows on the committed data with {params}"
    assert canonical_rows(remote) == canonical_rows(embedded)


def _post(url, field, text):
    data = urllib.parse.urlencode({field: text}).encode()
    return urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=30)


def test_update_is_refused(server):
    with pytest.raises(urllib.error.HTTPError) as refused:
        _post(server + "/update", "update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert refused.value.code == 403
    assert Endpoint(server + "/query").query("ASK { <urn:a> <urn:b> <urn:c> }") is False


def test_malformed_query_says_where(server):
    with pytest.raises(EndpointError, match=r"400: error at 16:\d+"):
        Endpoint(server + "/query").query("SELECT ?x WHERE { ?x ?y }")  # 15 PREFIX lines come first


RUNAWAY_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
RUNAWAY_SORT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"


def test_long_query_is_stopped_by_the_timeout(server):
    start = time.monotonic()
    with pytest.raises(EndpointError, match="503: the query was stopped after 2 s, the server's time limit"):
        Endpoint(server + "/query", timeout=60).query(
            "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f FILTER (STRLEN(STR(?c)) + STRLEN(STR(?f)) < 0) }"
        )
    assert time.monotonic() - start < 5  # the server runs with a 2 s timeout


def test_others_are_answered_while_runaway_queries_run_and_the_service_recovers(server):
    endpoint = Endpoint(server + "/query", timeout=60)
    outcomes = []

    def runaway(text):
        try:
            endpoint.query(text)
        except EndpointError as err:
            outcomes.append(str(err))

    hogs = [threading.Thread(target=runaway, args=(text,)) for text in (RUNAWAY_COUNT, RUNAWAY_SORT) * 2]
    for hog in hogs:
        hog.start()
    time.sleep(0.5)
    start = time.monotonic()
    answers = [endpoint.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Region }")["n"][0] for _ in range(5)]
    answered_within = time.monotonic() - start
    for hog in hogs:
        hog.join()
    assert answers == [answers[0]] * 5 and answers[0] > 100
    assert answered_within < 1.5  # while four workers are busy for 2 s, the others answer
    assert len(outcomes) == 4 and all("stopped after 2 s" in o for o in outcomes)
    # the killed workers were replaced: eight queries at once are all answered
    with_all = [threading.Thread(target=lambda: outcomes.append(endpoint.query("ASK { ?s ?p ?o }"))) for _ in range(8)]
    for thread in with_all:
        thread.start()
    for thread in with_all:
        thread.join()
    assert outcomes[4:] == [True] * 8


def _listener():
    """A loopback TCP listener that records every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    connections, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
                connections.append(conn.recv(100))
                conn.close()
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    return sock.getsockname()[1], connections, stop


def test_service_is_refused_and_no_request_is_made(server):
    port, connections, stop = _listener()
    try:
        for text in (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ FILTER(1<'x>') sErViCe SILENT <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
        ):
            with pytest.raises(EndpointError, match=r"403: SERVICE at line 1\d, column \d+: federated queries"):
                Endpoint(server + "/query").query(text)
        time.sleep(0.5)
    finally:
        stop.set()
    assert connections == []


def test_update_sent_as_a_query_is_refused(server):
    with pytest.raises(urllib.error.HTTPError) as refused:
        _post(server + "/query", "query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert refused.value.code == 403
    assert b"updates are not accepted" in refused.value.read()


@pytest.mark.slow
def test_memory_cap_stops_a_query_and_the_worker_is_replaced(built):
    from kg.serve import running_server

    with running_server(built / "kg.nq", timeout=30, workers=2, memory=400 * 2**20) as url:
        start = time.monotonic()
        with pytest.raises(
            EndpointError, match="503: the query was stopped: it needed more memory than the cap of 400"
        ):
            Endpoint(url + "/query").query(RUNAWAY_SORT)
        assert time.monotonic() - start < 25
        assert Endpoint(url + "/query").query("ASK { ?s ?p ?o }") is True


def _children(pid: int) -> set[int]:
    """Every descendant process of ``pid``."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_serving(built, port, *extra):
    command = [sys.executable, "-m", "kg.cli", "serve", "--graph", str(built / "kg.nq"), "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", "3", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    from kg.serve import wait_until_up

    wait_until_up(f"http://127.0.0.1:{port}", process, 60)
    return process


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_stopping_the_server_stops_every_child(built, signum):
    from kg.serve import free_port

    process = _start_serving(built, free_port())
    try:
        children = _children(process.pid)
        assert len(children) >= 3  # the workers
        process.send_signal(signum)
        process.wait(timeout=20)
        deadline = time.monotonic() + 5
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [c for c in children if _alive(c)] == []
    finally:
        if process.poll() is None:
            process.kill()


@pytest.mark.slow
def test_workers_die_with_a_killed_server(built):
    from kg.serve import free_port

    process = _start_serving(built, free_port())
    children = _children(process.pid)
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert children and [c for c in children if _alive(c)] == []


@pytest.mark.slow
def test_a_memory_cap_smaller_than_the_graph_is_one_line(built):
    from kg.serve import free_port

    command = [sys.executable, "-m", "kg.cli", "serve", "--graph", str(built / "kg.nq"), "--port", str(free_port())]
    run = subprocess.run([*command, "--memory-limit", "30M", "--workers", "2"], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.startswith("a query worker could not start: the graph alone takes ")
    assert run.stderr.strip().endswith("of the memory cap of 30 MiB: raise the cap")
    assert len(run.stderr.strip().splitlines()) == 1


def test_port_in_use_is_one_line(server, built):
    port = int(server.rsplit(":", 1)[1])
    run = subprocess.run(
        [sys.executable, "-m", "kg.cli", "serve", "--graph", str(built / "kg.nq"), "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.strip() == f"cannot listen on 127.0.0.1:{port}: Address already in use"


@pytest.mark.slow
def test_serve_builds_first_in_a_checkout_without_build(tmp_path):
    import shutil

    from kg.paths import DEFAULT_DATA_DIR
    from kg.serve import free_port, wait_until_up

    shutil.copytree(DEFAULT_DATA_DIR, tmp_path / "data")
    (tmp_path / "ontology").mkdir()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KG_HOME": str(tmp_path)},
    )
    try:
        said = f"{tmp_path / 'build' / 'kg.nq'} is not built yet: building it from {tmp_path / 'data'} first\n"
        assert process.stdout.readline() == said
        wait_until_up(f"http://127.0.0.1:{port}", process, 120)
        assert (tmp_path / "build" / "kg.nq").exists()
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_graph_store_upload_into_a_read_write_server(built, tmp_path):
    import subprocess

    from kg.serve import free_port, oxigraph_command, wait_until_up

    port = free_port()
    process = subprocess.Popen(
        [oxigraph_command(), "serve", "--location", str(tmp_path / "rw"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process, seconds=20)
        graphs = upload(built / "kg.nq", f"http://127.0.0.1:{port}/store")
        assert "https://w3id.org/yrd-de/source/caict-2021" in graphs
        count = Endpoint(f"http://127.0.0.1:{port}/query").query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        )["n"][0]
        assert count == len(load(built))
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_entity_iris_dereference_to_the_portal(built, tmp_path):
    # kg serve with a portal: /id/hefei gives a browser its page and an RDF client its triples (303 See Other,
    # Vary: Accept, as the W3C "Cool URIs" recipe for slash IRIs says).
    from kg.examples import tiny_graph
    from kg.serve import running_server
    from kg.site import build_site

    site = tmp_path / "site"
    build_site(tiny_graph(), site)
    with running_server(built / "kg.nq", timeout=5, workers=1, site=site) as url:
        opener = urllib.request.build_opener(_NoRedirect)
        for accept, suffix in (("text/html", ".html"), ("text/turtle", ".ttl"), ("application/ld+json", ".jsonld")):
            with pytest.raises(urllib.error.HTTPError) as seen:
                opener.open(urllib.request.Request(url + "/id/hefei", headers={"Accept": accept}))
            assert seen.value.code == 303 and seen.value.headers["Location"] == "/id/hefei" + suffix
            assert seen.value.headers["Vary"] == "Accept"
        page = urllib.request.urlopen(url + "/id/hefei.html").read().decode("utf-8")
        assert "合肥市" in page
        turtle = urllib.request.urlopen(url + "/id/hefei.ttl").read().decode("utf-8")
        assert "合肥市" in turtle and "rdf:subject yrd:hefei" in turtle
        assert "/index.html" in urllib.request.urlopen(url + "/").read().decode("utf-8")
        # SPARQL is still answered beside the portal
        answer = urllib.request.urlopen(url + "/query?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")).read()
        assert b"true" in answer


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# ---------------------------------------------------------------- kept-alive connections


def test_accepted_connections_send_without_waiting(built):
    """The server's sockets have TCP_NODELAY: made without IPPROTO_TCP, asyncio set none, and every answer on a
    kept-alive connection (a browser, a client that reuses connections) waited ~40 ms for a delayed ACK."""
    import asyncio

    from kg.serve import _listen

    listening, options = _listen("127.0.0.1", 0), []

    async def connect_once():
        def on_connection(reader, writer):
            options.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connection, sock=listening)  # as uvicorn serves it
        reader, writer = await asyncio.open_connection(*listening.getsockname())
        await reader.read()
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(connect_once())
    assert options == [1]


class _Answering(threading.Thread):
    """A loopback HTTP/1.1 server answering every POST with one SPARQL JSON row, recording the client's address
    per request; ``hang_up`` closes each connection after its answer without saying so first."""

    ANSWER = (
        b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"7",'
        b'"datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}'
    )

    def __init__(self, hang_up: bool = False):
        import http.server

        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                outer.peers.append(self.client_address)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(outer.ANSWER)))
                self.end_headers()
                self.wfile.write(outer.ANSWER)
                self.close_connection = hang_up

            def log_message(self, *args):
                pass

        super().__init__(daemon=True)
        self.peers: list = []
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"

    def run(self):
        self.httpd.serve_forever(poll_interval=0.05)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_endpoint_keeps_one_connection_per_thread():
    with _Answering() as remote:
        endpoint = Endpoint(remote.url)
        answers = [endpoint.query("SELECT ?n WHERE {}")["n"].tolist() for _ in range(3)]
        worker = threading.Thread(target=lambda: answers.append(endpoint.query("SELECT ?n WHERE {}")["n"].tolist()))
        worker.start()
        worker.join()
    assert answers == [[7]] * 4
    assert len(remote.peers) == 4 and len(set(remote.peers)) == 2  # three queries on one connection, one on another


def test_endpoint_reopens_a_connection_the_server_closed():
    with _Answering(hang_up=True) as remote:
        endpoint = Endpoint(remote.url)
        answers = [endpoint.query("SELECT ?n WHERE {}")["n"].tolist() for _ in range(3)]
    assert answers == [[7]] * 3
    assert len(set(remote.peers)) == 3


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://127.0.0.1/x", "127.0.0.1:7878/query"])
def test_endpoint_speaks_only_http(address):
    with pytest.raises(EndpointError, match=f"^{address} could not be reached: not an http:// or https:// address"):
        Endpoint(address).query("SELECT * WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("kept, asked_of_workers", [(1 << 20, 3), (0, 6)])
def test_the_same_query_asked_at_once_takes_one_worker_where_answers_are_kept(built, kept, asked_of_workers):
    import asyncio

    from kg.iris import KG
    from kg.serve.pool import Pool

    same, volatile = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{KG}Region> }}", "SELECT (RAND() AS ?r) WHERE {}"

    async def ask_at_once():
        pool = Pool(built / "kg.nq", workers=2, answers=kept)
        await pool.start()
        asked, ask = [], pool._ask

        async def counted(text, accept):
            asked.append(text)
            return await ask(text, accept)

        pool._ask = counted
        try:
            queries = [pool.query(same, "text/csv") for _ in range(4)]
            answers = await asyncio.gather(*queries, pool.query(volatile, "text/csv"), pool.query(volatile, "text/csv"))
        finally:
            await pool.close()
        return asked, answers

    asked, answers = asyncio.run(ask_at_once())
    assert len(asked) == asked_of_workers  # kept: one for the four same queries, one per RAND query
    assert [a.status for a in answers] == [200] * 6
    assert (
        len({a.body for a in answers[:4]}) == 1
        and answers[0].body.startswith(b"n\r\n")
        and answers[0].body != b"n\r\n0\r\n"
    )
    assert answers[4].body != answers[5].body  # each RAND query was evaluated
