/**
 * Builders of the golden reads whose exports are committed under test/domain/fixtures/. They use
 * the real commands with a deterministic context, so a fixture is what the app would write.
 * Regenerate the files with `UPDATE_GOLDEN=1 npx vitest run --project unit test/domain`.
 */
import { sealAudit } from '../../src/domain/audit.ts';
import {
  addLesion,
  assignTimepoint,
  createRead,
  removeLesion,
  setCall,
  setComment,
  setMeasurement,
  setRecurrence,
  setSitePoint,
} from '../../src/domain/commands.ts';
import { signRead } from '../../src/domain/integrity/signing.ts';
import { amend } from '../../src/domain/lifecycle.ts';
import {
  worldPoint,
  type Call,
  type CommandContext,
  type LesionId,
  type ModalityGroup,
  type Read,
} from '../../src/domain/model.ts';
import { makeContext, makeImagePoint, sha256 } from './fixtures.ts';

export const BASELINE_STUDY = '1.2.826.0.1.3680043.2.1125.1';
export const PREOP_STUDY = '1.2.826.0.1.3680043.2.1125.2';
export const FOLLOWUP_STUDY = '1.2.826.0.1.3680043.2.1125.3';

/** The export clock of all golden files. */
export const GOLDEN_EXPORTED_AT = '2026-03-01T12:00:00.000Z';

function calls(
  read: Read,
  ctx: CommandContext,
  lesionId: LesionId,
  byModality: Partial<Record<ModalityGroup, Call>>,
): Read {
  return Object.entries(byModality).reduce(
    (r, [modality, call]) =>
      setCall(r, { lesionId, timepoint: 'preop', modality: modality as ModalityGroup, call }, ctx),
    read,
  );
}

function draftUnsealed(ctx: CommandContext): Read {
  let r = createRead(
    { patientId: 'DREAM-042-0007', reader: { id: 'site-reader-3', name: 'Dr A. Example' } },
    ctx,
  );
  r = assignTimepoint(r, { studyInstanceUid: PREOP_STUDY, timepoint: 'preop' }, ctx);
  r = assignTimepoint(r, { studyInstanceUid: BASELINE_STUDY, timepoint: 'baseline' }, ctx);
  const at = (x: number, y: number, z: number, sop: string) =>
    makeImagePoint({
      point: worldPoint(x, y, z),
      studyInstanceUid: BASELINE_STUDY,
      sopInstanceUid: sop,
    });
  r = addLesion(
    r,
    { segment: 'VII', baselineLocation: at(-80.5, 40, 120.25, '1.2.3.11'), baselineDiameterMm: 8 },
    ctx,
  );
  r = addLesion(
    r,
    { segment: 'IVa', baselineLocation: at(20, 35.5, 130, '1.2.3.12'), baselineDiameterMm: 14.5 },
    ctx,
  );
  r = addLesion(
    r,
    { segment: 'II', baselineLocation: at(45, 10, 150, '1.2.3.13'), baselineDiameterMm: 22 },
    ctx,
  );
  r = addLesion(r, { segment: 'VI', baselineLocation: at(-95, 60.75, 90, '1.2.3.14') }, ctx);
  r = setCall(r, { lesionId: 'L1', timepoint: 'baseline', modality: 'CT', call: 'present' }, ctx);
  r = setMeasurement(
    r,
    { lesionId: 'L1', timepoint: 'baseline', modality: 'CT', diameterMm: 8 },
    ctx,
  );
  // L1 cDLM: gone everywhere; the site is marked for the surgeon.
  r = calls(r, ctx, 'L1', {
    CT: 'disappeared',
    DWI: 'disappeared',
    T1T2: 'disappeared',
    EOB: 'disappeared',
  });
  const site = makeImagePoint({
    point: worldPoint(-81, 41.5, 121),
    studyInstanceUid: PREOP_STUDY,
    sopInstanceUid: '1.2.3.21',
    frameNumber: 3,
  });
  r = setSitePoint(
    r,
    { lesionId: 'L1', timepoint: 'preop', modality: 'EOB', sitePoint: site },
    ctx,
  );
  // L2 partial DLM: gone on CT and T1/T2, still seen on DWI (with ADC) and EOB.
  r = calls(r, ctx, 'L2', {
    CT: 'disappeared',
    DWI: 'present',
    T1T2: 'disappeared',
    EOB: 'present',
  });
  r = setMeasurement(
    r,
    {
      lesionId: 'L2',
      timepoint: 'preop',
      modality: 'DWI',
      adcMean: 1.12,
      adcSd: 0.21,
      adcPixels: 57,
    },
    ctx,
  );
  // L3 visible everywhere, smaller.
  r = calls(r, ctx, 'L3', { CT: 'present', DWI: 'present', T1T2: 'present', EOB: 'present' });
  r = setMeasurement(
    r,
    { lesionId: 'L3', timepoint: 'preop', modality: 'CT', diameterMm: 11.5 },
    ctx,
  );
  // L4 incomplete: DWI not evaluable, T1/T2 unset; the comment needs CSV quoting.
  r = calls(r, ctx, 'L4', { CT: 'disappeared', DWI: 'not-evaluable', EOB: 'disappeared' });
  r = setComment(
    r,
    {
      lesionId: 'L4',
      timepoint: 'preop',
      modality: 'DWI',
      comment: 'motion, "breathing" artefact\nrepeat?',
    },
    ctx,
  );
  return {
    ...r,
    seriesUsed: {
      baseline: [
        {
          studyInstanceUid: BASELINE_STUDY,
          seriesInstanceUid: `${BASELINE_STUDY}.5`,
          role: 'CT portal venous',
        },
      ],
      preop: [
        {
          studyInstanceUid: PREOP_STUDY,
          seriesInstanceUid: `${PREOP_STUDY}.5`,
          role: 'CT portal venous',
        },
        { studyInstanceUid: PREOP_STUDY, seriesInstanceUid: `${PREOP_STUDY}.9`, role: 'EOB HBP' },
      ],
    },
  };
}

/** The three golden reads (all sealed), built afresh on every call. */
export async function goldenReads(): Promise<Record<'draft' | 'signed' | 'amended', Read>> {
  const ctx = makeContext('2026-02-01T09:00:00.000Z');
  const draft = await sealAudit(draftUnsealed(ctx), sha256);
  // With its content hash; without a key, whose signatures are random and would not be golden.
  const signed = await sealAudit(
    await signRead(draft, { signerName: 'Dr A. Example', meaning: 'Author' }, ctx, { sha256 }),
    sha256,
  );
  let r = amend(signed, 'L2 CT re-read at the tumour board', ctx);
  r = setCall(r, { lesionId: 'L2', timepoint: 'preop', modality: 'CT', call: 'present' }, ctx);
  r = removeLesion(r, { lesionId: 'L4', reason: 'same lesion as L2 on review' }, ctx);
  r = assignTimepoint(r, { studyInstanceUid: FOLLOWUP_STUDY, timepoint: 'followup-1' }, ctx);
  r = setRecurrence(r, { lesionId: 'L1', timepoint: 'followup-1', recurrence: 'no' }, ctx);
  const amended = await sealAudit(r, sha256);
  return { draft, signed, amended };
}
