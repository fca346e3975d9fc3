/**
 * The study file (docs/campaign.md): who reads which patients in which order, with what
 * blinding and QC limits. JSON, schema below, published as public/schema/study-v1.schema.json
 * (test/domain/study/schema.test.ts keeps the committed copy equal to `studyJsonSchema()`).
 *
 * A reader is a roster entry (src/domain/integrity/roster.ts) whose role is `reader` or
 * `adjudicator` and whose public key is optional: readers with a key form the study's roster.
 */
import { z } from 'zod';
import { rosterEntrySchema } from '../integrity/roster.ts';
import { ecPublicKeySchema, modalityGroupSchema, timepointIdSchema } from '../schema.ts';

export const STUDY_ROLES = ['reader', 'adjudicator'] as const;
export type StudyRole = (typeof STUDY_ROLES)[number];

export const studyReaderSchema = rosterEntrySchema
  .extend({
    role: z.enum(STUDY_ROLES),
    publicKey: ecPublicKeySchema.optional(),
  })
  .meta({ id: 'StudyReader' });

export const studyCaseSchema = z
  .strictObject({
    patientId: z.string().min(1),
    readers: z
      .tuple([z.string().min(1), z.string().min(1)])
      .describe('the reader ids of the two independent reads'),
    adjudicator: z.string().min(1).describe('the reader id of the adjudicator'),
  })
  .meta({ id: 'StudyCase' });

const positive = z.number().positive();

/** Any subset of the QC limits of src/domain/qcThresholds.ts; the rest keep their defaults. */
export const qcRulesSchema = z
  .strictObject({
    minHbpDelayMinutes: positive.optional(),
    recommendedHbpDelayMinutes: positive.optional(),
    minBValueCount: z.int().min(1).optional(),
    minHighBValue: positive.optional(),
    maxSliceThicknessMm: positive.optional(),
    gapTolerance: z.number().min(0).optional(),
  })
  .meta({ id: 'QcRules' });

export const blindingSchema = z
  .strictObject({ enabled: z.boolean() })
  .meta({ id: 'Blinding' })
  .describe('what readers may not see (dates, institutions, other readers)');

export const studySchema = z
  .strictObject({
    $schema: z.string().optional().describe('the schema, for editors'),
    schemaVersion: z.literal(1),
    studyId: z.string().min(1),
    readers: z.array(studyReaderSchema).min(1),
    cases: z.array(studyCaseSchema).min(1),
    readOrder: z
      .strictObject({
        seed: z.int().min(0).max(0xffffffff).describe('seed of the per-reader shuffle'),
      })
      .describe('each reader reads their cases in a seeded random order (docs/campaign.md)'),
    blinding: blindingSchema.optional(),
    qc: qcRulesSchema.optional(),
    modalities: z
      .array(modalityGroupSchema)
      .min(1)
      .optional()
      .describe('the modality groups a cDLM needs; default all four'),
    statusTimepoint: timepointIdSchema
      .optional()
      .describe('the timepoint the status is derived at; default preop'),
  })
  .describe('DREAM Reader study file, schema version 1');

export type StudyReader = z.infer<typeof studyReaderSchema>;
export type StudyCase = z.infer<typeof studyCaseSchema>;
export type QcRules = z.infer<typeof qcRulesSchema>;
export type Blinding = z.infer<typeof blindingSchema>;
/** A study file as validated. */
export type Study = z.infer<typeof studySchema>;

/** Where the app serves the study schema (also its `$id`). */
export const STUDY_JSON_SCHEMA_PATH = '/schema/study-v1.schema.json';

/** The study file's JSON Schema (draft 2020-12), generated from the zod schema. */
export function studyJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(studySchema, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema: generated.$schema,
    $id: STUDY_JSON_SCHEMA_PATH,
    title: 'DREAM Reader study file, schema version 1',
    ...generated,
  };
}
