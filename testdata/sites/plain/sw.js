// Service worker: precaches the shell.
const SHELL = ['/', '/css/site.css', '/js/app.js', '/img/logo.png'];
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open('shell-v1').then((c) => c.addAll(SHELL)));
});
