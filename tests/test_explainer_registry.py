"""Every explainer card in the built book is registered, so the browser walk covers it.

The browser test (``tests/test_explainers_browser.py``) walks the explainers of the
registry. This test reads every built page of both editions and fails on a card whose name
is not registered, or that sits on another page than the registry says.
"""

from __future__ import annotations

import re

import pytest

from onzichtbaar import widgets

from conftest import EDITIONS

# The card's name class in the embedded widget state (``"_dom_classes": [..., "oz-explainer-sublid"]``).
CARD_CLASS = re.compile(r'"oz-explainer-([a-z0-9-]+)"')


def cards_in(html_dir) -> dict[str, set[str]]:
    """``{card name: {pages it is on}}`` over every built page of ``html_dir``."""
    found: dict[str, set[str]] = {}
    for path in sorted(html_dir.rglob("*.html")):
        for name in CARD_CLASS.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(path.relative_to(html_dir).as_posix())
    return found


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_card_in_the_book_is_registered_on_its_page(edition):
    html_dir = EDITIONS[edition]
    if not (html_dir / "index.html").exists():
        pytest.fail(f"the {edition} edition is not built in {html_dir}: run `make book`")
    registered = {r.name: {r.page} for r in widgets.registered_explainers()}
    assert cards_in(html_dir) == registered


def test_a_name_is_registered_once():
    widgets.registered_explainers()
    with pytest.raises(ValueError, match="registered twice"):
        widgets.register("sublid", "elders.html", lambda: None)


def test_registered_specs_carry_their_registered_name():
    for registered in widgets.registered_explainers():
        assert registered.make_spec().name == registered.name
