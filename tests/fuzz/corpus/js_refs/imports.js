import a from './a.js';
export * from '../b.mjs';
import('./c.js');
new URL('./w.js', import.meta.url);
x = 'img/a.png';
//# sourceMappingURL=x.js.map
