// The Aggregate view: the heads of a layer combined into one attention — their mean, attention rollout (every
// path through the layers below, the residual counted as half: Abnar & Zuidema 2020) or attention flow (the most
// that can flow from the query through the layered graph to each input token) — as lines or as a matrix.
// Computed on the server (analysis' aggregate package); flow is refused beyond its documented cost.

import * as api from './api.js';
import { drawLines } from './lineView.js';
import { drawMatrix } from './matrixView.js';
import { LINE_COLOUR } from './palette.js';

export const KINDS = { mean: 'mean over heads', rollout: 'attention rollout', flow: 'attention flow' };

function select(testId, options, value, onChange) {
  const s = document.createElement('select');
  s.dataset.testid = testId;
  for (const [v, label] of Object.entries(options)) s.append(Object.assign(document.createElement('option'), { value: v, textContent: label }));
  s.value = value;
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

function labelled(text, control) {
  const label = document.createElement('label');
  label.append(`${text} `, control);
  return label;
}

/** ctx: trace, kind, show ('lines'|'matrix'), layer, token, tooltip, hover, onKind, onShow, onSelect(token). */
export async function drawAggregate(host, ctx) {
  const { trace } = ctx;
  const n = trace.n, layer = ctx.layer, query = ctx.token;
  const controls = document.createElement('div');
  controls.className = 'training-controls';
  controls.append(labelled('Combine heads by', select('agg-kind', KINDS, ctx.kind, ctx.onKind)),
    labelled('Show as', select('agg-show', { lines: 'lines', matrix: 'matrix' }, ctx.show, ctx.onShow)));
  const panel = document.createElement('div');
  const box = document.createElement('div');
  box.className = 'training';
  box.append(controls, panel);
  host.replaceChildren(box); // the controls stay when the server refuses (flow on a long text)

  const labels = trace.tokens, special = trace.wordIds.map(w => w < 0), tokenIndex = labels.map((_, j) => j);
  const id = () => trace.id;
  let row, drawn;
  if (ctx.show === 'lines') {
    const rows = await trace.again(() => api.aggregate(id(), ctx.kind, query)); // [layers, n]
    row = rows.subarray(layer * n, (layer + 1) * n);
    drawn = drawLines(panel, {
      labels, special, segment: null, tokenIndex, query, lines: [{ head: 0, colour: LINE_COLOUR, row }], multi: false,
      allowed: () => true, min: 0, tooltip: ctx.tooltip, onSelect: ctx.onSelect,
      ariaLabel: `${KINDS[ctx.kind]} from ${labels[query]}, layer ${layer}`,
    });
  } else {
    const all = await trace.again(() => api.aggregate(id(), ctx.kind, null)); // [layers, n, n]
    const matrix = all.subarray(layer * n * n, (layer + 1) * n * n);
    row = matrix.subarray(query * n, (query + 1) * n);
    drawn = drawMatrix(panel, {
      lens: { size: n, labels, special, allowed: () => true }, matrix, query, tokenIndex, hover: ctx.hover,
      onSelect: ctx.onSelect, ariaLabel: `${KINDS[ctx.kind]}, layer ${layer}`,
    });
  }
  let top = 0;
  for (let j = 1; j < n; j++) if (row[j] > row[top]) top = j;
  drawn.dataset.kind = ctx.kind;
  return { drawn, top: { label: labels[top], weight: row[top] } };
}
