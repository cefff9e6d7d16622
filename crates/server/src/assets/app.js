// atalaya dashboard: plain JavaScript and SVG drawn here, no library. Everything shown comes
// from the JSON API of the same server; text is always set as text (never as HTML).
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);

// Evidence classes, bottom of a bar to top: conflict acts, threats and plans apart from
// cooperation; `hatch` marks what was only planned (hypothetical or future).
const CLASSES = [
  { key: "material_conflict", label: "material conflict (acts)", color: "var(--mat-conf)" },
  { key: "threat", label: "threats", color: "var(--threat)" },
  { key: "planned_conflict", label: "planned conflict (hypothetical/future)", color: "var(--plan-conf)", hatch: true },
  { key: "verbal_conflict", label: "verbal conflict", color: "var(--verb-conf)" },
  { key: "material_cooperation", label: "material cooperation", color: "var(--mat-coop)" },
  { key: "verbal_cooperation", label: "verbal cooperation", color: "var(--verb-coop)" },
  { key: "planned_cooperation", label: "planned cooperation", color: "var(--plan-coop)", hatch: true },
  { key: "negated", label: "negated", color: "var(--negated)" },
];
const QUAD_COLORS = { 1: "var(--verb-coop)", 2: "var(--mat-coop)", 3: "var(--threat)", 4: "var(--mat-conf)" };
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

const state = { series: null, tableOffset: 0, tableQuery: "" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "" && v !== false) query.set(k, v);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) {
    const where = body.param ? ` (${body.param})` : "";
    throw new Error(`${body.error || response.status}${where}`);
  }
  return body;
}

function showError(id, err) {
  const box = $(id);
  box.textContent = err ? String(err.message || err) : "";
  box.hidden = !err;
}

function period() {
  return { since: $("since").value || undefined, until: $("until").value || undefined };
}

// --- timeline -------------------------------------------------------------------------

function drawLegend() {
  const legend = $("legend");
  legend.replaceChildren();
  for (const c of CLASSES) {
    const item = el("span", {}, c.label);
    item.style.setProperty("--swatch", c.color);
    legend.append(item);
  }
  const z = el("span", {}, "escalation index (z)");
  z.style.setProperty("--swatch", "#24455f");
  legend.append(z);
}

