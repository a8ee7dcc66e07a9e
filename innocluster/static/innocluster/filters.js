// A catalogue's filter panel (templates/includes/filter_panel.html) stays open, or closed, when
// htmx swaps in new counts after a change: on a phone a ticked box does not fold the panel away.
(function () {
  let open = null;
  document.addEventListener("htmx:beforeSwap", function () {
    const panel = document.getElementById("filter-panel");
    open = panel ? panel.open : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    const panel = document.getElementById("filter-panel");
    if (panel && open !== null) panel.open = open || panel.open;
  });
})();
