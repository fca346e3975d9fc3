/**
 * Two signed, discordant reads of the sample patient DREAM-001, made in node with the domain's
 * own commands (as the app would make them) and exported as the app exports them. Lesion places
 * are the baseline CT (portal venous) centres of sample-dicom/ground-truth.json, on the real
 * slice nearest to them, so the review's viewer can show them.
 *
 * Reader 1 (R01) calls as ground truth. Reader 2 (R02) differs, by design:
 *   L1 EOB present (so L1 is partial DLM, not cDLM)  -> L1~L1/EOB and L1~L1/status
 *   L2 DWI not evaluable                             -> L2~L2/DWI
 *   no L3                                            -> R1:L3
 *   ground truth L4 (R02's L3): CT present           -> L4~L3/CT
 *   an extra lesion in segment V (R02's L4)          -> R2:L4
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import {
  DEFAULT_STUDY_CONFIG,
  addLesion,
  assignTimepoint,
  createRead,
  exportReadJson,
  sealAudit,
  setCall,
  sign,
  worldPoint,
  type Call,
  type CommandContext,
  type CouinaudSegment,
  type ImagePoint,
  type ModalityGroup,
  type Read,
  type Reader,
  type Sha256,
} from '../../src/domain/index.ts';

export const nodeSha256: Sha256 = (text) =>
  Promise.resolve(createHash('sha256').update(text, 'utf8').digest('hex'));

interface Truth {
  patients: {
    patientId: string;
    timepoints: { timepoint: string; exams: { studyInstanceUid: string }[] }[];
    lesions: {
      id: string;
      segment: string;
      diameterMm: { baseline: number };
      centre: { baseline: { CT: [number, number, number] } };
      calls: { preop: Record<string, Call> };
    }[];
  }[];
}

const SERIES_DIR = 'sample-dicom/DREAM-001/20250310-CT/SE02-CT_PORTAL';
const GROUPS: Record<string, ModalityGroup> = { CT: 'CT', DWI: 'DWI', 'T1/T2': 'T1T2', EOB: 'EOB' };

interface Slice {
  sop: string;
  series: string;
  study: string;
  frame: string;
  z: number;
}

function slices(): Slice[] {
  return readdirSync(SERIES_DIR).map((file) => {
    const data = dicomParser.parseDicom(new Uint8Array(readFileSync(join(SERIES_DIR, file))));
    const position = (data.string('x00200032') ?? '').split('\\').map(Number);
    return {
      sop: data.string('x00080018') ?? '',
      series: data.string('x0020000e') ?? '',
      study: data.string('x0020000d') ?? '',
      frame: data.string('x00200052') ?? '',
      z: position[2] ?? 0,
    };
  });
}

/** An image point on the baseline CT slice nearest to `at` (LPS mm). */
function placeAt(all: readonly Slice[], at: readonly [number, number, number]): ImagePoint {
  const nearest = [...all].sort((a, b) => Math.abs(a.z - at[2]) - Math.abs(b.z - at[2]))[0];
  if (!nearest) throw new Error('no baseline CT slices');
  return {
    point: worldPoint(at[0], at[1], nearest.z),
    studyInstanceUid: nearest.study,
    seriesInstanceUid: nearest.series,
    sopInstanceUid: nearest.sop,
    frameNumber: 1,
    frameOfReferenceUid: nearest.frame,
  };
}

function context(start: string, prefix: string): CommandContext {
  let tick = 0;
  let id = 0;
  const t0 = new Date(start).getTime();
  return {
    now: () => new Date(t0 + 1000 * tick++).toISOString(),
    newId: () => `${prefix}-${String(++id).padStart(4, '0')}-4000-8000-000000000000`,
  };
}

interface PlannedLesion {
  segment: string;
  centre: readonly [number, number, number];
  diameterMm: number;
  calls: Record<ModalityGroup, Call>;
}

async function makeRead(reader: Reader, lesions: readonly PlannedLesion[], prefix: string) {
  const truth = JSON.parse(readFileSync('sample-dicom/ground-truth.json', 'utf8')) as Truth;
  const patient = truth.patients.find((p) => p.patientId === 'DREAM-001');
  if (!patient) throw new Error('DREAM-001 not in ground truth');
  const ctx = context('2026-02-01T09:00:00.000Z', prefix);
  const all = slices();
  let read: Read = createRead(
    { patientId: 'DREAM-001', reader, config: DEFAULT_STUDY_CONFIG },
    ctx,
  );
  for (const tp of patient.timepoints) {
    for (const exam of tp.exams) {
      read = assignTimepoint(
        read,
        {
          studyInstanceUid: exam.studyInstanceUid,
          timepoint: tp.timepoint as 'baseline' | 'preop',
        },
        ctx,
      );
    }
  }
  lesions.forEach((lesion, index) => {
    read = addLesion(
      read,
      {
        segment: lesion.segment as CouinaudSegment,
        baselineLocation: placeAt(all, lesion.centre),
        baselineDiameterMm: lesion.diameterMm,
      },
      ctx,
    );
    const lesionId = `L${index + 1}` as const;
    for (const [modality, call] of Object.entries(lesion.calls) as [ModalityGroup, Call][]) {
      read = setCall(read, { lesionId, timepoint: 'preop', modality, call }, ctx);
    }
  });
  read = sign(read, { signerName: reader.name, meaning: 'Author' }, ctx);
  const sealed = await sealAudit(read, nodeSha256);
  return { read: sealed, json: exportReadJson(sealed, { now: ctx.now }) };
}

/** The two discordant reads (R01 = ground truth, R02 as in the module comment). */
export async function discordantReads() {
  const truth = JSON.parse(readFileSync('sample-dicom/ground-truth.json', 'utf8')) as Truth;
  const lesions = truth.patients.find((p) => p.patientId === 'DREAM-001')?.lesions ?? [];
  const asPlanned = (id: string): PlannedLesion => {
    const l = lesions.find((x) => x.id === id);
    if (!l) throw new Error(`no ${id}`);
    const calls = Object.fromEntries(
      Object.entries(l.calls.preop).map(([k, v]) => [GROUPS[k] ?? k, v]),
    ) as Record<ModalityGroup, Call>;
    return {
      segment: l.segment,
      centre: l.centre.baseline.CT,
      diameterMm: l.diameterMm.baseline,
      calls,
    };
  };
  const shift = (p: PlannedLesion, dx: number, dy: number): PlannedLesion => ({
    ...p,
    centre: [p.centre[0] + dx, p.centre[1] + dy, p.centre[2]],
  });
  const [l1, l2, l3, l4] = ['L1', 'L2', 'L3', 'L4'].map(asPlanned) as [
    PlannedLesion,
    PlannedLesion,
    PlannedLesion,
    PlannedLesion,
  ];
  const reader1 = await makeRead({ id: 'R01', name: 'Dr Ito' }, [l1, l2, l3, l4], 'aaaaaaaa');
  const reader2 = await makeRead(
    { id: 'R02', name: 'Dr Sato' },
    [
      { ...shift(l1, 3, -2), calls: { ...l1.calls, EOB: 'present' } },
      { ...shift(l2, -2, 2), calls: { ...l2.calls, DWI: 'not-evaluable' } },
      { ...shift(l4, 2, 3), calls: { ...l4.calls, CT: 'present' } },
      {
        segment: 'V',
        centre: [-40, 30, -600],
        diameterMm: 9,
        calls: { CT: 'present', DWI: 'present', T1T2: 'present', EOB: 'present' },
      },
    ],
    'bbbbbbbb',
  );
  return { reader1, reader2 };
}
