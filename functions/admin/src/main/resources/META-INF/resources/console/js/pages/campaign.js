// One campaign: live view and charts, raffle, rain, brake, winners, audit log — one tab each.

import { admin, call } from '../api.js';
import { LineChart } from '../chart.js';
import { confirmAction, failure, field, h, notice, showProblem, statusBadge, toast } from '../dom.js';
import { count, money, percent, time } from '../format.js';

const TABS = [['live', 'Live'], ['raffle', 'Raffle'], ['rain', 'Rain'], ['brake', 'Brake'], ['lists', 'Lists'], ['winners', 'Winners'],
  ['audit', 'Audit log']];
const LIVE_EVERY_MS = 2000;

const SWITCHES = {
  'draws-not-this-time': 'Every draw is answered "not this time"; no stock is touched.',
  'shakes-none': 'Every shake finds nothing; the rain\'s packets stay where they are.',
  'qr-landing-page': 'QR allocation answers the pool\'s landing page; no code is taken.',
  'red-packet-sends-closed': 'Red packets sent in the campaign are refused; packets already sent can still be grabbed.',
};

export function campaignPage(id, tab) {
  const known = TABS.some(([t]) => t === tab) ? tab : 'live';
  const element = h('section', { 'aria-labelledby': 'campaign-title' });
  const header = h('div', {}, h('h1', { id: 'campaign-title' }, `Campaign #${id}`));
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Campaign sections' },
    TABS.map(([t, label]) => h('a', { href: `#/campaigns/${id}/${t}`, 'aria-current': t === known ? 'page' : null }, label)));
  const body = h('div', {});
  element.append(header, tabs, body);
  const timers = [];
  const state = { stopped: false };
  const every = (fn, ms) => {
    const tick = async () => {
      if (state.stopped) return;
      await fn();
      if (!state.stopped) timers.push(setTimeout(tick, ms));
    };
    tick();
  };

  admin('GET', `/admin/v1/campaigns/${id}`).then((campaign) => {
    document.title = `${campaign.name}: ${TABS.find(([t]) => t === known)[1]} — Surge console`;
    let badge = statusBadge(campaign.status);
    const showStatus = (status) => {
      const next = statusBadge(status);
      badge.replaceWith(next);
      badge = next;
    };
    header.replaceChildren(
      h('h1', { id: 'campaign-title' }, campaign.name, ' ', badge),
      h('p', { class: 'muted' }, `#${campaign.id} · `, time(campaign.startsAt, campaign.zone), ' → ', time(campaign.endsAt, campaign.zone),
        ` · ${campaign.zone} · priority ${campaign.priority} · `, h('a', { href: `#/campaigns/${id}/edit` }, 'Edit campaign and rules')));
    const pages = { live, raffle, rain, brake, lists, winners, audit };
    pages[known](body, campaign, every, showStatus);
  }, (e) => body.append(failure(e)));

  return { element, stop: () => { state.stopped = true; timers.forEach(clearTimeout); } };
}

