// The console's shell: sign-in, the sections, and a hash router (#/campaigns, #/campaigns/7/raffle, …).

import { admin, claims, setConfig, token, whenSignedOut } from './api.js';
import { clearProblems, field, h, showProblem } from './dom.js';
import { campaignForm, campaignsList } from './pages/campaigns.js';
import { campaignPage } from './pages/campaign.js';
import { qrPools } from './pages/qr.js';

const main = document.getElementById('main');
let cleanup = () => {};
let configured = false;

whenSignedOut((why) => signIn(why));

function signIn(why) {
  cleanup();
  cleanup = () => {};
  configured = false;
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  document.title = 'Sign in — Surge console';
  const input = h('textarea', { rows: 5, autocomplete: 'off', spellcheck: false, required: true });
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in'),
    h('p', {}, 'Paste an operator\'s bearer token (scope surge/admin). Locally: ',
      h('code', {}, 'scripts/dev-token operator --admin'), '. It is kept in this tab only, until you close it.'),
    why ? h('div', { class: 'problem', role: 'alert' }, why) : null,
    field('Admin bearer token', { input, field: 'token' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!value) {
      showProblem(form, { message: 'Paste a token first.', problem: { errors: [{ field: 'token', message: 'a token is required' }] } });
      return;
    }
    clearProblems(form);
    token.set(value);
    if (await configure()) {
      if (!location.hash || location.hash === '#/sign-in') {
        location.hash = '#/campaigns';
      } else {
        route();
      }
    }
  });
  main.replaceChildren(form);
  input.focus();
}

async function configure() {
  try {
    setConfig(await admin('GET', '/admin/v1/console'));
  } catch (e) {
    if (e.status !== 401 && e.status !== 403) {
      main.replaceChildren(h('div', { class: 'problem', role: 'alert' }, `The admin function could not be read: ${e.message}`));
    }
    return false;
  }
  configured = true;
  const who = claims();
  document.getElementById('who').textContent = who && who.sub ? `signed in as ${who.sub}` : 'signed in';
  document.getElementById('nav').hidden = false;
  document.getElementById('sign-out').hidden = false;
  return true;
}

document.getElementById('sign-out').addEventListener('click', () => {
  token.clear();
  signIn('Signed out.');
});

async function route() {
  if (!token.get()) {
    signIn();
    return;
  }
  if (!configured && !(await configure())) {
    return;
  }
  cleanup();
  cleanup = () => {};
  const path = (location.hash || '#/campaigns').slice(1);
  const parts = path.split('/').filter(Boolean);
  for (const link of document.querySelectorAll('#nav a')) {
    link.toggleAttribute('aria-current', path.startsWith(link.getAttribute('href').slice(1)));
    if (link.hasAttribute('aria-current')) {
      link.setAttribute('aria-current', 'page');
    }
  }
  let page;
  if (parts[0] === 'qr-pools') {
    page = qrPools();
  } else if (parts[0] === 'campaigns' && parts[1] === 'new') {
    page = campaignForm(null);
  } else if (parts[0] === 'campaigns' && /^\d+$/.test(parts[1] || '') && parts[2] === 'edit') {
    page = campaignForm(Number(parts[1]));
  } else if (parts[0] === 'campaigns' && /^\d+$/.test(parts[1] || '')) {
    page = campaignPage(Number(parts[1]), parts[2] || 'live');
  } else {
    page = campaignsList();
  }
  main.replaceChildren(page.element);
  cleanup = page.stop || (() => {});
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', route);
route();
