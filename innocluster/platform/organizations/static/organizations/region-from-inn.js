// Preselect the region from the INN as it is typed: its first two digits are the region code
// of the tax office that issued it. The select's data-region-by-inn maps those digits to a
// region (the server's own table, core.regions.REGION_BY_INN_PREFIX). Once the person picks a
// region by hand, the INN no longer changes it. On the edit page the INN is fixed: it comes from
// the form's data-inn.
(function () {
  "use strict";
  const region = document.querySelector("select[data-region-by-inn]");
  if (!region) return;
  const table = JSON.parse(region.dataset.regionByInn);
  const innInput = document.getElementById("id_inn");
  let chosenByHand = false;

  function follow(inn) {
    const code = table[(inn || "").trim().slice(0, 2)];
    if (code && !chosenByHand) region.value = code;
  }

  region.addEventListener("change", function () {
    chosenByHand = region.value !== "";
  });
  if (innInput) {
    innInput.addEventListener("input", function () { follow(innInput.value); });
    if (!region.value) follow(innInput.value);
  } else if (!region.value && region.form && region.form.dataset.inn) {
    follow(region.form.dataset.inn);
  }
})();
