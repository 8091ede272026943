// mqmock dashboard. Plain JavaScript, no build step, no library: it reads
// and drives the emulator through the control API only, so everything it
// does a script can do too. Whatever a client sent (journal parameters,
// answers) is rendered as text, never as HTML.
'use strict';

(function () {
  // How much the page keeps: the live list is capped, so thousands of calls
  // a second cost a bounded amount of memory and DOM.
  const KEEP_ENTRIES = 2000; // entries held in memory for filtering
  const SHOW_ROWS = 400; // rows in the live table
  const FLUSH_MS = 200; // live updates are batched at most this often
  const POLL_MS = 1000; // refresh of the visible view's data

  const state = {
    token: sessionStorage.getItem('mqmock-token') || '',
    view: 'overview',
    doors: [],
    doorByName: {},
    accounts: [],
    clock: null, // {now: Date, offset: string, at: performance.now()}
    rules: [],
  };

  // ---------- small DOM helpers ----------
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  // el('td', {class: 'x', text: 'y', data: {seq: 1}}, child...) builds an
  // element; strings become text nodes.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k === 'data') for (const [dk, dv] of Object.entries(v)) e.dataset[dk] = dv;
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : v);
      }
    }
    for (const c of children) {
      if (c === undefined || c === null || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function option(value, label, selected) {
    const o = el('option', { value: value }, label === undefined ? value : label);
    if (selected) o.selected = true;
    return o;
  }

  function notice(msg, kind) {
    const n = $('#notice');
    n.textContent = msg;
    n.className = 'bar ' + (kind || '');
    n.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => { n.hidden = true; }, 6000);
  }

  // ---------- the control API ----------
  class APIError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  function headers(extra) {
    const h = Object.assign({}, extra);
    if (state.token) h['X-Mqmock-Token'] = state.token;
    return h;
  }

  // api calls /_mqmock<path>; a body that is a string goes as YAML, any
  // other as JSON. It answers the decoded JSON (or the text, with
  // opts.text) and throws APIError with the server's message.
  async function api(method, path, body, opts) {
    opts = opts || {};
    const h = headers();
    let payload;
    if (body !== undefined) {
      if (typeof body === 'string') { payload = body; h['Content-Type'] = 'application/yaml'; }
      else { payload = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
    }
    const r = await fetch('/_mqmock' + path, { method: method, headers: h, body: payload, cache: 'no-store' });
    const text = await r.text();
    let data = text;
    if (!opts.text) { try { data = JSON.parse(text); } catch (e) { /* keep the text */ } }
    if (r.status === 401) askToken();
    if (!r.ok) throw new APIError(r.status, (data && data.error) || text || r.statusText);
    return data;
  }

  function askToken() {
    $('#token-bar').hidden = false;
    $('#token-input').focus();
  }

  $('#token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.token = $('#token-input').value.trim();
    sessionStorage.setItem('mqmock-token', state.token);
    $('#token-bar').hidden = true;
    start();
  });

  // ---------- formatting ----------
  function fmtTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return iso;
    return d.toISOString().replace('T', ' ').replace('Z', '');
  }

  function fmtClock(d) { return d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC'; }

  function virtualNow() {
    if (!state.clock) return new Date();
    return new Date(state.clock.now.getTime() + (performance.now() - state.clock.at));
  }

  // rel says how far a moment is from the virtual now ("in 5m", "2h ago").
  function rel(iso) {
    const t = new Date(iso).getTime();
    if (isNaN(t)) return '';
    let s = Math.round((t - virtualNow().getTime()) / 1000);
    const past = s < 0;
    s = Math.abs(s);
    const parts = s >= 86400 ? Math.floor(s / 86400) + 'd' : s >= 3600 ? Math.floor(s / 3600) + 'h' : s >= 60 ? Math.floor(s / 60) + 'm' : s + 's';
    return past ? parts + ' ago' : 'in ' + parts;
  }

  // ---------- views ----------
  const views = {};
  let pollTimer = 0;

  function show(view) {
    if (!document.getElementById('view-' + view)) view = 'overview';
    state.view = view;
    for (const s of $$('.view')) s.hidden = s.id !== 'view-' + view;
    for (const a of $$('#tabs a')) a.classList.toggle('active', a.dataset.view === view);
    clearTimeout(pollTimer);
    poll();
  }

  // poll refreshes the visible view now and then every POLL_MS.
  async function poll() {
    clearTimeout(pollTimer);
    const v = views[state.view];
    try {
      if (v && v.refresh) await v.refresh();
    } catch (e) {
      if (e.status !== 401) notice(e.message, 'error');
    }
    pollTimer = setTimeout(poll, POLL_MS);
  }

  window.addEventListener('hashchange', () => show(location.hash.slice(1)));

  // ---------- header clock ----------
  async function refreshClock() {
    const c = await api('GET', '/clock');
    state.clock = { now: new Date(c.now), offset: c.offset, at: performance.now() };
    paintClock();
  }

  function paintClock() {
    if (!state.clock) return;
    const now = fmtClock(virtualNow());
    $('#top-clock').textContent = now;
    $('#top-offset').textContent = state.clock.offset === '0s' ? 'real time' : 'offset ' + state.clock.offset;
    $('#clock-now').textContent = now;
    $('#clock-offset').textContent = state.clock.offset;
    $('#res-now').textContent = now;
  }

  async function moveClock(body) {
    const err = $('#clock-error');
    err.hidden = true;
    try {
      const c = await api('POST', '/clock', body);
      state.clock = { now: new Date(c.now), offset: c.offset, at: performance.now() };
      paintClock();
      notice('Virtual clock: ' + fmtClock(state.clock.now) + ' (offset ' + c.offset + ')');
    } catch (e) {
      err.textContent = e.message;
      err.hidden = false;
    }
  }

  for (const b of $$('[data-advance]')) b.addEventListener('click', () => moveClock({ advance: b.dataset.advance }));
  $('#advance-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const d = $('#advance-input').value.trim();
    if (d) moveClock({ advance: d });
  });
  $('#set-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = $('#set-input').value;
    if (v) moveClock({ set: new Date(v + 'Z').toISOString() });
  });
  $('#clock-reset').addEventListener('click', () => moveClock({ reset: true }));

  // ---------- Overview ----------
  function paintDoors() {
    const box = $('#doors');
    box.replaceChildren();
    for (const d of state.doors) {
      box.append(el('div', { class: 'card door', data: { testid: 'door-card', door: d.name } },
        el('h3', null, d.title, ' ', el('span', { class: 'muted' }, d.name)),
        el('div', { class: 'mono' }, d.url),
        el('div', null, d.protocol),
        el('div', { class: 'muted' }, d.apis),
        el('div', { class: 'muted small' }, d.actions.length + ' actions · ' + d.codes.length + ' catalogue codes' +
          (d.services && d.services.length ? ' · APIs ' + d.services.join(', ') : ''))));
    }
  }

  function paintAccounts() {
    const body = $('#accounts tbody');
    body.replaceChildren();
    for (const a of state.accounts) {
      body.append(el('tr', null,
        el('td', null, el('b', null, a.name)),
        el('td', { class: 'mono' }, a.secretId),
        el('td', { class: 'mono' }, String(a.appId)),
        el('td', { class: 'mono' }, a.accessKeyId),
        el('td', { class: 'mono' }, (a.mqttInstances || []).map((m) => m.id).join(', ')),
        el('td', { class: 'mono' }, (a.onsInstances || []).map((o) => o.id).join(', '))));
    }
  }

  views.overview = { refresh: refreshClock };

  $('#reset-ask').addEventListener('click', () => { $('#reset-confirm').hidden = false; });
  $('#reset-no').addEventListener('click', () => { $('#reset-confirm').hidden = true; });
  $('#reset-yes').addEventListener('click', async () => {
    $('#reset-confirm').hidden = true;
    const door = $('#reset-scope').value;
    const q = [];
    if (door) q.push('vendor=' + encodeURIComponent(door));
    if (!door && $('#reset-clear').checked) q.push('clearScenarios=true');
    try {
      await api('POST', '/reset' + (q.length ? '?' + q.join('&') : ''));
      if (!door) live.clear();
      notice(door ? 'Reset ' + door + '.' : 'Reset everything.');
      await refreshClock();
    } catch (e) {
      notice(e.message, 'error');
    }
  });

  // ---------- Resources ----------
  // Column labels where a state key says less than the product's own word.
  const LABELS = { 'messages.active': 'visible', 'messages.inactive': 'in flight', 'messages.delayed': 'delayed', 'messages.rewindable': 'rewindable' };
  let lastState = '';

  views.resources = {
    refresh: async function () {
      await refreshClock();
      const st = await api('GET', '/state');
      const key = JSON.stringify(st) + '|' + $('#res-account').value + '|' + $('#res-door').value + '|' + Math.floor(virtualNow().getTime() / 1000);
      if (key === lastState) return;
      lastState = key;
      paintResources(st);
    },
  };
  $('#res-account').addEventListener('change', () => { lastState = ''; poll(); });
  $('#res-door').addEventListener('change', () => { lastState = ''; poll(); });

  function paintResources(st) {
    const box = $('#resources');
    const account = $('#res-account').value;
    const only = $('#res-door').value;
    const out = [];
    for (const d of state.doors) {
      if (only && only !== d.name) continue;
      if (!(d.name in st)) continue;
      out.push(el('div', { class: 'panel door-state', data: { testid: 'resources-door', door: d.name } },
        el('h3', null, d.title, ' ', el('span', { class: 'muted' }, d.apis)),
        renderValue(st[d.name], account, 0)));
    }
    box.replaceChildren(...out);
  }

  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

  // renderValue shows any state JSON: an object as titled parts, a list of
  // objects as a table (or as cards when its items hold lists of their own),
  // a scalar as text. account hides other accounts' items.
  function renderValue(v, account, depth) {
    if (Array.isArray(v)) {
      let items = v;
      if (account) items = items.filter((it) => !isObj(it) || !('account' in it) || it.account === account);
      if (items.length === 0) return el('div', { class: 'muted small' }, 'none');
      if (!items.every(isObj)) return el('div', { class: 'mono' }, items.map(String).join(', '));
      const nested = items.some((it) => Object.values(it).some((x) => Array.isArray(x) && x.length && x.every(isObj)));
      return nested ? renderCards(items, account, depth) : renderTable(items);
    }
    if (isObj(v)) {
      const box = el('div', { class: depth ? 'sub' : '' });
      for (const [k, x] of Object.entries(v)) {
        const n = Array.isArray(x) ? ' (' + x.length + ')' : '';
        box.append(el('h4', null, k + n), renderValue(x, account, depth + 1));
      }
      return box;
    }
    return el('span', null, v === null ? '' : String(v));
  }

  // flatten turns {a: {b: 1}} into {'a.b': 1}, one level of objects deep,
  // and lists of scalars into text: one table row per item. A list of
  // objects (or an empty one) is its count in a table; a card shows it as a
  // part of its own (withLists false leaves it out).
  function flatten(it, withLists) {
    const out = {};
    for (const [k, v] of Object.entries(it)) {
      if (isObj(v)) {
        for (const [k2, v2] of Object.entries(v)) if (!isObj(v2) && !Array.isArray(v2)) out[k + '.' + k2] = v2;
      } else if (Array.isArray(v)) {
        if (v.length && v.every((x) => !isObj(x))) out[k] = v.join(', ');
        else if (withLists) out[k] = v.length;
      } else out[k] = v;
    }
    return out;
  }

  function cell(col, v, tag) {
    const td = el(tag || 'td', { data: { col: col } });
    if (typeof v === 'boolean') {
      td.textContent = String(v);
      if (col === 'valid' || col === 'online') td.className = v ? 'good' : 'bad';
    } else if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(v)) {
      td.append(el('span', { class: 'mono' }, fmtTime(v)), ' ', el('span', { class: 'muted small' }, rel(v)));
    } else {
      td.textContent = v === undefined || v === null ? '' : String(v);
      if (typeof v === 'number') td.className = 'num';
    }
    return td;
  }

  function renderTable(items) {
    const rows = items.map((it) => flatten(it, true));
    const cols = [];
    for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
    const t = el('table', { class: 'state' },
      el('thead', null, el('tr', null, ...cols.map((c) => el('th', { title: c }, LABELS[c] || c)))));
    const body = el('tbody');
    for (const r of rows) body.append(el('tr', null, ...cols.map((c) => cell(c, r[c]))));
    t.append(body);
    return el('div', { class: 'scroll' }, t);
  }

  function renderCards(items, account, depth) {
    const box = el('div', { class: 'stack' });
    for (const it of items) {
      const head = el('div', { class: 'chips' });
      for (const [k, v] of Object.entries(flatten(it, false))) head.append(el('span', { class: 'chip' }, el('span', { class: 'k' }, LABELS[k] || k), ' ', cell(k, v, 'b')));
      const card = el('div', { class: 'card item' }, head);
      for (const [k, v] of Object.entries(it)) {
        if (Array.isArray(v) && (v.length === 0 || v.every(isObj))) {
          card.append(el('h4', null, k + ' (' + v.length + ')'));
          if (v.length) card.append(renderValue(v, account, depth + 1));
        }
      }
      box.append(card);
    }
    return box;
  }

  // ---------- Live calls ----------
  const live = {
    entries: [], // newest last, at most KEEP_ENTRIES
    pending: [],
    total: 0,
    serverDropped: 0,
    lastSeq: 0,
    timer: 0,
    selected: 0,
    rate: [],
    clear() {
      this.entries = [];
      this.pending = [];
      this.selected = 0;
      $('#calls tbody').replaceChildren();
      $('#call-detail').hidden = true;
      paintStats();
    },
  };

  function filters() {
    return { door: $('#f-door').value, action: $('#f-action').value.trim().toLowerCase(), errors: $('#f-errors').checked };
  }

  function isError(e) { return !!(e.code || e.fault || e.status >= 400 || e.status < 0); }

  function passes(e, f) {
    if (f.door && e.vendor !== f.door) return false;
    if (f.action && !e.action.toLowerCase().includes(f.action)) return false;
    if (f.errors && !isError(e)) return false;
    return true;
  }

  function callRow(e) {
    const ms = e.durationNs / 1e6;
    const tr = el('tr', { class: (isError(e) ? 'err ' : '') + (e.fault ? 'fault' : ''), data: { seq: e.seq, testid: 'call-row', action: e.action, door: e.vendor } },
      el('td', { class: 'num muted' }, String(e.seq)),
      el('td', { class: 'mono' }, fmtTime(e.time).slice(11)),
      el('td', null, e.vendor + (e.service && e.service !== e.vendor ? '/' + e.service : '')),
      el('td', null, e.action),
      el('td', null, e.account || (e.credential ? '(' + e.credential + ')' : '')),
      el('td', { class: 'num' }, e.status < 0 ? 'none' : String(e.status)),
      el('td', { class: 'mono', data: { testid: 'call-code' } }, e.code || ''),
      el('td', { class: 'num' }, ms < 10 ? ms.toFixed(2) : ms.toFixed(0)),
      el('td', null, e.fault ? el('span', { class: 'badge fault', data: { testid: 'call-fault' } }, e.fault) : ''));
    if (e.seq === live.selected) tr.classList.add('selected');
    return tr;
  }

  function scheduleFlush() {
    if (!live.timer) live.timer = setTimeout(flush, FLUSH_MS);
  }

  // flush moves what arrived since the last flush into the list, in one DOM
  // update: at most SHOW_ROWS new rows, the oldest rows dropped past that.
  function flush() {
    live.timer = 0;
    // How many DOM updates the live list took, for whoever checks that a
    // burst is rendered in batches, not entry by entry.
    $('#calls').dataset.flushes = String(Number($('#calls').dataset.flushes || 0) + 1);
    const batch = live.pending;
    live.pending = [];
    for (const e of batch) live.entries.push(e);
    if (live.entries.length > KEEP_ENTRIES) live.entries.splice(0, live.entries.length - KEEP_ENTRIES);
    const now = performance.now();
    live.rate.push([now, batch.length]);
    while (live.rate.length && now - live.rate[0][0] > 5000) live.rate.shift();
    if ($('#f-pause').checked) { paintStats(); return; }
    const f = filters();
    const fresh = batch.filter((e) => passes(e, f));
    if (fresh.length) {
      const body = $('#calls tbody');
      const frag = document.createDocumentFragment();
      for (let i = fresh.length - 1; i >= 0 && frag.childNodes.length < SHOW_ROWS; i--) frag.append(callRow(fresh[i]));
      body.prepend(frag);
      while (body.rows.length > SHOW_ROWS) body.lastElementChild.remove();
    }
    paintStats();
    if (state.view === 'resources' || state.view === 'faults' || state.view === 'coverage') soon();
  }

  // soon refreshes the visible view shortly after calls came in (state,
  // hit counts and coverage change with them), at most every 300 ms.
  function soon() {
    if (soon.timer) return;
    soon.timer = setTimeout(() => { soon.timer = 0; poll(); }, 300);
  }

  function repaintCalls() {
    const f = filters();
    const rows = [];
    for (let i = live.entries.length - 1; i >= 0 && rows.length < SHOW_ROWS; i--) {
      const e = live.entries[i];
      if (passes(e, f)) rows.push(callRow(e));
    }
    $('#calls tbody').replaceChildren(...rows);
  }

  function paintStats() {
    const per = live.rate.reduce((n, r) => n + r[1], 0) / 5;
    $('#calls-count').textContent = String(live.total);
    let s = live.total + (live.total === 1 ? ' call' : ' calls') + ' seen · ' + per.toFixed(per < 10 ? 1 : 0) + '/s · showing the newest ' + Math.min(SHOW_ROWS, $('#calls tbody').rows.length);
    if (live.serverDropped) s += ' · ' + live.serverDropped + ' not sent by the server (this page lagged)';
    $('#calls-stats').textContent = s;
  }

  for (const id of ['#f-door', '#f-errors', '#f-pause']) $(id).addEventListener('change', repaintCalls);
  $('#f-action').addEventListener('input', repaintCalls);
  $('#calls-clear').addEventListener('click', () => live.clear());

  $('#calls tbody').addEventListener('click', (ev) => {
    const tr = ev.target.closest('tr');
    if (!tr) return;
    const seq = Number(tr.dataset.seq);
    const e = live.entries.find((x) => x.seq === seq);
    if (!e) return;
    live.selected = seq;
    for (const r of $$('#calls tbody tr.selected')) r.classList.remove('selected');
    tr.classList.add('selected');
    paintDetail(e);
  });

  function pretty(answer) {
    try { return JSON.stringify(JSON.parse(answer), null, 2); } catch (e) { return answer; }
  }

  function paintDetail(e) {
    const box = $('#call-detail');
    const kv = el('div', { class: 'kv' });
    const add = (k, v) => { if (v !== undefined && v !== '' && v !== null) kv.append(el('span', { class: 'k' }, k), el('span', { class: 'mono' }, String(v))); };
    add('seq', e.seq);
    add('time (virtual)', fmtTime(e.time));
    add('front door', e.vendor);
    if (e.service !== e.vendor) add('API', e.service);
    add('action', e.action);
    add('account', e.account);
    add('claimed key id', e.credential);
    add('request id', e.requestId);
    add('HTTP status', e.status < 0 ? 'none: the connection was closed' : e.status);
    add('code', e.code);
    add('fault rule', e.fault);
    add('duration', (e.durationNs / 1e6).toFixed(2) + ' ms');
    const params = el('table', { class: 'state' }, el('thead', null, el('tr', null, el('th', null, 'parameter'), el('th', null, 'value'))));
    const pb = el('tbody');
    for (const k of Object.keys(e.params || {}).sort()) pb.append(el('tr', null, el('td', { class: 'mono' }, k), el('td', { class: 'mono wrap' }, e.params[k])));
    params.append(pb);
    box.replaceChildren(
      el('div', { class: 'detail-head' }, el('h3', null, e.action), el('button', { type: 'button', onclick: () => { box.hidden = true; } }, 'close')),
      e.fault ? el('div', { class: 'badge fault' }, 'fault: ' + e.fault) : '',
      kv,
      el('h4', null, 'Answer ', el('span', { class: 'muted small' }, e.answerBytes ? '(' + e.answerBytes + ' bytes, secrets redacted)' : '')),
      el('pre', { class: 'answer', data: { testid: 'call-answer' } }, e.answer ? pretty(e.answer) : (e.status < 0 ? 'no answer: the connection was closed' : '(empty)')),
      el('h4', null, 'Parameters ', el('span', { class: 'muted small' }, '(secrets redacted)')),
      Object.keys(e.params || {}).length ? params : el('div', { class: 'muted small' }, e.credential ? 'not kept: the call was refused before authentication' : 'none'));
    box.hidden = false;
  }

  views.calls = { refresh: refreshClock };

  // The stream is read with fetch, not EventSource, so it can carry the
  // control token as a header. It reconnects on its own, resuming after the
  // last entry it saw.
  async function connectStream() {
    const dot = $('#stream-state');
    const path = '/_mqmock/journal/stream?' + (live.lastSeq ? 'after=' + live.lastSeq : 'backlog=' + SHOW_ROWS);
    try {
      const r = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), cache: 'no-store' });
      if (r.status === 401) { askToken(); return; }
      if (!r.ok) throw new Error('stream: ' + r.status);
      dot.className = 'dot on';
      dot.title = 'live stream connected';
      const reader = r.body.getReader();
      const dec = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          onEvent(buf.slice(0, i));
          buf = buf.slice(i + 2);
        }
      }
    } catch (e) {
      // Reconnect below.
    }
    dot.className = 'dot off';
    dot.title = 'live stream disconnected; reconnecting';
    setTimeout(connectStream, 1500);
  }

  function onEvent(block) {
    let ev = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) ev = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (ev === 'entry') {
      const e = JSON.parse(data);
      if (e.seq <= live.lastSeq) return;
      live.lastSeq = e.seq;
      live.total++;
      live.pending.push(e);
      if (live.pending.length > KEEP_ENTRIES) live.pending.splice(0, live.pending.length - KEEP_ENTRIES);
      scheduleFlush();
    } else if (ev === 'dropped') {
      live.serverDropped = JSON.parse(data).dropped;
    }
  }

  // ---------- Faults ----------
  const EFFECTS = ['error', 'latency', 'throttle', 'drop', 'reset', 'timeout', 'status'];

  function effectOf(r) {
    const parts = [];
    if (r.error) parts.push('error ' + r.error);
    if (r.throttle) parts.push('throttle ' + r.throttle.rate + (r.throttle.burst ? ' burst ' + r.throttle.burst : '') + (r.throttle.per ? ' per ' + r.throttle.per : ''));
    if (r.drop) parts.push('drop');
    if (r.reset) parts.push('reset');
    if (r.timeout !== undefined && r.timeout !== false) parts.push(r.timeout === true ? 'timeout' : 'timeout ' + r.timeout);
    if (r.status) parts.push('status ' + r.status);
    if (r.latency) parts.push('latency ' + r.latency + (r.jitter ? ' ± ' + r.jitter : ''));
    return parts.join(', ') || EFFECTS.find((k) => r[k]) || '';
  }

  function triggerOf(r) {
    const parts = [];
    if (r.after) parts.push('after ' + r.after);
    if (r.every) parts.push('every ' + r.every);
    if (r.times) parts.push(r.times + ' times');
    if (r.probability !== undefined) parts.push('p=' + r.probability);
    if (r.match) parts.push('match ' + Object.entries(r.match).map(([k, v]) => k + '=' + v).join(' '));
    return parts.join(', ') || 'always';
  }

  let lastRules = '';

  async function refreshRules() {
    const s = await api('GET', '/scenario');
    state.rules = s.rules || [];
    $('#rules-count').textContent = String(state.rules.length);
    const key = JSON.stringify(s);
    if (key === lastRules) return;
    lastRules = key;
    $('#scenario-name').textContent = s.name ? 'scenario: ' + s.name : '';
    const body = $('#rules tbody');
    body.replaceChildren(...state.rules.map((r) => {
      const sw = el('input', { type: 'checkbox', class: 'switch', title: 'switch the rule on or off', data: { testid: 'rule-switch', rule: r.name } });
      sw.checked = !r.disabled;
      sw.addEventListener('change', () => switchRule(r.name, sw.checked, sw));
      return el('tr', { class: r.disabled ? 'off' : '', data: { testid: 'rule-row', rule: r.name } },
        el('td', null, sw),
        el('td', null, el('b', null, r.name)),
        el('td', null, r.vendor + (r.service ? '/' + r.service : '')),
        el('td', null, r.action),
        el('td', null, effectOf(r)),
        el('td', null, triggerOf(r)),
        el('td', { class: 'num', data: { testid: 'rule-hits' } }, String(r.hits)),
        el('td', { class: 'num' }, String(r.matched)),
        el('td', { class: 'muted small' }, r.source));
    }));
    $('#rules-empty').hidden = state.rules.length > 0;
  }

  async function switchRule(name, on, input) {
    try {
      await api('POST', '/scenario/switch', { rule: name, enabled: on });
      notice('Rule ' + name + ' switched ' + (on ? 'on' : 'off') + '.');
    } catch (e) {
      input.checked = !on;
      notice(e.message, 'error');
    }
    lastRules = '';
    await refreshRules();
  }

  $('#rules-clear').addEventListener('click', async () => {
    if (!state.rules.length) return;
    try {
      await api('DELETE', '/scenario');
      notice('Every rule removed.');
    } catch (e) { notice(e.message, 'error'); }
    lastRules = '';
    await refreshRules();
  });

  views.faults = { refresh: async () => { await refreshRules(); } };

  // The form's choices come from GET /_mqmock/doors: the door's actions
  // (per API where it serves several) and its catalogue.
  function fillRuleForm() {
    const door = $('#r-door');
    door.replaceChildren(...state.doors.map((d) => option(d.name, d.title + ' (' + d.name + ')')));
    door.addEventListener('change', onDoor);
    $('#r-service').addEventListener('change', onService);
    $('#r-effect').addEventListener('change', onEffect);
    $('#r-error').addEventListener('change', onCode);
    $('#r-action').addEventListener('change', suggestName);
    onDoor();
    onEffect();
  }

  function selectedDoor() { return state.doorByName[$('#r-door').value]; }

  function onDoor() {
    const d = selectedDoor();
    if (!d) return;
    const svc = $('#r-service');
    const services = d.services || [];
    $('#r-service-label').hidden = services.length === 0;
    svc.replaceChildren(option('', 'any'), ...services.map((s) => option(s)));
    const codes = $('#r-error');
    const documented = el('optgroup', { label: 'documented' });
    const extra = el('optgroup', { label: 'other codes the door answers' });
    for (const c of d.codes) {
      const label = c.code + (c.name !== c.code ? ' — ' + c.name : '') + ' (HTTP ' + c.status + ')';
      (c.documented ? documented : extra).append(option(c.name, label));
    }
    codes.replaceChildren(documented, extra);
    onService();
    onCode();
  }

  function onService() {
    const d = selectedDoor();
    const keep = $('#r-action').value;
    $('#r-action').replaceChildren(option('*', '* (every action)'), ...d.actions.map((a) => option(a, a, a === keep)));
    suggestName();
  }

  function onEffect() {
    const v = $('#r-effect').value;
    for (const box of $$('#rule-form .effect')) box.hidden = box.dataset.effect !== v;
    suggestName();
  }

  function onCode() {
    const d = selectedDoor();
    const c = d && d.codes.find((x) => x.name === $('#r-error').value);
    const family = !!(c && c.code.includes('%s'));
    $('#r-arg-label').hidden = !family;
    $('#r-arg-code').textContent = c ? c.code : '';
    $('#r-error-info').textContent = c ? 'HTTP ' + c.status + ': ' + c.message : '';
    suggestName();
  }

  let nameTouched = false;
  $('#r-name').addEventListener('input', () => { nameTouched = $('#r-name').value !== ''; });

  function suggestName() {
    if (nameTouched) return;
    const d = selectedDoor();
    if (!d) return;
    const action = $('#r-action').value;
    const effect = $('#r-effect').value;
    const what = effect === 'error' ? ($('#r-error').value || 'error') : effect;
    let base = (d.name + '-' + (action === '*' ? 'all' : action) + '-' + what).replace(/[^A-Za-z0-9._-]+/g, '-').toLowerCase();
    let name = base;
    for (let i = 2; state.rules.some((r) => r.name === name); i++) name = base + '-' + i;
    $('#r-name').value = name;
  }

  function num(id) {
    const v = $(id).value.trim();
    return v === '' ? undefined : Number(v);
  }

  function ruleFromForm() {
    const r = { name: $('#r-name').value.trim(), vendor: $('#r-door').value, action: $('#r-action').value };
    if ($('#r-service').value) r.service = $('#r-service').value;
    switch ($('#r-effect').value) {
      case 'error': {
        const d = selectedDoor();
        const c = d.codes.find((x) => x.name === $('#r-error').value);
        r.error = c && c.code.includes('%s') ? c.code.replace('%s', $('#r-arg').value.trim()) : $('#r-error').value;
        break;
      }
      case 'latency':
        r.latency = $('#r-latency').value.trim();
        if ($('#r-jitter').value.trim()) r.jitter = $('#r-jitter').value.trim();
        break;
      case 'throttle':
        r.throttle = { rate: $('#r-rate').value.trim() };
        if (num('#r-burst') !== undefined) r.throttle.burst = num('#r-burst');
        if ($('#r-per').value) r.throttle.per = $('#r-per').value;
        break;
      case 'drop': r.drop = true; break;
      case 'reset': r.reset = true; break;
      case 'timeout': r.timeout = $('#r-hold').value.trim() || true; break;
      case 'raw':
        r.status = num('#r-status');
        r.body = $('#r-body').value;
        if ($('#r-ctype').value.trim()) r.contentType = $('#r-ctype').value.trim();
        break;
    }
    for (const [id, k] of [['#r-times', 'times'], ['#r-after', 'after'], ['#r-every', 'every'], ['#r-prob', 'probability']]) {
      const v = num(id);
      if (v !== undefined && !(k !== 'probability' && v === 0)) r[k] = v;
    }
    return r;
  }

  $('#rule-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const err = $('#rule-error');
    err.hidden = true;
    const doc = { rules: [ruleFromForm()] };
    $('#rule-preview').textContent = JSON.stringify(doc, null, 2);
    try {
      // The emulator checks the rule against the rules in force (a dry
      // run) before it is added: the form shows the same message a
      // scenario file would get.
      await api('POST', '/scenario?dryRun=true', doc);
      await api('POST', '/scenario', doc);
      notice('Rule ' + doc.rules[0].name + ' added.');
      nameTouched = false;
      lastRules = '';
      await refreshRules();
      suggestName();
    } catch (e) {
      err.textContent = e.message;
      err.hidden = false;
    }
  });

  async function paintReady() {
    const box = $('#ready');
    const list = await api('GET', '/scenarios');
    box.replaceChildren(...list.scenarios.map((s) => el('div', { class: 'ready', data: { testid: 'ready-scenario', file: s.file } },
      el('div', null, el('b', null, s.name || s.file), ' ', el('span', { class: 'muted small' }, s.file + ' · ' + s.rules + ' rules')),
      el('div', { class: 'muted small' }, s.description),
      el('button', { type: 'button', onclick: () => loadReady(s) }, 'Load (replaces the rules in force)'))));
  }

  async function loadReady(s) {
    try {
      const yaml = await api('GET', '/scenarios/' + encodeURIComponent(s.file), undefined, { text: true });
      await api('PUT', '/scenario', yaml);
      notice('Loaded ' + (s.name || s.file) + ': ' + s.rules + ' rules in force.');
    } catch (e) { notice(e.message, 'error'); }
    lastRules = '';
    await refreshRules();
  }

  // ---------- Coverage ----------
  let lastCoverage = '';

  views.coverage = {
    refresh: async function () {
      const [rep, text] = await Promise.all([api('GET', '/coverage'), api('GET', '/coverage?format=text', undefined, { text: true })]);
      const key = JSON.stringify(rep);
      if (key === lastCoverage) return;
      lastCoverage = key;
      $('#coverage-text').textContent = text;
      const out = [];
      for (const d of state.doors) {
        const vc = rep.vendors[d.name];
        if (!vc) continue;
        const pct = vc.documented ? Math.round(100 * vc.documentedReturned / vc.documented) : 0;
        const bar = el('div', { class: 'bar-outer' }, el('div', { class: 'bar-inner' }));
        bar.firstChild.style.width = pct + '%';
        const rows = vc.returned.slice().sort((a, b) => (b.byRule + b.byFault) - (a.byRule + a.byFault));
        const t = el('table', { class: 'state' }, el('thead', null, el('tr', null, ...['code', 'name', 'by a rule', 'by a fault', 'documented'].map((h) => el('th', null, h)))));
        const tb = el('tbody');
        for (const r of rows) {
          tb.append(el('tr', { data: { testid: 'coverage-row', code: r.code, name: r.name } },
            el('td', { class: 'mono' }, r.code), el('td', null, r.name),
            el('td', { class: 'num', data: { col: 'byRule' } }, String(r.byRule)),
            el('td', { class: 'num', data: { col: 'byFault' } }, String(r.byFault)),
            el('td', null, r.documented ? 'yes' : 'extra')));
        }
        t.append(tb);
        const never = el('details', null, el('summary', null, 'never returned (' + vc.never.length + ')'),
          el('div', { class: 'mono small never' }, vc.never.map((n) => n.code + (n.name !== n.code ? ' ' + n.name : '') + (n.documented ? '' : ' (extra)')).join('\n')));
        out.push(el('div', { class: 'panel', data: { testid: 'coverage-door', door: d.name } },
          el('h3', null, d.title, ' ', el('span', { class: 'muted', data: { testid: 'coverage-total' } }, vc.documentedReturned + ' of ' + vc.documented + ' documented codes returned')),
          bar,
          rows.length ? t : el('div', { class: 'muted small' }, 'no code returned yet'),
          never));
      }
      $('#coverage').replaceChildren(...out);
    },
  };

  // ---------- start ----------
  let started = false;

  async function start() {
    try {
      const [doors, accounts, health] = await Promise.all([api('GET', '/doors'), api('GET', '/accounts'), fetch('/_mqmock/health').then((r) => r.json())]);
      state.doors = doors.doors;
      state.doorByName = Object.fromEntries(state.doors.map((d) => [d.name, d]));
      state.accounts = accounts.accounts;
      $('#version').textContent = health.version || '';
    } catch (e) {
      if (e.status !== 401) notice('The control API did not answer: ' + e.message, 'error');
      return;
    }
    if (started) return;
    started = true;
    paintDoors();
    paintAccounts();
    for (const sel of ['#res-door', '#f-door', '#reset-scope']) $(sel).append(...state.doors.map((d) => option(d.name, d.title)));
    $('#res-account').append(...state.accounts.map((a) => option(a.name)));
    fillRuleForm();
    await Promise.all([refreshClock(), refreshRules(), paintReady()]).catch((e) => notice(e.message, 'error'));
    setInterval(paintClock, 1000);
    connectStream();
    show(location.hash.slice(1) || 'overview');
    document.body.dataset.ready = 'true';
  }

  start();
})();
