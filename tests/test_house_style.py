"""One way of writing: spellings the book agreed on, checked in the prose of every chapter.

What a machine can guard: the organisation is «Arbeidsinspectie» (capital A), the programme
«Samen tegen Mensenhandel», CoMensha is «zij/haar», year ranges take an en dash, percentages
are written «25 %» (as onzichtbaar.dutch.percent writes them), and English terms come with
their Dutch word. Code cells, inline code, roles, links and «quotes» are not prose: a quote
keeps its source's spelling.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"

# Chapters another helper is rewriting in this round (legal: wat-is-mensenhandel, mse:
# hoeveel-zien-we-niet). Remove them from this set once their branches are merged.
NOT_YET_CHECKED: set[str] = set()

RULES = [
    (re.compile(r"(?<![\w-])arbeidsinspectie\b"), "de organisatie heet «Arbeidsinspectie» (hoofdletter)"),
    (re.compile(r"Samen tegen\s+mensenhandel"), "het programma heet «Samen tegen Mensenhandel»"),
    (
        re.compile(r"\bCoMensha\b[^.!?]{0,60}?\bzijn (jaarbeeld|jaarverslag|eigen|telling|reeks|cijfers)\b"),
        "CoMensha is «zij/haar»",
    ),
    (re.compile(r"\b(?:19|20)\d\d-(?:19|20)\d\d\b"), "een reeks jaren krijgt een en-dash: 2015–2019"),
    (re.compile(r"(?:\d|GLUE)\s*procent\b"), "percentages als «25 %», niet «25 procent»"),
    (re.compile(r"\d%"), "percentages als «25 %» (met spatie), niet «25%»"),
    (re.compile(r"(?<!\()\bdark number\b", re.IGNORECASE), "schrijf «verborgen aantal (dark number)»"),
    (
        re.compile(r"(?<![\w-])(?<!beginsel van )[Nn]on-punishment(?!beginsel| principle)"),
        "schrijf «non-punishmentbeginsel» met uitleg",
    ),
]

CODE_CELL = re.compile(r"^```+\{code-cell\}.*?^```+\s*$", re.MULTILINE | re.DOTALL)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
GLUE_ROLE = re.compile(r"\{glue:text\}`[^`]*`")
ROLE = re.compile(r"\{[a-z:]+\}`[^`]*`")
INLINE_CODE = re.compile(r"`[^`\n]*`")
QUOTE = re.compile(r"«[^»]*»")
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
OPTION = re.compile(r"^:(?!alt:)[a-z-]+:.*$", re.MULTILINE)  # :label:, :name:, … but alt text is prose
LABEL = re.compile(r"^\([\w-]+\)=$", re.MULTILINE)


def prose(text: str) -> str:
    """The text a reader reads: no code, roles, links or quotes. A glued value becomes GLUE."""
    for pattern, replacement in (
        (FRONT_MATTER, ""),
        (CODE_CELL, ""),
        (GLUE_ROLE, "GLUE"),
        (ROLE, "ROLE"),
        (INLINE_CODE, "CODE"),
        (QUOTE, "QUOTE"),
        (LINK_TARGET, ""),
        (OPTION, ""),
        (LABEL, ""),
    ):
        text = pattern.sub(replacement, text)
    return text


def violations(text: str) -> list[str]:
    found = []
    for lineno, line in enumerate(prose(text).splitlines(), start=1):
        for pattern, message in RULES:
            for match in pattern.finditer(line):
                found.append(f"{match.group(0)!r}: {message} (prose line {lineno}: {line.strip()[:80]})")
    return found


def checked_chapters() -> list[Path]:
    return sorted(
        p
        for p in [*CHAPTERS.glob("*.md"), *(CHAPTERS / "_docent").glob("*.md"), *(CHAPTERS / "_parts").glob("*.md")]
        if p.name != "_template.md" and p.name not in NOT_YET_CHECKED
    )


@pytest.mark.parametrize("path", checked_chapters(), ids=lambda p: str(p.relative_to(CHAPTERS)))
def test_chapter_follows_the_house_style(path):
    assert violations(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Politie en arbeidsinspectie melden.",
        "het programma Samen tegen mensenhandel",
        "CoMensha publiceert in zijn jaarbeeld ook aantallen.",
        "de monitor 2015-2019 noemt",
        "ongeveer {glue:text}`x` procent van de meldingen",
        "in 89 procent van de gevallen",
        "een 95%-interval",
        "het dark number",
        "Non-punishment in de wet",
    ],
)
def test_each_rule_catches_its_mistake(text):
    assert violations(text) != []


@pytest.mark.parametrize(
    "text",
    [
        "de Nederlandse Arbeidsinspectie en de arbeidsinspecteur",
        "het programma Samen tegen Mensenhandel",
        "CoMensha publiceert in haar jaarbeeld; zijn die cijfers hoger?",
        "de monitor 2015–2019 en het bestand `monitor-2015-2019.csv`",
        "ongeveer {glue:text}`x` van de meldingen, 25 %",
        "het verborgen aantal (dark number)",
        "het non-punishmentbeginsel",
        "Lopik noemt «het Interbestuurlijk Programma Samen tegen mensenhandel»",
        "De titel: «Cijfers Slachtoffer- monitor Mensenhandel 2015-2019».",
        "```{code-cell} ipython3\nx = '2015-2019 procent'\n```\n",
        "[link](https://example.org/2015-2019)",
    ],
)
def test_rules_leave_correct_text_alone(text):
    assert violations(text) == []
