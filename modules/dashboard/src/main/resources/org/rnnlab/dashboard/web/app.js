// The rnnlab dashboard. The page asks for the runs and, for the run on show, its history
// (/api/runs/NAME/reports); live reports and state changes arrive as server-sent events
// (/api/events) and are merged after the history by step. Nothing here polls.
"use strict";

const PALETTE = ["#2a6fdb", "#d9480f", "#2f9e44", "#9c36b5", "#e67700", "#0b7285", "#c2255c", "#5c940d", "#495057"];

const state = {
  runs: new Map(),        // name -> row (GET /api/runs, "run" events)
  shown: null,            // the run whose charts are on show
  history: [],            // its reports, ascending by step
  charts: {},             // uPlot instances by name
  heatmap: { rows: 0, painted: 0 },
  experiments: [],
  redrawPending: false,
};
window.rnnlab = state;    // read by the browser test

// ---- numbers ----------------------------------------------------------------------------

/** JSON carries NaN and infinities as strings; charts want a finite number or a gap. */
function num(v) {
  const n = typeof v === "number" ? v : Number(v);
  return isFinite(n) ? n : null;
}
function positive(v) {
  const n = num(v);
  return n !== null && n > 0 ? n : null;
}
function fmt(v, digits = 4) {
  const n = num(v);
  if (n === null) return "–";
  return Math.abs(n) >= 1e4 || (Math.abs(n) < 1e-3 && n !== 0) ? n.toExponential(2) : n.toFixed(digits);
}
/** An axis label: plain for ordinary numbers, powers of ten for the tiny and huge ones of log scales. */
function tick(v) {
  if (v === null || v === 0) return v === 0 ? "0" : "";
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e5 ? v.toExponential(0) : String(+v.toPrecision(6));
}
function duration(seconds) {
  const s = num(seconds);
  if (s === null) return "–";
  const m = Math.floor(s / 60), r = Math.round(s % 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}` : `${m}:${String(r).padStart(2, "0")}`;
}

// ---- server ----------------------------------------------------------------------------

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

async function act(name, action) {
  const response = await fetch(`api/runs/${encodeURIComponent(name)}/${action}`, { method: "POST" });
  const body = await response.json();
  if (!response.ok) {
    alert(body.error);
    return;
  }
  state.runs.set(body.name, body);
  renderRuns();
}

function listen() {
  const badge = document.getElementById("connection");
  const events = new EventSource("api/events");
  events.addEventListener("hello", () => {
    badge.textContent = "live";
    badge.className = "connection live";
    reload(); // (re)connected: whatever happened meanwhile comes with the history
  });
  events.addEventListener("step", e => onReport(JSON.parse(e.data)));
  events.addEventListener("run", e => onRunChange(JSON.parse(e.data)));
  events.addEventListener("resync", () => reload());
  events.onerror = () => {
    badge.textContent = "reconnecting…";
    badge.className = "connection lost";
  };
}

async function reload() {
  const rows = await getJson("api/runs");
  state.runs = new Map(rows.map(r => [r.name, r]));
  renderRuns();
  if (!state.shown && rows.length > 0) {
    state.shown = rows[0].name;
  }
  if (state.shown) {
    await show(state.shown);
  }
  await loadExperiments();
}

// ---- events ----------------------------------------------------------------------------

function onReport(report) {
  const row = state.runs.get(report.run);
  if (row) {
    if (row.state === "ready") {
      // a run that reports while it is ready here trains on another member (rnn:experiment cluster=true)
      row.state = "elsewhere";
    }
    Object.assign(row, { step: report.step, loss: report.loss, metric: report.metric,
                         gradientNorm: report.gradientNorm, stepsPerSecond: report.stepsPerSecond });
    if (num(report.stepsPerSecond)) {
      row.etaSeconds = Math.max(0, row.targetStep - report.step) / report.stepsPerSecond;
    }
  }
  if (report.run === state.shown) {
    const last = state.history[state.history.length - 1];
    if (last && report.step <= last.step) {
      // a rollback went back in time: the curve continues from where the run is now
      state.history = state.history.filter(r => r.step < report.step);
    }
    state.history.push(report);
  }
  scheduleRedraw();
}

function onRunChange(change) {
  if (change.event.kind === "REMOVED") {
    state.runs.delete(change.event.run);
    if (state.shown === change.event.run) state.shown = null;
  } else if (change.run) {
    const known = state.runs.has(change.run.name);
    state.runs.set(change.run.name, change.run);
    if (!known && !state.shown) show(change.run.name);
    if (change.event.kind === "CREATED" || state.experiments.some(e => e.runs.includes(change.run.name))) {
      loadExperiments(); // state changes are rare: the table and the overlaid curves follow them
    }
  }
  scheduleRedraw();
}

function scheduleRedraw() {
  if (!state.redrawPending) {
    state.redrawPending = true;
    requestAnimationFrame(() => {
      state.redrawPending = false;
      renderRuns();
      renderRun();
    });
  }
}

// ---- runs table -------------------------------------------------------------------------

// Rows are updated in place: rebuilt many times a second, a button would be replaced between a
// person's press and release, and the click would be lost.
function renderRuns() {
  const body = document.querySelector("#runs tbody");
  const rows = new Map([...body.children].map(tr => [tr.dataset.run, tr]));
  for (const [name, tr] of rows) {
    if (!state.runs.has(name)) tr.remove();
  }
  for (const run of state.runs.values()) {
    let tr = rows.get(run.name);
    if (!tr) {
      tr = newRunRow(run.name);
      body.append(tr);
    }
    updateRunRow(tr, run);
  }
  document.getElementById("no-runs").hidden = state.runs.size > 0;
}

function newRunRow(name) {
  const tr = document.createElement("tr");
  tr.dataset.run = name;
  for (let i = 0; i < 8; i++) tr.append(document.createElement("td"));
  tr.children[1].className = "state";
  tr.addEventListener("click", () => show(name));
  return tr;
}

function updateRunRow(tr, run) {
  tr.className = run.name === state.shown ? "selected" : "";
  const texts = [run.name, run.state, `${run.step} / ${run.targetStep}`, fmt(run.loss),
                 `${fmt(run.metric)} ${run.metricName || ""}`, `${fmt(run.stepsPerSecond, 0)} /s`,
                 run.state === "running" ? duration(run.etaSeconds) : "–"];
  texts.forEach((text, i) => {
    if (tr.children[i].textContent !== text) tr.children[i].textContent = text;
  });
  if (tr.dataset.state !== run.state) {
    tr.dataset.state = run.state;
    tr.children[1].className = `state state-${run.state}`;
    tr.children[7].replaceChildren(...actionsFor(run));
  }
}

function actionsFor(run) {
  const buttons = [];
  for (const [action, when] of [["pause", ["running", "waiting"]], ["resume", ["paused"]],
                                ["stop", ["running", "paused", "waiting"]]]) {
    if (when.includes(run.state)) {
      const b = document.createElement("button");
      b.textContent = action;
      b.dataset.action = action;
      b.addEventListener("click", e => { e.stopPropagation(); act(run.name, action); });
      buttons.push(b);
    }
  }
  return buttons;
}

// ---- one run's charts -------------------------------------------------------------------

async function show(name) {
  state.shown = name;
  let reports;
  try {
    reports = await getJson(`api/runs/${encodeURIComponent(name)}/reports`);
  } catch (e) {
    state.shown = null;
    return;
  }
  if (state.shown !== name) return; // another run was chosen meanwhile
  // live reports that came while the history was on its way follow it
  const live = state.history.filter(r => r.run === name);
  const last = reports.length ? reports[reports.length - 1].step : -1;
  state.history = reports.concat(live.filter(r => r.step > last));
  for (const chart of Object.values(state.charts)) chart.destroy();
  state.charts = {};
  renderRuns();
  renderRun();
}

function renderRun() {
  const section = document.getElementById("run-section");
  const run = state.runs.get(state.shown);
  section.hidden = !run;
  if (!run) return;
  document.getElementById("run-title").textContent = `${run.name} — ${run.spec.cell} on ${run.spec.task}, `
      + `hidden ${run.spec.hidden}, ${run.parameters} parameters`;
  document.getElementById("run-message").textContent = run.message || "";
  document.getElementById("metric-caption").textContent = `Metric: ${run.metricName || "–"} (train, held-out)`;

  const h = state.history;
  const steps = h.map(r => r.step);
  const value = state.logScale ? positive : num;
  const evaluation = (r, key) => r.evaluation ? value(r.evaluation[key]) : null;
  chart("loss", steps, [["train", h.map(r => value(r.loss))], ["held-out", h.map(r => evaluation(r, "loss"))]]);
  chart("metric", steps, [["train", h.map(r => value(r.metric))], ["held-out", h.map(r => evaluation(r, "metric"))]]);
  const units = h.reduce((m, r) => Math.max(m, r.layerGradientNorms.length), 0);
  chart("gradients", steps, [["global", h.map(r => value(r.gradientNorm))]].concat(
      Array.from({ length: units }, (_, i) => [i === units - 1 ? "head" : `unit ${i}`,
                                               h.map(r => value(r.layerGradientNorms[i]))])));
  chart("lr", steps, [["learning rate", h.map(r => value(r.learningRate))]]);
  renderDiagnostics(h, value);
  renderHeatmap(h);
}

function renderDiagnostics(h, value) {
  const d = h.filter(r => r.diagnostics);
  const steps = d.map(r => r.step);
  const names = (pick, label) => [...new Set(d.flatMap(r => pick(r.diagnostics).map(label)))];
  const ratioNames = names(x => x.parameters, p => p.name);
  chart("ratios", steps, ratioNames.map(n => [n, d.map(r =>
      value((r.diagnostics.parameters.find(p => p.name === n) || {}).updateRatio))]));
  const spectrumName = s => s.block ? `${s.parameter} (${s.block})` : s.parameter;
  const spectra = names(x => x.spectra, spectrumName);
  chart("spectra", steps, spectra.map(n => [n, d.map(r =>
      value((r.diagnostics.spectra.find(s => spectrumName(s) === n) || {}).spectralRadius))]));
}

function renderHeatmap(h) {
  const kind = document.getElementById("flow-kind").value;
  const rows = kind === "hidden"
      ? h.filter(r => r.hiddenGradientNorms.length).map(r => ({ step: r.step, values: r.hiddenGradientNorms.map(num) }))
      : h.filter(r => r.diagnostics && r.diagnostics.units.length)
         .map(r => ({ step: r.step, values: r.diagnostics.units[0].jacobianNorms.map(num) }));
  const canvas = document.getElementById("heatmap");
  state.heatmap = { rows: rows.length, painted: Heatmap.draw(canvas, rows, kind === "hidden" ? "time step t" : "k") };
  document.getElementById("heatmap-note").textContent = rows.length ? ""
      : kind === "hidden" ? "No reports yet."
      : "No diagnostics in this run: create it with diagnostics=N (e.g. diagnostics=100).";
}

/** Creates or updates the uPlot chart `name` with series [[label, values]] against x. */
function chart(name, x, series) {
  const host = document.getElementById(`chart-${name}`);
  const data = [x, ...series.map(s => s[1])];
  const existing = state.charts[name];
  if (existing && existing.series.length === series.length + 1) {
    existing.setData(data);
    return;
  }
  if (existing) existing.destroy();
  state.charts[name] = new uPlot({
    width: Math.max(host.clientWidth, 300),
    height: 220,
    scales: { x: { time: false }, y: state.logScale ? { distr: 3 } : {} },
    axes: [{ label: "step" }, { size: 70, values: (u, ticks) => ticks.map(tick) }],
    series: [{ label: "step" }].concat(series.map(([label], i) => ({
      label, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: true,
      points: { show: label === "held-out" },
    }))),
  }, data, host);
}

// ---- experiments ------------------------------------------------------------------------

async function loadExperiments() {
  state.experiments = await getJson("api/experiments");
  const section = document.getElementById("experiments-section");
  section.hidden = state.experiments.length === 0;
  const select = document.getElementById("experiment");
  const chosen = select.value;
  select.replaceChildren(...state.experiments.map(e => new Option(`${e.name} (${e.runs.length} runs)`, e.name)));
  if (state.experiments.some(e => e.name === chosen)) select.value = chosen;
  if (state.experiments.length) await showExperiment(select.value);
}

async function showExperiment(name) {
  const experiment = state.experiments.find(e => e.name === name);
  if (!experiment) return;
  const head = document.querySelector("#experiment-table thead");
  const body = document.querySelector("#experiment-table tbody");
  const columns = ["run", ...experiment.varied, "state", "step", "loss", "metric"];
  const headRow = document.createElement("tr");
  headRow.append(...columns.map(c => Object.assign(document.createElement("th"), { textContent: c })));
  head.replaceChildren(headRow);
  body.replaceChildren(...experiment.runs.map(runName => {
    const run = state.runs.get(runName) || { spec: {} };
    const values = [runName, ...experiment.varied.map(k => run.spec[k] ?? "–"), run.state, run.step,
                    fmt(run.loss), fmt(run.metric)];
    const tr = document.createElement("tr");
    tr.append(...values.map(v => Object.assign(document.createElement("td"), { textContent: v })));
    return tr;
  }));
  const histories = await Promise.all(experiment.runs.map(r =>
      getJson(`api/runs/${encodeURIComponent(r)}/reports`).catch(() => [])));
  const steps = [...new Set(histories.flatMap(h => h.map(r => r.step)))].sort((a, b) => a - b);
  const value = state.logScale ? positive : num;
  chart("experiment", steps, experiment.runs.map((runName, i) => {
    const byStep = new Map(histories[i].map(r => [r.step, value(r.loss)]));
    const label = experiment.varied.map(k => `${k}=${(state.runs.get(runName) || { spec: {} }).spec[k]}`).join(" ");
    return [label || runName, steps.map(s => byStep.has(s) ? byStep.get(s) : null)];
  }));
}

// ---- start ------------------------------------------------------------------------------

document.getElementById("log-scale").addEventListener("change", e => {
  state.logScale = e.target.checked;
  for (const c of Object.values(state.charts)) c.destroy();
  state.charts = {};
  renderRun();
  loadExperiments();
});
document.getElementById("flow-kind").addEventListener("change", () => renderRun());
document.getElementById("experiment").addEventListener("change", e => showExperiment(e.target.value));
state.logScale = document.getElementById("log-scale").checked;
listen();
