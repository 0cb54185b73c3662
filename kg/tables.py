"""Read the curated CSV tables and check them against ``data/datapackage.json``.

This is the first validation layer. It knows nothing of RDF: it turns each
row into a dictionary of typed Python values and reports every cell that
breaks the Frictionless Table Schema declared for its table (types, required,
enums, patterns, ranges, unique and primary keys, foreign keys), each with the
file, line and column at fault and what was expected.

Two extensions to the Table Schema are understood:

* ``x-kg-scheme``: the value must be a ``skos:notation`` of that ontology
  scheme (the lists come from the generated ``kg.vocabulary``);
* ``x-kg-references``: a foreign key into any of several entity tables. Ids
  of tables whose primary key is ``id`` are unique across all such tables.

>>> from kg.examples import tiny_tables
>>> hefei = tiny_tables().entity("hefei")
>>> hefei.table, hefei["label_zh"], hefei["level"]
('regions', '合肥市', 'prefecture')
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kg.paths import DEFAULT_DATA_DIR
from kg.problems import Problem, ValidationFailed
from kg.vocabulary import SCHEMES

__all__ = ["Row", "Tables", "check_tables", "load_tables"]

_BOM = b"\xef\xbb\xbf"
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_INTEGER = re.compile(r"-?[0-9]+")
_YEAR = re.compile(r"[0-9]{4}")


@dataclass
class Row:
    """One data row: its table, its line in the file, and its typed values."""

    table: str
    line: int
    values: dict

    def __getitem__(self, name):
        return self.values.get(name)

    def get(self, name, default=None):
        value = self.values.get(name)
        return default if value is None else value


@dataclass
class Tables:
    """All rows of a data package, by table name, after checking."""

    data_dir: Path
    package: dict
    rows: dict[str, list[Row]] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)

    def resource(self, name: str) -> dict:
        return next(r for r in self.package["resources"] if r["name"] == name)

    def entity(self, entity_id: str) -> Row:
        """The row that defines ``entity_id`` in whichever entity table holds it."""
        for name in entity_tables(self.package):
            for row in self.rows.get(name, []):
                if row["id"] == entity_id:
                    return row
        raise KeyError(entity_id)


def entity_tables(package: dict) -> list[str]:
    """Names of the tables whose primary key is ``id`` (their ids share one space)."""
    return [r["name"] for r in package["resources"] if r["schema"].get("primaryKey") == ["id"]]


def load_tables(data_dir: Path | str = DEFAULT_DATA_DIR, descriptor: Path | str | None = None) -> Tables:
    """Read and check every table; raise :class:`ValidationFailed` on any problem.

    ``descriptor`` is the ``datapackage.json`` to check against (default: the one in ``data_dir``).
    """
    tables, problems = check_tables(data_dir, descriptor)
    if problems:
        raise ValidationFailed(problems)
    return tables


def check_tables(
    data_dir: Path | str = DEFAULT_DATA_DIR, descriptor: Path | str | None = None
) -> tuple[Tables | None, list[Problem]]:
    """Read and check every table; return the tables and the problems found."""
    data_dir = Path(data_dir)
    package_path = Path(descriptor) if descriptor else data_dir / "datapackage.json"
    try:
        raw = package_path.read_bytes()
    except FileNotFoundError:
        return None, [
            Problem("KG-T13", str(package_path), 0, 0, "file not found: the data package descriptor is required")
        ]
    except IsADirectoryError:
        return None, [Problem("KG-T13", str(package_path), 0, 0, "is a folder: expected the datapackage.json file")]
    package_text, problem = _decode(package_path, raw)
    if problem:
        return None, [problem]
    try:
        package = json.loads(package_text)
    except json.JSONDecodeError as err:
        return None, [Problem("KG-T13", str(package_path), err.lineno, err.colno, f"not valid JSON: {err.msg}")]
    problems = _package_problems(package, package_text, package_path)
    if problems:
        return None, problems

    tables = Tables(data_dir, package)
    problems: list[Problem] = []
    for resource in package["resources"]:
        header, rows, found = _read_resource(data_dir, resource, package_text, package_path)
        tables.headers[resource["name"]] = header
        tables.rows[resource["name"]] = rows
        problems += found
    if not any(p.file_level for p in problems):  # keys across tables mean nothing while a table is unread
        problems += _check_keys(tables)
    return tables, problems


# ---------------------------------------------------------------- the descriptor


def _package_problems(package, text: str, path: Path) -> list[Problem]:
    """What makes ``datapackage.json`` unusable: each problem at the resource or field it concerns."""

    def problem(needle: str, message: str) -> Problem:
        at = text.find(needle) if needle else -1
        line, column = (text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1) if at >= 0 else (1, 1)
        return Problem("KG-T13", str(path), line, column, message)

    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        return [problem("", "expected a JSON object with a 'resources' list (the tables of the package)")]
    problems, names = [], set()
    for number, resource in enumerate(package["resources"], 1):
        name = resource.get("name") if isinstance(resource, dict) else None
        where = f'"name": "{name}"' if isinstance(name, str) else ""
        if not isinstance(name, str) or not name or name in names:
            problems.append(problem(where, f"resource {number}: expected a 'name' that no other resource has"))
            continue
        names.add(name)
        if not isinstance(resource.get("path"), str) or not resource["path"]:
            problems.append(problem(where, f"resource '{name}': expected a 'path' naming its CSV file"))
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields:
            problems.append(problem(where, f"resource '{name}': expected a 'schema' with a list of 'fields'"))
            continue
        for spec in fields:
            problems += [problem(where, f"resource '{name}': {what}") for what in _field_problems(spec)]
    return problems


def _field_problems(spec) -> list[str]:
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
        return [f"expected each field to be an object with a 'name', not {json.dumps(spec, ensure_ascii=False)[:80]}"]
    found = []
    if not isinstance(spec.get("constraints", {}), dict):
        found.append(f"field '{spec['name']}': expected 'constraints' to be an object")
    if "x-kg-scheme" in spec and spec["x-kg-scheme"] not in SCHEMES:
        found.append(f"field '{spec['name']}': x-kg-scheme {spec['x-kg-scheme']!r} is not a scheme of the ontology")
    return found


# ---------------------------------------------------------------- reading one file


def _declaration_line(package_text: str, resource: dict) -> tuple[int, int]:
    """Line and column in datapackage.json where the resource's path is declared."""
    needle = f'"path": "{resource["path"]}"'
    at = package_text.find(needle)
    if at < 0:
        return 0, 0
    line = package_text.count("\n", 0, at) + 1
    return line, at - (package_text.rfind("\n", 0, at) + 1) + 1


