"""Sphinx extension: every explainer also as plain HTML, from its embedded widget state.

The widget runtime draws an explainer only after it has loaded (1.9 MB) and only with
JavaScript. Before each widget's ``<script type="application/vnd.jupyter.widget-view+json">``
this extension puts a ``<div class="oz-static">`` with two renderings of the same
precomputed answers the widget uses (read from the page's widget state, not recomputed):

- ``oz-static-default``: the working copy, the explainer in its starting state with real
  buttons (``<button aria-pressed>`` per option, grouped and labelled), every note and a
  way to every verdict (:meth:`WidgetState.working_card`). ``_static/oz-page.js`` makes it
  work as soon as it is painted (``html.oz-js``), carries the reader's choices over to the
  live widget once that is drawn, then hides the copy (``oz-drawn``);
- ``oz-static-table``: every combination of the controls with its verdict, each row keyed
  by the combination (``data-oz-index``), where the working copy reads its verdicts. Shown
  without JavaScript and in print (``_static/oz-widgets.css``), where buttons mean nothing.

The copies never reuse the class names the page script and the browser tests look for
(``oz-explainer-*``, ``oz-verdict``, ``oz-verdict-text``): they get ``oz-s-*`` names.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sphinx.application import Sphinx

VIEW_TAG = re.compile(r'<script type="application/vnd.jupyter.widget-view\+json">(?P<json>.*?)</script>', re.DOTALL)
MODEL_PREFIX = "IPY_MODEL_"
#: Widget classes (``_dom_classes``) that the static copies keep, as ``oz-s-<name>``.
VERDICT_ROLES = {"oz-verdict", "oz-verdict-detail"}
ROLES = (
    "oz-card",
    "oz-title-bar",
    "oz-title",
    "oz-intro",
    "oz-note",
    "oz-verdict",
    "oz-verdict-detail",
    "oz-reset",
    "oz-control",
    "oz-history-box",
    "oz-quiz",
)
NOJS_NOTE = "Zonder JavaScript werken de knoppen niet. Hieronder staat bij elke keuze de uitkomst die het model geeft."
TABLE_CAPTION = "Alle keuzes en hun uitkomst"
OUTCOME = "Uitkomst"


def _ref(value) -> str | None:
    return value[len(MODEL_PREFIX) :] if isinstance(value, str) and value.startswith(MODEL_PREFIX) else None


def _static_markup(markup: str) -> str:
    """Answer HTML for a copy: the live widget's marker classes get other names."""
    return re.sub(r"\boz-verdict-text\b", "oz-s-verdict-text", markup)


