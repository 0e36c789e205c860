// Feedback buttons ("copy link", "mark as sent", "sent" / "helpful" / "not helpful"): post the form
// (with its CSRF token) in the background and say so, instead of leaving the page.
// Without this script the forms post normally and the server answers with a page.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }

  function statusFor(form) {
    var scope = form.closest("[role=group], section, li") || document;
    return scope.querySelector("[data-feedback-status]");
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return false; });
    }
    return Promise.resolve(false);
  }

  function say(form, text, ok) {
    var status = statusFor(form);
    if (status) {
      status.textContent = text;
      status.classList.toggle("error", !ok);
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-feedback")) { return; }
    event.preventDefault();
    var button = form.querySelector("button");
    var link = form.getAttribute("data-copy");
    var copied = link ? copy(link) : Promise.resolve(false);
    if (button) { button.disabled = true; }
    copied.then(function (didCopy) {
      // getAttribute: the form has a field named "action", which hides form.action.
      return fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        redirect: "manual"
      }).then(function (response) {
        if (!(response.ok || response.type === "opaqueredirect")) { throw new Error(String(response.status)); }
        var label = button ? button.textContent.trim() : "Done";
        if (button) { button.setAttribute("aria-pressed", "true"); }
        if (link) {
          if (!didCopy) {
            var field = document.getElementById("asset-link");
            if (field) { field.focus(); field.select(); }
          }
          say(form, didCopy ? "Link copied and logged." : "Logged. Press Ctrl+C (⌘C) to copy the selected link.", true);
        } else {
          say(form, "Logged: " + label + ".", true);
        }
      });
    }).catch(function (error) {
      say(form, "That didn't go through (" + error.message + "). Reload the page and try again.", false);
    }).then(function () {
      if (button) { button.disabled = false; }
    });
  });
})();
