// The model view: every layer × head as a small heatmap (row = query, column = key, darker = more weight;
// each square scaled to its own largest weight, so diffuse heads show their pattern too), painted on one
// canvas. Click a thumbnail (or move with the arrow keys and press Enter) to open that head.

import { WEIGHT_LUT, weightIndex } from './palette.js';

const GAP = 6;
const LEFT = 34;
const TOP = 22;

export async function drawModel(host, ctx) {
  const { trace, lens } = ctx;
  const L = trace.layers, H = trace.heads, m = lens.size;
  const available = Math.max(480, host.clientWidth - 4);
  const size = Math.max(36, Math.min(96, Math.floor((available - LEFT) / H) - GAP));
  const width = LEFT + H * (size + GAP), height = TOP + L * (size + GAP);
  const dpr = window.devicePixelRatio || 1;

  const wrap = document.createElement('div');
  wrap.className = 'model-wrap';
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.dataset.testid = 'model-canvas';
  canvas.dataset.thumbnails = String(L * H);
  canvas.dataset.painted = '0';
  canvas.dataset.thumbSize = String(size);
  canvas.dataset.origin = `${LEFT},${TOP}`;
  canvas.dataset.gap = String(GAP);
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label',
    `${L} layers by ${H} heads. Arrow keys move between heads, Enter opens the head in the line view.`);
  const cursor = document.createElement('div');
  cursor.className = 'thumb-cursor';
  wrap.append(canvas, cursor);
  host.replaceChildren(wrap);

  const g = canvas.getContext('2d');
  g.scale(dpr, dpr);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#56606b';
  g.font = '11px system-ui, sans-serif';
  g.textBaseline = 'middle';
  g.textAlign = 'center';
  for (let h = 0; h < H; h++) g.fillText(`H${h}`, LEFT + h * (size + GAP) + size / 2, TOP / 2);
  g.textAlign = 'right';
  for (let l = 0; l < L; l++) g.fillText(`L${l}`, LEFT - 6, TOP + l * (size + GAP) + size / 2);

  const at = (l, h) => ({ x: LEFT + h * (size + GAP), y: TOP + l * (size + GAP) });
  let current = { layer: ctx.layer, head: typeof ctx.head === 'number' ? ctx.head : 0 };
  const place = ({ layer, head }) => {
    const { x, y } = at(layer, head);
    Object.assign(cursor.style, { left: `${x - 3}px`, top: `${y - 3}px`, width: `${size + 6}px`, height: `${size + 6}px` });
  };
  place(current);

  const pick = event => {
    const r = canvas.getBoundingClientRect();
    const h = Math.floor((event.clientX - r.left - LEFT) / (size + GAP));
    const l = Math.floor((event.clientY - r.top - TOP) / (size + GAP));
    return l >= 0 && l < L && h >= 0 && h < H ? { layer: l, head: h } : null;
  };
  canvas.addEventListener('pointermove', event => {
    const hit = pick(event);
    canvas.style.cursor = hit ? 'pointer' : 'default';
    if (hit) ctx.hover(event, `Layer ${hit.layer}, head ${hit.head}: click to open`); else ctx.hover(null);
  });
  canvas.addEventListener('pointerleave', () => ctx.hover(null));
  canvas.addEventListener('click', event => {
    const hit = pick(event);
    if (hit) ctx.open(hit.layer, hit.head);
  });
  canvas.addEventListener('keydown', event => {
    const move = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }[event.key];
    if (move) {
      event.preventDefault();
      current = {
        layer: Math.max(0, Math.min(L - 1, current.layer + move[0])),
        head: Math.max(0, Math.min(H - 1, current.head + move[1])),
      };
      place(current);
      ctx.announce(`Layer ${current.layer}, head ${current.head}`);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      ctx.open(current.layer, current.head);
    }
  });

  // one m × m image per head, scaled into its square; layers fetched in parallel, painted as they arrive
  const tile = document.createElement('canvas');
  tile.width = m;
  tile.height = m;
  const tg = tile.getContext('2d');
  const image = tg.createImageData(m, m);
  let painted = 0;
  await Promise.all(Array.from({ length: L }, async (_, l) => {
    const weights = await trace.layer(l);
    if (!canvas.isConnected) return;
    for (let h = 0; h < H; h++) {
      const matrix = lens.matrix(weights, h);
      let max = 0;
      for (let k = 0; k < matrix.length; k++) if (matrix[k] > max) max = matrix[k];
      const scale = max > 0 ? 1 / max : 0;
      for (let k = 0; k < matrix.length; k++) {
        const c = weightIndex(matrix[k] * scale) * 4;
        image.data[k * 4] = WEIGHT_LUT[c];
        image.data[k * 4 + 1] = WEIGHT_LUT[c + 1];
        image.data[k * 4 + 2] = WEIGHT_LUT[c + 2];
        image.data[k * 4 + 3] = 255;
      }
      tg.putImageData(image, 0, 0);
      const { x, y } = at(l, h);
      g.imageSmoothingEnabled = m > size;
      g.imageSmoothingQuality = 'high';
      g.drawImage(tile, x, y, size, size);
      g.strokeStyle = '#d5dbe1';
      g.lineWidth = 1;
      g.strokeRect(x - 0.5, y - 0.5, size + 1, size + 1);
      canvas.dataset.painted = String(++painted);
    }
  }));
  return canvas;
}
