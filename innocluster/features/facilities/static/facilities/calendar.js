// The availability calendar: choosing a free slot fills the booking form's date and times.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
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
