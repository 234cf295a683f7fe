// The short plain-language text beside each view: what you are looking at and what it teaches.
// Returned as strings (the page sets them as text, never as HTML).

const pct = w => `${(100 * w).toFixed(1)}%`;

const CAVEAT = 'Attention is not understanding: a weight says where a head copies information from, not why, '
  + 'and not what the model “knows”. Many heads park their attention on [SEP] or punctuation when they have '
  + 'nothing to do.';

/** facts: view, layer, head, multi, query, top {label, weight}, heads, words, special, pair, pairs, min, omitted, n */
export function caption(facts) {
  if (facts.view === 'training') return [...trainingCaption(facts), CAVEAT];
  const lines = [];
  const q = `“${facts.query}”`;
  if (facts.view === 'lines' && !facts.multi) {
    lines.push(`Each line joins the query ${q} to a key token: the thicker and darker the line, the more of its `
      + `attention ${q} gives to that token. In layer ${facts.layer}, head ${facts.head}, ${q} puts `
      + `${pct(facts.top.weight)} on “${facts.top.label}”.`);
    if (facts.special !== 'hide') {
      lines.push('The percentages in a row add up to 100% (Σ): softmax makes every token share out all of its '
        + 'attention, so a head cannot “look at nothing”.');
    }
  } else if (facts.view === 'lines') {
    lines.push(`All shown heads of layer ${facts.layer} at once, one colour per head, from the query ${q}. Heads of `
      + 'one layer read the same tokens in different ways: one follows the previous word, one the next, one rests '
      + 'on [SEP], a few tie words to what they refer to.');
    lines.push('Click a head’s swatch to hide or show it; double-click to see it alone.');
  } else if (facts.view === 'model') {
    lines.push(`Every head of the model: ${facts.layers} layers (rows) × ${facts.heads} heads (columns). Each square is `
      + 'one head’s matrix, queries down and keys across, darker for more attention (each square on its own scale, '
      + 'so that spread-out heads show their pattern too).');
    lines.push('Look for patterns: a line just off the diagonal means “look at the previous (or next) token”; a dark '
      + 'column means “everyone looks at this token”, often [CLS] or [SEP]. Click a square to open that head.');
  } else if (facts.view === 'aggregate') {
    const what = {
      mean: `the mean of the ${facts.heads} heads of layer ${facts.layer}`,
      rollout: `attention rollout up to layer ${facts.layer}: each layer's mean over heads, with the residual counted `
        + 'as half (0.5·A + 0.5·I), multiplied through the layers below, so it follows every path back to the input tokens',
      flow: `attention flow up to layer ${facts.layer}: the most that can flow from ${q} through the layered graph `
        + '(capacities = mean attention + residual) to each input token, normalised to sum to 1',
    }[facts.agg];
    lines.push(`${q} as seen through ${what}. Heaviest: “${facts.top.label}” (${pct(facts.top.weight)}).`);
    lines.push('One head’s weights say where it copies from within one layer; rollout and flow estimate which input '
      + 'tokens end up in a token’s state after many layers. In the upper layers they spread out: everything has '
      + 'mixed with everything. Flow costs tokens³ and is refused on long texts.');
  } else if (facts.view === 'explain') {
    lines.push(...explainCaption(facts));
  } else if (facts.view === 'heads') {
    lines.push(`Every head of the model for this text, ${facts.layers} layers × ${facts.heads} heads; each cell is one `
      + 'number about the head’s attention, darker for more: its entropy (low = focused on a token or two, high = '
      + 'spread out), its largest weight, or how much of it rests on [CLS] or [SEP] (a “no-op”: heads with nothing '
      + 'to do often park there).');
    lines.push('Head importance (the button, then a second grid) ranks the heads by importance for the model’s own objective (gradient-based, '
      + 'Michel et al. 2019): switching off a head of low importance usually changes little; the few important ones '
      + 'matter much more. Statistics that look striking (a head that rests on [CLS]) need not mean importance.');
    if (facts.pruned === 0) {
      lines.push('Click heads to switch them off: the text is run again without them, and you see how much the '
        + 'sentence embedding and the other heads change. Many heads can go with little effect.');
    } else {
      lines.push(`With ${facts.pruned} head${facts.pruned === 1 ? '' : 's'} off the sentence embedding keeps a cosine `
        + `similarity of ${facts.cosine.toFixed(4)} to the full model’s (1 = unchanged). Heads in later layers change `
        + `their attention because their input changed: most of all layer ${facts.moved.l}, head ${facts.moved.h} `
        + `(${pct(facts.moved.v)} of its attention moved).`);
    }
  } else if (facts.view === 'matrix') {
    lines.push(`Layer ${facts.layer}, ${facts.multi ? `the mean of ${facts.shownHeads} heads` : `head ${facts.head}`} `
      + 'as a table: each row is a token asking (the query), each column a token being asked (the key). A row adds '
      + `up to 100%. Row ${q} is selected: its heaviest key is “${facts.top.label}” (${pct(facts.top.weight)}).`);
    lines.push('Click a row label or a cell to make that row’s token the query in every view.');
  } else {
    lines.push(`How one row of weights is made, for ${q} in layer ${facts.layer}, head ${facts.head}. Each token’s `
      + 'vector is multiplied by three learned matrices: a query q (“what am I looking for?”), a key k (“what do I '
      + 'offer?”) and a value v (“what do I pass on?”).');
    lines.push(`The query’s dot product with each key gives a score; dividing by √d (d = ${facts.headDim}) keeps `
      + 'scores from growing with the vector size; softmax turns scores into weights that add up to 1; the output '
      + 'is the weighted sum of the values. Your browser recomputed every step from the model’s own numbers, and '
      + 'its sum matches the model’s context vector.');
    if (facts.words || facts.special !== 'show') {
      lines.push('This view always works on word pieces and keeps [CLS] and [SEP]: the model’s arithmetic uses them all.');
    }
  }
  if (!['pipeline', 'heads', 'aggregate', 'explain'].includes(facts.view)) {
    if (facts.words) {
      lines.push('Word pieces are merged into words: a word receives the sum of what its pieces receive and gives '
        + 'the mean of what they give, so rows still add up to 100%.');
    }
    if (facts.special === 'hide') {
      lines.push('[CLS] and [SEP] are hidden, and the weight they received is left out, so rows add up to less than 100%.');
    } else if (facts.special === 'renorm') {
      lines.push('[CLS] and [SEP] are hidden and every row is rescaled to add up to 100% over the tokens that remain.');
    }
    if (facts.pair) {
      lines.push('A sentence pair is read as [CLS] A [SEP] B [SEP] (token type 0 for A, 1 for B); the bars beside the '
        + `tokens mark A (grey) and B (orange). Showing ${facts.pairs.length ? facts.pairs.join(', ').replace(/(\w)(\w)/g, '$1→$2') : 'no segment pairs'}.`);
    }
    if (facts.view === 'lines' && facts.min > 0) {
      lines.push(`Lines below ${pct(facts.min)} are not drawn (${facts.omitted} left out).`);
    }
  }
  lines.push(CAVEAT);
  return lines;
}