function counter(label, value, attrs = {}) {
  return h('div', { class: 'counter', ...attrs }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
}

// ---- Live -------------------------------------------------------------------------------------------------

function live(body, campaign, every, showStatus) {
  const counters = h('div', { class: 'counters', 'aria-live': 'polite', id: 'live-counters' });
  const prizes = h('tbody');
  const functions = h('div', {});
  const campaignDraws = new LineChart('This campaign\'s draws reaching stock, by outcome', 'per s');
  const outcomes = new LineChart('Draws by outcome (draw function)', 'per s');
  const fallbacks = new LineChart('Fallbacks (all functions)', 'per s');
  const p99 = new LineChart('p99 latency', 'ms');
  body.append(
    h('h2', {}, 'Counters'), counters,
    h('h2', {}, 'Charts'),
    h('p', { class: 'muted' }, 'Read every 2 s. The first chart is this campaign\'s own (the draws that got past interception and reached its stock in Redis); the others are the functions\' metrics, fleet-wide, all campaigns together.'),
    h('div', { class: 'charts' }, campaignDraws.element, outcomes.element, fallbacks.element, p99.element),
    functions,
    h('h2', {}, 'Prizes'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Prize'), h('th', { class: 'num' }, 'Stock (MySQL)'),
      h('th', { class: 'num' }, 'Left to draw (Redis)'), h('th', { class: 'num' }, 'Granted'))), prizes));
  let previous = null;
  every(async () => {
    let l;
    try {
      l = await admin('GET', `/admin/v1/campaigns/${campaign.id}/live`);
    } catch (e) {
      counters.replaceChildren(failure(e));
      return;
    }
    showStatus(l.status);
    const draw = l.functions.find((f) => f.function === 'draw');
    const drawsTotal = draw && draw.outcomes ? Object.values(draw.outcomes).reduce((a, b) => a + b, 0) : null;
    counters.replaceChildren(
      counter('Status', statusBadge(l.status), { 'data-counter': 'status' }),
      counter('Prizes granted', count(l.grants), { 'data-counter': 'grants' }),
      counter('Last grant', time(l.lastGrantAt, campaign.zone)),
      counter('Rain packets won', `${count(l.rainWins)} · ${money(l.rainWonCents)}`, { 'data-counter': 'rain' }),
      counter('Draws that reached stock (this campaign)', count(Object.values(l.draws || {}).reduce((a, b) => a + b, 0)), { 'data-counter': 'campaign-draws' }),
      counter('Draws answered (draw function, all campaigns)', drawsTotal === null ? '—' : count(drawsTotal), { 'data-counter': 'draws' }),
      counter('Switches on', l.switches.length ? l.switches.join(', ') : 'none', { 'data-counter': 'switches' }));
    prizes.replaceChildren(...l.prizes.map((p) => h('tr', {}, h('td', {}, p.name), h('td', { class: 'num' }, count(p.stock)),
      h('td', { class: 'num' }, p.redisStock === undefined ? 'not published' : count(p.redisStock)),
      h('td', { class: 'num' }, count(p.granted)))));
    if (!l.prizes.length) {
      prizes.append(h('tr', {}, h('td', { colspan: 4 }, 'This campaign runs no raffle.')));
    }
    functions.replaceChildren(...l.functions.filter((f) => !f.reachable)
      .map((f) => h('p', { class: 'problem' }, `Metrics of the ${f.function} function: ${f.error}`)));
    if (!l.functions.length) {
      functions.append(h('p', { class: 'muted' }, 'No function\'s metrics can be read from here (in AWS they are in CloudWatch): the charts have no source.'));
    }
    const t = Date.parse(l.at);
    if (previous) {
      const seconds = Math.max((t - previous.t) / 1000, 0.001);
      const rates = {};
      if (draw && draw.outcomes) {
        for (const [name, value] of Object.entries(draw.outcomes)) {
          const before = previous.outcomes[name] ?? 0;
          rates[name] = Math.max(value - before, 0) / seconds;
        }
      }
      outcomes.push(t, rates);
      const own = {};
      for (const [name, value] of Object.entries(l.draws || {})) {
        own[name] = Math.max(value - (previous.draws[name] ?? 0), 0) / seconds;
      }
      campaignDraws.push(t, own);
      const fb = {};
      const lat = {};
      for (const f of l.functions.filter((x) => x.reachable)) {
        const before = previous.fallbacks[f.function];
        fb[f.function] = before === undefined ? null : Math.max(f.fallbacks - before, 0) / seconds;
        if (f.p99Seconds !== undefined) {
          lat[f.function] = f.p99Seconds * 1000;
        }
      }
      fallbacks.push(t, fb);
      p99.push(t, lat);
    }
    previous = {
      t,
      draws: { ...(l.draws || {}) },
      outcomes: draw && draw.outcomes ? { ...draw.outcomes } : {},
      fallbacks: Object.fromEntries(l.functions.filter((x) => x.reachable).map((f) => [f.function, f.fallbacks])),
    };
  }, LIVE_EVERY_MS);
}

// ---- Raffle -----------------------------------------------------------------------------------------------

