/* HumanOps briefing map: draws the layers a briefing holds with Leaflet alone, from the data
 * humanops/products/briefing_layers.py writes into the page (see its docstring for the format).
 * Part of HumanOps (Apache-2.0); not part of Leaflet.
 *
 * Feature values come from partners: popups are built from DOM text nodes, never from HTML
 * strings. The only markup made from data here is SVG from the layer kinds' checked colours
 * and numbers. Nothing is fetched: every icon is inline SVG, every tile a data: URI. */
(function (global) {
  "use strict";

  var TLP_COLOURS = {};
  var TEXT = {};
  var EMPTY_TILE = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.appendChild(document.createTextNode(String(text))); }
    return node;
  }

  function tlpBadge(tlp) {
    var badge = el("span", "ho-tlp-badge", "TLP:" + tlp);
    badge.style.color = TLP_COLOURS[tlp] || "#ffffff";
    return badge;
  }

  function markerHtml(symbol, size) {
    var s = Math.max(4, size);
    return '<svg width="' + s + '" height="' + s + '" viewBox="-55 -55 110 110" overflow="visible">'
      + symbol.svg + "</svg>";
  }

  function pathStyle(symbol) {
    return {
      color: symbol.color, weight: symbol.weight, opacity: symbol.opacity, dashArray: symbol.dashArray,
      fill: symbol.fill, fillColor: symbol.fillColor, fillOpacity: symbol.fillOpacity
    };
  }

  function row(table, label, value) {
    var tr = el("tr");
    tr.appendChild(el("th", null, label));
    tr.appendChild(el("td", null, value));
    table.appendChild(tr);
  }

  function featurePopup(spec, props) {
    var box = el("div", "ho-popup");
    box.appendChild(el("div", "ho-popup-kind", spec.title));
    var table = el("table");
    for (var i = 0; i < spec.fields.length; i++) {
      var value = props.v ? props.v[i] : null;
      if (value !== null && value !== undefined && value !== "") { row(table, spec.fields[i], value); }
    }
    if (props.o) { row(table, TEXT.originator, props.o); }
    box.appendChild(table);
    if (props.g) {
      var note = TEXT.generalised.replace("{precision}", props.g);
      if (props.n) { note += " " + TEXT.standsFor.replace("{n}", props.n.toLocaleString("en")); }
      box.appendChild(el("div", "ho-popup-generalised", note));
    }
    var marking = el("div", "ho-popup-marking");
    marking.appendChild(tlpBadge(props.t));
    if (props.id) { marking.appendChild(el("span", "ho-popup-id", props.id)); }
    box.appendChild(marking);
    return box;
  }

  function clusterPopup(spec, props) {
    var box = el("div", "ho-popup");
    box.appendChild(el("div", "ho-popup-kind", spec.title));
    box.appendChild(el("div", "ho-popup-cluster",
      TEXT.cluster.replace("{n}", props.n.toLocaleString("en")).replace("{cell}", spec.clusters.cell)));
    var table = el("table");
    if (spec.clusters.classLabel && props.c) { row(table, spec.clusters.classLabel, props.c); }
    for (var i = 0; i < spec.clusters.sums.length; i++) {
      if (props.a[i] !== null) { row(table, spec.clusters.sums[i] + " " + TEXT.total, props.a[i]); }
    }
    box.appendChild(table);
    if (props.gm) {
      box.appendChild(el("div", "ho-popup-generalised",
        TEXT.clusterGeneralised.replace("{n}", props.gm.toLocaleString("en"))));
    }
    var marking = el("div", "ho-popup-marking");
    marking.appendChild(el("span", "ho-popup-label", TEXT.highest));
    marking.appendChild(tlpBadge(props.t));
    box.appendChild(marking);
    return box;
  }

  function clusterLabel(n) {
    if (n >= 1000000) { return (n / 1000000).toFixed(n >= 10000000 ? 0 : 1) + "M"; }
    if (n >= 1000) { return (n / 1000).toFixed(n >= 10000 ? 0 : 1) + "k"; }
    return String(n);
  }

  function pointLayer(spec, feature, latlng) {
    var props = feature.properties;
    var symbol = spec.symbols[props.s];
    var px = props.r || symbol.size;
    if (symbol.marker === "circle") {
      var style = pathStyle(symbol);
      style.radius = px / 2;
      return L.circleMarker(latlng, style);
    }
    return L.marker(latlng, {icon: L.divIcon({html: markerHtml(symbol, px), className: "ho-marker",
      iconSize: [px, px]}), keyboard: false});
  }

  function bindPopup(spec, feature, item) {
    item.bindPopup(function () {
      return spec.clusters ? clusterPopup(spec, feature.properties) : featurePopup(spec, feature.properties);
    }, {maxWidth: 360});
  }

  /* A layer drawn as grid cells (too many points): each cell shaded by its count, the counts
   * written in the cells once a cell is large enough on screen to hold them. */
  function clusterCells(spec, group) {
    var cells = L.geoJSON(spec.features, {
      style: function (feature) {
        var symbol = spec.symbols[feature.properties.s];
        return {color: symbol.color, weight: 0.6, opacity: 0.8, fill: true, fillColor: symbol.fillColor,
                fillOpacity: feature.properties.f};
      },
      onEachFeature: function (feature, item) { bindPopup(spec, feature, item); }
    }).addTo(group);
    var labels = L.layerGroup();
    cells.eachLayer(function (item) {
      var props = item.feature.properties;
      labels.addLayer(L.marker([props.at[1], props.at[0]], {interactive: false, keyboard: false,
        icon: L.divIcon({html: "<span>" + clusterLabel(props.n) + "</span>", className: "ho-cluster-label",
                         iconSize: [40, 16]})}));
    });
    function update() {
      var map = group._map;
      if (!map) { return; }
      var first = cells.getLayers()[0];
      if (!first) { return; }
      var bounds = first.getBounds();
      var width = map.latLngToLayerPoint(bounds.getNorthEast()).x - map.latLngToLayerPoint(bounds.getSouthWest()).x;
      if (width >= 34 && !group.hasLayer(labels)) { group.addLayer(labels); }
      if (width < 34 && group.hasLayer(labels)) { group.removeLayer(labels); }
    }
    var owner = null;
    group.on("add", function () { owner = group._map; owner.on("zoomend", update); update(); });
    group.on("remove", function () { if (owner) { owner.off("zoomend", update); owner = null; } });
  }

  /* One briefing layer: its bands (a corridor's true width) under its features. */
  function layer(spec) {
    var group = L.featureGroup();
    group.humanopsName = spec.name;
    if (spec.clusters) {
      clusterCells(spec, group);
      return group;
    }
    if (spec.bands) {
      L.geoJSON(spec.bands, {
        interactive: false,
        style: function (feature) {
          var symbol = spec.symbols[feature.properties.s];
          return {stroke: false, fill: true, fillColor: symbol.fillColor,
                  fillOpacity: Math.max(symbol.fillOpacity, 0.15)};
        }
      }).addTo(group);
    }
    L.geoJSON(spec.features, {
      style: function (feature) { return pathStyle(spec.symbols[feature.properties.s]); },
      pointToLayer: function (feature, latlng) { return pointLayer(spec, feature, latlng); },
      onEachFeature: function (feature, item) { bindPopup(spec, feature, item); }
    }).addTo(group);
    return group;
  }

  function outlines(data) {
    return L.geoJSON(data, {
      interactive: false,
      style: {color: "#8c8c8c", weight: 0.8, fill: true, fillColor: "#f2efe9", fillOpacity: 1}
    });
  }

  function tiles(data) {
    var Embedded = L.TileLayer.extend({
      getTileUrl: function (coords) {
        var image = data.tiles[coords.z + "/" + coords.x + "/" + coords.y];
        return image ? "data:" + data.mime + ";base64," + image : EMPTY_TILE;
      }
    });
    return new Embedded("", {minZoom: 0, maxZoom: 19, minNativeZoom: data.minZoom, maxNativeZoom: data.maxZoom,
                             errorTileUrl: EMPTY_TILE, attribution: ""});
  }

  /* Panels written into the page (legend, about) become Leaflet controls, folded on a phone;
   * the legend follows the layer switcher. */
  function panel(map, id, position) {
    var node = document.getElementById(id);
    if (!node) { return; }
    var details = node.querySelector("details");
    if (details && window.innerWidth < 720) { details.open = false; }   /* a phone: the map first */
    var control = L.control({position: position});
    control.onAdd = function () {
      L.DomEvent.disableClickPropagation(node);
      L.DomEvent.disableScrollPropagation(node);
      node.hidden = false;
      return node;
    };
    control.addTo(map);
  }

  function followSwitcher(map) {
    function show(name, visible) {
      var sections = document.querySelectorAll('.ho-legend-layer[data-layer="' + name + '"]');
      for (var i = 0; i < sections.length; i++) { sections[i].hidden = !visible; }
    }
    map.on("overlayadd", function (e) { if (e.layer.humanopsName) { show(e.layer.humanopsName, true); } });
    map.on("overlayremove", function (e) { if (e.layer.humanopsName) { show(e.layer.humanopsName, false); } });
  }

  function init(map, options) {
    TLP_COLOURS = options.tlpColours;
    TEXT = options.text;
    if (map.attributionControl) { map.attributionControl.setPrefix(options.attributionPrefix); }
    panel(map, "ho-about", "bottomleft");
    panel(map, "ho-legend", "bottomright");
    followSwitcher(map);
    document.documentElement.setAttribute("data-briefing-ready", "yes");
  }

  global.humanopsBriefing = {layer: layer, outlines: outlines, tiles: tiles, init: init};
}(window));
