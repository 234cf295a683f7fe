// The page: reads the state from the URL, runs the text through the model, draws the chosen view, and keeps
// the URL fragment in step with every change so a link restores the view.

import * as api from './api.js';
import { caption } from './captions.js';
import * as exporter from './export.js';
import { makeLens } from './filters.js';
import { focusedToken, refocusToken } from './keyboard.js';
import { drawLines } from './lineView.js';
import { drawMatrix } from './matrixView.js';
import { drawModel } from './modelView.js';
import { drawSwatches } from './multiHead.js';
import { headColour } from './headColours.js';
import { drawHeads } from './headsView.js';
import { drawAggregate } from './aggregateView.js';
import { drawExplain } from './explainView.js';
import { LINE_COLOUR } from './palette.js';
import { drawPipeline } from './pipelineView.js';
import { PAIRS, RUN_VIEWS, readUrl, toFragment } from './state.js';
import { Trace } from './trace.js';
import { TrainingView } from './trainingView.js';

const $ = id => document.getElementById(id);
const ui = {
  model: $('model'), modelInfo: $('model-info'), form: $('input'), text: $('text'), textB: $('text-b'),
  views: $('view'), layer: $('layer'), head: $('head'), multi: $('multi-head'), words: $('words'), special: $('special'),
  min: $('min'), pairs: $('pairs'), swatches: $('swatches'), error: $('error'), stage: $('stage'), caption: $('caption'),
  status: $('status'), tooltip: $('tooltip'),
};

let state = readUrl(window.location);
const exportRequest = exportKind(window.location); // read before the first render rewrites the fragment
let lastHead = typeof state.head === 'number' ? state.head : 0;
let models = [];
let version = '';
let defaultModel = '';
let unavailable = [];  // models the server was given but could not load: {key, error}
let trace = null;
let root = null;     // the drawn view's <svg> or <canvas>, for export
let renders = 0;
let runs = 0;
let headFocus = null; // the Heads view's cell to focus after a redraw
const training = new TrainingView({
  hover, tooltip: document.getElementById('tooltip'),
  change: partial => { Object.assign(state.training, partial); render(); },
  frame: (step, facts) => {
    state.training.step = step;
    history.replaceState(null, '', `${window.location.pathname}#${toFragment(state)}`);
    showCaption(facts);
  },
});

function hover(event, text) {
  if (!event) { ui.tooltip.hidden = true; return; }
  ui.tooltip.textContent = text;
  ui.tooltip.hidden = false;
  ui.tooltip.style.left = `${event.clientX + 14}px`;
  ui.tooltip.style.top = `${event.clientY + 14}px`;
}

function showError(message) {
  ui.error.textContent = message;
  ui.error.hidden = !message;
}

function say(message) {
  ui.status.textContent = message;
}

function option(select, value, label) {
  const o = document.createElement('option');
  o.value = String(value);
  o.textContent = label;
  select.appendChild(o);
}

function modelEntry(key) {
  return models.find(m => m.key === key);
}

async function start() {
  try {
    const [health, list] = await Promise.all([api.health(), api.models()]);
    version = health.version ?? '';
    models = list.models;
    defaultModel = list.default_model;
    unavailable = list.unavailable ?? [];
  } catch (e) {
    showError(e.message);
    ui.stage.dataset.state = 'error';
    if (exportRequest) await publishExport(exportRequest);
    return;
  }
  for (const m of models) option(ui.model, m.key, m.name === m.key ? m.name : `${m.name} (${m.key})`);
  for (const m of unavailable) {
    option(ui.model, m.key, `${m.key}: cannot be loaded`);
    ui.model.lastChild.disabled = true;
    ui.model.lastChild.title = m.error;
  }
  if (!state.model) state.model = defaultModel;
  wire();
  await refresh(true);
  if (exportRequest) await publishExport(exportRequest);
}