function raffle(body, campaign) {
  const base = `/admin/v1/campaigns/${campaign.id}`;
  const settingsBox = h('div', {});
  const prizesBox = h('div', {});
  const reconcileBox = h('div', {});
  body.append(h('h2', {}, 'Settings'), settingsBox, h('h2', {}, 'Prizes'), prizesBox, h('h2', {}, 'Reconcile Redis with MySQL'), reconcileBox);

  async function load() {
    let r;
    try {
      r = await admin('GET', `${base}/raffle`);
    } catch (e) {
      settingsBox.replaceChildren(failure(e));
      return;
    }
    const ratio = h('input', { type: 'number', step: '0.01', min: 0, max: 1, value: r.interceptRatio ?? 0.9 });
    const noPrize = h('input', { type: 'number', step: 1, value: r.noPrizeWeight ?? 0 });
    const buckets = h('input', { type: 'number', step: 1, value: r.stockBuckets ?? 1 });
    const settings = h('form', { class: 'card', novalidate: true, 'aria-label': 'Raffle settings' },
      h('div', { class: 'grid' },
        field('Interception ratio', { input: ratio, field: 'interceptRatio', hint: r.interceptRatio !== undefined ? `now ${percent(r.interceptRatio)} answered "not this time" at once` : 'share of draws answered "not this time" at once' }),
        field('No-prize weight', { input: noPrize, field: 'noPrizeWeight', hint: 'weight of "no prize" against the prizes' }),
        field('Stock buckets', { input: buckets, field: 'stockBuckets', hint: '1–16, fixed once published' })),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, r.interceptRatio === undefined ? 'Set up the raffle' : 'Save settings')));
    settings.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await admin('PUT', `${base}/raffle`, {
          body: { interceptRatio: num(ratio.value), noPrizeWeight: num(noPrize.value), stockBuckets: num(buckets.value) },
        });
        toast('Raffle settings saved');
        load();
      } catch (e) {
        showProblem(settings, e);
      }
    });
    settingsBox.replaceChildren(settings);

    const rows = h('tbody');
    for (const p of r.prizes) {
      const name = h('input', { type: 'text', value: p.name, 'aria-label': `Name of prize ${p.id}` });
      const weight = h('input', { type: 'number', step: 1, value: p.weight, 'aria-label': `Weight of prize ${p.id}` });
      const delta = h('input', { type: 'number', step: 1, placeholder: '+10 or -5', 'aria-label': `Stock change of prize ${p.id}` });
      const edit = h('form', { novalidate: true, class: 'prize-edit' }, h('div', { class: 'grid' },
        field('Name', { input: name, field: 'name' }), field('Weight', { input: weight, field: 'weight' })),
      h('button', { type: 'submit', class: 'secondary' }, 'Save'));
      edit.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          await admin('PUT', `${base}/prizes/${p.id}`, { body: { name: name.value, weight: num(weight.value) } });
          toast(`Prize ${p.id} saved`);
          load();
        } catch (e) {
          showProblem(edit, e);
        }
      });
      const stock = h('form', { novalidate: true, class: 'prize-stock' }, field('Add or remove units', { input: delta, field: 'delta' }),
        h('button', { type: 'submit', class: 'secondary' }, 'Change stock'));
      stock.addEventListener('submit', async (event) => {
        event.preventDefault();
        const d = num(delta.value);
        if (typeof d === 'number' && d < 0 && !(await confirmAction('Remove stock?', `Remove ${-d} units of "${p.name}"? Draws can no longer win them.`, 'Remove units'))) {
          return;
        }
        try {
          await admin('POST', `${base}/prizes/${p.id}/stock`, { body: { delta: d } });
          toast(`Stock of "${p.name}" changed by ${d}`);
          load();
        } catch (e) {
          showProblem(stock, e);
        }
      });
      rows.append(h('tr', { dataset: { prize: p.id } }, h('td', {}, edit), h('td', { class: 'num' }, count(p.stock)),
        h('td', { class: 'num' }, p.redisStock === undefined ? 'not published' : count(p.redisStock)), h('td', {}, stock)));
    }
    if (!r.prizes.length) {
      rows.append(h('tr', {}, h('td', { colspan: 4 }, 'No prizes yet.')));
    }
    const newName = h('input', { type: 'text' });
    const newWeight = h('input', { type: 'number', step: 1, value: 1 });
    const newStock = h('input', { type: 'number', step: 1, value: 10 });
    const add = h('form', { class: 'card', novalidate: true, 'aria-label': 'Add a prize' },
      h('h3', {}, 'Add a prize'),
      h('div', { class: 'grid' }, field('Prize name', { input: newName, field: 'name' }),
        field('Weight', { input: newWeight, field: 'weight' }), field('Stock', { input: newStock, field: 'stock', hint: 'units' })),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add prize')));
    add.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await admin('POST', `${base}/prizes`, { body: { name: newName.value, weight: num(newWeight.value), stock: num(newStock.value) } });
        toast(`Prize "${newName.value}" added`);
        load();
      } catch (e) {
        showProblem(add, e);
      }
    });
    prizesBox.replaceChildren(h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Prize (name, weight)'),
      h('th', { class: 'num' }, 'Stock (MySQL)'), h('th', { class: 'num' }, 'Left to draw (Redis)'), h('th', {}, 'Stock change'))), rows), add);
  }

  const report = h('div', { 'aria-live': 'polite' });
  const reconcile = h('div', { class: 'card' },
    h('p', {}, 'Compare first: the report says, per prize, how far Redis has drifted from MySQL. A repair sets Redis from MySQL and is audited.'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => run(false) }, 'Compare (report only)'),
      h('button', { type: 'button', class: 'danger', onclick: () => run(true) }, 'Repair from MySQL…')),
    report);
  async function run(repair) {
    if (repair && !(await confirmAction('Repair the stock?', 'Set every prize\'s Redis stock from MySQL? Draws in flight are counted; the repair is written to the audit log.', 'Repair'))) {
      return;
    }
    try {
      const r = await admin('POST', `${base}/reconcile${repair ? '?repair=true' : ''}`);
      report.replaceChildren(
        h('p', { class: r.prizes.some((p) => p.drift !== 0) ? 'problem' : 'notice' },
          r.repaired ? 'Repaired.' : (r.prizes.some((p) => p.drift !== 0) ? 'Redis has drifted from MySQL.' : 'Redis and MySQL agree.')),
        h('table', {}, h('thead', {}, h('tr', {}, ['Prize', 'MySQL stock', 'Redis stock', 'Pending', 'Expected in Redis', 'Drift', 'Granted', 'Redis after']
          .map((t) => h('th', { class: t === 'Prize' ? null : 'num' }, t)))),
        h('tbody', {}, r.prizes.map((p) => h('tr', {}, h('td', {}, p.name), ...[p.mysqlStock, p.redisStock, p.pending, p.expectedRedisStock, p.drift, p.granted, p.redisStockAfter]
          .map((v) => h('td', { class: 'num' }, count(v))))))));
      if (r.repaired) {
        load();
      }
    } catch (e) {
      report.replaceChildren(failure(e));
    }
  }
  reconcileBox.append(reconcile);
  load();
}

