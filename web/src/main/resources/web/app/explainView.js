// The Explain view: attention next to attribution for the same tokens. The output explained is the cosine
// similarity of the two sentences' embeddings (each sentence encoded on its own, with the model's pooling): "which
// tokens make these two sentences similar". Per token of each sentence: what attention says it contributes at the
// chosen layer (raw = mean over heads, rollout, flow, each read the way the output reads the last layer) and what
// it really contributes (blank-out: how much the cosine changes when the token is replaced by [MASK]; gradient ×
// input). Below: the Spearman correlation of each attention kind with each attribution, per layer. Computed on the
// server (analysis' explain package).

import { element, shade } from './cells.js';
import { signedColour } from './palette.js';

export const KINDS = { raw: 'raw attention', rollout: 'rollout', flow: 'flow' };
export const ATTRIBUTIONS = { blankout: 'blank-out', gradxinput: 'gradient × input' };
export const EXAMPLE_B = 'A kitten rested on the rug because it was sleepy';

/** Each column on its own scale: its largest value over the scored tokens is darkest. */
function largest(values, scored) {
  let top = 0;
  values.forEach((v, j) => { if (scored[j] && v > top) top = v; });
  return top > 0 ? top : 1;
}

/** The tokens of one sentence as rows, the three attention kinds and the two attributions as columns. */
function tokenTable(seq, s, layer, name) {
  const columns = [
    ...Object.entries(KINDS).map(([k, label]) => ({ key: k, label, values: seq.attention[k][layer], group: 'attention' })),
    ...Object.entries(ATTRIBUTIONS).map(([k, label]) => ({ key: k, label, values: seq.attribution[k], group: 'attribution' })),
  ];
  const table = element('table', { className: 'explain-table', dataset: { testid: 'explain-table', sequence: String(s) } });
  table.append(element('caption', { textContent: `${name}: “${seq.text}”` }));
  const groups = element('tr', {}, element('th', { scope: 'col' }),
    element('th', { scope: 'colgroup', colSpan: 3, textContent: `attention, layer ${layer}` }),
    element('th', { scope: 'colgroup', colSpan: 2, textContent: 'attribution (what the output depends on)' }));
  const names = element('tr', {}, element('th', { scope: 'col', textContent: 'token' }),
    ...columns.map(c => element('th', { scope: 'col', textContent: c.label })));
  table.append(element('thead', {}, groups, names));
  const tops = columns.map(c => largest(c.values, seq.scored));
  const body = element('tbody');
  seq.tokens.forEach((token, j) => {
    const row = element('tr', { className: seq.scored[j] ? '' : 'unscored' },
      element('th', { scope: 'row', textContent: token, dataset: { testid: 'explain-token', index: String(j) } }));
    columns.forEach((c, k) => {
      const v = c.values[j];
      const cell = element('td', {
        className: `head-cell${c.group === 'attribution' ? ' attribution' : ''}`,
        textContent: seq.scored[j] ? `${Math.round(100 * v / tops[k])}` : '–',
        title: `${token}: ${c.label} ${v.toPrecision(4)}${seq.scored[j] ? '' : ' ([CLS]/[SEP] are not ranked)'}`,
        dataset: { testid: 'explain-cell', kind: c.key, index: String(j), value: String(v) },
      });
      if (seq.scored[j]) shade(cell, v / tops[k]);
      row.append(element('td', {}, cell));
    });
    body.append(row);
  });
  table.append(body);
  return table;
}

