"""Sphinx extension: a student and a teacher edition of the book from one source.

The config value ``oz_edition`` picks the edition:

- ``student`` (default): solutions of sphinx-exercise are left out (``hide_solutions``).
- ``docent``: solutions are shown, and each chapter gets its teaching notes from
  ``chapters/_docent/<chapter>.md`` as a section "Voor de docent", inserted before the
  chapter's "Bronnen" section (or at the end). Chapter authors never edit their chapter
  for this; a notes file for a chapter that is not (yet) in the book is simply unused.

The teacher edition also carries a banner on every page (the theme's announcement bar)
that says so and links to the same page in the student edition. Where that edition lives,
relative to the teacher edition's root, is the config value ``oz_student_edition``
(``../html/`` for the layout ``scripts/build_book.sh`` makes; an absolute URL works too).
oz-tools.js reads that link to copy student links from the teacher edition.

``scripts/build_book.sh`` builds both editions, sharing one execution cache.
The helpers below are also used by ``downloads.py`` for the downloadable notebooks.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

EDITIONS = ("student", "docent")
NOTES_DIR = Path("chapters") / "_docent"
NOTES_TITLE = "Voor de docent"
SOURCES_TITLE = "Bronnen"
BANNER_TEXT = "Docenteneditie \u2014 met uitwerkingen."
BANNER_LINK_TEXT = "Deel met studenten de studenteneditie"
LABEL_LINE = re.compile(r"^\(.+\)=\s*$")

_MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin).use(colon_fence_plugin)


# --- Markdown helpers (pure functions, shared with downloads.py) ---------------------------


def top_level_headings(text: str, tag: str = "h2") -> list[tuple[int, str]]:
    """``(line index, title)`` of each top-level heading outside code cells and directives."""
    tokens = _MARKDOWN.parse(text)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == tag and token.level == 0 and token.map:
            found.append((token.map[0], tokens[index + 1].content.strip()))
    return found


def insertion_line(lines: list[str], heading_line: int) -> int:
    """Where to insert text "before a heading": above its ``(label)=`` target, if any."""
    line = heading_line
    while line > 0 and (LABEL_LINE.match(lines[line - 1]) or not lines[line - 1].strip()):
        if LABEL_LINE.match(lines[line - 1]):
            heading_line = line - 1
        line -= 1
    return heading_line


def insert_before_heading(text: str, block: str, title: str | None) -> str:
    """Insert ``block`` before the first ``##`` heading named ``title`` (any ``##`` if None).

    Appended at the end when there is no such heading.
    """
    lines = text.split("\n")
    for line, heading in top_level_headings(text):
        if title is None or heading == title:
            at = insertion_line(lines, line)
            return "\n".join(lines[:at] + [block.strip("\n"), ""] + lines[at:])
    return text.rstrip("\n") + "\n\n" + block.strip("\n") + "\n"


# Text for one edition only: <!-- oz-docent --> … <!-- /oz-docent --> (or oz-student), each
# marker on a line of its own. Removed before parsing, so a reference inside a teacher-only
# block never warns in the student build (Sphinx's {only} would).
EDITION_BLOCK = re.compile(r"^<!-- oz-(student|docent) -->\n(.*?)^<!-- /oz-\1 -->\n?", re.MULTILINE | re.DOTALL)


def for_edition(text: str, edition: str) -> str:
    """``text`` with the other edition's blocks left out and this edition's markers removed."""
    return EDITION_BLOCK.sub(lambda m: m.group(2) if m.group(1) == edition else "", text)


SOLUTION = re.compile(r"^\{solution\}")
GATED_START = re.compile(r"^\{solution-start\}")
GATED_END = re.compile(r"^\{solution-end\}")
ANY_SOLUTION = re.compile(r"\{solution(?:-start|-end)?\}")


def strip_solutions(text: str, gated_only: bool = False, where: str = "") -> str:
    """Remove solution blocks: ``{solution}`` directives and gated ``{solution-start}`` to
    ``{solution-end}`` regions (code cells in between included).

    sphinx-exercise's ``hide_solutions`` drops ``{solution}`` but not the content of a
    gated region, hence ``gated_only`` for the student edition's pages. Raises when a
    solution is left (e.g. nested inside another directive), so none can slip through.
    """
    lines = text.split("\n")
    drop: list[tuple[int, int]] = []
    gated_from = None
    for token in _MARKDOWN.parse(text):
        if token.type not in ("fence", "colon_fence") or token.level != 0 or not token.map:
            continue
        info = token.info.strip()
        if GATED_START.match(info):
            gated_from = token.map[0]
        elif GATED_END.match(info) and gated_from is not None:
            drop.append((gated_from, token.map[1]))
            gated_from = None
        elif SOLUTION.match(info) and not gated_only and gated_from is None:
            drop.append((token.map[0], token.map[1]))
    if gated_from is not None:
        raise ConfigError(f"{where}: {{solution-start}} at line {gated_from + 1} has no {{solution-end}}")
    for start, end in reversed(drop):
        del lines[start:end]
    stripped = "\n".join(lines)
    left = re.search(r"\{solution-(?:start|end)\}" if gated_only else ANY_SOLUTION.pattern, stripped)
    if left:
        line = stripped.count("\n", 0, left.start()) + 1
        raise ConfigError(
            f"{where}: a solution at line {line} (after removal) is nested inside another "
            "block; put solutions at the top level so the student edition can leave them out"
        )
    return stripped


def chapter_slug(docname: str) -> str:
    return Path(docname).name


def notes_path(srcdir: str | Path, docname: str) -> Path:
    return Path(srcdir) / NOTES_DIR / f"{chapter_slug(docname)}.md"


def notes_block(notes: str, docname: str) -> str:
    """The teaching notes as a ``## Voor de docent`` section with a stable label."""
    if re.search(r"^#{1,2} ", notes, flags=re.MULTILINE):
        raise ConfigError(
            f"{NOTES_DIR}/{chapter_slug(docname)}.md: use ### (or deeper) headings only; "
            f"the notes are placed under a '## {NOTES_TITLE}' section"
        )
    return f"(docent-{chapter_slug(docname)})=\n## {NOTES_TITLE}\n\n{notes.strip()}\n"


