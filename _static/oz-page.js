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
    /* Swap the static copy for the live widget once every card in it has its verdict
       (_ext/widget_fallback.py); until then the live one is drawn out of sight. */
    document.querySelectorAll(".oz-static:not(.oz-drawn)").forEach(function (copy) {
      var live = copy.parentElement.querySelector(":scope > .widget-subarea");
      if (!live) return;
      var drawn = Array.prototype.filter.call(live.querySelectorAll(".oz-card"), function (card) {
        return card.querySelector(".oz-verdict .widget-html-content");
      }).length;
      if (drawn >= +copy.getAttribute("data-oz-cards")) copy.classList.add("oz-drawn");
    });
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
