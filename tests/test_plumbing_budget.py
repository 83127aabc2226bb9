"""Thin chapters (issue #15, item 3): hidden plumbing stays within the issue's budget.

Hidden plumbing = non-blank code lines in cells a reader never sees (tags ``remove-input``
or ``remove-cell``), counted by ``scripts/count_plumbing.py``. The budget is the issue's:
at most 40 lines in any chapter and 250 across all chapters.
"""

from __future__ import annotations

import importlib.util

from conftest import ROOT

MAX_PER_CHAPTER, MAX_TOTAL = 40, 250  # from issue #15, not from the script


def load_counter():
    spec = importlib.util.spec_from_file_location("count_plumbing", ROOT / "scripts" / "count_plumbing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hidden_plumbing_within_budget():
    counter = load_counter()
    chapters = sorted(p for p in (ROOT / "chapters").glob("*.md") if p.name != "_template.md")
    hidden = {path.stem: counter.count(path)[1] for path in chapters}
    over = {name: lines for name, lines in hidden.items() if lines > MAX_PER_CHAPTER}
    assert not over, f"chapters over {MAX_PER_CHAPTER} hidden lines: {over}"
    assert sum(hidden.values()) <= MAX_TOTAL, f"{sum(hidden.values())} hidden lines in all chapters (max {MAX_TOTAL})"


def test_the_counter_counts_hidden_cells_only(tmp_path):
    notebook = tmp_path / "x.md"
    notebook.write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n"
        "```{code-cell} ipython3\n:tags: [remove-input]\na = 1\n\nb = 2\n```\n\n"
        "```{code-cell} ipython3\nc = 3\n```\n",
        encoding="utf-8",
    )
    assert load_counter().count(notebook) == (1, 2, 1, 1)
