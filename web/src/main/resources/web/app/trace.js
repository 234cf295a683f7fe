// One traced text on the server, with its layers fetched on demand and kept (up to a memory budget).
// The server forgets traces after a while (404): the trace is then run again, transparently.

import * as api from './api.js';

const CACHE_BYTES = 96 * 1024 * 1024;

export class Trace {
  static async run(model, text, textB) {
    return new Trace(model, text, textB, await api.trace(model, text, textB));
  }

  constructor(model, text, textB, meta) {
    this.model = model;
    this.texts = textB ? [text, textB] : [text];
    this.pair = Boolean(textB);
    this.id = meta.id;
    this.modelName = meta.model_name;
    this.tokens = meta.tokens;
    this.offsets = meta.offsets;     // [start, end) in its own text, [-1, -1] for [CLS]/[SEP]
    this.segments = meta.segments;   // 0 for text, 1 for text_b
    this.wordIds = meta.word_ids;    // -1 for [CLS]/[SEP]
    this.layers = meta.layers;
    this.heads = meta.heads;
    this.headDim = meta.head_dim;
    this.n = meta.n;
    this.cache = new Map();
  }

  /** Float32Array [heads, n, n] of one layer. */
  layer(layer) {
    return this.cached(`a${layer}`, () => api.attention(this.id, layer), a => a.byteLength);
  }

  /** {query, key, value, context} of one head. */
  vectors(layer, head) {
    return this.cached(`v${layer}.${head}`, () => api.qkv(this.id, layer, head), () => 4 * 4 * this.n * this.headDim);
  }

  /** What switching off `heads` ([[layer, head]]) does to this text (the server runs it again). */
  prune(heads) {
    return this.cached(`p${JSON.stringify(heads)}`, () => api.prune(this.id, heads), () => 1024);
  }

  /** Attention and attribution per token of both sentences (the server runs forward and backward passes). */
  explain() {
    return this.cached('explain', () => api.explain(this.id), () => 64 * this.n * 8);
  }

  async cached(key, fetchIt, size) {
    if (this.cache.has(key)) {
      const hit = this.cache.get(key);
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.value;
    }
    const value = await this.again(fetchIt);
    this.cache.set(key, { value, bytes: size(value) });
    let total = 0;
    for (const entry of this.cache.values()) total += entry.bytes;
    for (const [k, entry] of this.cache) {
      if (total <= CACHE_BYTES || k === key) break;
      total -= entry.bytes;
      this.cache.delete(k);
    }
    return value;
  }

  /** Runs a request; when the server has forgotten this trace (404), traces the text again and retries once. */
  async again(fetchIt) {
    try {
      return await fetchIt();
    } catch (e) {
      if (!(e instanceof api.ApiError) || e.status !== 404) throw e;
      const meta = await api.trace(this.model, this.texts[0], this.texts[1]);
      this.id = meta.id;
      return fetchIt();
    }
  }
}
