// Every call to Surge's APIs goes through here: it carries the operator's bearer token, turns a problem+json
// answer into an ApiError that says what went wrong in words, and sends the operator back to sign-in on 401/403.

const TOKEN_KEY = 'surge.console.token';
let config = { currency: 'CNY', functions: {}, qrPools: [] };
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem || {};
  }
}

// The token lives in this tab's sessionStorage only: never localStorage, never a cookie.
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export function setConfig(value) {
  config = value;
}

export function currentConfig() {
  return config;
}

function baseOf(fn) {
  if (fn === 'admin') {
    return '';
  }
  const base = (config.functions || {})[fn];
  return base ? base.replace(/\/$/, '') : '';
}

/** The claims of the token, read (not verified) to show who is signed in. */
export function claims(value = token.get()) {
  try {
    const part = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part + '='.repeat((4 - (part.length % 4)) % 4)));
  } catch (e) {
    return null;
  }
}

const FUNCTION_NAMES = { admin: 'admin', draw: 'draw', redpacket: 'red-packet', qr: 'QR', eligibility: 'eligibility' };

/**
 * Calls a function's API. Options: body (an object is sent as JSON; a string as it is, with `type`), accept,
 * headers, raw (answer the Response instead of its parsed body).
 */
export async function call(fn, method, path, options = {}) {
  const bearer = token.get();
  if (!bearer) {
    onSignedOut('Sign in to continue.');
    throw new ApiError(401, null, 'not signed in');
  }
  const headers = { Authorization: `Bearer ${bearer}`, Accept: options.accept || 'application/json', ...(options.headers || {}) };
  let body;
  if (options.body !== undefined) {
    if (typeof options.body === 'string') {
      body = options.body;
      headers['Content-Type'] = options.type || 'text/plain; charset=utf-8';
    } else {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  const url = baseOf(fn) + path;
  let response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, null, `The ${FUNCTION_NAMES[fn] || fn} function did not answer at ${url || path}: is it running?`);
  }
  if (response.status === 401 || response.status === 403) {
    const problem = await problemOf(response);
    const why = response.status === 401
      ? 'Your token was refused (missing, expired or not signed by the identity provider).'
      : 'Your token does not carry the admin scope (surge/admin).';
    token.clear();
    onSignedOut(`${why} ${problem.detail || ''}`.trim());
    throw new ApiError(response.status, problem, why);
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    const words = problem.detail || problem.title || `answered HTTP ${response.status}`;
    const retry = response.headers.get('Retry-After');
    throw new ApiError(response.status, problem,
      `${words}${retry ? ` (try again in ${retry} s)` : ''}`);
  }
  if (options.raw) {
    return response;
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

async function problemOf(response) {
  try {
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (e) {
      return { detail: text.slice(0, 300) };
    }
  } catch (e) {
    return {};
  }
}

export const admin = (method, path, options) => call('admin', method, path, options);
