/**
 * The large synthetic study of the bench, generated outside the repository and reused while its
 * manifest matches GENERATOR_VERSION: two patients, each with a baseline and a pre-op exam pair: a
 * 300-slice 512² portal venous CT and the MR series (DWI 3 b-values, ADC, T2, T1, five EOB phases
 * at 256², 40 slices each), so every cell of the 2x4 DLM protocol has a series. Encoded with the
 * sample generator's dcmjs encoder; pixels are noise plus a disc. Stored as native words, or with
 * `BENCH_JPEGLS=1` JPEG-LS lossless like the sample (one fragment per frame, in a folder of its own):
 * the header indexing then walks encapsulated pixel data.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeInstance } from '../sample/dicom.mjs';
import { CT_AGENT, EOB_AGENT, SERIES, VIBE_FS } from '../sample/acquisition.mjs';
import { B_VALUES, MR_FULL } from '../sample/plan.mjs';
import { mulberry32, uidFromName } from '../sample/random.mjs';

/** Bump when the generated files change, so stale folders are regenerated. */
export const GENERATOR_VERSION = 'dream-bench-study 2';

/** Whether the frames are stored JPEG-LS lossless (`BENCH_JPEGLS=1`) rather than native. */
export const JPEG_LS = process.env.BENCH_JPEGLS === '1';

export const STUDY_DIR =
  process.env.BENCH_STUDY_DIR ??
  join(tmpdir(), JPEG_LS ? 'dream-bench-study-jpegls' : 'dream-bench-study');

/** The manifest's generator name: the version and the pixel encoding. */
const GENERATOR = JPEG_LS ? `${GENERATOR_VERSION} jpeg-ls` : GENERATOR_VERSION;

const CT = { size: 512, spacing: 0.8, slices: 300, thickness: 1 };
const MR = { size: 256, spacing: 1.5, slices: 40, thickness: 5 };
/** The sample's full EOB liver protocol, at bench size. */
const MR_ROLES = MR_FULL;
/** Exams: 2 patients x 2 timepoints x (440 MR + 300 CT files) = 2,960 files. */
const EXAMS = [
  ['BENCH-001', 'baseline', '20250110'],
  ['BENCH-001', 'preop', '20250420'],
  ['BENCH-002', 'baseline', '20250115'],
  ['BENCH-002', 'preop', '20250425'],
];

/**
 * Noise plus a bright disc: a cheap image whose values still vary per slice.
 * @param {number} size
 * @param {Int16Array | Uint16Array} out
 * @param {() => number} random
 * @param {{base: number, disc: number, noise: number, radius: number}} o
 */
function paint(size, out, random, o) {
  const c = (size - 1) / 2;
  const r2 = o.radius * o.radius;
  for (let y = 0; y < size; y++) {
    const dy = y - c;
    for (let x = 0; x < size; x++) {
      const dx = x - c;
      const inside = dx * dx + dy * dy < r2;
      out[y * size + x] = (inside ? o.disc : o.base) + Math.floor(random() * o.noise);
    }
  }
  return out;
}

/**
 * @param {string} patientId
 * @param {string} tp
 * @param {string} date
 * @param {'CT' | 'MR'} kind
 */
function exam(patientId, tp, date, kind) {
  const name = `bench/${patientId}/${tp}/${kind}`;
  return {
    kind,
    name,
    grid: kind === 'CT' ? CT : MR,
    start: kind === 'CT' ? '091500' : '103000',
    description: kind === 'CT' ? 'CT ABDOMEN LIVER' : 'MR LIVER EOB',
    studyUid: uidFromName(`${name}/study`),
    frameUid: uidFromName(`${name}/frame`),
    accession: `${patientId.slice(-3)}${tp[0]}${kind}`,
    studyId: kind,
    injection: kind === 'CT' ? '091700' : '104500',
    ctAgent: CT_AGENT,
    eobAgent: EOB_AGENT,
    bValueTag: 'standard',
  };
}

/**
 * @param {string} patientId
 * @param {any} ex
 * @param {string} role
 * @param {number} number
 */
