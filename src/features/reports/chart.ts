/**
 * A tiny chart kit: bars and lines as drawing primitives, rendered to SVG (pages) and to pdfkit
 * vectors (PDF) from the same geometry. Vietnamese labels; rates shown as percentages.
 */
export type Prim =
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: boolean }
  | { t: 'poly'; points: [number, number][]; stroke: string; width: number }
  | { t: 'dot'; x: number; y: number; r: number; fill: string }
  | {
      t: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      fill: string;
      bold?: boolean;
    };

export interface Series {
  name: string;
  values: (number | null)[];
  color: string;
}
export interface ChartSpec {
  title: string;
  labels: string[];
  series: Series[];
  kind: 'bar' | 'line';
  percent?: boolean;
  width?: number;
  height?: number;
  target?: number | null;
  targetLabel?: string;
}
export interface Chart {
  width: number;
  height: number;
  prims: Prim[];
  title: string;
}

export const PALETTE = ['#1f5fa8', '#d9822b', '#2e8540', '#8e44ad', '#c0392b', '#7f8c8d'];

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const fmt = (v: number, percent?: boolean) => (percent ? `${Math.round(v * 100)}%` : v.toLocaleString('vi-VN'));

/** The plot area of a chart and its scales. */
interface Frame {
  width: number;
  height: number;
  left: number;
  top: number;
  /** plot width and height */
  pw: number;
  ph: number;
  max: number;
  /** labels (at least 1) and the width of each one's slot */
  n: number;
  slot: number;
  yOf: (v: number) => number;
}

function frameOf(s: ChartSpec): Frame {
  const width = s.width ?? 640;
  const height = s.height ?? 260;
  const left = 48;
  const right = 12;
  const top = 28;
  const bottom = 44 + (s.series.length > 1 ? 16 : 0);
  const pw = width - left - right;
  const ph = height - top - bottom;
  const all = s.series.flatMap((x) => x.values.filter((v): v is number => v !== null));
  const max = s.percent ? 1 : niceMax(Math.max(1, ...all));
  const n = Math.max(1, s.labels.length);
  return { width, height, left, top, pw, ph, max, n, slot: pw / n, yOf: (v: number) => top + ph - (v / max) * ph };
}

/** Title, the horizontal grid with its values, the labels under the slots, the target line. */
function axes(s: ChartSpec, f: Frame, prims: Prim[]): void {
  const { left, pw, top, ph, slot } = f;
  prims.push({ t: 'text', x: f.width / 2, y: 16, text: s.title, size: 13, anchor: 'middle', fill: '#222', bold: true });
  for (let i = 0; i <= 4; i++) {
    const v = (f.max * i) / 4;
    const y = f.yOf(v);
    prims.push({
      t: 'line',
      x1: left,
      y1: y,
      x2: left + pw,
      y2: y,
      stroke: i === 0 ? '#555' : '#ddd',
      width: i === 0 ? 1 : 0.6,
    });
    prims.push({ t: 'text', x: left - 5, y: y + 3.5, text: fmt(v, s.percent), size: 10, anchor: 'end', fill: '#444' });
  }
  const step = Math.ceil(f.n / 12);
  s.labels.forEach((l, i) => {
    if (i % step === 0)
      prims.push({
        t: 'text',
        x: left + slot * (i + 0.5),
        y: top + ph + 14,
        text: l,
        size: 10,
        anchor: 'middle',
        fill: '#444',
      });
  });
  if (s.target !== undefined && s.target !== null) {
    const y = f.yOf(Math.min(f.max, s.target));
    prims.push({ t: 'line', x1: left, y1: y, x2: left + pw, y2: y, stroke: '#c0392b', width: 1, dash: true });
  }
}

function bars(s: ChartSpec, f: Frame, prims: Prim[]): void {
  const k = s.series.length;
  const bw = Math.max(2, (f.slot * 0.7) / k);
  s.series.forEach((ser, j) => {
    ser.values.forEach((v, i) => {
      if (v === null) return;
      const x = f.left + f.slot * i + f.slot * 0.15 + bw * j;
      const y = f.yOf(v);
      prims.push({ t: 'rect', x, y, w: bw, h: f.top + f.ph - y, fill: ser.color });
      if (f.n <= 12 && k <= 2 && v > 0)
        prims.push({
          t: 'text',
          x: x + bw / 2,
          y: y - 3,
          text: fmt(v, s.percent),
          size: 9,
          anchor: 'middle',
          fill: '#222',
        });
    });
  });
}

/** A line per series, broken where a value is missing, with a dot per value. */
function lines(s: ChartSpec, f: Frame, prims: Prim[]): void {
  for (const ser of s.series) {
    let run: [number, number][] = [];
    const flush = () => {
      if (run.length > 1) prims.push({ t: 'poly', points: run, stroke: ser.color, width: 2 });
      run = [];
    };
    ser.values.forEach((v, i) => {
      if (v === null) {
        flush();
        return;
      }
      const p: [number, number] = [f.left + f.slot * (i + 0.5), f.yOf(Math.min(v, f.max))];
      run.push(p);
      prims.push({ t: 'dot', x: p[0], y: p[1], r: 2.8, fill: ser.color });
    });
    flush();
  }
}

