// Campaigns: the list with live counters, and the form that creates or edits one with its rule chain.

import { admin } from '../api.js';
import { clearProblems, failure, field, h, select, showProblem, statusBadge, toast } from '../dom.js';
import { count, fromLocalInput, money, time, toLocalInput } from '../format.js';

const LIVE_EVERY_MS = 3000;

export function campaignsList() {
  document.title = 'Campaigns — Surge console';
  const body = h('tbody');
  const table = h('table', { 'aria-describedby': 'campaigns-caption' },
    h('caption', { id: 'campaigns-caption', class: 'muted', style: 'text-align:left;padding:6px 0' },
      'Live counters refresh every few seconds. Times are in each campaign\'s zone; hover for UTC.'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Campaign'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Window'),
      h('th', { scope: 'col', class: 'num' }, 'Priority'), h('th', { scope: 'col', class: 'num' }, 'Prizes granted'),
      h('th', { scope: 'col', class: 'num' }, 'Stock left (Redis)'), h('th', { scope: 'col', class: 'num' }, 'Rain wins'))),
    body);
  const element = h('section', { 'aria-labelledby': 'campaigns-title' },
    h('h1', { id: 'campaigns-title' }, 'Campaigns'),
    h('div', { class: 'actions' }, h('a', { href: '#/campaigns/new', class: 'button' }, 'New campaign')),
    table);
  let timer = null;
  let campaigns = [];
  const cells = new Map();

  async function load() {
    try {
      campaigns = await admin('GET', '/admin/v1/campaigns');
    } catch (e) {
      element.append(failure(e));
      return;
    }
    body.replaceChildren();
    if (!campaigns.length) {
      body.append(h('tr', {}, h('td', { colspan: 7 }, 'No campaigns yet.')));
    }
    for (const c of campaigns) {
      const live = { grants: h('td', { class: 'num' }, '…'), stock: h('td', { class: 'num' }, '…'), rain: h('td', { class: 'num' }, '…') };
      cells.set(c.id, live);
      body.append(h('tr', { dataset: { campaign: c.id } },
        h('td', {}, h('a', { href: `#/campaigns/${c.id}` }, c.name), h('div', { class: 'muted' }, `#${c.id}`)),
        h('td', { class: 'status-cell' }, statusBadge(c.status)),
        h('td', {}, time(c.startsAt, c.zone), ' → ', time(c.endsAt, c.zone)),
        h('td', { class: 'num' }, c.priority),
        live.grants, live.stock, live.rain));
    }
    refresh();
  }

  async function refresh() {
    await Promise.all(campaigns.slice(0, 50).map(async (c) => {
      const live = cells.get(c.id);
      try {
        const l = await admin('GET', `/admin/v1/campaigns/${c.id}/live?metrics=false`);
        live.grants.textContent = count(l.grants);
        const stock = l.prizes.reduce((sum, p) => sum + (p.redisStock ?? 0), 0);
        live.stock.textContent = l.prizes.length ? count(stock) : '—';
        live.rain.textContent = l.rainWins ? `${count(l.rainWins)} (${money(l.rainWonCents)})` : '0';
        const row = body.querySelector(`tr[data-campaign="${c.id}"] .status-cell`);
        if (row && row.textContent !== l.status) {
          row.replaceChildren(statusBadge(l.status));
        }
      } catch (e) {
        live.grants.textContent = '?';
        live.grants.title = e.message;
      }
    }));
    timer = setTimeout(refresh, LIVE_EVERY_MS);
  }

  load();
  return { element, stop: () => clearTimeout(timer) };
}

// Each rule kind's parameters: [name, label, type, hint]. Types: text, list (comma-separated), instant, time,
// integer, cents.
export const RULE_KINDS = {
  'time-window': [['from', 'From', 'instant'], ['to', 'To', 'instant'],
    ['dailyFrom', 'Daily from', 'time', 'e.g. 20:00, in the campaign\'s zone'], ['dailyTo', 'Daily to', 'time']],
  'allow-list': [['list', 'List name', 'text', 'an uploaded list, e.g. vip']],
  'block-list': [['list', 'List name', 'text', 'an uploaded list, e.g. fraud']],
  segment: [['anyOf', 'Any of the lists', 'list', 'comma-separated list names']],
  'new-user': [['registeredAfter', 'Registered after', 'instant']],
  'user-tags': [['allOf', 'All of the tags', 'list'], ['anyOf', 'Any of the tags', 'list'], ['noneOf', 'None of the tags', 'list']],
  channel: [['anyOf', 'Any of the channels', 'list', 'e.g. app, mini-program (the client\'s word)']],
  region: [['anyOf', 'Any of the regions', 'list', 'region codes (the client\'s word)']],
  'min-order-amount': [['cents', 'Minimum order', 'cents', 'in cents, from the signed order amount']],
  'phone-prefix': [['anyOf', 'Any of the prefixes', 'list', 'e.g. +86138']],
  'participation-limit': [['total', 'Times in total', 'integer'], ['perDay', 'Times a day', 'integer', 'in the campaign\'s zone']],
};