// ---- Rain -------------------------------------------------------------------------------------------------

function rain(body, campaign, every) {
  const path = `/admin/v1/campaigns/${campaign.id}/rain`;
  const status = h('div', { 'aria-live': 'polite' });
  const controls = h('div', {});
  const start = h('div', {});
  const chart = new LineChart('Rain: packets', 'per s');
  body.append(status, controls, h('div', { class: 'charts' }, chart.element), start);
  let previous = null;
  let shownStart = false;

  every(async () => {
    let r;
    try {
      r = await call('redpacket', 'GET', path);
    } catch (e) {
      if (e.status === 404) {
        status.replaceChildren(h('p', {}, 'No rain has started in this campaign.'));
        controls.replaceChildren();
        if (!shownStart) {
          start.replaceChildren(startForm());
          shownStart = true;
        }
      } else {
        status.replaceChildren(failure(e));
      }
      return;
    }
    start.replaceChildren();
    shownStart = false;
    status.replaceChildren(
      h('div', { class: 'counters' },
        counter('State', r.state), counter('Released', count(r.released)), counter('Won', `${count(r.won)} · ${money(r.wonCents)}`),
        counter('Remaining', `${count(r.remaining)} · ${money(r.remainingCents)}`), counter('Rate', `${count(r.ratePerSecond)} /s`),
        counter('Released by', time(r.releasedBy, campaign.zone))),
      h('h2', {}, 'Per bucket'),
      h('table', {}, h('thead', {}, h('tr', {}, ['Bucket', 'Size', 'Released', 'Won', 'Won (money)', 'State', 'Rate /s'].map((t) => h('th', {}, t)))),
        h('tbody', {}, (r.buckets || []).map((b) => h('tr', {}, h('td', {}, b.bucket), h('td', {}, count(b.size)), h('td', {}, count(b.released)),
          h('td', {}, count(b.won)), h('td', {}, money(b.wonCents)), h('td', {}, b.state), h('td', {}, count(b.ratePerSecond)))))));
    const t = Date.parse(r.at);
    if (previous) {
      const s = Math.max((t - previous.t) / 1000, 0.001);
      chart.push(t, { released: Math.max(r.released - previous.released, 0) / s, won: Math.max(r.won - previous.won, 0) / s });
    }
    previous = { t, released: r.released, won: r.won };
    if (!controls.dataset.state || controls.dataset.state !== r.state) {
      controls.dataset.state = r.state;
      controls.replaceChildren(rainControls(r));
    }
  }, LIVE_EVERY_MS);

  function rainControls(r) {
    const act = async (verb, question) => {
      if (question && !(await confirmAction(`${verb[0].toUpperCase()}${verb.slice(1)} the rain?`, question, verb))) {
        return;
      }
      try {
        await call('redpacket', 'POST', `${path}/${verb}`);
        toast(`Rain: ${verb}`);
        delete controls.dataset.state;
      } catch (e) {
        showProblem(form, e);
      }
    };
    const rate = h('input', { type: 'number', step: 1, value: r.ratePerSecond });
    const form = h('form', { class: 'card', novalidate: true, 'aria-label': 'Rain controls' },
      h('div', { class: 'actions' },
        r.state === 'running' ? h('button', { type: 'button', class: 'danger', onclick: () => act('pause', 'No packet is released while it is paused; shakes find what is already released.') }, 'Pause…') : null,
        r.state === 'paused' ? h('button', { type: 'button', onclick: () => act('resume') }, 'Resume') : null,
        r.state !== 'stopped' ? h('button', { type: 'button', class: 'danger', onclick: () => act('stop', 'Stopping ends the rain for good: it cannot be resumed. Packets already won stay won.') }, 'Stop for good…') : null),
      r.state !== 'stopped' ? h('div', { class: 'grid' }, field('Release rate', { input: rate, field: 'ratePerSecond', hint: 'packets per second, obeyed within about a second' })) : null,
      r.state !== 'stopped' ? h('button', { type: 'submit', class: 'secondary' }, 'Change rate') : null);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await call('redpacket', 'PUT', `${path}/rate`, { body: { ratePerSecond: num(rate.value) } });
        toast('Release rate changed');
        notice(form, `Rate set to ${rate.value} a second.`);
        delete controls.dataset.state;
      } catch (e) {
        showProblem(form, e);
      }
    });
    return form;
  }

  function startForm() {
    const inputs = {
      totalPackets: h('input', { type: 'number', step: 1, value: 1000 }),
      amountCents: h('input', { type: 'number', step: 1, value: 88 }),
      minCents: h('input', { type: 'number', step: 1 }),
      maxCents: h('input', { type: 'number', step: 1 }),
      ratePerSecond: h('input', { type: 'number', step: 1, value: 200 }),
      buckets: h('input', { type: 'number', step: 1, value: 8 }),
      perUserMax: h('input', { type: 'number', step: 1, value: 1 }),
    };
    const plan = h('p', { class: 'muted', 'aria-live': 'polite' });
    const describe = () => {
      const n = Number(inputs.totalPackets.value) || 0;
      const rate = Number(inputs.ratePerSecond.value) || 0;
      const each = inputs.amountCents.value ? `${money(inputs.amountCents.value)} each, ${money(n * Number(inputs.amountCents.value))} in all`
        : `${money(inputs.minCents.value)}–${money(inputs.maxCents.value)} each`;
      plan.textContent = `Plan: ${count(n)} packets, ${each}, released at ${count(rate)} a second over ${inputs.buckets.value} buckets: about ${rate ? Math.ceil(n / rate) : '∞'} s of rain; at most ${inputs.perUserMax.value} a user.`;
    };
    Object.values(inputs).forEach((i) => i.addEventListener('input', describe));
    describe();
    const form = h('form', { class: 'card', novalidate: true, 'aria-label': 'Start a rain' },
      h('h2', {}, 'Start a rain'),
      h('div', { class: 'grid' },
        field('Packets', { input: inputs.totalPackets, field: 'totalPackets' }),
        field('Amount of each packet', { input: inputs.amountCents, field: 'amountCents', hint: 'cents; or give min and max' }),
        field('Least amount', { input: inputs.minCents, field: 'minCents', hint: 'cents' }),
        field('Largest amount', { input: inputs.maxCents, field: 'maxCents', hint: 'cents' }),
        field('Release rate', { input: inputs.ratePerSecond, field: 'ratePerSecond', hint: 'packets a second' }),
        field('Buckets', { input: inputs.buckets, field: 'buckets' }),
        field('Most packets one user may win', { input: inputs.perUserMax, field: 'perUserMax' })),
      plan,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Start the rain…')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      describe();
      if (!(await confirmAction('Start the rain?', plan.textContent, 'Start'))) {
        return;
      }
      const bodyOut = {};
      for (const [k, input] of Object.entries(inputs)) {
        if (input.value !== '') bodyOut[k] = num(input.value);
      }
      try {
        await call('redpacket', 'POST', path, { body: bodyOut });
        toast('The rain has started');
        start.replaceChildren();
      } catch (e) {
        showProblem(form, e);
      }
    });
    return form;
  }
}

