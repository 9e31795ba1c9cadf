/**
 * A minimal SVG line chart writer (no dependencies, no external services): panels side by side,
 * each with a log-scale x axis (corpus sizes span three decades), a linear y axis from 0,
 * one polyline per series and an optional dashed target line.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Series {
  name: string;
  points: Point[];
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** A dashed horizontal line, e.g. a target. */
  target?: { y: number; label: string };
}

const WIDTH = 460;
const HEIGHT = 320;
const MARGIN = { top: 40, right: 20, bottom: 70, left: 64 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const Y_TICKS = 5;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const round = (n: number) => Math.round(n * 10) / 10;

/** 1000 → "1k", 1500000 → "1.5m". */
export function compactNumber(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)}m`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(2)}`;
}

/** A "nice" upper bound for the y axis: 1, 2 or 5 times a power of ten, at least max. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((f) => f * power).find((v) => v >= max)!;
}

function renderPanel(panel: Panel, offsetX: number): string {
  const points = panel.series.flatMap((s) => s.points);
  const xs = points.map((p) => p.x).filter((x) => x > 0);
  const minLog = Math.floor(Math.log10(Math.min(...xs, 1e3)));
  const maxLog = Math.max(minLog + 1, Math.ceil(Math.log10(Math.max(...xs, 1e3))));
  // Headroom above the highest point or target, so neither sits on the frame.
  const yMax = niceMax(1.15 * Math.max(...points.map((p) => p.y), panel.target?.y ?? 0));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => round(MARGIN.left + ((Math.log10(x) - minLog) / (maxLog - minLog)) * plotW);
  const sy = (y: number) => round(MARGIN.top + plotH - (y / yMax) * plotH);

  const parts: string[] = [];
  parts.push(`<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`);
  for (let e = minLog; e <= maxLog; e++) {
    const x = sx(10 ** e);
    parts.push(`<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${MARGIN.top + plotH}" stroke="#ddd"/>`);
    parts.push(`<text x="${x}" y="${MARGIN.top + plotH + 16}" text-anchor="middle" font-size="11">${compactNumber(10 ** e)}</text>`);
  }
  for (let i = 0; i <= Y_TICKS; i++) {
    const value = (yMax * i) / Y_TICKS;
    const y = sy(value);
    parts.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + plotW}" y2="${y}" stroke="#eee"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${compactNumber(value)}</text>`);
  }
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH + 34}" text-anchor="middle" font-size="12">${escapeXml(panel.xLabel)}</text>`);
  parts.push(
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(panel.yLabel)}</text>`,
  );
  if (panel.target) {
    const y = sy(panel.target.y);
    parts.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + plotW}" y2="${y}" stroke="#888" stroke-dasharray="6 4"/>`);
    // Left-aligned: the curves rise to the right, so the label stays clear of them.
    parts.push(`<text x="${MARGIN.left + 4}" y="${y - 4}" font-size="11" fill="#555">${escapeXml(panel.target.label)}</text>`);
  }
  panel.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const sorted = [...s.points].filter((p) => p.x > 0).sort((a, b) => a.x - b.x);
    if (sorted.length > 1) {
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${sorted.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')}"/>`);
    }
    for (const p of sorted) parts.push(`<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="3.5" fill="${color}"><title>${escapeXml(`${s.name}: ${compactNumber(p.x)} → ${+p.y.toFixed(2)}`)}</title></circle>`);
    const legendY = MARGIN.top + plotH + 52;
    const legendX = MARGIN.left + i * 150;
    parts.push(`<line x1="${legendX}" y1="${legendY - 4}" x2="${legendX + 18}" y2="${legendY - 4}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${legendX + 22}" y="${legendY}" font-size="11">${escapeXml(s.name)}</text>`);
  });
  return `<g transform="translate(${offsetX} 0)">${parts.join('')}</g>`;
}

/** A complete SVG document with the panels in one row. */
export function renderChart(panels: readonly Panel[]): string {
  const width = WIDTH * panels.length;
  const body = panels.map((p, i) => renderPanel(p, i * WIDTH)).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" font-family="sans-serif">`,
    `<rect width="${width}" height="${HEIGHT}" fill="#fff"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}
