// The portal's script: the zh / en switch (remembered between pages), sortable tables, and network views.
// window.kgSite exposes the language, the drawn networks and `ready` (all networks drawn) for tests.
(function () {
  "use strict";
  const KEY = "kg-lang";
  const root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(lang) {
    try { window.localStorage.setItem(KEY, lang); } catch (e) { /* storage may be off for file pages */ }
  }
  // a ?lang= in the address wins (links carry it, for browsers that keep storage per file), then storage
  const asked = new URLSearchParams(window.location.search).get("lang");
  const initial = asked === "en" || asked === "zh" ? asked : (stored() === "en" ? "en" : "zh");
  root.dataset.lang = initial;
  root.lang = initial === "zh" ? "zh-CN" : "en";
  const site = (window.kgSite = { lang: initial, networks: [], ready: false });

  site.setLanguage = function (lang) {
    site.lang = lang;
    root.dataset.lang = lang;
    root.lang = lang === "zh" ? "zh-CN" : "en";
    store(lang);
    document.title = root.dataset["title" + (lang === "zh" ? "Zh" : "En")] || document.title;
    document.querySelectorAll("[data-placeholder-zh]").forEach(function (el) {
      el.placeholder = el.dataset[lang === "zh" ? "placeholderZh" : "placeholderEn"];
    });
    const select = document.getElementById("kg-lang");
    if (select) { select.value = lang; }
    site.networks.forEach(function (n) {
      n.nodes.update(n.nodes.map(function (d) { return { id: d.id, label: d["label_" + lang] }; }));
      n.edges.update(n.edges.get({ filter: function (e) { return e.label_zh !== undefined; } })
        .map(function (e) { return { id: e.id, label: e["label_" + lang] }; }));
    });
    document.dispatchEvent(new CustomEvent("kg-language", { detail: lang }));
  };

  function withLanguage(href) {  // a relative link, carrying the language when it is not the default
    if (site.lang === "zh" || /^[a-z]+:/i.test(href) || href.charAt(0) === "#") { return href; }
    const hash = href.indexOf("#");
    const path = hash < 0 ? href : href.slice(0, hash);
    const fragment = hash < 0 ? "" : href.slice(hash);
    return path + (path.indexOf("?") < 0 ? "?" : "&") + "lang=" + site.lang + fragment;
  }
  site.withLanguage = withLanguage;

  function sortable(table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      th.addEventListener("click", function () {
        const up = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        const body = table.tBodies[0];
        const key = function (row) {
          const cell = row.cells[column];
          return cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim()) : "";
        };
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const x = key(a), y = key(b);
          const nx = parseFloat(x), ny = parseFloat(y);
          const order = !isNaN(nx) && !isNaN(ny) && String(nx) === x.replace(/\.0+$/, "") && String(ny) === y.replace(/\.0+$/, "")
            ? nx - ny : x.localeCompare(y, site.lang === "zh" ? "zh-Hans-CN" : "en");
          return up ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function draw(element) {
    const data = JSON.parse(document.getElementById(element.dataset.network).textContent);
    data.nodes.forEach(function (n) { n.label = n["label_" + site.lang]; });
    data.edges.forEach(function (e) { if (e.label_zh !== undefined) { e.label = e["label_" + site.lang]; } });
    const nodes = new vis.DataSet(data.nodes);
    const edges = new vis.DataSet(data.edges);
    const network = new vis.Network(element, { nodes: nodes, edges: edges }, data.options);
    const entry = { network: network, nodes: nodes, edges: edges, ready: false, element: element };
    site.networks.push(entry);
    network.on("afterDrawing", function (ctx) {  // a participant with several roles: a pie of their colours
      nodes.forEach(function (n) {
        if (!n.roleColours || n.roleColours.length < 2) { return; }
        const p = network.getPosition(n.id), r = n.size || 14, step = (2 * Math.PI) / n.roleColours.length;
        n.roleColours.forEach(function (colour, i) {
          ctx.beginPath();
          ctx.moveTo(p.x, p.y);
          ctx.arc(p.x, p.y, r, -Math.PI / 2 + i * step, -Math.PI / 2 + (i + 1) * step);
          ctx.closePath();
          ctx.fillStyle = colour;
          ctx.fill();
        });
      });
    });
    network.on("click", function (params) {
      const node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
      if (node && node.url) { window.location.href = withLanguage(node.url); }
    });
    return new Promise(function (resolve) {
      network.once("afterDrawing", function () {
        if (!data.physics) { entry.ready = true; resolve(); }
      });
      if (data.physics) {
        network.once("stabilizationIterationsDone", function () {
          network.fit({ animation: false });
          entry.ready = true;
          resolve();
        });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    site.setLanguage(site.lang);
    const select = document.getElementById("kg-lang");
    if (select) { select.addEventListener("change", function () { site.setLanguage(select.value); }); }
    document.addEventListener("click", function (event) {
      const link = event.target.closest ? event.target.closest("a[href]") : null;
      if (link && !event.defaultPrevented) { link.setAttribute("href", withLanguage(link.getAttribute("href"))); }
    }, true);
    document.querySelectorAll("form.search").forEach(function (form) {
      form.addEventListener("submit", function () {
        if (site.lang !== "zh" && !form.querySelector("input[name=lang]")) {
          const hidden = document.createElement("input");
          hidden.type = "hidden"; hidden.name = "lang"; hidden.value = site.lang;
          form.appendChild(hidden);
        }
      });
    });
    document.querySelectorAll("table.sortable").forEach(sortable);
    const drawn = Array.from(document.querySelectorAll("[data-network]")).map(draw);
    Promise.all(drawn).then(function () { site.ready = true; });
  });
})();
