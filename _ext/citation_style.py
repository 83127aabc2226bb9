"""Sphinx extension: bibliography labels that are unique across the whole book.

Each chapter has its own bibliography. With numeric labels two chapters both
start at [1], which Sphinx reports as duplicate labels. Labelling an entry with
its source id (the key the research uses) is unique by construction and lets a
reader find the same source in `data/sources.csv`.
"""

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle


class SourceIdLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield entry.key


class SourceIdStyle(UnsrtStyle):
    default_label_style = "source_id"


def setup(app):
    register_plugin("pybtex.style.labels", "source_id", SourceIdLabelStyle)
    register_plugin("pybtex.style.formatting", "oz_source_id", SourceIdStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
