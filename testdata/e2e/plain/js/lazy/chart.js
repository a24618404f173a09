import { kilos } from '../lib/format.js';

// A text bar chart, one line per crop.
export function drawChart(box, rows) {
  const max = Math.max(...rows.map((r) => r.grams));
  box.textContent = '';
  for (const row of rows) {
    const line = document.createElement('div');
    line.className = 'bar';
    const width = Math.round((row.grams / max) * 20);
    line.textContent = row.crop.padEnd(12, '.') + ' ' + '#'.repeat(width) + ' ' + kilos(row.grams);
    box.appendChild(line);
  }
  box.dataset.lazy = 'loaded';
}
