"""The kg command: verbs, formats, exit codes and a light start-up."""

import json
import subprocess
import sys

import pytest

from kg.cli import main


def test_help_does_not_import_heavy_libraries():
    probe = (
        "import sys\nfrom kg import cli\ntry:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'pyshacl', 'pyvis', 'rdflib') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"
    assert "build" in run.stdout and "validate" in run.stdout


@pytest.mark.parametrize(
    ("verb", "option"), [("build", "--data"), ("validate", "--data"), ("stats", "--data"), ("query", "--param")]
)
def test_each_verb_explains_itself(verb, option, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([verb, "--help"])
    assert exit_.value.code == 0
    assert option in capsys.readouterr().out


def test_a_bug_is_not_reported_as_bad_input(monkeypatch, capsys):
    # Only a KgError is bad input (exit 2, one line); a LookupError from a bug keeps its traceback.
    import kg.queries

    def broken(graph, name, **params):
        raise LookupError("a bug")

    monkeypatch.setattr(kg.queries, "answer", broken)
    with pytest.raises(LookupError, match="a bug"):
        main(["query", "cq08-plans-per-year"])
    assert capsys.readouterr().err == ""


@pytest.mark.slow
def test_build_prints_a_summary(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "entities per class: " in out and "kg:Region" in out
    assert "facts per source:   src:caict-2021" in out
    assert "validation:         passed (tables 0, shacl 0, sparql 0 problems)" in out


@pytest.mark.slow
def test_validate_json_report(capsys):
    assert main(["validate", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"ok": True, "layers": {"tables": 0, "shacl": 0, "sparql": 0}, "problems": []}


def test_stats_reads_the_build(built, capsys):
    assert main(["stats", "--out", str(built), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats == json.loads((built / "stats.json").read_text(encoding="utf-8"))


def test_query_formats(built, capsys):
    text = (
        "SELECT ?id WHERE { ?r kg:partOf yrd:suzhou-jiangsu ; kg:level kg:LevelCountyCity "
        'BIND(STRAFTER(STR(?r), "/id/") AS ?id) } ORDER BY ?id'
    )
    assert main(["query", text, "--graph", str(built), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "id",
        "suzhou-changshu",
        "suzhou-kunshan",
        "suzhou-taicang",
        "suzhou-zhangjiagang",
    ]
    assert main(["query", text, "--graph", str(built), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0] == {"id": "suzhou-changshu"}


def test_query_from_file(built, tmp_path, capsys):
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { yrd:hefei kg:partOf yrd:anhui }", encoding="utf-8")
    assert main(["query", "-f", str(rq), "--graph", str(built)]) == 0
    assert capsys.readouterr().out.strip() == "true"


def test_malformed_query_says_where(built, capsys):
    assert main(["query", "SELECT ?x WHERE { ?x ?y }", "--graph", str(built)]) == 2
    assert "SPARQL syntax error: error at 1:" in capsys.readouterr().err


def test_missing_graph_file(tmp_path, capsys):
    assert main(["query", "ASK {}", "--graph", str(tmp_path / "nope.nq")]) == 2
    assert "nope.nq" in capsys.readouterr().err
