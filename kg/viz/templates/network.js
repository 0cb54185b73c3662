// Draws the network described by #kg-data with vis-network, on a basemap where there is one; our own label
// layer (constant size on screen, by priority, never two overlapping), the language switch, search and click
// focus (dims the rest), and PNG / SVG export of the current view.
// window.kg exposes the network, its data sets, the label boxes drawn and timings (firstDraw, stabilised) for
// tests and benchmarks.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  data.basemap = JSON.parse(document.getElementById("kg-basemap").textContent);
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const container = document.getElementById("kg-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  const kg = (window.kg = {
    network: network, nodes: nodes, edges: edges, lang: data.lang, ready: false, timings: {},
    labelBoxes: [], focus: null, basemap: { features: (data.basemap || []).length, drawn: 0 },
  });
  const FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";
  const LABEL_PX = 12, EDGE_LABEL_PX = 10.5;

  function mark(name) { kg.timings[name] = performance.now(); }
  function fitView() {
    if (data.fitBox) {  // [x0, y0, x1, y1] in network coordinates: the outlines a choropleth colours
      const b = data.fitBox, scale = Math.min(container.clientWidth / (b[2] - b[0]), container.clientHeight / (b[3] - b[1]));
      network.moveTo({ position: { x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 }, scale: scale, animation: false });
    } else {
      network.fit({ nodes: data.fit || nodes.getIds(), animation: false, maxZoomLevel: 2 });
    }
    network.moveTo({ scale: network.getScale() * 0.9, animation: false });  // room for the labels at the edges
    kg.initialScale = network.getScale();
  }
  network.once("afterDrawing", function () {
    if (!data.physics) { fitView(); mark("firstDraw"); mark("stabilised"); kg.ready = true; network.redraw(); }
    else { mark("firstDraw"); }
  });
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      fitView(); mark("stabilised"); kg.ready = true; network.redraw();
    });
  }

  // --- basemap: projected in Python (whole pixels), drawn under the network --------------------------------
  const BASE = {
    province: { fill: "#f4f1ea", stroke: "#9c978d", width: 0.9 },
    city: { fill: null, stroke: "#c8c1b4", width: 0.6 },
    border: { stroke: "#a8a29a", width: 1, dash: [5, 3] },
    coast: { stroke: "#7ea6c8", width: 1.1 },
    river: { stroke: "#5b9bd5", width: 2.2 },
    nine_dash: { stroke: "#8c959f", width: 1, dash: [6, 4] },
  };
  const SEA = data.basemap ? "#eaf2f8" : "#ffffff";
  const basemap = (data.basemap || []).map(function (item) {
    const path = new Path2D();
    item.paths.forEach(function (flat) {
      path.moveTo(flat[0], flat[1]);
      for (let i = 2; i < flat.length; i += 2) { path.lineTo(flat[i], flat[i + 1]); }
      if (item.layer === "province" || item.layer === "city") { path.closePath(); }
    });
    return { item: item, path: path, style: BASE[item.layer] };
  });
  if (data.basemap) { container.style.background = SEA; }
  network.on("beforeDrawing", function (ctx) {
    const scale = network.getScale();
    kg.basemap.drawn = 0;
    basemap.forEach(function (b) {
      const fill = b.item.fill || b.style.fill;
      if (fill) { ctx.fillStyle = fill; ctx.fill(b.path, "evenodd"); }
      ctx.strokeStyle = b.style.stroke;
      ctx.lineWidth = b.style.width / scale;
      ctx.setLineDash((b.style.dash || []).map(function (d) { return d / scale; }));
      ctx.stroke(b.path);
      kg.basemap.drawn += 1;
    });
    ctx.setLineDash([]);
  });

  // --- labels: drawn by us, in screen pixels, by priority; a label that would overlap another is left out ------
  const order = data.labelOrder || nodes.getIds();
  const rank = {};
  order.forEach(function (id, i) { rank[id] = i; });
  const widths = {};
  function textWidth(ctx, text, px) {
    const key = px + "|" + text;
    if (!(key in widths)) { ctx.font = px + "px " + FONT; widths[key] = ctx.measureText(text).width; }
    return widths[key];
  }
  function Grid() { this.cells = {}; }
  Grid.prototype.keys = function (b) {
    const out = [];
    for (let x = Math.floor(b.x / 80); x <= Math.floor((b.x + b.w) / 80); x++) {
      for (let y = Math.floor(b.y / 80); y <= Math.floor((b.y + b.h) / 80); y++) { out.push(x + "," + y); }
    }
    return out;
  };
  Grid.prototype.free = function (b) {
    const cells = this.cells;
    return this.keys(b).every(function (k) {
      return !(cells[k] || []).some(function (o) {
        return b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h;
      });
    });
  };
  Grid.prototype.add = function (b) {
    const cells = this.cells;
    this.keys(b).forEach(function (k) { (cells[k] = cells[k] || []).push(b); });
  };
  function nodeRadius(id, scale) {
    const body = network.body.nodes[id];
    const size = body && body.shape && body.shape.radius !== undefined ? body.shape.radius : (body ? body.options.size : 8);
    return size * scale;
  }
  function labelOrder() {
    if (!kg.focus) { return order; }
    const first = kg.focus.matches.concat(kg.focus.keep.filter(function (id) { return kg.focus.matches.indexOf(id) < 0; }));
    first.sort(function (a, b) {
      return (kg.focus.matches.indexOf(a) < 0) - (kg.focus.matches.indexOf(b) < 0) || rank[a] - rank[b];
    });
    return first;
  }
  function placeLabels(ctx) {
    const width = container.clientWidth, height = container.clientHeight, scale = network.getScale();
    const grid = new Grid(), boxes = [];
    const positions = network.getPositions();
    // a page may label only its first few nodes at the opening zoom, and more as one zooms in
    const budget = data.labelBudget && !kg.focus ? data.labelBudget * Math.pow(scale / (kg.initialScale || scale), 2) : Infinity;
    labelOrder().forEach(function (id) {
      if (boxes.length >= budget) { return; }
      const node = nodes.get(id);
      if (!node || !node.label || !positions[id]) { return; }
      const p = network.canvasToDOM(positions[id]);
      if (p.x < -40 || p.y < -40 || p.x > width + 40 || p.y > height + 40) { return; }
      const w = textWidth(ctx, node.label, LABEL_PX) + 4, h = LABEL_PX + 4, r = nodeRadius(id, scale);
      const spots = [
        { x: p.x - w / 2, y: p.y + r + 1 }, { x: p.x - w / 2, y: p.y - r - 1 - h },
        { x: p.x + r + 2, y: p.y - h / 2 }, { x: p.x - r - 2 - w, y: p.y - h / 2 },
      ];
      for (let i = 0; i < spots.length; i++) {
        const b = { x: spots[i].x, y: spots[i].y, w: w, h: h };
        if (b.x < 0 || b.y < 0 || b.x + w > width || b.y + h > height || !grid.free(b)) { continue; }
        grid.add(b);
        boxes.push({ id: id, text: node.label, x: b.x, y: b.y, w: w, h: h, px: LABEL_PX, kind: "node" });
        break;
      }
    });
    // edge labels where they fit, and the hovered edge's always
    edges.forEach(function (e) {
      if (!e.label) { return; }
      const a = positions[e.from], b = positions[e.to];
      if (!a || !b) { return; }
      if (kg.focus && kg.focus.matches.indexOf(e.from) < 0 && kg.focus.matches.indexOf(e.to) < 0) { return; }
      const pa = network.canvasToDOM(a), pb = network.canvasToDOM(b);
      const length = Math.hypot(pb.x - pa.x, pb.y - pa.y);
      const w = textWidth(ctx, e.label, EDGE_LABEL_PX) + 4, h = EDGE_LABEL_PX + 4;
      if (e.id !== kg.hoverEdge && length < w + 2 * nodeRadius(e.from, scale) + 16) { return; }
      const box = { x: (pa.x + pb.x) / 2 - w / 2, y: (pa.y + pb.y) / 2 - h / 2, w: w, h: h };
      if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + h > height) { return; }
      if (!grid.free(box)) { return; }
      grid.add(box);
      boxes.push({ id: e.id, text: e.label, x: box.x, y: box.y, w: w, h: h, px: EDGE_LABEL_PX, kind: "edge" });
    });
    return boxes;
  }
  function drawBox(ctx, b) {
    ctx.font = (b.kind === "node" ? "" : "") + b.px + "px " + FONT;
    ctx.textBaseline = "middle";
    ctx.textAlign = "center";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.strokeText(b.text, b.x + b.w / 2, b.y + b.h / 2);
    ctx.fillStyle = b.kind === "node" ? "#1f2328" : "#57606a";
    ctx.fillText(b.text, b.x + b.w / 2, b.y + b.h / 2);
  }
  function drawPies(ctx) {  // a participant with several roles: one slice per role colour
    const positions = network.getPositions();
    nodes.forEach(function (n) {
      if (!n.roleColours || n.roleColours.length < 2 || !positions[n.id]) { return; }
      if (n.opacity !== undefined && n.opacity < 1) { ctx.globalAlpha = n.opacity; }
      const p = positions[n.id], r = n.size || 14, step = (2 * Math.PI) / n.roleColours.length;
      n.roleColours.forEach(function (colour, i) {
        ctx.beginPath();
        ctx.moveTo(p.x, p.y);
        ctx.arc(p.x, p.y, r * 0.999, -Math.PI / 2 + i * step, -Math.PI / 2 + (i + 1) * step);
        ctx.closePath();
        ctx.fillStyle = colour;
        ctx.fill();
      });
      ctx.globalAlpha = 1;
    });
  }
  network.on("afterDrawing", function (ctx) {
    drawPies(ctx);
    const ratio = network.canvas.pixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    kg.labelBoxes = placeLabels(ctx);
    kg.labelBoxes.forEach(function (b) { drawBox(ctx, b); });
    ctx.restore();
  });
  network.on("hoverEdge", function (params) { kg.hoverEdge = params.edge; network.redraw(); });
  network.on("blurEdge", function () { kg.hoverEdge = null; network.redraw(); });

  // --- language ---------------------------------------------------------------------------------------------
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

  // --- focus: a search or a click dims all but the match and its neighbours ---------------------------------
  const edgeColour = {};
  edges.forEach(function (e) { edgeColour[e.id] = typeof e.color === "object" ? e.color.color : e.color; });
  kg.highlight = function (ids) {
    if (!ids || !ids.length) {
      kg.focus = null;
      nodes.update(nodes.map(function (n) { return { id: n.id, opacity: 1 }; }));
      edges.update(edges.map(function (e) { return { id: e.id, color: { color: edgeColour[e.id], opacity: 1 } }; }));
      return [];
    }
    const keep = new Set(ids);
    ids.forEach(function (id) { network.getConnectedNodes(id).forEach(function (m) { keep.add(m); }); });
    kg.focus = { matches: ids.slice(), keep: Array.from(keep) };
    nodes.update(nodes.map(function (n) { return { id: n.id, opacity: keep.has(n.id) ? 1 : 0.12 }; }));
    edges.update(edges.map(function (e) {
      const near = ids.indexOf(e.from) >= 0 || ids.indexOf(e.to) >= 0;
      return { id: e.id, color: { color: edgeColour[e.id], opacity: near ? 1 : 0.06 } };
    }));
    return kg.focus.keep;
  };
  const found = document.getElementById("kg-found");
  kg.search = function (text) {
    const query = text.trim().toLowerCase();
    if (!query) { network.unselectAll(); kg.highlight([]); found.textContent = ""; return []; }
    const labels = function (n) {  // both labels and the id (the last part of the IRI)
      return [n.label_zh.toLowerCase(), n.label_en.toLowerCase(), String(n.id).split("/").pop().toLowerCase()];
    };
    let hits = nodes.getIds({ filter: function (n) { return labels(n).indexOf(query) >= 0; } });
    if (!hits.length) {
      hits = nodes.getIds({ filter: function (n) { return labels(n).some(function (l) { return l.indexOf(query) >= 0; }); } });
    }
    network.selectNodes(hits);
    const keep = kg.highlight(hits);
    if (hits.length) {
      network.fit({ nodes: keep, animation: false });
      network.moveTo({ scale: network.getScale() * 0.85, animation: false });
    }
    found.textContent = kg.lang === "zh" ? "找到 " + hits.length + " 个" : hits.length + " found";
    return hits;
  };
  network.on("click", function (params) {
    if (params.nodes.length) { kg.highlight([params.nodes[0]]); }
    else if (!params.edges.length) { kg.highlight([]); }
  });

  // --- export: the current view with its title, legend and source line -------------------------------------
  const GLYPH_PX = 13, TEXT_PX = 12, PAD = 12;
  function legendRows(ctx, width) {
    const rows = [[]];
    let x = PAD;
    (data.legend || []).forEach(function (item) {
      const text = item[kg.lang];
      const w = textWidth(ctx, item.glyph, GLYPH_PX) + 4 + textWidth(ctx, text, TEXT_PX) + 16;
      if (x + w > width - PAD && rows[rows.length - 1].length) { rows.push([]); x = PAD; }
      rows[rows.length - 1].push({ item: item, text: text, x: x });
      x += w;
    });
    return rows;
  }
  function frame() {  // the layout of an exported picture: title band, the view, legend and source band
    const width = container.clientWidth, height = container.clientHeight;
    const measure = document.createElement("canvas").getContext("2d");
    const rows = legendRows(measure, width);
    const top = 34, bottom = PAD + rows.length * 20 + (data.source ? 18 : 0) + 6;
    return { width: width, height: height, top: top, bottom: bottom, rows: rows, total: top + height + bottom };
  }
  kg.exportPNG = function () {
    const f = frame(), ratio = network.canvas.pixelRatio || 1;
    const out = document.createElement("canvas");
    out.width = f.width * ratio;
    out.height = f.total * ratio;
    const ctx = out.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, f.width, f.total);
    ctx.fillStyle = SEA;
    ctx.fillRect(0, f.top, f.width, f.height);
    ctx.drawImage(network.canvas.frame.canvas, 0, f.top, f.width, f.height);
    ctx.fillStyle = "#1f2328";
    ctx.textBaseline = "middle";
    ctx.font = "bold 17px " + FONT;
    ctx.fillText(data.title[kg.lang], PAD, f.top / 2);
    f.rows.forEach(function (row, i) {
      const y = f.top + f.height + PAD + i * 20;
      row.forEach(function (cell) {
        ctx.font = GLYPH_PX + "px " + FONT;
        ctx.fillStyle = cell.item.colour;
        ctx.fillText(cell.item.glyph, cell.x, y);
        ctx.font = TEXT_PX + "px " + FONT;
        ctx.fillStyle = "#1f2328";
        ctx.fillText(cell.text, cell.x + textWidth(ctx, cell.item.glyph, GLYPH_PX) + 4, y);
      });
    });
    if (data.source) {
      ctx.font = "11px " + FONT;
      ctx.fillStyle = "#57606a";
      ctx.fillText(data.source[kg.lang], PAD, f.total - 12);
    }
    return out.toDataURL("image/png");
  };
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function rgba(colour, opacity) { return 'fill="' + esc(colour) + '" fill-opacity="' + opacity + '"'; }
  function shapePath(shape, x, y, r) {
    const pts = function (list) { return list.map(function (p) { return (x + p[0] * r).toFixed(1) + "," + (y + p[1] * r).toFixed(1); }).join(" "); };
    if (shape === "square") { return '<rect x="' + (x - r).toFixed(1) + '" y="' + (y - r).toFixed(1) + '" width="' + (2 * r).toFixed(1) + '" height="' + (2 * r).toFixed(1) + '"'; }
    if (shape === "triangle") { return '<polygon points="' + pts([[0, -1.15], [1, 0.58], [-1, 0.58]]) + '"'; }
    if (shape === "triangleDown") { return '<polygon points="' + pts([[0, 1.15], [1, -0.58], [-1, -0.58]]) + '"'; }
    if (shape === "diamond") { return '<polygon points="' + pts([[0, -1], [1, 0], [0, 1], [-1, 0]]) + '"'; }
    if (shape === "hexagon") {
      return '<polygon points="' + pts([0, 1, 2, 3, 4, 5].map(function (i) { return [Math.cos(i * Math.PI / 3), Math.sin(i * Math.PI / 3)]; })) + '"';
    }
    if (shape === "star") {
      return '<polygon points="' + pts([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(function (i) {
        const a = -Math.PI / 2 + i * Math.PI / 5, k = i % 2 ? 0.45 : 1;
        return [k * Math.cos(a), k * Math.sin(a)];
      })) + '"';
    }
    return '<circle cx="' + x.toFixed(1) + '" cy="' + y.toFixed(1) + '" r="' + r.toFixed(1) + '"';
  }
  kg.exportSVG = function () {
    const f = frame(), scale = network.getScale(), positions = network.getPositions();
    const view = function (p) { const d = network.canvasToDOM(p); return [d.x, d.y + f.top]; };
    const out = ['<svg xmlns="http://www.w3.org/2000/svg" width="' + f.width + '" height="' + f.total +
      '" viewBox="0 0 ' + f.width + " " + f.total + '" font-family="' + esc(FONT) + '">',
      '<rect width="100%" height="100%" fill="#ffffff"/>',
      '<clipPath id="view"><rect x="0" y="' + f.top + '" width="' + f.width + '" height="' + f.height + '"/></clipPath>',
      '<g clip-path="url(#view)"><rect x="0" y="' + f.top + '" width="' + f.width + '" height="' + f.height + '" fill="' + SEA + '"/>'];
    basemap.forEach(function (b) {
      const d = b.item.paths.map(function (flat) {
        let s = "";
        for (let i = 0; i < flat.length; i += 2) {
          const p = view({ x: flat[i], y: flat[i + 1] });
          s += (i ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1);
        }
        return s + (b.item.layer === "province" || b.item.layer === "city" ? "Z" : "");
      }).join("");
      const fill = b.item.fill || b.style.fill;
      out.push('<path class="basemap ' + b.item.layer + '" d="' + d + '" fill="' + (fill || "none") + '" fill-rule="evenodd" stroke="' +
        b.style.stroke + '" stroke-width="' + b.style.width + '"' + (b.style.dash ? ' stroke-dasharray="' + b.style.dash.join(" ") + '"' : "") + "/>");
    });
    edges.forEach(function (e) {
      if (!positions[e.from] || !positions[e.to]) { return; }
      const a = view(positions[e.from]), b = view(positions[e.to]);
      const colour = edgeColour[e.id] || "#8c959f", opacity = e.color && e.color.opacity !== undefined ? e.color.opacity : 1;
      out.push('<line class="edge" x1="' + a[0].toFixed(1) + '" y1="' + a[1].toFixed(1) + '" x2="' + b[0].toFixed(1) + '" y2="' + b[1].toFixed(1) +
        '" stroke="' + esc(colour) + '" stroke-opacity="' + opacity + '" stroke-width="' + ((e.width || 1) * Math.min(1, scale * 2)).toFixed(2) + '"' +
        (e.dashes ? ' stroke-dasharray="4 3"' : "") + "/>");
      if (e.arrows && e.arrows.to && e.arrows.to.enabled) {
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1, ux = (b[0] - a[0]) / len, uy = (b[1] - a[1]) / len;
        const r = nodeRadius(e.to, scale), tip = [b[0] - ux * r, b[1] - uy * r], s = 7;
        out.push('<polygon class="arrow" points="' + [tip, [tip[0] - ux * s - uy * s / 2, tip[1] - uy * s + ux * s / 2],
          [tip[0] - ux * s + uy * s / 2, tip[1] - uy * s - ux * s / 2]].map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" ") +
          '" ' + rgba(colour, opacity) + "/>");
      }
    });
    nodes.forEach(function (n) {
      if (!positions[n.id]) { return; }
      const p = view(positions[n.id]), r = nodeRadius(n.id, scale), opacity = n.opacity === undefined ? 1 : n.opacity;
      const colour = typeof n.color === "object" ? n.color.background : n.color || "#97c2fc";
      out.push(shapePath(n.shape, p[0], p[1], r) + ' class="node" ' + rgba(colour, opacity) + ' stroke="#ffffff" stroke-width="0.8"/>');
      if (n.roleColours && n.roleColours.length > 1) {
        const step = (2 * Math.PI) / n.roleColours.length;
        n.roleColours.forEach(function (c, i) {
          const a0 = -Math.PI / 2 + i * step, a1 = a0 + step;
          out.push('<path d="M' + p[0].toFixed(1) + " " + p[1].toFixed(1) + "L" + (p[0] + r * Math.cos(a0)).toFixed(1) + " " + (p[1] + r * Math.sin(a0)).toFixed(1) +
            "A" + r.toFixed(1) + " " + r.toFixed(1) + " 0 0 1 " + (p[0] + r * Math.cos(a1)).toFixed(1) + " " + (p[1] + r * Math.sin(a1)).toFixed(1) + 'Z" ' + rgba(c, opacity) + "/>");
        });
      }
    });
    kg.labelBoxes.forEach(function (b) {
      out.push('<text class="label" x="' + (b.x + b.w / 2).toFixed(1) + '" y="' + (b.y + b.h / 2 + f.top).toFixed(1) + '" font-size="' + b.px +
        '" text-anchor="middle" dominant-baseline="central" fill="' + (b.kind === "node" ? "#1f2328" : "#57606a") +
        '" stroke="#ffffff" stroke-width="3" stroke-opacity="0.92" paint-order="stroke">' + esc(b.text) + "</text>");
    });
    out.push("</g>");
    out.push('<text x="' + PAD + '" y="' + f.top / 2 + '" font-size="17" font-weight="bold" dominant-baseline="central" fill="#1f2328">' + esc(data.title[kg.lang]) + "</text>");
    const measure = document.createElement("canvas").getContext("2d");
    f.rows.forEach(function (row, i) {
      const y = f.top + f.height + PAD + i * 20;
      row.forEach(function (cell) {
        out.push('<text x="' + cell.x.toFixed(1) + '" y="' + y + '" font-size="' + GLYPH_PX + '" dominant-baseline="central" fill="' + esc(cell.item.colour) + '">' + esc(cell.item.glyph) + "</text>");
        out.push('<text class="legend" x="' + (cell.x + textWidth(measure, cell.item.glyph, GLYPH_PX) + 4).toFixed(1) + '" y="' + y + '" font-size="' + TEXT_PX +
          '" dominant-baseline="central" fill="#1f2328">' + esc(cell.text) + "</text>");
      });
    });
    if (data.source) {
      out.push('<text class="source" x="' + PAD + '" y="' + (f.total - 12) + '" font-size="11" dominant-baseline="central" fill="#57606a">' + esc(data.source[kg.lang]) + "</text>");
    }
    out.push("</svg>");
    return out.join("\n");
  };
  function download(url, name) {
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  document.getElementById("kg-export-png").addEventListener("click", function () {
    download(kg.exportPNG(), data.fileName + ".png");
  });
  document.getElementById("kg-export-svg").addEventListener("click", function () {
    const url = URL.createObjectURL(new Blob([kg.exportSVG()], { type: "image/svg+xml" }));
    download(url, data.fileName + ".svg");
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  document.getElementById("kg-lang").addEventListener("change", function (event) { kg.setLanguage(event.target.value); });
  const search = document.getElementById("kg-search");
  search.addEventListener("change", function () { kg.search(search.value); });
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { kg.search(search.value); } });
  fillNames();
})();
