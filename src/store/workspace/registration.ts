/**
 * The reading workspace's use of the exam registration (docs/registration.md): where a lesion's
 * place lies in every viewport's frame of reference, and what the reader is told about the
 * registration. Pure; the workspace (workspace.ts) starts the registration and applies these.
 */
import type { ImagePoint } from '../../domain';
import { applyMat, compose, invertRigid, type Mat4, type Vec3 } from '../../domain/registration';
import type { CatalogPatient } from '../../dicom/catalog';
import type { ReadingCell } from '../../viewer/readingLayout';
import { stackOf } from '../../viewer/readingSpecs';
import type {
  FrameTransform,
  PatientRegistration,
} from '../../viewer/registration/examRegistration';
import { viewportIdOf } from './viewports';

export type { PatientRegistration } from '../../viewer/registration/examRegistration';

/** Registers a patient's exams (the composition root gives the worker-backed registrar's). */
export type RegisterPatient = (patient: CatalogPatient) => Promise<PatientRegistration>;

export type RegistrationView =
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly result: PatientRegistration }
  | { readonly state: 'failed'; readonly message: string };

/** A viewport a lesion focus moves, and the point it goes to in that viewport's frame. */
export interface FocusTarget {
  readonly cellId: string;
  readonly viewportId: string;
  readonly point: Vec3;
  /** Same frame of reference as the place, or mapped through the registration. */
  readonly via: 'frame' | 'registration';
}

const trusted = (f: FrameTransform | undefined): boolean =>
  f?.status === 'reference' || f?.status === 'registered';

/** The transform from one frame of reference to another, when both are registered well. */
export function frameToFrame(
  view: RegistrationView | undefined,
  from: string,
  to: string,
): Mat4 | undefined {
  if (view?.state !== 'done') return undefined;
  const a = view.result.frames[from];
  const b = view.result.frames[to];
  if (!a || !b || !trusted(a) || !trusted(b)) return undefined;
  return compose(b.fromReference, invertRigid(a.fromReference));
}

/**
 * Every viewport showing a series in the place's frame of reference goes to the place itself;
 * the others go to the registered place when the registration of both frames is trusted, and
 * are left alone otherwise (frame-of-reference sync, and Link, still apply).
 */
export function focusTargets(
  cells: readonly ReadingCell[],
  place: ImagePoint,
  view: RegistrationView | undefined,
): FocusTarget[] {
  const p: Vec3 = [place.point.x, place.point.y, place.point.z];
  return cells.flatMap((cell): FocusTarget[] => {
    if (!cell.series) return [];
    const frame = stackOf(cell.series).frameOfReferenceUid;
    const base = { cellId: cell.cellId, viewportId: viewportIdOf(cell.cellId) };
    if (frame === place.frameOfReferenceUid) return [{ ...base, point: p, via: 'frame' }];
    const m = frame ? frameToFrame(view, place.frameOfReferenceUid, frame) : undefined;
    return m ? [{ ...base, point: applyMat(m, p), via: 'registration' }] : [];
  });
}

/** What the reader is told: running, all aligned, or which exams fell back to position sync. */
export type RegistrationNote =
  | { readonly kind: 'running' }
  | { readonly kind: 'aligned'; readonly exams: number; readonly seconds: number }
  | { readonly kind: 'fallback'; readonly exams: number; readonly nmi: readonly string[] }
  | { readonly kind: 'failed'; readonly message: string };

export function registrationNote(view: RegistrationView | undefined): RegistrationNote | undefined {
  if (!view) return undefined;
  if (view.state === 'running') return { kind: 'running' };
  if (view.state === 'failed') return { kind: 'failed', message: view.message };
  const frames = Object.values(view.result.frames).filter((f) => f.status !== 'reference');
  const bad = frames.filter((f) => !trusted(f));
  if (bad.length === 0) {
    return { kind: 'aligned', exams: frames.length, seconds: view.result.ms / 1000 };
  }
  return {
    kind: 'fallback',
    exams: bad.length,
    nmi: bad.map((f) =>
      f.nmiAfter === undefined
        ? (f.message ?? '')
        : `${(f.nmiBefore ?? 0).toFixed(2)} -> ${f.nmiAfter.toFixed(2)}`,
    ),
  };
}

/** Starts a registration and reports its view as it goes (nothing when there is no registrar). */
export function startRegistration(
  register: RegisterPatient | undefined,
  patient: CatalogPatient,
  report: (view: RegistrationView) => void,
): void {
  if (!register) return;
  report({ state: 'running' });
  register(patient).then(
    (result) => report({ state: 'done', result }),
    (error: unknown) =>
      report({ state: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
}
