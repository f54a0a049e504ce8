// Live updates without a full reload. A page's [data-live] region says "active" while what it shows
// can still change; the fresh region is fetched from the same address and swapped in (status badges,
// timeline, events, outputs), and forms outside the region get the fresh view state so their
// post-backs stay valid.
// - With data-stream (the run page), the region is refetched when the run's event stream says
//   something happened (run.status, run.event) and the stream is closed when it sends "end": no
//   request while nothing changes. EventSource reconnects by itself, resuming with Last-Event-ID.
// - Without it (the runs list), or when the stream cannot be opened, the region is refetched every
//   1.5 s while active.
// External file: the Content-Security-Policy forbids inline script.
(function () {
  'use strict';
  var EVERY_MS = 1500;
  var DEBOUNCE_MS = 150;
  var source = null;
  var pending = null;
  var inFlight = false;
  var again = false;

  function region() { return document.querySelector('[data-live]'); }
  function active() { var r = region(); return r && r.getAttribute('data-live') === 'active'; }

  // Fetches the page and swaps in its live region; then(done) runs after the swap (or a failure).
  function refresh(done) {
    var current = region();
    if (!current) { return; }
    if (inFlight) { again = true; return; }
    inFlight = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok || response.redirected) { throw new Error('status ' + response.status); }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.querySelector('[data-live]');
        var now = region();
        if (!fresh || !now) { return; }
        var open = Array.prototype.map.call(now.querySelectorAll('details[open]'), function (d) { return d.id; });
        now.replaceWith(document.importNode(fresh, true));
        open.forEach(function (id) { var d = id && document.getElementById(id); if (d) { d.open = true; } });
        var state = doc.querySelector('input[name="jakarta.faces.ViewState"]');
        if (state) {
          document.querySelectorAll('input[name="jakarta.faces.ViewState"]').forEach(function (i) { i.value = state.value; });
        }
      })
      .catch(function () { /* the next signal or tick tries again */ })
      .then(function () {
        inFlight = false;
        if (again) { again = false; refresh(done); return; }
        if (done) { done(); }
      });
  }

  function soon() {
    if (pending) { return; }
    pending = window.setTimeout(function () { pending = null; refresh(); }, DEBOUNCE_MS);
  }

  function poll() {
    window.setTimeout(function () {
      if (!active()) { return; }
      refresh(poll);
    }, EVERY_MS);
  }

  function stream(url) {
    if (!window.EventSource) { poll(); return; }
    source = new EventSource(url);
    document.documentElement.setAttribute('data-live-via', 'stream');
    source.addEventListener('run.status', soon);
    source.addEventListener('run.event', soon);
    source.addEventListener('end', function () {
      source.close();
      // "ended" once the last refresh is on the page: nothing on it changes any more.
      refresh(function () { document.documentElement.setAttribute('data-live-via', 'ended'); });
    });
    source.onerror = function () {
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (e.g. 404): poll instead.
      if (source.readyState === EventSource.CLOSED) {
        document.documentElement.setAttribute('data-live-via', 'polling');
        poll();
      }
    };
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
    var r = region();
    if (!r || !active()) { return; }
    var url = r.getAttribute('data-stream');
    if (url) { stream(url); } else { poll(); }
  });
})();
