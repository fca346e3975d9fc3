/**
 * Module-level mutable state only at the composition root: ESLint rejects a new module-level
 * `let`, Map/Set, empty array or store anywhere else in src/, accepts read-only lookup tables, and
 * the files still allowed to hold such state are exactly the ones docs/architecture.md lists.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
// The lists live in the ESLint config (plain JS, no types): imported by path.
const configPath = join(root, 'eslint.config.js');
const { COMPOSITION_ROOT, MODULE_STATE_LISTED } = (await import(configPath)) as {
  COMPOSITION_ROOT: string[];
  MODULE_STATE_LISTED: string[];
};
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('module-level mutable state', () => {
  // The first lint loads the config and its plugins: seconds on a loaded machine.
  beforeAll(() => ruleIds('src/ui/warm-up.ts', 'export {};\n'), 60_000);

  it.each([
    ['src/ui/probe.ts', 'let count = 0;\nexport const next = () => ++count;\n'],
    ['src/store/probe.ts', 'export let current: string | undefined;\n'],
    ['src/viewer/probe.ts', 'const cache = new Map<string, number>();\nexport const c = cache;\n'],
    ['src/dicom/probe.ts', 'export const seen = new Set<string>();\n'],
    ['src/store/probe.ts', 'const runs: number[] = [];\nexport const r = runs;\n'],
    [
      'src/store/probe.ts',
      "import { createStore } from './createStore';\nexport const s = createStore(0);\n",
    ],
  ])('%s: %j is rejected', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-syntax');
  });

  it.each([
    ['src/compose.ts', 'let count = 0;\nexport const next = () => ++count;\n'],
    ['src/ui/probe.ts', 'export const KEYS: ReadonlySet<string> = new Set(["a"]);\n'],
    ['src/ui/probe.ts', 'export function f() {\n  let n = 0;\n  n += 1;\n  return n;\n}\n'],
    ['src/ui/probe.ts', 'export const LIST = ["a", "b"] as const;\n'],
  ])('%s: %j is allowed', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });

  it('lists every file still allowed module state in docs/architecture.md', () => {
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    for (const file of [...COMPOSITION_ROOT, ...MODULE_STATE_LISTED]) {
      expect(doc, file).toContain(`\`${file}\``);
    }
    // The doc's table of exempt files is exactly the config's list: a file moved to the root
    // leaves both.
    const table = doc.slice(doc.indexOf('Still exempt'), doc.indexOf('At the root'));
    const rows = [...table.matchAll(/^\| `(src\/[^`]+)`/gm)].map((match) => match[1]);
    expect(rows.sort()).toEqual([...MODULE_STATE_LISTED].sort());
  });

  it('rejects module state added to a store that the root now makes', async () => {
    const file = 'src/store/reads/reader.ts';
    const code = readFileSync(join(root, file), 'utf8');
    expect(await ruleIds(file, code)).toEqual([]);
    expect(await ruleIds(file, `${code}\nexport let lastReader: string | undefined;\n`)).toContain(
      'no-restricted-syntax',
    );
  });
});
