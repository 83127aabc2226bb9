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

Every explainer is one card (:func:`explainer`): title bar with a reset button, the
instructions, the controls, then the verdict, which CSS keeps in view (sticky) next to
the control just used, coloured by its :class:`Verdict` kind with an icon. The page's
static copies (starting state, and a table of every combination for print and for
readers without JavaScript) are made from the embedded widget state by
``_ext/widget_fallback.py``; styles are in ``_static/oz-widgets.css``.
"""

from __future__ import annotations

import html
import importlib
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle

#: Upper bound on leaves of one explainer: keeps pages light and the browser test exhaustive.
MAX_COMBINATIONS = 256

# Every widget brings its own Layout (and an HTML its own HTMLStyle) unless it is given
# one; on an explainer page those copies were half of the embedded widget state. Boxes
# and stacks in this module share these read-only ones: never change them in place.
_SHARED_LAYOUT = w.Layout()
_SHARED_HTML_STYLE = HTMLStyle()


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


def control(
    choice: Choice, index: int = 0, style: w.ToggleButtonsStyle | None = None, layout: w.Layout | None = None
) -> w.ToggleButtons:
    """The ToggleButtons widget for ``choice``; its ``index`` drives the stacks.

    The description doubles as the accessible name of the button group. Controls of
    one explainer may share one ``style`` and ``layout`` model.
    """
    extra = {"layout": layout} if layout is not None else {}
    buttons = w.ToggleButtons(
        options=[(label, i) for i, (label, _) in enumerate(choice.options)],
        index=index,
        description=choice.description,
        style=style or w.ToggleButtonsStyle(description_width="initial", button_width="auto"),
        tooltips=[label for label, _ in choice.options],
        **extra,
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
        raise ValueError(f"follow(): {len(children)} children for a control with {len(driver.options)} options")
    stack = w.Stack(list(children), selected_index=driver.index, layout=layout or _SHARED_LAYOUT)
    w.jsdlink((driver, "index"), (stack, "selected_index"))
    stack.driver = driver  # plain attribute, not synced: lets Python walk the tree as the browser does
    return stack


def html_box(
    markup: str, css_class: str = "oz-answer", layout: w.Layout | None = None, style: HTMLStyle | None = None
) -> w.HTML:
    """An HTML widget with a CSS class, for answers and explanations (layout/style may be shared)."""
    box = w.HTML(markup, layout=layout or _SHARED_LAYOUT, style=style or _SHARED_HTML_STYLE)
    box.add_class(css_class)
    return box


def answer_tree(
    drivers: Sequence[w.ToggleButtons],
    choices: Sequence[Choice],
    answer: Callable[..., str],
    leaf: Callable[[str], w.Widget],
    layout: w.Layout | None = None,
) -> w.Widget:
    """Nested stacks: one level per control, an answer for every combination of values.

    Every model ends up in the page's embedded state, and the browser renders them all
    before the first click works. So identical answers and identical subtrees are built
    once and shared, and where a control cannot change the answer any more, it gets no
    stack of its own. What the reader sees for each combination stays the same.
    """

    def shape(chosen: tuple):
        level = len(chosen)
        if level == len(choices):
            return ("answer", answer(*chosen))
        branches = tuple(shape(chosen + (value,)) for value in choices[level].values())
        if all(branch == branches[0] for branch in branches):
            return branches[0]
        return ("stack", level, branches)

    built: dict[tuple, w.Widget] = {}

    def build(node: tuple) -> w.Widget:
        if node not in built:
            if node[0] == "answer":
                built[node] = leaf(node[1])
            else:
                built[node] = follow(drivers[node[1]], [build(branch) for branch in node[2]], layout)
        return built[node]

    return build(shape(()))


def combinations(choices: Sequence[Choice]) -> list[tuple]:
    """Every combination of the choices' values, in the order of the answer tree."""
    return list(itertools.product(*(choice.values() for choice in choices)))


# --- verdicts --------------------------------------------------------------------------

#: Kinds of verdict: the CSS class ``oz-kind-<kind>`` colours the verdict and an icon says
#: the same without colour (WCAG 1.4.1). The words are in the verdict text itself.
VERDICT_ICONS = {
    "ja": "\u2714",  # ✔ heavy check mark
    "nee": "\u2716",  # ✖ heavy multiplication x
    "let-op": "\u26a0",  # ⚠ warning sign
    "goed": "\u2714",
    "fout": "\u2716",
    "info": "\u27a4",  # ➤ arrowhead
    "leeg": "\u2026",  # … nothing chosen yet
}
#: How a verdict's first words give its kind when the caller names none (longest first).
_KIND_OF_LEAD = (
    ("niet goed", "fout"),
    ("niet schatbaar", "let-op"),
    ("let op", "let-op"),
    ("goed", "goed"),
    ("ja", "ja"),
    ("van toepassing", "ja"),
    ("nee", "nee"),
    ("geen", "nee"),
    ("kies", "leeg"),
)


