// ESLint flat config. Besides style and type-aware checks it enforces the layer boundaries of
// docs/architecture.md: ui -> store -> (viewer -> dicom) -> domain. Arrows point down only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Globals that exist only in a browser (or worker): forbidden in the pure domain core. */
const browserOnlyGlobals = Object.keys({ ...globals.browser, ...globals.worker, ...globals.node })
  .filter((name) => !(name in globals.es2021))
  .map((name) => ({ name, message: 'src/domain is pure: inject browser or node services.' }));

/** Packages of the outer layers, which the domain core never sees. */
const outerPackages = [
  'react',
  'react-dom',
  'react-dom/*',
  'react-i18next',
  'i18next',
  '@cornerstonejs/*',
  'dicom-parser',
  'dicomweb-client',
  'dcmjs',
];

/**
 * @param {string[]} layers folder names under src/ that a layer must not import
 * @param {string[]} packages package patterns it must not import
 */
function boundary(layers, packages) {
  const patterns = [];
  if (layers.length > 0) {
    patterns.push({
      regex: `(^|/)\\.\\./(.*/)?(${layers.join('|')})(/|$)`,
      message:
        'Layer boundary: imports point down only (ui -> store -> viewer -> dicom -> domain).',
    });
  }
  if (packages.length > 0) {
    patterns.push({ group: packages, message: 'This package belongs to an outer layer.' });
  }
  return ['error', { patterns }];
}

/**
 * Module-level mutable state (a `let`, a Map/Set/WeakMap, an empty array, an observable store)
 * belongs to the composition root, which makes the app's long-lived objects and passes them down.
 * The files listed held such state before this rule; docs/architecture.md says what each holds
 * and why. Anything new fails: make it at the root (src/compose.ts) and pass it in. A lookup table
 * that is never changed is declared `ReadonlyMap`/`ReadonlySet` and passes.
 */
export const COMPOSITION_ROOT = ['src/main.tsx', 'src/boot.tsx', 'src/compose.ts'];
export const MODULE_STATE_LISTED = [
  'src/dicom/header.ts',
  'src/store/library.ts',
  'src/viewer/computedAdc.ts',
  'src/viewer/computedAdcImages.ts',
  'src/viewer/init.ts',
  'src/viewer/readingSession.ts',
  'src/viewer/wadors.ts',
];
const MODULE_STATE_MESSAGE =
  'Module-level mutable state belongs to the composition root (src/compose.ts): make it there and pass it in (docs/architecture.md).';
const TOP = ':matches(Program, Program > ExportNamedDeclaration) > VariableDeclaration';
const moduleState = [
  `${TOP}[kind='let']`,
  `${TOP} > VariableDeclarator:not([id.typeAnnotation.typeAnnotation.typeName.name=/^Readonly(Map|Set)$/]) > NewExpression.init[callee.name=/^(Map|Set|WeakMap|WeakSet)$/]`,
  `${TOP} > VariableDeclarator > ArrayExpression.init[elements.length=0]`,
  `${TOP} > VariableDeclarator > CallExpression.init[callee.name='createStore']`,
].map((selector) => ({ selector, message: MODULE_STATE_MESSAGE }));

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'sample-dicom/**', 'bench-out/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: [...COMPOSITION_ROOT, ...MODULE_STATE_LISTED],
    rules: { 'no-restricted-syntax': ['error', ...moduleState] },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary(['dicom', 'viewer', 'store', 'ui'], outerPackages),
      'no-restricted-globals': ['error', ...browserOnlyGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Inject randomness into the domain.' },
        { object: 'Date', property: 'now', message: 'Inject the clock into the domain.' },
      ],
    },
  },
  {
    files: ['src/dicom/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary(
        ['viewer', 'store', 'ui'],
        ['react', 'react-dom', 'react-dom/*', 'react-i18next', '@cornerstonejs/*'],
      ),
    },
  },
  {
    files: ['src/viewer/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary(
        ['store', 'ui'],
        ['react', 'react-dom', 'react-dom/*', 'react-i18next'],
      ),
    },
  },
  {
    // The batch CLI runs in Node on the domain core only (file IO is injected by scripts/reads.mjs).
    // One exception: its sr/from-sr commands use the SR adapter's public module
    // src/dicom/sr/index.ts (pure, browser and node alike; docs/sr.md), never the rest of src/dicom.
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...boundary(['viewer', 'store', 'ui'], outerPackages)[1].patterns,
            {
              regex: '(^|/)\\.\\./(.*/)?dicom/(?!sr/index\\.ts$)',
              message: 'The CLI may use src/dicom/sr/index.ts only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary(['ui'], ['react-dom', 'react-dom/*']),
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'vite.config.ts', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