function wire() {
  ui.form.addEventListener('submit', event => {
    event.preventDefault();
    state.text = ui.text.value;
    state.textB = ui.textB.value.trim() ? ui.textB.value : '';
    run();
  });
  ui.text.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) ui.form.requestSubmit();
  });
  ui.model.addEventListener('change', () => {
    const was = modelEntry(state.model), entry = modelEntry(ui.model.value);
    state.model = ui.model.value;
    state.text = ui.text.value;
    state.textB = ui.textB.value.trim() ? ui.textB.value : '';
    if (entry?.example && entry.task !== was?.task) { // a model trained here reads only its task's words
      state.text = entry.example;
      state.textB = '';
    }
    run();
  });
  ui.views.querySelectorAll('[data-view]').forEach(tab => tab.addEventListener('click', () => {
    state.view = tab.dataset.view;
    refresh(false);
  }));
  ui.views.addEventListener('keydown', event => {
    const tabs = [...ui.views.querySelectorAll('[data-view]')];
    const at = tabs.indexOf(document.activeElement);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (at >= 0 && step) tabs[(at + step + tabs.length) % tabs.length].focus();
  });
  ui.layer.addEventListener('change', () => { state.layer = Number(ui.layer.value); render(); });
  ui.head.addEventListener('change', () => setHead(ui.head.value === 'all' ? 'all' : Number(ui.head.value)));
  ui.multi.addEventListener('change', () => setHead(ui.multi.checked ? 'all' : lastHead));
  ui.words.addEventListener('change', () => { state.words = ui.words.checked; render(); });
  ui.special.addEventListener('change', () => { state.special = ui.special.value; render(); });
  ui.min.addEventListener('change', () => { state.min = Number(ui.min.value); render(); });
  ui.pairs.addEventListener('change', () => {
    state.pairs = PAIRS.filter(p => ui.pairs.querySelector(`input[value="${p}"]`).checked);
    render();
  });
  $('export-svg').addEventListener('click', () => exportAs('svg'));
  $('export-png').addEventListener('click', () => exportAs('png'));
  $('export-html').addEventListener('click', () => exportAs('html'));
  $('copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      say('Link copied: it restores this view.');
    } catch {
      say(`Link: ${window.location.href}`);
    }
  });
  window.addEventListener('hashchange', () => {
    const next = readUrl(window.location);
    next.model ||= defaultModel;
    const retrace = next.model !== state.model || next.text !== state.text || next.textB !== state.textB;
    state = next;
    refresh(retrace);
  });
  let resizing;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { if (state.view !== 'pipeline') render(); }, 200); // views fit their width
  });
}

/** Draws the chosen view; a view of the text traces it first when it is new (or was never traced). */
function refresh(retrace) {
  ui.text.value = state.text;
  ui.textB.value = state.textB;
  if (RUN_VIEWS.includes(state.view)) return render();
  return retrace || !trace ? run() : render();
}

function setHead(head) {
  if (typeof head === 'number') lastHead = head;
  state.head = head;
  if (head === 'all' && state.view === 'pipeline') state.view = 'lines';
  render();
}

async function run() {
  showError('');
  ui.stage.dataset.state = 'busy';
  ui.text.value = state.text;
  ui.textB.value = state.textB;
  ui.model.value = state.model;
  say(`Running ${modelEntry(state.model)?.name ?? state.model}…`);
  const started = performance.now();
  const mine = ++runs;
  let traced;
  try {
    traced = await Trace.run(state.model, state.text, state.textB);
  } catch (e) {
    if (mine !== runs) return;
    trace = null;
    showError(e.message);
    say('');
    ui.stage.replaceChildren();
    ui.stage.dataset.state = 'error';
    return;
  }
  if (mine !== runs) return; // a newer run started meanwhile
  trace = traced;
  const entry = modelEntry(state.model);
  ui.modelInfo.textContent = `${trace.layers} layers × ${trace.heads} heads, up to ${entry?.max_tokens ?? '?'} tokens`;
  ui.layer.replaceChildren();
  for (let l = 0; l < trace.layers; l++) option(ui.layer, l, String(l));
  ui.head.replaceChildren();
  for (let h = 0; h < trace.heads; h++) option(ui.head, h, String(h));
  option(ui.head, 'all', 'all');
  say(`${trace.modelName}: ${trace.n} tokens, traced in ${Math.round(performance.now() - started)} ms`);
  await render();
}

function clamp() {
  state.layer = Math.min(state.layer, trace.layers - 1);
  if (state.head !== 'all') state.head = Math.min(state.head, trace.heads - 1);
  lastHead = Math.min(lastHead, trace.heads - 1);
  state.token = Math.min(state.token, trace.n - 1);
  if (state.heads) state.heads = state.heads.filter(h => h < trace.heads);
  state.pruned = state.pruned.filter(([l, h]) => l < trace.layers && h < trace.heads);
  if (state.view === 'pipeline' && state.head === 'all') state.head = lastHead;
}

