// The four figures as Observable Plot specs (SVG). Each returns the chart element and the legend entries the
// exported file carries inside its SVG (Plot's own ordinal legends are HTML, which an .svg file cannot hold).
import * as Plot from '@observablehq/plot';
import type { AccuracyBar, ReasoningPoint, ScalingPoint, StatusCount } from '../../lib/pure/plot-data';

export interface LegendEntry {
  label: string;
  color: string;
  /** Hollow marks (paper points) are drawn as rings. */
  hollow?: boolean;
}

export interface Figure {
  chart: SVGSVGElement | HTMLElement;
  legend: LegendEntry[];
}

const GROUP_COLORS = { general: '#2563eb', medical: '#c2410c', other: '#57534e' } as const;
const GROUP_LABELS = { general: 'General-purpose', medical: 'Medical', other: 'Other' } as const;
const groupScale = {
  domain: Object.keys(GROUP_COLORS),
  range: Object.values(GROUP_COLORS),
};
const groupLegend = (groups: readonly string[], sources: readonly string[]): LegendEntry[] => [
  ...(['general', 'medical', 'other'] as const)
    .filter((g) => groups.includes(g))
    .map((g) => ({ label: GROUP_LABELS[g], color: GROUP_COLORS[g] })),
  ...(sources.includes('measured') ? [{ label: 'measured (filled)', color: '#1c1917' }] : []),
  ...(sources.includes('paper') ? [{ label: 'paper (ring)', color: '#1c1917', hollow: true }] : []),
];
const percent = (v: number): string => `${Math.round(v * 100)}%`;

/**
 * One accessible image per chart: Plot labels every mark group ("dot", "frame") with aria-label on a plain <g>, which
 * ARIA does not permit (axe: aria-prohibited-attr); the numbers are in the tips and the page's tables instead.
 */
export function asImage(chart: Figure['chart'], label: string): Figure['chart'] {
  const svgs = chart instanceof SVGSVGElement ? [chart] : [...chart.querySelectorAll('svg')];
  for (const svg of svgs) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    for (const g of svg.querySelectorAll('[aria-label]')) g.removeAttribute('aria-label');
  }
  return chart;
}

export function scalingFigure(points: readonly ScalingPoint[], width: number): Figure {
  const measured = points.filter((p) => p.source === 'measured');
  const paper = points.filter((p) => p.source === 'paper');
  const chart = asImage(
    Plot.plot({
      width,
      height: 260,
      marginBottom: 40,
      x: { type: 'log', label: 'Parameters (B)', grid: true },
      y: { domain: [0, 1], label: 'Accuracy', tickFormat: percent, grid: true },
      fx: { label: null },
      color: groupScale,
      facet: { data: points, x: 'benchmark' },
      marks: [
        Plot.frame({ stroke: '#e7e5e4' }),
        Plot.dot(paper, { x: 'paramsB', y: 'accuracy', fx: 'benchmark', stroke: 'group', r: 4, strokeWidth: 1.5 }),
        Plot.dot(measured, { x: 'paramsB', y: 'accuracy', fx: 'benchmark', fill: 'group', r: 4 }),
        Plot.tip(
          points,
          Plot.pointer({
            x: 'paramsB',
            y: 'accuracy',
            fx: 'benchmark',
            title: (p: ScalingPoint) => `${p.label} (${p.source})\n${p.paramsB}B · ${percent(p.accuracy)}`,
          }),
        ),
      ],
    }),
    'Accuracy against parameter count, per benchmark',
  );
  return {
    chart,
    legend: groupLegend(
      points.map((p) => p.group),
      points.map((p) => p.source),
    ),
  };
}

