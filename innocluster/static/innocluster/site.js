// The site's own small script, loaded in <head> without defer, so the "js" class is set before
// the page is drawn: the stylesheet folds menus and stacks tables only under that class, and
// without script every link and every column stays in sight.
// 1. The header's menus: a button opens its panel (the navigation on a phone, the account
//    menu); a second press, Escape or a click elsewhere closes it.
// 2. Tables on a phone: each row becomes a card, each cell after its column's name, which
//    this script copies from the table's head into the cell's data-label.
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

  // A column named only for screen readers (a visually hidden "Actions") gives no label.
  function columnNames(table) {
    return Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.querySelector(".visually-hidden") ? "" : th.textContent.trim();
    });
  }

  function labelCells(table) {
    var names = columnNames(table);
    table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (column > 0 && names[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", names[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  }

  function labelTables(root) {
    root.querySelectorAll("table.table").forEach(labelCells);
  }

  document.addEventListener("DOMContentLoaded", function () { labelTables(document); });
  // Rows that htmx swaps in (a filtered list) get their labels too.
  document.addEventListener("htmx:afterSettle", function (event) { labelTables(event.target); });
})();