def _decode(path: Path, data: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text of a file (a BOM is accepted and dropped), or an encoding problem."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        line_start = data.rfind(b"\n", 0, err.start) + 1
        column = len(data[line_start : err.start].decode("utf-8", errors="replace")) + 1
        guess = ""
        try:
            data.decode("gb18030")
            guess = "; it decodes as GBK/GB18030, so re-save it as UTF-8"
        except UnicodeDecodeError:
            pass
        return None, Problem(
            "KG-T09",
            str(path),
            line,
            column,
            f"byte 0x{data[err.start]:02x} is not valid UTF-8: expected encoding utf-8{guess}",
        )


def _read_resource(
    data_dir: Path, resource: dict, package_text: str, package_path: Path
) -> tuple[list[str], list[Row], list[Problem]]:
    path = data_dir / resource["path"]
    if not path.resolve().is_relative_to(data_dir.resolve()):
        line, column = _declaration_line(package_text, resource)
        message = f"path {resource['path']!r} of table '{resource['name']}' leaves the data package: expected a file"
        return [], [], [Problem("KG-T13", str(package_path), line, column, f"{message} inside {data_dir}")]
    if path.is_dir():
        line, column = _declaration_line(package_text, resource)
        message = f"declared path {path} is a folder: expected the CSV file of table '{resource['name']}'"
        return [], [], [Problem("KG-T01", str(package_path), line, column, message)]
    if not path.exists():
        line, column = _declaration_line(package_text, resource)
        return (
            [],
            [],
            [
                Problem(
                    "KG-T01",
                    str(package_path),
                    line,
                    column,
                    f"declared file {path} is missing (table '{resource['name']}')",
                )
            ],
        )
    text, problem = _decode(path, path.read_bytes())
    if problem:
        return [], [], [problem]

    fields = resource["schema"]["fields"]
    records = _records(path, text)
    header = next(records, (1, [], None))[1] or []
    problems: list[Problem] = []
    declared = [f["name"] for f in fields]
    for name in declared:
        if name not in header:
            problems.append(
                Problem(
                    "KG-T02",
                    str(path),
                    1,
                    len(header) + 1,
                    f"column '{name}' is missing: expected header {','.join(declared)}",
                )
            )
    for column, name in enumerate(header, start=1):
        if name not in declared:
            problems.append(
                Problem(
                    "KG-T11",
                    str(path),
                    1,
                    column,
                    f"column '{name}' is not declared: expected one of {', '.join(declared)}",
                )
            )
        elif header.index(name) < column - 1:
            problems.append(
                Problem("KG-T15", str(path), 1, column, f"column '{name}' is named twice: expected each column once")
            )
    if problems:
        return header, [], problems

    position = {name: header.index(name) for name in declared}
    rows = []
    for line, cells, problem in records:
        if problem:
            problems.append(problem)
            if problem.code == "KG-T14":  # the record is not what the file meant: not read
                continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    "KG-T12",
                    str(path),
                    line,
                    min(len(cells), len(header)) + 1,
                    f"row has {len(cells)} cells, expected {len(header)} (quote cells that contain commas)",
                )
            )
            continue
        values = {}
        for spec in fields:
            column = position[spec["name"]] + 1
            value, problem = _cell(spec, cells[column - 1].strip(), path, line, column)
            values[spec["name"]] = value
            if problem:
                problems.append(problem)
        rows.append(Row(resource["name"], line, values))
    return header, rows, problems


