/**
 * `@cornerstonejs/metadata` compiles its default display-set split rules (OHIF-style grouping of
 * instances into display sets) when its module is evaluated, in the app's chunk before the first
 * image (docs/startup.md). This app never uses them (it catalogues series itself, src/dicom), but
 * cornerstone's modules read the package's `utilities` namespace, which keeps the rules in the
 * bundle. The build swaps that one module for the same exports compiled on first use.
 */
import type { Plugin } from 'vite';

/** The module, as `@cornerstonejs/metadata` 5.14 ships it. */
const MODULE =
  /@cornerstonejs[\\/]metadata[\\/]dist[\\/]esm[\\/]displayset[\\/]compiledDisplaySetRules\.js$/;

const EAGER = [
  "import { createDisplaySetSplitRules, displaySetRules } from './displaySetRules.js';",
  'export const compiledDisplaySetRules = createDisplaySetSplitRules(displaySetRules);',
  'export const defaultDisplaySetSplitRules = compiledDisplaySetRules;',
].join('\n');

/** The same two exports: a view of the compiled rules, compiled the first time it is read. */
export const LAZY = `import { createDisplaySetSplitRules, displaySetRules } from './displaySetRules.js';
let compiled;
const rules = () => (compiled ??= createDisplaySetSplitRules(displaySetRules));
export const compiledDisplaySetRules = new Proxy({}, {
  get: (_target, key) => Reflect.get(rules(), key),
  has: (_target, key) => Reflect.has(rules(), key),
  ownKeys: () => Reflect.ownKeys(rules()),
  getOwnPropertyDescriptor: (_target, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(rules(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
export const defaultDisplaySetSplitRules = compiledDisplaySetRules;
`;

/** The module's code made lazy; undefined (and a warning) when it is not the code expected. */
export function lazyRulesCode(id: string, code: string, warn: (message: string) => void) {
  if (!MODULE.test(id)) return undefined;
  if (code.replace(/\r\n/g, '\n').trim() !== EAGER) {
    warn(
      `${id} changed: its display-set rules are compiled at start again (scripts/vite-plugin-lazy-rules.ts)`,
    );
    return undefined;
  }
  return LAZY;
}

export function lazyDisplaySetRulesPlugin(): Plugin {
  return {
    name: 'dream-lazy-display-set-rules',
    apply: 'build',
    transform(code, id) {
      const lazy = lazyRulesCode(id, code, (message) => this.warn(message));
      return lazy === undefined ? undefined : { code: lazy, map: null };
    },
  };
}
