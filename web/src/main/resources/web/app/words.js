// Units of a view: one per token, or one per word (its word pieces merged). A word RECEIVES the sum of
// what its pieces receive (to-word: sum) and GIVES the mean of what its pieces give (from-word: mean), so
// every row still sums to 1. Special tokens ([CLS], [SEP]) have no word and stay units of their own.

/**
 * @param trace a Trace (tokens, wordIds, offsets, segments, texts)
 * @param words merge word pieces into words
 * @returns {{labels: string[], tokens: number[][], special: boolean[], segment: number[], unitOf: Int32Array}}
 */
export function buildUnits(trace, words) {
  const labels = [], tokens = [], special = [], segment = [];
  const unitOf = new Int32Array(trace.n);
  for (let t = 0; t < trace.n; t++) {
    const word = trace.wordIds[t];
    const continues = words && t > 0 && word >= 0 && word === trace.wordIds[t - 1];
    if (continues) {
      tokens[tokens.length - 1].push(t);
    } else {
      tokens.push([t]);
      special.push(word < 0);
      segment.push(trace.segments[t]);
    }
    unitOf[t] = tokens.length - 1;
  }
  for (const pieces of tokens) labels.push(words ? wordLabel(trace, pieces) : trace.tokens[pieces[0]]);
  return { labels, tokens, special, segment, unitOf };
}

/** A word as it was written: the original text from its first piece's start to its last piece's end. */
function wordLabel(trace, pieces) {
  const first = pieces[0], last = pieces[pieces.length - 1];
  const [start] = trace.offsets[first], [, end] = trace.offsets[last];
  const text = trace.texts[trace.segments[first]];
  if (start < 0 || end < start || text === undefined) return trace.tokens[first];
  return text.substring(start, end);
}

/**
 * Row of unit {@code u} over all units, from one head's token weights.
 * @param weights Float32Array [heads, n, n] of a layer
 */
export function unitRow(weights, n, head, units, u) {
  const row = new Float64Array(units.tokens.length);
  const pieces = units.tokens[u];
  for (const t of pieces) {
    const base = (head * n + t) * n;
    for (let s = 0; s < n; s++) row[units.unitOf[s]] += weights[base + s];
  }
  for (let k = 0; k < row.length; k++) row[k] /= pieces.length;
  return row;
}
