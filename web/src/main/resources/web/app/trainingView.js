// The Training view: how a model trained here (attend train --out DIR) came to attend. Choose a run, a probe
// sentence, a layer and a head; scrub or play through the snapshots recorded while it trained. The line view and
// the matrix view show that head at the chosen snapshot; the learning curve beside them carries a marker at the
// same step, and clicking the curve jumps there. A frame redraws only the two views and the marker.

import * as api from './api.js';
import { drawLines } from './lineView.js';
import { drawLossChart } from './lossChart.js';
import { drawMatrix } from './matrixView.js';
import { LINE_COLOUR } from './palette.js';

const PLAY_FPS = 10;
const KEPT_FRAME_TIMES = 1000;

function element(tag, { dataset = {}, ...props } = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

function labelled(text, control) {
  return element('label', {}, `${text} `, control);
}

function selectOf(testId, options, value) {
  const select = element('select', { dataset: { testid: testId } });
  for (const [v, label, disabled, title] of options) {
    select.append(element('option', { value: String(v), textContent: label, disabled: Boolean(disabled), title: title ?? '' }));
  }
  select.value = String(value);
  return select;
}

/** The snapshot shown for a step: the last one at or before it (the first if none is), the last for null. */
function snapshotAt(snapshots, step) {
  if (step === null) return snapshots.length - 1;
  let k = 0;
  while (k + 1 < snapshots.length && snapshots[k + 1].step <= step) k++;
  return k;
}

export class TrainingView {
  /** ctx: hover(event, text), tooltip, change(partial) (a new run, probe, layer, head or token: redraw all),
   *  frame(step, facts) (a new snapshot on screen) */
  constructor(ctx) {
    this.ctx = ctx;
    this.listing = null;
    this.details = new Map();
    this.series = new Map();
    this.built = null;   // key of the run/probe/layer/head/token the DOM was built for
    this.playing = null; // timer while playing
    this.frameTimes = [];
  }

  /** Forgets what was fetched (runs still training have new snapshots). */
  reload() {
    this.listing = null;
    this.details.clear();
    this.series.clear();
    this.built = null;
  }

  /** Draws the view for `t` (state.training, clamped here in place) into host; returns the caption's facts. */
  async show(host, t) {
    this.listing ??= await api.runs();
    const { runs, unreadable } = this.listing;
    if (runs.length === 0) {
      this.stop();
      this.built = null;
      host.replaceChildren(this.empty(unreadable));
      return { view: 'training', none: true, runsDir: this.listing.runs_dir };
    }
    if (!runs.some(r => r.name === t.run)) t.run = runs[0].name;
    if (!this.details.has(t.run)) this.details.set(t.run, await api.run(t.run));
    const run = this.details.get(t.run);
    if (run.snapshots.length === 0) {
      this.built = null;
      host.replaceChildren(element('p', { textContent: `Run “${run.name}” has no snapshots yet.` }));
      return { view: 'training', none: true, runsDir: this.listing.runs_dir };
    }
    t.probe = Math.min(t.probe, run.probes.length - 1);
    t.layer = Math.min(t.layer, run.layers - 1);
    t.head = Math.min(t.head, run.heads - 1);
    const probe = run.probes[t.probe];
    const n = probe.tokens.length;
    const query = t.token !== null && t.token < n ? t.token : (probe.marks.pronoun ?? probe.marks.query ?? 0);
    const target = probe.marks.antecedent ?? probe.marks.target ?? null;
    const key = `${t.run}\u0000${t.probe}\u0000${t.layer}\u0000${t.head}`;
    if (!this.series.has(key)) this.series.set(key, await api.runAttention(t.run, t.probe, t.layer, t.head));
    const series = this.series.get(key);
    const count = Math.min(series.shape[0], run.snapshots.length); // a run still training may have written more
    const view = { run, probe, n, query, target, series, count, snapshots: run.snapshots.slice(0, count), t };
    const built = `${key}\u0000${query}`;
    if (this.built !== built || !host.contains(this.root)) {
      this.stop();
      this.build(host, view);
      this.built = built;
    }
    this.view = view;
    return this.frame(snapshotAt(view.snapshots, t.step), performance.now());
  }

  empty(unreadable) {
    const box = element('div', { className: 'training-empty', dataset: { testid: 'training-empty' } });
    box.append(element('p', { textContent: this.listing.runs_dir
      ? `No training runs in ${this.listing.runs_dir}. Train one into it: ./attend train --task coref --out `
        + `${this.listing.runs_dir}/coref — it shows up here when you choose the Training view again.`
      : 'This server shows no training runs. Train a model, then start the server with its runs: '
        + './attend train --task coref --out runs/coref, then ./attend serve (it shows ./runs) or '
        + './attend serve --runs DIR.' }));
    for (const u of unreadable) box.append(element('p', { className: 'muted', textContent: `${u.name}: ${u.error}` }));
    return box;
  }

  build(host, v) {
    const { run, t } = v;
    const change = partial => { this.stop(); this.ctx.change(partial); };
    const runSelect = selectOf('run', [
      ...this.listing.runs.map(r => [r.name, `${r.name} (${r.task}, ${r.snapshots} snapshots)`]),
      ...this.listing.unreadable.map(u => [u.name, `${u.name}: cannot be read`, true, u.error]),
    ], t.run);
    runSelect.addEventListener('change', () => change({ run: runSelect.value, probe: 0, step: null, token: null }));
    const probeSelect = selectOf('probe', run.probes.map((p, k) => [k, `${k}: ${p.tokens.join(' ').slice(0, 60)}`]), t.probe);
    probeSelect.addEventListener('change', () => change({ probe: Number(probeSelect.value), token: null }));
    const layerSelect = selectOf('run-layer', [...Array(run.layers).keys()].map(l => [l, String(l)]), t.layer);
    layerSelect.addEventListener('change', () => change({ layer: Number(layerSelect.value) }));
    const headSelect = selectOf('run-head', [...Array(run.heads).keys()].map(h => [h, String(h)]), t.head);
    headSelect.addEventListener('change', () => change({ head: Number(headSelect.value) }));
    const reload = element('button', { type: 'button', textContent: 'Reload', title: 'Read the run again (new snapshots of a run still training)' });
    reload.dataset.testid = 'run-reload';
    reload.addEventListener('click', () => { this.reload(); change({}); });

    this.play = element('button', { type: 'button', className: 'play', textContent: '▶ Play' });
    this.play.dataset.testid = 'play';
    this.play.setAttribute('aria-pressed', 'false');
    this.play.addEventListener('click', () => (this.playing ? this.stop() : this.start()));
    this.scrubber = element('input', { type: 'range', min: 0, max: v.count - 1, step: 1 });
    this.scrubber.dataset.testid = 'scrubber';
    this.scrubber.setAttribute('aria-label', 'snapshot');
    this.scrubber.addEventListener('input', () => { this.stop(); this.frame(Number(this.scrubber.value), performance.now()); });
    this.readout = element('output', { className: 'readout' });
    this.readout.dataset.testid = 'step-readout';

    const chartHost = element('div', { className: 'chart' });
    const lines = element('div', { className: 'training-panel' });
    lines.dataset.testid = 'training-lines';
    const matrix = element('div', { className: 'training-panel' });
    matrix.dataset.testid = 'training-matrix';
    this.root = element('div', { className: 'training' },
      element('div', { className: 'training-controls' }, labelled('Run', runSelect), labelled('Probe', probeSelect),
        labelled('Layer', layerSelect), labelled('Head', headSelect), reload),
      element('div', { className: 'scrub' }, this.play, this.scrubber, this.readout),
      chartHost,
      element('div', { className: 'training-panels' }, lines, matrix));
    this.root.dataset.testid = 'training';
    this.frameTimes = [];
    host.replaceChildren(this.root);
    this.linesHost = lines;
    this.matrixHost = matrix;

    const { n, query, target, series, snapshots } = v;
    this.chart = drawLossChart(chartHost, {
      steps: snapshots.map(s => s.step),
      loss: snapshots.map(s => s.loss),
      accuracy: snapshots.map(s => s.accuracy),
      target: target === null ? null : snapshots.map((_, k) => series.values[(k * n + query) * n + target]),
      targetLabel: target === null ? '' : `${v.probe.tokens[query]}” → “${v.probe.tokens[target]}`,
      onPick: k => { this.stop(); this.frame(k, performance.now()); },
    });
  }

  /** Shows snapshot k; returns the caption's facts. `started`: when the change began, for the frame time. */
  frame(k, started) {
    const v = this.view;
    const { n, query, target, probe, series, snapshots } = v;
    const s = snapshots[k];
    const matrix = series.values.subarray(k * n * n, (k + 1) * n * n); // [n, n] of this snapshot
    const row = matrix.subarray(query * n, (query + 1) * n);
    const labels = probe.tokens;
    const special = labels.map(() => false);
    const marked = labels.map((_, j) => j === target);
    const tokenIndex = labels.map((_, j) => j);
    const select = unit => this.ctx.change({ token: unit });
    drawLines(this.linesHost, {
      labels, special, segment: null, tokenIndex, query, lines: [{ head: v.t.head, colour: LINE_COLOUR, row }],
      multi: false, allowed: () => true, min: 0, tooltip: this.ctx.tooltip, onSelect: select, marked,
      ariaLabel: `attention lines from ${labels[query]} at step ${s.step}`,
    });
    drawMatrix(this.matrixHost, {
      lens: { size: n, labels, special, allowed: () => true }, matrix, query, tokenIndex, hover: this.ctx.hover,
      onSelect: select, ariaLabel: `attention matrix at step ${s.step}`,
    });
    this.chart.mark(k);
    this.scrubber.value = String(k);
    const text = `step ${s.step} (${k + 1} of ${snapshots.length})`
      + (s.loss === null ? ' · before training' : ` · loss ${s.loss.toFixed(3)} · accuracy ${(100 * s.accuracy).toFixed(1)}%`);
    this.readout.textContent = text;
    this.scrubber.setAttribute('aria-valuetext', text);
    this.root.dataset.index = String(k);
    this.root.dataset.step = String(s.step);
    let top = 0;
    for (let j = 1; j < n; j++) if (row[j] > row[top]) top = j;
    const facts = {
      view: 'training', run: v.run.name, task: v.run.task, step: s.step, last: snapshots[snapshots.length - 1].step,
      loss: s.loss, accuracy: s.accuracy, layer: v.t.layer, head: v.t.head, query: labels[query],
      top: { label: labels[top], weight: row[top] },
      target: target === null ? null : { label: labels[target], weight: row[target] },
      final: v.run.metrics,
    };
    requestAnimationFrame(() => {
      const ms = performance.now() - started;
      this.frameTimes.push(ms);
      if (this.frameTimes.length > KEPT_FRAME_TIMES) this.frameTimes.shift();
      this.root.dataset.frames = String(Number(this.root.dataset.frames ?? 0) + 1);
      this.root.dataset.frameMs = ms.toFixed(2);
      this.root.dataset.frameTimes = this.frameTimes.map(t => t.toFixed(2)).join(',');
    });
    this.ctx.frame(s.step, facts);
    return facts;
  }

  start() {
    const v = this.view;
    let k = Number(this.scrubber.value);
    if (k >= v.count - 1) k = -1; // from the start again
    this.play.textContent = '❚❚ Pause';
    this.play.setAttribute('aria-pressed', 'true');
    const tick = () => {
      k++;
      this.frame(k, performance.now());
      if (k >= v.count - 1) { this.stop(); return; }
      this.playing = setTimeout(tick, 1000 / PLAY_FPS);
    };
    this.playing = setTimeout(tick, 0);
  }

  stop() {
    if (this.playing) clearTimeout(this.playing);
    this.playing = null;
    if (this.play) {
      this.play.textContent = '▶ Play';
      this.play.setAttribute('aria-pressed', 'false');
    }
  }
}
