// BorderMap viewer: a full-screen slippy map for situation-centre wall displays.
// Talks only to the server it came from (no CDN): /styles, /tiles/..., /health.
// Query parameters: style=NAME, from=YYYY-MM-DD, to=YYYY-MM-DD, layers=heatmap,hotspots,incidents
// (the analysis layers shown; default heat map and incidents), kiosk=1 (no controls, cycles
// through the views), views=lon,lat,zoom;lon,lat,zoom;... (kiosk views), cycle=SECONDS.
// The #status element's data attributes count loaded tiles, tile errors and script errors and
// give the tile URL in use, so a headless browser can check the page.
(function () {
  "use strict";

  var status = document.getElementById("status");
  var counters = { tilesLoaded: 0, tileErrors: 0, errors: 0 };
  function report() {
    status.dataset.tilesLoaded = String(counters.tilesLoaded);
    status.dataset.tileErrors = String(counters.tileErrors);
    status.dataset.errors = String(counters.errors);
  }
  window.addEventListener("error", function () { counters.errors += 1; report(); });
  window.addEventListener("unhandledrejection", function () { counters.errors += 1; report(); });
  // Anything the page's Content-Security-Policy blocks counts as an error too.
  document.addEventListener("securitypolicyviolation", function () { counters.errors += 1; report(); });
  if (window.console && console.error) {
    var consoleError = console.error.bind(console);
    console.error = function () { counters.errors += 1; report(); consoleError.apply(null, arguments); };
  }

  var params = new URLSearchParams(window.location.search);
  var kiosk = params.get("kiosk") === "1";
  if (kiosk) { document.body.classList.add("kiosk"); }

  // Central Asia overview, the Fergana valley, the Afghan-Tajik border, the Caspian coast.
  var defaultViews = [[66.0, 41.5, 5], [71.5, 40.7, 8], [69.5, 37.4, 8], [55.0, 40.5, 7]];
  var views = parseViews(params.get("views")) || defaultViews;
  var cycleSeconds = Math.max(5, Number(params.get("cycle")) || 30);

  function parseViews(text) {
    if (!text) { return null; }
    var list = text.split(";").map(function (v) { return v.split(",").map(Number); })
      .filter(function (v) { return v.length === 3 && v.every(isFinite); });
    return list.length ? list : null;
  }

  var map = L.map("map", { zoomControl: !kiosk, worldCopyJump: false, maxZoom: 18, minZoom: 2 })
    .setView([views[0][1], views[0][0]], views[0][2]);
  map.attributionControl.setPrefix("");

  var styleSelect = document.getElementById("style");
  var fromInput = document.getElementById("from");
  var toInput = document.getElementById("to");
  var versionText = document.getElementById("data-version");
  var styles = [];
  var current = null;
  var layer = null;
  var dataVersion = null;
  var stylesVersion = null;

  fromInput.value = params.get("from") || "";
  toInput.value = params.get("to") || "";

  // Layer toggles: the styles show the heat map and incidents and hide hot spot cells; tiles
  // ask for another choice with ?layers= (tiles of the default choice keep their plain URLs).
  var toggles = ["heatmap", "hotspots", "incidents"].map(function (name) { return document.getElementById("layer-" + name); });
  var defaultLayers = "heatmap,incidents";
  if (params.has("layers")) {
    var wantedLayers = params.get("layers").split(",");
    toggles.forEach(function (t) { t.checked = wantedLayers.indexOf(t.value) >= 0; });
  }
  function shownLayers() {
    return toggles.filter(function (t) { return t.checked; }).map(function (t) { return t.value; }).join(",");
  }

  function tileURL(style) {
    // v is the style's fingerprint (style, data files, fonts, renderer): tile URLs change when
    // any of these does, so the browser asks again (and may keep tiles of a current v for long).
    // For styles that draw incidents the data version follows it, so new incidents do the same.
    var v = style.hash;
    var q = [];
    if (style.incidents) {
      if (fromInput.value) { q.push("from=" + encodeURIComponent(fromInput.value)); }
      if (toInput.value) { q.push("to=" + encodeURIComponent(toInput.value)); }
      if (dataVersion !== null) { v += "-" + dataVersion; }
    }
    q.push("v=" + encodeURIComponent(v));
    if (style.incidents && shownLayers() !== defaultLayers) { q.push("layers=" + shownLayers()); }
    return "/tiles/" + encodeURIComponent(style.name) + "/{z}/{x}/{y}" + (L.Browser.retina ? "@2x" : "") + ".png" +
      (q.length ? "?" + q.join("&") : "");
  }

  // Leaflet's attribution control shows its text as HTML: the server's attribution line is
  // plain text, so it is escaped first (a line like <img onerror=...> must show as text).
  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function showStyle(style) {
    current = style;
    // The sample layers are clipped to the style's bounds: tiles and panning stop there.
    var bounds = L.latLngBounds([style.bounds[1], style.bounds[0]], [style.bounds[3], style.bounds[2]]);
    status.dataset.tileUrl = tileURL(style);
    var next = L.tileLayer(tileURL(style), {
      tileSize: 256, maxZoom: 18, noWrap: true, bounds: bounds, attribution: escapeHTML(style.attribution || "BorderMap")
    });
    map.setMaxBounds(bounds.pad(0.05));
    next.on("tileload", function () { counters.tilesLoaded += 1; report(); });
    next.on("tileerror", function () { counters.tileErrors += 1; report(); });
    next.addTo(map);
    if (layer) {
      var old = layer;
      // Keep the old tiles until the new ones are in, so a wall display never flashes empty.
      next.once("load", function () { map.removeLayer(old); });
    }
    layer = next;
    showLegend(style);
  }

  function refreshTiles() {
    if (current && layer) {
      status.dataset.tileUrl = tileURL(current);
      layer.setUrl(tileURL(current), false);
    }
  }

  function showLegend(style) {
    var box = document.getElementById("legend");
    box.textContent = "";
    if (!style.legend.length) { box.hidden = true; return; }
    box.hidden = false;
    var h = document.createElement("h2");
    h.textContent = style.title;
    box.appendChild(h);
    var ul = document.createElement("ul");
    style.legend.forEach(function (item) {
      var li = document.createElement("li");
      var sym = document.createElement("span");
      sym.className = "symbol " + item.symbol;
      if (item.symbol === "line") { sym.style.borderTopColor = item.color; } else { sym.style.background = item.color; }
      sym.style.opacity = String(Math.max(0.35, item.opacity));
      var label = document.createElement("span");
      label.textContent = item.label;
      li.appendChild(sym);
      li.appendChild(label);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function fetchJSON(url) {
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  // A style, data or font file changed on the server: take the styles' new fingerprints and
  // show the current style's tiles under its new URLs.
  function reloadStyles() {
    return fetchJSON("/styles").then(function (doc) {
      var before = current ? current.hash : null;
      styles = doc.styles;
      var now = current && styles.filter(function (s) { return s.name === current.name; })[0];
      if (now) {
        current = now;
        if (now.hash !== before) { refreshTiles(); }
      }
    });
  }

  function pollVersion() {
    fetchJSON("/health").then(function (h) {
      if (stylesVersion !== null && h.styles_version !== stylesVersion) { reloadStyles(); }
      stylesVersion = h.styles_version;
      status.dataset.dataVersion = String(h.data_version);
      versionText.textContent = "Data version " + h.data_version;
      if (dataVersion !== null && h.data_version !== dataVersion) {
        dataVersion = h.data_version;
        if (current && current.incidents) { refreshTiles(); }
      }
      dataVersion = h.data_version;
    }).catch(function () { versionText.textContent = "Server unreachable; retrying"; });
  }

  function updateAddress() {
    var q = new URLSearchParams(window.location.search);
    q.set("style", current.name);
    if (fromInput.value) { q.set("from", fromInput.value); } else { q.delete("from"); }
    if (toInput.value) { q.set("to", toInput.value); } else { q.delete("to"); }
    if (shownLayers() !== defaultLayers) { q.set("layers", shownLayers()); } else { q.delete("layers"); }
    window.history.replaceState(null, "", "?" + q.toString());
  }

  styleSelect.addEventListener("change", function () {
    var s = styles.filter(function (x) { return x.name === styleSelect.value; })[0];
    if (s) { showStyle(s); updateAddress(); }
  });
  [fromInput, toInput].concat(toggles).forEach(function (input) {
    input.addEventListener("change", function () { refreshTiles(); updateAddress(); });
  });
  document.getElementById("clear-time").addEventListener("click", function () {
    fromInput.value = "";
    toInput.value = "";
    refreshTiles();
    updateAddress();
  });

  fetchJSON("/health").then(function (h) {
    dataVersion = h.data_version;
    stylesVersion = h.styles_version;
    status.dataset.dataVersion = String(h.data_version);
    versionText.textContent = "Data version " + h.data_version;
    return fetchJSON("/styles");
  }).then(function (doc) {
    styles = doc.styles;
    styles.forEach(function (s) {
      var o = document.createElement("option");
      o.value = s.name;
      o.textContent = s.title;
      styleSelect.appendChild(o);
    });
    var wanted = params.get("style");
    var first = styles.filter(function (s) { return s.name === wanted; })[0] ||
      styles.filter(function (s) { return s.incidents; })[0] || styles[0];
    if (!first) { throw new Error("the server serves no style"); }
    styleSelect.value = first.name;
    showStyle(first);
    window.setInterval(pollVersion, 5000);
    if (kiosk && views.length > 1) {
      var i = 0;
      window.setInterval(function () {
        i = (i + 1) % views.length;
        map.flyTo([views[i][1], views[i][0]], views[i][2], { duration: 3 });
      }, cycleSeconds * 1000);
    }
  }).catch(function (e) {
    counters.errors += 1;
    report();
    versionText.textContent = String(e.message || e);
    if (window.console) { console.error(e); }
  });
})();