// ---- Brake ------------------------------------------------------------------------------------------------

function brake(body, campaign, every, showStatus) {
  const base = `/admin/v1/campaigns/${campaign.id}`;
  const statusBox = h('div', { class: 'card', 'aria-live': 'polite' });
  const switchesBox = h('div', { class: 'card' });
  const effect = h('div', { 'aria-live': 'assertive' });
  body.append(h('p', {}, 'Pausing stops every hot path of the campaign — draws, shakes, red packets, QR codes — on every function within 2 s. A switch brakes one path and keeps the rest running.'),
    effect, h('h2', {}, 'Status'), statusBox, h('h2', {}, 'Degrade switches'), switchesBox);

  let current = campaign;
  let pendingSince = null;

  function drawStatus() {
    const s = current.status;
    showStatus(s);
    const targets = { draft: ['online'], online: ['paused', 'ended'], paused: ['online', 'ended'], ended: [] }[s] || [];
    const label = { online: 'Set online', paused: 'Pause the campaign…', ended: 'End the campaign…' };
    const form = h('div', {},
      h('p', {}, 'Now: ', statusBadge(s), current.publishedAt ? [' · published ', time(current.publishedAt, campaign.zone), ` (version ${current.publishedVersion})`] : ' · never published'),
      h('div', { class: 'actions' }, targets.map((t) => h('button', {
        type: 'button', class: t === 'online' ? null : 'danger', dataset: { status: t },
        onclick: () => changeStatus(t),
      }, label[t]))));
    statusBox.replaceChildren(form);
  }

  async function changeStatus(target) {
    const words = {
      online: ['Set the campaign online?', 'It is published at once; every function takes it within 2 s.'],
      paused: ['Pause the campaign?', 'Draws answer "ineligible", shakes "closed", QR allocation and red-packet sends 409, on every function within 2 s.'],
      ended: ['End the campaign?', 'An ended campaign cannot be set online again, and its switches cannot change.'],
    }[target];
    if (!(await confirmAction(words[0], words[1], target === 'online' ? 'Set online' : target === 'paused' ? 'Pause' : 'End'))) {
      return;
    }
    try {
      current = await admin('POST', `${base}/status`, { body: { status: target } });
      pendingSince = Date.now();
      effect.replaceChildren(h('p', { class: 'notice' }, `Status is now ${current.status}, published as version ${current.publishedVersion}; every function takes it within 2 s.`));
      drawStatus();
      drawSwitches();
    } catch (e) {
      effect.replaceChildren(failure(e));
    }
  }

  async function drawSwitches() {
    let s;
    try {
      s = await admin('GET', `${base}/switches`);
    } catch (e) {
      switchesBox.replaceChildren(failure(e));
      return;
    }
    switchesBox.replaceChildren(...s.available.map((name) => {
      const on = s.on.includes(name);
      return h('div', { class: 'switch', dataset: { switch: name } },
        h('div', {}, h('strong', {}, name), ' ', h('span', { class: on ? 'on' : 'off' }, on ? 'ON' : 'off'), h('p', {}, SWITCHES[name] || '')),
        h('button', {
          type: 'button', class: on ? 'secondary' : 'danger', 'aria-pressed': on ? 'true' : 'false',
          disabled: current.status === 'ended',
          onclick: () => flip(name, !on),
        }, on ? `Turn ${name} off…` : `Turn ${name} on…`));
    }));
  }

  async function flip(name, on) {
    if (!(await confirmAction(`Turn ${name} ${on ? 'on' : 'off'}?`, on ? SWITCHES[name] : 'That path answers normally again within 2 s.', on ? 'Turn on' : 'Turn off'))) {
      return;
    }
    try {
      const s = await admin('PUT', `${base}/switches/${name}`, { body: { on } });
      pendingSince = Date.now();
      effect.replaceChildren(h('p', { class: 'notice' }, `${name} is ${on ? 'on' : 'off'}, published as version ${s.publishedVersion}; every function takes it within 2 s.`));
      drawSwitches();
    } catch (e) {
      effect.replaceChildren(failure(e));
    }
  }

  drawStatus();
  drawSwitches();
  // The campaign as the live read sees it, so a change made elsewhere shows too.
  every(async () => {
    try {
      const l = await admin('GET', `${base}/live?metrics=false`);
      if (l.status !== current.status) {
        current = await admin('GET', base);
        drawStatus();
        drawSwitches();
      }
      if (pendingSince && Date.now() - pendingSince > 2000) {
        const n = effect.querySelector('.notice');
        if (n && !n.dataset.done) {
          n.dataset.done = '1';
          n.append(' In effect everywhere now.');
        }
        pendingSince = null;
      }
    } catch (e) {
      // the next tick tries again; a sign-in problem has already sent the operator to sign in
    }
  }, 1000);
}

