// The line view: queries in the left column, keys in the right, a line from the selected query to every
// key, its thickness and opacity proportional to the weight (the thickest line drawn is the largest weight).
// Plain DOM, no d3: exported HTML files inline this file to stay interactive with the network off.

import { rovingTokens } from './keyboard.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const MAX_WIDTH = 9;
const SEGMENT_COLOURS = ['#5b6b7f', '#c8651b'];
const MARKED_COLOUR = '#c2410c';

function el(tag, attrs, parent) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

function textWidth(context, label) {
  return Math.ceil(context.measureText(label).width);
}

function percent(w) {
  return `${(100 * w).toFixed(w >= 0.0995 ? 1 : 2)}%`;
}

/**
 * Draws into `host` (emptied first) and returns the SVG.
 * spec: labels, special[], segment[] (or null when not a sentence pair), tokenIndex[] (first token of each unit),
 *       query (unit), lines: [{head, colour, row}], multi (multi-head mode: lines carry data-head), allowed(i, j),
 *       min, onSelect(unit), tooltip (element), ariaLabel, and optionally marked[] (units drawn bold in orange,
 *       e.g. the antecedent a probe sentence names)
 */
export function drawLines(host, spec) {
  const m = spec.labels.length;
  const rowH = m <= 48 ? 26 : m <= 160 ? 19 : 16;
  const fontSize = m <= 48 ? 14 : m <= 160 ? 13 : 11;
  const single = spec.lines.length === 1;
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = `700 ${fontSize}px ${FONT}`; // bold: the selected token is drawn bold
  const labelW = Math.max(48, ...spec.labels.map(l => textWidth(measure, l))) + 18;
  const pctW = single ? textWidth(measure, '100.0%') + 12 : 0;
  const top = 30;
  const gap = Math.max(120, Math.min(300, (host.clientWidth || 800) - 2 * labelW - pctW - 4)); // fits narrow screens
  const width = labelW + gap + labelW + pctW;
  const height = top + m * rowH + (single ? 30 : 8);
  const yOf = i => top + i * rowH + rowH / 2;
  const x0 = labelW, x1 = labelW + gap;

  const svg = el('svg', {
    xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT, 'font-size': fontSize,
    role: 'group', 'aria-label': spec.ariaLabel, 'data-testid': 'line-view',
  });
  el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }, svg);
  el('text', { x: x0 - 8, y: 18, 'text-anchor': 'end', fill: '#56606b', 'font-size': 11 }, svg).textContent = 'QUERY';
  el('text', { x: x1 + 8, y: 18, fill: '#56606b', 'font-size': 11 }, svg).textContent = 'KEYS';

  // every line that passes the filters, lightest first so the heaviest is drawn on top
  const drawn = [];
  let omitted = 0;
  for (const line of spec.lines) {
    for (let j = 0; j < m; j++) {
      if (!spec.allowed(spec.query, j)) continue;
      const w = line.row[j];
      if (w < spec.min) { omitted++; continue; }
      drawn.push({ j, w, line });
    }
  }
  drawn.sort((a, b) => a.w - b.w);
  const wmax = drawn.length ? drawn[drawn.length - 1].w : 0;

  const lineGroup = el('g', { 'data-testid': 'lines' }, svg);
  for (const { j, w, line } of drawn) {
    const scaled = wmax > 0 ? w / wmax : 0;
    const attrs = {
      x1: x0 + 4, y1: yOf(spec.query), x2: x1 - 4, y2: yOf(j), stroke: line.colour, 'stroke-linecap': 'round',
      'stroke-width': (MAX_WIDTH * scaled).toFixed(3), 'stroke-opacity': scaled.toFixed(4),
      'data-from': spec.query, 'data-to': j, 'data-weight': w,
    };
    if (spec.multi) attrs['data-head'] = line.head;
    const node = el('line', attrs, lineGroup);
    node.addEventListener('pointerenter', e => {
      const who = spec.multi ? ` · head ${line.head}` : '';
      show(spec.tooltip, e, `“${spec.labels[spec.query]}” → “${spec.labels[j]}”${who} · weight ${w.toFixed(5)}`);
    });
    node.addEventListener('pointerleave', () => hide(spec.tooltip));
  }

  const queries = [];
  for (let i = 0; i < m; i++) {
    const selected = i === spec.query;
    const q = el('g', {
      'data-testid': 'token', 'data-index': spec.tokenIndex[i], 'data-unit': i, role: 'button', class: 'token',
      'aria-pressed': selected, 'aria-label': `query ${spec.labels[i]} (position ${i + 1} of ${m})`,
    }, svg);
    el('rect', {
      x: 2, y: yOf(i) - rowH / 2 + 2, width: labelW - 6, height: rowH - 4, rx: 4,
      fill: selected ? '#1f4e9c' : 'transparent', class: 'token-box',
    }, q);
    el('text', {
      x: x0 - 8, y: yOf(i), 'text-anchor': 'end', 'dominant-baseline': 'central',
      fill: selected ? '#ffffff' : labelColour(spec, i), 'font-weight': selected ? 700 : 400,
    }, q).textContent = spec.labels[i];
    q.addEventListener('click', () => spec.onSelect(i));
    queries.push(q);

    const k = el('g', { 'data-testid': 'key', 'data-index': spec.tokenIndex[i], 'data-unit': i, class: 'key' }, svg);
    el('rect', { x: x1 + 2, y: yOf(i) - rowH / 2 + 2, width: labelW + pctW - 6, height: rowH - 4, fill: 'transparent' }, k);
    el('text', {
      x: x1 + 8, y: yOf(i), 'dominant-baseline': 'central', fill: labelColour(spec, i),
      'font-weight': spec.marked && spec.marked[i] ? 700 : 400,
    }, k).textContent = spec.labels[i];
    if (single) {
      const w = spec.lines[0].row[i];
      el('text', {
        x: width - 6, y: yOf(i), 'text-anchor': 'end', 'dominant-baseline': 'central', 'font-size': fontSize - 1,
        fill: spec.allowed(spec.query, i) ? '#1f2933' : '#9aa5b1', 'font-variant-numeric': 'tabular-nums',
        'data-testid': 'key-weight',
      }, k).textContent = percent(w);
    }
    k.addEventListener('click', () => spec.onSelect(i));
    k.addEventListener('pointerenter', e => show(spec.tooltip, e, spec.lines.map(line =>
      `${spec.multi ? `head ${line.head}: ` : ''}“${spec.labels[spec.query]}” → “${spec.labels[i]}” ${line.row[i].toFixed(5)}`)
      .join('\n')));
    k.addEventListener('pointerleave', () => hide(spec.tooltip));

    if (spec.segment) {
      const fill = SEGMENT_COLOURS[spec.segment[i]];
      el('rect', { x: 0, y: yOf(i) - rowH / 2 + 3, width: 3, height: rowH - 6, fill }, svg);
      el('rect', { x: width - 3, y: yOf(i) - rowH / 2 + 3, width: 3, height: rowH - 6, fill }, svg);
    }
  }
  rovingTokens(queries, spec.query, spec.onSelect);
  if (single) {
    // the row's total: 100% (softmax), or less when [CLS]/[SEP] are hidden without rescaling
    const total = spec.lines[0].row.reduce((a, b) => a + b, 0);
    const y = top + m * rowH + 16;
    el('line', { x1: width - pctW, x2: width - 4, y1: y - 9, y2: y - 9, stroke: '#c5ccd3' }, svg);
    el('text', {
      x: width - 6, y, 'text-anchor': 'end', 'dominant-baseline': 'central', 'font-size': fontSize - 1, fill: '#56606b',
      'font-variant-numeric': 'tabular-nums', 'data-testid': 'row-total',
    }, svg).textContent = `Σ ${(100 * total).toFixed(1)}%`;
  }

  svg.dataset.omitted = String(omitted);
  host.replaceChildren(svg);
  return svg;
}

function labelColour(spec, i) {
  if (spec.marked && spec.marked[i]) return MARKED_COLOUR;
  return spec.special[i] ? '#7b8794' : '#1f2933';
}

function show(tooltip, event, text) {
  if (!tooltip) return;
  tooltip.textContent = text;
  tooltip.hidden = false;
  tooltip.style.left = `${event.clientX + 14}px`;
  tooltip.style.top = `${event.clientY + 14}px`;
}

function hide(tooltip) {
  if (tooltip) tooltip.hidden = true;
}
