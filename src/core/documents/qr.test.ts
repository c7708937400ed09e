import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { QR_QUIET_ZONE, qrMatrix, qrPng, qrSvg } from './qr.ts';

// jsqr ships CommonJS whose module.exports is the function itself; its typings describe an ES default.
const jsQR = typeof jsqr === 'function' ? jsqr : jsqr.default;

function decode(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  const r = jsQR(
    new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength),
    img.width,
    img.height,
  );
  return r ? r.data : null;
}

const URLS = [
  'https://motcua.example.gov.vn/cam-giang/thu-tuc/1.000656',
  'https://motcua.example.gov.vn/cam-giang/thu-tuc/2.000815',
  'http://localhost:3000/phuong-tan-hung/thu-tuc/1.001612',
  // long address (version grows) — still scans
  `https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=${'1.000656'.repeat(8)}`,
];

test('qrPng decodes back to the exact URL', async () => {
  for (const url of URLS) {
    const png = await qrPng(url, 300);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(decode(png), url);
  }
});

test('qrPng is at most the requested size, square', async () => {
  for (const size of [120, 200, 333, 512]) {
    const img = PNG.sync.read(await qrPng(URLS[0]!, size));
    assert.equal(img.width, img.height);
    assert.ok(img.width <= size && img.width >= size - 4, `${img.width} for ${size}`);
  }
});

test('qrPng keeps a white quiet zone around the symbol', async () => {
  const img = PNG.sync.read(await qrPng(URLS[0]!, 370));
  const modules = qrMatrix(URLS[0]!).size + 2 * QR_QUIET_ZONE;
  const px = img.width / modules;
  const border = Math.floor(px * QR_QUIET_ZONE) - 1;
  for (let y = 0; y < img.height; y += 3) {
    for (let x = 0; x < border; x++) {
      const i = (y * img.width + x) * 4;
      assert.equal(img.data[i], 255, `pixel ${x},${y} is not white`);
    }
  }
});

test('qrPng rejects absurd sizes', async () => {
  await assert.rejects(qrPng('x', 10), RangeError);
  await assert.rejects(qrPng('x', 100.5), RangeError);
  await assert.rejects(qrPng('x', 10_000), RangeError);
});

test('qrSvg is an SVG whose viewBox includes the 4-module quiet zone', async () => {
  const url = URLS[0]!;
  const svg = await qrSvg(url);
  const n = qrMatrix(url).size + 2 * QR_QUIET_ZONE;
  assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, new RegExp(`viewBox="0 0 ${n} ${n}"`));
  assert.ok(svg.length < 8000, `${svg.length} bytes`);
});

test('qrMatrix: finder patterns in three corners', () => {
  const m = qrMatrix(URLS[0]!);
  assert.equal((m.size - 17) % 4, 0, 'a QR symbol is 17 + 4·version modules wide');
  for (const [r, c] of [
    [0, 0],
    [0, m.size - 7],
    [m.size - 7, 0],
  ] as const) {
    for (let i = 0; i < 7; i++) {
      assert.ok(m.isDark(r, c + i) && m.isDark(r + 6, c + i) && m.isDark(r + i, c) && m.isDark(r + i, c + 6));
    }
    assert.ok(!m.isDark(r + 1, c + 1) && m.isDark(r + 3, c + 3));
  }
});

test('the matrix drawn as vectors in PDFs is the same symbol as the decodable PNG', async () => {
  const url = URLS[1]!;
  const m = qrMatrix(url);
  const n = m.size + 2 * QR_QUIET_ZONE;
  const img = PNG.sync.read(await qrPng(url, n * 8));
  assert.equal(decode(await qrPng(url, n * 8)), url);
  const px = img.width / n;
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      const x = Math.floor((c + QR_QUIET_ZONE + 0.5) * px);
      const y = Math.floor((r + QR_QUIET_ZONE + 0.5) * px);
      const dark = (img.data[(y * img.width + x) * 4] ?? 255) < 128;
      assert.equal(dark, m.isDark(r, c), `module ${r},${c}`);
    }
  }
});
