/**
 * A tiny RGB raster with rectangle fills and a PNG encoder (node:zlib): the quarterly report's
 * chart as an image for Word (which cannot draw vectors from us) and the demo's placeholder photos.
 */
import { crc32, deflateSync } from 'node:zlib';

export type Rgb = [number, number, number];

export class Raster {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  constructor(width: number, height: number, bg: Rgb = [255, 255, 255]) {
    this.width = width;
    this.height = height;
    this.data = Buffer.alloc(width * height * 3);
    this.fill(0, 0, width, height, bg);
  }
  fill(x: number, y: number, w: number, h: number, c: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let j = y0; j < y1; j++) {
      for (let i = x0; i < x1; i++) {
        const o = (j * this.width + i) * 3;
        this.data[o] = c[0];
        this.data[o + 1] = c[1];
        this.data[o + 2] = c[2];
      }
    }
  }
  png(): Buffer {
    const row = this.width * 3 + 1;
    const raw = Buffer.alloc(row * this.height);
    for (let j = 0; j < this.height; j++)
      this.data.copy(raw, j * row + 1, j * this.width * 3, (j + 1) * this.width * 3);
    const chunk = (type: string, body: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(body.length);
      const tb = Buffer.concat([Buffer.from(type, 'latin1'), body]);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(tb) >>> 0);
      return Buffer.concat([len, tb, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // RGB
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

export const SERIES_COLORS: Rgb[] = [
  [38, 84, 160],
  [46, 139, 87],
  [230, 145, 56],
];

/** Grouped bars (one group per month, one bar per series) on a white background with a base line. */
export function barChartPng(groups: { values: number[] }[], width = 900, height = 360): Buffer {
  const r = new Raster(width, height);
  const pad = 30;
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const plotH = height - 2 * pad;
  const gw = (width - 2 * pad) / Math.max(1, groups.length);
  for (let y = 0; y <= 4; y++) r.fill(pad, pad + (plotH * y) / 4, width - 2 * pad, 1, [220, 220, 220]);
  groups.forEach((g, gi) => {
    const n = g.values.length;
    const bw = (gw * 0.7) / n;
    g.values.forEach((v, i) => {
      const h = (v / max) * plotH;
      r.fill(pad + gi * gw + gw * 0.15 + i * bw, pad + plotH - h, bw - 4, h, SERIES_COLORS[i % SERIES_COLORS.length]!);
    });
  });
  r.fill(pad, pad + plotH, width - 2 * pad, 2, [60, 60, 60]);
  return r.png();
}
