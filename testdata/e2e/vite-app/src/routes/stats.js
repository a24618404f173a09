// Loaded on demand: the stats route is its own chunk, with its own CSS.
import { el, wordCount } from '../dom.js';
import './stats.css';

export default function stats(notes) {
  const total = notes.reduce((s, n) => s + wordCount(n.text), 0);
  return el('section', { class: 'stats' },
    el('h1', null, 'Statistics'),
    el('table', null,
      el('tbody', null,
        el('tr', null, el('th', null, 'Notes'), el('td', { id: 'count' }, String(notes.length))),
        el('tr', null, el('th', null, 'Words'), el('td', { id: 'words' }, String(total))))),
    el('p', { id: 'lazy-loaded' }, 'Stats chunk loaded.'));
}
