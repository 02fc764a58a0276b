// Kennisbank editor: gives each open edit form a random token, sent with its autosaves and its
// manual save, so the server can tell this form's own autosaved revision from someone else's
// newer version (initiatieven/services/edit_conflicts.py).
(function () {
  "use strict";

  function randomToken() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (byte) {
        return byte.toString(16).padStart(2, "0");
      })
      .join("");
  }

  function addToken(form) {
    if (form.querySelector('input[name="editing_token"]')) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "editing_token";
    input.value = randomToken();
    form.prepend(input);
  }

  function start() {
    document.querySelectorAll("form[data-edit-form]").forEach(addToken);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
