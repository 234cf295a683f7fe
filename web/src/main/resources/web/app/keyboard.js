// Keyboard reach for token lists: one Tab stop per list (the selected token), arrow keys move between
// tokens, Home/End jump to the ends, Enter or Space selects. Used by the line and matrix views (and by
// exported HTML files, which inline this file).

export function rovingTokens(items, selected, onSelect) {
  items.forEach((item, i) => {
    item.setAttribute('tabindex', i === selected ? '0' : '-1');
    item.addEventListener('keydown', event => {
      const next = {
        ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: items.length - 1,
      }[event.key];
      if (next !== undefined) {
        event.preventDefault();
        const target = items[Math.max(0, Math.min(items.length - 1, next))];
        items.forEach(other => other.setAttribute('tabindex', other === target ? '0' : '-1'));
        target.focus();
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect(i);
      }
    });
  });
}

/** The unit index of the token that has keyboard focus, or -1: a re-render can give focus back to it. */
export function focusedToken() {
  const active = document.activeElement;
  return active && active.dataset && active.dataset.testid === 'token' ? Number(active.dataset.unit) : -1;
}

export function refocusToken(root, unit) {
  if (unit < 0) return;
  const item = root.querySelector(`[data-testid="token"][data-unit="${unit}"]`);
  if (item) {
    root.querySelectorAll('[data-testid="token"]').forEach(t => t.setAttribute('tabindex', t === item ? '0' : '-1'));
    item.focus();
  }
}
