/**
 * Draws the favicon and app icons (src/core/http/assets/icons/) from icon.svg with Debian's Chromium:
 * PNGs at 32, 180, 192 and 512 px and favicon.ico (PNG images at 16, 32, 48 px). Run by hand after
 * changing the SVG: node scripts/make-icons.mjs src/core/http/assets/icons
 */
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
const dir = process.argv[2];
const svg = readFileSync(`${dir}/icon.svg`, 'utf8');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const out = {};
for (const size of [16, 32, 48, 180, 192, 512]) {
  const p = await b.newPage({ viewport: { width: size, height: size } });
  await p.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  out[size] = await p.screenshot({ omitBackground: true });
  await p.close();
}
await b.close();
for (const s of [32, 180, 192, 512]) writeFileSync(`${dir}/icon-${s}.png`, out[s]);
// favicon.ico: an ICO directory whose images are PNGs (16, 32, 48).
const imgs = [16, 32, 48].map((s) => [s, out[s]]);
const head = Buffer.alloc(6 + 16 * imgs.length);
head.writeUInt16LE(0, 0);
head.writeUInt16LE(1, 2);
head.writeUInt16LE(imgs.length, 4);
let offset = head.length;
imgs.forEach(([s, png], i) => {
  const o = 6 + 16 * i;
  head.writeUInt8(s, o);
  head.writeUInt8(s, o + 1);
  head.writeUInt8(0, o + 2);
  head.writeUInt8(0, o + 3);
  head.writeUInt16LE(1, o + 4);
  head.writeUInt16LE(32, o + 6);
  head.writeUInt32LE(png.length, o + 8);
  head.writeUInt32LE(offset, o + 12);
  offset += png.length;
});
writeFileSync(`${dir}/favicon.ico`, Buffer.concat([head, ...imgs.map(([, p]) => p)]));
