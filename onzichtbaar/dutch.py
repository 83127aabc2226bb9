"""Dutch formatting of numbers for prose (glued values)."""

from __future__ import annotations

import math


def number(value: float, decimals: int = 0) -> str:
    """Format ``value`` the Dutch way: ``5060`` -> ``'5.060'``, ``4.5`` -> ``'4,5'``.

    Raises ``ValueError`` for a missing value, so a gap can never be glued as a number.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot format a missing value as a number")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(fraction: float, decimals: int = 0) -> str:
    """Format a fraction as a Dutch percentage: ``0.254`` -> ``'25 %'``."""
    return f"{number(fraction * 100, decimals)} %"
