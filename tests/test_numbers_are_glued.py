"""No number from the data is typed into the prose: it must come through myst-nb glue.

The check looks for every number of 100 or more that occurs as a value in the data
package (years, ranks and row references excluded) in the prose of each chapter:
outside code cells, roles such as {glue:text}, inline code, link targets and marked
quotes («…»). Bill numbers (36 547), phone numbers and version numbers are not data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT

NOT_VALUES = {"year", "raw_rows", "period_start", "period_end", "rank"}
NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*")
NOT_DATA = [
    re.compile(r"\b3[0-9]\s\d{3}\b"),  # Kamerstuk numbers: wetsvoorstel 36 547
    re.compile(r"\b0[89]00[\s-]?\d{3,4}(?:\s\d{2,3})*\b"),  # phone numbers
    re.compile(r"\b0\d{2}\s\d{3}\s\d{2}\s\d{2}\b"),
    re.compile(r"Python \d+(?:\.\d+)*"),
    re.compile(r"\b(?:artikel|art\.)\s\d+[a-z]*\b"),  # article numbers: artikel 289 Sr
]


def prose(text: str) -> str:
    """The text a reader sees as prose, without code, roles, quotes and links."""
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    text = re.sub(r"^:[a-z-]+:.*$", "", text, flags=re.M)
    text = re.sub(r"\{[a-z:-]+\}`[^`]*`", "", text)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"«[^»]*»", "", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    for pattern in NOT_DATA:
        text = pattern.sub("", text)
    return text


def dutch_value(token: str) -> float | None:
    token = token.rstrip(".,")
    try:
        return float(token.replace(".", "").replace(",", "."))
    except ValueError:
        return None


def data_values() -> set[float]:
    values = set()
    for table in sorted((ROOT / "data").rglob("*.csv")):
        if "raw" in table.parts:
            continue
        frame = pd.read_csv(table)
        for column in frame.columns:
            if column in NOT_VALUES:
                continue
            for value in pd.to_numeric(frame[column], errors="coerce").dropna():
                if value >= 100 and not 1900 <= value <= 2100:
                    values.add(float(value))
    return values


def typed_data_numbers(text: str, values: set[float]) -> list[str]:
    return [m.group(0) for m in NUMBER.finditer(prose(text)) if dutch_value(m.group(0)) in values]


CHAPTERS = sorted(p for p in (ROOT / "chapters").rglob("*.md") if not p.name.startswith("_template"))


def test_the_data_package_has_values_to_check_against():
    assert len(data_values()) > 50


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_data_number_is_typed_in_the_prose(chapter: Path):
    typed = typed_data_numbers(chapter.read_text(encoding="utf-8"), data_values())
    assert typed == [], f"{chapter.name}: glue these numbers from the data instead of typing them"


def test_checker_catches_a_typed_total_but_not_glued_or_quoted_ones():
    values = {5060.0, 1334.0}
    assert typed_data_numbers("Samen komen de jaren op 5.060 meldingen.", values) == ["5.060"]
    assert typed_data_numbers("In 2019 waren het er 1334.", values) == ["1334."]
    assert typed_data_numbers("Samen {glue:text}`totaal` meldingen, wetsvoorstel 36 547.", values) == []
    assert typed_data_numbers("Zij schreef «5.060 meldingen».", values) == []