function drawTimeline(series) {
  const box = $("timeline");
  box.replaceChildren();
  const main = series.series[0];
  if (!main || main.buckets.length === 0) {
    box.append(el("p", { class: "hint", "data-testid": "timeline-empty" }, "No events of this dyad in the period."));
    return;
  }
  const buckets = main.buckets;
  const W = 1100, H = 320, left = 44, right = 44, top = 16, bottom = 46;
  const plotW = W - left - right, plotH = H - top - bottom;
  const maxCount = Math.max(1, ...buckets.map((b) => b.count));
  const zs = buckets.map((b) => b.index.z).filter((z) => z !== null && z !== undefined);
  const zMax = Math.max(2, ...zs.map(Math.abs));
  const step = plotW / buckets.length;
  const barW = Math.max(2, step * 0.78);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `Timeline of ${main.label}, ${buckets.length} ${series.interval} buckets` });
  const defs = svg("defs");
  for (const c of CLASSES.filter((c) => c.hatch)) {
    const pattern = svg("pattern", { id: `hatch-${c.key}`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    pattern.append(svg("rect", { width: 6, height: 6, fill: "#fff" }), svg("rect", { width: 3, height: 6, fill: c.color }));
    defs.append(pattern);
  }
  root.append(defs);
  // Axes: counts on the left, z on the right.
  const y = (n) => top + plotH - (n / maxCount) * plotH;
  const yz = (z) => top + plotH / 2 - (z / zMax) * (plotH / 2);
  for (const n of [0, Math.round(maxCount / 2), maxCount]) {
    root.append(svg("line", { x1: left, x2: W - right, y1: y(n), y2: y(n), stroke: "#e3e7ea" }));
    root.append(svg("text", { x: left - 6, y: y(n) + 4, "text-anchor": "end" }, n));
  }
  for (const z of [-zMax, 0, zMax]) {
    root.append(svg("text", { x: W - right + 6, y: yz(z) + 4 }, `z ${z.toFixed(1)}`));
  }
  root.append(svg("text", { x: left, y: top - 5, "text-anchor": "end" }, series.counting === "report" ? "reports" : "stories"));
  let peak = 0;
  buckets.forEach((b, i) => { if (b.count > buckets[peak].count) peak = i; });
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 12));
  buckets.forEach((b, i) => {
    const x = left + i * step + (step - barW) / 2;
    const g = svg("g", {
      class: "bucket", tabindex: 0, role: "button", "data-testid": "bucket",
      "data-bucket": b.bucket, "data-start": b.start, "data-end": b.end, "data-count": b.count,
      "aria-label": `${b.bucket}: ${b.count} counted, ${b.class.material_conflict} material conflict, ${b.class.threat} threats, ${b.class.planned_conflict} planned conflict`,
    });
    if (i === peak && b.count > 0) g.setAttribute("data-peak", "true");
    g.append(svg("rect", { class: "hit", x: left + i * step, y: top, width: step, height: plotH }));
    let base = 0;
    for (const c of CLASSES) {
      const n = b.class[c.key] || 0;
      if (!n) continue;
      g.append(svg("rect", {
        x, width: barW, y: y(base + n), height: y(base) - y(base + n),
        fill: c.hatch ? `url(#hatch-${c.key})` : c.color, stroke: c.hatch ? c.color : "none",
        "data-class": c.key,
      }));
      base += n;
    }
    g.append(svg("title", {}, `${b.bucket} (${b.start} to ${b.end}): ${b.count} counted, ${b.reports} reports; z ${b.index.z == null ? "–" : b.index.z.toFixed(2)}`));
    g.addEventListener("click", () => openBucket(b, g));
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openBucket(b, g); } });
    root.append(g);
    if (i % labelEvery === 0) {
      root.append(svg("text", { x: left + i * step + step / 2, y: H - bottom + 16, "text-anchor": "middle" }, b.bucket));
    }
  });
  // The index line, with a dot per bucket that has a z.
  const points = buckets.map((b, i) => [left + i * step + step / 2, b.index.z]).filter(([, z]) => z !== null && z !== undefined);
  if (points.length > 1) {
    root.append(svg("polyline", { points: points.map(([x, z]) => `${x},${yz(z)}`).join(" "), fill: "none", stroke: "#24455f", "stroke-width": 2, "data-testid": "index-line" }));
  }
  for (const [x, z] of points) root.append(svg("circle", { cx: x, cy: yz(z), r: 2.5, fill: "#24455f" }));
  for (const change of main.change_points || []) {
    const i = buckets.findIndex((b) => b.bucket === change.detected);
    if (i < 0) continue;
    const x = left + i * step + step / 2;
    root.append(svg("line", { x1: x, x2: x, y1: top, y2: top + plotH, stroke: change.kind === "escalation" ? "var(--mat-conf)" : "var(--mat-coop)", "stroke-dasharray": "4 3" }));
    root.append(svg("text", { x: x + 3, y: top + 10 }, change.kind));
  }
  box.append(root);
}

