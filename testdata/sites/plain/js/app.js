// Entry module: imports a cycle (a ↔ b), loads a chunk on demand.
import { greet } from './a.js';

const logo = new URL('../img/logo.png', import.meta.url);

document.getElementById('out').textContent = greet('site') + ' ' + logo.pathname.split('/').pop().split('.')[0];

document.addEventListener('click', async () => {
  const { lazy } = await import('./lazy.js');
  lazy();
});
//# sourceMappingURL=app.js.map
