import { el } from '../dom.js';

export function home(notes) {
  return el('section', null,
    el('h1', null, 'Field notes'),
    el('p', null, 'Short observations from the garden, kept in the browser.'),
    notes.map((n) => el('div', { class: 'card' },
      el('strong', null, n.title), ' — ', n.text)));
}