def verdict_kind(text: str) -> str:
    """The kind of a verdict sentence from its first words («Ja: …» → ``ja``); else ``info``."""
    lead = text.strip().lower()
    for words, kind in _KIND_OF_LEAD:
        if lead.startswith(words) and not lead[len(words) : len(words) + 1].isalpha():
            return kind
    return "info"


@dataclass(frozen=True)
class Verdict:
    """What an explainer shows for one combination: a plain sentence and explanatory HTML.

    ``kind`` (a key of :data:`VERDICT_ICONS`) colours the sentence and picks its icon;
    without one it follows from the sentence's first words (:func:`verdict_kind`).
    The sentence sits in ``<span class="oz-verdict-text">``, the marker tests read.
    """

    text: str
    detail_html: str = ""
    kind: str | None = None

    @property
    def shown_kind(self) -> str:
        kind = self.kind or verdict_kind(self.text)
        if kind not in VERDICT_ICONS:
            raise ValueError(f"unknown verdict kind {kind!r}; use one of {sorted(VERDICT_ICONS)}")
        return kind

    def headline_html(self) -> str:
        kind = self.shown_kind
        return (
            f'<p class="oz-verdict-line oz-kind-{kind}"><span class="oz-icon" aria-hidden="true">'
            f'{VERDICT_ICONS[kind]}</span> <strong><span class="oz-verdict-text">{html.escape(self.text)}'
            "</span></strong></p>"
        )

    def html(self) -> str:
        return self.headline_html() + self.detail_html


# --- the card ---------------------------------------------------------------------------


def reset_button(label: str, drivers: Sequence[w.ToggleButtons]) -> w.Button:
    """A button that puts every control back to where it started.

    In a live kernel the Python callback does it; in the static book no Python runs, so
    the page's script (``_templates/page.html``) clicks each control's first-shown option.
    """
    start = [driver.index for driver in drivers]
    button = w.Button(description=label, tooltip=label, layout=_SHARED_LAYOUT)
    button.add_class("oz-reset")

    def reset(_button) -> None:
        for driver, index in zip(drivers, start):
            driver.index = index

    button.on_click(reset)
    return button


def explainer(
    title: str,
    choices: Sequence[Choice],
    answer: Callable[..., str | Verdict],
    notes: dict[str, Callable[[Any], str]] | None = None,
    name: str = "explainer",
    intro_html: str = "",
    reset_label: str = "Begin opnieuw",
) -> w.VBox:
    """A complete kernel-free explainer: one framed card.

    The card holds, in reading order: a title bar with a reset button, the instructions
    (``intro_html``), the controls (each with its note), the verdict and its explanation.
    The verdict is sticky (CSS), so it stays in view next to the control just used.

    ``answer(*values)`` gives the verdict for one combination of the controls' values (in
    the order of ``choices``): a :class:`Verdict` (coloured sentence with an icon, and its
    explanation below it), or plain HTML, which is shown as the verdict as it is.
    ``notes`` maps a choice's name to a function of that choice's value alone: its
    explanation lives in its own small Stack next to the control, so it costs one leaf
    per option, not per combination.
    """
    count = len(combinations(choices))
    if count > MAX_COMBINATIONS:
        raise ValueError(f"explainer {title!r}: {count} combinations, limit {MAX_COMBINATIONS}")
    notes = notes or {}
    layout, style = _SHARED_LAYOUT, _SHARED_HTML_STYLE
    control_style = w.ToggleButtonsStyle(description_width="initial", button_width="auto")
    control_layout = w.Layout()
    drivers = [control(choice, style=control_style, layout=control_layout) for choice in choices]
    title_bar = w.HBox(
        [html_box(f"<strong>{html.escape(title)}</strong>", "oz-title"), reset_button(reset_label, drivers)],
        layout=layout,
    )
    title_bar.add_class("oz-title-bar")
    rows: list[w.Widget] = [title_bar]
    if intro_html:
        rows.append(html_box(intro_html, "oz-intro"))
    for choice, driver in zip(choices, drivers):
        rows.append(driver)
        if choice.name in notes:
            explain = notes[choice.name]
            notes_for_choice = [html_box(explain(v), "oz-note", layout, style) for v in choice.values()]
            rows.append(follow(driver, notes_for_choice, layout))

    answers: dict[tuple, str | Verdict] = {}

    def answer_of(*values):  # each combination is computed once, though two trees read it
        key = tuple(map(id, values))  # values are the choices' own objects, not always hashable
        if key not in answers:
            answers[key] = answer(*values)
        return answers[key]

    def leaf(markup: str) -> w.Widget:
        return html_box(markup, layout=layout, style=style)

    structured = all(isinstance(answer_of(*values), Verdict) for values in combinations(choices))
    if structured:
        headline = answer_tree(drivers, choices, lambda *v: answer_of(*v).headline_html(), leaf, layout)
        detail = answer_tree(drivers, choices, lambda *v: answer_of(*v).detail_html, leaf, layout)
        headline.add_class("oz-verdict")
        detail.add_class("oz-verdict-detail")
        rows += [headline, detail]
    else:
        verdict = answer_tree(drivers, choices, lambda *v: _markup(answer_of(*v)), leaf, layout)
        verdict.add_class("oz-verdict")
        rows.append(verdict)
    box = w.VBox(rows)
    box.add_class("oz-explainer")
    box.add_class("oz-card")
    box.add_class(f"oz-explainer-{name}")
    return box


