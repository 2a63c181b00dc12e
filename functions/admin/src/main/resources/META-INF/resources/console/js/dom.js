// Small DOM helpers: elements, labelled fields, problem messages next to the fields they name, confirmations.

let ids = 0;

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && typeof value !== 'string') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : value);
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/**
 * A labelled input. `field` names the API field it edits (for problem+json errors); `hint` is shown under the
 * label; `input` may be given ready-made (a select, a textarea).
 */
export function field(label, { field: name, hint, input, ...attrs } = {}) {
  const id = uid();
  const control = input || h('input', { type: 'text', ...attrs });
  control.id = id;
  if (name) {
    control.dataset.field = name;
  }
  const wrap = h('div', { class: 'field' },
    h('label', { for: id }, label, hint ? h('span', { class: 'hint' }, ` — ${hint}`) : null),
    control);
  return wrap;
}

export function select(options, value) {
  const el = h('select');
  for (const option of options) {
    const [v, text] = Array.isArray(option) ? option : [option, option];
    el.append(h('option', { value: v, selected: v === value }, text));
  }
  return el;
}

/** Clears the problem messages of a form. */
export function clearProblems(form) {
  form.querySelectorAll('.error, .problem, .notice').forEach((el) => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  });
}

/**
 * Shows an API error on a form: each field error next to the control of that field (or its closest parent
 * field, e.g. rules[1] for rules[1].params.anyOf), the whole problem at the top of the form.
 */
export function showProblem(form, error) {
  clearProblems(form);
  const banner = h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, error.problem && error.problem.title ? `${error.problem.title}: ` : 'Error: '), error.message);
  form.prepend(banner);
  const errors = (error.problem && error.problem.errors) || [];
  const named = errors.length ? errors : guessFields(error.message);
  let first = null;
  for (const e of named) {
    const control = findControl(form, String(e.field || ''));
    if (!control) {
      continue;
    }
    const id = uid('err');
    const message = h('p', { class: 'error', id }, e.message || error.message);
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', id);
    const wrap = control.closest('.field');
    if (wrap) {
      wrap.append(message);
    } else {
      control.after(message);
    }
    first = first || control;
  }
  (first || banner).focus?.();
  if (!first) {
    banner.tabIndex = -1;
    banner.focus();
  }
}

function guessFields(message) {
  const m = /(rules\[\d+\](?:\.[\w.[\]]+)?|rateLimits\.\w+\.\w+|limit\.\w+|startsAt|endsAt|zone|priority|name)/.exec(message || '');
  return m ? [{ field: m[1], message }] : [];
}

function findControl(form, name) {
  let key = name;
  while (key) {
    const control = form.querySelector(`[data-field="${CSS.escape(key)}"]`);
    if (control) {
      return control;
    }
    const cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
    key = cut > 0 ? key.slice(0, cut) : '';
  }
  return null;
}

export function notice(form, text) {
  clearProblems(form);
  form.prepend(h('div', { class: 'notice', role: 'status' }, text));
}

/** Asks before a destructive action; resolves true only when the operator confirms. */
export function confirmAction(title, text, confirmLabel = 'Confirm') {
  return new Promise((resolve) => {
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title', class: 'confirm' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', {}, text),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', value: 'yes', onclick: () => close(true) }, confirmLabel),
        h('button', { type: 'button', class: 'secondary', onclick: () => close(false) }, 'Cancel')));
    function close(answer) {
      dialog.close();
      dialog.remove();
      resolve(answer);
    }
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector('button.secondary').focus();
  });
}

export function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.textContent = ''; }, 4000);
}

export function statusBadge(status) {
  return h('span', { class: `status ${status}` }, status);
}

/** A problem shown in place of a section that could not load. */
export function failure(error) {
  return h('div', { class: 'problem', role: 'alert' }, error.message || String(error));
}
