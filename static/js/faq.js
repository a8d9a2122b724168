// The Q&A: instant search over the entries on the page, and a show/hide toggle for the password.
// Both are enhancements: without this file the search runs on the server and the field still works.
(function () {
  "use strict";

  // The same normalisation as the server's: full-width letters to ASCII, case folded.
  function normalise(text) {
    return (text || "").normalize("NFKC").toLowerCase();
  }

  function setupSearch(form) {
    var input = form.querySelector("input[name=q]");
    var status = document.querySelector("[data-faq-status]");
    var empty = document.querySelector("[data-faq-empty]");
    var entries = Array.prototype.slice.call(document.querySelectorAll("[data-faq-entry]"));
    var topics = Array.prototype.slice.call(document.querySelectorAll("[data-faq-topic]"));
    if (!input || !entries.length) return;
    // Questions and answers in both languages, as on the server: a one-language version carries
    // the other language's words in data-faq-text; otherwise the text shown (not notices or links).
    var texts = entries.map(function (entry) {
      var given = entry.getAttribute("data-faq-text");
      if (given !== null) return normalise(given);
      var parts = entry.querySelectorAll(".faq-question, .faq-answer");
      return normalise(Array.prototype.map.call(parts, function (part) { return part.textContent; }).join(" "));
    });
    var timer = null;

    function message(count) {
      if (count === 0) return form.getAttribute("data-status-none");
      if (count === 1) return form.getAttribute("data-status-one");
      return form.getAttribute("data-status-many").replace("{count}", String(count));
    }

    function apply() {
      var words = normalise(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry, index) {
        var match = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
        entry.classList.toggle("is-filtered-out", !match);
        var tocItem = document.querySelector('[data-faq-toc-entry="' + entry.id + '"]');
        if (tocItem) tocItem.classList.toggle("is-filtered-out", !match);
        if (match) shown += 1;
      });
      topics.forEach(function (topic) {
        var visible = topic.querySelector("[data-faq-entry]:not(.is-filtered-out)") !== null;
        topic.classList.toggle("is-filtered-out", !visible);
        var tocTopic = document.querySelector('[data-faq-toc-topic="' + topic.id + '"]');
        if (tocTopic) tocTopic.classList.toggle("is-filtered-out", !visible);
      });
      if (empty) empty.hidden = shown !== 0;
      if (status) status.textContent = words.length ? message(shown) : "";
      // Keep the address in step, so a reload or a shared link shows the same search.
      var url = new URL(window.location.href);
      if (words.length) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      // A short pause, so a screen reader is not told the count after every key.
      timer = window.setTimeout(apply, 150);
    });
  }

  function setupPasswordToggle(form) {
    var wrapper = form.querySelector("[data-password-field]");
    var input = wrapper && wrapper.querySelector("input");
    if (!input) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary faq-password__toggle";
    button.textContent = form.getAttribute("data-show-label");
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-controls", input.id);
    button.addEventListener("click", function () {
      var show = input.type === "password";
      input.type = show ? "text" : "password";
      // The focus stays on the button, so a keyboard user can press it again.
      button.setAttribute("aria-pressed", show ? "true" : "false");
    });
    wrapper.appendChild(button);
    // Never send or keep the password as visible text: hide it again before the form is sent.
    form.addEventListener("submit", function () {
      input.type = "password";
      button.setAttribute("aria-pressed", "false");
    });
  }

  // The address of the prompt keeps the #anchor of the question the visitor followed (a
  // redirect keeps it), but a form post would lose it: carry it in the form, once it is shown.
  function keepFragment(field) {
    var anchor = window.location.hash.slice(1);
    if (/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(anchor)) field.value = anchor;
  }

  document.querySelectorAll("[data-faq-search]").forEach(setupSearch);
  document.querySelectorAll("[data-unlock-fragment]").forEach(keepFragment);
  document.querySelectorAll("[data-password-form]").forEach(setupPasswordToggle);
})();
