// Records script errors, console errors and Content-Security-Policy violations (any blocked load) in #jd-health,
// so a headless browser's DOM dump shows whether the page loaded cleanly.
(function () {
  var seen = [];
  function show() {
    var el = document.getElementById('jd-health');
    if (el) { el.textContent = seen.join('\n'); el.setAttribute('data-count', String(seen.length)); }
  }
  function record(m) { seen.push(m); show(); }
  window.addEventListener('error', function (e) { record('error: ' + (e.message || e.type) + (e.filename ? ' at ' + e.filename + ':' + e.lineno : '')); }, true);
  window.addEventListener('unhandledrejection', function (e) { record('unhandled rejection: ' + e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) { record('blocked by policy: ' + e.violatedDirective + ' ' + e.blockedURI); });
  var original = console.error;
  console.error = function () { record('console.error: ' + Array.prototype.join.call(arguments, ' ')); return original.apply(console, arguments); };
  window.addEventListener('load', function () {
    show();
    document.documentElement.setAttribute('data-loaded-ms', String(Math.round(performance.now())));
  });
})();
