"""The real Oxigraph server, read-only: same rows as the embedded engine, no updates, errors that say where."""

import time
import urllib.error
import urllib.parse
import urllib.request

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


def test_long_query_is_stopped_by_the_timeout(server):
    start = time.monotonic()
    with pytest.raises(EndpointError, match="broke off its answer: The SPARQL operation has been cancelled"):
        Endpoint(server + "/query", timeout=60).query(
            "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f FILTER (STRLEN(STR(?c)) + STRLEN(STR(?f)) < 0) }"
        )
    assert time.monotonic() - start < 15  # the server runs with a 2 s timeout


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
