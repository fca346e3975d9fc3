/**
 * Registers a patient's exams when the patient opens (docs/registration.md): picks one series
 * per exam (CT portal venous first; T2 for MR), loads its images through cornerstone, downsamples
 * them (src/domain/registration/volume.ts) and has the registration worker align each planned
 * pair, one pair at a time. Results are cached per pair of series for the tab, and in the
 * browser's IndexedDB (pairCache.ts) when the composition root gives that cache, so reopening a
 * patient, even after a reload, costs nothing. The answer is one transform per frame of reference, from the
 * patient's reference exam, with each exam's quality.
 */
import { imageLoader } from '@cornerstonejs/core';
import type { CatalogExam, CatalogPatient, CatalogSeries } from '../../dicom/catalog';
import {
  chainTransforms,
  IDENTITY,
  registrationPlan,
  volumeFromSlices,
  type ExamKind,
  type Mat4,
  type RegistrationVolume,
  type VolumeSlice,
} from '../../domain/registration';
import { NO_PAIR_CACHE, pairCacheKey, type PairCache } from './pairCache';
import type { PairResult } from './rigidElastix';
import type { RegistrationRequest, RegistrationResponse } from './registrationWorker';

/** How far one exam's frame of reference is known from the patient's reference exam. */
export interface FrameTransform {
  /** Reference-exam point -> this exam's point (mm); identity for the reference. */
  readonly fromReference: Mat4;
  readonly status: 'reference' | 'registered' | 'poor' | 'failed';
  /** Its own pair's quality (absent for the reference). */
  readonly nmiBefore?: number;
  readonly nmiAfter?: number;
  readonly message?: string;
}

export interface PatientRegistration {
  readonly referenceFrame: string | undefined;
  /** Frame of reference UID -> transform. Frames with a failed or poor chain are listed too. */
  readonly frames: Readonly<Record<string, FrameTransform>>;
  /** Wall time of the whole patient (ms): loading the series, queueing and registering. */
  readonly ms: number;
  /** Time of each pair's registration in the worker (ms), in plan order. */
  readonly pairMs: readonly number[];
}

interface PlannedExam {
  key: string;
  kind: ExamKind;
  order: number;
  series: CatalogSeries;
  frame: string;
}

const CT_PREFERENCE = ['portal-venous', 'delayed', 'arterial', 'non-contrast', 'unknown'];
const MR_PREFERENCE = ['T2', 'EOB:hbp', 'T1', 'EOB:portal', 'EOB:transitional', 'EOB:pre'];

function rankOf(s: CatalogSeries): number {
  const r = s.role;
  if (r.kind === 'CT') return CT_PREFERENCE.indexOf(r.phase);
  const name = r.kind === 'EOB' ? `EOB:${r.phase}` : r.kind;
  const i = MR_PREFERENCE.indexOf(name);
  return i < 0 ? -1 : i;
}

/** The exam's series to register on, and its kind; undefined when it has none usable. */
export function registrationSeries(
  exam: CatalogExam,
): { kind: ExamKind; series: CatalogSeries } | undefined {
  const usable = exam.series.filter(
    (s) =>
      (s.modality === 'CT' || s.modality === 'MR') &&
      rankOf(s) >= 0 &&
      s.instances.length >= 3 &&
      !s.key.startsWith('adc-computed'),
  );
  const best = [...usable].sort((a, b) => rankOf(a) - rankOf(b))[0];
  return best && { kind: best.modality as ExamKind, series: best };
}

export function plannedExams(patient: CatalogPatient): PlannedExam[] {
  return patient.timepoints.flatMap((tp, order) =>
    tp.exams.flatMap((exam) => {
      const chosen = registrationSeries(exam);
      const frame = chosen?.series.instances[0]?.header.frameOfReferenceUid;
      if (!chosen || !frame) return [];
      const key = `${exam.studyInstanceUid}|${chosen.kind}`;
      return [{ key, kind: chosen.kind, order, series: chosen.series, frame }];
    }),
  );
}

/** Decoded real values of a series' images, with their geometry from the catalogue. */
async function volumeOf(series: CatalogSeries): Promise<RegistrationVolume> {
  const slices = await Promise.all(
    series.instances.map(async (instance): Promise<VolumeSlice> => {
      const image = await imageLoader.loadAndCacheImage(instance.source);
      const data = image.getPixelData();
      const scaled = image.preScale?.scaled === true;
      const slope = scaled ? 1 : image.slope;
      const intercept = scaled ? 0 : image.intercept;
      const values = new Float32Array(image.rows * image.columns);
      for (let i = 0; i < values.length; i++) values[i] = (data[i] ?? 0) * slope + intercept;
      const h = instance.header;
      return {
        ipp: h.imagePositionPatient ?? [0, 0, 0],
        pixelSpacing: h.pixelSpacing ?? [1, 1],
        ...(h.imageOrientationPatient && { orientation: h.imageOrientationPatient }),
        rows: image.rows,
        columns: image.columns,
        values,
      };
    }),
  );
  return volumeFromSlices(slices);
}