function series(patientId, ex, role, number) {
  const def = SERIES[role];
  return {
    role,
    uid: uidFromName(`${ex.name}/series/${role}`),
    number,
    description: def.description,
    time: ex.start,
    contrast: def.contrast,
    mr: def.mr === 'VIBE_FS' ? VIBE_FS : def.mr,
    window: role === 'ADC' ? [1400, 2800] : [300, 700],
    folder: `${patientId}/${ex.kind}-${ex.name.split('/')[2]}/SE${String(number).padStart(2, '0')}-${role}`,
  };
}

/**
 * Writes every instance of one series; returns the relative file paths.
 * @param {string} dir
 * @param {any} ctx {patient, tp, date, exam}
 * @param {any} s series
 * @param {number[]} bValues one entry per repeat of the slice stack (DWI), else [undefined]
 */
function writeSeries(dir, ctx, s, bValues) {
  const g = ctx.exam.grid;
  const random = mulberry32(s.number * 7919 + g.size);
  const pixels =
    ctx.exam.kind === 'CT' ? new Int16Array(g.size ** 2) : new Uint16Array(g.size ** 2);
  mkdirSync(join(dir, s.folder), { recursive: true });
  const files = [];
  let number = 0;
  for (const b of bValues) {
    for (let slice = 0; slice < g.slices; slice++) {
      number++;
      const z = (slice - g.slices / 2) * g.thickness;
      const radius = g.size * (0.2 + 0.15 * Math.sin((Math.PI * slice) / g.slices));
      const ct = ctx.exam.kind === 'CT';
      paint(g.size, pixels, random, {
        base: ct ? 0 : 20,
        disc: ct ? 1084 : 400 - (b ?? 0) / 4,
        noise: ct ? 40 : 60,
        radius,
      });
      const instance = { number, z, b, uid: uidFromName(`${s.folder}/${number}`) };
      const file = `${s.folder}/IM${String(number).padStart(4, '0')}.dcm`;
      const bytes = encodeInstance({ ...ctx, series: s, instance }, pixels, { jpegLs: JPEG_LS });
      writeFileSync(join(dir, file), bytes);
      files.push(file);
    }
  }
  return files;
}

function generate(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const patient = (id) => ({ id, name: `BENCH^${id.slice(-3)}`, sex: 'O', trial: true });
  /** @type {string[]} */
  const files = [];
  /** The first CT (BENCH-001 baseline): the whole-series decode and scroll figures use it. */
  let ctFiles = /** @type {string[]} */ ([]);
  for (const [id, tp, date] of EXAMS) {
    const ctExam = exam(id, tp, date, 'CT');
    const ctSeries = series(id, ctExam, 'CT_PORTAL', 2);
    const ctCtx = { patient: patient(id), tp, date, exam: ctExam };
    const written = writeSeries(dir, ctCtx, ctSeries, [undefined]);
    if (ctFiles.length === 0) ctFiles = written;
    files.push(...written);
    const ex = exam(id, tp, date, 'MR');
    const ctx = { patient: patient(id), tp, date, exam: ex };
    MR_ROLES.forEach((role, i) => {
      const s = series(id, ex, role, i + 1);
      files.push(...writeSeries(dir, ctx, s, role === 'DWI' ? B_VALUES : [undefined]));
    });
  }
  const manifest = {
    generator: GENERATOR,
    files: files.length,
    ct: { rows: CT.size, columns: CT.size, files: ctFiles },
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

/**
 * Returns the study's manifest, generating the folder first unless a matching one exists.
 * @param {string} [dir]
 * @returns {{manifest: any, dir: string, generated: boolean, seconds: number}}
 */
export function ensureStudy(dir = STUDY_DIR) {
  const path = join(dir, 'manifest.json');
  if (existsSync(path)) {
    try {
      const manifest = JSON.parse(readFileSync(path, 'utf8'));
      if (manifest.generator === GENERATOR) {
        return { manifest, dir, generated: false, seconds: 0 };
      }
    } catch {
      // unreadable manifest: regenerate
    }
  }
  const start = performance.now();
  const manifest = generate(dir);
  return { manifest, dir, generated: true, seconds: (performance.now() - start) / 1000 };
}
