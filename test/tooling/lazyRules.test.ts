import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lazyRulesCode } from '../../scripts/vite-plugin-lazy-rules.ts';

const ID = createRequire(import.meta.url)
  .resolve('@cornerstonejs/metadata')
  .replace(/index\.js$/, 'displayset/compiledDisplaySetRules.js');

/** Imports the lazy module with its rules compiler replaced by one that counts its calls. */
async function importLazy(code: string) {
  const fake = `globalThis.__compiles = 0;
export const displaySetRules = { ct: { priority: 2 } };
export function createDisplaySetSplitRules(rules) {
  globalThis.__compiles += 1;
  return { ...rules, unsupported: { priority: 9 } };
}`;
  const source = code.replace(
    './displaySetRules.js',
    `data:text/javascript,${encodeURIComponent(fake)}`,
  );
  return (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as {
    compiledDisplaySetRules: Record<string, { priority: number }>;
    defaultDisplaySetSplitRules: Record<string, { priority: number }>;
  };
}

const compiles = () => (globalThis as { __compiles?: number }).__compiles;

describe('lazyRulesCode', () => {
  it('rewrites the installed module, which compiles its rules only when they are read', async () => {
    const warnings: string[] = [];
    const lazy = lazyRulesCode(ID, readFileSync(ID, 'utf8'), (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(lazy).toBeDefined();
    const module = await importLazy(lazy ?? '');
    expect(compiles()).toBe(0);
    expect(module.compiledDisplaySetRules.ct?.priority).toBe(2);
    expect(Object.keys(module.defaultDisplaySetSplitRules)).toEqual(['ct', 'unsupported']);
    expect('unsupported' in module.compiledDisplaySetRules).toBe(true);
    expect(Object.entries(module.compiledDisplaySetRules)).toEqual([
      ['ct', { priority: 2 }],
      ['unsupported', { priority: 9 }],
    ]);
    expect(compiles()).toBe(1);
  });

  it('leaves other modules alone, and warns when this one changed', () => {
    const warnings: string[] = [];
    expect(lazyRulesCode('/x/other.js', 'export const a = 1;', (m) => warnings.push(m))).toBe(
      undefined,
    );
    expect(warnings).toEqual([]);
    expect(
      lazyRulesCode(ID, 'export const compiledDisplaySetRules = {};', (m) => warnings.push(m)),
    ).toBe(undefined);
    expect(warnings).toHaveLength(1);
  });
});
