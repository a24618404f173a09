/* A classic script. */
(function () {
  var el = document.documentElement;
  el.className += ' js';
})();
