// QR pools: depth, the fleet's upstream quota used this minute, and a refill on demand.

import { admin, call } from '../api.js';
import { failure, h, toast } from '../dom.js';
import { count } from '../format.js';

const EVERY_MS = 3000;

export function qrPools() {
  document.title = 'QR pools — Surge console';
  const rows = h('tbody');
  const result = h('div', { 'aria-live': 'polite' });
  const element = h('section', { 'aria-labelledby': 'qr-title' },
    h('h1', { id: 'qr-title' }, 'QR pools'),
    h('p', { class: 'muted' }, 'Codes ready in each pool, and the upstream codes the whole fleet made this minute (about 5,000 a minute allowed). Refreshed every few seconds.'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Pool'), h('th', { class: 'num' }, 'Codes ready'),
      h('th', { class: 'num' }, 'Upstream quota used this minute'), h('th', {}, 'Refill'))), rows),
    result);
  let timer = null;
  async function load() {
    try {
      const pools = await admin('GET', '/admin/v1/qr-pools');
      rows.replaceChildren(...pools.map((p) => h('tr', { dataset: { pool: p.pool } }, h('td', {}, p.pool),
        h('td', { class: 'num' }, `${count(p.depth)} codes`), h('td', { class: 'num' }, `${count(p.quotaUsedThisMinute)} codes`),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => refill(p.pool) }, `Refill ${p.pool} now`)))));
      if (!pools.length) {
        rows.append(h('tr', {}, h('td', { colspan: 4 }, 'No pools are configured (surge.admin.console.qr-pools).')));
      }
    } catch (e) {
      rows.replaceChildren(h('tr', {}, h('td', { colspan: 4 }, failure(e))));
    }
    timer = setTimeout(load, EVERY_MS);
  }
  async function refill(pool) {
    try {
      const run = await call('qr', 'POST', `/internal/v1/qr-pools/refill?pool=${encodeURIComponent(pool)}`);
      result.replaceChildren(h('p', { class: 'notice' }, `Refill of ${pool}: `, h('code', {}, JSON.stringify(run.pools))));
      toast(`Refill of ${pool} ran`);
    } catch (e) {
      result.replaceChildren(failure(e));
    }
  }
  load();
  return { element, stop: () => clearTimeout(timer) };
}
