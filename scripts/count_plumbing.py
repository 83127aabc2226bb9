#!/usr/bin/env python3
"""Count the hidden plumbing in the chapters: non-blank code lines in cells a reader never sees.

A code cell is hidden when its tags include ``remove-input`` or ``remove-cell``; every other
code cell (also ``hide-input``, which a reader can open) is visible code. The budget
(issue #15): at most 250 hidden lines across all chapters and at most 40 in any chapter.

Usage: .venv/bin/python scripts/count_plumbing.py [chapters/x.md ...]   (default: every chapter)
Exit status 1 when a budget is exceeded.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parent.parent
HIDDEN_TAGS = {"remove-input", "remove-cell"}
BUDGET_TOTAL, BUDGET_CHAPTER = 250, 40


def count(path: Path) -> tuple[int, int, int, int]:
    """(hidden cells, hidden lines, visible cells, visible lines) of one MyST notebook."""
    notebook = jupytext.read(path, fmt="md:myst")
    hidden_cells = hidden_lines = visible_cells = visible_lines = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        lines = sum(1 for line in cell.source.splitlines() if line.strip())
        if HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
            hidden_cells, hidden_lines = hidden_cells + 1, hidden_lines + lines
        else:
            visible_cells, visible_lines = visible_cells + 1, visible_lines + lines
    return hidden_cells, hidden_lines, visible_cells, visible_lines


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(p for p in (ROOT / "chapters").glob("*.md") if p.name != "_template.md")
    print(f"{'chapter':45} {'hidden':>14} {'visible':>14}")
    total = worst = 0
    for path in paths:
        hc, hl, vc, vl = count(path)
        total, worst = total + hl, max(worst, hl)
        flag = "  > budget" if hl > BUDGET_CHAPTER else ""
        print(f"{path.stem:45} {hc:3} cells {hl:4} {vc:3} cells {vl:4}{flag}")
    print(f"{'total hidden lines':45} {total:14}  (budget {BUDGET_TOTAL}; per chapter {BUDGET_CHAPTER})")
    return 0 if total <= BUDGET_TOTAL and worst <= BUDGET_CHAPTER else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
