/**
 * The committed study schema (public/schema/study-v1.schema.json) is what the zod schema
 * generates (regenerate: `UPDATE_SCHEMA=1 npx vitest run --project unit
 * test/domain/study/schema.test.ts`), and the shipped example study file is valid.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  STUDY_JSON_SCHEMA_PATH,
  parseStudy,
  readOrder,
  studyJsonSchema,
} from '../../../src/domain/study/index.ts';

const file = new URL(`../../../public${STUDY_JSON_SCHEMA_PATH}`, import.meta.url);
const example = new URL('../../../public/study/dream-sample.study.json', import.meta.url);

describe('study JSON Schema', () => {
  it('matches the schema generated from zod', () => {
    const generated = studyJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1') {
      mkdirSync(new URL('.', file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`);
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(generated);
  });

  it('reuses the roster entry for readers, with role and an optional key', () => {
    const schema = studyJsonSchema() as {
      $defs: Record<string, { required: string[]; properties: Record<string, unknown> }>;
    };
    const reader = schema.$defs.StudyReader;
    expect(reader?.required).toEqual(['readerId', 'name', 'role']);
    expect(reader?.properties.role).toEqual({ type: 'string', enum: ['reader', 'adjudicator'] });
  });
});

describe('the example study of the bundled sample', () => {
  const parsed = parseStudy(readFileSync(example, 'utf8'));
  it('is valid', () => {
    expect(parsed).toMatchObject({ ok: true });
  });
  it('names the sample patients and gives the readers different orders', () => {
    if (!parsed.ok) throw new Error('invalid example');
    expect(parsed.study.cases.map((c) => c.patientId)).toEqual(['DREAM-001', 'DREAM-002']);
    const r1 = readOrder(parsed.study, 'R01');
    const r2 = readOrder(parsed.study, 'R02');
    expect([...r1].sort()).toEqual(['DREAM-001', 'DREAM-002']);
    expect(r1).not.toEqual(r2);
  });
});
