// Saves a figure as a standalone .svg (the chart plus its legend drawn in SVG) or as a .png rendered from that SVG.
import type { Figure, LegendEntry } from './specs';

const NS = 'http://www.w3.org/2000/svg';
const LEGEND_ROW = 22;

function chartSvg(chart: Figure['chart']): SVGSVGElement | null {
  if (chart instanceof SVGSVGElement) return chart;
  // A figure with an HTML legend or tip wrapper: the chart is its (last) top-level svg.
  const all = chart.querySelectorAll<SVGSVGElement>(':scope > svg');
  return all.item(all.length - 1);
}

/** A self-contained SVG text: the chart below a one-row legend, white background, explicit size. */
export function standaloneSvg(fig: Figure, title: string): { text: string; width: number; height: number } {
  const chart = chartSvg(fig.chart);
  if (chart === null) throw new Error('this figure has no SVG to export');
  const width = Number(chart.getAttribute('width') ?? chart.clientWidth);
  const chartHeight = Number(chart.getAttribute('height') ?? chart.clientHeight);
  const legendHeight = fig.legend.length > 0 ? LEGEND_ROW * 2 : LEGEND_ROW;
  const height = chartHeight + legendHeight;
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('xmlns', NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', 'system-ui, sans-serif');
  const bg = document.createElementNS(NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  root.append(bg);
  const heading = document.createElementNS(NS, 'text');
  heading.setAttribute('x', '8');
  heading.setAttribute('y', '15');
  heading.setAttribute('font-size', '13');
  heading.setAttribute('font-weight', '600');
  heading.textContent = title;
  root.append(heading);
  appendLegend(root, fig.legend, LEGEND_ROW);
  const copy = chart.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('y', String(legendHeight));
  root.append(copy);
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

function appendLegend(root: SVGSVGElement, entries: readonly LegendEntry[], top: number): void {
  let x = 8;
  for (const e of entries) {
    const dot = document.createElementNS(NS, 'circle');
    dot.setAttribute('cx', String(x + 5));
    dot.setAttribute('cy', String(top + 10));
    dot.setAttribute('r', '5');
    dot.setAttribute('fill', e.hollow === true ? 'none' : e.color);
    dot.setAttribute('stroke', e.color);
    dot.setAttribute('stroke-width', '1.5');
    const label = document.createElementNS(NS, 'text');
    label.setAttribute('x', String(x + 14));
    label.setAttribute('y', String(top + 14));
    label.setAttribute('font-size', '11');
    label.textContent = e.label;
    root.append(dot, label);
    x += 24 + 6.5 * e.label.length;
  }
}

export function svgBlob(fig: Figure, title: string): Blob {
  return new Blob([standaloneSvg(fig, title).text], { type: 'image/svg+xml' });
}

/** The SVG drawn on a canvas at 2× (crisp on screens and slides). */
export async function pngBlob(fig: Figure, title: string, scale = 2): Promise<Blob> {
  const { text, width, height } = standaloneSvg(fig, title);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('this browser gives no 2D canvas: export the SVG instead');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b === null ? reject(new Error('PNG encoding failed: export the SVG instead')) : resolve(b)),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
