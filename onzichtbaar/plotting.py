"""House style for the book's figures and their reproducible export.

Colours: the Okabe–Ito palette, which stays distinguishable for the common forms
of colour blindness. Export: SVG + PNG + the CSV of exactly the plotted numbers,
byte-identical across builds (no dates in the metadata, fixed SVG hash salt).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from onzichtbaar import FIGURES_DIR

#: Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "oranje": "#E69F00",
    "hemelsblauw": "#56B4E9",
    "blauwgroen": "#009E73",
    "geel": "#F0E442",
    "blauw": "#0072B2",
    "vermiljoen": "#D55E00",
    "roodpaars": "#CC79A7",
    "zwart": "#000000",
}
#: Order for categorical series: strongest contrasts on white first, yellow last.
PALETTE = [
    OKABE_ITO[k] for k in ("blauw", "oranje", "blauwgroen", "vermiljoen", "roodpaars", "hemelsblauw", "zwart", "geel")
]

STYLE = {
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.axisbelow": True,
    "font.size": 11,
    "axes.titlesize": 12,
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "svg.fonttype": "none",  # text stays text: smaller, searchable, selectable
    "svg.hashsalt": "onzichtbaar",  # stable element ids across builds
    "axes.formatter.use_locale": False,
}


def use_style() -> None:
    """Apply the house style to every later figure.

    In a notebook, figures are also shown as SVG without a date, so a glued
    figure in the book is text-searchable, sharp and identical across builds.
    """
    plt.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # plain Python: nothing is displayed
        return
    if get_ipython() is not None:
        set_matplotlib_formats("svg", metadata={"Date": None, "Creator": None})


def dutch_thousands(axis) -> None:
    """Label an axis with Dutch thousands separators (5.060, not 5,060)."""
    from matplotlib.ticker import FuncFormatter

    from onzichtbaar.dutch import number

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))


def save_figure(fig, name: str, plotted: pd.DataFrame, folder: Path | None = None) -> dict[str, Path]:
    """Write ``fig`` as SVG and PNG and ``plotted`` as CSV under ``figures/``.

    ``plotted`` must hold exactly the numbers drawn, so a teacher can reuse them.
    Returns the paths written, keyed by extension.
    """
    if plotted.empty:
        raise ValueError(f"figure {name!r}: the table of plotted numbers is empty")
    folder = folder or FIGURES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    paths = {ext: folder / f"{name}.{ext}" for ext in ("svg", "png", "csv")}
    fig.savefig(paths["svg"], format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(paths["png"], format="png", dpi=150, metadata={"Software": None})
    plotted.to_csv(paths["csv"], index=False, lineterminator="\n")
    return paths