export function reasoningFigure(points: readonly ReasoningPoint[], width: number): Figure {
  // Zoomed to the points (the paper's models sit within ±15 points of each other); the diagonal spans the view.
  const values = points.flatMap((p) => [p.understanding, p.reasoning]);
  const lo = Math.max(0, Math.floor((Math.min(...values) - 0.05) * 20) / 20);
  const hi = Math.min(1, Math.ceil((Math.max(...values) + 0.05) * 20) / 20);
  const axis = { domain: [lo, hi], tickFormat: percent, grid: true };
  const chart = asImage(
    Plot.plot({
      width,
      height: Math.min(480, width),
      x: { ...axis, label: 'Understanding accuracy (Table 3, mean)' },
      y: { ...axis, label: 'Reasoning accuracy (Table 2, mean)' },
      color: groupScale,
      marks: [
        Plot.line(
          [
            [lo, lo],
            [hi, hi],
          ],
          { stroke: '#a8a29e', strokeDasharray: '4 3' },
        ),
        Plot.dot(
          points.filter((p) => p.source === 'paper'),
          { x: 'understanding', y: 'reasoning', stroke: 'group', r: 5, strokeWidth: 1.5 },
        ),
        Plot.dot(
          points.filter((p) => p.source === 'measured'),
          { x: 'understanding', y: 'reasoning', fill: 'group', r: 5 },
        ),
        // Labels for measured points only (the paper's cluster would overprint); every point has a tip.
        Plot.text(
          points.filter((p) => p.source === 'measured'),
          { x: 'understanding', y: 'reasoning', text: 'label', dx: 8, textAnchor: 'start', fontSize: 10 },
        ),
        Plot.tip(
          points,
          Plot.pointer({
            x: 'understanding',
            y: 'reasoning',
            title: (p: ReasoningPoint) =>
              `${p.label}\nreasoning ${percent(p.reasoning)} · understanding ${percent(p.understanding)} (${p.benchmarks} benchmark(s))`,
          }),
        ),
      ],
    }),
    'Reasoning against understanding accuracy, per model',
  );
  return {
    chart,
    legend: groupLegend(
      points.map((p) => p.group),
      points.map((p) => p.source),
    ),
  };
}

export function barsFigure(bars: readonly AccuracyBar[], width: number): Figure {
  const models = [...new Set(bars.map((b) => b.label))];
  const palette = ['#c2410c', '#2563eb', '#15803d', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f'];
  const range = models.map((_, i) => palette[i % palette.length] ?? '#57534e');
  const chart = asImage(
    Plot.plot({
      width,
      height: 300,
      marginBottom: 40,
      x: { axis: null, domain: models },
      y: { domain: [0, 1], label: 'Accuracy (95% Wilson interval)', tickFormat: percent, grid: true },
      fx: { label: null },
      color: { domain: models, range },
      marks: [
        Plot.barY(bars, { fx: 'benchmark', x: 'label', y: 'accuracy', fill: 'label' }),
        Plot.ruleX(bars, { fx: 'benchmark', x: 'label', y1: 'low', y2: 'high', stroke: '#1c1917' }),
        Plot.tip(
          bars,
          Plot.pointerX({
            fx: 'benchmark',
            x: 'label',
            y: 'accuracy',
            title: (b: AccuracyBar) =>
              `${b.label} · ${b.benchmark}\n${percent(b.accuracy)} [${percent(b.low)}, ${percent(b.high)}] n=${b.n}`,
          }),
        ),
        Plot.ruleY([0]),
      ],
    }),
    'Accuracy per benchmark with 95% intervals',
  );
  return { chart, legend: models.map((label, i) => ({ label, color: range[i] ?? '#57534e' })) };
}

export function statusFigure(counts: readonly StatusCount[], width: number): Figure {
  const chart = asImage(
    Plot.plot({
      width,
      height: 40 + 28 * Math.max(1, counts.length),
      marginLeft: 110,
      x: { label: 'Items', grid: true },
      y: { label: null, domain: counts.map((c) => c.status) },
      marks: [
        Plot.barX(counts, {
          y: 'status',
          x: 'count',
          fill: (c: StatusCount) => (c.status === 'boxed' ? '#15803d' : '#c2410c'),
        }),
        Plot.text(counts, {
          y: 'status',
          x: 'count',
          text: (c: StatusCount) => `${c.count} (${(100 * c.share).toFixed(1)}%)`,
          dx: 4,
          textAnchor: 'start',
        }),
        Plot.ruleX([0]),
      ],
    }),
    'Extraction statuses of a run',
  );
  return { chart, legend: [] };
}
