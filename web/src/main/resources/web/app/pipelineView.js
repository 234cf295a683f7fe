// The pipeline view: one query token, one head, every step of scaled dot-product attention with the
// model's own numbers. The page recomputes the scores, the softmax and the weighted sum from the captured
// query, key and value vectors and shows the model's context vector beside its result: they agree.

import { rovingTokens } from './keyboard.js';
import { SIGNED_LUT, signedColour, signedIndex } from './palette.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const INK = '#1f2933', MUTED = '#56606b';

function el(tag, attrs, parent) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

function text(parent, x, y, content, attrs = {}) {
  const node = el('text', { x, y, fill: INK, ...attrs }, parent);
  node.textContent = content;
  return node;
}

/** Text with subscripts: each `_x` is set as a lowered, smaller x (k_j → k with a subscript j). */
function math(parent, x, y, content, attrs = {}) {
  const node = el('text', { x, y, fill: INK, ...attrs }, parent);
  for (const part of content.split(/(_\w)/)) {
    if (!part) continue;
    const span = el('tspan', part.startsWith('_') ? { 'baseline-shift': 'sub', 'font-size': '75%' } : {}, node);
    span.textContent = part.startsWith('_') ? part.slice(1) : part;
  }
  return node;
}

function short(v) {
  const a = Math.abs(v);
  return a >= 9.95 ? v.toFixed(0) : a >= 0.995 ? v.toFixed(1) : v.toFixed(2);
}

/** Scaled dot-product attention of one query, in double precision: scores, scaled scores, weights, output. */
function attend(q, keys, values) {
  const d = q.length;
  const scores = keys.map(k => k.reduce((s, kc, c) => s + q[c] * kc, 0));
  const scaled = scores.map(s => s / Math.sqrt(d));
  const top = Math.max(...scaled);
  const exps = scaled.map(s => Math.exp(s - top));
  const total = exps.reduce((a, b) => a + b, 0);
  const weights = exps.map(e => e / total);
  const output = new Array(d).fill(0);
  values.forEach((v, j) => v.forEach((vc, c) => { output[c] += weights[j] * vc; }));
  return { scores, scaled, weights, output };
}

/** One vector as a strip of coloured cells, numbers inside when they fit. */
function strip(parent, x, y, vector, cellW, cellH, range, testid) {
  const g = el('g', { 'data-testid': testid, 'data-values': JSON.stringify(Array.from(vector)) }, parent);
  vector.forEach((v, c) => {
    el('rect', { x: x + c * cellW, y, width: cellW - 1, height: cellH, fill: signedColour(v, range) }, g);
    if (cellW >= 24) {
      const dark = Math.abs(v) / range > 0.55;
      text(g, x + c * cellW + (cellW - 1) / 2, y + cellH / 2, short(v), {
        'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': 9,
        fill: dark ? '#ffffff' : INK, 'font-variant-numeric': 'tabular-nums',
      });
    }
  });
  return g;
}

/** Rows × d vectors as one pixel image (a column of strips). */
function image(parent, x, y, rows, cellW, rowH, range) {
  const d = rows[0].length;
  const canvas = document.createElement('canvas');
  canvas.width = d;
  canvas.height = rows.length;
  const g = canvas.getContext('2d');
  const pixels = g.createImageData(d, rows.length);
  rows.forEach((row, j) => row.forEach((v, c) => {
    const k = signedIndex(v, range) * 4;
    pixels.data.set(SIGNED_LUT.subarray(k, k + 4), (j * d + c) * 4);
  }));
  g.putImageData(pixels, 0, 0);
  el('image', {
    href: canvas.toDataURL('image/png'), x, y, width: d * cellW, height: rows.length * rowH,
    preserveAspectRatio: 'none', style: 'image-rendering: pixelated',
  }, parent);
}

const maxAbs = vectors => vectors.reduce((m, v) => Math.max(m, ...v.map(Math.abs)), 0) || 1;

/**
 * ctx: vectors {query, key, value, context} ([n][d] each), modelWeights (the head's row from the model),
 *      labels (token strings), special[], token (query index), layer, head, onSelect(token), hover
 */
