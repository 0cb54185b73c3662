"""Every kind of bad input gives its code, file, line and column, exit 2, and leaves outputs alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, apply_fixture, snapshot

from kg.cli import main

# fixture file, expected code, column named by its header (None: a whole-row problem of the graph layers),
# and a phrase the message must contain so the curator knows what was expected.
CASES = [
    ("append/figures--year-in-chinese-numerals-invalid.csv", "KG-T03", "year", "four-digit year in Arabic digits"),
    ("append/figures--value-with-words-invalid.csv", "KG-T03", "value", "without unit, % or words like 约"),
    ("append/regions--duplicate-id-invalid.csv", "KG-T04", "id", "id 'hefei' is already used at"),
    ("append/carriers--id-used-by-another-table-invalid.csv", "KG-T04", "id", "unique across all entity tables"),
    ("append/links--dangling-foreign-key-invalid.csv", "KG-T05", "object", "did you mean hefei"),
    ("append/participations--unknown-role-invalid.csv", "KG-T06", "role", "expected one of"),
    ("append/cases--unknown-pattern-invalid.csv", "KG-T06", "pattern", "did you mean gradient_transfer"),
    ("append/regions--unknown-level-invalid.csv", "KG-T06", "level", "county, county_city, district"),
    ("append/regions--empty-label-invalid.csv", "KG-T07", "label_zh", "is required but empty"),
    ("append/plans--year-out-of-range-invalid.csv", "KG-T08", "issued_year", "expected 1949 to 2050"),
    ("append/regions--bad-locator-invalid.csv", "KG-T10", "locator", "表N"),
    (
        "append/participations--role-outside-pattern-invalid.csv",
        "KG-Q01",
        None,
        "role operator is not a role of pattern block_synergy",
    ),
    ("append/plans--period-reversed-invalid.csv", "KG-Q04", None, "period ends in 2020 before it starts in 2025"),
    ("append/regions--part-of-cycle-invalid.csv", "KG-Q05", None, "part of itself"),
    ("append/plans--issue-date-year-mismatch-invalid.csv", "KG-Q06", None, "issue date 2021-03-01 is not in year 2020"),
    ("append/carriers--orphan-entity-invalid.csv", "KG-Q07", None, "takes part in no fact"),
    (
        "append/regions--same-label-same-type-invalid.csv",
        "KG-Q08",
        None,
        "shares the label 皖北 with <https://w3id.org/yrd-de/id/wanbei>",
    ),
    (
        "append/carriers--same-label-other-type-invalid.csv",
        "KG-Q09",
        None,
        "shares the label 合肥市 with <https://w3id.org/yrd-de/id/hefei>, a Region",
    ),
    (
        "append/plan_elements--order-repeated-invalid.csv",
        "KG-Q10",
        None,
        "shares position 1 with <https://w3id.org/yrd-de/id/dtl-meaning-yrd> in the same section and parent",
    ),
    ("replace/industry_links--missing-column-invalid.csv", "KG-T02", None, "column 'locator' is missing"),
    ("replace/industry_links--gbk-encoding-invalid.csv", "KG-T09", None, "expected encoding utf-8"),
]


def _build_over_a_copy(data_dir, built, tmp_path, capsys):
    """Build ``data_dir`` into a copy of an earlier build: exit status, stderr, and whether the copy is untouched."""
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = snapshot(out)
    status = main(["build", "--quiet", "--data", str(data_dir), "--out", str(out)])
    return status, capsys.readouterr().err, snapshot(out) == before


def _expected_place(table, first_line, code, column_name, fixture):
    if code == "KG-T02":
        return f"{table}:1:5:"  # header has 4 columns; the missing one would be the 5th
    if code == "KG-T09":
        raw = fixture.read_bytes()
        lines = raw.split(b"\n")
        first_bad_line = lines.index(next(line for line in lines if any(b > 127 for b in line))) + 1
        return f"{table}:{first_bad_line}:"
    if column_name is None:
        return f"{table}:{first_line}:0:"
    header = table.read_text(encoding="utf-8").splitlines()[0].split(",")
    return f"{table}:{first_line}:{header.index(column_name) + 1}:"


@pytest.mark.parametrize("fixture_name, code, column_name, phrase", CASES, ids=[c[0].split("/")[1] for c in CASES])
def test_bad_input_is_reported_and_outputs_untouched(
    fixture_name, code, column_name, phrase, data_dir, built, tmp_path, capsys
):
    fixture = FIXTURES / fixture_name
    table, first_line = apply_fixture(data_dir, fixture)
    status, err, untouched = _build_over_a_copy(data_dir, built, tmp_path, capsys)
    assert status == 2
    place = _expected_place(table, first_line, code, column_name, fixture)
    line = next((text for text in err.splitlines() if text.startswith(place) and code in text), None)
    assert line is not None, f"no line starting {place} with {code} in:\n{err}"
    assert phrase in line
    assert "nothing written" in err
    assert untouched


def test_gbk_message_names_the_encoding_found(data_dir, capsys):
    apply_fixture(data_dir, FIXTURES / "replace/industry_links--gbk-encoding-invalid.csv")
    assert main(["validate", "--data", str(data_dir)]) == 2
    assert "GBK" in capsys.readouterr().out


def test_missing_file_points_at_its_declaration(data_dir, built, tmp_path, capsys):
    (data_dir / "issuances.csv").unlink()
    declared = data_dir / "datapackage.json"
    lines = declared.read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines, 1) if '"path": "issuances.csv"' in line)
    column = lines[line_no - 1].index('"path"') + 1
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = snapshot(out)

    assert main(["build", "--data", str(data_dir), "--out", str(out)]) == 2

    err = capsys.readouterr().err
    assert f"{declared}:{line_no}:{column}: KG-T01 declared file {data_dir / 'issuances.csv'} is missing" in err
    assert snapshot(out) == before


def test_utf8_bom_is_accepted(data_dir, tmp_path, built):
    table = data_dir / "industry_links.csv"
    table.write_bytes(b"\xef\xbb\xbf" + table.read_bytes())
    assert main(["build", "--data", str(data_dir), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "kg.nq").read_bytes() == (built / "kg.nq").read_bytes()


def test_exit_status_of_the_installed_command(data_dir, tmp_path):
    apply_fixture(data_dir, FIXTURES / "append/regions--empty-label-invalid.csv")
    run = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", "--data", str(data_dir), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "KG-T07" in run.stderr
    assert not (tmp_path / "o").exists()


# ---------------------------------------------------------------- inputs broken in place
# Each function breaks a scratch copy of data/ and returns (file name, line, column, code, phrase): the place
# and code the first reported problem must have, and a phrase that says what was expected.


def _edit_line(path, number, edit):
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = edit(lines[number - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


def _cell_column(path, number, cell):
    """1-based column of the cell that starts with ``cell`` on line ``number``."""
    line = path.read_text(encoding="utf-8").split("\n")[number - 1]
    return line[: line.index(cell)].count(",") + 1


def _stray_quotes(data):
    table = data / "participations.csv"
    column = _cell_column(table, 21, "shanghai-ai-human-shape")
    _edit_line(table, 21, lambda line: '"' + line)
    _edit_line(table, 23, lambda line: line.replace(",axis_carrier", '",axis_carrier', 1))
    return "participations.csv", 21, column, "KG-T14", "runs from here across lines to line 23"


def _duplicated_header_column(data):
    table = data / "industry_links.csv"
    header = table.read_text(encoding="utf-8").split("\n")[0].split(",")
    _edit_line(table, 1, lambda line: line + "," + header[1])
    _edit_line(table, 2, lambda line: line + ",x")
    return "industry_links.csv", 1, len(header) + 1, "KG-T15", "is named twice"


#: One cell edited on one line: (table, line, text replaced, replacement, column, code, phrase).
CELL_EDITS = {
    "unclosed-quote": ("participations.csv", 3, ",origin", ',"origin', 3, "KG-T14", "is never closed"),
    "quote-inside-a-cell": ("participations.csv", 5, ",origin", ',"orig"in', 3, "KG-T14", "a quote in the middle"),
    "nul-in-a-cell": ("regions.csv", 3, ",", ",\x00", 2, "KG-T16", "control character U+0000"),
    "escape-in-a-cell": ("regions.csv", 4, ",", ",\x1b[31m", 2, "KG-T16", "control character U+001B"),
    "huge-cell": ("regions.csv", 5, ",", "," + "长" * 140_000, 2, "KG-T17", "expected at most 131072"),
}


def _cell_edit(table, line, old, new, column, code, phrase):
    def breaks(data):
        _edit_line(data / table, line, lambda text: text.replace(old, new, 1))
        return table, line, column, code, phrase

    return breaks


def _descriptor_not_utf8(data):
    package = data / "datapackage.json"
    package.write_bytes(package.read_bytes().replace(b'"Pattern cases"', b'"Pattern \xffcases"'))
    line = next(i for i, text in enumerate(package.read_bytes().split(b"\n"), 1) if b"\xff" in text)
    return "datapackage.json", line, 25, "KG-T09", "expected encoding utf-8"


def _descriptor_is_a_list(data):
    (data / "datapackage.json").write_text("[]\n", encoding="utf-8")
    return "datapackage.json", 1, 1, "KG-T13", "expected a JSON object with a 'resources' list"


def _descriptor_is_empty(data):
    (data / "datapackage.json").write_text("{}\n", encoding="utf-8")
    return "datapackage.json", 1, 1, "KG-T13", "expected a JSON object with a 'resources' list"


def _descriptor_not_json(data):
    package = data / "datapackage.json"
    package.write_text(package.read_text(encoding="utf-8").replace('"path": "cases.csv",', '"path": "cases.csv"', 1))
    line = next(i for i, text in enumerate(package.read_text(encoding="utf-8").split("\n"), 1) if "cases.csv" in text)
    return "datapackage.json", line + 1, 7, "KG-T13", "not valid JSON: Expecting ',' delimiter"


def _rewrite_package(data, change):
    package = data / "datapackage.json"
    content = json.loads(package.read_text(encoding="utf-8"))
    change(next(r for r in content["resources"] if r["name"] == "cases"))
    package.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    line = next(i for i, text in enumerate(package.read_text(encoding="utf-8").split("\n"), 1) if '"cases"' in text)
    return package, line


def _resource_without_schema(data):
    _, line = _rewrite_package(data, lambda resource: resource.pop("schema"))
    return "datapackage.json", line, 7, "KG-T13", "resource 'cases': expected a 'schema' with a list of 'fields'"


def _field_without_name(data):
    _, line = _rewrite_package(data, lambda resource: resource["schema"]["fields"][1].pop("name"))
    return "datapackage.json", line, 7, "KG-T13", "expected each field to be an object with a 'name'"


def _unknown_scheme(data):
    def change(resource):
        resource["schema"]["fields"][3]["x-kg-scheme"] = "NoSuchScheme"

    _, line = _rewrite_package(data, change)
    return "datapackage.json", line, 7, "KG-T13", "x-kg-scheme 'NoSuchScheme' is not a scheme of the ontology"


def _path_is_a_folder(data):
    (data / "cases.csv").unlink()
    (data / "cases.csv").mkdir()
    package = data / "datapackage.json"
    lines = package.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, 1) if '"path": "cases.csv"' in text)
    return "datapackage.json", line, lines[line - 1].index('"path"') + 1, "KG-T01", "is a folder: expected the CSV"


def _path_outside_the_package(target):
    def breaks(data):
        package = data / "datapackage.json"
        text = package.read_text(encoding="utf-8").replace('"path": "cases.csv"', f'"path": "{target}"', 1)
        package.write_text(text, encoding="utf-8")
        lines = text.split("\n")
        line = next(i for i, text in enumerate(lines, 1) if f'"path": "{target}"' in text)
        return "datapackage.json", line, lines[line - 1].index('"path"') + 1, "KG-T13", "leaves the data package"

    return breaks


def _gbk_cases(data):
    table = data / "cases.csv"
    table.write_bytes(table.read_text(encoding="utf-8").replace("“", '"').replace("”", '"').encode("gb18030"))
    return "cases.csv", 2, 23, "KG-T09", "GBK"


BROKEN = {
    "stray-quotes": _stray_quotes,
    **{name: _cell_edit(*edit) for name, edit in CELL_EDITS.items()},
    "duplicated-header-column": _duplicated_header_column,
    "descriptor-not-utf8": _descriptor_not_utf8,
    "descriptor-is-a-list": _descriptor_is_a_list,
    "descriptor-is-empty": _descriptor_is_empty,
    "descriptor-not-json": _descriptor_not_json,
    "resource-without-schema": _resource_without_schema,
    "field-without-name": _field_without_name,
    "unknown-scheme": _unknown_scheme,
    "path-is-a-folder": _path_is_a_folder,
    "path-absolute-outside": _path_outside_the_package("/etc/passwd"),
    "path-dotdot-outside": _path_outside_the_package("../outside.csv"),
    "gbk-cases-root-cause-first": _gbk_cases,
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_input_is_reported_first_and_outputs_untouched(name, data_dir, built, tmp_path, capsys):
    (data_dir.parent / "outside.csv").write_text("secret,line\n", encoding="utf-8")
    file, line, column, code, phrase = BROKEN[name](data_dir)
    status, err, untouched = _build_over_a_copy(data_dir, built, tmp_path, capsys)
    assert status == 2
    first = err.splitlines()[1]  # the line after "N validation problem(s):"
    assert first.startswith(f"{data_dir / file}:{line}:{column}: {code} "), err[:2000]
    assert phrase in first
    assert "nothing written" in err
    assert "root:" not in err and "secret" not in err  # nothing outside the package was read
    assert untouched


def test_root_cause_is_not_buried_under_its_consequences(data_dir, capsys):
    _gbk_cases(data_dir)
    assert main(["validate", "--data", str(data_dir)]) == 2
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"{data_dir / 'cases.csv'}:2:23: KG-T09")
    assert "KG-T05" not in out  # the references into the unread table are not checked


def test_rows_read_equal_the_records_of_each_file():
    from kg.paths import DEFAULT_DATA_DIR
    from kg.tables import load_tables

    tables = load_tables()
    for resource in tables.package["resources"]:
        lines = (DEFAULT_DATA_DIR / resource["path"]).read_text(encoding="utf-8-sig").splitlines()
        records = [line for line in lines[1:] if line.strip(", ")]
        assert len(tables.rows[resource["name"]]) == len(records), resource["name"]
