import { el, wordCount } from './dom.js';
import { home } from './routes/home.js';
import { notes } from './notes.js';
import logoUrl from './logo.png';
import './style.css';

// Two routes on the location hash; the second one is a lazy chunk.
function route() {
  return location.hash === '#/stats' ? 'stats' : 'home';
}

let stats = null;

async function show() {
  const current = route();
  let body;
  if (current === 'home') {
    body = home(notes);
  } else {
    if (!stats) stats = (await import('./routes/stats.js')).default;
    body = stats(notes);
  }
  const nav = el('nav', null,
    el('a', { href: '#/', 'aria-current': current === 'home' ? 'page' : null }, 'Notes'),
    el('a', { href: '#/stats', 'aria-current': current === 'stats' ? 'page' : null }, 'Stats'));
  const app = document.getElementById('app');
  app.replaceChildren(
    el('header', null, el('img', { src: logoUrl, alt: '' }), nav),
    el('main', null, body),
    el('footer', null, `${notes.length} notes, ${notes.reduce((s, n) => s + wordCount(n.text), 0)} words`));
  document.documentElement.dataset.ready = '1';
}

addEventListener('hashchange', show);
show();
