// The Heads view: every layer × head of the current text as a grid, each cell one statistic of that head's
// attention (mean row entropy, mean largest weight, share on [CLS], share on [SEP]), darker for more. A click
// (or Enter/Space) switches a head off: the text is run again without it (the engine's head mask), and the view
// shows how similar the sentence embedding stays (cosine) and how far every remaining head's attention moved.

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

  const parts = [element('div', { className: 'training-controls' },
    element('label', {}, 'Statistic ', select),
    element('span', { className: 'muted', textContent: 'Click a head to switch it off (again to switch it on).' })), cells];
  const facts = { view: 'heads', stat: ctx.stat, pruned: ctx.pruned.length, cosine: null, pooling: null, moved: null };
  if (result) {
    facts.cosine = result.cosine;
    facts.pooling = result.pooling;
    let moved = { l: 0, h: 0, v: -1 };
    result.attention_change.forEach((row, l) => row.forEach((v, h) => { if (v !== null && v > moved.v) moved = { l, h, v }; }));
    facts.moved = moved;
    const cosine = element('p', {
      className: 'prune-result', dataset: { testid: 'prune-cosine', value: String(result.cosine) },
      textContent: `Sentence embedding with every head vs with ${ctx.pruned.length} switched off `
        + `(${result.pooling} pooling): cosine similarity ${fixed(result.cosine, 4)}.`,
    });
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
  return facts;
}
