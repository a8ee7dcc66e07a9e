// The header's menus: a button opens its panel (the navigation on a phone, the account menu);
// a second press, Escape or a click elsewhere closes it. Loaded in <head> without defer, so the
// "js" class is set before the page is drawn: the stylesheet folds the menus only under that
// class, and without script every link stays in sight.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function panelOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", String(open));
    panelOf(button).classList.toggle("open", open);
  }

  function openButtons() {
    return Array.prototype.slice.call(
      document.querySelectorAll("[data-menu-button][aria-expanded=true]")
    );
  }

  document.addEventListener("click", function (event) {
    var pressed = event.target.closest("[data-menu-button]");
    openButtons().forEach(function (button) {
      if (button !== pressed && !panelOf(button).contains(event.target)) {
        setOpen(button, false);
      }
    });
    if (pressed) {
      setOpen(pressed, pressed.getAttribute("aria-expanded") !== "true");
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    openButtons().forEach(function (button) {
      setOpen(button, false);
      button.focus();
    });
  });
})();
