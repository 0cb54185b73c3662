"""Answers that read well: figures as researchers write them, labels for codes, one missing marker, tables that fit."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from kg.cli import main
from kg.cli.render import display_width, table_text, text_output
from kg.paths import DEFAULT_DATA_DIR
from kg.readable import MISSING, figure_text
from kg.results import Results


def _figure(figure_id: str) -> dict:
    with (DEFAULT_DATA_DIR / "figures.csv").open(encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["id"] == figure_id)
    return {
        "value": float(row["value"]),
        "unit": row["unit"],
        "comparator": row["comparator"],
        "year": int(row["year"]) if row["year"] else None,
        "kind": row["kind"],
    }


# ------------------------------------------------------------------ figures, from real rows of data/figures.csv


@pytest.mark.parametrize(
    ("figure_id", "lang", "expected"),
    [
        # caict-2021 表7: 合肥 数字经济总量占 GDP 比重, 2025, ">50%"
        ("fig-hefei-de-share-2025", "zh", "> 50 %（2025，目标）"),
        ("fig-hefei-de-share-2025", "en", "> 50 % (2025, target)"),
        # qingpu-2022 八（一）: by 2023 青浦 "达到2000亿元左右"
        ("fig-shanghai-qingpu-industry-scale-2023", "zh", "约 2000 亿元（2023，目标）"),
        ("fig-shanghai-qingpu-industry-scale-2023", "en", "about 200 billion yuan (2023, target)"),
        # caict-2021 表7: 南京 数字经济增加值（亿） 2022 "10000", i.e. 1 万亿元
        ("fig-nanjing-de-value-2022", "zh", "1 万亿元（2022，目标）"),
        # caict-2021 表7: 南京 数字经济核心产业（万亿） "1.5"
        ("fig-nanjing-core-2022", "zh", "1.5 万亿元（2022，目标）"),
        # zhang-2023 三（一）1: 2020 年上海数字经济规模达 20590 亿元
        ("fig-shanghai-de-size-2020", "zh", "2.059 万亿元（2020，实际）"),
        # huaxin-2025 专栏8: 拨付政策资金近 1500 万元
        ("fig-zhenhai-policy-funds", "zh", "近 1500 万元（实际）"),
    ],
)
def test_a_figure_reads_as_the_source_prints_it(figure_id, lang, expected):
    assert figure_text(lang=lang, **_figure(figure_id)) == expected


def test_a_figure_with_its_indicator():
    # caict-2021 表7: 南京 数字经济核心产业（万亿）, 2022, 1.5
    text = figure_text(indicator="数字经济核心产业", **_figure("fig-nanjing-core-2022"))
    assert text == "数字经济核心产业 1.5 万亿元（2022，目标）"


# ------------------------------------------------------------------ the table


def _columns_start_alike(lines: list[str], starts: list[int]) -> bool:
    """Each line has a gap of two spaces just before every column start, counted in display cells."""
    for line in lines:
        cells, position = [], 0
        for char in line:
            cells.append(position)
            position += display_width(char)
        for start in starts[1:]:
            before = [c for c, p in zip(line, cells, strict=True) if start - 2 <= p < start]
            if before and before != [" ", " "]:
                return False
    return True


def test_columns_align_by_display_width_with_cjk():
    rows = [("合肥市", 1, "pole"), ("Suzhou", 22, "node"), ("中国（南京）软件谷", 3, None)]
    answer = Results(["name", "n", "role"], rows)
    lines = table_text(answer, width=200).splitlines()
    # 中国（南京）软件谷 takes 18 cells; numbers are right-aligned
    assert lines[0] == "name" + " " * 17 + "n  role"
    assert lines[2] == "合肥市" + " " * 15 + "1  极核"
    assert lines[3] == "Suzhou" + " " * 14 + "22  联动节点"
    assert lines[4] == "中国（南京）软件谷   3  —"
    assert _columns_start_alike(lines, [0, 20, 24])


def test_one_missing_marker_for_none_nan_and_na():
    import pandas as pd

    columns = {"a": ["x", None, "y"], "b": [1.5, float("nan"), 2.0], "c": pd.array([1, None, 3], "Int64")}
    frame = pd.DataFrame({**columns, "d": ["z", "", "w"]})
    text = table_text(Results.from_frame(frame), width=80)
    assert text.splitlines()[3].split() == [MISSING] * 4
    for other in ("None", "nan", "NaN", "<NA>"):
        assert other not in text


def test_a_long_table_fits_the_width_and_keeps_every_character():
    long = "长三角生态绿色一体化发展示范区国土空间总体规划（2019-2035）"
    answer = Results(["plan", "subject", "source"], [(long, "上海市", "caict-2021")])
    lines = table_text(answer, width=40).splitlines()
    assert max(display_width(line) for line in lines) <= 40
    first_column = "".join(line[: line.index("  ")] if "  " in line else line for line in lines[2:])
    assert first_column.replace(" ", "") == long
    wide = table_text(answer, width=40, wide=True).splitlines()
    assert len(wide) == 3 and long in wide[2] and display_width(wide[2]) > 40


def test_codes_show_as_labels_in_the_answers_language():
    answer = Results(["role", "kind", "level", "relation"], [("home_region", "Carrier", "prefecture", "coBuilds")])
    assert table_text(answer, width=200).splitlines()[2].split() == ["飞出地", "产业载体", "地级", "共建"]
    en = table_text(answer, width=200, lang="en").splitlines()[2]
    assert en.startswith("home region  Carrier  prefecture-level")


def test_no_rows_message_is_printed_in_tables_only():
    message = "no rows: cq03-carriers-by-industry with region=上海市"
    empty = Results(["place", "source"], [], {"no_rows_message": message})
    assert text_output(empty, "table") == message + "\n"
    assert text_output(empty, "csv") == "place,source\n"
    assert text_output(empty, "tsv") == "place\tsource\n"
    assert text_output(empty, "json") == "[]\n"
    assert text_output(Results(["place"], []), "table") == "(no rows)\n"


def test_the_renderer_does_not_import_pandas():
    probe = (
        "import sys\nfrom kg.cli.render import text_output\nfrom kg.results import Results\n"
        "r = Results(['value', 'unit', 'role'], [(50.0, 'percent', 'home_region')])\n"
        "for f in ('table', 'csv', 'tsv', 'json'):\n    text_output(r, f)\n"
        "print('pandas' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


# ------------------------------------------------------------------ through the command line (the real graph)


def test_table_has_labels_and_figures_csv_and_json_keep_codes(built, capsys):
    graph = str(built / "kg.nq")
    # caict-2021 表7: 合肥 2025 ">50%", 2022 ">45%"
    cq04 = ["query", "cq04-share-of-gdp-targets", "--param", "region=合肥", "--graph", graph]
    assert main([*cq04, "--wide"]) == 0
    table = capsys.readouterr().out
    assert "> 50 %（2025）" in table and "> 45 %（2022）" in table
    assert " gt " not in table and "percent" not in table
    assert main([*cq04, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["value"], r["unit"], r["comparator"], r["year"]) for r in rows} == {
        (50.0, "percent", "gt", 2025),
        (45.0, "percent", "gt", 2022),
    }
    # caict-2021 三（二）1, 图8: 上海 is the home region of the Shanghai industrial-internet enclave
    args = ["query", "cq01-pattern-participants", "--param", "pattern=产业飞地", "--graph", graph, "--wide"]
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "飞出地" in table and "home_region" not in table and "industrial_enclave" not in table
    assert main([*args, "--param", "lang=en"]) == 0
    assert "home region" in capsys.readouterr().out
    assert main([*args, "--format", "csv"]) == 0
    assert "industrial_enclave,上海工业互联网产业飞地模式,上海市,home_region" in capsys.readouterr().out


def test_free_sparql_shows_prefixed_names_in_tables_and_full_iris_in_csv(built, capsys):
    text = "SELECT ?r ?level WHERE { ?r kg:partOf yrd:suzhou-jiangsu ; kg:level ?level } ORDER BY ?r LIMIT 2"
    assert main(["query", text, "--graph", str(built / "kg.nq")]) == 0
    table = capsys.readouterr().out
    assert "yrd:suzhou-changshu" in table and "kg:LevelCountyCity" in table and "https://" not in table
    assert main(["query", text, "--graph", str(built / "kg.nq"), "--format", "csv"]) == 0
    assert "https://w3id.org/yrd-de/id/suzhou-changshu,https://w3id.org/yrd-de/ontology#LevelCountyCity" in (
        capsys.readouterr().out
    )


def test_the_table_fits_the_terminal_unless_wide(built, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["patterns", "--graph", str(built / "kg.nq")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 172 and max(display_width(line) for line in lines) <= 80
    assert main(["patterns", "--graph", str(built / "kg.nq"), "--wide"]) == 0
    wide = capsys.readouterr().out.splitlines()
    assert len(wide) == 172 + 2 and max(display_width(line) for line in wide) > 80


def test_xlsx_has_labels_and_a_sheet_of_the_sources_cited(built, tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "targets.xlsx"
    args = ["query", "cq04-share-of-gdp-targets", "--param", "region=合肥", "--graph", str(built / "kg.nq")]
    assert main([*args, "--format", "xlsx", "--out", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    book = load_workbook(out)
    assert book.sheetnames == ["answer", "sources"]
    rows = list(book["answer"].values)
    assert rows[0] == ("plan", "subject", "indicator", "figure", "source", "locator")
    # caict-2021 表7: 合肥 数字经济总量占 GDP 比重 2025 ">50%", from 合肥市数字经济发展规划（2020-2025）
    assert ("合肥市", "> 50 %（2025）", "caict-2021") in {(r[1], r[3], r[4]) for r in rows[1:]}
    sources = list(book["sources"].values)
    assert sources[0] == ("id", "title_zh", "title_en", "author", "publisher", "date")
    # the CAICT report: 长三角数字经济发展报告（2021）, 2021-09 (seeds README)
    assert [(s[0], s[1], s[5]) for s in sources[1:]] == [("caict-2021", "长三角数字经济发展报告（2021）", "2021-09")]


def test_xlsx_without_a_file_is_refused(built, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["query", "cq08-plans-per-year", "--graph", str(built / "kg.nq"), "--format", "xlsx"]) == 2
    assert "--format xlsx writes a workbook: give the file with --out FILE.xlsx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_stats_prints_its_counts_as_tables(built, capsys):
    assert main(["stats", "--out", str(built)]) == 0
    out = capsys.readouterr().out
    counts = json.loads((built / "stats.json").read_text(encoding="utf-8"))
    assert out.startswith(f"quads: {counts['quads']}\n")
    lines = out.splitlines()
    header = lines.index(next(line for line in lines if line.startswith("classes ")))
    assert lines[header].split() == ["classes", "count"]
    shown = dict(line.split() for line in lines[header + 2 : header + 2 + len(counts["classes"])])
    assert {k: int(v) for k, v in shown.items()} == counts["classes"]