/** Spearman ρ per layer: rows attention kind × attribution, columns layers; the chosen layer marked. */
function spearmanTable(seq, s, layer, layers) {
  const table = element('table', { className: 'head-grid', dataset: { testid: 'spearman-grid', sequence: String(s) } });
  const head = element('tr', {}, element('th', { scope: 'col', textContent: 'Spearman ρ' }));
  for (let l = 0; l < layers; l++) {
    head.append(element('th', { scope: 'col', textContent: `L${l}`, className: l === layer ? 'chosen' : '' }));
  }
  table.append(element('thead', {}, head));
  const body = element('tbody');
  for (const [k, kind] of Object.entries(KINDS)) {
    for (const [a, attribution] of Object.entries(ATTRIBUTIONS)) {
      const row = element('tr', {}, element('th', { scope: 'row', textContent: `${kind} vs ${attribution}` }));
      seq.spearman[k][a].forEach((rho, l) => {
        const cell = element('span', {
          className: `head-cell${l === layer ? ' chosen' : ''}`,
          textContent: rho === null ? '–' : rho.toFixed(2),
          title: rho === null ? 'a ranking is constant: no correlation' : `layer ${l}: ρ = ${rho.toFixed(4)}`,
          dataset: { testid: 'spearman-cell', kind: k, attribution: a, layer: String(l), value: rho === null ? '' : String(rho) },
        });
        if (rho !== null) {
          cell.style.background = signedColour(rho, 1);
          cell.style.color = Math.abs(rho) > 0.6 ? '#ffffff' : '#1f2933';
        }
        row.append(element('td', {}, cell));
      });
      body.append(row);
    }
  }
  table.append(body);
  return table;
}

/**
 * ctx: trace, layer, classifier (a model trained here: it explains its own prediction, one sentence), explain() (the
 * server's answer, fetched by the caller), onPair(textB) to add a second sentence. Returns the caption's facts.
 */
export async function drawExplain(host, ctx) {
  const { trace, layer } = ctx;
  if (!trace.pair && !ctx.classifier) {
    const use = element('button', { type: 'button', className: 'primary', textContent: `Compare with “${EXAMPLE_B}”`,
      dataset: { testid: 'explain-example' } });
    use.addEventListener('click', () => ctx.onPair(EXAMPLE_B));
    host.replaceChildren(element('div', { className: 'heads', dataset: { testid: 'explain-needs-pair' } },
      element('p', { textContent: 'Explain asks which tokens make two sentences similar: the output is the cosine '
        + 'similarity of their sentence embeddings. Type a second sentence above and press Run, or:' }), use));
    return { view: 'explain', pair: false };
  }
  const answer = await ctx.explain();
  const value = element('p', {
    className: 'prune-result', dataset: { testid: 'explain-value', value: String(answer.value) },
    textContent: answer.output === 'logit'
      ? `Output: logit ${answer.value.toFixed(4)} of “${answer.predicted}”, the class the model predicts at the position it reads.`
      : `Output: cosine similarity ${answer.value.toFixed(4)} of the two sentence embeddings `
        + `(${answer.pooling} pooling, each sentence encoded on its own).`,
  });
  const parts = [value, element('p', { className: 'muted', textContent: 'Each column on its own scale: 100 = its '
    + 'largest value among the words. Hover a cell for the number. '
    + (answer.output === 'logit' ? 'The position the classifier reads is not ranked.' : '[CLS] and [SEP] are not ranked.') })];
  answer.sequences.forEach((seq, s) => {
    const which = answer.sequences.length === 1 ? 'the sentence' : `sentence ${s === 0 ? 'A' : 'B'}`;
    parts.push(tokenTable(seq, s, layer, answer.sequences.length === 1 ? 'The sentence' : `Sentence ${s === 0 ? 'A' : 'B'}`),
      element('h3', { className: 'grid-title', textContent: `How well each attention kind ranks ${which}’s `
        + 'words like each attribution (Spearman ρ per layer: 1 same order, 0 unrelated, −1 reversed)' }),
      spearmanTable(seq, s, layer, answer.layers));
  });
  host.replaceChildren(element('div', { className: 'heads explain', dataset: { testid: 'explain-view' } }, ...parts));
  const rho = (k, a) => answer.sequences.map(q => q.spearman[k][a][layer]).filter(v => v !== null);
  const mean = v => (v.length ? v.reduce((x, y) => x + y, 0) / v.length : null);
  return {
    view: 'explain', pair: true, layer, value: answer.value, output: answer.output, predicted: answer.predicted,
    rho: Object.fromEntries(Object.keys(KINDS).map(k => [k, mean(rho(k, 'blankout'))])),
  };
}
