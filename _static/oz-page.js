/* Page scripts of every page of the book, moved out of _templates/page.html (issue #15).
 * Loaded in <head> without defer (html_js_files in _config.yml), so:
 * - html.oz-js is set before the first paint: the static copies of the explainers then show
 *   the starting state instead of the full answer table (_static/oz-widgets.css);
 * - everything that needs the body waits for DOMContentLoaded. That listener is registered
 *   before the widget runtime's own (a deferred script), so the widget controls are watched
 *   from the first widget drawn.
 */
document.documentElement.classList.add("oz-js");

/* Wide tables on a phone (issue #14): say that a table scrolls sideways when it does. */
(function () {
  function mark() {
    document.querySelectorAll(".pst-scrollable-table-container, .bd-article .cell_output > .output, .oz-s-scroll")
      .forEach(function (box) { box.classList.toggle("oz-wide", box.scrollWidth > box.clientWidth + 1); });
  }
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();

/* The explainers' working copies (_ext/widget_fallback.py, issue #14 item 4). Each copy is
   the card in its starting state with real buttons, so it works the moment it is painted,
   long before the 1.9 MB widget runtime has drawn the live card. The click listener is on
   the document, registered here in <head>, so no click is lost before DOMContentLoaded.
   A verdict comes from the answer table's row of that combination (tr[data-oz-index]) or
   from a <template> in the card; the combination's index counts in the order of
   itertools.product over the controls (first control slowest). */
var ozCopies = (function () {
  function controls(card) { return Array.prototype.slice.call(card.querySelectorAll(".oz-s-options")); }
  function options(group) { return Array.prototype.slice.call(group.querySelectorAll(".oz-s-option")); }
  function chosen(group) {
    return Math.max(0, options(group).findIndex(function (b) { return b.getAttribute("aria-pressed") === "true"; }));
  }
  function choices(card) { return controls(card).map(chosen); }
  function combination(card) {
    return controls(card).reduce(function (k, group) { return k * options(group).length + chosen(group); }, 0);
  }
  function source(card, role, k) {
    var template = card.querySelector("template[data-oz-" + role + '~="' + k + '"]');
    if (template) return template.innerHTML;
    if (role !== "verdict") return null;
    var copy = card.closest(".oz-static");
    var row = copy && copy.querySelector('.oz-s-tablecard[data-oz-card="' + card.getAttribute("data-oz-card") +
      '"] tr[data-oz-index="' + k + '"] > td:last-child > .oz-s-verdict');
    return row ? row.innerHTML : null;
  }
  function show(card) {
    var picks = choices(card), k = combination(card), waiting = false;
    card.querySelectorAll(".oz-s-follow").forEach(function (notes) {
      var pick = String(picks[+notes.getAttribute("data-oz-control")]);
      Array.prototype.forEach.call(notes.children, function (note) {
        note.hidden = note.getAttribute("data-oz-option") !== pick;
      });
    });
    [["verdict", ".oz-s-verdict"], ["detail", ".oz-s-verdict-detail"]].forEach(function (part) {
      var box = card.querySelector(part[1]);
      if (!box) return;
      var markup = source(card, part[0], k);
      if (markup === null) waiting = true;
      else if (box.innerHTML !== markup) box.innerHTML = markup;
    });
    /* The table below may not be parsed yet when a reader is very quick. */
    if (waiting && document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { show(card); }, { once: true });
    }
  }
  function press(group, index) {
    options(group).forEach(function (button, i) { button.setAttribute("aria-pressed", i === index ? "true" : "false"); });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".oz-static-default button");
    var card = button && button.closest(".oz-s-card");
    if (!card) return;
    if (button.classList.contains("oz-s-option")) {
      press(button.closest(".oz-s-options"), options(button.closest(".oz-s-options")).indexOf(button));
    } else if (button.closest(".oz-s-reset")) {
      controls(card).forEach(function (group) { press(group, +group.getAttribute("data-oz-start")); });
    } else return;
    show(card);
  });
  return { choices: choices, controls: controls, options: options };
})();

/* Widget controls (only on pages with widgets: those carry the embedded widget state).
   ipywidgets draws ToggleButtons as a <label> next to plain <button>s: the label names
   nothing and the chosen option is a CSS class only. Name each button group by its label,
   expose the choice as aria-pressed (WCAG 1.3.1, 4.1.2) and announce a new verdict
   politely (4.1.3). */