async function openBucket(bucket, node) {
  document.querySelectorAll(".bucket.selected").forEach((n) => n.classList.remove("selected"));
  if (node) node.classList.add("selected");
  $("bucket-panel").hidden = false;
  $("bucket-label").textContent = `${bucket.bucket} (${bucket.start} to ${bucket.end})`;
  const list = $("bucket-events");
  list.replaceChildren(el("li", {}, "Loading…"));
  const stories = $("bucket-stories");
  stories.replaceChildren(el("li", {}, "Loading…"));
  const dyad = state.series.dyad;
  const around = { dyad: `${dyad.first}-${dyad.second}`, directed: dyad.directed ? "true" : undefined, since: bucket.start, until: bucket.end };
  api("/api/stories", { ...around, limit: 200 }).then((data) => {
    stories.replaceChildren();
    const largest = [...data.stories].sort((a, b) => b.n_events - a.n_events).slice(0, 10);
    for (const s of largest) {
      const r = s.representative;
      const item = el("li", { "data-testid": "story-row", "data-story-id": s.id, tabindex: 0, role: "button" },
        el("span", { class: "what" }, `${r.source.code} → ${r.target.code}: ${r.cameo} ${r.cameo_name || ""}`),
        el("span", { class: `badge ${s.modality || r.modality}` }, s.modality || r.modality), el("br"),
        el("span", { class: "hint" }, `${s.n_events} reports in ${s.n_articles} articles from ${s.n_outlets} outlets · ${s.date_start}${s.date_end !== s.date_start ? ` to ${s.date_end}` : ""}`));
      item.addEventListener("click", () => openEvent(r.id));
      item.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openEvent(r.id); });
      stories.append(item);
    }
    if (!largest.length) stories.append(el("li", { class: "hint" }, "No story in this interval."));
  }).catch((err) => stories.replaceChildren(el("li", { class: "error" }, String(err.message))));
  try {
    const data = await api("/api/events", { ...around, limit: 200 });
    list.replaceChildren();
    for (const e of data.events) list.append(eventItem(e));
    if (!data.events.length) list.append(el("li", { class: "hint" }, "No events in this interval."));
    if (data.total > data.events.length) list.append(el("li", { class: "hint" }, `${data.total - data.events.length} more: narrow the period.`));
  } catch (err) {
    list.replaceChildren(el("li", { class: "error" }, String(err.message)));
  }
  $("bucket-panel").scrollIntoView({ block: "nearest" });
}

function eventItem(e) {
  const button = el("button", { type: "button", "data-testid": "event-row", "data-event-id": e.id },
    el("span", { class: "what" }, `${e.source.code} → ${e.target.code}: ${e.cameo} ${e.cameo_name || ""}`),
    el("span", { class: `badge ${e.modality}` }, e.modality),
    el("br"),
    el("span", { class: "hint" }, `${e.day || "undated"} · ${e.article.outlet || e.article.id} · ${e.sentence.slice(0, 140)}${e.sentence.length > 140 ? "…" : ""}`));
  button.addEventListener("click", () => openEvent(e.id));
  return el("li", {}, button);
}

// --- one event ------------------------------------------------------------------------

async function openEvent(id) {
  const panel = $("event-panel");
  panel.hidden = false;
  $("event-id").textContent = id;
  const quote = $("event-sentence");
  quote.replaceChildren("Loading…");
  try {
    const e = await api(`/api/events/${encodeURIComponent(id)}`);
    const ev = e.evidence;
    quote.replaceChildren();
    for (const part of ev.parts) {
      if (part.role) {
        quote.append(el("mark", { class: part.role, "data-testid": `span-${part.role}`, title: part.role }, part.text));
      } else {
        quote.append(part.text);
      }
    }
    const facts = $("event-facts");
    facts.replaceChildren();
    const fact = (name, ...value) => facts.append(el("dt", {}, name), el("dd", {}, ...value));
    fact("Who → whom", `${e.source.text} (${e.source.code}) → ${e.target.text} (${e.target.code})`);
    fact("Event", `CAMEO ${e.cameo} ${e.cameo_name || ""} · quad ${e.quad_class ?? "–"} ${QUAD_NAMES[e.quad_class] || ""} · Goldstein ${e.goldstein == null ? "–" : e.goldstein.toFixed(1)}`);
    fact("Modality", el("span", { class: `badge ${ev.modality}`, "data-testid": "event-modality" }, ev.modality));
    fact("Date", `${ev.date || e.day || "unknown"} (precision: ${ev.date_precision || "unknown"})`);
    fact("According to", ev.attribution.length ? ev.attribution.map((a) => `${a.text} (${a.kind})`).join(" ← ") : "the article itself");
    fact("Verb", `${ev.verb.text || "–"} (entry ${ev.verb.entry})`);
    fact("Pattern", `${ev.pattern || "(the verb's own code)"} · ${ev.origin}`);
    const title = e.article.title || e.article.id;
    const link = e.article.url && /^https?:\/\//.test(e.article.url)
      ? el("a", { href: e.article.url, rel: "noopener noreferrer", "data-testid": "article-link" }, title)
      : el("span", { "data-testid": "article-link" }, title);
    fact("Article", link, ` · ${e.article.outlet || "unknown outlet"} · ${e.article.published || ""}`);
    panel.scrollIntoView({ block: "nearest" });
  } catch (err) {
    quote.replaceChildren(el("span", { class: "error" }, String(err.message)));
  }
}

