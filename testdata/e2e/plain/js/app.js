import { kilos } from './lib/format.js';
import { harvest } from './lib/data.js';

const total = harvest.reduce((sum, h) => sum + h.grams, 0);
document.getElementById('harvest').textContent =
  harvest.length + ' crops, ' + kilos(total) + ' in all';

// The chart code is only fetched when it is needed.
async function showChart() {
  const { drawChart } = await import('./lazy/chart.js');
  const box = document.getElementById('chart');
  drawChart(box, harvest);
  box.hidden = false;
}

document.getElementById('more').addEventListener('click', showChart);

async function start() {
  if ('serviceWorker' in navigator) {
    try {
      await navigator.serviceWorker.register('/sw.js');
    } catch (err) {
      console.error('service worker registration failed', err);
    }
  }
  if (new URLSearchParams(location.search).has('chart')) {
    await showChart();
  }
  document.documentElement.dataset.ready = '1';
}

start();
