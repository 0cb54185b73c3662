"""IRIs that dereference: content negotiation over a built site (kg.site.linked_data), also through real HTTP."""

from __future__ import annotations

import http.client
import json
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from pyoxigraph import RdfFormat, parse

from kg.site import build_site
from kg.site.linked_data import negotiate, wsgi_app

HEFEI = "https://w3id.org/yrd-de/id/hefei"


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    from kg.examples import tiny_graph

    return build_site(tiny_graph(), tmp_path_factory.mktemp("ld") / "site").out


@pytest.mark.parametrize(
    "accept, location",
    [
        ("text/html", "/id/hefei.html"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "/id/hefei.html"),  # a browser
        (None, "/id/hefei.html"),
        ("*/*", "/id/hefei.html"),
        ("text/turtle", "/id/hefei.ttl"),
        ("application/n-triples", "/id/hefei.nt"),
        ("application/ld+json", "/id/hefei.jsonld"),
        ("text/turtle;q=0.9, text/html;q=0.1", "/id/hefei.ttl"),
        ("application/ld+json;q=0.5, text/turtle;q=0.5", "/id/hefei.ttl"),  # equal: the server's order
        ("image/png, text/turtle;q=0.2", "/id/hefei.ttl"),
    ],
)
def test_a_thing_answers_303_with_the_document_asked_for(tiny_site, accept, location):
    response = negotiate("/id/hefei", accept, tiny_site)
    assert response.status == 303
    assert response.header("Location") == location and response.header("Vary") == "Accept"


def test_documents_answer_200_with_their_media_type_and_the_same_triples(tiny_site):
    html = negotiate("/id/hefei.html", "text/html", tiny_site)
    assert html.status == 200 and html.header("Content-Type") == "text/html; charset=utf-8"
    assert "合肥市".encode() in html.body and 'rel="alternate"; type="text/turtle"' in html.header("Link")
    forms = {
        ".ttl": ("text/turtle; charset=utf-8", RdfFormat.TURTLE),
        ".nt": ("application/n-triples", RdfFormat.N_TRIPLES),
        ".jsonld": ("application/ld+json", RdfFormat.JSON_LD),
    }
    triples = {}
    for ext, (media, rdf_format) in forms.items():
        response = negotiate(f"/id/hefei{ext}", None, tiny_site)
        assert response.status == 200 and response.header("Content-Type") == media
        assert int(response.header("Content-Length")) == len(response.body)
        triples[ext] = set(parse(response.body, format=rdf_format))
    assert triples[".ttl"] == triples[".nt"] == triples[".jsonld"]
    assert any(t.subject.value == HEFEI and t.predicate.value.endswith("#partOf") for t in triples[".ttl"])
    assert json.loads(negotiate("/id/hefei.jsonld", None, tiny_site).body)


def test_sources_ontology_and_class_pages_negotiate_too(tiny_site):
    assert negotiate("/source/caict-2021", "text/turtle", tiny_site).header("Location") == "/source/caict-2021.ttl"
    assert negotiate("/ontology", "text/html", tiny_site).header("Location") == "/ontology.html"
    assert negotiate("/ontology", "text/turtle", tiny_site).header("Location") == "/ontology.ttl"
    assert negotiate("/ontology/Region", "application/ld+json", tiny_site).status == 303
    home = negotiate("/", "text/html", tiny_site)
    assert home.status == 200 and b"search.html" in home.body
    css = negotiate("/assets/site.css", None, tiny_site)
    assert css.status == 200 and css.header("Content-Type") == "text/css"


@pytest.mark.parametrize(
    "path",
    ["/id/nowhere", "/id/nowhere.ttl", "/../etc/passwd", "/id/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/id"],
)
def test_unknown_paths_and_paths_leaving_the_site_answer_404(tiny_site, path):
    assert negotiate(path, "text/html", tiny_site).status == 404


def test_an_unacceptable_form_answers_406_listing_the_forms(tiny_site):
    response = negotiate("/id/hefei", "image/png, application/pdf", tiny_site)
    assert response.status == 406 and b"text/turtle" in response.body and b"text/html" in response.body


def test_head_gives_the_headers_of_get_without_a_body_and_other_methods_405(tiny_site):
    head = negotiate("/id/hefei.ttl", None, tiny_site, method="HEAD")
    get = negotiate("/id/hefei.ttl", None, tiny_site)
    assert head.status == 200 and head.body == b"" and head.headers == get.headers
    post = negotiate("/id/hefei", None, tiny_site, method="POST")
    assert post.status == 405 and post.header("Allow") == "GET, HEAD"


def test_a_mount_point_is_stripped_and_kept_in_the_location(tiny_site):
    response = negotiate("/yrd-de/id/hefei", "text/turtle", tiny_site, prefix="/yrd-de")
    assert response.status == 303 and response.header("Location") == "/yrd-de/id/hefei.ttl"


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def test_through_real_http_with_the_wsgi_app(tiny_site):
    server = make_server("127.0.0.1", 0, wsgi_app(tiny_site), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        connection.request("GET", "/id/hefei", headers={"Accept": "text/turtle"})
        redirect = connection.getresponse()
        redirect.read()
        assert redirect.status == 303 and redirect.getheader("Location") == "/id/hefei.ttl"
        connection.request("GET", redirect.getheader("Location"))
        document = connection.getresponse()
        body = document.read()
        assert document.status == 200 and document.getheader("Content-Type") == "text/turtle; charset=utf-8"
        assert any(t.subject.value == HEFEI for t in parse(body, format=RdfFormat.TURTLE))
        connection.close()
    finally:
        server.shutdown()
        server.server_close()
