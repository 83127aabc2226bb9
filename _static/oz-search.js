/* Search (issue #14, item 7), moved out of _templates/search.html (issue #15).
 * _ext/book_search.py writes _static/oz-search-pages.js after the build (per page its title,
 * headings and text without interface text); only the search page loads it. This script
 * uses it to rank results (title, then heading, then how often the page uses the query) and
 * to answer Sphinx's per-result fetch, so excerpts also appear over file://, where the
 * browser blocks fetch, and never contain buttons or labels.
 * Jupyter Book loads every _static/*.js on every page: elsewhere this does nothing. It runs
 * at DOMContentLoaded, before Sphinx's search (its listener is registered later, by
 * searchtools.js, which loads after this file).
 */
document.addEventListener("DOMContentLoaded", function () {
  if (!window.OZ_SEARCH_PAGES) return;
  var pages = window.OZ_SEARCH_PAGES || {};
  var query = (new URLSearchParams(window.location.search).get("q") || "").toLowerCase().trim();
  var words = query.split(/\s+/).filter(function (w) { return w && w.charAt(0) !== "-"; });
  function containsAll(text) {
    text = (text || "").toLowerCase();
    return words.length > 0 && words.every(function (w) { return text.indexOf(w) >= 0; });
  }
  function uses(text) {
    text = (text || "").toLowerCase();
    return words.reduce(function (count, w) { return count + (text.split(w).length - 1); }, 0);
  }
  if (window.Scorer && words.length) {
    var base = Scorer.score;
    /* result: [docname, title, anchor, descr, score, filename] */
    Scorer.score = function (result) {
      var score = base ? base(result) : result[4];
      var page = pages[result[0]];
      if (!page) return score;
      if (containsAll(page.title)) score += 1000;
      else if (page.headings.some(containsAll)) score += 500;
      return score + Math.min(uses(page.html.replace(/<[^>]*>/g, " ")), 100);
    };
  }
  /* Sphinx fetches every result page for its excerpt: answer from the book's own text. */
  var realFetch = window.fetch ? window.fetch.bind(window) : null;
  var root = new URL(document.documentElement.dataset.content_root || "./", window.location.href);
  window.fetch = function (resource, options) {
    var url = new URL(String(resource), window.location.href);
    var path = url.href.indexOf(root.href) === 0 ? url.href.slice(root.href.length) : "";
    var docname = path.replace(/\.html$/, "");
    if (pages[docname]) {
      var html = '<div role="main">' + pages[docname].html + "</div>";
      return Promise.resolve(new Response(html, { headers: { "Content-Type": "text/html" } }));
    }
    return realFetch(resource, options);
  };
});
