/**
 * `npm run check` must be able to fail. These tests feed the real ESLint, TypeScript and Prettier
 * configurations with code that breaks each rule, and code that keeps it, and expect both answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as prettier from 'prettier';

const root = resolve(import.meta.dirname, '../..');
// Type-aware rules need files on disk; the boundary rules do not, so lint the probes without them.
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('ESLint enforces the layer boundaries', () => {
  // The first lint loads the config and its plugins: seconds on a loaded machine.
  beforeAll(() => ruleIds('src/ui/warm-up.ts', 'export {};\n'), 60_000);

  it.each([
    [
      'src/domain/probe.ts',
      "import { useState } from 'react';\nexport const x = useState;\n",
      'no-restricted-imports',
    ],
    [
      'src/domain/probe.ts',
      "import { init } from '@cornerstonejs/core';\nexport const x = init;\n",
      'no-restricted-imports',
    ],
    [
      'src/domain/probe.ts',
      "import dicomParser from 'dicom-parser';\nexport const x = dicomParser;\n",
      'no-restricted-imports',
    ],
    [
      'src/domain/probe.ts',
      "import { x as y } from '../ui/App';\nexport const x = y;\n",
      'no-restricted-imports',
    ],
    [
      'src/domain/probe.ts',
      "import { x as y } from '../dicom/header';\nexport const x = y;\n",
      'no-restricted-imports',
    ],
    ['src/domain/probe.ts', 'export const x = window.localStorage;\n', 'no-restricted-globals'],
    ['src/domain/probe.ts', 'export const x = document.title;\n', 'no-restricted-globals'],
    ['src/domain/probe.ts', 'export const x = Math.random();\n', 'no-restricted-properties'],
    ['src/domain/probe.ts', 'export const x = Date.now();\n', 'no-restricted-properties'],
    [
      'src/dicom/probe.ts',
      "import { init } from '@cornerstonejs/core';\nexport const x = init;\n",
      'no-restricted-imports',
    ],
    [
      'src/dicom/probe.ts',
      "import { x as y } from '../viewer/init';\nexport const x = y;\n",
      'no-restricted-imports',
    ],
    [
      'src/viewer/probe.ts',
      "import { x as y } from '../store/library';\nexport const x = y;\n",
      'no-restricted-imports',
    ],
    [
      'src/viewer/probe.ts',
      "import { useState } from 'react';\nexport const x = useState;\n",
      'no-restricted-imports',
    ],
    [
      'src/store/probe.ts',
      "import { x as y } from '../ui/App';\nexport const x = y;\n",
      'no-restricted-imports',
    ],
  ])('%s: %j is rejected', async (file, code, rule) => {
    expect(await ruleIds(file, code)).toContain(rule);
  });

  it.each([
    ['src/dicom/probe.ts', "import { x as y } from '../domain/model';\nexport const x = y;\n"],
    ['src/viewer/probe.ts', "import { x as y } from '../dicom/header';\nexport const x = y;\n"],
    ['src/store/probe.ts', "import { x as y } from '../viewer/init';\nexport const x = y;\n"],
    ['src/ui/probe.ts', "import { x as y } from '../store/library';\nexport const x = y;\n"],
    ['src/domain/probe.ts', 'export const x = Math.max(1, 2);\n'],
  ])('%s: %j is allowed', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });

  it('rejects ordinary lint errors too', async () => {
    expect(await ruleIds('src/ui/probe.ts', 'const unused = 1;\n')).toContain(
      '@typescript-eslint/no-unused-vars',
    );
  });
});

describe('the type check and the format check fail on bad code', () => {
  it('tsc --noEmit with the project options rejects a type error and accepts a fix', () => {
    const dir = mkdtempSync(join(root, 'node_modules', '.typecheck-probe-'));
    try {
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const run = (code: string) => {
        writeFileSync(join(dir, 'probe.ts'), code);
        writeFileSync(
          join(dir, 'tsconfig.json'),
          JSON.stringify({ extends: join(root, 'tsconfig.json'), include: ['probe.ts'] }),
        );
        return spawnSync(process.execPath, [tsc, '--noEmit', '-p', dir], { encoding: 'utf8' });
      };
      const bad = run('const values: number[] = [];\nexport const first: number = values[0];\n');
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toContain('TS2322'); // noUncheckedIndexedAccess: number | undefined
      const good = run(
        'const values: number[] = [];\nexport const first: number = values[0] ?? 0;\n',
      );
      expect(good.stdout).toBe('');
      expect(good.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('prettier --check rejects unformatted code', async () => {
    const options = {
      ...(await prettier.resolveConfig(join(root, 'src/x.ts'))),
      parser: 'typescript',
    };
    expect(await prettier.check('export const x = {a:1}\n', options)).toBe(false);
    expect(await prettier.check('export const x = { a: 1 };\n', options)).toBe(true);
  });
});