// --- network --------------------------------------------------------------------------

async function drawNetwork() {
  const box = $("network");
  try {
    const data = await api("/api/network", { by: "country", limit: 60, ...period() });
    box.replaceChildren();
    const edges = data.edges.filter((e) => e.source && e.target && e.source !== e.target);
    const names = [...new Set(edges.flatMap((e) => [e.source, e.target]))];
    if (!names.length) {
      box.append(el("p", { class: "hint" }, "No events between countries in the period."));
      return;
    }
    const W = 760, H = 460, cx = W / 2, cy = H / 2, r = Math.min(W, H) / 2 - 60;
    const pos = new Map(names.map((n, i) => {
      const a = (2 * Math.PI * i) / names.length - Math.PI / 2;
      return [n, [cx + r * Math.cos(a), cy + r * Math.sin(a)]];
    }));
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `Actor network: ${names.length} countries, ${edges.length} directed links` });
    const defs = svg("defs");
    for (const q of [1, 2, 3, 4]) {
      const m = svg("marker", { id: `arrow-${q}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
      m.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: QUAD_COLORS[q] }));
      defs.append(m);
    }
    root.append(defs);
    const maxEvents = Math.max(1, ...edges.map((e) => e.events));
    const nodeEvents = new Map(data.nodes.map((n) => [n.id, n.events]));
    for (const e of edges) {
      const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
      const quads = [e.verbal_cooperation, e.material_cooperation, e.verbal_conflict, e.material_conflict];
      const q = quads.indexOf(Math.max(...quads)) + 1;
      // Curved, so that the two directions of a pair stay apart.
      const mx = (x1 + x2) / 2 + (y2 - y1) * 0.15, my = (y1 + y2) / 2 - (x2 - x1) * 0.15;
      const dx = x2 - mx, dy = y2 - my, len = Math.hypot(dx, dy) || 1;
      const ex = x2 - (dx / len) * 16, ey = y2 - (dy / len) * 16;
      const path = svg("path", {
        d: `M${x1},${y1} Q${mx},${my} ${ex},${ey}`, fill: "none", stroke: QUAD_COLORS[q],
        "stroke-width": 1 + 7 * Math.sqrt(e.events / maxEvents), "marker-end": `url(#arrow-${q})`, opacity: 0.8,
        "data-testid": "network-edge", "data-source": e.source, "data-target": e.target,
      });
      path.append(svg("title", {}, `${e.source} → ${e.target}: ${e.events} events (${quads.map((n, i) => `${n} ${QUAD_NAMES[i + 1]}`).join(", ")})`));
      root.append(path);
    }
    for (const n of names) {
      const [x, y] = pos.get(n);
      const g = svg("g", { "data-testid": "network-node", "data-actor": n });
      g.append(svg("circle", { cx: x, cy: y, r: 6 + Math.min(10, Math.sqrt(nodeEvents.get(n) || 1)), fill: "#24455f" }));
      g.append(svg("text", { x, y: y - 16, "text-anchor": "middle", "font-weight": "bold" }, n));
      g.append(svg("title", {}, `${n}: ${nodeEvents.get(n) || 0} events`));
      root.append(g);
    }
    box.append(root);
  } catch (err) {
    box.replaceChildren(el("p", { class: "error" }, String(err.message)));
  }
}

// --- alerts ---------------------------------------------------------------------------

async function drawAlerts() {
  const list = $("alerts");
  try {
    const data = await api("/api/alerts", period());
    list.replaceChildren();
    if (!data.rules.length) list.append(el("li", { class: "hint" }, "No rules: start the server with --rules FILE."));
    else if (!data.alerts.length) list.append(el("li", { class: "hint" }, `${data.rules.length} rules, none fired in the period.`));
    for (const a of data.alerts.slice(-50).reverse()) {
      const story = a.top_story ? ` · largest story: ${a.top_story.source_code} → ${a.top_story.target_code} ${a.top_story.cameo} (${a.top_story.modality})` : "";
      list.append(el("li", { "data-testid": "alert" }, el("span", { class: "what" }, `${a.bucket} ${a.rule}`), ` ${a.series}: value ${a.value.toFixed(2)}${a.threshold == null ? "" : ` ≥ ${a.threshold.toFixed(2)}`}${story}`));
    }
  } catch (err) {
    list.replaceChildren(el("li", { class: "error" }, String(err.message)));
  }
}