function ruleEditor(rule, index, zone, actions) {
  const kind = rule.kind || 'channel';
  const params = rule.params || {};
  const kindSelect = select(Object.keys(RULE_KINDS), kind);
  const box = h('fieldset', { class: 'rule', dataset: { field: `rules[${index}]` } },
    h('legend', {}, `Rule ${index + 1}: ${kind}`));
  box.append(field('Kind', { input: kindSelect, field: `rules[${index}].kind` }));
  kindSelect.addEventListener('change', () => actions.replace(index, { kind: kindSelect.value, params: {} }));
  const grid = h('div', { class: 'grid' });
  for (const [name, label, type, hint] of RULE_KINDS[kind] || []) {
    const value = params[name];
    let input;
    if (type === 'instant') {
      input = h('input', { type: 'datetime-local', value: toLocalInput(value, zone()) });
    } else if (type === 'integer' || type === 'cents') {
      input = h('input', { type: 'number', step: 1, value: value ?? '' });
    } else if (type === 'list') {
      input = h('input', { type: 'text', value: Array.isArray(value) ? value.join(', ') : (value ?? '') });
    } else {
      input = h('input', { type: 'text', value: value ?? '' });
    }
    input.dataset.param = name;
    input.dataset.type = type;
    const wrapped = field(label, { input, hint, field: `rules[${index}].params.${name}` });
    if (type === 'cents') {
      const shown = h('span', { class: 'hint', 'aria-live': 'polite' });
      const update = () => { shown.textContent = input.value ? ` = ${money(input.value)}` : ''; };
      input.addEventListener('input', update);
      update();
      wrapped.querySelector('label').append(shown);
    }
    grid.append(wrapped);
  }
  box.append(grid, h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'secondary', disabled: index === 0, onclick: () => actions.move(index, -1) }, 'Move up'),
    h('button', { type: 'button', class: 'secondary', onclick: () => actions.move(index, 1) }, 'Move down'),
    h('button', { type: 'button', class: 'secondary', onclick: () => actions.remove(index) }, `Remove rule ${index + 1}`)));
  return box;
}

function readRule(box, zone) {
  const kind = box.querySelector('select').value;
  const params = {};
  for (const input of box.querySelectorAll('[data-param]')) {
    const raw = input.value.trim();
    if (raw === '') {
      continue;
    }
    const type = input.dataset.type;
    if (type === 'instant') {
      params[input.dataset.param] = fromLocalInput(raw, zone);
    } else if (type === 'integer' || type === 'cents') {
      params[input.dataset.param] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
    } else if (type === 'list') {
      params[input.dataset.param] = raw.split(',').map((s) => s.trim()).filter(Boolean);
    } else {
      params[input.dataset.param] = raw;
    }
  }
  return { kind, params };
}

const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Paris', 'America/New_York', 'UTC'];

