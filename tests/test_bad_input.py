"""Every kind of bad input gives its code, file, line and column, exit 2, and leaves outputs alone."""

from __future__ import annotations

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
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = snapshot(out)

    status = main(["build", "--data", str(data_dir), "--out", str(out)])

    err = capsys.readouterr().err
    assert status == 2
    place = _expected_place(table, first_line, code, column_name, fixture)
    line = next((text for text in err.splitlines() if text.startswith(place) and code in text), None)
    assert line is not None, f"no line starting {place} with {code} in:\n{err}"
    assert phrase in line
    assert "nothing written" in err
    assert snapshot(out) == before


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
