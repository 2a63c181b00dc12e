// Numbers with their units, times in the campaign's zone with UTC on hover.

import { currentConfig } from './api.js';

export function money(cents, currency = currentConfig().currency || 'CNY') {
  if (cents === null || cents === undefined || cents === '') {
    return '—';
  }
  const value = Number(cents) / 100;
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
}

export function count(n) {
  if (n === null || n === undefined) {
    return '—';
  }
  return new Intl.NumberFormat().format(n);
}

export function percent(ratio) {
  return `${(Number(ratio) * 100).toFixed(2).replace(/\.?0+$/, '')} %`;
}

export function inZone(instant, zone) {
  if (!instant) {
    return '—';
  }
  const d = new Date(instant);
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hour12: false, timeZoneName: 'short',
    }).format(d).replace(',', '');
  } catch (e) {
    return d.toISOString();
  }
}

/** A <time> element: the campaign's local time, UTC in its title. */
export function time(instant, zone) {
  const el = document.createElement('time');
  if (!instant) {
    el.textContent = '—';
    return el;
  }
  el.dateTime = instant;
  el.textContent = inZone(instant, zone);
  el.title = `${new Date(instant).toISOString().replace('.000Z', 'Z')} (UTC)`;
  return el;
}

/** datetime-local value (wall time in the zone) for an instant. */
export function toLocalInput(instant, zone) {
  if (!instant) {
    return '';
  }
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day}T${hour}:${parts.minute}`;
}

/** The instant (ISO, UTC) of a datetime-local wall time in the zone; empty input gives empty output. */
export function fromLocalInput(value, zone) {
  if (!value) {
    return '';
  }
  const asUtc = Date.parse(`${value}:00Z`);
  if (Number.isNaN(asUtc)) {
    return value;
  }
  // The zone's offset at that moment, found by formatting the guess back in the zone (two passes cover DST edges).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = Date.parse(`${toLocalInput(new Date(guess).toISOString(), zone)}:00Z`);
    guess += asUtc - shown;
  }
  return new Date(guess).toISOString().replace('.000Z', 'Z');
}
