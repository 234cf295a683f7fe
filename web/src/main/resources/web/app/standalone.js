// The script of an exported HTML file, run after keyboard.js, lineView.js, headColours.js and provenance.js (all
// are inlined as one classic script, so this file has no imports). It reads the embedded JSON (float16 weights of
// the shown layer), writes the provenance and size-cap note, and redraws the line view as tokens and heads are
// picked. No network is needed.

(function startStandalone() {
  const data = JSON.parse(document.getElementById('attend-data').textContent);
  const m = data.labels.length;
  const bytes = Uint8Array.from(atob(data.weights), c => c.charCodeAt(0));
  const halves = new Uint16Array(bytes.buffer);
  const half = h => {
    const sign = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
    if (e === 0) return sign * f * 2 ** -24;
    if (e === 31) return f ? NaN : sign * Infinity;
    return sign * (1 + f / 1024) * 2 ** (e - 15);
  };
  const row = (k, i) => Float32Array.from(halves.subarray((k * m + i) * m, (k * m + i + 1) * m), half);
  const stage = document.getElementById('stage');
  const select = document.getElementById('head');
  const tooltip = document.getElementById('tooltip');
  let query = data.query;
  let shown = data.shown.length ? data.shown : [data.heads[0]];

  const provenance = document.getElementById('provenance');
  provenanceLines(data.provenance).forEach((line, k) => {
    if (k > 0) provenance.append(document.createElement('br'));
    provenance.append(line);
  });
  const notice = document.getElementById('notice');
  notice.textContent = data.note;
  notice.hidden = !data.note;

  data.heads.forEach(h => select.add(new Option(`head ${h}`, String(h))));
  if (data.heads.length > 1) select.add(new Option('all shown heads', 'all'));
  select.value = shown.length > 1 ? 'all' : String(shown[0]);
  select.addEventListener('change', () => {
    shown = select.value === 'all' ? (data.shown.length > 1 ? data.shown : data.heads) : [Number(select.value)];
    draw();
  });

  function draw() {
    const single = shown.length === 1;
    drawLines(stage, {
      labels: data.labels, special: data.special, segment: data.segment, tokenIndex: data.tokenIndex, query,
      lines: shown.map(h => ({
        head: h, colour: single ? '#1f4e9c' : headColour(h), row: row(data.heads.indexOf(h), query),
      })),
      multi: select.value === 'all',
      allowed: (i, j) => data.allowed[i * m + j] === '1',
      min: data.min,
      tooltip,
      ariaLabel: 'attention lines',
      onSelect: unit => {
        query = unit;
        draw();
        const again = stage.querySelector(`[data-testid="token"][data-unit="${unit}"]`);
        if (again) again.focus();
      },
    });
  }
  draw();
}());
