// A live "1 234 / 5 000" beside every text field of a form that has a length limit (issue 16):
// the count in the page's language, updated as the person types. The field's own `maxlength`
// stays, so the browser holds the limit without this script too. Passwords and search boxes
// have no counter: a count of a secret, or of a query, helps nobody.
(function () {
  "use strict";
  var SELECTOR = "main textarea[maxlength], main input[maxlength]:not([type=password])" +
    ":not([type=search]):not([type=hidden])";
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);

  // A form sends each line break of a textarea as two characters (CR LF) and the server counts
  // both, while the browser's maxlength counts one: count them as the server will, and lower
  // the browser's limit by the breaks typed, so a text the counter calls full is one the
  // server takes.
  function show(field, counter) {
    var limit = Number(field.dataset.limit);
    var breaks = field.tagName === "TEXTAREA" ? (field.value.match(/\n/g) || []).length : 0;
    var used = field.value.length + breaks;
    field.maxLength = Math.max(limit - breaks, 0);
    counter.textContent = numbers.format(used) + " / " + numbers.format(limit);
    counter.classList.toggle("near", used >= limit * 0.9 && used < limit);
    counter.classList.toggle("full", used >= limit);
  }

  function attach(field) {
    if (field.dataset.counted || !(field.maxLength > 0)) return;
    field.dataset.counted = "1";
    field.dataset.limit = field.maxLength;
    var counter = document.createElement("span");
    counter.className = "char-counter";
    counter.id = (field.id || field.name) + "_counter";
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    field.addEventListener("input", function () { show(field, counter); });
    show(field, counter);
  }

  function attachWithin(root) {
    if (root.matches && root.matches(SELECTOR)) attach(root);
    if (root.querySelectorAll) root.querySelectorAll(SELECTOR).forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", function () { attachWithin(document); });
  // What htmx puts on the page later (a form swapped in) gets its counters too.
  document.addEventListener("htmx:load", function (event) { attachWithin(event.detail.elt); });
})();
