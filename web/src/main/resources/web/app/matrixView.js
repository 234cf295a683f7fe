// The matrix view: one head as an n × n heatmap, a row per query and a column per key; each row sums to 1.
// Selecting a row (click its label or a cell, or Enter on a focused label) selects that query token
// everywhere. Cells are one image (fast at 512 tokens); labels are SVG text, drawn when they fit.

import { rovingTokens } from './keyboard.js';
import { WEIGHT_LUT, weightIndex, weightColour } from './palette.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

function el(tag, attrs, parent) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

/** ctx: lens, matrix (Float32Array [m, m]), query (unit), onSelect(unit), tooltip, tokenIndex[] */
export function drawMatrix(host, ctx) {
  const { lens, matrix } = ctx;
  const m = lens.size;
  const available = Math.max(360, host.clientWidth - 24);
  const measure = document.createElement('canvas').getContext('2d');
  // labels when cells are tall enough to read them; otherwise only the selected row's, at a readable size
  const labelled = Math.floor((available - 120) / m) >= 9;
  const fontSize = labelled ? Math.min(13, Math.floor((available - 120) / m) - 2) : 11;
  measure.font = `${fontSize}px ${FONT}`;
  const shownLabels = labelled ? lens.labels : [lens.labels[ctx.query]];
  const labelW = Math.max(...shownLabels.map(l => measure.measureText(l).width)) + 14;
  const left = Math.ceil(labelW), top = labelled ? Math.ceil(labelW) + 6 : 10;
  const fit = (available - left - 16) / m; // cells fill the width; below 9 px they may be fractional
  const cell = labelled ? Math.max(9, Math.min(30, Math.floor(fit))) : Math.max(1, fit);
  const side = m * cell;
  const legendH = 46;
  const legendW = Math.min(260, Math.max(160, side));
  const width = Math.max(left + side + 16, left + legendW + 170), height = top + side + legendH;

  const svg = el('svg', {
    xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT, 'font-size': fontSize,
    role: 'group', 'aria-label': ctx.ariaLabel, 'data-testid': 'matrix-view',
  });
  el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }, svg);

  const canvas = document.createElement('canvas');
  canvas.width = m;
  canvas.height = m;
  const g = canvas.getContext('2d');
  const image = g.createImageData(m, m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const k = i * m + j, c = weightIndex(matrix[k]) * 4, faded = lens.allowed(i, j) ? 0 : 0.8;
      for (let ch = 0; ch < 3; ch++) image.data[k * 4 + ch] = WEIGHT_LUT[c + ch] * (1 - faded) + 255 * faded;
      image.data[k * 4 + 3] = 255;
    }
  }
  g.putImageData(image, 0, 0);
  const cells = el('image', {
    href: canvas.toDataURL('image/png'), x: left, y: top, width: side, height: side,
    preserveAspectRatio: 'none', style: 'image-rendering: pixelated', 'data-testid': 'matrix-cells',
  }, svg);
  el('rect', { x: left - 0.5, y: top - 0.5, width: side + 1, height: side + 1, fill: 'none', stroke: '#c5ccd3' }, svg);

  const cellOf = event => {
    const r = cells.getBoundingClientRect();
    const j = Math.floor((event.clientX - r.left) / (r.width / m)), i = Math.floor((event.clientY - r.top) / (r.height / m));
    return i >= 0 && i < m && j >= 0 && j < m ? { i, j } : null;
  };
  cells.addEventListener('pointermove', event => {
    const hit = cellOf(event);
    if (hit) ctx.hover(event, `“${lens.labels[hit.i]}” → “${lens.labels[hit.j]}”: ${matrix[hit.i * m + hit.j].toFixed(5)}`);
  });
  cells.addEventListener('pointerleave', () => ctx.hover(null));
  cells.addEventListener('click', event => {
    const hit = cellOf(event);
    if (hit) ctx.onSelect(hit.i);
  });

  el('rect', {
    x: left - 1.5, y: top + ctx.query * cell - 1.5, width: side + 3, height: cell + 3, fill: 'none',
    stroke: '#e8601c', 'stroke-width': 2, 'data-testid': 'matrix-selected-row', 'data-unit': ctx.query,
  }, svg);

  const rows = [];
  for (let i = 0; i < m; i++) {
    const colour = lens.special[i] ? '#7b8794' : '#1f2933';
    const selected = i === ctx.query;
    const row = el('g', {
      'data-testid': 'token', 'data-index': ctx.tokenIndex[i], 'data-unit': i, role: 'button', class: 'token',
      'aria-pressed': selected, 'aria-label': `row of ${lens.labels[i]} (position ${i + 1} of ${m})`,
    }, svg);
    el('rect', { x: 0, y: top + i * cell, width: left - 2, height: cell, fill: 'transparent', class: 'token-box' }, row);
    if (labelled || selected) {
      el('text', {
        x: left - 6, y: top + i * cell + cell / 2, 'text-anchor': 'end', 'dominant-baseline': 'central',
        fill: selected ? '#c2410c' : colour, 'font-weight': selected ? 700 : 400,
      }, row).textContent = lens.labels[i];
    }
    row.addEventListener('click', () => ctx.onSelect(i));
    rows.push(row);
    if (labelled) {
      const x = left + i * cell + cell / 2, y = top - 6;
      el('text', { x, y, transform: `rotate(-90 ${x} ${y})`, 'dominant-baseline': 'central', fill: colour }, svg)
        .textContent = lens.labels[i];
    }
  }
  rovingTokens(rows, ctx.query, ctx.onSelect);

  legend(svg, left, top + side + 14, legendW);
  host.replaceChildren(svg);
  return svg;
}

function legend(svg, x, y, w) {
  const id = 'weight-legend';
  const defs = el('defs', {}, svg);
  const gradient = el('linearGradient', { id, x1: 0, x2: 1, y1: 0, y2: 0 }, defs);
  for (let k = 0; k <= 10; k++) {
    el('stop', { offset: k / 10, 'stop-color': weightColour((k / 10) ** 2) }, gradient);
  }
  el('rect', { x, y, width: w, height: 10, fill: `url(#${id})`, stroke: '#c5ccd3' }, svg);
  for (const t of [0, 0.01, 0.1, 0.25, 0.5, 1]) {
    const tx = x + Math.sqrt(t) * w;
    el('line', { x1: tx, x2: tx, y1: y + 10, y2: y + 14, stroke: '#56606b' }, svg);
    el('text', { x: tx, y: y + 24, 'text-anchor': 'middle', 'font-size': 10, fill: '#56606b' }, svg)
      .textContent = `${Math.round(t * 100)}%`;
  }
  el('text', { x: x + w + 10, y: y + 5, 'dominant-baseline': 'central', 'font-size': 11, fill: '#56606b' }, svg)
    .textContent = 'weight (square-root scale)';
}
