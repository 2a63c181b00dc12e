// The operator console end to end, in headless Chromium against real admin, draw and red-packet runners
// (scripts/console-test starts them): an operator signs in with a token, creates a campaign with two rules, adds a
// prize, sets it online, sees a draw made by curl in the live counters, pauses it and sees draws refused, exports
// the winners, runs a rain; every request to an API carries the token; a refused token shows sign-in again; bad
// input in every form shows the API's own message and changes nothing.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

const { ROOT, CONSOLE_URL, ADMIN_URL, DRAW_URL, REDPACKET_URL, SCREENSHOTS, CHROMIUM } = process.env;
const token = (...args) => execFileSync(`${ROOT}/scripts/dev-token`, args, { encoding: 'utf8' }).trim();
const ADMIN_TOKEN = token('operator', '--admin');
const API_ORIGINS = [new URL(ADMIN_URL).origin, new URL(DRAW_URL).origin, new URL(REDPACKET_URL).origin];

let browser;
let context;
let page;
const apiRequests = [];
const pageErrors = [];
let campaignId;
let shot = 0;
const VIEWPORT = { width: 1280, height: 900 };

async function screenshot(name) {
  shot += 1;
  // The whole page, by making the viewport as tall as the page for the shot: Playwright's fullPage mode left
  // this Chromium ignoring the next click.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(Math.max(height, VIEWPORT.height), 4000) });
  await page.screenshot({ path: `${SCREENSHOTS}/${String(shot).padStart(2, '0')}-${name}.png` });
  await page.setViewportSize(VIEWPORT);
}

async function api(method, path, body) {
  const response = await fetch(`${ADMIN_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** One draw, sent with curl as a phone would: the user's own token, an idempotency key, the channel. */
function curlDraw(user) {
  const out = execFileSync('curl', ['-sS', '--max-time', '10', '-X', 'POST', `${DRAW_URL}/v1/campaigns/${campaignId}/draws`,
    '-H', `Authorization: Bearer ${token(user, '--tags', 'vip')}`, '-H', `Idempotency-Key: console-${user}-${Date.now()}`,
    '-H', 'Content-Type: application/json', '-d', '{"channel":"app"}'], { encoding: 'utf8' });
  return JSON.parse(out);
}

/**
 * Draws with fresh users until the draw function answers the outcome: every function revalidates its catalog every
 * second, so a brake reaches it within about 2 s (5 s allowed here, on a machine other builds share).
 */
async function drawsAnswer(outcome) {
  const started = Date.now();
  let answer;
  for (let i = 0; Date.now() - started < 5000; i++) {
    answer = curlDraw(`brake-${outcome}-${i}`);
    if (answer.outcome === outcome) {
      console.log(`the draw function answered ${outcome} ${Date.now() - started} ms after the console said so`);
      return answer;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`draws still answered ${JSON.stringify(answer)} 5 s after the brake`);
}

async function confirm() {
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  await dialog.locator('button.danger').click();
}

async function signIn(value = ADMIN_TOKEN) {
  await page.getByLabel('Admin bearer token').fill(value);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function tab(name) {
  await page.locator('nav.tabs').getByRole('link', { name, exact: true }).click();
}

/**
 * Submits a form with bad input and checks the console shows the API's own words (the problem's field message
 * next to the field, or its detail) and that the API's state is the same afterwards.
 */
async function refusedAsTheApiSays(submit, path, { field, state } = {}) {
  const before = state ? await state() : null;
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(path) && r.request().method() !== 'GET' && r.request().method() !== 'OPTIONS'),
    submit(),
  ]);
  assert.ok(response.status() >= 400 && response.status() < 500, `${path} answered ${response.status()}`);
  const problem = await response.json();
  const words = problem.detail || problem.errors?.[0]?.message;
  assert.ok(words, `the problem says something: ${JSON.stringify(problem)}`);
  await page.locator('.problem[role=alert]', { hasText: words }).first().waitFor();
  if (field) {
    assert.ok(problem.errors?.length, `the problem names the field: ${JSON.stringify(problem)}`);
    const control = page.locator(`[data-field="${field}"][aria-invalid="true"]`).first();
    await control.waitFor();
    const describedBy = await control.getAttribute('aria-describedby');
    assert.equal((await page.locator(`#${describedBy}`).textContent()).trim(), problem.errors[0].message);
  }
  if (state) {
    assert.deepEqual(await state(), before, 'the refused input changed nothing');
  }
  return problem;
}

