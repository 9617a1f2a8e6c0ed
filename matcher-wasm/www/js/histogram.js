// The score histogram: ten bins over 0–100, as an inline SVG.

import { svg } from './dom.js';

const BINS = 10;
const [WIDTH, HEIGHT] = [360, 180];
const PAD = { top: 16, right: 14, bottom: 28, left: 14 };

/** Counts scores (0–100) in ten bins; 100 falls in the last. */
export function bin(scores) {
  const counts = new Array(BINS).fill(0);
  for (const score of scores) counts[Math.min(BINS - 1, Math.floor(score / (100 / BINS)))] += 1;
  return counts;
}

/** Draws the histogram of `scores` into `container`. */
export function renderHistogram(container, scores) {
  const counts = bin(scores);
  const max = Math.max(1, ...counts);
  const slot = (WIDTH - PAD.left - PAD.right) / BINS;
  const plot = HEIGHT - PAD.top - PAD.bottom;
  const described = counts.map((n, i) => `${i * 10}–${i * 10 + 10}: ${n}`).join(', ');
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
    'aria-label': `Histogram of ${scores.length} match scores. ${described}`,
  });
  counts.forEach((count, i) => {
    const height = (count / max) * plot;
    const x = PAD.left + i * slot;
    const y = PAD.top + plot - height;
    const bar = svg('rect', { x: x + 2, y, width: slot - 4, height, rx: 2, class: 'bar' });
    bar.append(svg('title', {}, `${i * 10}–${i * 10 + 10}: ${count} pairs`));
    chart.append(bar);
    if (count > 0) chart.append(svg('text', { x: x + slot / 2, y: y - 4, class: 'count' }, count));
  });
  chart.append(svg('line', {
    x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + plot, y2: PAD.top + plot, class: 'axis',
  }));
  for (let tick = 0; tick <= BINS; tick += 2) {
    chart.append(svg('text', {
      x: PAD.left + tick * slot, y: HEIGHT - 10, class: 'tick',
    }, tick * 10));
  }
  container.replaceChildren(chart);
}