function shownHeads() {
  return state.heads ?? [...Array(trace.heads).keys()];
}

function syncTabs() {
  ui.views.querySelectorAll('[data-view]').forEach(tab => {
    const on = tab.dataset.view === state.view;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
  });
  const textView = !RUN_VIEWS.includes(state.view);
  document.querySelectorAll('[data-text-view]').forEach(node => { node.hidden = !textView; });
  if (!textView) ui.pairs.hidden = ui.swatches.hidden = true;
}

function syncControls() {
  syncTabs();
  ui.layer.value = String(state.layer);
  ui.head.value = String(state.head);
  ui.multi.checked = state.head === 'all';
  ui.multi.disabled = state.view === 'pipeline' || state.view === 'model';
  ui.head.disabled = state.view === 'model';
  ui.words.checked = state.words;
  ui.special.value = state.special;
  if (![...ui.min.options].some(o => Number(o.value) === state.min)) {
    option(ui.min, state.min, `hide < ${Number((100 * state.min).toFixed(2))}%`); // a threshold from a link
  }
  ui.min.value = [...ui.min.options].find(o => Number(o.value) === state.min).value;
  ui.min.parentElement.hidden = state.view !== 'lines';
  for (const control of [ui.layer, ui.head, ui.multi, ui.words, ui.special]) {
    control.closest('label').hidden = state.view === 'heads' // the Heads view shows every head
      || (['aggregate', 'explain'].includes(state.view) && control !== ui.layer); // these combine the heads
  }
  ui.pairs.hidden = !trace.pair || state.view === 'explain';
  ui.pairs.querySelectorAll('input').forEach(box => { box.checked = state.pairs.includes(box.value); });
  const multi = state.head === 'all' && (state.view === 'lines' || state.view === 'matrix');
  ui.swatches.hidden = !multi;
  if (multi) {
    drawSwatches(ui.swatches, trace.heads, shownHeads(), heads => {
      state.heads = heads.length === trace.heads ? null : heads;
      render();
    });
  }
}

function selectUnit(lens) {
  return unit => {
    state.token = lens.firstToken[unit];
    render();
  };
}

function argmax(row) {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  return best;
}

