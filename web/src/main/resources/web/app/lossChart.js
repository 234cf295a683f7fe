// The learning curve of a training run: loss (left axis) and accuracy (right axis, 0-100%) per snapshot, and the
// weight the selected query puts on the probe's marked target in the chosen head. A marker shows the snapshot on
// screen; clicking the chart jumps to the nearest snapshot. (d3 is the global loaded from /vendor/d3.min.js.)

const HEIGHT = 196;
const MARGIN = { top: 30, right: 52, bottom: 34, left: 52 };
export const SERIES = [
  { key: 'loss', label: 'loss (left axis)', colour: '#1f4e9c', dash: null },
  { key: 'accuracy', label: 'accuracy', colour: '#e8601c', dash: '6 3' },
  { key: 'target', label: 'weight on the target', colour: '#4eb265', dash: '2 3' },
];

/**
 * Draws into `host` and returns {svg, mark(index)}.
 * spec: steps[], loss[] (null where unknown), accuracy[], target[] (or null), targetLabel, onPick(index)
 */
export function drawLossChart(host, spec) {
  const width = Math.max(420, host.clientWidth || 800);
  const x = d3.scaleLinear().domain(d3.extent(spec.steps)).range([MARGIN.left, width - MARGIN.right]);
  if (spec.steps.length === 1) x.domain([spec.steps[0] - 1, spec.steps[0] + 1]);
  const maxLoss = d3.max(spec.loss.filter(v => v !== null)) ?? 1;
  const yLoss = d3.scaleLinear().domain([0, maxLoss * 1.05]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const yShare = d3.scaleLinear().domain([0, 1]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);

  const svg = d3.create('svg').attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('width', width).attr('height', HEIGHT).attr('viewBox', `0 0 ${width} ${HEIGHT}`)
    .attr('font-family', 'system-ui, sans-serif').attr('font-size', 11)
    .attr('data-testid', 'loss-chart').attr('role', 'img')
    .attr('aria-label', `learning curve over ${spec.steps.length} snapshots; click to jump to a snapshot`)
    .attr('data-x-range', x.range().join(',')).attr('data-step-range', x.domain().join(','));
  svg.append('rect').attr('width', width).attr('height', HEIGHT).attr('fill', '#ffffff');
  svg.append('g').attr('transform', `translate(0,${HEIGHT - MARGIN.bottom})`).call(d3.axisBottom(x).ticks(8));
  svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(d3.axisLeft(yLoss).ticks(5));
  svg.append('g').attr('transform', `translate(${width - MARGIN.right},0)`)
    .call(d3.axisRight(yShare).ticks(5).tickFormat(d3.format('.0%')));
  svg.append('text').attr('x', (MARGIN.left + width - MARGIN.right) / 2).attr('y', HEIGHT - 4)
    .attr('text-anchor', 'middle').attr('fill', '#56606b').text('training step');

  const values = { loss: spec.loss, accuracy: spec.accuracy, target: spec.target };
  const scale = { loss: yLoss, accuracy: yShare, target: yShare };
  const legend = svg.append('g').attr('transform', `translate(${MARGIN.left},6)`);
  let at = 0;
  for (const s of SERIES) {
    if (!values[s.key]) continue;
    const line = d3.line().defined(v => v !== null).x((_, k) => x(spec.steps[k])).y(v => scale[s.key](v));
    svg.append('path').datum(values[s.key]).attr('d', line).attr('fill', 'none').attr('stroke', s.colour)
      .attr('stroke-width', 2).attr('stroke-dasharray', s.dash).attr('data-series', s.key);
    const item = legend.append('g').attr('transform', `translate(${at},0)`);
    item.append('line').attr('x1', 0).attr('x2', 22).attr('y1', 6).attr('y2', 6).attr('stroke', s.colour)
      .attr('stroke-width', 2).attr('stroke-dasharray', s.dash);
    const label = s.key === 'target' ? `weight on “${spec.targetLabel}”` : s.label;
    item.append('text').attr('x', 27).attr('y', 6).attr('dominant-baseline', 'central').attr('fill', '#1f2933').text(label);
    at += 40 + 6.2 * label.length;
  }

  const marker = svg.append('g').attr('data-testid', 'chart-marker').attr('pointer-events', 'none');
  marker.append('line').attr('y1', MARGIN.top).attr('y2', HEIGHT - MARGIN.bottom).attr('stroke', '#1f2933')
    .attr('stroke-width', 1.5);
  const dots = SERIES.filter(s => values[s.key]).map(s => ({ s, dot: marker.append('circle').attr('r', 4)
    .attr('fill', s.colour).attr('stroke', '#ffffff') }));

  svg.on('click', event => {
    const [px] = d3.pointer(event);
    const step = x.invert(px);
    let best = 0;
    spec.steps.forEach((s, k) => { if (Math.abs(s - step) < Math.abs(spec.steps[best] - step)) best = k; });
    spec.onPick(best);
  });
  svg.style('cursor', 'pointer');
  host.replaceChildren(svg.node());

  function mark(index) {
    const px = x(spec.steps[index]);
    marker.attr('transform', `translate(${px},0)`).attr('data-index', index).attr('data-step', spec.steps[index]);
    for (const { s, dot } of dots) {
      const v = values[s.key][index];
      dot.attr('visibility', v === null ? 'hidden' : 'visible').attr('cx', 0).attr('cy', v === null ? 0 : scale[s.key](v));
    }
  }
  return { svg: svg.node(), mark, x };
}
