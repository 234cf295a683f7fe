// The Heads view: every layer × head of the current text as a grid, each cell one statistic of that head's
// attention (mean row entropy, mean largest weight, share on [CLS], share on [SEP]), darker for more. A click
// (or Enter/Space) switches a head off: the text is run again without it (the engine's head mask), and the view
// shows how similar the sentence embedding stays (cosine) and how far every remaining head's attention moved.
// Beside the statistics: each head's importance for the model's objective (Michel et al. 2019), computed on the
// server once per model, with its progress shown while it runs.

import * as api from './api.js';
import { element, shade } from './cells.js';

export const STATS = {
  entropy: { label: 'entropy (bits, mean over rows)', short: 'entropy' },
  max: { label: 'largest weight (mean over rows)', short: 'largest weight' },
  cls: { label: 'share on [CLS]', short: 'on [CLS]' },
  sep: { label: 'share on [SEP]', short: 'on [SEP]' },
};

/** Per head of one layer ([heads, n, n]): {entropy, max, cls, sep}, each a mean over the n query rows. */
export function headStatistics(weights, heads, n, tokens) {
  const out = [];
  for (let h = 0; h < heads; h++) {
    let entropy = 0, max = 0, cls = 0, sep = 0;
    for (let i = 0; i < n; i++) {
      const row = weights.subarray((h * n + i) * n, (h * n + i + 1) * n);
      let top = 0;
      for (let j = 0; j < n; j++) {
        const w = row[j];
        if (w > 0) entropy -= w * Math.log2(w);
        if (w > top) top = w;
        if (tokens[j] === '[CLS]') cls += w;
        else if (tokens[j] === '[SEP]') sep += w;
      }
      max += top;
    }
    out.push({ entropy: entropy / n, max: max / n, cls: cls / n, sep: sep / n });
  }
  return out;
}

const fixed = (v, digits) => v.toFixed(digits);

function grid(testId, layers, heads, cell) {
  const table = element('table', { className: 'head-grid', dataset: { testid: testId } });
  const head = element('tr', {}, element('th', { scope: 'col', textContent: '' }));
  for (let h = 0; h < heads; h++) head.append(element('th', { scope: 'col', textContent: `H${h}` }));
  table.append(element('thead', {}, head));
  const body = element('tbody');
  for (let l = 0; l < layers; l++) {
    const row = element('tr', {}, element('th', { scope: 'row', textContent: `L${l}` }));
    for (let h = 0; h < heads; h++) row.append(element('td', {}, cell(l, h)));
    body.append(row);
  }
  table.append(body);
  return table;
}

/**
 * ctx: trace, stat (a STATS key), pruned ([[layer, head]]), onStat(stat), onToggle(layer, head)
 * Returns {facts} for the caption.
 */
export async function drawHeads(host, ctx) {
  const { trace } = ctx;
  const L = trace.layers, H = trace.heads, n = trace.n;
  const layers = await Promise.all(Array.from({ length: L }, (_, l) => trace.layer(l)));
  const stats = layers.map(w => headStatistics(w, H, n, trace.tokens)); // [layer][head]
  const off = new Set(ctx.pruned.map(([l, h]) => `${l}.${h}`));
  const result = ctx.pruned.length ? await trace.prune(ctx.pruned) : null;

  const values = stats.flat().map(s => s[ctx.stat]);
  const top = ctx.stat === 'entropy' ? Math.max(1e-9, ...values) : 1;
  const select = element('select', { dataset: { testid: 'head-stat' } });
  for (const [key, s] of Object.entries(STATS)) select.append(element('option', { value: key, textContent: s.label }));
  select.value = ctx.stat;
  select.addEventListener('change', () => ctx.onStat(select.value));

  const cells = grid('head-grid', L, H, (l, h) => {
    const v = stats[l][h][ctx.stat];
    const isOff = off.has(`${l}.${h}`);
    const button = element('button', {
      type: 'button', className: `head-cell${isOff ? ' off' : ''}`,
      textContent: ctx.stat === 'entropy' ? fixed(v, 2) : `${Math.round(100 * v)}%`,
      title: `Layer ${l}, head ${h}: ${STATS[ctx.stat].short} ${fixed(v, 4)}. Click to switch it ${isOff ? 'on' : 'off'}.`,
      dataset: { testid: 'head-cell', layer: String(l), head: String(h), value: String(v) },
    });
    button.setAttribute('aria-pressed', String(isOff));
    button.setAttribute('aria-label', `layer ${l} head ${h}, ${STATS[ctx.stat].short} ${fixed(v, 3)}, ${isOff ? 'switched off' : 'on'}`);
    if (!isOff) shade(button, v / top);
    button.addEventListener('click', () => ctx.onToggle(l, h));
    return button;
  });

  const importance = element('div', { className: 'importance', dataset: { testid: 'importance' } });
  const parts = [element('div', { className: 'training-controls' },
    element('label', {}, 'Statistic ', select),
    element('span', { className: 'muted', textContent: 'Click a head to switch it off (again to switch it on).' })),
    element('div', { className: 'grids' },
      element('div', {}, element('h3', { className: 'grid-title', textContent: STATS[ctx.stat].label }), cells),
      importance)];
  const facts = { view: 'heads', stat: ctx.stat, pruned: ctx.pruned.length, cosine: null, pooling: null, moved: null };
  if (result) {
    facts.cosine = result.cosine;
    facts.pooling = result.pooling;
    let moved = { l: 0, h: 0, v: -1 };
    result.attention_change.forEach((row, l) => row.forEach((v, h) => { if (v !== null && v > moved.v) moved = { l, h, v }; }));
    facts.moved = moved;
    const cosine = element('p', {
      className: 'prune-result', dataset: { testid: 'prune-cosine', value: String(result.cosine) },
      textContent: result.pooling === 'read'
        ? `Hidden state at the position the classifier reads, with every head vs with ${ctx.pruned.length} switched off: `
          + `cosine similarity ${fixed(result.cosine, 4)}.`
        : `Sentence embedding with every head vs with ${ctx.pruned.length} switched off `
          + `(${result.pooling} pooling): cosine similarity ${fixed(result.cosine, 4)}.`,
    });
    if (result.prediction) {
      const { before, after } = result.prediction;
      facts.prediction = result.prediction;
      parts.push(element('p', {
        className: 'prune-result', dataset: { testid: 'prune-prediction', before: before.label, after: after.label,
          beforeProbability: String(before.probability), afterProbability: String(after.probability) },
        textContent: `Prediction with every head: “${before.label}” (${fixed(100 * before.probability, 1)}%); with `
          + `${ctx.pruned.length} switched off: “${after.label}” (${fixed(100 * after.probability, 1)}%)`
          + `${before.label === after.label ? '.' : ' — the prediction changed.'}`,
      }));
    }
    const change = grid('change-grid', L, H, (l, h) => {
      const v = result.attention_change[l][h];
      const span = element('span', {
        className: `head-cell${v === null ? ' off' : ''}`, textContent: v === null ? 'off' : `${fixed(100 * v, 1)}`,
        dataset: { testid: 'change-cell', layer: String(l), head: String(h), value: v === null ? '' : String(v) },
      });
      if (v !== null) shade(span, Math.sqrt(v));
      return span;
    });
    parts.push(cosine, element('h3', { className: 'grid-title',
      textContent: 'How far each remaining head’s attention moved (mean total variation distance, %)' }), change);
  }
  host.replaceChildren(element('div', { className: 'heads' }, ...parts));
  showImportance(importance, ctx, off);
  return facts;
}