/** A test that leaves a screenshot of the page as it was when it failed. */
function step(name, fn) {
  test(name, async () => {
    try {
      await fn();
    } catch (e) {
      console.error('last API requests:', apiRequests.slice(-4).map((r) => `${r.method} ${r.url}`));
      await screenshot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(() => {});
      throw e;
    }
  });
}

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, timezoneId: 'Europe/Paris' });
  // A failed promise in the page is a script failure too.
  await context.addInitScript(() => window.addEventListener('unhandledrejection', (e) => console.error(`unhandled: ${e.reason && e.reason.stack ? e.reason.stack : e.reason}`)));
  page = await context.newPage();
  // Generous: the suite may share two cores with other builds; a wait ends as soon as its condition holds.
  page.setDefaultTimeout(20000);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (API_ORIGINS.includes(url.origin) && !url.pathname.startsWith('/console/')) {
      apiRequests.push({ url: request.url(), method: request.method(), authorization: request.headers().authorization });
    }
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.text().startsWith('unhandled: ')) pageErrors.push(m.text()); });
  if (process.env.CONSOLE_DEBUG) page.on('console', (m) => console.error('browser:', m.text()));
  if (process.env.CONSOLE_DEBUG) page.on('response', (r) => console.error('response:', r.status(), r.request().method(), r.url()));
});

after(async () => {
  await browser?.close();
});

step('sign-in comes first, and the token stays in the tab\'s session only', async () => {
  await page.goto(CONSOLE_URL);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(apiRequests.length, 0, 'no API request before a token was given');
  await screenshot('sign-in');
  // By keyboard alone: the token field has the focus, Tab reaches the button with a visible focus ring, Enter signs in.
  assert.equal(await page.evaluate(() => document.activeElement.id), await page.getByLabel('Admin bearer token').getAttribute('id'));
  await page.keyboard.insertText(ADMIN_TOKEN);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Sign in');
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'solid');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('surge.console.token')), ADMIN_TOKEN);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.deepEqual(await context.cookies(), []);
});

step('bad input in the campaign form shows the API\'s message next to the field and creates nothing', async () => {
  const campaigns = async () => (await api('GET', '/admin/v1/campaigns')).body.map((c) => c.id);
  await page.getByRole('link', { name: 'New campaign' }).click();
  await page.getByRole('heading', { name: 'New campaign' }).waitFor();
  // No name.
  await refusedAsTheApiSays(() => page.getByRole('button', { name: 'Create campaign' }).click(), '/admin/v1/campaigns',
    { field: 'name', state: campaigns });
  await screenshot('campaign-form-refused');
  // A rule the rule book refuses: an order minimum of 0 cents.
  await page.getByLabel('Name', { exact: true }).fill('Refused rule');
  await page.getByLabel('Add a rule of kind').selectOption('min-order-amount');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByLabel(/Minimum order/).fill('0');
  const problem = await refusedAsTheApiSays(() => page.getByRole('button', { name: 'Create campaign' }).click(),
    '/admin/v1/campaigns', { state: campaigns });
  assert.match(JSON.stringify(problem), /at least 1/);
  // A rate limit with a zero window.
  await page.getByRole('button', { name: 'Remove rule 1' }).click();
  await page.getByLabel('draw: at most').fill('5');
  await page.getByLabel('draw: per window of').fill('0');
  await refusedAsTheApiSays(() => page.getByRole('button', { name: 'Create campaign' }).click(), '/admin/v1/campaigns',
    { field: 'rateLimits.draw.windowSeconds', state: campaigns });
});

