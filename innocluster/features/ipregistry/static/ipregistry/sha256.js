// Computes the SHA-256 of the chosen work in the browser, so that the file itself need not
// leave the person's computer. Unless "keep the file on the platform" is ticked, the file
// input is disabled on submit: a disabled input is not sent, only the hash is.
// Without JavaScript (or without Web Crypto, which browsers offer only over HTTPS or on
// localhost) the file is sent, hashed on the server and discarded unless kept.
// It also sends the form once only: a double click on "Register" would otherwise send it
// twice (the server refuses the second registration, but the person would see a conflict).
(function () {
  "use strict";

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), function (byte) {
      return byte.toString(16).padStart(2, "0");
    }).join("");
  }

  function sendOnce(form) {
    var sent = false;
    form.addEventListener("submit", function (event) {
      if (sent) {
        event.preventDefault();
      }
      sent = true;
    });
    // Coming back with the Back button shows the page as it was left: usable again.
    window.addEventListener("pageshow", function () { sent = false; });
  }

  function init(form) {
    sendOnce(form);
    var file = form.querySelector("[data-sha256-file]");
    var target = form.querySelector("[data-sha256-target]");
    var keep = form.querySelector("[data-sha256-keep]");
    var status = form.querySelector("[data-sha256-status]");
    var buttons = form.querySelectorAll("button[type=submit]");
    if (!file || !target || !window.crypto || !window.crypto.subtle) {
      return;
    }
    var hashedFile = null; // the File whose hash is in `target`

    function say(key) {
      if (status) {
        status.textContent = status.dataset[key] || "";
      }
    }

    function busy(yes) {
      buttons.forEach(function (button) { button.disabled = yes; });
    }

    async function hashChosenFile() {
      var chosen = file.files && file.files[0];
      hashedFile = null;
      target.readOnly = false;
      if (!chosen) {
        say("none");
        return;
      }
      busy(true);
      say("computing");
      try {
        var digest = await crypto.subtle.digest("SHA-256", await chosen.arrayBuffer());
        if (file.files[0] === chosen) { // not replaced by another choice meanwhile
          target.value = hex(digest);
          target.readOnly = true;
          hashedFile = chosen;
          say("done");
        }
      } catch (error) {
        say("failed");
      } finally {
        busy(false);
      }
    }

    file.addEventListener("change", hashChosenFile);
    form.addEventListener("submit", function (event) {
      var chosen = file.files && file.files[0];
      var keepIt = keep && keep.checked;
      // Asking for more rows registers nothing, so a hashed file is never sent for it.
      var moreRows = event.submitter && event.submitter.name === "more_rows";
      if (chosen && chosen === hashedFile && (!keepIt || moreRows)) {
        file.disabled = true; // the hash goes, the file stays here
      }
    });
    // Coming back with the Back button shows the page as it was left: usable again.
    window.addEventListener("pageshow", function () {
      file.disabled = false;
      busy(false);
    });
    if (file.files && file.files[0]) {
      hashChosenFile(); // a file the browser kept in the field after a reload
    }
  }

  document.querySelectorAll("form[data-sha256]").forEach(init);
})();