def with_teaching_notes(text: str, notes: str, docname: str) -> str:
    return insert_before_heading(text, notes_block(notes, docname), SOURCES_TITLE)


# --- Sphinx hooks -----------------------------------------------------------------------------


def apply_edition(app: Sphinx, config: Config) -> None:
    if config.oz_edition not in EDITIONS:
        raise ConfigError(f"oz_edition must be one of {', '.join(EDITIONS)}, not {config.oz_edition!r}")
    config.hide_solutions = config.oz_edition == "student"
    if f"{NOTES_DIR}/**" not in config.exclude_patterns:
        config.exclude_patterns.append(f"{NOTES_DIR}/**")
    if config.oz_edition == "docent":
        title = config.html_title or config.project
        config.html_title = f"{title} · docenteneditie"


def teaching_notes(app: Sphinx, docname: str) -> str | None:
    """The notes text for ``docname`` in the teacher edition, else None."""
    if app.config.oz_edition != "docent":
        return None
    path = notes_path(app.srcdir, docname)
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


def student_source(app: Sphinx, docname: str, source: list[str]) -> None:
    if "<!-- oz-" in source[0]:
        source[0] = for_edition(source[0], app.config.oz_edition)
    if app.config.oz_edition == "student" and "{solution-start}" in source[0]:
        source[0] = strip_solutions(source[0], gated_only=True, where=str(app.env.doc2path(docname)))


def insert_teaching_notes(app: Sphinx, docname: str, source: list[str]) -> None:
    notes = teaching_notes(app, docname)
    if notes is None:
        return
    app.env.note_dependency(str(notes_path(app.srcdir, docname)))  # edit notes -> page rebuilt
    source[0] = with_teaching_notes(source[0], notes, docname)


def student_edition_href(base: str, pagename: str, target_uri: str) -> str:
    """The same page in the student edition, as a link from page ``pagename``.

    ``base`` is the student edition's root relative to the teacher edition's root (e.g.
    ``../html/``) or an absolute URL.
    """
    base = base if base.endswith("/") else base + "/"
    if "://" in base or base.startswith("/"):
        return base + target_uri
    return "../" * pagename.count("/") + base + target_uri


def edition_banner(href: str) -> str:
    return (
        f'{escape(BANNER_TEXT)} <a class="oz-student-link" href="{escape(href, quote=True)}">'
        f"{escape(BANNER_LINK_TEXT)}</a>."
    )


def add_edition_banner(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Teacher edition: the banner on every page (rendered by the theme's announcement bar)."""
    if app.config.oz_edition != "docent" or app.builder.format != "html":
        return
    href = student_edition_href(app.config.oz_student_edition, pagename, app.builder.get_target_uri(pagename))
    context["theme_announcement"] = edition_banner(href)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_exercise")  # its hide_solutions value must exist first
    app.add_config_value("oz_edition", "student", "env", [str])
    # Where the student edition is, seen from the teacher edition's root (see the docstring).
    app.add_config_value("oz_student_edition", "../html/", "html", [str])
    app.connect("html-page-context", add_edition_banner)
    app.connect("config-inited", apply_edition)
    # Before other source-read hooks (e.g. the downloads box), so notes are plain chapter text.
    app.connect("source-read", student_source, priority=400)
    app.connect("source-read", insert_teaching_notes, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
