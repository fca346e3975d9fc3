/**
 * Central review bench: 400 patients x 2 blinded reads, generated in memory
 * with the domain commands (seeded; 3-6 lesions per patient; reader 2 disagrees with reader 1 in
 * about 40% of patients: a different call, a missed lesion or an extra one), then timed through the
 * batch CLI's code path, i.e. the functions src/cli/reads.ts calls after loading the files:
 * `compareStudy` (grouping, one-to-one matching, discordances, pooled percent agreement and Cohen's
 * kappa per modality and status) and `endpointStudy` (the endpoint table over reader 1's reads as
 * the one read per patient, with generated outcomes). File reading, JSON import and text rendering
 * are not included. Target: under 200 ms of computation (median of the runs, after one warm-up).
 *
 *   node scripts/bench/review.mjs               standalone: prints the figure
 *   import { benchReview } from './review.mjs'  from run.mjs: returns the figures
 *
 * Env: BENCH_RUNS (runs, default 5).
 */
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runnerImport } from 'vite';
import { median } from './median.mjs';
import { mulberry32 } from '../sample/random.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
export const REVIEW_PATIENTS = 400;
export const REVIEW_TARGET_MS = 200;
const SEED = 20260601;
const MODALITIES = ['CT', 'DWI', 'T1T2', 'EOB'];
const SEGMENTS = ['I', 'II', 'III', 'IVa', 'IVb', 'V', 'VI', 'VII', 'VIII'];
/** Lesion patterns at preop (CT, DWI, T1/T2, EOB) and how often they occur. */
const PATTERNS = [
  [0.4, ['disappeared', 'disappeared', 'disappeared', 'disappeared']],
  [0.15, ['disappeared', 'disappeared', 'disappeared', 'present']],
  [0.1, ['disappeared', 'present', 'present', 'present']],
  [0.25, ['present', 'present', 'present', 'present']],
  [0.1, ['disappeared', 'disappeared', 'not-evaluable', undefined]],
];
const DISCORDANT_PATIENTS = 0.4;

/**
 * The generated study: reads of both readers as the CLI holds them after loading, and outcomes.
 * @param {any} domain src/domain/index.ts
 * @param {number} patients
 */
export function generateReview(domain, patients = REVIEW_PATIENTS) {
  const random = mulberry32(SEED);
  const pick = (/** @type {any[]} */ list) => list[Math.floor(random() * list.length)];
  const pattern = () => {
    let u = random();
    for (const [p, calls] of PATTERNS) {
      if ((u -= p) < 0) return calls;
    }
    return PATTERNS[0][1];
  };
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  let ids = 0;
  const ctx = { now: () => new Date((clock += 1000)).toISOString(), newId: () => `g-${++ids}` };
  const readers = [
    { id: 'reader-1', name: 'Dr One' },
    { id: 'reader-2', name: 'Dr Two' },
  ];
  const point = (/** @type {number[]} */ [x, y, z]) => ({
    point: domain.worldPoint(x, y, z),
    studyInstanceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.4',
    sopInstanceUid: '1.2.3.4.5',
    frameNumber: 1,
    frameOfReferenceUid: '1.2.3.9',
  });
  /** @param {any} read @param {{segment: string, at: number[], calls: (string | undefined)[]}} lesion */
  const withLesion = (read, lesion) => {
    const lesionId = domain.nextLesionId(read);
    let r = domain.addLesion(
      read,
      { segment: lesion.segment, baselineLocation: point(lesion.at), baselineDiameterMm: 10 },
      ctx,
    );
    lesion.calls.forEach((call, m) => {
      if (call !== undefined) {
        r = domain.setCall(r, { lesionId, timepoint: 'preop', modality: MODALITIES[m], call }, ctx);
      }
    });
    return r;
  };

  const loaded1 = [];
  const loaded2 = [];
  const outcomes = [];
  let lesionCount = 0;
  for (let p = 0; p < patients; p++) {
    const patientId = `BENCH-${String(p + 1).padStart(4, '0')}`;
    const count = 3 + Math.floor(random() * 4);
    // Lesions 40 mm apart along x (jittered), so each has one partner within 15 mm.
    const truth = Array.from({ length: count }, (_, i) => ({
      segment: pick(SEGMENTS),
      at: [40 * i + 5 * random(), 80 * random(), 100 + 60 * random()],
      calls: pattern(),
    }));
    const second = truth.map((l) => ({
      ...l,
      at: l.at.map((c) => c + 4 * (random() - 0.5)),
      calls: [...l.calls],
    }));
    if (random() < DISCORDANT_PATIENTS) {
      const kind = random();
      const target = Math.floor(random() * second.length);
      if (kind < 0.6) {
        const m = Math.floor(random() * 4);
        const lesion = second[target];
        lesion.calls[m] = lesion.calls[m] === 'present' ? 'disappeared' : 'present';
      } else if (kind < 0.8) second.splice(target, 1);
      else second.push({ segment: pick(SEGMENTS), at: [-100, 0, 0], calls: pattern() });
    }
    for (const [side, lesions, list] of [
      [0, truth, loaded1],
      [1, second, loaded2],
    ]) {
      let read = domain.createRead({ patientId, reader: readers[side] }, ctx);
      for (const lesion of lesions) read = withLesion(read, lesion);
      list.push({ file: `${patientId}-r${side + 1}.json`, read, exportedAt: ctx.now() });
    }
    lesionCount += truth.length + second.length;
    truth.forEach((lesion, i) => {
      if (lesion.calls[0] !== 'disappeared') return;
      const resected = random() < 0.6;
      outcomes.push({
        patientId,
        lesionId: `L${i + 1}`,
        ...(resected
          ? { management: 'resected', pathology: random() < 0.8 ? 'non-viable' : 'viable' }
          : random() < 0.2
            ? { management: 'left-in-situ', localRecurrence: 'yes' }
            : {
                management: 'left-in-situ',
                localRecurrence: 'no',
                followUpMonths: Math.floor(6 + 42 * random()),
              }),
        ceIous: random() < 0.3 ? 'seen' : 'not-seen',
      });
    });
  }
  return { loaded1, loaded2, reads: [...loaded1, ...loaded2], outcomes, lesionCount };
}

