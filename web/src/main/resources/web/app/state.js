// The whole view state, and its round trip through the URL. The page writes the fragment
// (#model=minilm&text=...&layer=5&head=11&token=8&view=lines&words=0) so long texts never reach a
// server's header limits; on load it reads the query string and then the fragment (the fragment wins).
// The Training view keeps its own keys (run, probe, step, run_layer, run_head, run_token): a training run's
// model has its own layers and heads, and switching views keeps both places.

const VIEWS = ['lines', 'model', 'matrix', 'pipeline', 'heads', 'aggregate', 'explain', 'training'];
const AGGREGATES = ['mean', 'rollout', 'flow'];
const HEAD_STATS = ['entropy', 'max', 'cls', 'sep'];
/** Views of a training run rather than of the text. */
export const RUN_VIEWS = ['training'];
const SPECIAL_MODES = ['show', 'hide', 'renorm'];
export const PAIRS = ['AA', 'AB', 'BA', 'BB'];

const SEED = 'The cat sat on the mat because it was tired';

function defaultState() {
  return {
    model: '',          // registry key; '' = the server's first model
    text: SEED,
    textB: '',          // second sentence of a pair, '' = none
    layer: 5,
    head: 11,           // a head index, or 'all' (multi-head mode)
    heads: null,        // heads shown in multi-head mode; null = all
    token: 8,           // query token index (0-based, always a token index, also in word mode)
    view: 'lines',
    words: false,       // merge word pieces into words
    special: 'show',    // [CLS]/[SEP]: show, hide, or hide and renormalise rows
    pairs: [...PAIRS],  // which segment pairs (query→key) to draw for a sentence pair
    min: 0,             // lines below this weight are not drawn (the control says so)
    agg: 'rollout',     // the Aggregate view: mean, rollout or flow
    aggShow: 'lines',   // ... drawn as lines or matrix
    stat: 'entropy',    // the Heads view's statistic
    pruned: [],         // heads switched off in the Heads view: [[layer, head]]
    training: {         // the Training view
      run: '',          // run folder name; '' = the first run
      probe: 0,
      step: null,       // training step shown (the snapshot at or before it); null = the last
      layer: 0,
      head: 0,
      token: null,      // query token; null = the probe's marked query (e.g. the pronoun)
    },
  };
}

function int(value, fallback) {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

function apply(state, params) {
  if (params.has('model')) state.model = params.get('model');
  if (params.has('text')) state.text = params.get('text');
  if (params.has('text_b')) state.textB = params.get('text_b');
  if (params.has('layer')) state.layer = int(params.get('layer'), state.layer);
  if (params.has('head')) state.head = params.get('head') === 'all' ? 'all' : int(params.get('head'), state.head);
  if (params.has('heads')) {
    state.heads = params.get('heads').split(',').filter(h => h !== '').map(h => int(h, -1)).filter(h => h >= 0);
  }
  if (params.has('token')) state.token = int(params.get('token'), state.token);
  if (VIEWS.includes(params.get('view'))) state.view = params.get('view');
  if (params.has('words')) state.words = params.get('words') === '1';
  if (SPECIAL_MODES.includes(params.get('special'))) state.special = params.get('special');
  if (params.has('pairs')) state.pairs = params.get('pairs').split(',').filter(p => PAIRS.includes(p));
  if (AGGREGATES.includes(params.get('agg'))) state.agg = params.get('agg');
  if (['lines', 'matrix'].includes(params.get('agg_show'))) state.aggShow = params.get('agg_show');
  if (HEAD_STATS.includes(params.get('stat'))) state.stat = params.get('stat');
  if (params.has('pruned')) {
    state.pruned = params.get('pruned').split(',').map(p => p.split('.').map(v => int(v, -1)))
      .filter(p => p.length === 2 && p[0] >= 0 && p[1] >= 0);
  }
  const t = state.training;
  if (params.has('run')) t.run = params.get('run');
  if (params.has('probe')) t.probe = int(params.get('probe'), t.probe);
  if (params.has('step')) t.step = int(params.get('step'), t.step);
  if (params.has('run_layer')) t.layer = int(params.get('run_layer'), t.layer);
  if (params.has('run_head')) t.head = int(params.get('run_head'), t.head);
  if (params.has('run_token')) t.token = int(params.get('run_token'), t.token);
  if (params.has('min')) {
    const m = Number.parseFloat(params.get('min'));
    state.min = Number.isFinite(m) && m >= 0 && m < 1 ? m : 0;
  }
  return state;
}

/** The state a URL describes: defaults, then its query string, then its fragment. */
export function readUrl(location) {
  const state = defaultState();
  apply(state, new URLSearchParams(location.search));
  apply(state, new URLSearchParams(location.hash.replace(/^#/, '')));
  return state;
}

/** The fragment (without '#') for a state: the agreed keys always, the others when not default. */
export function toFragment(state) {
  const p = new URLSearchParams();
  if (state.model) p.set('model', state.model);
  p.set('text', state.text);
  if (state.textB) p.set('text_b', state.textB);
  p.set('layer', String(state.layer));
  p.set('head', String(state.head));
  if (state.head === 'all' && state.heads) p.set('heads', state.heads.join(','));
  p.set('token', String(state.token));
  p.set('view', state.view);
  p.set('words', state.words ? '1' : '0');
  if (state.special !== 'show') p.set('special', state.special);
  if (state.pairs.length !== PAIRS.length) p.set('pairs', state.pairs.join(','));
  if (state.min > 0) p.set('min', String(state.min));
  if (state.view === 'aggregate') {
    p.set('agg', state.agg);
    p.set('agg_show', state.aggShow);
  }
  if (state.stat !== 'entropy') p.set('stat', state.stat);
  if (state.pruned.length) p.set('pruned', state.pruned.map(([l, h]) => `${l}.${h}`).join(','));
  const t = state.training;
  if (t.run) {
    p.set('run', t.run);
    p.set('probe', String(t.probe));
    if (t.step !== null) p.set('step', String(t.step));
    p.set('run_layer', String(t.layer));
    p.set('run_head', String(t.head));
    if (t.token !== null) p.set('run_token', String(t.token));
  }
  return p.toString().replace(/\+/g, '%20');
}