// --- table ----------------------------------------------------------------------------

async function drawTable() {
  const form = $("filters");
  const params = {};
  for (const [k, v] of new FormData(form).entries()) params[k] = k === "directed" ? "true" : v.trim();
  params.limit = 50;
  params.offset = state.tableOffset;
  const body = $("events-table").tBodies[0];
  try {
    const data = await api("/api/events", params);
    showError("table-error", null);
    body.replaceChildren();
    for (const e of data.events) {
      const row = el("tr", { tabindex: 0, "data-testid": "table-row", "data-event-id": e.id },
        el("td", {}, e.day || "–"), el("td", {}, e.source.code), el("td", {}, `${e.cameo} ${e.cameo_name || ""}`),
        el("td", {}, e.target.code), el("td", {}, el("span", { class: `badge ${e.modality}` }, e.modality)),
        el("td", {}, e.quad_class ?? "–"), el("td", {}, e.sentence.length > 120 ? `${e.sentence.slice(0, 120)}…` : e.sentence));
      row.addEventListener("click", () => openEvent(e.id));
      row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openEvent(e.id); });
      body.append(row);
    }
    const last = Math.min(data.total, data.offset + data.events.length);
    $("table-count").textContent = data.total ? `${data.offset + 1}–${last} of ${data.total} events` : "No events match.";
    $("prev").disabled = data.offset === 0;
    $("next").disabled = last >= data.total;
  } catch (err) {
    showError("table-error", err);
  }
}

// --- the dyad -------------------------------------------------------------------------

async function showDyad() {
  const dyad = $("dyad").value.trim();
  if (!dyad) return;
  const params = { dyad, interval: $("interval").value, per_report: $("per-report").checked ? "true" : undefined, ...period() };
  try {
    const series = await api("/api/series", params);
    showError("dyad-error", null);
    state.series = series;
    $("timeline-label").textContent = `${series.series[0] ? series.series[0].label : dyad} by ${series.interval}`;
    drawTimeline(series);
    const url = new URL(window.location);
    url.searchParams.set("dyad", dyad);
    history.replaceState(null, "", url);
  } catch (err) {
    showError("dyad-error", err);
  }
  drawNetwork();
  drawAlerts();
}

async function start() {
  drawLegend();
  try {
    const status = await api("/api/status");
    $("status").textContent = `${status.events} events from ${status.articles} articles, ${status.first_day || "–"} to ${status.last_day || "–"}${status.ingest_enabled ? " · ingest on" : " · read-only"}`;
    if (status.first_day) $("since").value = status.first_day;
    if (status.last_day) $("until").value = status.last_day;
  } catch (err) {
    $("status").textContent = `Cannot reach the store: ${err.message}`;
  }
  try {
    const net = await api("/api/network", { by: "country", limit: 20 });
    const pairs = net.edges.filter((e) => e.source && e.target && e.source !== e.target);
    const seen = new Set();
    for (const e of pairs) {
      const pair = [e.source, e.target].sort().join("-");
      if (seen.has(pair)) continue;
      seen.add(pair);
      $("dyad-choices").append(el("option", { value: pair }));
      if (!$("dyad").value) $("dyad").value = pair;
    }
  } catch (err) {
    showError("dyad-error", err);
  }
  const asked = new URL(window.location).searchParams.get("dyad");
  if (asked) $("dyad").value = asked;
  $("controls").addEventListener("submit", (ev) => { ev.preventDefault(); showDyad(); });
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); state.tableOffset = 0; drawTable(); });
  $("prev").addEventListener("click", () => { state.tableOffset = Math.max(0, state.tableOffset - 50); drawTable(); });
  $("next").addEventListener("click", () => { state.tableOffset += 50; drawTable(); });
  await showDyad();
  await drawTable();
  document.body.setAttribute("data-ready", "true");
}

document.addEventListener("DOMContentLoaded", start);
