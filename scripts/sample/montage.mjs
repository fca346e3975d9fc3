/**
 * A montage PNG of the sample: one row per timepoint, one tile per series role, each at the slice
 * nearest a chosen lesion, windowed for reading. Written from the rendered pixels (no decoding);
 * PNG through node:zlib (8-bit greyscale).
 */
import { crc32, deflateSync } from 'node:zlib';

/** Tile edge in pixels; images are scaled bilinearly. */
const TILE = 256;
/** Fraction of the field of view shown (the body fills the centre). */
const CROP = 0.84;
/** Reading windows (centre, width) for the montage, on real values. */
const MONTAGE_WINDOW = { CT_PORTAL: [90, 260], CT_ARTERIAL: [90, 300] };

/**
 * Bilinear resample of a square image to TILE x TILE, windowed to 0..255.
 * @param {ArrayLike<number>} values real values, row-major
 * @param {number} n edge
 * @param {number[]} window [centre, width]
 */
export function tile(values, n, window) {
  const out = new Uint8Array(TILE * TILE);
  const lo = window[0] - window[1] / 2;
  const at0 = (n * (1 - CROP)) / 2;
  for (let r = 0; r < TILE; r++) {
    const y = Math.min(n - 1.001, Math.max(0, at0 + ((r + 0.5) * n * CROP) / TILE - 0.5));
    const y0 = Math.floor(y);
    for (let c = 0; c < TILE; c++) {
      const x = Math.min(n - 1.001, Math.max(0, at0 + ((c + 0.5) * n * CROP) / TILE - 0.5));
      const x0 = Math.floor(x);
      const [fx, fy] = [x - x0, y - y0];
      const at = (yy, xx) => values[yy * n + xx];
      const v =
        (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
        fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
      out[r * TILE + c] = Math.max(0, Math.min(255, Math.round(((v - lo) / window[1]) * 255)));
    }
  }
  return out;
}

/**
 * @param {string} role
 * @param {number[]} seriesWindow the window written into the series headers
 */
export function montageWindow(role, seriesWindow) {
  return MONTAGE_WINDOW[role] ?? seriesWindow;
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Greyscale PNG of rows of tiles (missing tiles stay black).
 * @param {(Uint8Array | undefined)[][]} rows
 * @returns {Buffer}
 */
export function montagePng(rows) {
  const cols = Math.max(...rows.map((r) => r.length));
  const [w, h] = [cols * TILE, rows.length * TILE];
  const raw = Buffer.alloc((w + 1) * h);
  rows.forEach((row, ri) => {
    row.forEach((t, ci) => {
      if (!t) return;
      for (let y = 0; y < TILE; y++) {
        const offset = (ri * TILE + y) * (w + 1) + 1 + ci * TILE;
        raw.set(t.subarray(y * TILE, (y + 1) * TILE), offset);
      }
    });
  });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
