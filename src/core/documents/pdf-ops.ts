/**
 * Content-stream operators written straight into a pdfkit page, for the long tables of the kit
 * (the year's tracking book draws about a million lines of text and as many rules): the same
 * operators pdfkit's `text`, `moveTo`/`lineTo`/`stroke` and `fillColor` write, built as one
 * string per table row and handed to the page as bytes in one write, with each line's glyph run
 * (`[<hex> kern …] TJ`) encoded once per font and text. pdfkit remains the document: fonts,
 * subsets, pages, cross-reference and metadata are its own; only the hot path is short-cut.
 * See docs/decisions/044-year-book-in-budget.md.
 */
import { deflateSync } from 'node:zlib';

/** pdfkit's number format in operators (PDFObject.number): at most six decimals. */
export function num(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

interface GlyphPosition {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** The pdfkit font object (EmbeddedFont) the operators refer to. */
interface FontInternals {
  id: string;
  ascender: number;
  encode(text: string): [string[], GlyphPosition[]];
  ref(): unknown;
}

interface PageInternals {
  height: number;
  fonts: Record<string, unknown>;
  write(chunk: Uint8Array): void;
  content: RefInternals;
}

interface RefInternals {
  compress: boolean;
  buffer: Uint8Array[];
  data: { Filter?: string };
  finalize(): void;
}

interface DocInternals {
  _font: FontInternals;
  _fontSize: number;
  page: PageInternals;
  _normalizeColor(color: string): number[] | null;
  on(event: 'pageAdded', fn: () => void): unknown;
}

const internals = (doc: object) => doc as DocInternals;

/**
 * Glyph runs already encoded, per font object: the `[…] TJ` operand of a text, or null when a
 * glyph carries an offset (pdfkit then positions it with its own `Tm`: drawn by pdfkit).
 * The subset's glyph numbers never change once given, so an entry stays valid for the document.
 */
const runs = new WeakMap<FontInternals, Map<string, string | null>>();

/** Entries per font kept at most (a year's book has ≈200,000 distinct lines; memory stays flat). */
const MAX_RUNS = 10_000;

/** The `[<hex> kern …] TJ` operand of `text` in `font`, as pdfkit's `_fragment` builds it (no word spacing). */
function tjOf(font: FontInternals, text: string): string | null {
  let cache = runs.get(font);
  if (!cache) runs.set(font, (cache = new Map<string, string | null>()));
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const [encoded, positions] = font.encode(text);
  let out: string | null = '';
  let last = 0;
  const commands: string[] = [];
  const segment = (cur: number) => {
    if (last < cur) {
      const p = positions[cur - 1];
      const advance = p ? p.xAdvance - p.advanceWidth : 0;
      commands.push(`<${encoded.slice(last, cur).join('')}> ${String(num(-advance))}`);
    }
    last = cur;
  };
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (!p || p.xOffset || p.yOffset) {
      out = null;
      break;
    }
    if (p.xAdvance - p.advanceWidth !== 0) segment(i + 1);
  }
  if (out !== null) {
    segment(positions.length);
    out = `[${commands.join(' ')}] TJ`;
  }
  if (cache.size >= MAX_RUNS) cache.clear();
  cache.set(text, out);
  return out;
}

/** A line to set: its text and the width pdfkit's wrapper measured for it. */
export interface OpLine {
  text: string;
  textWidth: number;
  /** The width of the line's box (centred text is centred in it). */
  lineWidth: number;
}

/** What a text block has set so far: font and size (`Tf` is written only when they change). */
export interface TextState {
  tf: string;
}

/**
 * The operators of `lines` (one wrapped text) in the document's current font and size, the
 * first line's top at `y`, each `step` points below the previous: each line placed by `Tm` and
 * set by `TJ` as pdfkit's `_fragment` does. Null when one of them needs pdfkit's own path.
 * Must be written inside `flipped` (a text object in text space). Registers the font on the page.
 */
export function lineOps(
  doc: object,
  state: TextState,
  lines: readonly OpLine[],
  x: number,
  y: number,
  step: number,
  align: 'left' | 'center',
): string | null {
  const d = internals(doc);
  const font = d._font;
  const size = d._fontSize;
  const dy = (font.ascender / 1000) * size;
  const h = d.page.height;
  const tf = `/${font.id} ${String(num(size))} Tf\n`;
  let tfNow = state.tf;
  let out = '';
  let ly = y;
  for (const l of lines) {
    const t = l.text.replace(/\n/g, '');
    if (t) {
      const tj = tjOf(font, t);
      if (tj === null) return null;
      const lx = align === 'center' ? x + l.lineWidth / 2 - l.textWidth / 2 : x;
      out += `1 0 0 1 ${String(num(lx))} ${String(num(h - ly - dy))} Tm\n${tfNow === tf ? '' : tf}${tj}\n`;
      tfNow = tf;
    }
    ly += step;
  }
  state.tf = tfNow;
  d.page.fonts[font.id] ??= font.ref();
  return out;
}

const colors = new Map<string, string | null>();

/** `/DeviceRGB cs r g b scn` for a colour as pdfkit writes it (`fillColor`), null if not RGB. */
export function fillColorOps(doc: object, color: string): string | null {
  let ops = colors.get(color);
  if (ops === undefined) {
    const c = internals(doc)._normalizeColor(color);
    ops = c?.length === 3 ? `/DeviceRGB cs\n${c.join(' ')} scn\n` : null;
    colors.set(color, ops);
  }
  return ops;
}

/**
 * Text operators as one text object in the flip to text space pdfkit uses for text
 * (`q 1 0 0 -1 0 h cm BT … ET Q`); pdfkit writes one such group per line.
 */
export function flipped(doc: object, ops: string): string {
  return ops ? `q\n1 0 0 -1 0 ${String(num(internals(doc).page.height))} cm\nBT\n${ops}ET\nQ\n` : '';
}

/** One horizontal rule as a path segment (stroke it with `strokeOps`). */
export function hseg(x1: number, x2: number, y: number): string {
  return `${String(num(x1))} ${String(num(y))} m\n${String(num(x2))} ${String(num(y))} l\n`;
}

/** One vertical rule as a path segment. */
export function vseg(x: number, y1: number, y2: number): string {
  return `${String(num(x))} ${String(num(y1))} m\n${String(num(x))} ${String(num(y2))} l\n`;
}

/** Segments stroked in black at `width`, as `hline`/`vline` draw each one, in one path. */
export function strokeOps(segments: string, width: number): string {
  return segments ? `q\n${String(num(width))} w\n/DeviceRGB CS\n0 0 0 SCN\n${segments}S\nQ\n` : '';
}

/** Writes operators into the current page (one write: bytes, no per-operator conversion). */
export function writeOps(doc: object, ops: string): void {
  if (ops) internals(doc).page.write(Buffer.from(ops, 'latin1'));
}

/**
 * Page content streams deflated at `level` (zlib 1–9) instead of pdfkit's fixed default (6): the
 * long register's table pages compress nearly as well at level 1 and several times faster. In
 * one call on this thread, not zlib's stream on libuv's threads: for pages of 30–60 KB the
 * stream's machinery (a zlib context made and closed per page, callbacks, buffers held while in
 * flight) cost the year's book more CPU than the compression itself (decision 044).
 * Applies to the current page and every page added after.
 */
export function deflatePagesAt(doc: object, level: number): void {
  const d = internals(doc);
  const hook = (ref: RefInternals) => {
    const finalize = ref.finalize.bind(ref);
    ref.compress = false;
    ref.finalize = () => {
      if (!ref.buffer.length) {
        finalize();
        return;
      }
      ref.buffer = [deflateSync(Buffer.concat(ref.buffer), { level })];
      ref.data.Filter = 'FlateDecode';
      finalize();
    };
  };
  hook(d.page.content);
  d.on('pageAdded', () => {
    hook(d.page.content);
  });
}

// ---- Plain runs ----------------------------------------------------------------------------

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface FontkitFont {
  glyphForCodePoint(cp: number): FontkitGlyph;
  layout(text: string): {
    glyphs: FontkitGlyph[];
    positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  };
}
interface Run {
  glyphs: FontkitGlyph[];
  positions: (GlyphPosition & { yAdvance: number })[];
  advanceWidth: number;
}
interface EmbeddedFontInternals {
  font?: FontkitFont;
  scale: number;
  layoutRun(text: string, features?: unknown): Run;
  layoutCached(text: string): Run;
}

/** Characters of numbers, dates, times and codes (the register's STT, codes, phones, dates). */
const PLAIN = '0123456789 .,:/-()\u00a0';

/**
 * What the font does with PLAIN: the characters it sets one glyph each, unsubstituted and
 * unoffset in any pair, and the pair kerning among them (font units added to the first
 * character's advance: Tinos kerns "11"). Only pair adjustments are modelled; a test compares
 * runs built from this with the engine's on random strings of every font.
 */
function plainOf(f: FontkitFont): { chars: Set<string>; kern: Map<string, number> } {
  const chars = new Set(PLAIN);
  const kern = new Map<string, number>();
  for (const a of PLAIN)
    for (const b of PLAIN) {
      const run = f.layout(a + b);
      const [ga, gb] = [a, b].map((c) => f.glyphForCodePoint(c.codePointAt(0) ?? 0));
      const [pa, pb] = run.positions;
      const same =
        ga !== undefined &&
        gb !== undefined &&
        pa !== undefined &&
        pb !== undefined &&
        run.glyphs.length === 2 &&
        run.glyphs[0]?.id === ga.id &&
        run.glyphs[1]?.id === gb.id &&
        pb.xAdvance === gb.advanceWidth &&
        [pa, pb].every((p) => !p.xOffset && !p.yOffset && !p.yAdvance);
      if (!same) {
        chars.delete(a);
        chars.delete(b);
      } else if (pa.xAdvance !== ga.advanceWidth) kern.set(a + b, pa.xAdvance - ga.advanceWidth);
    }
  return { chars, kern };
}

/**
 * Lets the fonts of `doc` set plain runs (digits, separators: the unique numbers, codes and phone
 * numbers of a long register) without the shaping engine: one glyph per character, its advance
 * width plus the font's pair kerning, exactly what the engine gives for them (checked pair by
 * pair for each font first; characters that combine in this font keep going through the engine).
 * Plain runs are not memoised (pdfkit keeps every word it shaped: tens of thousands of unique
 * numbers would push the real words out). Call it after the fonts are loaded (`primeFontCache`).
 */
export function plainRunsWithoutShaping(doc: object): void {
  const families = (doc as { _fontFamilies?: Record<string, EmbeddedFontInternals | undefined> })._fontFamilies;
  for (const ef of new Set(Object.values(families ?? {}))) {
    const f = ef?.font;
    if (!ef || !f) continue;
    const { chars, kern } = plainOf(f);
    const glyphs = new Map<string, FontkitGlyph>();
    const isPlain = (text: string) => {
      for (const c of text) if (!chars.has(c)) return false;
      return true;
    };
    const plainRun = (text: string): Run => {
      const run: Run = { glyphs: [], positions: [], advanceWidth: 0 };
      for (let i = 0; i < text.length; i++) {
        const c = text.charAt(i);
        let g = glyphs.get(c);
        if (!g) glyphs.set(c, (g = f.glyphForCodePoint(c.codePointAt(0) ?? 0)));
        const w = g.advanceWidth * ef.scale;
        const x = i + 1 < text.length ? (kern.get(c + text.charAt(i + 1)) ?? 0) * ef.scale + w : w;
        run.glyphs.push(g);
        run.positions.push({ xAdvance: x, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: w });
        run.advanceWidth += x;
      }
      return run;
    };
    const shaped = ef.layoutRun.bind(ef);
    ef.layoutRun = (text, features) => (!features && isPlain(text) ? plainRun(text) : shaped(text, features));
    const cached = ef.layoutCached.bind(ef);
    ef.layoutCached = (text) => (isPlain(text) ? plainRun(text) : cached(text));
  }
}