export function campaignForm(id) {
  document.title = `${id ? 'Edit campaign' : 'New campaign'} — Surge console`;
  const element = h('section', { 'aria-labelledby': 'form-title' },
    h('h1', { id: 'form-title' }, id ? `Edit campaign #${id}` : 'New campaign'));
  let revision = null;
  let rules = [];

  const now = Date.now();
  const start = {
    name: '', zone: 'Asia/Shanghai', priority: 10, startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 7 * 86400000).toISOString(), limit: null, rateLimits: null, rules: [],
  };

  function build(c) {
    rules = (c.rules || []).map((r) => ({ kind: r.kind, params: { ...(r.params || {}) } }));
    const name = h('input', { type: 'text', value: c.name || '', required: true, maxLength: 120 });
    const zoneInput = h('input', { type: 'text', value: c.zone || 'UTC', list: 'zones' });
    const zone = () => zoneInput.value.trim() || 'UTC';
    const startsAt = h('input', { type: 'datetime-local', value: toLocalInput(c.startsAt, c.zone) });
    const endsAt = h('input', { type: 'datetime-local', value: toLocalInput(c.endsAt, c.zone) });
    const priority = h('input', { type: 'number', step: 1, value: c.priority ?? 0 });
    const total = h('input', { type: 'number', step: 1, value: c.limit?.total ?? '' });
    const perDay = h('input', { type: 'number', step: 1, value: c.limit?.perDay ?? '' });
    const rate = {};
    const rateFields = [];
    for (const path of ['draw', 'shake', 'qr']) {
      rate[path] = {
        max: h('input', { type: 'number', step: 1, value: c.rateLimits?.[path]?.max ?? '' }),
        windowSeconds: h('input', { type: 'number', step: 1, value: c.rateLimits?.[path]?.windowSeconds ?? '' }),
      };
      rateFields.push(field(`${path}: at most`, { input: rate[path].max, field: `rateLimits.${path}.max`, hint: 'attempts per user' }),
        field(`${path}: per window of`, { input: rate[path].windowSeconds, field: `rateLimits.${path}.windowSeconds`, hint: 'seconds' }));
    }
    const rulesBox = h('div', { class: 'rules' });
    const addKind = select(Object.keys(RULE_KINDS), 'channel');
    const actions = {
      replace: (i, rule) => { sync(); rules[i] = rule; drawRules(); },
      move: (i, d) => {
        sync();
        const j = i + d;
        if (j < 0 || j >= rules.length) {
          return;
        }
        [rules[i], rules[j]] = [rules[j], rules[i]];
        drawRules();
        rulesBox.querySelectorAll('fieldset')[j]?.querySelector('select')?.focus();
      },
      remove: (i) => { sync(); rules.splice(i, 1); drawRules(); },
    };
    function sync() {
      rules = [...rulesBox.querySelectorAll('fieldset.rule')].map((box) => readRule(box, zone()));
    }
    function drawRules() {
      rulesBox.replaceChildren(...rules.map((r, i) => ruleEditor(r, i, zone, actions)));
      if (!rules.length) {
        rulesBox.append(h('p', { class: 'muted' }, 'No rules: every user in the window qualifies (within the limit).'));
      }
    }
    drawRules();

    const form = h('form', { class: 'card', novalidate: true },
      h('datalist', { id: 'zones' }, ZONES.map((z) => h('option', { value: z }))),
      h('div', { class: 'grid' },
        field('Name', { input: name, field: 'name' }),
        field('Time zone', { input: zoneInput, field: 'zone', hint: 'IANA name; times below are in it' }),
        field('Starts at', { input: startsAt, field: 'startsAt' }),
        field('Ends at', { input: endsAt, field: 'endsAt' }),
        field('Priority', { input: priority, field: 'priority', hint: '0–1000, higher wins' })),
      h('h2', {}, 'Participation limit'),
      h('div', { class: 'grid', dataset: { field: 'limit' } },
        field('Times in total', { input: total, field: 'limit.total', hint: 'empty: no limit' }),
        field('Times a day', { input: perDay, field: 'limit.perDay' })),
      h('h2', {}, 'Per-user rate limits'),
      h('div', { class: 'grid', dataset: { field: 'rateLimits' } }, rateFields),
      h('h2', {}, 'Rule chain'),
      h('p', { class: 'muted' }, 'Checked in order after the implied status and window checks.'),
      h('div', { dataset: { field: 'rules' } }, rulesBox),
      h('div', { class: 'actions' },
        field('Add a rule of kind', { input: addKind }),
        h('button', { type: 'button', class: 'secondary', onclick: () => { sync(); rules.push({ kind: addKind.value, params: {} }); drawRules(); rulesBox.lastElementChild.querySelector('input,select')?.focus(); } }, 'Add rule')),
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, id ? 'Save changes' : 'Create campaign'),
        h('a', { href: id ? `#/campaigns/${id}` : '#/campaigns' }, 'Cancel')));

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      sync();
      const z = zone();
      const body = {
        name: name.value, startsAt: fromLocalInput(startsAt.value, z) || null, endsAt: fromLocalInput(endsAt.value, z) || null,
        zone: z, priority: numberOrText(priority.value), rules,
      };
      if (total.value !== '' || perDay.value !== '') {
        body.limit = {};
        if (total.value !== '') body.limit.total = numberOrText(total.value);
        if (perDay.value !== '') body.limit.perDay = numberOrText(perDay.value);
      }
      const limits = {};
      for (const path of ['draw', 'shake', 'qr']) {
        const { max, windowSeconds } = rate[path];
        if (max.value !== '' || windowSeconds.value !== '') {
          limits[path] = {};
          if (max.value !== '') limits[path].max = numberOrText(max.value);
          if (windowSeconds.value !== '') limits[path].windowSeconds = numberOrText(windowSeconds.value);
        }
      }
      if (Object.keys(limits).length) {
        body.rateLimits = limits;
      }
      clearProblems(form);
      try {
        const saved = id
          ? await admin('PUT', `/admin/v1/campaigns/${id}`, { body, headers: revision !== null ? { 'If-Match': `"${revision}"` } : {} })
          : await admin('POST', '/admin/v1/campaigns', { body });
        toast(id ? `Campaign #${saved.id} saved` : `Campaign #${saved.id} created`);
        location.hash = `#/campaigns/${saved.id}`;
      } catch (e) {
        showProblem(form, e);
      }
    });
    element.append(form);
    name.focus();
  }

  if (id) {
    admin('GET', `/admin/v1/campaigns/${id}`).then((c) => { revision = c.revision; build(c); }, (e) => element.append(failure(e)));
  } else {
    build(start);
  }
  return { element };
}

function numberOrText(value) {
  return /^-?\d+$/.test(String(value).trim()) ? Number(value) : value;
}
