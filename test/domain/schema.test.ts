/**
 * The model (model.ts) and the export schema (schema.ts) must agree. The type-level checks run
 * under `tsc` (npm run typecheck): a field added to one and not the other fails to compile.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { toReadFile } from '../../src/domain/exportRead.ts';
import type {
  AuditEntry,
  ImagePoint,
  Lesion,
  ModalityAssessment,
  Read,
  Reader,
  SeriesUse,
  Signature,
  StudyConfig,
  TimepointAssessment,
  VersionRef,
} from '../../src/domain/model.ts';
import { readFileSchema } from '../../src/domain/schema.ts';
import type {
  auditEntrySchema,
  imagePointSchema,
  lesionSchema,
  modalityAssessmentSchema,
  readerSchema,
  seriesUseSchema,
  signatureSchema,
  studyConfigSchema,
  timepointAssessmentSchema,
  versionRefSchema,
  ReadFile,
} from '../../src/domain/schema.ts';
import { makeLesion, makeRead } from './fixtures.ts';

type Keys<S extends z.ZodType> = keyof z.infer<S>;

describe('model and schema agree', () => {
  it('a Read converts to the export type without casts, and back', () => {
    const read: Read = makeRead({ lesions: [makeLesion()], nextLesionNumber: 2 });
    const file: ReadFile = toReadFile(read, '2026-01-01T00:00:00.000Z');
    const { exportedAt, statuses, ...body } = file;
    expect([exportedAt, statuses.length]).toEqual(['2026-01-01T00:00:00.000Z', 1]);
    const back: Read = { ...body, pendingAudit: [] };
    expect(back).toEqual(read);
    expectTypeOf<
      Omit<ReadFile, 'exportedAt' | 'statuses'> & { pendingAudit: [] }
    >().toExtend<Read>();
  });

  it('every object has the same fields in the model and the schema', () => {
    expectTypeOf<keyof Read>().toEqualTypeOf<
      Exclude<keyof ReadFile, 'exportedAt' | 'statuses'> | 'pendingAudit'
    >();
    expectTypeOf<keyof Lesion>().toEqualTypeOf<Keys<typeof lesionSchema>>();
    expectTypeOf<keyof TimepointAssessment>().toEqualTypeOf<
      Keys<typeof timepointAssessmentSchema>
    >();
    expectTypeOf<keyof ModalityAssessment>().toEqualTypeOf<Keys<typeof modalityAssessmentSchema>>();
    expectTypeOf<keyof ImagePoint>().toEqualTypeOf<Keys<typeof imagePointSchema>>();
    expectTypeOf<keyof StudyConfig>().toEqualTypeOf<Keys<typeof studyConfigSchema>>();
    expectTypeOf<keyof Reader>().toEqualTypeOf<Keys<typeof readerSchema>>();
    expectTypeOf<keyof Signature>().toEqualTypeOf<Keys<typeof signatureSchema>>();
    expectTypeOf<keyof VersionRef>().toEqualTypeOf<Keys<typeof versionRefSchema>>();
    expectTypeOf<keyof AuditEntry>().toEqualTypeOf<Keys<typeof auditEntrySchema>>();
    expectTypeOf<keyof SeriesUse>().toEqualTypeOf<Keys<typeof seriesUseSchema>>();
  });

  it('parsing brands points: the parsed type is the model type', () => {
    const file = toReadFile(
      makeRead({ lesions: [makeLesion()], nextLesionNumber: 2 }),
      '2026-01-01T00:00:00.000Z',
    );
    const parsed = readFileSchema.parse(JSON.parse(JSON.stringify(file)));
    const location: ImagePoint | undefined = parsed.lesions[0]?.baselineLocation;
    expect(location?.point).toEqual({ x: -50.5, y: 120, z: 300.25 });
  });
});