document.addEventListener("DOMContentLoaded", function () {
  if (!document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]')) return;
  var count = 0, queued = false;
  function enhance() {
    queued = false;
    document.querySelectorAll(".widget-toggle-buttons:not([data-oz-a11y])").forEach(function (control) {
      var label = control.querySelector(":scope > label.widget-label");
      var group = control.querySelector(":scope > div");
      if (!group) return;
      control.setAttribute("data-oz-a11y", "");
      group.setAttribute("role", "group");
      if (label && label.textContent.trim()) {
        label.id = label.id || "oz-control-label-" + (++count);
        group.setAttribute("aria-labelledby", label.id);
      }
    });
    document.querySelectorAll(".widget-toggle-button").forEach(function (button) {
      var pressed = button.classList.contains("mod-active") ? "true" : "false";
      if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
    });
    document.querySelectorAll(".oz-verdict:not([aria-live])").forEach(function (verdict) {
      verdict.setAttribute("aria-live", "polite");
    });
    /* Reset: remember each control's starting option the first time it is drawn. */
    document.querySelectorAll(".oz-card .widget-toggle-buttons:not([data-oz-start])").forEach(function (control) {
      var buttons = Array.prototype.slice.call(control.querySelectorAll(".widget-toggle-button"));
      var start = buttons.findIndex(function (b) { return b.classList.contains("mod-active"); });
      if (start >= 0) control.setAttribute("data-oz-start", start);
    });
    /* Swap the working copy (above) for the live widget once every card in it has its
       verdict; until then the live one is drawn out of sight (_static/oz-widgets.css).
       First the reader's choices in the copy are clicked in the live card, and the swap
       waits until the live verdicts say the same (at most SWAP_WAIT_MS). */
    document.querySelectorAll(".oz-static:not(.oz-drawn)").forEach(function (copy) {
      var live = copy.parentElement.querySelector(":scope > .widget-subarea");
      if (!live) return;
      var liveCards = Array.prototype.filter.call(live.querySelectorAll(".oz-card"), function (card) {
        return card.querySelector(".oz-verdict .widget-html-content");
      });
      if (liveCards.length < +copy.getAttribute("data-oz-cards")) return;
      var copyCards = copy.querySelectorAll(".oz-static-default .oz-s-card");
      var same = true, focused = null;
      copyCards.forEach(function (card, i) {
        var liveCard = liveCards[i];
        if (!liveCard) return;
        var groups = Array.prototype.filter.call(liveCard.querySelectorAll(".widget-toggle-buttons"), function (group) {
          return group.closest(".oz-card") === liveCard;
        });
        ozCopies.controls(card).forEach(function (group, p) {
          var pick = ozCopies.options(group).findIndex(function (b) { return b.getAttribute("aria-pressed") === "true"; });
          var button = groups[p] && groups[p].querySelectorAll(".widget-toggle-button")[pick];
          if (!button) return;
          if (!button.classList.contains("mod-active")) { button.click(); same = false; }
          var focus = ozCopies.options(group).indexOf(document.activeElement);
          if (focus >= 0) focused = groups[p].querySelectorAll(".widget-toggle-button")[focus] || button;
        });
        if (document.activeElement && document.activeElement.closest(".oz-s-reset") && card.contains(document.activeElement)) {
          focused = liveCard.querySelector(".oz-reset");
        }
        if (shownText(card.querySelector(".oz-s-verdict")) !== shownText(liveCard.querySelector(".oz-verdict"))) same = false;
      });
      if (!same) {
        copy.ozSince = copy.ozSince || Date.now();
        if (Date.now() - copy.ozSince < SWAP_WAIT_MS) { setTimeout(later, 100); return; }
      }
      copy.classList.add("oz-drawn");
      if (focused) focused.focus();
    });
  }
  var SWAP_WAIT_MS = 2000;
  function shownText(verdict) {
    if (!verdict) return "";
    var marked = verdict.querySelector(".oz-verdict-text, .oz-s-verdict-text") || verdict;
    return marked.textContent.replace(/\s+/g, " ").trim();
  }
  /* No Python runs in the static book: «Begin opnieuw» clicks each control's starting option. */
  document.addEventListener("click", function (event) {
    var reset = event.target.closest && event.target.closest(".oz-card .oz-reset");
    if (!reset) return;
    reset.closest(".oz-card").querySelectorAll(".widget-toggle-buttons[data-oz-start]").forEach(function (control) {
      if (control.closest(".oz-card") !== reset.closest(".oz-card")) return;
      var button = control.querySelectorAll(".widget-toggle-button")[+control.getAttribute("data-oz-start")];
      if (button && !button.classList.contains("mod-active")) button.click();
    });
  });
  function later() {
    if (!queued) { queued = true; requestAnimationFrame(enhance); }
  }
  new MutationObserver(later).observe(document.body, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class"]
  });
  later();
});
