"""The reader's label for a source id, for places a {cite} role cannot reach (widgets, tables).

``scripts/make_bib.py`` writes one short Dutch label per source to ``references.bib``
(field ``shortlabel``); the book's citations show the same label. Use
``label("laws_md_sr")`` -> ``"Wetboek van Strafrecht, art. 273f"`` instead of a raw key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from onzichtbaar import ROOT

BIB = ROOT / "references.bib"
ENTRY = re.compile(r"@misc\{([^,]+),\n(.*?)\n\}", re.DOTALL)
SHORT_LABEL = re.compile(r"^\s*shortlabel = \{(.*)\},?$", re.MULTILINE)


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Every source id (lower case: BibTeX keys are case-insensitive) with its label."""
    found = {}
    for key, body in ENTRY.findall(BIB.read_text(encoding="utf-8")):
        match = SHORT_LABEL.search(body)
        if match:
            found[key.lower()] = re.sub(r"\\([&%$#_])", r"\1", match.group(1))
    return found


def label(source_id: str) -> str:
    """The label of one source; an unknown id is an error, not a silent raw key."""
    try:
        return labels()[source_id.strip().lower()]
    except KeyError:
        raise KeyError(f"{BIB.name} has no source {source_id!r}: add it to the source lists") from None


def labels_of(source_ids: str, sep: str = ";") -> str:
    """'seksmisdrijf_2009; bnrm_10years' -> 'Ministerie van Justitie, 2009; Bureau Nationaal Rapporteur ...'."""
    return "; ".join(label(s) for s in source_ids.split(sep) if s.strip())