// ---- Lists ------------------------------------------------------------------------------------------------

/** The list names the campaign's rules read (allow-list, block-list, segment). */
function listNames(campaign) {
  const names = new Set();
  for (const rule of campaign.rules || []) {
    if (rule.params?.list) names.add(rule.params.list);
    if (rule.kind === 'segment') (rule.params?.anyOf || []).forEach((n) => names.add(n));
  }
  return [...names];
}

function lists(body, campaign) {
  const base = `/admin/v1/campaigns/${campaign.id}/lists`;
  const rows = h('tbody');
  // The lists the rules read, and those uploaded on this page.
  const known = new Set(listNames(campaign));
  const name = h('input', { type: 'text', value: listNames(campaign)[0] || '' });
  const ids = h('textarea', { rows: 8, spellcheck: false });
  const file = h('input', { type: 'file', accept: '.txt,text/plain' });
  const form = h('form', { class: 'card', novalidate: true, 'aria-label': 'Upload a list' },
    h('h2', {}, 'Upload a list'),
    h('p', { class: 'muted' }, 'Replaces the whole list, one user id a line; the old list stays until the new one is complete. A live campaign sees it at once.'),
    field('List name', { input: name, field: 'list', hint: 'lower-case letters, digits, - or _' }),
    field('User ids', { input: ids, field: 'ids', hint: 'one a line' }),
    field('Or a file', { input: file, hint: 'plain text, one id a line' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Upload list')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = file.files.length ? await file.files[0].text() : ids.value;
    try {
      const r = await admin('PUT', `${base}/${encodeURIComponent(name.value.trim())}`, { body: text, type: 'text/plain; charset=utf-8' });
      known.add(r.list);
      notice(form, `List ${r.list} now holds ${count(r.size)} user ids.`);
      load();
    } catch (e) {
      showProblem(form, e);
    }
  });
  body.append(h('h2', {}, 'Lists the rules read'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'List'), h('th', { class: 'num' }, 'User ids'), h('th', {}, ''))), rows), form);

  async function load() {
    const names = known;
    rows.replaceChildren();
    for (const n of names) {
      let size;
      try {
        size = count((await admin('GET', `${base}/${encodeURIComponent(n)}`)).size);
      } catch (e) {
        size = e.status === 404 ? 'not uploaded' : e.message;
      }
      rows.append(h('tr', { dataset: { list: n } }, h('td', {}, n), h('td', { class: 'num' }, size),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => remove(n) }, `Delete ${n}…`))));
    }
    if (!names.size) {
      rows.append(h('tr', {}, h('td', { colspan: 3 }, 'No rule of this campaign reads a list.')));
    }
  }
  async function remove(n) {
    if (!(await confirmAction(`Delete list ${n}?`, `A rule reading ${n} then finds nobody on it (an allow-list lets no one in; a block-list keeps no one out).`, 'Delete'))) {
      return;
    }
    try {
      await admin('DELETE', `${base}/${encodeURIComponent(n)}`);
      toast(`List ${n} deleted`);
      load();
    } catch (e) {
      showProblem(form, e);
    }
  }
  load();
}

