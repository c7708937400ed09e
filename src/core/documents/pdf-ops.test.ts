/**
 * The short cut for plain runs (numbers, dates, codes, phone numbers) must set exactly what the
 * shaping engine sets: the same glyphs at the same advances, kerning included (Tinos kerns "11"),
 * for every face of the kit. Compared on fixed cases and on random strings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPdf, primeFontCache, FONT_NAMES, type Doc } from './pdf.ts';
import { plainRunsWithoutShaping } from './pdf-ops.ts';

interface Run {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}
interface Face {
  layoutRun(text: string): Run;
  layoutCached(text: string): Run;
}

const faces = (doc: Doc): Face[] => {
  const families = (doc as unknown as { _fontFamilies: Record<string, Face> })._fontFamilies;
  return FONT_NAMES.map((n) => families[n]).filter((f): f is Face => f !== undefined);
};

const shape = (r: Run) => ({
  glyphs: r.glyphs.map((g) => g.id),
  positions: r.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth]),
  advanceWidth: r.advanceWidth,
});

const PLAIN = '0123456789 .,:/-()\u00a0';

/** A deterministic stream of strings of PLAIN characters (no Math.random: a failure must repeat). */
function* randomPlain(n: number): Generator<string> {
  let seed = 20261207;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < n; i++) {
    const len = 1 + (next() % 14);
    let s = '';
    for (let j = 0; j < len; j++) s += PLAIN.charAt(next() % PLAIN.length);
    yield s;
  }
}

test('plain runs set the glyphs and advances the shaping engine sets, kerning included, in every face', () => {
  const engine = primeFontCache(createPdf({ size: 'A4', layout: 'portrait', title: 'test' }));
  const short = primeFontCache(createPdf({ size: 'A4', layout: 'portrait', title: 'test' }));
  plainRunsWithoutShaping(short);
  const [a, b] = [faces(engine), faces(short)];
  assert.equal(a.length, FONT_NAMES.length);
  const fixed = ['11', '111', '1111', '0911 361 814', '260110-0011', '11/11/2026', '(11)', '1.111.111', '11:11', '1'];
  let kerned = 0;
  for (const text of [...fixed, ...randomPlain(3000)])
    for (let i = 0; i < a.length; i++) {
      const [fa, fb] = [a[i], b[i]];
      if (!fa || !fb) continue;
      const want = shape(fa.layoutRun(text));
      assert.deepEqual(shape(fb.layoutRun(text)), want, `${FONT_NAMES[i] ?? ''}: ${JSON.stringify(text)}`);
      assert.deepEqual(
        shape(fb.layoutCached(text)),
        want,
        `${FONT_NAMES[i] ?? ''} (cached path): ${JSON.stringify(text)}`,
      );
      if (want.positions.some((p, j) => p[0] !== p[4] && j < want.positions.length)) kerned++;
    }
  // The comparison covered kerned runs, not only unkerned ones.
  assert.ok(kerned > 0);
});

test('text outside the plain characters still goes through the shaping engine', () => {
  const engine = primeFontCache(createPdf({ size: 'A4', layout: 'portrait', title: 'test' }));
  const short = primeFontCache(createPdf({ size: 'A4', layout: 'portrait', title: 'test' }));
  plainRunsWithoutShaping(short);
  for (const text of ['Nguyễn Văn A', 'ĐT: 0911', 'Hẹn lại: 11/11/2026', 'fi fl ff'])
    for (const [i, f] of faces(short).entries())
      assert.deepEqual(shape(f.layoutRun(text)), shape(faces(engine)[i]?.layoutRun(text) ?? f.layoutRun('')));
});
