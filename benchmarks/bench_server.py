"""Bounded load on ``kg serve`` on loopback: normal queries, then the same while runaway queries run.

Starts ``kg serve`` (the front and its worker pool) over build/kg.nq on a free 127.0.0.1 port, then
``--clients`` processes each send ``--requests`` named queries on one kept-alive connection (round
robin, parameters bound as in ``kg query``) and it prints throughput, p50 and p99 latency (to the
last byte of the answer), the errors (which should be 0; every distinct answer is checked afterwards
against the embedded engine's rows) and how much CPU the clients themselves took (they share the
machine with the server). With the answer cache off (every query reaches a worker) it does this
alone, with ``--more-clients``, and while ``--runaway`` clients keep sending queries that would
never end (a COUNT and an ORDER BY over cross products), each of which the server stops at its
``--timeout``; then with the cache on, as ``kg serve`` runs by default (the load repeats 16 texts,
so after the first round every answer is a kept one). The reference, measured in the same run, is
``oxigraph serve-read-only`` under the same normal load (the server kg serve used before). Every
server is stopped at the end.

    python benchmarks/bench_server.py [--clients 8] [--requests 200] [--runaway 4] [--timeout 5]
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from pyoxigraph import QueryResultsFormat, parse_query_results

from kg.endpoint import Endpoint, EndpointError
from kg.iris import PROLOGUE
from kg.paths import DEFAULT_OUT_DIR
from kg.queries import bind, library, with_values
from kg.results import Results
from kg.serve import free_port, oxigraph_command, prepare_store, running_server, wait_until_up
from kg.store import load as load_graph

GRAPH = load_graph(DEFAULT_OUT_DIR / "kg.nq")  # binds the example parameters and gives the expected answers
RUNAWAY = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
]


HEADERS = {"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"}


def client(url: str, forms: list[bytes], offset: int, requests: int, go, outcomes) -> None:
    """One client process: ``requests`` queries on one kept-alive connection, round robin from ``offset``.

    A latency runs from sending the query to the last byte of its answer; the answers are checked afterwards
    (:func:`wrong_answers`), so that parsing them neither delays the next query nor adds to its latency.
    """
    address = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(address.netloc, timeout=120)
    latencies, errors, answers = [], [], {}
    go.wait()
    cpu = time.process_time()
    for i in range(requests):
        k = (offset + i) % len(forms)
        start = time.perf_counter()
        try:
            connection.request("POST", address.path, forms[k], HEADERS)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as err:  # counted and shown, never hidden
            errors.append(f"{type(err).__name__}: {err}"[:200])
            connection.close()
            continue
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            errors.append(f"{response.status}: {body[:150].decode('utf-8', 'replace')}")
            continue
        latencies.append(elapsed)
        answers.setdefault(k, set()).add(body)
    outcomes.put((latencies, errors, answers, time.process_time() - cpu))


def wrong_answers(answers: dict[int, set[bytes]], expected: list[list[tuple]]) -> list[str]:
    """Every distinct answer whose rows differ from the embedded engine's for the same query."""
    wrong = []
    for k, bodies in sorted(answers.items()):
        for body in bodies:
            solutions = parse_query_results(body, QueryResultsFormat.JSON)
            rows = Results.from_solutions([v.value for v in solutions.variables], solutions).rows
            if sorted(map(repr, rows)) != expected[k]:
                wrong.append(f"query {k}: the answer differs from the embedded engine's")
    return wrong


