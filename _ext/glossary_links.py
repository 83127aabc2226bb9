"""Sphinx extension: link the first use of each glossary term in every chapter.

Chapters are written without ``{term}`` roles; this extension adds the links when a
page is written (``doctree-resolved``), so authors need not remember them. For each
page other than the glossary, the first occurrence of each term in running text
becomes a link to the term's entry (``woordenlijst.html#term-...``, the id Sphinx
itself gave the term).

What counts as an occurrence:

* case-insensitive, whole words only ("uitbuiting" does not match inside
  "arbeidsuitbuiting");
* each word may carry a regular Dutch ending (-e, -n, -en, -s, -'s), so
  "minderjarigen" and "RIEC's" count; a non-final word of a multi-word term may
  stand in parentheses, so "(mogelijke) slachtoffers" counts for "mogelijk
  slachtoffer";
* only text inside paragraphs (also in lists, tables and admonition bodies), never
  in headings, admonition or exercise titles, captions, code, existing links,
  citations, solutions or the glossary itself;
* a term split by inline markup ("seksuele *uitbuiting*") is not recognised;
* where terms overlap, the longer one wins ("seksuele uitbuiting" before
  "uitbuiting"); the shorter one is then linked at its next own occurrence;
* a term the author already linked by hand counts as linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

GLOSSARY_DOC = "chapters/woordenlijst"
ENDING = r"(?:'s|en|e|n|s)?"
# Text inside these nodes is never linked.
SKIPPED_NODES = (
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.caption,
    nodes.term,
    nodes.literal,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.raw,
    nodes.comment,
    nodes.reference,
    nodes.target,
    nodes.citation,
    nodes.footnote,
    nodes.citation_reference,
    nodes.footnote_reference,
    nodes.substitution_definition,
    nodes.math,
    nodes.math_block,
    nodes.image,
    nodes.field_name,
    addnodes.glossary,
    addnodes.pending_xref,
    addnodes.toctree,
    addnodes.index,
    addnodes.desc_signature,
)
# Cell outputs are computed results (tables, printed text), not the chapter's prose.
SKIPPED_CLASSES = {"admonition-title", "solution", "cell_output", "oz-no-glossary"}


@dataclass(frozen=True)
class Term:
    text: str
    labelid: str
    pattern: re.Pattern


def term_pattern(term: str) -> re.Pattern:
    """Whole-word, case-insensitive pattern for a term with Dutch endings."""
    words = [re.escape(word) + ENDING for word in term.split()]
    optional_brackets = [rf"(?:\({word}\)|{word})" for word in words[:-1]]
    body = r"\s+".join(optional_brackets + words[-1:])
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def glossary_terms(app: Sphinx) -> list[Term]:
    """The terms defined in the glossary document, with the ids Sphinx gave them."""
    glossary_doc = app.config.oz_glossary_doc
    std = app.env.get_domain("std")
    terms = [
        Term(text, labelid, term_pattern(text))
        for (objtype, text), (docname, labelid) in std.objects.items()
        if objtype == "term" and docname == glossary_doc
    ]
    return sorted(terms, key=lambda term: term.text.lower())


def is_skipped(node: nodes.Node) -> bool:
    """True if the text node sits where no glossary link belongs."""
    in_paragraph = False
    for ancestor in ancestors(node):
        if isinstance(ancestor, SKIPPED_NODES) or type(ancestor).__name__ == "solution_node":
            return True
        if SKIPPED_CLASSES & set(ancestor.get("classes", [])):
            return True
        in_paragraph = in_paragraph or isinstance(ancestor, nodes.paragraph)
    return not in_paragraph


def ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def first_matches(text: str, pending: dict[str, Term]) -> list[tuple[int, int, Term]]:
    """Non-overlapping first matches of pending terms, earliest and longest first."""
    candidates = [
        (match.start(), match.end(), term) for term in pending.values() for match in term.pattern.finditer(text)
    ]
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen, used_terms, taken_until = [], set(), -1
    for start, end, term in candidates:
        if start < taken_until or term.labelid in used_terms:
            continue
        chosen.append((start, end, term))
        used_terms.add(term.labelid)
        taken_until = end
    return chosen


def glossary_link(app: Sphinx, docname: str, term: Term, shown: str) -> nodes.reference:
    uri = app.builder.get_relative_uri(docname, app.config.oz_glossary_doc) + "#" + term.labelid
    return nodes.reference(
        "",
        shown,
        internal=True,
        refuri=uri,
        reftitle=f"Woordenlijst: {term.text}",
        classes=["oz-term"],
    )


def link_text(app: Sphinx, docname: str, text: nodes.Text, pending: dict[str, Term]) -> None:
    content = str(text)
    matches = first_matches(content, pending)
    if not matches:
        return
    pieces: list[nodes.Node] = []
    position = 0
    for start, end, term in matches:
        if start > position:
            pieces.append(nodes.Text(content[position:start]))
        pieces.append(glossary_link(app, docname, term, content[start:end]))
        position = end
        del pending[term.labelid]
    if position < len(content):
        pieces.append(nodes.Text(content[position:]))
    # By identity: Text compares like a string, so an equal sibling must not be hit.
    parent = text.parent
    index = next(i for i, child in enumerate(parent.children) if child is text)
    parent[index : index + 1] = pieces


def linked_label(app: Sphinx, reference: nodes.reference) -> str | None:
    """The term id a hand-made link to the glossary points to, if any."""
    uri = reference.get("refuri", "")
    glossary_page = app.builder.get_target_uri(app.config.oz_glossary_doc)
    path, _, anchor = uri.partition("#")
    if anchor and path.endswith(glossary_page.rsplit("/", 1)[-1]):
        return anchor
    return None


def merge_adjacent_text(doctree: nodes.document) -> None:
    """Join neighbouring Text nodes: the parser splits a paragraph at each line break,
    which would hide a term that wraps onto the next line ("Nederlandse / Arbeidsinspectie")."""
    for element in list(doctree.findall(nodes.TextElement)):
        merged: list[nodes.Node] = []
        for child in element.children:
            if merged and isinstance(child, nodes.Text) and isinstance(merged[-1], nodes.Text):
                merged[-1] = nodes.Text(merged[-1] + child)
            else:
                merged.append(child)
        if len(merged) != len(element.children):
            element.children = []
            element.extend(merged)


def link_first_uses(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html" or docname == app.config.oz_glossary_doc:
        return
    pending = {term.labelid: term for term in glossary_terms(app)}
    if not pending:
        return
    merge_adjacent_text(doctree)
    # A snapshot in document order: links added below are not revisited.
    for node in list(doctree.findall(lambda n: isinstance(n, (nodes.Text, nodes.reference)))):
        if not pending:
            return
        if isinstance(node, nodes.reference):
            pending.pop(linked_label(app, node) or "", None)
        elif not is_skipped(node):
            link_text(app, docname, node, pending)


def rewrite_all_when_glossary_changes(app: Sphinx, env, added, changed, removed) -> list[str]:
    """A new or renamed term changes the links on every page, not only the glossary."""
    if app.config.oz_glossary_doc in (added | changed | removed):
        return sorted(env.found_docs - {app.config.oz_glossary_doc})
    return []


def setup(app: Sphinx) -> dict:
    app.add_config_value("oz_glossary_doc", GLOSSARY_DOC, "env")
    app.connect("doctree-resolved", link_first_uses)
    app.connect("env-get-outdated", rewrite_all_when_glossary_changes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
