// Classic script: counts the pages seen in this tab.
(function () {
  var key = 'plot14-visits';
  var n = Number(sessionStorage.getItem(key) || 0) + 1;
  sessionStorage.setItem(key, String(n));
  document.getElementById('visited').textContent =
    'Visited pages: ' + n + (n === 1 ? ' page' : ' pages') + ' in this tab.';
  document.documentElement.dataset.ready = '1';
})();