/** The series' names and the target, under the plot (when there is more than one series or a target). */
function legend(s: ChartSpec, f: Frame, prims: Prim[]): void {
  const hasTarget = s.target !== undefined && s.target !== null;
  if (s.series.length <= 1 && !hasTarget) return;
  let x = f.left;
  const y = f.height - 10;
  for (const ser of s.series) {
    prims.push({ t: 'rect', x, y: y - 8, w: 10, h: 10, fill: ser.color });
    prims.push({ t: 'text', x: x + 14, y, text: ser.name, size: 10, anchor: 'start', fill: '#222' });
    x += 24 + ser.name.length * 5.6;
  }
  // The target line is named in the legend, not over the plot where it would hide the data.
  if (hasTarget) {
    const label = `${s.targetLabel ?? 'Chỉ tiêu'} ${fmt(s.target!, s.percent)}`;
    prims.push({ t: 'line', x1: x, y1: y - 3, x2: x + 16, y2: y - 3, stroke: '#c0392b', width: 1, dash: true });
    prims.push({ t: 'text', x: x + 20, y, text: label, size: 10, anchor: 'start', fill: '#c0392b' });
  }
}

export function buildChart(s: ChartSpec): Chart {
  const f = frameOf(s);
  const prims: Prim[] = [];
  axes(s, f, prims);
  if (s.kind === 'bar') bars(s, f, prims);
  else lines(s, f, prims);
  legend(s, f, prims);
  return { width: f.width, height: f.height, prims, title: s.title };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (v: number) => Math.round(v * 10) / 10;

/** The chart as an SVG document (no scripts, no inline styles: presentation attributes only). */
export function toSvg(c: Chart): string {
  const body = c.prims
    .map((p) => {
      switch (p.t) {
        case 'rect':
          return `<rect x="${r1(p.x)}" y="${r1(p.y)}" width="${r1(p.w)}" height="${r1(Math.max(0, p.h))}" fill="${p.fill}"/>`;
        case 'line':
          return `<line x1="${r1(p.x1)}" y1="${r1(p.y1)}" x2="${r1(p.x2)}" y2="${r1(p.y2)}" stroke="${p.stroke}" stroke-width="${p.width}"${p.dash ? ' stroke-dasharray="5 3"' : ''}/>`;
        case 'poly':
          return `<polyline points="${p.points.map(([x, y]) => `${r1(x)},${r1(y)}`).join(' ')}" fill="none" stroke="${p.stroke}" stroke-width="${p.width}"/>`;
        case 'dot':
          return `<circle cx="${r1(p.x)}" cy="${r1(p.y)}" r="${p.r}" fill="${p.fill}"/>`;
        case 'text':
          return `<text x="${r1(p.x)}" y="${r1(p.y)}" font-size="${p.size}" text-anchor="${p.anchor}" fill="${p.fill}"${p.bold ? ' font-weight="bold"' : ''}>${esc(p.text)}</text>`;
      }
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${c.width} ${c.height}" width="100%" role="img" aria-label="${esc(c.title)}" font-family="Tinos, 'Times New Roman', serif"><title>${esc(c.title)}</title>${body}</svg>`;
}

/** Minimal drawing surface (pdfkit's document satisfies it). */
export interface PdfLike {
  save(): PdfLike;
  restore(): PdfLike;
  rect(x: number, y: number, w: number, h: number): PdfLike;
  fill(color?: string): PdfLike;
  fillColor(c: string): PdfLike;
  moveTo(x: number, y: number): PdfLike;
  lineTo(x: number, y: number): PdfLike;
  stroke(color?: string): PdfLike;
  lineWidth(w: number): PdfLike;
  strokeColor(c: string): PdfLike;
  dash(len: number, o?: { space: number }): PdfLike;
  undash(): PdfLike;
  circle(x: number, y: number, r: number): PdfLike;
  font(name: string): PdfLike;
  fontSize(n: number): PdfLike;
  text(t: string, x: number, y: number, o?: object): PdfLike;
  widthOfString(t: string): number;
}

/** Draws the chart with pdfkit vectors at (x, y), scaled to `width` points. */
export function drawChartPdf(doc: PdfLike, c: Chart, x: number, y: number, width: number): number {
  const k = width / c.width;
  const X = (v: number) => x + v * k;
  const Y = (v: number) => y + v * k;
  doc.save();
  for (const p of c.prims) {
    switch (p.t) {
      case 'rect':
        doc.rect(X(p.x), Y(p.y), p.w * k, Math.max(0, p.h) * k).fill(p.fill);
        break;
      case 'line':
        doc.lineWidth(p.width * k);
        if (p.dash) doc.dash(4 * k, { space: 2.5 * k });
        doc.moveTo(X(p.x1), Y(p.y1)).lineTo(X(p.x2), Y(p.y2)).stroke(p.stroke);
        if (p.dash) doc.undash();
        break;
      case 'poly': {
        doc.lineWidth(p.width * k);
        const [first, ...rest] = p.points;
        if (!first) break;
        doc.moveTo(X(first[0]), Y(first[1]));
        for (const [px, py] of rest) doc.lineTo(X(px), Y(py));
        doc.stroke(p.stroke);
        break;
      }
      case 'dot':
        doc.circle(X(p.x), Y(p.y), p.r * k).fill(p.fill);
        break;
      case 'text': {
        const size = p.size * k;
        doc
          .font(p.bold ? 'serif-bold' : 'serif')
          .fontSize(size)
          .fillColor(p.fill);
        const w = doc.widthOfString(p.text);
        const tx = p.anchor === 'middle' ? X(p.x) - w / 2 : p.anchor === 'end' ? X(p.x) - w : X(p.x);
        doc.text(p.text, tx, Y(p.y) - size * 0.85, { lineBreak: false });
        break;
      }
    }
  }
  doc.restore();
  doc.fillColor('black').strokeColor('black').lineWidth(1);
  return y + c.height * k;
}