async function render() {
  if (RUN_VIEWS.includes(state.view)) return renderRun();
  if (!trace) return;
  const seq = ++renders;
  clamp();
  history.replaceState(null, '', `${window.location.pathname}#${toFragment(state)}`);
  document.title = `attend · ${state.text.slice(0, 40)} · layer ${state.layer}`;
  syncControls();
  ui.stage.dataset.state = 'busy';
  const refocus = focusedToken();
  const lens = makeLens(trace, state);
  const started = performance.now();
  const facts = {
    view: state.view, layer: state.layer, head: state.head, multi: state.head === 'all', words: state.words,
    special: state.special, pair: trace.pair, pairs: state.pairs, min: state.min, layers: trace.layers,
    heads: trace.heads, headDim: trace.headDim, shownHeads: shownHeads().length, omitted: 0,
    query: '', top: { label: '', weight: 0 },
  };
  let drawn = null; // the view's <svg> or <canvas>
  try {
    if (lens.size === 0) {
      ui.stage.replaceChildren(Object.assign(document.createElement('p'), {
        textContent: 'Every token here is a special token, and special tokens are hidden: nothing to show.',
      }));
    } else if (state.view === 'model') {
      drawn = await drawModel(ui.stage, {
        trace, lens, layer: state.layer, head: state.head, hover, announce: say,
        open: (layer, head) => { Object.assign(state, { layer, head, view: 'lines' }); lastHead = head; render(); },
      });
    } else if (state.view === 'aggregate') {
      const shown = await drawAggregate(ui.stage, {
        trace, kind: state.agg, show: state.aggShow, layer: state.layer, token: state.token, tooltip: ui.tooltip, hover,
        onKind: kind => { state.agg = kind; render(); },
        onShow: show => { state.aggShow = show; render(); },
        onSelect: token => { state.token = token; render(); },
      });
      if (seq !== renders) return;
      drawn = shown.drawn;
      Object.assign(facts, { query: trace.tokens[state.token], top: shown.top, agg: state.agg, aggShow: state.aggShow });
    } else if (state.view === 'explain') {
      const shown = await drawExplain(ui.stage, {
        trace, layer: state.layer, classifier: Boolean(modelEntry(state.model)?.task), explain: () => trace.explain(),
        onPair: textB => { state.textB = textB; run(); },
      });
      if (seq !== renders) return;
      Object.assign(facts, shown);
    } else if (state.view === 'heads') {
      Object.assign(facts, await drawHeads(ui.stage, {
        trace, stat: state.stat, pruned: state.pruned,
        onStat: stat => { state.stat = stat; render(); },
        onToggle: (layer, head) => {
          headFocus = `[data-testid="head-cell"][data-layer="${layer}"][data-head="${head}"]`;
          const on = state.pruned.some(([l, h]) => l === layer && h === head);
          state.pruned = on ? state.pruned.filter(([l, h]) => l !== layer || h !== head)
            : [...state.pruned, [layer, head]].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          render();
        },
      }));
      if (headFocus) ui.stage.querySelector(headFocus)?.focus(); // keyboard users stay on the head they switched
      headFocus = null;
    } else if (state.view === 'pipeline') {
      const head = state.head;
      const [vectors, weights] = await Promise.all([trace.vectors(state.layer, head), trace.layer(state.layer)]);
      if (seq !== renders) return;
      const n = trace.n, t = state.token;
      const modelWeights = weights.subarray((head * n + t) * n, (head * n + t + 1) * n);
      drawn = drawPipeline(ui.stage, {
        vectors, modelWeights, labels: trace.tokens, special: trace.wordIds.map(w => w < 0), token: t,
        layer: state.layer, head, hover, ariaLabel: 'attention pipeline',
        onSelect: token => { state.token = token; render(); },
      });
      facts.query = trace.tokens[t];
    } else {
      const weights = await trace.layer(state.layer);
      if (seq !== renders) return;
      const query = lens.unitOfToken(state.token);
      facts.query = lens.labels[query];
      const heads = state.head === 'all' ? shownHeads() : [state.head];
      if (state.view === 'lines') {
        const lines = heads.map(h => ({
          head: h, colour: state.head === 'all' ? headColour(h) : LINE_COLOUR, row: lens.row(weights, h, query),
        }));
        drawn = drawLines(ui.stage, {
          labels: lens.labels, special: lens.special, segment: trace.pair ? lens.segment : null,
          tokenIndex: lens.firstToken, query, lines, multi: state.head === 'all', allowed: lens.allowed, min: state.min,
          tooltip: ui.tooltip,
          onSelect: selectUnit(lens), ariaLabel: `attention lines from ${facts.query}, layer ${state.layer}`,
        });
        facts.omitted = Number(drawn.dataset.omitted);
        if (lines.length === 1) {
          const top = argmax(lines[0].row);
          facts.top = { label: lens.labels[top], weight: lines[0].row[top] };
        }
      } else {
        const matrix = new Float32Array(lens.size * lens.size);
        for (const h of heads) {
          const one = lens.matrix(weights, h);
          for (let k = 0; k < matrix.length; k++) matrix[k] += one[k] / heads.length;
        }
        const row = matrix.subarray(query * lens.size, (query + 1) * lens.size);
        const top = argmax(row);
        facts.top = { label: lens.labels[top], weight: row[top] };
        drawn = drawMatrix(ui.stage, {
          lens, matrix, query, tokenIndex: lens.firstToken, hover, onSelect: selectUnit(lens),
          ariaLabel: `attention matrix, layer ${state.layer}`,
        });
      }
    }
  } catch (e) {
    renderFailed(seq, e);
    return;
  }
  if (seq !== renders) return;
  refocusToken(ui.stage, refocus);
  rendered(seq, drawn, started, facts);
}

function renderFailed(seq, e) {
  if (seq !== renders) return;
  showError(e.message);
  ui.stage.dataset.state = 'error';
  ui.stage.dataset.render = String(seq);
}

/** The view is drawn: its root for export (null: nothing to export), its timing and caption. */
function rendered(seq, drawn, started, facts) {
  showError(''); // a view drawn after a refused one (e.g. flow on a long text)
  root = drawn;
  ui.stage.dataset.renderMs = (performance.now() - started).toFixed(1);
  ui.stage.dataset.view = state.view;
  showCaption(facts);
  ui.stage.dataset.state = 'ready';
  ui.stage.dataset.render = String(seq); // tests wait for this number to grow
}

