"""The validating loader of the book's data package (``data/datapackage.json``).

One call per table: ``load("victims_per_year")`` reads the CSV, checks it against its
schema and returns a pandas DataFrame. Anything the schema does not allow raises
``DataError`` with the file, the row (1-based line of the CSV, header = row 1), the
column and the rule that was broken, e.g.::

    data/victims_per_year.csv, row 7, column 'count': -3 is below the minimum 0

The schemas follow the Frictionless Table Schema (field ``type``, ``constraints``
with ``required``/``minimum``/``maximum``/``enum``/``pattern``, ``primaryKey``,
``foreignKeys``) plus three book-specific keys: ``x-unit`` and ``x-enumLabels`` (Dutch
labels of the allowed values) on fields, ``x-rules`` (checks that involve several
columns of a row) on a schema, and ``x-reconcile`` (period totals that must equal the
sum of the yearly counts) on a resource. No third-party validator is needed.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from onzichtbaar import DATA_DIR, ROOT

PACKAGE_FILE = "datapackage.json"
PANDAS_DTYPES = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "boolean"}
INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class DataError(ValueError):
    """A data file breaks its schema. The message names file, row, column and rule."""


# --- the package ------------------------------------------------------------------------


def package(data_dir: Path | None = None) -> dict:
    """The parsed ``datapackage.json`` of ``data_dir`` (default: the book's ``data/``)."""
    path = Path(data_dir or DATA_DIR) / PACKAGE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{display(path)}: file not found") from None
    except json.JSONDecodeError as error:
        raise DataError(f"{display(path)}, row {error.lineno}: not valid JSON ({error.msg})") from None


def resource(name: str, data_dir: Path | None = None) -> dict:
    """The resource (table description) called ``name``."""
    for candidate in package(data_dir)["resources"]:
        if candidate["name"] == name:
            return candidate
    raise DataError(f"{PACKAGE_FILE}: no table called {name!r}")


def field(name: str, column: str, data_dir: Path | None = None) -> dict:
    """The schema of one column."""
    for candidate in resource(name, data_dir)["schema"]["fields"]:
        if candidate["name"] == column:
            return candidate
    raise DataError(f"{PACKAGE_FILE}: table {name!r} has no column {column!r}")


def labels(name: str, column: str, data_dir: Path | None = None) -> dict[str, str]:
    """Dutch labels of the allowed values of a column (``x-enumLabels``)."""
    return dict(field(name, column, data_dir).get("x-enumLabels", {}))


def display(path: Path) -> str:
    """A path as shown in messages: relative to the book when it lies inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


# --- loading -------------------------------------------------------------------------------


def load(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Read table ``name``, validate it against its schema, return a DataFrame.

    Integer columns are nullable (``Int64``): a gap is ``<NA>``, never 0.
    """
    data_dir = Path(data_dir or DATA_DIR)
    spec = resource(name, data_dir)
    schema = spec["schema"]
    path = data_dir / spec["path"]
    where = display(path)
    rows, lines = read_rows(path, [f["name"] for f in schema["fields"]])
    records = [convert_row(row, line, schema["fields"], where) for row, line in zip(rows, lines)]
    check_primary_key(records, lines, schema.get("primaryKey", []), where)
    for foreign in schema.get("foreignKeys", []):
        check_foreign_key(records, lines, foreign, data_dir, where)
    for rule in schema.get("x-rules", []):
        check_rule(records, lines, rule, where)
    frame = to_frame(records, schema["fields"])
    if "x-reconcile" in spec:
        reconcile(frame, lines, spec["x-reconcile"], data_dir, where)
    return frame


def read_rows(path: Path, expected: list[str]) -> tuple[list[list[str]], list[int]]:
    """The data rows of a CSV file and their line numbers; checks encoding and header."""
    where = display(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{where}: file not found") from None
    if not raw.strip():
        raise DataError(f"{where}: the file is empty (expected a header row)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{where}, row 1: the file is UTF-16, not UTF-8; save it as UTF-8 without BOM")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(f"{where}, row 1: the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            f"{where}, row {line}: byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    check_header(header, expected, where)
    rows, lines = [], []
    for row in reader:
        line = reader.line_num
        if not row:
            raise DataError(f"{where}, row {line}: empty line")
        if len(row) != len(expected):
            raise DataError(f"{where}, row {line}: {len(row)} values, but the header has {len(expected)} columns")
        rows.append(row)
        lines.append(line)
    return rows, lines


def check_header(header: list[str], expected: list[str], where: str) -> None:
    for column in header:
        if header.count(column) > 1:
            raise DataError(f"{where}, row 1, column '{column}': the column appears twice")
    for column in expected:
        if column not in header:
            raise DataError(f"{where}, row 1, column '{column}': missing column (the schema requires it)")
    for column in header:
        if column not in expected:
            raise DataError(f"{where}, row 1, column '{column}': unexpected column (not in the schema)")
    if header != expected:
        raise DataError(f"{where}, row 1: the columns are in the wrong order; expected {', '.join(expected)}")


def convert_row(row: list[str], line: int, fields: list[dict], where: str) -> dict:
    record = {}
    for text, spec in zip(row, fields):
        try:
            record[spec["name"]] = convert_value(text, spec)
        except DataError as error:
            raise DataError(f"{where}, row {line}, column '{spec['name']}': {error}") from None
    return record


def convert_value(text: str, spec: dict):
    """One cell: type conversion, then the field's constraints. Empty means missing."""
    constraints = spec.get("constraints", {})
    if text != text.strip():
        raise DataError(f"{text!r} has spaces at the start or end")
    if text == "":
        if constraints.get("required"):
            raise DataError("missing value, but the column is required")
        return None
    kind = spec.get("type", "string")
    if kind == "integer":
        if not INTEGER.fullmatch(text):
            raise DataError(f"{text!r} is not an integer")
        value = int(text)
    elif kind == "number":
        if not NUMBER.fullmatch(text):
            hint = " (use a dot as decimal sign)" if re.fullmatch(r"-?[0-9]+,[0-9]+", text) else ""
            raise DataError(f"{text!r} is not a number{hint}")
        value = float(text)
    elif kind == "boolean":
        if text not in ("true", "false"):
            raise DataError(f"{text!r} is not a boolean (true or false)")
        value = text == "true"
    elif kind == "string":
        value = text
    else:
        raise DataError(f"unknown field type {kind!r} in the schema")
    check_constraints(text, value, constraints)
    return value


def check_constraints(text: str, value, constraints: dict) -> None:
    if "minimum" in constraints and value < constraints["minimum"]:
        raise DataError(f"{text} is below the minimum {constraints['minimum']}")
    if "maximum" in constraints and value > constraints["maximum"]:
        raise DataError(f"{text} is above the maximum {constraints['maximum']}")
    if "enum" in constraints and value not in constraints["enum"]:
        allowed = ", ".join(str(v) for v in constraints["enum"])
        raise DataError(f"{text!r} is not one of the allowed values ({allowed})")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        raise DataError(f"{text!r} does not match the pattern {constraints['pattern']}")
    if "minLength" in constraints and len(text) < constraints["minLength"]:
        raise DataError(f"{text!r} is shorter than {constraints['minLength']} characters")


def columns_phrase(names: Iterable[str]) -> str:
    names = list(names)
    quoted = ", ".join(f"'{n}'" for n in names)
    return f"column {quoted}" if len(names) == 1 else f"columns {quoted}"


def check_primary_key(records: list[dict], lines: list[int], key: list[str], where: str) -> None:
    seen: dict[tuple, int] = {}
    for record, line in zip(records, lines):
        value = tuple(record[k] for k in key)
        if value in seen:
            raise DataError(
                f"{where}, row {line}, {columns_phrase(key)}: duplicate key {value}, already on row {seen[value]}"
            )
        seen[value] = line


def check_foreign_key(records: list[dict], lines: list[int], foreign: dict, data_dir: Path, where: str) -> None:
    fields = foreign["fields"] if isinstance(foreign["fields"], list) else [foreign["fields"]]
    target = foreign["reference"]
    target_fields = target["fields"] if isinstance(target["fields"], list) else [target["fields"]]
    referenced = load(target["resource"], data_dir)
    known = set(zip(*(referenced[f].tolist() for f in target_fields)))
    target_file = display(data_dir / resource(target["resource"], data_dir)["path"])
    for record, line in zip(records, lines):
        value = tuple(record[f] for f in fields)
        if any(v is None for v in value):
            continue  # a missing value is the 'required' constraint's business
        if value not in known:
            shown = value[0] if len(value) == 1 else value
            raise DataError(
                f"{where}, row {line}, {columns_phrase(fields)}: {shown!r} is not a known "
                f"{'/'.join(target_fields)} in {target_file}"
            )


def check_rule(records: list[dict], lines: list[int], rule: dict, where: str) -> None:
    """Checks that involve several columns of one row (or several rows)."""
    kind = rule["rule"]
    if kind == "sameWithin":
        same_within(records, lines, rule, where)
        return
    for record, line in zip(records, lines):
        filled = [f for f in rule.get("fields", []) if record[f] is not None]
        if kind in ("requiredWhen", "emptyWhen"):
            if (record[rule["column"]] in rule["in"]) != rule.get("negate", False):
                state = "is not" if rule.get("negate") else "is"
                condition = f"{rule['column']} {state} " + " or ".join(repr(v) for v in rule["in"])
                for name in rule["fields"]:
                    if kind == "requiredWhen" and record[name] is None:
                        raise DataError(
                            f"{where}, row {line}, column '{name}': missing value, required when {condition}"
                        )
                    if kind == "emptyWhen" and record[name] is not None:
                        raise DataError(f"{where}, row {line}, column '{name}': must be empty when {condition}")
        elif kind == "exactlyOne" and len(filled) != 1:
            raise DataError(
                f"{where}, row {line}, {columns_phrase(rule['fields'])}: exactly one of them must be "
                f"filled, found {len(filled)}"
            )
        elif kind == "atLeastOne" and not filled:
            raise DataError(f"{where}, row {line}, {columns_phrase(rule['fields'])}: at least one must be filled")
        elif kind == "ordered":
            for lower, upper in zip(filled, filled[1:]):
                if record[lower] > record[upper]:
                    raise DataError(
                        f"{where}, row {line}, column '{upper}': {record[upper]:g} is smaller than "
                        f"'{lower}' ({record[lower]:g}); expected {' <= '.join(rule['fields'])}"
                    )


def same_within(records: list[dict], lines: list[int], rule: dict, where: str) -> None:
    """Rows that share ``key`` and match ``where`` must agree on ``field``."""
    seen: dict[tuple, tuple] = {}
    for record, line in zip(records, lines):
        if any(record[c] not in allowed for c, allowed in rule.get("where", {}).items()):
            continue
        key = tuple(record[k] for k in rule["key"])
        value = record[rule["field"]]
        if key in seen and seen[key][0] != value:
            raise DataError(
                f"{where}, row {line}, column '{rule['field']}': {value} conflicts with "
                f"{seen[key][0]} on row {seen[key][1]} for the same {', '.join(rule['key'])} {key}; "
                "mark the older value as superseded"
            )
        seen.setdefault(key, (value, line))


def reconcile(frame: pd.DataFrame, lines: list[int], spec: dict, data_dir: Path, where: str) -> None:
    """Each period total must equal the sum of the yearly counts it covers."""
    yearly = load(spec["resource"], data_dir)
    yearly_file = display(data_dir / resource(spec["resource"], data_dir)["path"])
    for column, allowed in spec.get("where", {}).items():
        yearly = yearly[yearly[column].isin(allowed)]
    for (_, period), line in zip(frame.iterrows(), lines):
        years = range(int(period[spec["from"]]), int(period[spec["to"]]) + 1)
        match = yearly
        for column in spec["match"]:
            match = match[match[column] == period[column]]
        per_year = match.dropna(subset=[spec["sum"]]).groupby(spec["year"])[spec["sum"]].first()
        missing = [y for y in years if y not in per_year.index]
        label = " ".join(str(period[c]) for c in spec["match"])
        if missing:
            raise DataError(
                f"{where}, row {line}, column '{spec['sum']}': cannot reconcile, {yearly_file} has no "
                f"count for {label} {missing[0]}"
            )
        total = int(sum(per_year[y] for y in years))
        if total != period[spec["sum"]]:
            raise DataError(
                f"{where}, row {line}, column '{spec['sum']}': {period[spec['sum']]} does not reconcile "
                f"with {yearly_file}: the {label} counts for {years[0]}-{years[-1]} add up to {total}"
            )


def to_frame(records: list[dict], fields: list[dict]) -> pd.DataFrame:
    columns = {}
    for spec in fields:
        values = [r[spec["name"]] for r in records]
        dtype = PANDAS_DTYPES[spec.get("type", "string")]
        if dtype == "float64":
            values = [math.nan if v is None else v for v in values]
        columns[spec["name"]] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(columns)


# --- helpers for the chapters ---------------------------------------------------------------


def current_per_year(table: str = "victims_per_year", data_dir: Path | None = None) -> pd.DataFrame:
    """One row per series and year: the current count (``<NA>`` for a gap).

    Several sources may report the same current count; superseded values are left out.
    """
    frame = load(table, data_dir)
    frame = frame[frame["status"].isin(["current", "gap"])]
    return (
        frame.sort_values(["series", "year", "source_id"], na_position="last")
        .groupby(["series", "year"], as_index=False)
        .agg(
            count=("count", "first"),
            status=("status", "first"),
            source_ids=("source_id", lambda s: ";".join(sorted(s.dropna()))),
        )
    )
