// Draws the network described by #kg-data with vis-network; adds the language switch and search.
// window.kg exposes the network, its data sets and timings (firstDraw, stabilised) for tests and benchmarks.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges }, data.options);
  const kg = (window.kg = { network: network, nodes: nodes, edges: edges, lang: data.lang, ready: false, timings: {} });

  function mark(name) { kg.timings[name] = performance.now(); }
  network.once("afterDrawing", function () {
    if (data.fit) { network.fit({ nodes: data.fit, animation: false }); }
    mark("firstDraw");
    if (!data.physics) { mark("stabilised"); kg.ready = true; }
  });
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () { mark("stabilised"); kg.ready = true; });
  }

  const names = document.getElementById("kg-names");
  function fillNames() {
    const labels = nodes.map(function (n) { return n["label_" + kg.lang]; });
    names.replaceChildren.apply(names, Array.from(new Set(labels)).sort().map(function (label) {
      const option = document.createElement("option");
      option.value = label;
      return option;
    }));
  }

  kg.setLanguage = function (lang) {
    kg.lang = lang;
    nodes.update(nodes.map(function (n) { return { id: n.id, label: n["label_" + lang] }; }));
    edges.update(edges.get({ filter: function (e) { return e.label_zh !== undefined; } })
      .map(function (e) { return { id: e.id, label: e["label_" + lang] }; }));
    document.querySelectorAll("[data-zh]").forEach(function (el) { el.textContent = el.dataset[lang]; });
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.getElementById("kg-lang").value = lang;
    fillNames();
  };

  const found = document.getElementById("kg-found");
  kg.search = function (text) {
    const query = text.trim().toLowerCase();
    if (!query) { network.unselectAll(); found.textContent = ""; return []; }
    const labels = function (n) {  // both labels and the id (the last part of the IRI)
      return [n.label_zh.toLowerCase(), n.label_en.toLowerCase(), String(n.id).split("/").pop().toLowerCase()];
    };
    let hits = nodes.getIds({ filter: function (n) { return labels(n).indexOf(query) >= 0; } });
    if (!hits.length) {
      hits = nodes.getIds({ filter: function (n) { return labels(n).some(function (l) { return l.indexOf(query) >= 0; }); } });
    }
    network.selectNodes(hits);
    if (hits.length) { network.fit({ nodes: hits, animation: false, maxZoomLevel: 1.5 }); }
    found.textContent = kg.lang === "zh" ? "找到 " + hits.length + " 个" : hits.length + " found";
    return hits;
  };

  document.getElementById("kg-lang").addEventListener("change", function (event) { kg.setLanguage(event.target.value); });
  const search = document.getElementById("kg-search");
  search.addEventListener("change", function () { kg.search(search.value); });
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { kg.search(search.value); } });
  fillNames();
})();
