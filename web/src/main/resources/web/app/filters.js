// What a view shows of one layer's weights: units (tokens or words), minus the special tokens when they
// are hidden (optionally renormalising each row so it sums to 1 again), and, for a sentence pair, which
// segment pairs (A→A, A→B, B→A, B→B) are drawn.

import { buildUnits, unitRow } from './words.js';

export function makeLens(trace, state) {
  const units = buildUnits(trace, state.words);
  const hide = state.special !== 'show';
  const keep = [];
  units.tokens.forEach((_, u) => { if (!(hide && units.special[u])) keep.push(u); });
  const position = new Int32Array(units.tokens.length).fill(-1);
  keep.forEach((u, i) => { position[u] = i; });
  const renorm = state.special === 'renorm';
  const pairs = new Set(state.pairs);
  const segment = keep.map(u => units.segment[u]);

  function row(weights, head, i) {
    const full = unitRow(weights, trace.n, head, units, keep[i]);
    const out = new Float32Array(keep.length);
    let sum = 0;
    keep.forEach((u, j) => { out[j] = full[u]; sum += full[u]; });
    if (renorm && sum > 0) for (let j = 0; j < out.length; j++) out[j] /= sum;
    return out;
  }

  return {
    size: keep.length,
    labels: keep.map(u => units.labels[u]),
    special: keep.map(u => units.special[u]),
    segment,
    firstToken: keep.map(u => units.tokens[u][0]),
    row,
    /** [size, size] weights of one head, row-major. */
    matrix(weights, head) {
      const n = trace.n;
      if (keep.length === n && units.tokens.length === n) return weights.subarray(head * n * n, (head + 1) * n * n);
      const m = new Float32Array(keep.length * keep.length);
      for (let i = 0; i < keep.length; i++) m.set(row(weights, head, i), i * keep.length);
      return m;
    },
    /** The shown unit holding token t; a hidden token maps to the nearest shown unit. */
    unitOfToken(t) {
      const u = units.unitOf[Math.min(Math.max(t, 0), trace.n - 1)];
      if (position[u] >= 0) return position[u];
      let best = 0;
      keep.forEach((k, i) => { if (Math.abs(k - u) < Math.abs(keep[best] - u)) best = i; });
      return best;
    },
    /** Whether a line from shown unit i to shown unit j passes the sentence-pair filter. */
    allowed(i, j) {
      if (!trace.pair) return true;
      return pairs.has('AB'[segment[i]] + 'AB'[segment[j]]);
    },
  };
}
