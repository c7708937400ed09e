/**
 * The queue's own stylesheet and two small scripts, served from /queue-assets/ (the CSP forbids
 * inline styles and scripts). The scripts are plain ES5 so an old smart-TV browser runs them.
 */

export const QUEUE_CSS = `
/* ---- Kiosk (touch screen) ---- */
body.kiosk { margin: 0; background: #f3f6fb; color: #1b1b1b; font-family: "Noto Sans", "Liberation Sans", Arial, sans-serif; font-size: 22px; line-height: 1.35; }
.kiosk-head { background: #0b5394; color: #fff; padding: .6em 1em; display: flex; justify-content: space-between; align-items: center; gap: 1em; }
.kiosk-head h1 { margin: 0; font-size: 1.6em; }
.kiosk-head a { color: #fff; }
.kiosk-main { padding: 1em; max-width: 1400px; margin: 0 auto; }
.kiosk-intro { font-size: 1.2em; margin: .3em 0 .8em; }
.kiosk-groups { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: .8em; }
.kiosk-groups form { margin: 0; }
.kiosk-btn { width: 100%; min-height: 170px; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: .2em; border: 0; border-radius: 14px; background: #0b5394; color: #fff; font: inherit; cursor: pointer; padding: .6em; box-shadow: 0 4px 0 #073763; }
.kiosk-btn:active { transform: translateY(3px); box-shadow: 0 1px 0 #073763; }
.kiosk-btn .letter { font-size: 2.4em; font-weight: 800; line-height: 1; }
.kiosk-btn .gname { font-size: 1.35em; font-weight: 700; text-align: center; }
.kiosk-btn .gwait { font-size: .85em; opacity: .9; }
.kiosk.priority .kiosk-btn { background: #8a4b00; box-shadow: 0 4px 0 #5c3200; }
.kiosk-priority { margin-top: 1.2em; }
.kiosk-priority h2 { font-size: 1.15em; margin: 0 0 .4em; }
.kiosk-priority ul { list-style: none; display: flex; flex-wrap: wrap; gap: .6em; padding: 0; margin: 0; }
.kiosk-priority a { display: inline-flex; align-items: center; box-sizing: border-box; padding: .7em 1.1em; border: 3px solid #8a4b00; border-radius: 12px; color: #8a4b00; font-weight: 700; text-decoration: none; background: #fff; min-height: 64px; }
.kiosk-priority a[aria-current="true"] { background: #8a4b00; color: #fff; }
.kiosk-notice { background: #fff4e5; border-left: 8px solid #8a4b00; padding: .6em 1em; font-weight: 700; margin: 0 0 .8em; }
.kiosk-foot { text-align: center; color: #505a5f; margin-top: 1.5em; }
/* The kiosk fills its screen, portrait (1080×1920) or landscape: the buttons share the height left. */
body.kiosk { min-height: 100vh; display: flex; flex-direction: column; font-size: clamp(17px, 2.3vmin, 44px); }
body.kiosk .kiosk-main { flex: 1 0 auto; display: flex; flex-direction: column; width: 100%; max-width: none; box-sizing: border-box; }
.kiosk-groups { flex: 1 0 auto; grid-auto-rows: minmax(7.5em, 1fr); }
.kiosk-groups form { display: flex; }
.kiosk-groups .kiosk-btn { flex: 1; min-height: 0; }
.kiosk-closed { font-size: 1.4em; text-align: center; padding: 1.2em; }
@media (orientation: portrait) and (min-height: 900px) {
  .kiosk-groups { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .kiosk-btn .letter { font-size: 3.2em; }
}

/* ---- Printed ticket (58/80 mm receipt printer) ---- */
.ticket { width: 76mm; max-width: 100%; margin: 1em auto; background: #fff; color: #000; border: 1px dashed #888; padding: 3mm; text-align: center; font-family: "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.25; }
.ticket p { margin: 1.2mm 0; }
.ticket .t-center { font-weight: 700; font-size: 10pt; text-transform: uppercase; }
.ticket .t-head { font-weight: 700; letter-spacing: .1em; margin-top: 2mm; }
.ticket .t-code { font-size: 40pt; font-weight: 800; line-height: 1.05; margin: 1mm 0; }
.ticket .t-group { font-size: 13pt; font-weight: 700; }
.ticket .t-prio { font-weight: 700; border: 2px solid #000; display: inline-block; padding: .5mm 2mm; }
.ticket img { width: 30mm; height: 30mm; image-rendering: pixelated; }
.ticket .t-url { font-size: 7.5pt; word-break: break-all; }
.ticket .t-note { font-size: 8.5pt; }
.ticket-actions { display: flex; flex-wrap: wrap; gap: 1em; justify-content: center; align-items: center; margin: 1em; }
@media (max-width: 480px) {
  body.kiosk { font-size: 17px; }
  .kiosk-head h1 { font-size: 1.3em; }
  .kiosk-btn { min-height: 110px; }
}
.ticket-actions a, .ticket-actions button { font: inherit; font-size: 1.1em; padding: .7em 1.4em; border-radius: 10px; border: 0; background: #0b5394; color: #fff; text-decoration: none; cursor: pointer; }
@media print {
  @page { size: 80mm auto; margin: 2mm; }
  body.kiosk { background: #fff; font-size: 11pt; }
  .kiosk-head, .ticket-actions, .kiosk-foot { display: none !important; }
  .kiosk-main { padding: 0; }
  .ticket { border: 0; margin: 0; width: 100%; padding: 0; }
}

/* ---- Display board (1080p TV) ---- */
body.qboard { margin: 0; height: 100vh; overflow: hidden; background: #041b3a; color: #fff; font-family: "Noto Sans", "Liberation Sans", Arial, sans-serif; display: flex; flex-direction: column; font-size: min(1.6vw, 2.9vh); }
.qb-head { display: flex; justify-content: space-between; align-items: center; padding: .4em 1em; background: #0b5394; font-size: 1.1em; }
.qb-head h1 { margin: 0; font-size: 1.2em; }
.qb-clock { font-variant-numeric: tabular-nums; font-weight: 700; }
.qb-body { flex: 1 1 auto; display: grid; grid-template-columns: 62% 38%; min-height: 0; }
.qb-left { display: flex; flex-direction: column; padding: 1em; min-height: 0; }
.qb-latest { background: #ffdd00; color: #041b3a; border-radius: .5em; padding: .4em 1em; text-align: center; }
.qb-latest .qb-label { font-size: 1.6em; font-weight: 700; }
.qb-latest .qb-code { font-size: 8.5em; font-weight: 900; line-height: 1; font-variant-numeric: tabular-nums; }
.qb-latest .qb-counter { font-size: 3em; font-weight: 800; }
.qb-latest.qb-flash { animation: qbflash 1s ease-in-out 3; }
@keyframes qbflash { 50% { background: #fff; } }
.qb-recent h2, .qb-right h2 { font-size: 1.4em; margin: .6em 0 .3em; color: #ffdd00; }
.qb-recent ol:empty::before { content: attr(data-empty); grid-column: 1 / -1; color: #9fb3d1; font-size: 1.3em; }
.qb-recent ol { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr; gap: .3em .8em; }
.qb-recent li { display: flex; justify-content: space-between; background: #0b2a55; padding: .25em .6em; border-radius: .3em; font-size: 1.7em; font-weight: 700; font-variant-numeric: tabular-nums; }
.qb-right { background: #06244d; padding: 1em; min-height: 0; }
.qb-right ul { list-style: none; margin: 0; padding: 0; }
.qb-right li { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #2a4a7a; padding: .35em 0; font-size: 1.35em; }
.qb-right .qb-letter { display: inline-block; min-width: 1.6em; font-weight: 900; color: #ffdd00; }
.qb-right .qb-n { font-size: 1.5em; font-weight: 900; font-variant-numeric: tabular-nums; }
.qb-right .qb-next { display: block; font-size: .7em; color: #cfd8e6; }
.qb-total { margin-top: .6em; font-size: 1.2em; }
.qb-badge { position: fixed; right: 1em; bottom: 1em; background: #b3261e; color: #fff; padding: .4em .9em; border-radius: 2em; font-weight: 700; font-size: 1em; }
.qb-badge[hidden] { display: none; }
.qb-sound { position: fixed; left: 1em; bottom: 1em; font: inherit; font-size: .9em; padding: .3em .8em; border-radius: 2em; border: 2px solid #fff; background: transparent; color: #fff; cursor: pointer; }
.qb-sound[hidden] { display: none; }

/* ---- Phone page ---- */
.qphone { text-align: center; }
.qphone .q-code { font-size: 4rem; font-weight: 900; line-height: 1.1; margin: .2em 0; }
.qphone .q-big { font-size: 1.4rem; font-weight: 700; }

/* ---- Console counter screen ---- */
.q-current { font-size: 3.2rem; font-weight: 900; line-height: 1.1; }
.q-actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: flex-start; margin: .6rem 0; }
.q-actions form { margin: 0; }
.q-actions button { font-size: 1.05rem; }
.q-call button { font-size: 1.4rem; padding: .7rem 1.4rem; }
.q-current .q-prio { font-size: .35em; vertical-align: middle; }
.q-prio { display: inline-block; background: #8a4b00; color: #fff; padding: 0 .4em; border-radius: .3em; font-size: .8em; font-weight: 700; vertical-align: middle; }
.q-inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; }
.q-inline label { margin: 0; }
.q-inline input, .q-inline select { width: auto; }
.q-figs td, .q-figs th { text-align: right; }
.q-figs td:first-child, .q-figs th:first-child { text-align: left; }
.q-sameday { background: #fff4e5; }
`;

