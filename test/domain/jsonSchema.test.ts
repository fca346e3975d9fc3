/**
 * The committed JSON Schema (public/schema/read-v3.schema.json, served at
 * /schema/read-v3.schema.json) must be what the zod schema generates. After changing schema.ts,
 * regenerate it: `UPDATE_SCHEMA=1 npx vitest run --project unit test/domain/jsonSchema.test.ts`.
 * The comparison is of JSON values, not bytes, so Prettier may lay the file out.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { READ_JSON_SCHEMA_PATH, readJsonSchema } from '../../src/domain/jsonSchema.ts';

const file = new URL(`../../public${READ_JSON_SCHEMA_PATH}`, import.meta.url);

describe('published JSON Schema', () => {
  it('matches the schema generated from zod', () => {
    const generated = readJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1') {
      mkdirSync(new URL('.', file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`);
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(generated);
  });

  it('describes the file: strict objects, required fields, version 3', () => {
    const schema = readJsonSchema() as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.schemaVersion).toEqual({ type: 'number', const: 3 });
    expect(schema.required).toEqual(
      expect.arrayContaining(['reader', 'lesions', 'audit', 'statuses']),
    );
    expect(schema.required).not.toContain('seriesUsed');
    expect(schema.required).not.toContain('examQc');
    expect(schema.properties).toHaveProperty('examQc');
  });
});
