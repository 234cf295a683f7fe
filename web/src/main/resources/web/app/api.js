// The server's JSON and binary API (docs/api.md). Errors arrive as {"error": "..."} and become ApiErrors;
// a busy server (503) is asked again, up to three times, after the wait it names.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const BUSY_RETRIES = 3;

async function request(url, options) {
  let response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(url, options);
    } catch (e) {
      throw new ApiError(0, `the attend server does not answer (${e.message})`);
    }
    if (response.status !== 503 || attempt === BUSY_RETRIES) break;
    const seconds = Number(response.headers.get('Retry-After')) || 1;
    await new Promise(resolve => setTimeout(resolve, 1000 * seconds));
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && typeof body.error === 'string') message = body.error;
    } catch { /* not JSON: keep the status line */ }
    throw new ApiError(response.status, message);
  }
  return response;
}

export async function health() {
  return (await request('/api/health')).json();
}

export async function models() {
  return (await request('/api/models')).json();
}

export async function trace(model, text, textB) {
  const body = { model, text };
  if (textB) body.text_b = textB;
  const response = await request('/api/trace', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

/** One layer's weights: Float32Array [heads, n, n] (little-endian float32 on the wire). */
export async function attention(id, layer) {
  const response = await request(`/api/trace/${encodeURIComponent(id)}/attention?layer=${layer}`);
  return littleEndianFloats(await response.arrayBuffer());
}

/** Query, key, value and context vectors of one head. */
export async function qkv(id, layer, head) {
  return (await request(`/api/trace/${encodeURIComponent(id)}/qkv?layer=${layer}&head=${head}`)).json();
}

/** Runs a kept trace's text again with heads switched off: {pruned, cosine, pooling, attention_change}. */
export async function prune(id, heads) {
  const response = await request(`/api/trace/${encodeURIComponent(id)}/prune`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ heads }),
  });
  return response.json();
}

/** Every layer's heads combined (mean, rollout, flow): Float32Array [layers, n] for one query, else [layers, n, n]. */
export async function aggregate(id, kind, query) {
  const q = query === null ? '' : `&query=${query}`;
  const response = await request(`/api/trace/${encodeURIComponent(id)}/aggregate?kind=${kind}${q}`);
  return littleEndianFloats(await response.arrayBuffer());
}

/** Head importance of a model: {state: 'running'|'done', done, total, computed_on, importance[layer][head], ...}. */
export async function importance(model) {
  return (await request(`/api/models/${encodeURIComponent(model)}/importance`)).json();
}

/** Attention next to attribution for a kept pair's cosine (docs/api.md): {output, value, pooling, layers, sequences}. */
export async function explain(id) {
  return (await request(`/api/trace/${encodeURIComponent(id)}/explain`)).json();
}

/** The training runs the server was given (docs/api.md): {runs_dir, runs, unreadable}. */
export async function runs() {
  return (await request('/api/runs')).json();
}

/** One run's probes, snapshots (step, loss, accuracy) and metrics. */
export async function run(name) {
  return (await request(`/api/runs/${encodeURIComponent(name)}`)).json();
}

/** One probe's attention in one layer and head at every snapshot: {shape: [snapshots, n, n], values}. */
export async function runAttention(name, probe, layer, head) {
  const response = await request(
    `/api/runs/${encodeURIComponent(name)}/attention?probe=${probe}&layer=${layer}&head=${head}`);
  const shape = response.headers.get('X-Shape').split(',').map(Number);
  return { shape, values: littleEndianFloats(await response.arrayBuffer()) };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function littleEndianFloats(buffer) {
  if (LITTLE_ENDIAN) return new Float32Array(buffer);
  const view = new DataView(buffer);
  const out = new Float32Array(buffer.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