export type RegistrationWorkerFactory = () => Worker;

const defaultFactory: RegistrationWorkerFactory = () =>
  new Worker(new URL('./registrationWorker.ts', import.meta.url), { type: 'module' });

/** One lazily started worker, pairs run one after another, results cached per series pair. */
export class ExamRegistrar {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<number, (r: RegistrationResponse) => void>();
  private readonly pairs = new Map<string, Promise<PairResult>>();
  private readonly volumes = new Map<string, Promise<RegistrationVolume>>();

  constructor(
    private readonly pipelineBaseUrl: string,
    private readonly createWorker: RegistrationWorkerFactory = defaultFactory,
    private readonly cache: PairCache = NO_PAIR_CACHE,
  ) {}

  async registerPatient(patient: CatalogPatient): Promise<PatientRegistration> {
    const start = performance.now();
    const exams = plannedExams(patient);
    const plan = registrationPlan(exams);
    const byKey = new Map(exams.map((e) => [e.key, e]));
    const outcomes = await Promise.all(
      plan.pairs.map(async (pair) => {
        const fixed = byKey.get(pair.fixed)!;
        const moving = byKey.get(pair.moving)!;
        try {
          return { pair, result: await this.pair(fixed.series, moving.series) };
        } catch (error) {
          return { pair, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const trusted = new Map<string, Mat4>();
    const any = new Map<string, Mat4>();
    for (const o of outcomes) {
      if (!o.result) continue;
      any.set(o.pair.moving, o.result.matrix);
      if (!o.result.poor) trusted.set(o.pair.moving, o.result.matrix);
    }
    const good = chainTransforms(plan, trusted);
    const all = chainTransforms(plan, any);
    const frames: Record<string, FrameTransform> = {};
    const reference = plan.reference ? byKey.get(plan.reference) : undefined;
    if (reference) frames[reference.frame] = { fromReference: IDENTITY, status: 'reference' };
    for (const o of outcomes) {
      const exam = byKey.get(o.pair.moving)!;
      const matrix = good.get(exam.key) ?? all.get(exam.key) ?? IDENTITY;
      const status = !o.result ? 'failed' : good.has(exam.key) ? 'registered' : 'poor';
      frames[exam.frame] = {
        fromReference: matrix,
        status,
        ...(o.result && { nmiBefore: o.result.nmiBefore, nmiAfter: o.result.nmiAfter }),
        ...((o.error ?? o.result?.poor) !== undefined && { message: o.error ?? o.result?.poor }),
      };
    }
    return {
      referenceFrame: reference?.frame,
      frames,
      ms: performance.now() - start,
      pairMs: outcomes.flatMap((o) => (o.result ? [o.result.ms] : [])),
    };
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const resolve of this.pending.values()) resolve({ id: 0, ok: false, message: 'disposed' });
    this.pending.clear();
  }

  private volume(series: CatalogSeries): Promise<RegistrationVolume> {
    let v = this.volumes.get(series.key);
    if (!v) {
      v = volumeOf(series);
      v.catch(() => this.volumes.delete(series.key));
      this.volumes.set(series.key, v);
    }
    return v;
  }

  private pair(fixed: CatalogSeries, moving: CatalogSeries): Promise<PairResult> {
    const key = `${fixed.key}>${moving.key}`;
    let p = this.pairs.get(key);
    if (!p) {
      p = this.storedOrRun(fixed, moving);
      p.catch(() => this.pairs.delete(key));
      this.pairs.set(key, p);
    }
    return p;
  }

  /** A stored result of the pair, else elastix in the worker after the pairs queued before. */
  private async storedOrRun(fixed: CatalogSeries, moving: CatalogSeries): Promise<PairResult> {
    const key = pairCacheKey(fixed, moving);
    const stored = await this.cache.get(key).catch(() => undefined);
    if (stored) return stored;
    const run = async () => this.run(await this.volume(fixed), await this.volume(moving));
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    const result = await p;
    // A cache that cannot write (private mode, quota) only costs the next open a registration.
    await this.cache.put(key, result).catch(() => undefined);
    return result;
  }

  private run(fixed: RegistrationVolume, moving: RegistrationVolume): Promise<PairResult> {
    this.worker ??= this.createWorker();
    const worker = this.worker;
    worker.onmessage = (event: MessageEvent<RegistrationResponse>) => {
      this.pending.get(event.data.id)?.(event.data);
      this.pending.delete(event.data.id);
    };
    const id = this.nextId++;
    return new Promise<PairResult>((resolve, reject) => {
      this.pending.set(id, (r) => (r.ok ? resolve(r.result) : reject(new Error(r.message))));
      const request: RegistrationRequest = {
        id,
        fixed,
        moving,
        pipelineBaseUrl: this.pipelineBaseUrl,
      };
      worker.postMessage(request);
    });
  }
}
