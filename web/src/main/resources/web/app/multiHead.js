// Multi-head mode: one colour per head; a swatch per head. Click a swatch to show or hide its head,
// double-click (or Shift+click, Shift+Enter) to show that head alone; do it again to show all heads.

import { headColour } from './headColours.js';

export function drawSwatches(host, heads, visible, onChange) {
  const shown = new Set(visible);
  const buttons = [];
  for (let h = 0; h < heads; h++) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'swatch';
    button.dataset.testid = 'head-swatch';
    button.dataset.head = String(h);
    button.style.setProperty('--swatch', headColour(h));
    button.textContent = String(h);
    button.setAttribute('aria-pressed', String(shown.has(h)));
    button.setAttribute('aria-label', `head ${h}`);
    button.title = `Head ${h}: click to show or hide, double-click or Shift+click to show it alone`;
    const solo = () => onChange(visible.length === 1 && visible[0] === h ? [...Array(heads).keys()] : [h]);
    button.addEventListener('click', event => {
      if (event.shiftKey) { solo(); return; }
      if (shown.has(h)) shown.delete(h); else shown.add(h);
      onChange([...shown].sort((a, b) => a - b));
    });
    button.addEventListener('dblclick', solo);
    buttons.push(button);
  }
  const focused = host.contains(document.activeElement) ? Number(document.activeElement.dataset.head) : -1;
  host.replaceChildren(...buttons);
  if (focused >= 0) buttons[focused].focus(); // keyboard users stay on the swatch they pressed
}