@dataclass
class WidgetState:
    """The embedded widget state of one page: models and which control drives which stack."""

    models: dict[str, dict]

    @classmethod
    def from_json(cls, text: str) -> WidgetState:
        return cls(json.loads(text)["state"])

    def __post_init__(self) -> None:
        self.driver_of: dict[str, str] = {}
        for model in self.models.values():
            if model["model_name"] == "DirectionalLinkModel":
                state = model["state"]
                source, target = _ref(state["source"][0]), _ref(state["target"][0])
                if state["source"][1] == "index" and state["target"][1] == "selected_index":
                    self.driver_of[target] = source

    def kind(self, model_id: str) -> str:
        return self.models[model_id]["model_name"]

    def state(self, model_id: str) -> dict:
        return self.models[model_id]["state"]

    def classes(self, model_id: str) -> list[str]:
        return self.state(model_id).get("_dom_classes", [])

    def children(self, model_id: str) -> list[str]:
        return [ref for ref in map(_ref, self.state(model_id).get("children", [])) if ref]

    def walk(self, model_id: str) -> Iterator[str]:
        """Every model in the subtree, depth first, all children of stacks included."""
        yield model_id
        for child in self.children(model_id):
            yield from self.walk(child)

    def cards(self, model_id: str) -> list[str]:
        return [m for m in self.walk(model_id) if "oz-card" in self.classes(m)]

    def controls(self, card: str) -> list[str]:
        return [m for m in self.walk(card) if self.kind(m) == "ToggleButtonsModel"]

    # --- rendering --------------------------------------------------------------------

    def render(self, model_id: str, chosen: dict[str, int], controls: list[str] | None = None) -> str:
        """Static HTML of a subtree as the widget shows it for the ``chosen`` indices.

        With ``controls`` (the card's controls, in order) the HTML is the working copy of
        the card (:meth:`working_card`): real buttons, and every option's note.
        """
        state, kind = self.state(model_id), self.kind(model_id)
        classes = self.classes(model_id)
        roles = " ".join(f"oz-s-{c.removeprefix('oz-')}" for c in classes if c in ROLES)
        if kind == "StackModel":
            index = chosen.get(self.driver_of.get(model_id, ""), state.get("selected_index") or 0)
            if controls is not None and self.driver_of.get(model_id) in controls and not set(classes) & VERDICT_ROLES:
                return self.note_stack(model_id, index, controls)
            inner = self.render(self.children(model_id)[index], chosen)
            if controls is not None and "oz-verdict" in classes:
                return f'<div class="{roles}" aria-live="polite">{inner}</div>'
            return f'<div class="{roles}">{inner}</div>' if roles else inner
        if kind in ("VBoxModel", "HBoxModel", "BoxModel"):
            box = "oz-s-row" if kind == "HBoxModel" else "oz-s-box"
            inner = "".join(self.render(child, chosen, controls) for child in self.children(model_id))
            return f'<div class="{box} {roles}">{inner}</div>'
        if kind == "HTMLModel":
            return f'<div class="oz-s-html {roles}">{_static_markup(state.get("value", ""))}</div>'
        if kind == "ToggleButtonsModel":
            active = chosen.get(model_id, state.get("index"))
            label = html.escape(state.get("description", ""))
            if controls is not None:
                return self.buttons(model_id, active)
            options = "".join(
                f'<span class="oz-s-option{" oz-s-active" if i == active else ""}">{html.escape(label)}</span>'
                for i, label in enumerate(state.get("_options_labels", []))
            )
            return f'<div class="oz-s-control"><p class="oz-s-label">{label}</p><div class="oz-s-options">{options}</div></div>'
        if kind == "ButtonModel":
            text = html.escape(state.get("description", ""))
            if controls is not None:
                return f'<div class="oz-s-reset"><button type="button" class="oz-s-button">{text}</button></div>'
            return f'<div class="oz-s-reset"><span class="oz-s-button">{text}</span></div>'
        return ""

    def buttons(self, control: str, active: int) -> str:
        """A control of the working copy: a labelled group of toggle buttons."""
        state = self.state(control)
        label_id = f"oz-s-label-{control}"
        options = "".join(
            f'<button type="button" class="oz-s-option" aria-pressed="{"true" if i == active else "false"}">'
            f"{html.escape(label)}</button>"
            for i, label in enumerate(state.get("_options_labels", []))
        )
        return (
            f'<div class="oz-s-control"><p class="oz-s-label" id="{label_id}">{html.escape(state.get("description", ""))}</p>'
            f'<div class="oz-s-options" role="group" aria-labelledby="{label_id}" data-oz-start="{active}">{options}</div></div>'
        )

    def note_stack(self, stack: str, index: int, controls: list[str]) -> str:
        """A control's notes, one per option; the page script shows the chosen one."""
        notes = "".join(
            f'<div data-oz-option="{i}"{"" if i == index else " hidden"}>{self.render(child, {})}</div>'
            for i, child in enumerate(self.children(stack))
        )
        return f'<div class="oz-s-follow" data-oz-control="{controls.index(self.driver_of[stack])}">{notes}</div>'

    def inner(self, model_id: str, chosen: dict[str, int]) -> str:
        """What a stack with a role shows for ``chosen``, without the stack's own element."""
        index = chosen.get(self.driver_of.get(model_id, ""), self.state(model_id).get("selected_index") or 0)
        return self.render(self.children(model_id)[index], chosen)

    def working_card(self, card: str, number: int) -> str:
        """The card in its starting state, working before the widget runtime has loaded.

        Every option is a ``<button aria-pressed>``; every note is there (the chosen one
        shown). The verdict of a combination (index ``k`` in the order of
        ``itertools.product`` over the controls) is the answer table's row
        ``tr[data-oz-index~=k]``; only verdicts the table leaves out («kies een antwoord»)
        and the explanations below the verdict are ``<template>``s here, each once, keyed
        by every combination that shows it. ``_static/oz-page.js`` does the rest.
        """
        controls = self.controls(card)
        body = self.render(card, {}, controls)
        templates = []
        verdict = self.verdict_node(card)
        detail = next((m for m in self.walk(card) if "oz-verdict-detail" in self.classes(m)), None)
        missing = [k for k, _, _, listed in self.indexed_rows(card) if not listed]
        for role, node, indices in (("verdict", verdict, missing), ("detail", detail, None)):
            if node is None:
                continue
            groups: dict[str, list[int]] = {}
            for k, combination in enumerate(self.combinations(card)):
                if indices is None or k in indices:
                    groups.setdefault(self.inner(node, combination), []).append(k)
            templates += [
                f'<template data-oz-{role}="{" ".join(map(str, ks))}">{markup}</template>'
                for markup, ks in groups.items()
            ]
        name = next((c.removeprefix("oz-explainer-") for c in self.classes(card) if c.startswith("oz-explainer-")), "")
        head, _, tail = body.partition(">")
        return (
            f'{head} data-oz-card="{number}" data-oz-explainer="{html.escape(name)}">'
            f"{tail[: -len('</div>')]}{''.join(templates)}</div>"
        )

    def combinations(self, card: str) -> list[dict[str, int]]:
        controls = self.controls(card)
        sizes = [len(self.state(c).get("_options_labels", [])) for c in controls]
        return [dict(zip(controls, indices)) for indices in itertools.product(*map(range, sizes))]

    def indexed_rows(self, card: str) -> list[tuple[int, list[str], str, bool]]:
        """Every combination: its index, option labels, verdict HTML and whether the table lists it."""
        controls = self.controls(card)
        labels = [self.state(c).get("_options_labels", []) for c in controls]
        verdict = self.verdict_node(card)
        rows = []
        for k, combination in enumerate(self.combinations(card)):
            shown = self.render(verdict, combination)
            listed = "oz-kind-leeg" not in shown  # «kies een antwoord»: nothing chosen, nothing to show
            rows.append((k, [options[combination[c]] for options, c in zip(labels, controls)], shown, listed))
        return rows

    def verdict_node(self, card: str) -> str:
        return next(m for m in self.walk(card) if "oz-verdict" in self.classes(m))

    def fixed_parts(self, card: str) -> tuple[list[str], list[str]]:
        """HTML children of the card that no control changes: before and after the controls."""
        before, after, seen_control = [], [], False
        for child in self.children(card):
            if self.kind(child) == "ToggleButtonsModel":
                seen_control = True
            elif self.kind(child) == "HBoxModel" and "oz-title-bar" in self.classes(child):
                before += [self.render(g, {}) for g in self.children(child) if self.kind(g) == "HTMLModel"]
            elif self.kind(child) == "HTMLModel" and not set(self.classes(child)) & {"oz-verdict", "oz-verdict-detail"}:
                (after if seen_control else before).append(self.render(child, {}))
        return before, after

    def rows(self, card: str) -> list[tuple[list[str], str]]:
        """Every combination the table lists: the option labels and the verdict HTML it shows."""
        return [(labels, shown) for _, labels, shown, listed in self.indexed_rows(card) if listed]

    def answer_table(self, card: str, number: int = 0) -> str:
        headers = [_short_label(self.state(c).get("description", "")) for c in self.controls(card)]
        head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers) + f'<th scope="col">{OUTCOME}</th>'
        body = "".join(
            f'<tr data-oz-index="{k}">'
            + "".join(f"<td>{html.escape(label)}</td>" for label in labels)
            + f"<td>{shown}</td></tr>"
            for k, labels, shown, listed in self.indexed_rows(card)
            if listed
        )
        before, after = self.fixed_parts(card)
        return (
            f'<div class="oz-s-tablecard" data-oz-card="{number}">{"".join(before)}'
            f'<p class="oz-s-nojs">{NOJS_NOTE}</p>'
            f'<div class="oz-s-scroll"><table class="oz-s-table"><caption>{TABLE_CAPTION}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{''.join(after)}</div>"
        )

    def fallback(self, model_id: str) -> str:
        """The ``oz-static`` block for one widget view (empty if it holds no explainer card)."""
        cards = self.cards(model_id)
        if not cards:
            return ""
        default = "".join(self.working_card(card, i) for i, card in enumerate(cards))
        tables = "".join(self.answer_table(card, i) for i, card in enumerate(cards))
        return (
            f'<div class="oz-static" data-oz-cards="{len(cards)}">'
            f'<div class="oz-static-default">{default}</div>'
            f'<div class="oz-static-table">{tables}</div></div>'
        )


def _short_label(description: str) -> str:
    """«Handeling: werd iemand …?» → «Handeling»; a label without a colon stays whole."""
    head, colon, _ = description.partition(":")
    return head if colon and len(head) <= 40 else description


def add_fallbacks(body: str, state: WidgetState) -> str:
    def with_fallback(match: re.Match) -> str:
        model_id = json.loads(match.group("json")).get("model_id", "")
        if model_id not in state.models:
            return match.group(0)
        return state.fallback(model_id) + match.group(0)

    return VIEW_TAG.sub(with_fallback, body)


def page_fallbacks(app: Sphinx, pagename, templatename, context, doctree) -> None:
    from myst_nb.sphinx_ext import NbMetadataCollector

    own = NbMetadataCollector.get_js_files(app.env, pagename)
    body_json = own.get("ipywidgets_state", (None, {}))[1].get("body")
    if body_json and "body" in context:
        context["body"] = add_fallbacks(context["body"], WidgetState.from_json(body_json))


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", page_fallbacks, priority=880)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
