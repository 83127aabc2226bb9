/* Reader tools for chapter pages: private notes per section and "kopieer link" buttons.
 * Notes live only in this browser (localStorage) and leave it only as a Markdown file
 * the reader downloads; nothing is sent anywhere. */
(function () {
  "use strict";

  var STORE_PREFIX = "oz-notes:";
  var EXPORT_NAME = "aantekeningen-onzichtbaar.md";
  // The script lives in <book>/_static/, so its URL tells where the book starts.
  var BOOK_ROOT = new URL("..", document.currentScript.src).href;
  var status, pageTitle;

  function pagePath() {
    var here = location.href.split("#")[0].split("?")[0];
    return here.indexOf(BOOK_ROOT) === 0 ? here.slice(BOOK_ROOT.length) : location.pathname;
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

  function announce(message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
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
    return notes.sort(function (a, b) {
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

  function notesMarkdown(notes) {
    var lines = ["# Aantekeningen bij \u2018Onzichtbaar \u2014 Mensenhandel in Nederland\u2019", "",
      "Ge\u00ebxporteerd op " + new Date().toLocaleString("nl-NL") + ". Deze aantekeningen stonden alleen in je eigen browser.", ""];
    var page = null;
    notes.forEach(function (note) {
      if (note.page !== page) {
        page = note.page;
        lines.push("## " + (note.pageTitle || note.page), "", "Pagina: " + note.page, "");
      }
      lines.push("### " + note.title, "", "Link: " + new URL(note.page + "#" + note.section, BOOK_ROOT).href, "",
        note.text.trim(), "");
    });
    return lines.join("\n");
  }

  function exportNotes() {
    var notes = allNotes();
    if (!notes.length) {
      announce("Er zijn nog geen aantekeningen om te exporteren.");
      return;
    }
    var url = URL.createObjectURL(new Blob([notesMarkdown(notes)], { type: "text/markdown;charset=utf-8" }));
    var link = make("a", { href: url, download: EXPORT_NAME });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
    announce(notes.length + " aantekening(en) ge\u00ebxporteerd als " + EXPORT_NAME + ".");
  }

  function notesBar() {
    var bar = make("div", { "class": "oz-tools oz-notes-bar" });
    var text = storage
      ? "Bij elke paragraaf kun je een aantekening maken. Die blijft alleen in deze browser; niets wordt verstuurd."
      : "Aantekeningen bewaren kan niet in deze browser (opslag staat uit).";
    bar.appendChild(make("p", {}, text));
    if (storage) {
      var button = make("button", { type: "button", "class": "oz-button oz-export" }, "Exporteer aantekeningen");
      button.addEventListener("click", exportNotes);
      bar.appendChild(button);
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

  function copyButton(anchorId, what) {
    var button = make("button", { type: "button", "class": "oz-button oz-copy-link",
      "aria-label": "Kopieer link naar " + what }, "kopieer link");
    button.addEventListener("click", function () {
      var url = location.href.split("#")[0] + "#" + anchorId;
      copyText(url).then(function () {
        button.textContent = "link gekopieerd";
        window.setTimeout(function () { button.textContent = "kopieer link"; }, 2000);
        announce("Link gekopieerd: " + url);
      }, function () {
        announce("Kopi\u00ebren lukte niet. De link is: " + url);
      });
    });
    var row = make("div", { "class": "oz-tools oz-share" });
    row.appendChild(button);
    return row;
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
      box.parentNode.insertBefore(copyButton(id, "uitleg \u2018" + (title ? title.textContent.trim() : name) + "\u2019"), box);
      if (location.hash === "#" + id) box.scrollIntoView();
    });
  }

  // ---- set-up -------------------------------------------------------------------------
  function start() {
    var article = document.querySelector("main article");
    if (!/^chapters\/[^/]+\.html$/.test(pagePath()) || !article) return;
    status = make("p", { role: "status", "class": "oz-offscreen", id: "oz-tools-status" });
    document.body.appendChild(status);
    var title = article.querySelector("h1");
    pageTitle = title ? headingText(title) : document.title;
    if (title) title.parentNode.insertBefore(notesBar(), title.nextSibling);
    article.querySelectorAll("section[id] > h2, section[id] > h3").forEach(function (heading, order) {
      var section = heading.parentNode;
      var tools = copyButton(section.id, "\u2018" + headingText(heading) + "\u2019");
      if (storage && heading.tagName === "H2") tools.appendChild(noteEditor(section, heading, order));
      heading.parentNode.insertBefore(tools, heading.nextSibling);
    });
    article.querySelectorAll("figure[id]").forEach(function (figure) {
      var caption = figure.querySelector("figcaption");
      var what = "figuur \u2018" + (caption ? headingText(caption) : figure.id) + "\u2019";
      figure.appendChild(copyButton(figure.id, what));
    });
    // Explainers are drawn by the widget manager after the page loads.
    addExplainerLinks(article);
    new MutationObserver(function () { addExplainerLinks(article); })
      .observe(article, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
