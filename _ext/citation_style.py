"""Sphinx extension: one short Dutch author-year label per source, in the text and in the list.

``scripts/make_bib.py`` gives every source an author and year that are unique
together ("CoMensha, 2021a") and writes that label to the entry's ``shortlabel``
field. The bibliography list shows ``shortlabel``; the running text shows
author and year through the author-year reference style below, so both read
the same. Unique labels also keep the per-chapter bibliographies free of
duplicate-label warnings. A source without a year (the law: "Wetboek van
Strafrecht, art. 273f") is cited by its author alone, not as "n.d.".
"""

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, join, node, optional
from sphinxcontrib.bibtex.plugin import register_plugin as register_reference_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

REFERENCE_STYLE = "oz_author_year"


def plain(text: str) -> str:
    """A BibTeX field value as the reader sees it (make_bib escapes &%$#_)."""
    return re.sub(r"\\([&%$#_])", r"\1", text)


class ShortLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield plain(entry.fields.get("shortlabel", entry.key))


class ShortLabelFormatStyle(UnsrtStyle):
    default_label_style = "oz_short_label"


@node
def dated_or_not(children, data):
    """Render the first child for a source with a year, the second for one without."""
    dated, undated = children
    return (dated if "year" in data["entry"].fields else undated).format_data(data)


class ParentheticalStyle(BasicAuthorYearParentheticalReferenceStyle):
    def inner(self, role_name):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[
                join(sep=self.author_year_sep)[
                    self.person.author_or_editor_or_title(full="s" in role_name),
                    optional[field("year")],
                ]
            ],
            post_text,
        ]


class TextualStyle(BasicAuthorYearTextualReferenceStyle):
    def inner(self, role_name):
        author = self.person.author_or_editor_or_title(full="s" in role_name)
        return dated_or_not[
            super().inner(role_name),
            join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[author], post_text],
        ]


def semicolons() -> BracketStyle:
    """[CoMensha, 2022; VNG, 2020a]: a comma already separates author and year."""
    return BracketStyle(sep="; ")


@dataclass
class ReferenceStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author_year, with the two styles above for :cite:p: and :cite:t:."""

    bracket_parenthetical: BracketStyle = dataclass_field(default_factory=semicolons)
    bracket_textual: BracketStyle = dataclass_field(default_factory=semicolons)

    def __post_init__(self):
        super().__post_init__()
        shared = dict(person=self.person, pre_text_sep=self.pre_text_sep, post_text_sep=self.post_text_sep)
        self.styles[0] = ParentheticalStyle(
            bracket=self.bracket_parenthetical, author_year_sep=self.author_year_sep, **shared
        )
        self.styles[1] = TextualStyle(
            bracket=self.bracket_textual, text_reference_sep=self.text_reference_sep, **shared
        )
        # The group maps each role to its style when it is made: map the roles again.
        self.role_style.update((role, style) for style in self.styles[:2] for role in style.role_names())


# --- One bibliography per chapter -------------------------------------------
# sphinxcontrib-bibtex resolves citations globally: a source cited in two
# chapters, each with its own bibliography, is a "duplicate citation". Its
# documented remedy is a key prefix per document (jupyter-book docs,
# "Citing a work in different documents"). Authors write plain source ids;
# this hook adds the document's prefix to every citation and bibliography.
CITE_ROLE = re.compile(r"\{(cite(?::[a-z]+)?)\}`([^`]+)`")
BIBLIOGRAPHY = re.compile(r"^(\s*(?:```+|:::+)\{bibliography\}[^\n]*\n)", re.MULTILINE)


def key_prefix(docname: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", docname) + "--"


def prefix_citations(app, docname: str, source: list) -> None:
    text = source[0]
    if "{cite" not in text and "{bibliography}" not in text:
        return
    prefix = key_prefix(docname)

    def with_prefix(match):
        keys = ",".join(prefix + key.strip() for key in match.group(2).split(","))
        return f"{{{match.group(1)}}}`{keys}`"

    text = CITE_ROLE.sub(with_prefix, text)
    text = BIBLIOGRAPHY.sub(lambda m: f"{m.group(1)}:keyprefix: {prefix}\n", text)
    source[0] = text


def setup(app):
    register_plugin("pybtex.style.labels", "oz_short_label", ShortLabelStyle)
    # The name _config.yml has used since the labels were source ids (bibtex_default_style).
    register_plugin("pybtex.style.formatting", "oz_source_id", ShortLabelFormatStyle)
    register_reference_plugin("sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE, ReferenceStyle)
    app.connect("source-read", prefix_citations)  # default priority 500: see DEVELOPERS.md, hook order
    return {"parallel_read_safe": True, "parallel_write_safe": True}