step('an operator creates a campaign with two rules, adds a prize and sets it online', async () => {
  await page.getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('link', { name: 'New campaign' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Console raffle');
  await page.getByLabel('Time zone').fill('Asia/Shanghai');
  await page.getByLabel('Add a rule of kind').selectOption('channel');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByLabel(/Any of the channels/).fill('app, mini-program');
  await page.getByLabel('Add a rule of kind').selectOption('user-tags');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.locator('fieldset.rule').nth(1).getByLabel(/Any of the tags/).fill('vip');
  await page.getByLabel('Times in total').fill('3');
  await screenshot('campaign-form');
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await page.waitForFunction(() => /#\/campaigns\/\d+$/.test(location.hash));
  campaignId = Number(/#\/campaigns\/(\d+)/.exec(page.url())[1]);
  const created = (await api('GET', `/admin/v1/campaigns/${campaignId}`)).body;
  assert.deepEqual(created.rules, [
    { kind: 'channel', params: { anyOf: ['app', 'mini-program'] } },
    { kind: 'user-tags', params: { anyOf: ['vip'] } },
  ]);
  assert.equal(created.status, 'draft');

  // Edited: a priority out of bounds is refused next to its field and changes nothing; a good one is saved.
  await page.getByRole('link', { name: 'Edit campaign and rules' }).click();
  await page.getByRole('heading', { name: `Edit campaign #${campaignId}` }).waitFor();
  await page.getByLabel(/^Priority/).fill('1001');
  const campaign = async () => (await api('GET', `/admin/v1/campaigns/${campaignId}`)).body;
  await refusedAsTheApiSays(() => page.getByRole('button', { name: 'Save changes' }).click(), `/admin/v1/campaigns/${campaignId}`,
    { field: 'priority', state: campaign });
  await page.getByLabel(/^Priority/).fill('20');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForFunction(() => /#\/campaigns\/\d+$/.test(location.hash));
  const edited = await campaign();
  assert.equal(edited.priority, 20);
  assert.deepEqual(edited.rules, created.rules);

  await tab('Raffle');
  await page.getByLabel('Interception ratio').fill('0');
  await page.getByLabel('No-prize weight').fill('0');
  await page.getByRole('button', { name: 'Set up the raffle' }).click();
  await page.getByRole('button', { name: 'Save settings' }).waitFor();
  const addPrize = page.locator('form[aria-label="Add a prize"]');
  await addPrize.getByLabel('Prize name').fill('Lantern');
  await addPrize.getByLabel('Weight').fill('1');
  await addPrize.getByLabel('Stock', { exact: false }).fill('10');
  await page.getByRole('button', { name: 'Add prize' }).click();
  await page.locator('tr[data-prize]').first().waitFor();
  await screenshot('raffle');

  await tab('Brake');
  await page.getByRole('button', { name: 'Set online' }).click();
  await confirm();
  await page.locator('.notice', { hasText: 'Status is now online' }).waitFor();
  assert.equal((await api('GET', `/admin/v1/campaigns/${campaignId}`)).body.status, 'online');
});

step('bad input in the raffle\'s forms shows the API\'s message and changes nothing', async () => {
  const raffle = async () => (await api('GET', `/admin/v1/campaigns/${campaignId}/raffle`)).body;
  await tab('Raffle');
  await page.getByRole('button', { name: 'Save settings' }).waitFor();
  await page.getByLabel('Interception ratio').fill('2');
  await refusedAsTheApiSays(() => page.getByRole('button', { name: 'Save settings' }).click(), '/raffle',
    { field: 'interceptRatio', state: raffle });
  await page.locator('form[aria-label="Add a prize"]').getByLabel('Weight').fill('0');
  await page.getByLabel('Prize name').fill('Nothing');
  await refusedAsTheApiSays(() => page.getByRole('button', { name: 'Add prize' }).click(), '/prizes',
    { field: 'weight', state: raffle });
  const row = page.locator('tr[data-prize]').first();
  await row.getByLabel(/Weight of prize/).fill('0');
  await refusedAsTheApiSays(() => row.getByRole('button', { name: 'Save' }).click(), '/prizes/', { field: 'weight', state: raffle });
  await row.getByLabel(/Stock change of prize/).fill('-1000');
  await refusedAsTheApiSays(async () => { await row.getByRole('button', { name: 'Change stock' }).click(); await confirm(); },
    '/stock', { state: raffle });
  await screenshot('raffle-refused');

  // Good input: five more units, then the reconciliation's report and, confirmed, its repair.
  await row.getByLabel(/Stock change of prize/).fill('5');
  await row.getByRole('button', { name: 'Change stock' }).click();
  await page.locator('tr[data-prize] td.num', { hasText: /^15$/ }).first().waitFor();
  assert.equal((await raffle()).prizes[0].stock, 15);
  await page.getByRole('button', { name: 'Compare (report only)' }).click();
  await page.locator('.notice', { hasText: 'Redis and MySQL agree.' }).waitFor();
  await page.getByRole('button', { name: 'Repair from MySQL…' }).click();
  await confirm();
  await page.locator('.notice', { hasText: 'Repaired.' }).waitFor();
  assert.equal((await raffle()).prizes[0].redisStock, 15);
});

step('a user list is uploaded, refused when its name is bad, and deleted after a confirmation', async () => {
  await tab('Lists');
  const form = page.locator('form[aria-label="Upload a list"]');
  await form.getByLabel('List name').fill('fraud');
  await form.getByLabel('User ids').fill('mallory\neve\n');
  await form.getByRole('button', { name: 'Upload list' }).click();
  await page.locator('.notice', { hasText: 'List fraud now holds 2 user ids.' }).waitFor();
  const size = async () => (await api('GET', `/admin/v1/campaigns/${campaignId}/lists/fraud`)).body;
  await form.getByLabel('List name').fill('Bad Name');
  await refusedAsTheApiSays(() => form.getByRole('button', { name: 'Upload list' }).click(), '/lists/', { state: size });
  await page.locator('tr[data-list="fraud"] td.num', { hasText: /^2$/ }).waitFor();
  await screenshot('lists');
  await page.getByRole('button', { name: 'Delete fraud…' }).click();
  await confirm();
  await page.locator('tr[data-list="fraud"] td.num', { hasText: 'not uploaded' }).waitFor();
});

step('a draw made by curl appears in the live counters', async () => {
  await tab('Live');
  await page.locator('[data-counter="grants"] .value', { hasText: '0' }).waitFor();
  // Published campaigns reach the draw function within about a second.
  let answer;
  for (let i = 0; i < 20; i++) {
    answer = curlDraw('alice');
    if (answer.outcome === 'won') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(answer.outcome, 'won', JSON.stringify(answer));
  await page.locator('[data-counter="grants"] .value', { hasText: /^1$/ }).waitFor({ timeout: 20000 });
  await page.locator('[data-counter="draws"] .value', { hasText: /^[1-9]/ }).waitFor({ timeout: 20000 });
  await page.locator('[data-counter="campaign-draws"] .value', { hasText: /^1$/ }).waitFor({ timeout: 20000 });
  await page.locator('.legend [data-series="won"]').first().waitFor({ timeout: 20000 });
  await page.locator('tbody tr', { hasText: 'Lantern' }).locator('td', { hasText: /^14$/ }).first().waitFor();
  // A few more draws, and a few samples on the charts.
  for (const user of ['dan', 'eve', 'fay']) {
    curlDraw(user);
  }
  await page.locator('canvas[data-samples="4"]').first().waitFor({ timeout: 20000 });
  await screenshot('live');
  await page.goto(`${CONSOLE_URL}#/campaigns`);
  const { grants } = (await api('GET', `/admin/v1/campaigns/${campaignId}/live?metrics=false`)).body;
  await page.locator(`tr[data-campaign="${campaignId}"] td`, { hasText: new RegExp(`^${grants}$`) }).first().waitFor({ timeout: 20000 });
  await screenshot('campaigns');
});

step('the brake: a switch and then a pause refuse draws, as the console says, within seconds', async () => {
  await page.goto(`${CONSOLE_URL}#/campaigns/${campaignId}/brake`);
  await page.getByRole('button', { name: 'Turn draws-not-this-time on…' }).click();
  await confirm();
  await page.locator('[data-switch="draws-not-this-time"] .on').waitFor();
  await page.locator('.notice', { hasText: 'draws-not-this-time is on' }).waitFor();
  await drawsAnswer('not-this-time');
  await page.locator('.notice', { hasText: 'In effect everywhere now' }).waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Turn draws-not-this-time off…' }).click();
  await confirm();
  await page.locator('[data-switch="draws-not-this-time"] .off').waitFor();

  await page.getByRole('button', { name: 'Pause the campaign…' }).click();
  await confirm();
  await page.locator('.notice', { hasText: 'Status is now paused' }).waitFor();
  const refused = await drawsAnswer('ineligible');
  assert.equal(refused.rule, 'status', JSON.stringify(refused));
  await page.locator('.notice', { hasText: 'In effect everywhere now' }).waitFor({ timeout: 10000 });
  await screenshot('brake');
});

step('winners are exported as CSV, and the audit log shows every change', async () => {
  await tab('Winners');
  await page.locator('tbody tr', { hasText: 'alice' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all winners (CSV)' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv.split('\n')[0], /^kind,campaignId,userId/);
  assert.match(csv, new RegExp(`draw,${campaignId},alice,`));
  const live = (await api('GET', `/admin/v1/campaigns/${campaignId}/live?metrics=false`)).body;
  assert.equal(csv.trim().split('\n').length, 1 + live.grants, csv);
  await screenshot('winners');
  await tab('Audit log');
  for (const action of ['campaign:create', 'campaign:edit', 'raffle:settings', 'prize:add', 'prize:stock', 'list:upload',
    'list:delete', 'status', 'switch:draws-not-this-time']) {
    await page.locator('tbody td', { hasText: new RegExp(`^${action}$`) }).first().waitFor();
  }
  assert.equal(await page.locator('tbody td', { hasText: /^operator$/ }).count() >= 5, true);
  await screenshot('audit');
});

step('a rain starts with its plan, shows its progress, is paused and stopped; bad input is refused', async () => {
  await api('POST', `/admin/v1/campaigns/${campaignId}/status`, { status: 'online' });
  await tab('Rain');
  await page.getByRole('heading', { name: 'Start a rain' }).waitFor();
  await page.getByLabel('Packets', { exact: true }).fill('0');
  await refusedAsTheApiSays(async () => { await page.getByRole('button', { name: 'Start the rain…' }).click(); await confirm(); },
    '/rain', { field: 'totalPackets' });
  const missing = await fetch(`${REDPACKET_URL}/admin/v1/campaigns/${campaignId}/rain`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(missing.status, 404, 'the refused rain did not start');
  await page.getByLabel('Packets', { exact: true }).fill('500');
  await page.getByLabel(/^Release rate/).fill('50');
  await page.getByLabel('Buckets', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Start the rain…' }).click();
  await confirm();
  await page.locator('.counter', { hasText: 'State' }).locator('.value', { hasText: 'running' }).waitFor({ timeout: 20000 });
  await page.locator('.legend [data-series="released"]').waitFor({ timeout: 20000 });
  await screenshot('rain');
  await page.getByRole('button', { name: 'Pause…' }).click();
  await confirm();
  await page.locator('.counter', { hasText: 'State' }).locator('.value', { hasText: 'paused' }).waitFor({ timeout: 20000 });
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.locator('.counter', { hasText: 'State' }).locator('.value', { hasText: 'running' }).waitFor({ timeout: 20000 });
  await page.getByLabel(/^Release rate/).fill('0');
  await refusedAsTheApiSays(() => page.getByRole('button', { name: 'Change rate' }).click(), '/rain/rate');
  await page.getByRole('button', { name: 'Stop for good…' }).click();
  await confirm();
  await page.locator('.counter', { hasText: 'State' }).locator('.value', { hasText: 'stopped' }).waitFor({ timeout: 20000 });
});

step('the QR pools page shows each pool', async () => {
  await page.goto(`${CONSOLE_URL}#/qr-pools`);
  await page.locator('tr[data-pool="share"]').waitFor();
  await screenshot('qr-pools');
});

step('every request the console sent to an API carried the operator\'s token, and no script failed', () => {
  assert.deepEqual(pageErrors, []);
  assert.ok(apiRequests.length > 20, `the console made ${apiRequests.length} API requests`);
  const without = apiRequests.filter((r) => r.method !== 'OPTIONS' && r.authorization !== `Bearer ${ADMIN_TOKEN}`);
  assert.deepEqual(without, []);
});

step('a refused token (401) or one without the admin scope (403) shows the sign-in again', async () => {
  for (const [value, words] of [[token('operator', '--admin', '--ttl', '-10'), 'refused'], [token('alice'), 'admin scope']]) {
    await page.evaluate((t) => sessionStorage.setItem('surge.console.token', t), value);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.locator('.problem', { hasText: words }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('surge.console.token')), null, 'the refused token is forgotten');
  }
  await screenshot('sign-in-again');
  // And mid-session: the token is refused while a page polls.
  await signIn();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.goto(`${CONSOLE_URL}#/campaigns/${campaignId}`);
  await page.locator('[data-counter="grants"]').waitFor();
  await page.evaluate((t) => sessionStorage.setItem('surge.console.token', t), token('alice'));
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.locator('.problem', { hasText: 'admin scope' }).waitFor();
});
