// The facilities map: Leaflet from our own static files, markers from a JSON script tag.
// Markers are vector circles, so they show even when no tile server can be reached (a closed
// network): the tile layer is added only when the site names one, and its failure is harmless.
(function () {
  "use strict";

  function draw(container) {
    var data = document.getElementById(container.dataset.markers);
    if (!data || typeof L === "undefined") { return; }
    var markers = JSON.parse(data.textContent);
    if (container._leaflet_map) { container._leaflet_map.remove(); }
    var map = L.map(container, { scrollWheelZoom: false, keyboard: true });
    container._leaflet_map = map;
    // The corner credits the platform, not Leaflet's own link and flag: on a closed network the
    // map is ours alone (a tile server's attribution, when one is set, follows it).
    map.attributionControl.setPrefix(container.dataset.prefix || "");
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, {
        maxZoom: 18, attribution: container.dataset.attribution || ""
      }).addTo(map);
    }
    var bounds = [];
    markers.forEach(function (m) {
      var point = [m.lat, m.lng];
      bounds.push(point);
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = new URL(m.url, container.dataset.base || window.location.href).href;
      link.textContent = m.name;
      var meta = document.createElement("p");
      meta.textContent = m.kind + " · " + m.address;
      popup.appendChild(link);
      popup.appendChild(meta);
      L.circleMarker(point, {
        radius: 8, weight: 2, color: "#0b4f9c", fillColor: "#1f78d1", fillOpacity: 0.85
      }).bindPopup(popup).bindTooltip(m.name).addTo(map);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
    } else {
      map.setView([55.751, 37.618], 10);  // Moscow
    }
    container.dataset.markerCount = String(markers.length);
  }

  function drawAll() {
    document.querySelectorAll(".facility-map").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  // After htmx swaps in new results, the map shows the new matches.
  document.addEventListener("htmx:afterSettle", drawAll);
})();
