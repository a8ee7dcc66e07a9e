// The availability calendar: choosing a free slot fills the booking form's date and times.
// On a phone the week shows one day at a time: the day buttons above the calendar pick it
// (the stylesheet hides the other days only when the html element has the "js" class).
(function () {
  "use strict";

  function showDay(tab) {
    document.querySelectorAll("[data-day-tab]").forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-pressed", String(selected));
      document.getElementById(other.getAttribute("aria-controls"))
        .classList.toggle("current", selected);
    });
  }

  // The first day with a free slot, or the week's first day when none has one.
  function firstUsefulTab() {
    var tabs = Array.prototype.slice.call(document.querySelectorAll("[data-day-tab]"));
    var withFree = tabs.filter(function (tab) {
      var day = document.getElementById(tab.getAttribute("aria-controls"));
      var free = day.querySelector(".slot.free") !== null;
      tab.classList.toggle("has-free", free);
      return free;
    });
    return withFree[0] || tabs[0];
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tab = firstUsefulTab();
    if (tab) { showDay(tab); }
  });

  document.addEventListener("click", function (event) {
    var tab = event.target.closest("[data-day-tab]");
    if (tab) {
      showDay(tab);
      return;
    }
    var slot = event.target.closest("button[data-slot-day]");
    if (!slot) { return; }
    var form = document.getElementById("booking-form");
    if (!form) { return; }
    form.querySelector("[name=day]").value = slot.dataset.slotDay;
    form.querySelector("[name=start]").value = slot.dataset.slotStart;
    form.querySelector("[name=end]").value = slot.dataset.slotEnd;
    form.querySelector("[name=start]").focus();
  });
})();
