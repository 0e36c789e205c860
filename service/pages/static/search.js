// Results as you type: debounced, same-origin, swaps in the server-rendered (escaped) result list.
// Without this script the search form is a plain GET form and works the same on Enter.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-search]");
  if (!form || !window.fetch) { return; }
  var input = form.querySelector("input[name=q]");
  var results = document.getElementById("results");
  var status = document.getElementById("result-status");
  var endpoint = form.getAttribute("data-live-search");
  var DELAY_MS = 150;
  var timer = null;
  var controller = null;
  var latest = 0;
  var lastQuery = null;

  function params() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value.trim() !== "") { data.append(key, value); }
    });
    return data.toString();
  }

  function run() {
    var query = params();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    var mine = ++latest;
    results.setAttribute("aria-busy", "true");
    fetch(endpoint + (query ? "?" + query : ""), {
      credentials: "same-origin",
      headers: { "Accept": "text/html" },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (response.redirected && response.url.indexOf("/sign-in") !== -1) {
        window.location.assign(response.url);
        return null;
      }
      if (!response.ok) { throw new Error("search failed: " + response.status); }
      return response.text();
    }).then(function (html) {
      if (html === null || mine !== latest) { return; }
      results.innerHTML = html;
      var list = results.querySelector("[data-summary]");
      if (status && list) { status.textContent = list.getAttribute("data-summary"); }
      results.setAttribute("aria-busy", "false");
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", form.getAttribute("action") + (query ? "?" + query : ""));
      }
      results.dispatchEvent(new CustomEvent("pw:results", { bubbles: true }));
    }).catch(function (error) {
      if (error && error.name === "AbortError") { return; }
      lastQuery = null;
      results.setAttribute("aria-busy", "false");
      if (status) { status.textContent = "Search is not answering right now. Press Enter to try again."; }
    });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, DELAY_MS);
  }

  lastQuery = params();
  input.addEventListener("input", soon);
  form.querySelectorAll("select").forEach(function (select) { select.addEventListener("change", run); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    lastQuery = null;
    run();
  });
})();