def _markup(answer: str | Verdict) -> str:
    return answer.html() if isinstance(answer, Verdict) else answer


# --- explainers as specs, and the registry of every explainer in the book ----------------


@dataclass(frozen=True)
class ExplainerSpec:
    """One explainer: controls, the answer for each combination, and notes per control.

    ``verdict(*values)`` gives a :class:`Verdict` or HTML markup (see :func:`explainer`).
    The same spec yields the widget (:meth:`widget`) and, for the tests, the expected
    text of every combination (:func:`expected_verdicts`), so page and test cannot drift.
    """

    name: str
    title: str
    choices: tuple[Choice, ...]
    verdict: Callable[..., Verdict | str]
    notes: dict[str, Callable[[Any], str]] = field(default_factory=dict)
    intro_html: str = ""
    reset_label: str = "Begin opnieuw"

    def combinations(self) -> list[tuple[tuple[str, Any], ...]]:
        """Every combination of ``(label, value)`` options, in the order of the answer tree."""
        return list(itertools.product(*(choice.options for choice in self.choices)))

    def widget(self) -> w.Widget:
        return explainer(
            self.title, self.choices, self.verdict, self.notes, self.name, self.intro_html, self.reset_label
        )


_VERDICT_SPAN = re.compile(r'<span class="oz-verdict-text">(.*?)</span>', re.S)
_TAG = re.compile(r"<[^>]+>")


def shown_text(answer: Verdict | str) -> str:
    """The text a reader sees as the verdict, as the browser test reads it.

    A :class:`Verdict` gives its sentence. Markup gives the text of its
    ``oz-verdict-text`` span if it has one, else all its text; whitespace collapsed.
    """
    if isinstance(answer, Verdict):
        return answer.text
    marked = _VERDICT_SPAN.search(answer)
    text = html.unescape(_TAG.sub("", marked.group(1) if marked else answer))
    return " ".join(text.split())


def expected_verdicts(spec: ExplainerSpec) -> list[tuple[dict[str, str], str]]:
    """For every combination: ``({control name: option label}, shown verdict text)``."""
    rows = []
    for combination in spec.combinations():
        labels = {choice.name: label for choice, (label, _) in zip(spec.choices, combination)}
        rows.append((labels, shown_text(spec.verdict(*(value for _, value in combination)))))
    return rows


@dataclass(frozen=True)
class RegisteredExplainer:
    """An explainer of the book: the built page it is on and how to make its spec."""

    name: str
    page: str  # path in the built book, e.g. ``chapters/wat-is-mensenhandel.html``
    make_spec: Callable[[], ExplainerSpec]


_REGISTRY: dict[str, RegisteredExplainer] = {}

#: Modules that register explainers when they are imported.
EXPLAINER_MODULES = ("onzichtbaar.explainers", "onzichtbaar.data_explainers", "onzichtbaar.exercise_checks")


def register(name: str, page: str, make_spec: Callable[[], ExplainerSpec]) -> None:
    """Add an explainer to the registry; every registered one is walked by the browser test.

    ``make_spec`` is called only when the spec is needed, so explainers that read data do
    not load it on import.
    """
    if name in _REGISTRY:
        raise ValueError(f"explainer {name!r} is registered twice")
    _REGISTRY[name] = RegisteredExplainer(name, page, make_spec)


def registered_explainers() -> list[RegisteredExplainer]:
    """Every explainer in the book, by page and name."""
    for module in EXPLAINER_MODULES:
        importlib.import_module(module)
    return sorted(_REGISTRY.values(), key=lambda r: (r.page, r.name))