const rho = v => (v === null ? 'no correlation (constant ranking)' : `ρ ${v.toFixed(2)}`);

/** facts: pair, layer, value (the cosine), rho {raw, rollout, flow} with blank-out at that layer (mean of A and B) */
function explainCaption(facts) {
  if (!facts.pair) {
    return ['Explain compares attention with what the output really depends on. For a sentence-embedding model the '
      + 'output is the similarity of two sentences, so it needs a second sentence.'];
  }
  const question = facts.output === 'logit'
    ? `Which words make the model predict “${facts.predicted}” (logit ${facts.value.toFixed(3)})?`
    : `Which tokens make these two sentences similar (cosine ${facts.value.toFixed(3)})?`;
  return [
    `${question} Left, what attention says each token contributes at layer ${facts.layer}: raw (mean over heads), `
      + 'rollout and flow (attention followed through the layers below). Right, what the output depends on: blank-out '
      + `(how much it changes when the token is replaced by ${facts.output === 'logit' ? '[PAD]' : '[MASK]'}) and `
      + 'gradient × input.',
    `At layer ${facts.layer}, agreement with blank-out${facts.output === 'logit' ? '' : ' (mean of both sentences)'}: raw ${rho(facts.rho.raw)}, rollout `
      + `${rho(facts.rho.rollout)}, flow ${rho(facts.rho.flow)}.`,
    'Attention is not explanation: a high attention weight does not mean the token mattered for the output. Jain & '
      + 'Wallace (2019) found attention weights often disagree with gradient and leave-one-out importance; Abnar & '
      + 'Zuidema (2020) showed raw attention agrees only in the lowest layers, while rollout and flow, which follow '
      + 'the residual stream through the layers, agree better higher up — on this model, check the table.',
  ];
}

/** facts: none, runsDir, or run, task, step, last, loss, accuracy, layer, head, query, top, target, final (metrics) */
function trainingCaption(facts) {
  if (facts.none) {
    return ['The Training view replays how a model trained here came to attend: attend train records the attention '
      + 'of a few fixed probe sentences every few steps, and this view plays those snapshots back.'];
  }
  const lines = [];
  const q = `“${facts.query}”`;
  lines.push(`Run “${facts.run}” (${facts.task}), layer ${facts.layer}, head ${facts.head}, at step ${facts.step} of `
    + `${facts.last}: ${q} puts ${pct(facts.top.weight)} on “${facts.top.label}”`
    + (facts.target && facts.target.label !== facts.top.label
      ? `, and ${pct(facts.target.weight)} on “${facts.target.label}”, the token it should find.`
      : facts.target ? ', the token it should find.' : '.'));
  lines.push(facts.loss === null
    ? 'This is the untrained model (step 0): its weights are random, so its attention is spread almost evenly.'
    : `Training loss ${facts.loss.toFixed(3)} and accuracy ${pct(facts.accuracy)} over the steps since the previous `
      + 'snapshot. Play or drag the slider (arrow keys step one snapshot) and watch the attention sharpen as the loss '
      + 'falls; click the curve to jump to a step.');
  if (facts.final && typeof facts.final.accuracy === 'number') {
    lines.push(`At the end: accuracy ${pct(facts.final.accuracy)} on ${facts.final.measured_on ?? 'held-out data'}`
      + (facts.final.best_head ? `; the head that best points from the pronoun to its antecedent is layer `
        + `${facts.final.best_head.layer}, head ${facts.final.best_head.head}.` : '.'));
  }
  return lines;
}