def load(url: str, clients: int, requests: int, runaway: int = 0) -> dict:
    """Normal named queries from ``clients`` processes, while ``runaway`` threads keep sending runaway queries."""
    texts = [with_values(q.text, bind(GRAPH, q, q.example_params())) for q in library().values()]
    forms = [urllib.parse.urlencode({"query": PROLOGUE + text}).encode("utf-8") for text in texts]
    expected = [sorted(map(repr, GRAPH.results(text).rows)) for text in texts]
    stopped, done = [], threading.Event()

    def runaway_client(number: int):
        endpoint = Endpoint(url + "/query", timeout=120)
        while not done.is_set():
            start = time.perf_counter()
            try:
                endpoint.select(RUNAWAY[number % len(RUNAWAY)])
                outcome = "answered"
            except EndpointError as err:
                outcome = str(err).split(": ", 1)[1][:60]
            stopped.append((time.perf_counter() - start, outcome))

    hogs = [threading.Thread(target=runaway_client, args=(n,)) for n in range(runaway)]
    for hog in hogs:
        hog.start()
    context = multiprocessing.get_context("fork")
    go, outcomes = context.Event(), context.Queue()
    processes = [context.Process(target=client, args=(url + "/query", forms, c, requests, go, outcomes))
                 for c in range(clients)]  # fmt: skip
    for process in processes:
        process.start()
    time.sleep(1.0 if runaway else 0.2)  # the clients are ready, and the runaway queries under way
    start = time.perf_counter()
    go.set()
    results = [outcomes.get() for _ in processes]
    elapsed = time.perf_counter() - start
    for process in processes:
        process.join()
    done.set()
    for hog in hogs:
        hog.join()
    latencies = sorted(ms for r in results for ms in r[0])
    errors = [e for r in results for e in r[1]]
    answers: dict[int, set[bytes]] = {}
    for r in results:
        for k, bodies in r[2].items():
            answers.setdefault(k, set()).update(bodies)
    return {
        "throughput": len(latencies) / elapsed,
        "client_cpu": sum(r[3] for r in results) / elapsed,  # cores' worth of CPU the client processes took
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": latencies[int(0.99 * (len(latencies) - 1))] if latencies else float("nan"),
        "errors": errors + wrong_answers(answers, expected),
        "stopped": stopped,
    }


def reference(nquads: Path, clients: int, requests: int) -> dict:
    """The same normal load on ``oxigraph serve-read-only`` over an on-disk store."""
    location = prepare_store(nquads, Path(tempfile.mkdtemp()) / "store")
    port = free_port()
    command = [oxigraph_command(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command + ["--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", server, 30)
        return load(f"http://127.0.0.1:{port}", clients, requests)
    finally:
        server.terminate()
        server.wait(timeout=10)


def show(label: str, figures: dict) -> None:
    print(
        f"{label:<34} {figures['throughput']:8.1f} queries/s   p50 {figures['p50']:7.1f} ms   "
        f"p99 {figures['p99']:7.1f} ms   errors {len(figures['errors'])}   "
        f"client CPU {figures['client_cpu']:.2f} of {os.cpu_count()} cores"
    )
    for error in figures["errors"][:5]:
        print("   ", error)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--more-clients", type=int, default=16, help="a second normal load with this many clients")
    parser.add_argument("--requests", type=int, default=200, help="per client")
    parser.add_argument("--runaway", type=int, default=4, help="clients sending runaway queries in the second run")
    parser.add_argument("--timeout", type=float, default=5, help="the server's per-query time limit, seconds")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: kg serve's)")
    parser.add_argument("--no-reference", action="store_true", help="skip the oxigraph serve-read-only reference")
    args = parser.parse_args()
    nquads = DEFAULT_OUT_DIR / "kg.nq"
    print(f"{args.clients} clients x {args.requests} named queries on 127.0.0.1 ({len(library())} distinct)")
    with running_server(nquads, timeout=args.timeout, workers=args.workers, answers=0) as url:
        normal = load(url, args.clients, args.requests)
        show("kg serve, no answer cache", normal)
        if args.more_clients:
            show(f"kg serve, no answer cache, {args.more_clients} clients", load(url, args.more_clients, args.requests))
        busy = load(url, args.clients, args.requests, runaway=args.runaway)
        show(f"kg serve, no answer cache, {args.runaway} runaway", busy)
    with running_server(nquads, timeout=args.timeout, workers=args.workers) as url:
        kept = load(url, args.clients, args.requests)
        show("kg serve (answers kept, 64M)", kept)
        if args.more_clients:
            show(f"kg serve (answers kept), {args.more_clients} clients", load(url, args.more_clients, args.requests))
    durations = [seconds for seconds, _ in busy["stopped"]]
    outcomes = sorted({outcome for _, outcome in busy["stopped"]})
    if durations:
        print(
            f"runaway queries: {len(durations)} sent, each stopped after {min(durations):.1f}-{max(durations):.1f} s "
            f"(timeout {args.timeout:g} s): {'; '.join(outcomes)}"
        )
    print(f"ratio with runaway queries / without: {busy['throughput'] / normal['throughput']:.2f}")
    if not args.no_reference:
        ref = reference(nquads, args.clients, args.requests)
        show("reference: oxigraph serve-read-only", ref)
        print(
            f"ratio kg serve / reference: {normal['throughput'] / ref['throughput']:.2f} without the answer cache, "
            f"{kept['throughput'] / ref['throughput']:.2f} with it"
        )
    return 1 if normal["errors"] or busy["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
