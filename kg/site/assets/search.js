// The search page: every label, alias, pinyin and code of the index (window.KG_SEARCH), in the browser.
// Names are normalised as kg.names does: spaces, hyphens, underscores and apostrophes dropped, lower case.
// Whole names first, then names that start with the text, then names that contain it.
(function () {
  "use strict";
  const index = window.KG_SEARCH;
  const input = document.getElementById("kg-q");
  const list = document.getElementById("kg-results");
  const status = document.getElementById("kg-status");
  const LIMIT = 100;

  function normalise(text) { return text.replace(/[\s\-_'’]/g, "").toLowerCase(); }

  function score(entry, query) {
    let best = 9, via = null;
    entry.k.forEach(function (key) {
      const s = key === query ? 0 : key.indexOf(query) === 0 ? 1 : key.indexOf(query) > 0 ? 2 : 9;
      if (s < best) { best = s; via = key; }
    });
    return { score: best, via: via };
  }

  function run(text) {
    const query = normalise(text || "");
    if (!query) { return []; }
    const hits = [];
    index.entries.forEach(function (entry) {
      const found = score(entry, query);
      if (found.score < 9) { hits.push({ entry: entry, score: found.score, via: found.via }); }
    });
    hits.sort(function (a, b) {
      return a.score - b.score || a.entry.zh.length - b.entry.zh.length || (a.entry.zh < b.entry.zh ? -1 : a.entry.zh > b.entry.zh ? 1 : 0);
    });
    return hits;
  }

  function span(lang, text) {
    const el = document.createElement("span");
    el.className = lang;
    el.textContent = text;
    return el;
  }

  function show(text) {
    const hits = run(text);
    list.replaceChildren();
    hits.slice(0, LIMIT).forEach(function (hit) {
      const e = hit.entry;
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = e.u;
      if (e.zh === e.en) { link.textContent = e.zh; } else { link.append(span("zh", e.zh), span("en", e.en)); }
      item.appendChild(link);
      if (e.c >= 0) {
        const cls = document.createElement("span");
        cls.className = "class";
        cls.append(span("zh", index.classes[e.c].zh), span("en", index.classes[e.c].en));
        item.appendChild(cls);
      }
      const alias = e.a.filter(function (a) { return normalise(a) === hit.via || normalise(a).indexOf(hit.via) >= 0; })[0];
      if (alias) {
        const matched = document.createElement("span");
        matched.className = "matched";
        matched.append(span("zh", "别名 " + alias), span("en", "alias " + alias));
        item.appendChild(matched);
      }
      list.appendChild(item);
    });
    const shown = Math.min(hits.length, LIMIT);
    status.replaceChildren(
      span("zh", text ? "找到 " + hits.length + " 个" + (hits.length > shown ? "，显示前 " + shown + " 个" : "") : ""),
      span("en", text ? hits.length + " found" + (hits.length > shown ? ", first " + shown + " shown" : "") : ""));
    return hits;
  }

  window.kgSearch = { run: run, show: show, normalise: normalise };
  const asked = new URLSearchParams(window.location.search).get("q") || "";
  input.value = asked;
  input.addEventListener("input", function () { show(input.value); });
  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  show(asked);
})();
