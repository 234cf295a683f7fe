// Small DOM helpers shared by the table views (Heads, Explain): build an element, shade a cell by a weight.

import { weightColour } from './palette.js';

/** An element with properties (dataset merged in) and children. */
export function element(tag, props = {}, ...children) {
  const { dataset = {}, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

/** Background on the weight scale for t in [0, 1], with text that stays readable. */
export function shade(node, t) {
  node.style.background = weightColour(Math.max(0, Math.min(1, t)));
  node.style.color = t > 0.45 ? '#ffffff' : '#1f2933';
}
