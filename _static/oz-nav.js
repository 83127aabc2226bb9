/* Sidebar toggles that work (issue #14, upstream pydata-sphinx-theme#2451).
   pydata-sphinx-theme 0.17 puts a hidden .primary-toggle/.secondary-toggle in its top bar.
   Its script and sphinx-book-theme's bind their click handlers with
   document.querySelector(), so only those hidden buttons get them, and the visible
   sphinx-book-theme buttons do nothing. Forward a click on any later, visible toggle to
   the first one, which carries the themes' handlers (drawer on a phone, collapse on a
   laptop). Remove this file when the pinned theme fixes #2451. */
(function () {
  function forward(selector) {
    var toggles = document.querySelectorAll(selector);
    var target = toggles[0];
    for (var i = 1; i < toggles.length; i++) {
      toggles[i].addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        target.click();
      });
    }
  }
  function setup() {
    forward(".primary-toggle");
    forward(".secondary-toggle");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