export function drawPipeline(host, ctx) {
  const { vectors, labels, token } = ctx;
  const n = labels.length, d = vectors.query[token].length;
  const q = vectors.query[token];
  const result = attend(q, vectors.key, vectors.value);
  const context = vectors.context[token];
  const rowH = n <= 40 ? 22 : 16;
  const big = d <= 40 ? 28 : 12;
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = `12px ${FONT}`;
  const labelW = Math.max(60, ...labels.map(l => measure.measureText(l).width)) + 16;
  const kW = d * 5, colK = labelW, colScore = colK + kW + 28, colScaled = colScore + 120, colSoft = colScaled + 120,
    colV = colSoft + 180;
  const tableW = colV + kW + 16;
  const width = Math.max(tableW, labelW + d * big + 16);
  const qkRange = maxAbs([q, ...vectors.key]), vRange = maxAbs([...vectors.value, result.output, context]);

  const svg = el('svg', {
    xmlns: SVG_NS, width, 'font-family': FONT, 'font-size': 12, role: 'group', 'aria-label': ctx.ariaLabel,
    'data-testid': 'pipeline-view',
  });
  const background = el('rect', { x: 0, y: 0, width, fill: '#ffffff' }, svg);
  let y = 20;
  math(svg, 8, y, `① The query of “${labels[token]}”: q = x · W_Q + b_Q, its ${d} numbers for head ${ctx.head} of layer ${ctx.layer}`,
    { 'font-weight': 600 });
  y += 10;
  text(svg, labelW - 8, y + 13, 'q', { 'text-anchor': 'end', 'dominant-baseline': 'central', 'font-style': 'italic' });
  strip(svg, labelW, y, q, big, 26, qkRange, 'pipeline-query');
  y += 58;

  const headers = [
    [colK, '② key k_j', 'k_j = x_j · W_K + b_K'],
    [colScore, '③ score q · k_j', 's_j = Σ_c q_c k_j_c'],
    [colScaled, '④ scale ÷ √d', `√${d} = ${Math.sqrt(d).toFixed(3)}`],
    [colSoft, '⑤ softmax', 'w_j = e^s_j ÷ Σ_t e^s_t'],
    [colV, '⑥ value v_j', 'v_j = x_j · W_V + b_V'],
  ];
  for (const [x, title, formula] of headers) {
    math(svg, x, y, title, { 'font-weight': 600 });
    math(svg, x, y + 17, formula, { fill: MUTED, 'font-size': 11, 'font-style': 'italic' });
  }
  math(svg, labelW - 8, y, 'token j', { 'text-anchor': 'end', 'font-weight': 600 });
  y += 30;

  const top = y;
  image(svg, colK, top, vectors.key, 5, rowH, qkRange);
  image(svg, colV, top, vectors.value, 5, rowH, vRange);
  const wmax = Math.max(...result.weights);
  const tokens = [];
  for (let j = 0; j < n; j++) {
    const cy = top + j * rowH + rowH / 2;
    const row = el('g', {
      'data-testid': 'pipeline-row', 'data-token': j, 'data-weight': result.weights[j],
      'data-value': JSON.stringify(Array.from(vectors.value[j])), class: 'pipeline-row',
    }, svg);
    const label = el('g', {
      'data-testid': 'token', 'data-index': j, 'data-unit': j, role: 'button', class: 'token', 'aria-pressed': j === token,
      'aria-label': `query ${labels[j]} (position ${j + 1} of ${n})`,
    }, row);
    el('rect', {
      x: 0, y: cy - rowH / 2, width: labelW - 2, height: rowH, fill: j === token ? '#fde7d9' : 'transparent',
      class: 'token-box',
    }, label);
    text(label, labelW - 8, cy, labels[j], {
      'text-anchor': 'end', 'dominant-baseline': 'central', fill: ctx.special[j] ? '#7b8794' : INK,
      'font-weight': j === token ? 700 : 400,
    });
    tokens.push(label);
    const num = { 'dominant-baseline': 'central', 'font-variant-numeric': 'tabular-nums', 'font-size': 11 };
    text(row, colScore + 56, cy, result.scores[j].toFixed(2), { ...num, 'text-anchor': 'end' });
    text(row, colScaled + 56, cy, result.scaled[j].toFixed(3), { ...num, 'text-anchor': 'end' });
    el('rect', { x: colSoft, y: cy - rowH / 2 + 4, width: 90 * result.weights[j] / wmax, height: rowH - 8, fill: '#1f4e9c',
      'fill-opacity': 0.85 }, row);
    text(row, colSoft + 96, cy, `${(100 * result.weights[j]).toFixed(2)}%`, num);
    row.addEventListener('click', () => ctx.onSelect(j));
    row.addEventListener('pointerenter', e => ctx.hover(e,
      `“${labels[token]}” → “${labels[j]}”: score ${result.scores[j].toFixed(4)}, ÷√${d} = ${result.scaled[j].toFixed(4)}, `
      + `weight ${result.weights[j].toFixed(6)} (the model's: ${ctx.modelWeights[j].toFixed(6)})`));
    row.addEventListener('pointerleave', () => ctx.hover(null));
  }
  rovingTokens(tokens, token, ctx.onSelect);
  y = top + n * rowH + 34;

  math(svg, 8, y, '⑦ Weighted sum: output = Σ_j w_j · v_j (each value vector times its weight, added up)',
    { 'font-weight': 600 });
  y += 10;
  math(svg, labelW - 8, y + 13, 'Σ w_j v_j', { 'text-anchor': 'end', 'dominant-baseline': 'central' });
  strip(svg, labelW, y, result.output, big, 26, vRange, 'weighted-sum');
  y += 36;
  text(svg, labelW - 8, y + 13, 'model', { 'text-anchor': 'end', 'dominant-baseline': 'central' });
  strip(svg, labelW, y, context, big, 26, vRange, 'model-context');
  y += 46;
  const gap = result.output.reduce((m, v, c) => Math.max(m, Math.abs(v - context[c])), 0);
  const weightGap = result.weights.reduce((m, w, j) => Math.max(m, Math.abs(w - ctx.modelWeights[j])), 0);
  text(svg, 8, y, `Largest difference from the model's context vector: ${gap.toExponential(1)}; `
    + `from the model's attention weights: ${weightGap.toExponential(1)} (float32 rounding).`,
  { fill: MUTED, 'data-testid': 'pipeline-check', 'data-difference': gap });
  y += 16;

  svg.setAttribute('height', y);
  svg.setAttribute('viewBox', `0 0 ${width} ${y}`);
  background.setAttribute('height', y);
  host.replaceChildren(svg);
  return svg;
}
