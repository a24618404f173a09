// Service worker: keeps the stylesheet and the logo for offline visits.
const CACHE = 'plot14-v1';
const PRECACHE = [
  '/css/site.css',
  '/img/logo.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') {
    return;
  }
  // network first; the cache only answers when the network fails
  event.respondWith(
    fetch(event.request).catch(() => caches.match(event.request)));
});