// ---- Winners ----------------------------------------------------------------------------------------------

function winners(body, campaign) {
  const path = `/admin/v1/campaigns/${campaign.id}/winners`;
  const rows = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  const download = h('div', { 'aria-live': 'polite' });
  const exportButton = h('button', { type: 'button' }, 'Export all winners (CSV)');
  body.append(h('div', { class: 'actions' }, exportButton, download),
    h('table', {}, h('thead', {}, h('tr', {}, ['Kind', 'User', 'Prize', 'Amount', 'Reference', 'At'].map((t) => h('th', {}, t)))), rows), more);
  let next = null;

  async function page() {
    try {
      const response = await admin('GET', `${path}?limit=50${next ? `&after=${encodeURIComponent(next)}` : ''}`, { accept: 'application/x-ndjson', raw: true });
      next = response.headers.get('X-Next-Cursor');
      const text = await response.text();
      const list = text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
      for (const w of list) {
        rows.append(h('tr', {}, h('td', {}, w.kind), h('td', {}, w.userId), h('td', {}, w.prizeName || '—'),
          h('td', {}, w.amountCents ? money(w.amountCents) : '—'), h('td', {}, String(w.reference ?? '')), h('td', {}, time(w.at, campaign.zone))));
      }
      if (!rows.children.length) {
        rows.append(h('tr', {}, h('td', { colspan: 6 }, 'No winners yet.')));
      }
      more.hidden = !next;
    } catch (e) {
      body.append(failure(e));
    }
  }
  more.addEventListener('click', page);

  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    download.textContent = 'Exporting…';
    try {
      const parts = [];
      let cursor = null;
      let pages = 0;
      do {
        const response = await admin('GET', `${path}?limit=20000${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`, { accept: 'text/csv', raw: true });
        let text = await response.text();
        if (pages > 0) {
          text = text.slice(text.indexOf('\n') + 1);
        }
        parts.push(text);
        cursor = response.headers.get('X-Next-Cursor');
        pages += 1;
      } while (cursor);
      const blob = new Blob(parts, { type: 'text/csv' });
      const name = `winners-campaign-${campaign.id}.csv`;
      const link = h('a', { href: URL.createObjectURL(blob), download: name, id: 'winners-download' }, `Download ${name}`);
      download.replaceChildren(link, ` (${count(parts.join('').split('\n').filter(Boolean).length - 1)} winners)`);
      link.click();
    } catch (e) {
      download.replaceChildren(failure(e));
    }
    exportButton.disabled = false;
  });
  page();
}