/** The display board: live updates over server-sent events, a polling fallback, a chime, and self-recovery. */
export const BOARD_JS = `(function () {
  'use strict';
  var root = document.getElementById('qboard');
  if (!root) return;
  var slug = root.getAttribute('data-slug');
  var lang = root.getAttribute('data-lang') || 'vi';
  var base = '/api/v1/centers/' + encodeURIComponent(slug) + '/queue/board';
  var lastCall = Number(root.getAttribute('data-last-call')) || 0;
  var badge = document.getElementById('qb-reconnecting');
  var soundBtn = document.getElementById('qb-sound');
  var es = null;
  var lastMessage = Date.now();
  var audio = null;

  function text(id, s) { var el = document.getElementById(id); if (el) el.textContent = s; }
  function setConnected(ok) {
    root.setAttribute('data-connected', ok ? '1' : '0');
    if (badge) badge.hidden = !!ok;
  }
  function el(tag, cls, s) { var e = document.createElement(tag); if (cls) e.className = cls; if (s !== undefined) e.textContent = s; return e; }
  function counterText(c) { return c.counterName || ((lang === 'vi' ? 'Quầy ' : 'Counter ') + (c.counterNumber || '')); }

  function chime() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      if (!audio) audio = new Ctx();
      if (audio.state === 'suspended') { audio.resume(); if (soundBtn) soundBtn.hidden = false; }
      var t = audio.currentTime + 0.05;
      [[659.25, 0], [523.25, 0.32]].forEach(function (n) {
        var o = audio.createOscillator(); var g = audio.createGain();
        o.type = 'sine'; o.frequency.value = n[0];
        g.gain.setValueAtTime(0.0001, t + n[1]);
        g.gain.exponentialRampToValueAtTime(0.5, t + n[1] + 0.03);
        g.gain.exponentialRampToValueAtTime(0.0001, t + n[1] + 0.6);
        o.connect(g); g.connect(audio.destination); o.start(t + n[1]); o.stop(t + n[1] + 0.65);
      });
    } catch (e) { /* no sound on this screen */ }
  }
  if (soundBtn) soundBtn.addEventListener('click', function () { chime(); soundBtn.hidden = true; });

  function render(s) {
    root.setAttribute('data-last-event', String(s.lastEventId));
    var latest = document.getElementById('qb-latest');
    if (s.latest) {
      text('qb-latest-code', s.latest.code);
      text('qb-latest-counter', counterText(s.latest));
      latest.hidden = false;
      document.getElementById('qb-none').hidden = true;
      if (s.latest.eventId > lastCall) {
        lastCall = s.latest.eventId;
        root.setAttribute('data-last-call', String(lastCall));
        latest.className = 'qb-latest';
        void latest.offsetWidth;
        latest.className = 'qb-latest qb-flash';
        chime();
      }
    } else {
      latest.hidden = true;
      document.getElementById('qb-none').hidden = false;
    }
    var list = document.getElementById('qb-recent');
    while (list.firstChild) list.removeChild(list.firstChild);
    s.calls.slice(1).forEach(function (c) {
      var li = el('li'); li.appendChild(el('span', '', c.code)); li.appendChild(el('span', '', counterText(c))); list.appendChild(li);
    });
    var w = document.getElementById('qb-waiting');
    while (w.firstChild) w.removeChild(w.firstChild);
    s.waiting.forEach(function (g) {
      var li = el('li'); li.setAttribute('data-letter', g.letter);
      var left = el('span'); left.appendChild(el('span', 'qb-letter', g.letter)); left.appendChild(document.createTextNode(lang === 'vi' ? g.name : g.nameEn));
      if (g.next) left.appendChild(el('span', 'qb-next', (lang === 'vi' ? 'số tiếp theo ' : 'next ') + g.next));
      li.appendChild(left); li.appendChild(el('span', 'qb-n', String(g.waiting))); w.appendChild(li);
    });
    text('qb-total', (lang === 'vi' ? 'Tổng số người đang chờ: ' : 'People waiting: ') + s.totalWaiting);
  }

  function refresh() {
    var x = new XMLHttpRequest();
    x.open('GET', base + '?t=' + Date.now());
    x.setRequestHeader('accept', 'application/json');
    x.timeout = 8000;
    x.onload = function () {
      if (x.status === 200) { try { render(JSON.parse(x.responseText)); if (!es || es.readyState === 2) setConnected(true); } catch (e) { /* keep the last state */ } }
      else setConnected(false);
    };
    x.onerror = x.ontimeout = function () { setConnected(false); };
    x.send();
  }

  // Polling while the live stream is refused (503 when the server has too many boards open) or down.
  var poll = null;
  var retry = null;
  function startPolling() { if (!poll) { refresh(); poll = setInterval(refresh, 5000); } }
  function stopPolling() { if (poll) { clearInterval(poll); poll = null; } }

  function connect() {
    if (!window.EventSource) { setInterval(refresh, 3000); return; }
    if (es) { try { es.close(); } catch (e) { /* already closed */ } }
    es = new EventSource(base + '/events');
    es.onopen = function () { lastMessage = Date.now(); setConnected(true); stopPolling(); };
    es.addEventListener('state', function (e) { lastMessage = Date.now(); setConnected(true); try { render(JSON.parse(e.data)); } catch (err) { /* ignore a broken message */ } });
    es.addEventListener('ping', function () { lastMessage = Date.now(); });
    es.onerror = function () {
      setConnected(false);
      // CONNECTING: the browser retries by itself; CLOSED (e.g. 503: too many boards open) → poll
      // the JSON state and try the stream again in 30 s.
      if (es.readyState === 2) { startPolling(); if (!retry) retry = setTimeout(function () { retry = null; connect(); }, 30000); }
    };
  }

  // Watchdog: no message (not even a ping) for 40 s → reconnect; and a full refresh every minute.
  setInterval(function () { if (!poll && Date.now() - lastMessage > 40000) { setConnected(false); lastMessage = Date.now(); connect(); refresh(); } }, 5000);
  setInterval(refresh, 60000);
  setInterval(function () {
    var d = new Date(Date.now() + 7 * 3600000);
    function p(n) { return n < 10 ? '0' + n : String(n); }
    text('qb-clock', p(d.getUTCHours()) + ':' + p(d.getUTCMinutes()) + ' ' + p(d.getUTCDate()) + '/' + p(d.getUTCMonth() + 1) + '/' + d.getUTCFullYear());
  }, 1000);
  connect();
})();
`;

/** The printed ticket: print once when the kiosk asked for it (?in=1), and a Print button. */
export const TICKET_JS = `(function () {
  'use strict';
  var b = document.getElementById('ticket-print');
  if (b) { b.hidden = false; b.addEventListener('click', function () { window.print(); }); }
  if (/[?&]in=1(&|$)/.test(location.search)) setTimeout(function () { window.print(); }, 300);
})();
`;
