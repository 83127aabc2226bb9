/* Reader tools for chapter pages: private notes per section, "kopieer link" buttons,
 * "gelezen" marks and quiz results (progress), and a print button.
 * Notes and progress live only in this browser (localStorage) and leave it only as a
 * Markdown file the reader downloads; nothing is sent anywhere.
 * In the teacher edition (the banner of _ext/editions.py links to the student edition),
 * "kopieer link" copies the student edition's address; a second button the teacher's. */
(function () {
  "use strict";

  var STORE_PREFIX = "oz-notes:";
  var READ_PREFIX = "oz-progress:read:";   // + page path
  var QUIZ_PREFIX = "oz-progress:quiz:";   // + page path + "#" + quiz name
  var EXPORT_NAME = "aantekeningen-onzichtbaar.md";
  var PROGRESS_NAME = "voortgang-onzichtbaar.md";
  var BOOK_TITLE = "Onzichtbaar \u2014 Mensenhandel in Nederland";
  var QUIZ_RESULT = /\b(Goed|Niet goed)\./;
  // The script lives in <book>/_static/, so its URL tells where the book starts.
  var BOOK_ROOT = new URL("..", document.currentScript.src).href;
  var status, pageTitle;

  function bookPath(url) {
    var here = url.split("#")[0].split("?")[0];
    return here.indexOf(BOOK_ROOT) === 0 ? here.slice(BOOK_ROOT.length) : null;
  }

  function pagePath() {
    return bookPath(location.href) || location.pathname;
  }

  // The book's pages in reading order, from the chapter list in the sidebar.
  function bookPages() {
    var pages = [], seen = {};
    document.querySelectorAll(".bd-docs-nav a.reference.internal").forEach(function (link) {
      var path = bookPath(link.href);
      if (path && !seen[path]) {
        seen[path] = true;
        pages.push({ path: path, title: link.textContent.replace(/\s+/g, " ").trim() });
      }
    });
    return pages;
  }

  function bookOrder(path) {
    var index = bookPages().map(function (p) { return p.path; }).indexOf(path);
    return index < 0 ? 1e6 : index;
  }

  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (text) element.textContent = text;
    return element;
  }

  // Heading text without the "#" permalink and our own controls.
  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, .oz-tools").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // Feedback everyone sees (and screen readers hear): a short message at the bottom.
  var hideTimer;
  function announce(message) {
    status.textContent = "";
    status.hidden = false;
    window.setTimeout(function () { status.textContent = message; }, 50);
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(function () { status.hidden = true; }, 8000);
  }

  // ---- storage (may be unavailable, e.g. when the browser blocks it) -------------------
  var storage = (function () {
    try {
      window.localStorage.setItem(STORE_PREFIX + "test", "1");
      window.localStorage.removeItem(STORE_PREFIX + "test");
      return window.localStorage;
    } catch (error) {
      return null;
    }
  })();

  function noteKey(sectionId) { return STORE_PREFIX + pagePath() + "#" + sectionId; }

  function readNote(key) {
    try { return JSON.parse(storage.getItem(key)); } catch (error) { return null; }
  }

  function allNotes() {
    var notes = [];
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      var note = key.indexOf(STORE_PREFIX) === 0 ? readNote(key) : null;
      if (note && note.text) notes.push(note);
    }
    var orders = {};
    notes.forEach(function (note) { orders[note.page] = bookOrder(note.page); });
    return notes.sort(function (a, b) {
      if (orders[a.page] !== orders[b.page]) return orders[a.page] - orders[b.page];
      return a.page < b.page ? -1 : a.page > b.page ? 1 : a.order - b.order;
    });
  }

  // ---- notes ------------------------------------------------------------------------
  function noteEditor(section, heading, order) {
    var key = noteKey(section.id);
    var title = headingText(heading);
    var saved = readNote(key);
    var fieldId = "oz-note-" + section.id;
    var details = make("details", { "class": "oz-note" });
    var summary = make("summary", {}, "Aantekening");
    var state = make("span", { "class": "oz-note-state" });
    var label = make("label", { "for": fieldId }, "Jouw aantekening bij \u2018" + title + "\u2019");
    var field = make("textarea", { id: fieldId, rows: "4" });
    var clear = make("button", { type: "button", "class": "oz-button" }, "Wis aantekening");

    function show(text) {
      state.textContent = text ? " (opgeslagen)" : "";
    }
    field.value = saved && saved.text ? saved.text : "";
    details.open = Boolean(field.value);
    show(field.value);
    field.addEventListener("input", function () {
      if (field.value.trim()) {
        storage.setItem(key, JSON.stringify({
          page: pagePath(), pageTitle: pageTitle,
          section: section.id, title: title, order: order, text: field.value,
          saved: new Date().toISOString()
        }));
      } else {
        storage.removeItem(key);
      }
      show(field.value.trim());
    });
    clear.addEventListener("click", function () {
      field.value = "";
      storage.removeItem(key);
      show("");
      announce("Aantekening bij \u2018" + title + "\u2019 gewist.");
      field.focus();
    });
    summary.appendChild(state);
    details.append(summary, label, field, clear);
    return details;
  }

  function exportedOn(what) {
    return "Ge\u00ebxporteerd op " + new Date().toLocaleString("nl-NL") + ". " + what +
      " stonden alleen in je eigen browser.";
  }

  // Notes grouped per page; page headings at `depth` (##), sections one deeper.
  function notesLines(notes, depth) {
    var lines = [], page = null, hashes = "#".repeat(depth);
    notes.forEach(function (note) {
      if (note.page !== page) {
        page = note.page;
        lines.push(hashes + " " + (note.pageTitle || note.page), "", "Pagina: " + note.page, "");
      }
      lines.push(hashes + "# " + note.title, "", "Link: " + new URL(note.page + "#" + note.section, BOOK_ROOT).href, "",
        note.text.trim(), "");
    });
    return lines;
  }

  function notesMarkdown(notes) {
    return ["# Aantekeningen bij \u2018" + BOOK_TITLE + "\u2019", "", exportedOn("Deze aantekeningen"), ""]
      .concat(notesLines(notes, 2)).join("\n");
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    var link = make("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
  }

  function exportNotes() {
    var notes = allNotes();
    if (!notes.length) {
      announce("Er zijn nog geen aantekeningen om te exporteren.");
      return;
    }
    download(EXPORT_NAME, notesMarkdown(notes));
    announce(notes.length + " aantekening(en) ge\u00ebxporteerd als " + EXPORT_NAME + ".");
  }

  // ---- progress: chapters read and quiz results -----------------------------------------
  function readJSON(key) {
    try { return JSON.parse(storage.getItem(key)); } catch (error) { return null; }
  }

  function entries(prefix) {
    var found = [];
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      var value = key.indexOf(prefix) === 0 ? readJSON(key) : null;
      if (value) found.push(value);
    }
    return found;
  }

  function readMark(path) { return readJSON(READ_PREFIX + path); }

  function readButton() {
    var button = make("button", { type: "button", "class": "oz-button oz-read" });
    function show() {
      var read = Boolean(readMark(pagePath()));
      button.setAttribute("aria-pressed", String(read));
      button.textContent = read ? "\u2713 Gelezen" : "Markeer als gelezen";
    }
    button.addEventListener("click", function () {
      var key = READ_PREFIX + pagePath();
      if (readMark(pagePath())) {
        storage.removeItem(key);
        announce("Dit hoofdstuk staat weer op \u2018nog niet gelezen\u2019.");
      } else {
        storage.setItem(key, JSON.stringify({ page: pagePath(), pageTitle: pageTitle, when: new Date().toISOString() }));
        announce("Dit hoofdstuk staat op \u2018gelezen\u2019. Je voortgang blijft alleen in deze browser.");
      }
      show();
    });
    show();
    return button;
  }

  // The quiz and the exercises' check cards are ipywidgets explainers: read the visible
  // verdict ("Goed." / "Niet goed.") of each one from the page, as the reader sees it.
  function visible(element) { return element.getClientRects().length > 0; }

  function recordQuizResults(article) {
    if (!storage) return;
    article.querySelectorAll(".oz-explainer").forEach(function (box) {
      var name = Array.prototype.find.call(box.classList, function (c) { return /^oz-explainer-(quiz|check)-/.test(c); });
      if (!name) return;
      var verdict = Array.prototype.find.call(box.querySelectorAll(".oz-verdict"), visible);
      var match = verdict && QUIZ_RESULT.exec(verdict.textContent);
      if (!match) return;
      var key = QUIZ_PREFIX + pagePath() + "#" + name.replace(/^oz-explainer-/, "");
      var title = box.querySelector(".oz-title");
      var result = match[1] === "Goed" ? "goed" : "niet goed";
      var saved = readJSON(key);
      if (saved && saved.result === result) return;
      storage.setItem(key, JSON.stringify({
        page: pagePath(), pageTitle: pageTitle, quiz: name.replace(/^oz-explainer-/, ""),
        title: title ? title.textContent.trim() : name, result: result, when: new Date().toISOString()
      }));
    });
  }

  // Per page of the book: read or not, and quiz answers right out of answered.
  function progressRows() {
    var quizzes = entries(QUIZ_PREFIX);
    return bookPages().map(function (page) {
      var mine = quizzes.filter(function (q) { return q.page === page.path; });
      return {
        page: page, read: readMark(page.path),
        quizzes: mine.sort(function (a, b) { return a.quiz < b.quiz ? -1 : a.quiz > b.quiz ? 1 : 0; }),
        right: mine.filter(function (q) { return q.result === "goed"; }).length
      };
    });
  }

  function progressMarkdown() {
    var rows = progressRows();
    var lines = ["# Mijn voortgang in \u2018" + BOOK_TITLE + "\u2019", "",
      exportedOn("Deze gegevens"), "", "## Hoofdstukken", ""];
    rows.forEach(function (row) {
      lines.push("- [" + (row.read ? "x" : " ") + "] " + row.page.title +
        (row.read ? " (gelezen op " + new Date(row.read.when).toLocaleDateString("nl-NL") + ")" : ""));
    });
    lines.push("", "## Quiz en opgaven", "");
    var answered = rows.filter(function (row) { return row.quizzes.length; });
    if (!answered.length) lines.push("Nog geen quizvragen of opgaven beantwoord.");
    answered.forEach(function (row) {
      lines.push("### " + row.page.title, "", row.right + " van " + row.quizzes.length + " beantwoorde vragen goed.", "");
      row.quizzes.forEach(function (q) { lines.push("- " + q.title + ": " + q.result); });
      lines.push("");
    });
    lines.push("", "## Aantekeningen", "");
    var notes = allNotes();
    if (!notes.length) lines.push("Geen aantekeningen.");
    return lines.concat(notesLines(notes, 3)).join("\n");
  }

  function exportProgress() {
    download(PROGRESS_NAME, progressMarkdown());
    announce("Je voortgang is ge\u00ebxporteerd als " + PROGRESS_NAME + ".");
  }

  function progressExportButton() {
    var button = make("button", { type: "button", "class": "oz-button oz-export-progress" }, "Exporteer mijn voortgang");
    button.addEventListener("click", exportProgress);
    return button;
  }

  // The table on the student route page (an empty <div id="oz-progress"> in its source).
  function fillProgressTable(holder) {
    holder.textContent = "";
    if (!storage) {
      holder.appendChild(make("p", {}, "Voortgang bijhouden kan niet in deze browser (opslag staat uit)."));
      return;
    }
    var table = make("table", { "class": "table oz-progress-table" });
    var head = make("tr");
    ["Hoofdstuk", "Gelezen", "Quiz en opgaven"].forEach(function (name) { head.appendChild(make("th", { scope: "col" }, name)); });
    table.appendChild(make("thead")).appendChild(head);
    var body = table.appendChild(make("tbody"));
    progressRows().forEach(function (row) {
      var tr = body.appendChild(make("tr"));
      var cell = tr.appendChild(make("td"));
      cell.appendChild(make("a", { href: new URL(row.page.path, BOOK_ROOT).href }, row.page.title));
      tr.appendChild(make("td", {}, row.read ? "\u2713 gelezen" : "nog niet"));
      tr.appendChild(make("td", {}, row.quizzes.length ? row.right + " van " + row.quizzes.length + " goed" : "\u2013"));
    });
    var read = progressRows().filter(function (row) { return row.read; }).length;
    holder.appendChild(make("p", { "class": "oz-progress-summary" },
      read + " van de " + progressRows().length + " pagina\u2019s gelezen."));
    holder.appendChild(table);
    var tools = make("div", { "class": "oz-tools" });
    tools.appendChild(progressExportButton());
    holder.appendChild(tools);
  }

  // Teacher edition: links to this chapter's printed handouts (written by `make handouts`).
  function handoutLinks() {
    var slug = pagePath().replace(/^chapters\//, "").replace(/\.html$/, "");
    var row = make("p", { "class": "oz-handouts" }, "Handout (PDF, A4): ");
    [["student", "studenteneditie"], ["docent", "docenteneditie"]].forEach(function (edition, index) {
      if (index) row.appendChild(document.createTextNode(" \u00b7 "));
      row.appendChild(make("a", { href: new URL("_downloads/handouts/" + edition[0] + "/" + slug + ".pdf", BOOK_ROOT).href,
        download: "" }, edition[1]));
    });
    return row;
  }

  // The tools at the end of a chapter: read mark, exports, and what they keep where.
  function endBar() {
    var bar = make("div", { "class": "oz-tools oz-notes-bar", role: "group", "aria-label": "Jouw aantekeningen en voortgang" });
    var text = storage
      ? "Aantekeningen en voortgang blijven alleen in deze browser; niets wordt verstuurd."
      : "Aantekeningen en voortgang bewaren kan niet in deze browser (opslag staat uit).";
    bar.appendChild(make("p", {}, text));
    if (studentPage()) bar.appendChild(handoutLinks());
    if (storage) {
      bar.appendChild(readButton());
      var button = make("button", { type: "button", "class": "oz-button oz-export" }, "Exporteer aantekeningen");
      button.addEventListener("click", exportNotes);
      bar.appendChild(button);
      // The student route page has this button beside its progress table already.
      if (!document.getElementById("oz-progress")) bar.appendChild(progressExportButton());
    }
    return bar;
  }

  // ---- share links --------------------------------------------------------------------
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = make("textarea", { "aria-hidden": "true", "class": "oz-offscreen" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      area.remove();
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  // Teacher edition: the banner's link to this page in the student edition.
  function studentPage() {
    var link = document.querySelector(".oz-edition-banner a.oz-student-link");
    return link ? link.href.split("#")[0] : null;
  }

  // A file:// link opens only on this computer: say so whenever one is copied (#14).
  var LOCAL_ONLY = " Let op: dit is een link naar een bestand op deze computer. Hij werkt alleen hier, " +
    "niet bij iemand anders; deel een link naar de website van het boek.";

  function copyAction(button, url, label) {
    var local = url.indexOf("file:") === 0 ? LOCAL_ONLY : "";
    button.addEventListener("click", function () {
      copyText(url).then(function () {
        button.textContent = "link gekopieerd";
        window.setTimeout(function () { button.textContent = label; }, 2000);
        announce("Link gekopieerd" + (local ? "." + local : ": " + url));
      }, function () {
        announce("Kopi\u00ebren lukte niet. Kopieer de link zelf: " + url + local);
      });
    });
    return button;
  }

  function copyButton(anchorId, what, teacherOnly) {
    var row = make("div", { "class": "oz-tools oz-share" });
    var teacherUrl = location.href.split("#")[0] + "#" + anchorId;
    var student = teacherOnly ? null : studentPage();
    if (student) {
      row.appendChild(copyAction(make("button", { type: "button", "class": "oz-button oz-copy-link",
        "aria-label": "Kopieer link naar " + what + " in de studenteneditie" }, "kopieer link"),
        student + "#" + anchorId, "kopieer link"));
      row.appendChild(copyAction(make("button", { type: "button", "class": "oz-button oz-copy-teacher-link",
        "aria-label": "Kopieer docentlink naar " + what }, "docentlink"), teacherUrl, "docentlink"));
    } else {
      row.appendChild(copyAction(make("button", { type: "button", "class": "oz-button oz-copy-link",
        "aria-label": "Kopieer link naar " + what }, "kopieer link"), teacherUrl, "kopieer link"));
    }
    return row;
  }

  // Sections and solutions that only the teacher edition has: no student link to them.
  function teacherOnly(element) {
    return Boolean(element.closest('section[id^="docent-"], .solution'));
  }

  function addExplainerLinks(article) {
    article.querySelectorAll(".oz-explainer:not([data-oz-linked])").forEach(function (box) {
      box.setAttribute("data-oz-linked", "");
      var name = Array.prototype.find.call(box.classList, function (c) { return /^oz-explainer-./.test(c); });
      if (!name) return;
      var id = name;
      for (var n = 2; document.getElementById(id); n++) id = name + "-" + n;
      box.id = id;
      var title = box.querySelector(".oz-title");
      box.parentNode.insertBefore(copyButton(id, "uitleg \u2018" + (title ? title.textContent.trim() : name) + "\u2019",
        teacherOnly(box)), box);
      if (location.hash === "#" + id) box.scrollIntoView();
    });
  }

  function printButton() {
    var holder = document.querySelector(".article-header-buttons");
    if (!holder) return;
    var button = make("button", { type: "button", "class": "btn btn-sm pst-navbar-icon oz-print",
      title: "Afdrukken / PDF", "aria-label": "Afdrukken / PDF" });
    button.appendChild(make("i", { "class": "fa-solid fa-print fa-lg", "aria-hidden": "true" }));
    button.addEventListener("click", function () { window.print(); });
    holder.insertBefore(button, holder.firstChild);
  }

  // ---- set-up -------------------------------------------------------------------------
  function start() {
    var article = document.querySelector("main article");
    if (!/^chapters\/[^/]+\.html$/.test(pagePath()) || !article) return;
    status = make("p", { role: "status", "class": "oz-status", id: "oz-tools-status", hidden: "" });
    status.addEventListener("click", function () { status.hidden = true; });
    document.body.appendChild(status);
    var title = article.querySelector("h1");
    pageTitle = title ? headingText(title) : document.title;
    printButton();
    article.appendChild(endBar());
    var progress = document.getElementById("oz-progress");
    if (progress) fillProgressTable(progress);
    article.querySelectorAll("section[id] > h2, section[id] > h3").forEach(function (heading, order) {
      var section = heading.parentNode;
      var tools = copyButton(section.id, "\u2018" + headingText(heading) + "\u2019", teacherOnly(section));
      if (storage && heading.tagName === "H2") tools.appendChild(noteEditor(section, heading, order));
      heading.parentNode.insertBefore(tools, heading.nextSibling);
    });
    article.querySelectorAll("figure[id]").forEach(function (figure) {
      var caption = figure.querySelector("figcaption");
      var what = "figuur \u2018" + (caption ? headingText(caption) : figure.id) + "\u2019";
      figure.appendChild(copyButton(figure.id, what, teacherOnly(figure)));
    });
    // Explainers are drawn by the widget manager after the page loads; quiz verdicts change.
    addExplainerLinks(article);
    var pending = null;
    new MutationObserver(function () {
      addExplainerLinks(article);
      window.clearTimeout(pending);
      pending = window.setTimeout(function () { recordQuizResults(article); }, 200);
    }).observe(article, { childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: ["class", "style", "hidden"] });
    // A reload right after an answer must not lose it to the debounce above.
    window.addEventListener("pagehide", function () { recordQuizResults(article); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
