"""Kernel-free explainers built from ipywidgets.

A reader of the static HTML book has no Python kernel, so no Python callback can
run. Instead every answer is computed at build time and put in a ``Stack``; the
stack's ``selected_index`` follows a control through ``jsdlink``, which the widget
manager runs in the browser from the embedded widget state. With several controls
the stacks are nested: level *k* of the tree follows control *k*. In a live
Jupyter kernel the very same links run in the front end, so both readers see the
same thing.

Keep the number of combinations small (product of the option counts); every
combination becomes one leaf widget in the page.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle

#: Upper bound on leaves of one explainer: keeps pages light and the browser test exhaustive.
MAX_COMBINATIONS = 256


@dataclass(frozen=True)
class Choice:
    """One control of an explainer: a label and its options as ``(label, value)`` pairs."""

    name: str
    description: str
    options: Sequence[tuple[str, Any]]

    def values(self) -> list[Any]:
        return [value for _, value in self.options]


def yes_no(name: str, description: str) -> Choice:
    """A yes/no control whose values are ``False`` / ``True``."""
    return Choice(name, description, (("nee", False), ("ja", True)))


def control(choice: Choice, index: int = 0) -> w.ToggleButtons:
    """The ToggleButtons widget for ``choice``; its ``index`` drives the stacks.

    The description doubles as the accessible name of the button group.
    """
    buttons = w.ToggleButtons(
        options=[(label, i) for i, (label, _) in enumerate(choice.options)],
        index=index,
        description=choice.description,
        style={"description_width": "initial", "button_width": "auto"},
        tooltips=[label for label, _ in choice.options],
    )
    buttons.add_class("oz-control")
    buttons.add_class(f"oz-control-{choice.name}")
    return buttons


def follow(driver: w.ToggleButtons, children: Sequence[w.Widget], layout: w.Layout | None = None) -> w.Stack:
    """A Stack that shows ``children[driver.index]``, linked in the browser.

    Pass one shared ``layout`` for many stacks: every widget otherwise brings its own
    Layout model, which doubles the widget state embedded in the page.
    """
    if len(children) != len(driver.options):
        raise ValueError(
            f"follow(): {len(children)} children for a control with {len(driver.options)} options"
        )
    extra = {"layout": layout} if layout is not None else {}
    stack = w.Stack(list(children), selected_index=driver.index, **extra)
    w.jsdlink((driver, "index"), (stack, "selected_index"))
    return stack


def html_box(
    markup: str, css_class: str = "oz-answer", layout: w.Layout | None = None, style: HTMLStyle | None = None
) -> w.HTML:
    """An HTML widget with a CSS class, for answers and explanations (layout/style may be shared)."""
    extra = {key: value for key, value in (("layout", layout), ("style", style)) if value is not None}
    box = w.HTML(markup, **extra)
    box.add_class(css_class)
    return box


def answer_tree(
    drivers: Sequence[w.ToggleButtons],
    choices: Sequence[Choice],
    answer: Callable[..., w.Widget],
    chosen: tuple = (),
    layout: w.Layout | None = None,
) -> w.Widget:
    """Nested stacks: one level per control, a leaf per combination of values."""
    level = len(chosen)
    if level == len(choices):
        return answer(*chosen)
    children = [
        answer_tree(drivers, choices, answer, chosen + (value,), layout)
        for value in choices[level].values()
    ]
    return follow(drivers[level], children, layout)


def combinations(choices: Sequence[Choice]) -> list[tuple]:
    """Every combination of the choices' values, in the order of the answer tree."""
    return list(itertools.product(*(choice.values() for choice in choices)))


def explainer(
    title: str,
    choices: Sequence[Choice],
    answer: Callable[..., str],
    notes: dict[str, Callable[[Any], str]] | None = None,
    name: str = "explainer",
) -> w.VBox:
    """A complete kernel-free explainer.

    ``answer(*values)`` returns the HTML of the verdict for one combination of the
    controls' values (in the order of ``choices``). ``notes`` maps a choice's name to
    a function of that choice's value alone: its explanation lives in its own small
    Stack next to the control, so it costs one leaf per option, not per combination.
    """
    count = len(combinations(choices))
    if count > MAX_COMBINATIONS:
        raise ValueError(f"explainer {title!r}: {count} combinations, limit {MAX_COMBINATIONS}")
    notes = notes or {}
    # One Layout and one HTMLStyle for every stack and answer: halves the embedded state.
    layout, style = w.Layout(), HTMLStyle()
    drivers = [control(choice) for choice in choices]
    rows: list[w.Widget] = [html_box(f"<strong>{html.escape(title)}</strong>", "oz-title")]
    for choice, driver in zip(choices, drivers):
        rows.append(driver)
        if choice.name in notes:
            explain = notes[choice.name]
            notes_for_choice = [html_box(explain(v), "oz-note", layout, style) for v in choice.values()]
            rows.append(follow(driver, notes_for_choice, layout))
    verdict = answer_tree(
        drivers, choices, lambda *values: html_box(answer(*values), layout=layout, style=style), layout=layout
    )
    verdict.add_class("oz-verdict")
    rows.append(verdict)
    box = w.VBox(rows)
    box.add_class("oz-explainer")
    box.add_class(f"oz-explainer-{name}")
    return box