/**
 * Times the CLI's compare and endpoint computations on the generated study.
 * @param {{runs?: number, log?: (...args: any[]) => void}} [options]
 */
export async function benchReview(options = {}) {
  const runs = Math.max(1, options.runs ?? (Number(process.env.BENCH_RUNS ?? 5) || 5));
  const log = options.log ?? (() => {});
  const [{ module: domain }, { module: cli }] = await Promise.all([
    runnerImport(resolve(ROOT, 'src/domain/index.ts'), { configFile: false }),
    runnerImport(resolve(ROOT, 'src/cli/analysis.ts'), { configFile: false }),
  ]);
  const generateStart = performance.now();
  const study = generateReview(domain);
  log(
    `generated ${REVIEW_PATIENTS} patients x 2 reads, ${study.lesionCount} lesions, ` +
      `${study.outcomes.length} outcomes in ${(performance.now() - generateStart).toFixed(0)} ms`,
  );
  const once = () => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const compare = cli.compareStudy(study.reads);
    const t1 = performance.now();
    const endpoint = cli.endpointStudy(study.loaded1, study.outcomes);
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return { compare, endpoint, compareMs: t1 - t0, endpointMs: t2 - t1, cpuMs };
  };
  const check = once();
  once(); // a second warm-up: the first run also compiles
  if (check.compare.problems.length > 0 || check.endpoint.problems.length > 0) {
    throw new Error('review bench: the generated study has problems');
  }
  const times = { total: [], compare: [], endpoint: [], cpu: [] };
  for (let r = 0; r < runs; r++) {
    const { compareMs, endpointMs, cpuMs } = once();
    times.total.push(compareMs + endpointMs);
    times.compare.push(compareMs);
    times.endpoint.push(endpointMs);
    times.cpu.push(cpuMs);
  }
  const c = check.compare;
  const status = c.agreement.rows.find((/** @type {any} */ row) => row.item === 'status');
  const cdlm = check.endpoint.table.rows[0];
  const figure = {
    id: 'review400',
    label: `central review ${REVIEW_PATIENTS} patients x 2 reads (CLI compare + endpoint)`,
    unit: 'ms',
    app: median(times.total),
    compareMs: median(times.compare),
    endpointMs: median(times.endpoint),
    /** CPU time of the process over the same runs (user + system), for a loaded machine. */
    cpuMs: median(times.cpu),
    /** 1-minute load average and CPU count when measured: wall times grow with the load. */
    load: { average1m: loadavg()[0], cpus: availableParallelism() },
    targetMs: REVIEW_TARGET_MS,
    targetMet: median(times.total) < REVIEW_TARGET_MS,
    study: {
      patients: c.patients.length,
      reads: study.reads.length,
      lesions: study.lesionCount,
      matchedPairs: c.agreement.detection.matchedPairs,
      discordances: c.discordances,
      patientsWithDiscordances: c.patientsWithDiscordances,
      statusKappa: status?.kappa ?? null,
      cdlmNpv: cdlm?.npv ?? null,
    },
    note: 'Node main thread: src/cli/analysis.ts compareStudy (matching, discordances, pooled kappa) + endpointStudy (computeEndpointTable) on reads generated with the domain commands; no file IO, JSON import or rendering. Median of the runs after one warm-up.',
    runs: times,
  };
  log(
    `compare ${figure.compareMs.toFixed(1)} ms + endpoint ${figure.endpointMs.toFixed(1)} ms = ` +
      `${figure.app.toFixed(1)} ms wall, ${figure.cpuMs.toFixed(1)} ms CPU (target < ` +
      `${REVIEW_TARGET_MS} ms; load ${figure.load.average1m.toFixed(1)} on ${figure.load.cpus} CPUs); ` +
      `${c.patientsWithDiscordances}/${c.patients.length} patients discordant, status kappa ` +
      `${status?.kappa?.toFixed(3)}`,
  );
  return { runs, node: process.version, figures: [figure] };
}

async function main() {
  const result = await benchReview({ log: (...args) => console.log('[review bench]', ...args) });
  const [f] = result.figures;
  console.log(`\nnode ${result.node}, median of ${result.runs} runs, Node main thread\n`);
  const rows = [
    ['figure', 'compare ms', 'endpoint ms', 'total ms', 'CPU ms', 'target'],
    [
      f.label,
      f.compareMs.toFixed(1),
      f.endpointMs.toFixed(1),
      f.app.toFixed(1),
      f.cpuMs.toFixed(1),
      `< ${f.targetMs} ms ${f.targetMet ? '(met)' : '(NOT met)'}`,
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i])).join(' | '));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
