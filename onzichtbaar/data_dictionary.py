"""The data dictionary of the data package, as Markdown: what each table and column means.

It reads the same ``datapackage.json`` that the validator in :mod:`onzichtbaar.data`
enforces, so the dictionary in the book cannot drift from the rules the data must meet.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from onzichtbaar import data

TYPES = {"integer": "geheel getal", "number": "getal", "string": "tekst", "boolean": "ja/nee"}


def cell(text) -> str:
    """Text that is safe inside a Markdown table cell.

    >>> cell("a|b\\nc")
    'a\\\\|b c'
    """
    return str(text).replace("|", "\\|").replace("\n", " ")


def rules_of(field: dict) -> str:
    """The constraints of one schema field, in Dutch ("verplicht, minimaal 0")."""
    constraints = field.get("constraints", {})
    rules = []
    if constraints.get("required"):
        rules.append("verplicht")
    if "minimum" in constraints:
        rules.append(f"minimaal {constraints['minimum']}")
    if "maximum" in constraints:
        rules.append(f"maximaal {constraints['maximum']}")
    if "pattern" in constraints:
        rules.append(f"patroon `{constraints['pattern']}`")
    if "enum" in constraints:
        labels = field.get("x-enumLabels", {})
        values = [f"`{v}`" + (f" ({labels[v]})" if v in labels else "") for v in constraints["enum"]]
        rules.append("een van: " + "; ".join(values))
    return ", ".join(rules) or "–"


def table_markdown(resource: dict, data_dir: Path | None = None) -> str:
    """One table of the package: title, file, rows, description, key and a row per column."""
    schema = resource["schema"]
    frame = data.load(resource["name"], data_dir)
    lines = [
        f"**{resource['title']}** — bestand `data/{resource['path']}`, {len(frame)} rijen.",
        "",
        resource["description"],
        "",
    ]
    key = ", ".join(f"`{k}`" for k in schema["primaryKey"])
    lines.append(f"Sleutel (uniek per rij): {key}.")
    if schema.get("foreignKeys"):
        used = sorted(frame["source_id"].dropna().unique())
        lines.append(f"Elke `source_id` moet in `sources.csv` staan; deze tabel gebruikt {len(used)} bronnen.")
    if "x-reconcile" in resource:
        lines.append("Elk totaal moet gelijk zijn aan de som van de geldende jaarcijfers in `victims_per_year.csv`.")
    lines += ["", "| kolom | type | eenheid | betekenis | regels |", "|---|---|---|---|---|"]
    for field in schema["fields"]:
        lines.append(
            "| "
            + " | ".join(
                cell(v)
                for v in (
                    f"`{field['name']}`",
                    TYPES[field.get("type", "string")],
                    field.get("x-unit", "–"),
                    field["description"],
                    rules_of(field),
                )
            )
            + " |"
        )
    return "\n".join(lines)


def sources_markdown(sources: pd.DataFrame) -> str:
    """The source list as a Markdown table: code, linked title, publisher, year."""
    lines = ["| code | titel | uitgever | jaar |", "|---|---|---|---|"]
    for _, source in sources.iterrows():
        lines.append(
            f"| `{source.source_id}` | [{cell(source.title)}]({source.url}) | {cell(source.publisher)} | {source.year} |"
        )
    return "\n".join(lines)
