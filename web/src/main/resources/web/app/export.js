// Export the current view: SVG, PNG (2× scale, provenance in tEXt chunks) and one self-contained HTML
// file (inline CSS and script, weights as float16/base64, only the shown layer) that works with the
// network off. Every file says where it came from: attend version, model name and version, text, layer, head.
// The HTML file is app/standalone-template.html filled in; `attend render --out view.html` fills the same
// template in Java (dev.attend.web.export.StandaloneHtml), so both write the same file.

import { provenanceLines } from './provenance.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const HTML_CAP_BYTES = 4 * 1024 * 1024;

/** A standalone copy of the view's SVG (a canvas view is wrapped as an image), with a provenance footer. */
function standaloneSvg(root, p) {
  let svg;
  if (root instanceof SVGSVGElement) {
    svg = root.cloneNode(true);
  } else {
    svg = document.createElementNS(SVG_NS, 'svg');
    const w = root.clientWidth || root.width, h = root.clientHeight || root.height;
    svg.setAttribute('width', w);
    svg.setAttribute('height', h);
    const image = document.createElementNS(SVG_NS, 'image');
    for (const [k, v] of Object.entries({ href: root.toDataURL('image/png'), x: 0, y: 0, width: w, height: h })) {
      image.setAttribute(k, v);
    }
    svg.appendChild(image);
  }
  svg.setAttribute('xmlns', SVG_NS);
  svg.querySelectorAll('[tabindex]').forEach(node => node.removeAttribute('tabindex'));
  const width = Number(svg.getAttribute('width')), height = Number(svg.getAttribute('height'));
  const lines = provenanceLines(p);
  const footer = 12 + lines.length * 15;
  svg.setAttribute('height', height + footer);
  svg.setAttribute('viewBox', `0 0 ${width} ${height + footer}`);
  svg.setAttribute('font-family', svg.getAttribute('font-family') || 'system-ui, sans-serif');
  const metadata = document.createElementNS(SVG_NS, 'metadata');
  metadata.textContent = JSON.stringify(p);
  svg.insertBefore(metadata, svg.firstChild);
  const band = document.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ x: 0, y: height, width, height: footer, fill: '#f4f6f8' })) band.setAttribute(k, v);
  svg.appendChild(band);
  lines.forEach((line, k) => {
    const t = document.createElementNS(SVG_NS, 'text');
    for (const [a, v] of Object.entries({ x: 8, y: height + 18 + k * 15, 'font-size': 11, fill: '#56606b' })) t.setAttribute(a, v);
    t.textContent = line.length > 160 ? `${line.slice(0, 159)}…` : line;
    svg.appendChild(t);
  });
  return { svg, width, height: height + footer };
}