#: The longest cell accepted, in characters (the csv module's own default limit).
MAX_CELL = 131_072
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _records(path: Path, text: str):
    """``(line, cells, problem)`` for each record of a CSV text, ``line`` being where the record starts.

    A record is one line: a quoted cell that runs across lines (an unclosed or stray quote), a
    quote in the middle of a cell, a cell longer than :data:`MAX_CELL` and a control character
    are problems at the line (and cell) where they are, and the record is not read.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                yield line, [], _quote_problem(path, text, line, reader.line_num, str(err))
                continue
            yield line, cells, _cells_problem(path, line, reader.line_num, cells)
    finally:
        csv.field_size_limit(limit)


def _quote_problem(path: Path, text: str, line: int, last: int, error: str) -> Problem:
    physical = text.splitlines()[line - 1] if line <= text.count("\n") + 1 else ""
    column = physical[: physical.find('"')].count(",") + 1 if '"' in physical else 1
    if last > line or "end of data" in error:
        what = f"a quoted cell opens here and is never closed (the record runs on to line {last})"
    else:
        what = f"a quote in the middle of a cell ({error})"
    return Problem("KG-T14", str(path), line, column, f"{what}: expected quotes only around whole cells")


def _cells_problem(path: Path, line: int, last: int, cells: list[str]) -> Problem | None:
    for column, cell in enumerate(cells, start=1):
        if "\n" in cell or "\r" in cell:
            return Problem(
                "KG-T14",
                str(path),
                line,
                column,
                f"a quoted cell runs from here across lines to line {last} (a stray or unclosed quote?): "
                "expected each record on one line",
            )
        if len(cell) > MAX_CELL:
            return Problem(
                "KG-T17", str(path), line, column, f"the cell holds {len(cell)} characters: expected at most {MAX_CELL}"
            )
        if control := _CONTROL.search(cell):
            return Problem(
                "KG-T16",
                str(path),
                line,
                column,
                f"the cell holds the control character U+{ord(control.group()):04X} at position "
                f"{control.start() + 1}: expected printable text",
            )
    return None


# ---------------------------------------------------------------- one cell


def _cell(spec: dict, raw: str, path: Path, line: int, column: int):
    """Typed value of one cell and the problem with it, if any; a tuple of values for an ``x-kg-list`` column."""
    if "x-kg-list" in spec and raw:
        single = {k: v for k, v in spec.items() if k != "x-kg-list"}
        cells = [_cell(single, part.strip(), path, line, column) for part in raw.split(spec["x-kg-list"].strip())]
        problems = [problem for _, problem in cells if problem]
        return (None, problems[0]) if problems else (tuple(value for value, _ in cells), None)
    name = spec["name"]
    constraints = spec.get("constraints", {})
    where = (str(path), line, column)
    if raw == "":
        if constraints.get("required"):
            return None, Problem("KG-T07", *where, f"column '{name}' is required but empty: expected {_expected(spec)}")
        return None, None

    value, problem = _typed(spec, raw, where)
    if problem:
        return None, problem

    allowed = constraints.get("enum")
    if "x-kg-scheme" in spec:
        allowed = sorted(SCHEMES[spec["x-kg-scheme"]])
    if allowed is not None and value not in allowed:
        close = difflib.get_close_matches(str(value), allowed, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        return None, Problem(
            "KG-T06", *where, f"'{raw}' is not allowed in column '{name}'{hint}: expected one of {', '.join(allowed)}"
        )
    pattern = constraints.get("pattern")
    if pattern and not re.fullmatch(pattern, raw):
        return None, Problem(
            "KG-T10", *where, f"'{raw}' does not match the pattern of column '{name}': expected {_expected(spec)}"
        )
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high):
        return None, Problem("KG-T08", *where, f"{raw} is out of range in column '{name}': expected {low} to {high}")
    return value, None


def _typed(spec: dict, raw: str, where: tuple):
    kind = spec.get("type", "string")
    name = spec["name"]
    if kind == "string":
        return raw, None
    if kind == "number" and _NUMBER.fullmatch(raw):
        try:
            return Decimal(raw), None
        except InvalidOperation:
            pass
    if kind == "integer" and _INTEGER.fullmatch(raw):
        return int(raw), None
    if kind == "year" and _YEAR.fullmatch(raw):
        return int(raw), None
    if kind == "date":
        try:
            return date.fromisoformat(raw), None
        except ValueError:
            pass
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true", None
    return None, Problem("KG-T03", *where, f"'{raw}' is not a {kind} in column '{name}': expected {_expected(spec)}")


_TYPE_HINTS = {
    "number": "a plain number such as 50 or 12.5, without unit, % or words like 约 "
    "(put those in 'unit' and 'comparator')",
    "integer": "a whole number written in digits",
    "year": "a four-digit year in Arabic digits such as 2021",
    "date": "a date written YYYY-MM-DD",
    "boolean": "true or false",
}


def _expected(spec: dict) -> str:
    constraints = spec.get("constraints", {})
    if "x-kg-scheme" in spec:
        return "one of " + ", ".join(sorted(SCHEMES[spec["x-kg-scheme"]]))
    if constraints.get("enum"):
        return "one of " + ", ".join(constraints["enum"])
    if spec.get("type", "string") in _TYPE_HINTS:
        return _TYPE_HINTS[spec["type"]]
    return spec.get("description") or f"a {spec.get('type', 'string')}"


# ---------------------------------------------------------------- keys across rows and tables


def _check_keys(tables: Tables) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, tuple[str, Row]] = {}
    for name in entity_tables(tables.package):
        for row in tables.rows[name]:
            if row["id"] is None:
                continue
            if row["id"] in ids:
                other_table, other = ids[row["id"]]
                problems.append(
                    _at(
                        tables,
                        row,
                        "id",
                        "KG-T04",
                        f"id '{row['id']}' is already used at "
                        f"{tables.data_dir / tables.resource(other_table)['path']}:{other.line}: "
                        "expected ids unique across all entity tables",
                    )
                )
            else:
                ids[row["id"]] = (name, row)

    for resource in tables.package["resources"]:
        schema = resource["schema"]
        rows = tables.rows[resource["name"]]
        problems += _check_unique(tables, resource, rows)
        for fk in schema.get("foreignKeys", []):
            target = {r["id"] for r in tables.rows.get(fk["reference"]["resource"], []) if r["id"] is not None}
            problems += _check_references(tables, rows, fk["fields"], [fk["reference"]["resource"]], target)
        for spec in schema["fields"]:
            if "x-kg-references" in spec:
                target = {i for i, (t, _) in ids.items() if t in spec["x-kg-references"]}
                problems += _check_references(tables, rows, spec["name"], spec["x-kg-references"], target)
    return problems


def _check_unique(tables: Tables, resource: dict, rows: list[Row]) -> list[Problem]:
    problems = []
    keys = [resource["schema"].get("primaryKey", [])]
    keys += [[f["name"]] for f in resource["schema"]["fields"] if f.get("constraints", {}).get("unique")]
    for key in keys:
        if not key or key == ["id"] and resource["name"] in entity_tables(tables.package):
            continue  # ids are checked across tables above
        seen: dict[tuple, Row] = {}
        for row in rows:
            value = tuple(row[k] for k in key)
            if None in value:
                continue
            if value in seen:
                problems.append(
                    _at(
                        tables,
                        row,
                        key[0],
                        "KG-T04",
                        f"key ({', '.join(key)}) = ({', '.join(map(str, value))}) repeats line "
                        f"{seen[value].line}: expected each key once",
                    )
                )
            else:
                seen[value] = row
    return problems


def _check_references(
    tables: Tables, rows: list[Row], field_name: str, resources: list[str], target: set
) -> list[Problem]:
    problems = []
    for row in rows:
        values = row[field_name] if isinstance(row[field_name], tuple) else (row[field_name],)
        for value in values:
            if value is None or value in target:
                continue
            close = difflib.get_close_matches(value, sorted(target), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            problems.append(
                _at(
                    tables,
                    row,
                    field_name,
                    "KG-T05",
                    f"'{value}' in column '{field_name}' matches no id in {' or '.join(resources)}{hint}",
                )
            )
    return problems


def _at(tables: Tables, row: Row, field_name: str, code: str, message: str) -> Problem:
    resource = tables.resource(row.table)
    column = tables.headers[row.table].index(field_name) + 1
    return Problem(code, str(tables.data_dir / resource["path"]), row.line, column, message)
