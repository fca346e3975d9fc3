/**
 * The published JSON Schema of the read file, generated from the zod schema (schema.ts) so the
 * two cannot drift. The app serves it at /schema/read-v3.schema.json; the committed copy in
 * public/schema/ is checked against this function by test/domain/jsonSchema.test.ts.
 */
import { z } from 'zod';
import { readFileSchema } from './schema.ts';

/** Where the app serves the schema (also its `$id`). */
export const READ_JSON_SCHEMA_PATH = '/schema/read-v3.schema.json';

/**
 * The JSON Schema (draft 2020-12) of a read file as written to disk. Generated for the *input*
 * side of the zod schema: the transforms that brand points and ids happen after validation and
 * do not change the JSON shape.
 */
export function readJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(readFileSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema: generated.$schema,
    $id: READ_JSON_SCHEMA_PATH,
    title: 'DREAM Reader read file, schema version 3',
    ...generated,
  };
}