// ---- Audit log --------------------------------------------------------------------------------------------

function audit(body, campaign) {
  const rows = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  body.append(h('p', { class: 'muted' }, 'Every change an operator made to this campaign, oldest first. The rain\'s controls are not in this log.'),
    h('table', {}, h('thead', {}, h('tr', {}, ['#', 'When', 'Who', 'What', 'Before', 'After'].map((t) => h('th', {}, t)))), rows), more);
  let after = 0;
  async function page() {
    try {
      const list = await admin('GET', `/admin/v1/audit?campaign=${campaign.id}&after=${after}&limit=100`);
      for (const e of list) {
        rows.append(h('tr', {}, h('td', {}, e.id), h('td', {}, time(e.at, campaign.zone)), h('td', {}, e.actor), h('td', {}, e.action),
          h('td', {}, h('pre', {}, pretty(e.before))), h('td', {}, h('pre', {}, pretty(e.after)))));
        after = e.id;
      }
      if (!rows.children.length) {
        rows.append(h('tr', {}, h('td', { colspan: 6 }, 'No changes yet.')));
      }
      more.hidden = list.length < 100;
    } catch (e) {
      body.append(failure(e));
    }
  }
  more.addEventListener('click', page);
  page();
}

function pretty(json) {
  if (json === null || json === undefined) {
    return '—';
  }
  try {
    return JSON.stringify(typeof json === 'string' ? JSON.parse(json) : json, null, 1);
  } catch (e) {
    return String(json);
  }
}

function num(value) {
  const v = String(value).trim();
  if (v === '') {
    return null;
  }
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

