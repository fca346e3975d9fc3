/**
 * A montage PNG of the sample: one row per timepoint, one tile per series role, each at the slice
 * nearest a chosen lesion, windowed for reading and labelled with its role; a role the timepoint
 * did not acquire is a grey tile that says so. Written from the rendered pixels (no decoding);
 * PNG through node:zlib (8-bit greyscale).
 */
import { crc32, deflateSync } from 'node:zlib';
import { drawText, GLYPH_HEIGHT, textWidth } from './font.mjs';

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

/** Labels: font pixels of 2x2, white on a black outline, 6 px from the tile's edge. */
const LABEL = { scale: 2, value: 255, outline: 0 };
const MARGIN = 6;
/** Grey of a tile whose role was not acquired (a rendered tile's background is near black). */
const MISSING_GREY = 80;

/**
 * One montage cell: a rendered tile, or a role not acquired at that timepoint (no pixels); `note`
 * goes in its lower left corner (the timepoint, on the first cell of its rows).
 * @typedef {{label: string, pixels?: Uint8Array, note?: string}} Cell
 */

/**
 * The cell's tile with its labels drawn in.
 * @param {Cell} cell
 */
function cellTile(cell) {
  const out = cell.pixels ? Uint8Array.from(cell.pixels) : new Uint8Array(TILE * TILE);
  if (!cell.pixels) {
    out.fill(MISSING_GREY);
    const text = 'NOT ACQUIRED';
    const x = Math.round((TILE - textWidth(text, LABEL.scale)) / 2);
    drawText(out, TILE, text, x, Math.round((TILE - GLYPH_HEIGHT * LABEL.scale) / 2), LABEL);
  }
  drawText(out, TILE, cell.label, MARGIN, MARGIN, LABEL);
  if (cell.note) {
    drawText(out, TILE, cell.note, MARGIN, TILE - MARGIN - GLYPH_HEIGHT * LABEL.scale, LABEL);
  }
  return out;
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
 * Greyscale PNG of rows of cells (a row shorter than the widest leaves black at its end).
 * @param {Cell[][]} rows
 * @returns {Buffer}
 */
export function montagePng(rows) {
  const cols = Math.max(...rows.map((r) => r.length));
  const [w, h] = [cols * TILE, rows.length * TILE];
  const raw = Buffer.alloc((w + 1) * h);
  rows.forEach((row, ri) => {
    row.forEach((cell, ci) => {
      const t = cellTile(cell);
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