function showCaption(facts) {
  ui.caption.replaceChildren(...caption(facts).map(text => Object.assign(document.createElement('p'), { textContent: text })));
}

/** A view of a training run (not of the text): the Training view. */
async function renderRun() {
  const seq = ++renders;
  showError('');
  history.replaceState(null, '', `${window.location.pathname}#${toFragment(state)}`);
  document.title = `attend · training${state.training.run ? ` · ${state.training.run}` : ''}`;
  syncTabs();
  ui.stage.dataset.state = 'busy';
  const started = performance.now();
  let facts;
  try {
    facts = await training.show(ui.stage, state.training);
  } catch (e) {
    renderFailed(seq, e);
    return;
  }
  if (seq !== renders) return;
  history.replaceState(null, '', `${window.location.pathname}#${toFragment(state)}`); // with the clamped run state
  rendered(seq, null, started, facts);
}

function provenance() {
  const entry = modelEntry(state.model) ?? {};
  return {
    tool: 'attend', attendVersion: version, model: state.model, modelName: trace.modelName,
    modelVersion: entry.version ?? '', text: state.text, textB: state.textB, layer: state.layer,
    head: state.head, heads: state.head === 'all' ? shownHeads() : [state.head], token: state.token,
    view: state.view, words: state.words, special: state.special,
    url: exportRequest ? '' : window.location.href, // `attend render`'s server is gone once the file is written
    exported: new Date().toISOString(),
  };
}

function fileName(ext) {
  const head = state.head === 'all' ? 'all' : state.head;
  return `attend-${state.model}-L${state.layer}-H${head}-${state.view}.${ext}`.replace(/[^\w.-]+/g, '_');
}

async function exportAs(kind) {
  if (!trace || !root) return;
  const p = provenance();
  try {
    if (kind === 'svg') {
      exporter.download(new Blob([exporter.svgText(root, p)], { type: 'image/svg+xml' }), fileName('svg'));
    } else if (kind === 'png') {
      exporter.download(await exporter.pngBlob(root, p), fileName('png'));
    } else {
      const lens = makeLens(trace, state);
      const weights = await trace.layer(state.layer);
      const shown = state.head === 'all' ? shownHeads() : [state.head];
      const { html, note } = await exporter.htmlFile({
        lens, matrices: h => lens.matrix(weights, h), heads: [...Array(trace.heads).keys()], shown,
        query: lens.unitOfToken(state.token), min: state.min, provenance: p,
        snapshot: state.view === 'lines' ? '' : exporter.svgText(root, p).replace(/^<\?xml[^>]*>\n/, ''),
      });
      exporter.download(new Blob([html], { type: 'text/html' }), fileName('html'));
      if (note) say(note);
    }
  } catch (e) {
    showError(`Export failed: ${e.message}`);
  }
}

/** `export=svg|png` in the fragment: `attend render` asks for the drawn view as a file (see publishExport). */
function exportKind(location) {
  return new URLSearchParams(location.hash.replace(/^#/, '')).get('export');
}

/**
 * For `attend render` (headless Chromium with --dump-dom): once the view is drawn, its SVG or PNG goes into the
 * DOM as <script type="text/plain" id="attend-export" data-status="ok|error">, base64 of the file's bytes or of
 * the error message, where the dumped DOM carries it to Java.
 */
async function publishExport(kind) {
  const out = document.createElement('script');
  out.type = 'text/plain';
  out.id = 'attend-export';
  try {
    if (!trace || !root) throw new Error(ui.error.textContent || 'the view was not drawn');
    let bytes;
    if (kind === 'svg') bytes = new TextEncoder().encode(exporter.svgText(root, provenance()));
    else if (kind === 'png') bytes = new Uint8Array(await (await exporter.pngBlob(root, provenance())).arrayBuffer());
    else throw new Error(`export=${kind}: svg or png`);
    out.dataset.status = 'ok';
    out.textContent = exporter.base64(bytes);
  } catch (e) {
    out.dataset.status = 'error';
    out.textContent = exporter.base64(new TextEncoder().encode(e.message));
  }
  document.body.appendChild(out);
}

start();
