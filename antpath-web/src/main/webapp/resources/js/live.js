// Live updates without a full reload: while the page's [data-live] region says "active", fetch the
// same address every 1.5 s and swap in the fresh region (status badges, timeline, events, outputs).
// Forms outside the region get the fresh view state so their post-backs stay valid. External file:
// the Content-Security-Policy forbids inline script.
(function () {
  'use strict';
  var EVERY_MS = 1500;
  function schedule() { window.setTimeout(tick, EVERY_MS); }
  function tick() {
    var region = document.querySelector('[data-live]');
    if (!region || region.getAttribute('data-live') !== 'active') { return; }
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok || response.redirected) { throw new Error('status ' + response.status); }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.querySelector('[data-live]');
        if (!fresh) { return; }
        var open = Array.prototype.map.call(region.querySelectorAll('details[open]'), function (d) { return d.id; });
        region.replaceWith(document.importNode(fresh, true));
        open.forEach(function (id) { var d = id && document.getElementById(id); if (d) { d.open = true; } });
        var state = doc.querySelector('input[name="jakarta.faces.ViewState"]');
        if (state) {
          document.querySelectorAll('input[name="jakarta.faces.ViewState"]').forEach(function (i) { i.value = state.value; });
        }
        schedule();
      })
      .catch(schedule);
  }
  document.addEventListener('DOMContentLoaded', function () {
    // Copy buttons: <button data-copy="elementId"> copies that element's text (the token shown once).
    document.querySelectorAll('button[data-copy]').forEach(function (b) {
      b.addEventListener('click', function () {
        var source = document.getElementById(b.getAttribute('data-copy'));
        if (source && navigator.clipboard) {
          navigator.clipboard.writeText(source.textContent.trim()).then(function () { b.textContent = 'Copied'; });
        }
      });
    });
    var region = document.querySelector('[data-live]');
    if (region && region.getAttribute('data-live') === 'active') { schedule(); }
  });
})();
