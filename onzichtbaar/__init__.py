"""Shared code of the book *Onzichtbaar — Mensenhandel in Nederland*: what a reader or
analyst imports. (What builds the book is in ``bookbuild/``, ``_ext/`` and ``scripts/``.)

Modules:
- ``data``: the validating loader of the data package in ``data/`` (and ``data/policy/``).
- ``dutch``: Dutch formatting of numbers and percentages for glued values.
- ``citations``: the bibliography's short label of a source id, for widgets and tables.
- ``plotting``: house style, colour-blind-safe palette, reproducible figure export.
- ``chapter``: the chapter API: glue helpers, strict lookups, ``publish_figure``, ``bar_table``.
- ``figures``: the book's data figures, one function each (tables in, figure and plotted numbers out).
- ``data_dictionary``: the data package's tables and columns as Markdown.
- ``widgets``: kernel-free explainers (precomputed answers in ``Stack`` widgets), ``ExplainerSpec`` and the registry of every explainer.
- ``data_explainers``: explainers about the data (the monitor's breakdown per year).
- ``law273f``: art. 273f Sr as a model: elements, sub-clauses, penalties.
- ``explainers``: the art. 273f explainers and quiz built on ``law273f`` and ``widgets``.
- ``exercise_checks``: check cards for the case exercises (right answer from the explainers).
- ``mse``: multiple systems estimation of the number of victims.
- ``form_numbers``: the numbers the three form chapters glue (name -> Dutch text), one function each.
- ``monitor_numbers``: the numbers the monitor chapter glues (name -> Dutch text), one function per section.
- ``mse_numbers``: the numbers the MSE chapter glues (name -> Dutch text), one function per section.
"""

from pathlib import Path

#: Repository root: the folder that holds ``_config.yml``.
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
FIGURES_DIR = ROOT / "figures"
