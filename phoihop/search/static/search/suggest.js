/* phoihop search box: suggestions as the reader types (headlines and tags), an ARIA 1.2 combobox.
   Progressive enhancement: loaded with `defer`, no inline script (CSP); without it the form works. */
(function () {
  "use strict";

  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) return;

  var url = input.getAttribute("data-suggest-url");
  var tagLabel = input.getAttribute("data-suggest-tag") || "";
  var list = document.createElement("ul");
  list.id = input.id + "-goi-y";
  list.className = "suggest-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
  list.hidden = true;
  input.parentNode.classList.add("suggest-host");
  input.parentNode.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  var items = [];
  var active = -1;
  var timer = null;
  var pending = null;
  var cache = {};

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", items[index].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function show(suggestions) {
    list.textContent = "";
    items = suggestions.map(function (suggestion, i) {
      var option = document.createElement("li");
      option.id = list.id + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "suggest-" + suggestion.kind;
      option.setAttribute("data-url", suggestion.url);
      if (suggestion.kind === "tag") {
        var kind = document.createElement("span");
        kind.className = "suggest-kind";
        kind.textContent = tagLabel + ": ";
        option.appendChild(kind);
      }
      option.appendChild(document.createTextNode(suggestion.label));
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      option.addEventListener("click", function () { window.location.href = suggestion.url; });
      list.appendChild(option);
      return option;
    });
    active = -1;
    if (items.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
  }

  function load() {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    if (cache[q]) { show(cache[q]); return; }
    if (pending) pending.abort();
    pending = window.AbortController ? new AbortController() : null;
    fetch(url + "?q=" + encodeURIComponent(q), { signal: pending ? pending.signal : undefined, headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) {
        cache[q] = data.suggestions || [];
        if (input.value.trim() === q) show(cache[q]);
      })
      .catch(function () { /* aborted or offline: the form still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(load, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = items[active].getAttribute("data-url");
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
