window.addEventListener('error', function (event) {
  var root = document.documentElement;
  var message = (event && event.message ? event.message : 'script error') + ' (line ' + (event && event.lineno || 0) + ')';
  root.setAttribute('data-script-errors', (root.getAttribute('data-script-errors') || '') + message + '\n');
});
