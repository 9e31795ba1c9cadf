import { describe, expect, it } from 'vitest';
import { niceMax, renderChart } from '../../bench/chart.js';

const panel = {
  title: 'Latency',
  xLabel: 'chunks',
  yLabel: 'ms',
  series: [{ name: 'p95', points: [{ x: 100_000, y: 12 }, { x: 1_000, y: 2 }, { x: 10_000, y: 5 }] }],
  target: { y: 20, label: 'target 20 ms' },
};

/** The polyline's points as numbers, in drawing order. */
const polyline = (svg: string) =>
  /<polyline[^>]* points="([^"]+)"/.exec(svg)![1]!.split(' ').map((p) => p.split(',').map(Number) as [number, number]);

describe('renderChart', () => {
  it('draws each series left to right by size, higher values higher up', () => {
    const svg = renderChart([panel]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const pts = polyline(svg);
    expect(pts).toHaveLength(3);
    expect(pts[0]![0]).toBeLessThan(pts[1]![0]);
    expect(pts[1]![0]).toBeLessThan(pts[2]![0]);
    // SVG y grows downwards: 12 ms sits above 2 ms.
    expect(pts[2]![1]).toBeLessThan(pts[0]![1]);
  });

  it('puts panels side by side and shows the target and the legend', () => {
    const svg = renderChart([panel, { ...panel, title: 'RSS' }]);
    expect(svg).toContain('width="920"');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('target 20 ms');
    expect(svg.match(/<g transform/g)).toHaveLength(2);
  });

  it('escapes text', () => {
    expect(renderChart([{ ...panel, title: 'a < b & c' }])).toContain('a &lt; b &amp; c');
  });
});

describe('niceMax', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0.7, 12, 20, 3100, 0].map(niceMax)).toEqual([1, 20, 20, 5000, 1]);
  });
});
