"""Shared code of the book *Onzichtbaar — Mensenhandel in Nederland*.

Modules:
- ``data``: the validating loader of the data package in ``data/``.
- ``plotting``: house style, colour-blind-safe palette, reproducible figure export.
- ``widgets``: kernel-free explainers (precomputed answers in ``Stack`` widgets).
- ``dutch``: Dutch number and date formatting for glued values.
"""

from pathlib import Path

#: Repository root: the folder that holds ``_config.yml``.
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
FIGURES_DIR = ROOT / "figures"