export function svgText(root, p) {
  const { svg } = standaloneSvg(root, p);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

export async function pngBlob(root, p) {
  const { svg, width, height } = standaloneSvg(root, p);
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const g = canvas.getContext('2d');
    g.scale(2, 2);
    g.drawImage(image, 0, 0, width, height);
    const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
    return withTextChunks(new Uint8Array(await blob.arrayBuffer()), {
      Software: `attend ${p.attendVersion}`.trim(), Title: `${p.modelName}, layer ${p.layer}`, Description: JSON.stringify(p),
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Inserts PNG tEXt chunks (Latin-1 keyword and text; other characters escaped as \uXXXX) after IHDR. */
function withTextChunks(png, entries) {
  const chunks = Object.entries(entries).map(([key, value]) => {
    const latin1 = value.replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const data = new TextEncoder().encode(`${key}\0${latin1}`);
    const chunk = new Uint8Array(12 + data.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, data.length);
    chunk.set([0x74, 0x45, 0x58, 0x74], 4); // "tEXt"
    chunk.set(data, 8);
    view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
    return chunk;
  });
  const ihdrEnd = 8 + 12 + 13;
  const parts = [png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)];
  const out = new Uint8Array(parts.reduce((s, part) => s + part.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return new Blob([out], { type: 'image/png' });
}

let crcTable;
function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half precision, rounded to nearest. */
function toHalf(value) {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 112;
  const mant = x & 0x7fffff;
  if (exp >= 31) return sign | 0x7c00 | (exp === 143 && mant ? 0x200 : 0);
  if (exp <= 0) {
    if (exp < -10) return sign;
    const m = (mant | 0x800000) >>> (1 - exp);
    return sign | ((m + 0x1000) >>> 13);
  }
  return (sign | (exp << 10) | (mant >>> 13)) + ((mant >>> 12) & 1);
}

export function base64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * The self-contained HTML file. data: lens (labels, special, segment, firstToken, allowed), matrices(head) of the
 * shown layer, heads (all heads of the layer), shown (heads drawn now), query, min, snapshot (the current view
 * as SVG text when it is not the line view, else ''), provenance.
 * Returns {html, note}: note says what the size cap left out, or is ''.
 */
export async function htmlFile(data) {
  const m = data.lens.size;
  const headBytes = Math.ceil(m * m * 2 * 4 / 3);
  let included = [...data.heads];
  let note = '';
  if (included.length * headBytes > HTML_CAP_BYTES) {
    const fit = Math.max(1, Math.floor(HTML_CAP_BYTES / headBytes));
    included = data.shown.slice(0, fit);
    const mb = x => `${(x / 1048576).toFixed(1)} MB`;
    note = `Size cap: all ${data.heads.length} heads of layer ${data.provenance.layer} would take `
      + `${mb(data.heads.length * headBytes)}, over the ${mb(HTML_CAP_BYTES)} cap; this file holds `
      + `head${included.length > 1 ? 's' : ''} ${included.join(', ')} only.`;
  }
  const halves = new Uint16Array(included.length * m * m);
  included.forEach((h, k) => {
    const matrix = data.matrices(h);
    for (let i = 0; i < matrix.length; i++) halves[k * m * m + i] = toHalf(matrix[i]);
  });
  const allowed = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) allowed.push(data.lens.allowed(i, j) ? 1 : 0);
  const payload = {
    provenance: data.provenance, note, labels: data.lens.labels, special: data.lens.special,
    segment: data.provenance.textB ? data.lens.segment : null, tokenIndex: data.lens.firstToken,
    heads: included, shown: data.shown.filter(h => included.includes(h)),
    query: data.query, min: data.min, allowed: allowed.join(''),
    weights: base64(new Uint8Array(halves.buffer)),
  };
  const html = await fillTemplate({
    generator: escapeHtml(`attend ${data.provenance.attendVersion}`.trim()),
    title: escapeHtml(`attend · ${data.provenance.modelName} · layer ${data.provenance.layer}`),
    snapshot: data.snapshot ? `<section aria-label="exported view"><h2>Exported view</h2>${data.snapshot}</section>` : '',
    layer: String(data.provenance.layer),
    data: JSON.stringify(payload).replace(/</g, '\\u003c'),
  });
  return { html, note };
}

/**
 * app/standalone-template.html with its placeholders filled, in one pass (filled text is not scanned again):
 * {{name}} takes values[name] as it is (HTML already escaped), {{css FILE...}} the files' text, and
 * {{script FILE...}} the files' text without import lines and export keywords, as one classic script.
 */
async function fillTemplate(values) {
  const text = async url => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  };
  const template = await text('app/standalone-template.html');
  const placeholder = /\{\{(\w+)((?: [\w./-]+)*)\}\}/g;
  const files = new Map();
  for (const [, , names] of template.matchAll(placeholder)) {
    for (const name of names.split(' ').filter(Boolean)) files.set(name, null);
  }
  await Promise.all([...files.keys()].map(async name => files.set(name, await text(name))));
  return template.replace(placeholder, (_, key, names) => {
    const sources = names.split(' ').filter(Boolean).map(name => files.get(name));
    if (key === 'css') return sources.join('\n');
    if (key === 'script') {
      return sources.map(s => s.replace(/^import .*$/gm, '').replace(/^export /gm, '')).join('\n')
        .replace(/<\/script/gi, '<\\/script');
    }
    return values[key];
  });
}

export function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