const POLL_MS = 400;
const asked = new Set(); // models whose importance was asked for on this page: shown again at once on redraws

/**
 * Head importance costs a few seconds of backward passes on the server, so it is computed when asked (a button),
 * once per model; then the view asks the server until it is done, showing its progress meanwhile.
 */
function showImportance(box, ctx, off) {
  const title = element('h3', { className: 'grid-title', textContent: 'Head importance (normalised per layer)' });
  if (asked.has(ctx.trace.model)) return pollImportance(box, ctx, off, title);
  const start = element('button', { type: 'button', textContent: 'Compute head importance (a few seconds, once per model)',
    dataset: { testid: 'importance-start' } });
  start.addEventListener('click', () => {
    asked.add(ctx.trace.model);
    pollImportance(box, ctx, off, title);
  });
  box.replaceChildren(title, start, element('p', { className: 'muted', textContent: 'Which heads matter for the '
    + 'model’s own objective: the gradient of its loss with respect to each head’s output scale (Michel et al. 2019).' }));
}

async function pollImportance(box, ctx, off, title) {
  const bar = element('progress', { max: 1, value: 0, dataset: { testid: 'importance-progress' } });
  const note = element('p', { className: 'muted', textContent: 'Computing head importance for this model…' });
  box.replaceChildren(title, bar, note);
  let answer;
  try {
    for (;;) {
      answer = await api.importance(ctx.trace.model);
      if (!box.isConnected) return; // the view was redrawn meanwhile
      if (answer.state === 'done') break;
      bar.max = answer.total;
      bar.value = answer.done;
      note.textContent = `Computing head importance: ${answer.done} of ${answer.total} sentences (a backward pass `
        + 'through the whole model per batch; once per model, then kept).';
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
    }
  } catch (e) {
    if (box.isConnected) box.replaceChildren(title, element('p', { className: 'error', textContent: e.message }));
    return;
  }
  const L = answer.importance.length, H = answer.importance[0].length;
  const cells = grid('importance-grid', L, H, (l, h) => {
    const v = answer.importance[l][h];
    const isOff = off.has(`${l}.${h}`);
    const button = element('button', {
      type: 'button', className: `head-cell${isOff ? ' off' : ''}`, textContent: v.toFixed(2),
      title: `Layer ${l}, head ${h}: importance ${v.toFixed(4)} (raw ${answer.importance_raw[l][h].toExponential(3)}). `
        + `Click to switch it ${isOff ? 'on' : 'off'}.`,
      dataset: { testid: 'importance-cell', layer: String(l), head: String(h), value: String(v) },
    });
    button.setAttribute('aria-pressed', String(isOff));
    if (!isOff) shade(button, v);
    button.addEventListener('click', () => ctx.onToggle(l, h));
    return button;
  });
  box.replaceChildren(title, cells, element('p', { className: 'muted', dataset: { testid: 'importance-note' },
    textContent: `I_h = E|∂L/∂ξ_h|: how fast the loss L changes when head h's output is scaled by ξ_h (Michel et al. `
      + `2019), divided by the ℓ2 norm of its layer. L: ${answer.loss}, on ${answer.computed_on}. Not this text: `
      + `importance is a property of the model on a corpus. Computed in ${answer.seconds.toFixed(1)} s.` }));
}
