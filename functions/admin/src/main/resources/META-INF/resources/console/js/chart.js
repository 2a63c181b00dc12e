// A line chart drawn on a canvas: a few series over the last minutes, redrawn as samples arrive.

const COLOURS = ['#0b5cad', '#6b3fa0', '#00838f', '#c2185b', '#546e7a', '#8a5a00'];
// Outcomes keep their colour from chart to chart: a win is green, a refusal red, "no" grey.
const NAMED = {
  won: '#1e7a3c', lost: '#7b8794', 'not-this-time': '#0b5cad', 'sold-out': '#8a5a00', limited: '#6b3fa0',
  ineligible: '#b3261e', fallback: '#c2185b', 'try-later': '#c2185b', 'rate-limited': '#00838f', pending: '#546e7a',
  released: '#0b5cad',
};

function colour(name, i) {
  return NAMED[name] || COLOURS[i % COLOURS.length];
}

export class LineChart {
  constructor(title, unit, { points = 60 } = {}) {
    this.unit = unit;
    this.points = points;
    this.series = new Map();
    this.canvas = document.createElement('canvas');
    this.canvas.width = 520;
    this.canvas.height = 180;
    this.canvas.setAttribute('role', 'img');
    this.legend = document.createElement('div');
    this.legend.className = 'legend';
    this.element = document.createElement('figure');
    this.element.className = 'chart';
    this.element.style.margin = '0';
    const caption = document.createElement('h3');
    caption.textContent = `${title} (${unit})`;
    this.title = title;
    this.element.append(caption, this.canvas, this.legend);
    this.draw();
  }

  /** Adds one sample per series (name → value, null for unknown) at time t (ms). */
  push(t, values) {
    for (const [name, value] of Object.entries(values)) {
      if (!this.series.has(name)) {
        this.series.set(name, []);
      }
    }
    for (const [name, list] of this.series) {
      list.push([t, values[name] ?? null]);
      while (list.length > this.points) {
        list.shift();
      }
    }
    this.draw();
  }

  draw() {
    const c = this.canvas.getContext('2d');
    const w = this.canvas.width;
    const hgt = this.canvas.height;
    const left = 48;
    const bottom = hgt - 20;
    c.clearRect(0, 0, w, hgt);
    c.font = '11px system-ui, sans-serif';
    let max = 0;
    let t0 = Infinity;
    let t1 = -Infinity;
    for (const list of this.series.values()) {
      for (const [t, v] of list) {
        if (v !== null) {
          max = Math.max(max, v);
        }
        t0 = Math.min(t0, t);
        t1 = Math.max(t1, t);
      }
    }
    const top = max > 0 ? niceCeiling(max) : 1;
    c.strokeStyle = '#d5dbe2';
    c.fillStyle = '#5b6673';
    for (let i = 0; i <= 4; i++) {
      const y = bottom - ((bottom - 8) * i) / 4;
      c.beginPath();
      c.moveTo(left, y);
      c.lineTo(w - 6, y);
      c.stroke();
      c.fillText(formatTick((top * i) / 4), 4, y + 4);
    }
    if (!Number.isFinite(t0)) {
      c.fillText('waiting for the first samples…', left + 10, bottom / 2);
      this.describe();
      return;
    }
    const span = Math.max(t1 - t0, 1);
    const x = (t) => left + ((w - 6 - left) * (t - t0)) / span;
    const y = (v) => bottom - ((bottom - 8) * v) / top;
    let i = 0;
    for (const [name, list] of this.series) {
      c.strokeStyle = colour(name, i);
      c.fillStyle = colour(name, i);
      c.lineWidth = 2;
      c.beginPath();
      let started = false;
      for (const [t, v] of list) {
        if (v === null) {
          started = false;
          continue;
        }
        if (started) {
          c.lineTo(x(t), y(v));
        } else {
          c.moveTo(x(t), y(v));
          started = true;
        }
      }
      c.stroke();
      // A sample with no neighbour draws no line: show it as a dot.
      list.forEach(([t, v], k) => {
        const alone = v !== null && (list[k - 1]?.[1] ?? null) === null && (list[k + 1]?.[1] ?? null) === null;
        if (alone) {
          c.beginPath();
          c.arc(x(t), y(v), 3, 0, 2 * Math.PI);
          c.fill();
        }
      });
      i += 1;
    }
    this.canvas.dataset.samples = String(Math.max(0, ...[...this.series.values()].map((l) => l.length)));
    c.fillStyle = '#5b6673';
    c.fillText(`${Math.round(span / 1000)} s`, w - 40, hgt - 4);
    this.describe();
  }

  // The legend doubles as the chart's text: the latest value of every series, for screen readers too.
  describe() {
    this.legend.replaceChildren();
    const words = [];
    let i = 0;
    for (const [name, list] of this.series) {
      const last = list.length ? list[list.length - 1][1] : null;
      const item = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.background = colour(name, i);
      const text = `${name}: ${last === null ? '—' : formatTick(last)} ${this.unit}`;
      item.append(swatch, text);
      item.dataset.series = name;
      this.legend.append(item);
      words.push(text);
      i += 1;
    }
    this.canvas.setAttribute('aria-label', `${this.title}. ${words.join('; ') || 'no samples yet'}`);
  }
}

function niceCeiling(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) {
    if (v <= m * p) {
      return m * p;
    }
  }
  return 10 * p;
}

function formatTick(v) {
  if (v >= 100) {
    return Math.round(v).toString();
  }
  return (Math.round(v * 100) / 100).toString();
}
