/**
 * The roster file (src/domain/integrity/roster.ts): its published JSON Schema is what zod
 * generates (regenerate: `UPDATE_SCHEMA=1 npx vitest run --project unit test/domain/integrity`),
 * and parsing names each problem by path.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ROSTER_JSON_SCHEMA_PATH,
  parseRoster,
  rosterJsonSchema,
} from '../../../src/domain/integrity/roster.ts';
import { makeKey } from './keys.ts';

const file = new URL(`../../../public${ROSTER_JSON_SCHEMA_PATH}`, import.meta.url);
const key = await makeKey();

describe('roster', () => {
  it('publishes the JSON Schema generated from zod', () => {
    const generated = rosterJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1') {
      writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`);
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(generated);
  });

  const entry = { readerId: 'r1', name: 'Dr One', role: 'site reader', publicKey: key.publicKey };
  it.each<[string, unknown, string[]]>([
    ['a valid roster', { schemaVersion: 1, readers: [entry] }, []],
    ['a wrong version', { schemaVersion: 2, readers: [entry] }, ['schemaVersion']],
    [
      'a reader without a role',
      { schemaVersion: 1, readers: [{ ...entry, role: '' }] },
      ['readers[0].role'],
    ],
    [
      'a private key member',
      { schemaVersion: 1, readers: [{ ...entry, publicKey: { ...key.publicKey, d: 'x' } }] },
      ['readers[0].publicKey'],
    ],
  ])('parses %s', (_, value, paths) => {
    const result = parseRoster(JSON.stringify(value));
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(paths);
  });
});
