"""Sphinx extension: bibliography labels that are unique across the whole book.

Each chapter has its own bibliography. With numeric labels two chapters both
start at [1], which Sphinx reports as duplicate labels. Labelling an entry with
its source id (the key the research uses) is unique by construction and lets a
reader find the same source in `data/sources.csv`.
"""

import re

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle


class SourceIdLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield entry.key


class SourceIdStyle(UnsrtStyle):
    default_label_style = "source_id"


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
    register_plugin("pybtex.style.labels", "source_id", SourceIdLabelStyle)
    register_plugin("pybtex.style.formatting", "oz_source_id", SourceIdStyle)
    app.connect("source-read", prefix_citations)  # default priority 500: see DEVELOPERS.md, hook order
    return {"parallel_read_safe": True, "parallel_write_safe": True}
