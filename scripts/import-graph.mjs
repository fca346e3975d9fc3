#!/usr/bin/env node
/**
 * The import graph of src/ between layers (its top folders; src/compose.ts, src/main.tsx and
 * src/boot.tsx are the composition root): which layer imports which, how many imports, and how many of them are
 * type-only (gone after compilation). Reads the working tree, or a commit with `--ref <commit>`
 * (git show), so a change's before and after can be compared (docs/architecture.md).
 *
 *   node scripts/import-graph.mjs                 # the working tree, as a Markdown table
 *   node scripts/import-graph.mjs --ref main~3    # the same at a commit
 *   node scripts/import-graph.mjs --detail store  # one layer's imports, file by file
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const ref = option('--ref');
const detail = option('--detail');

/** Source files under src/ (repository paths) with their text, from the tree or a commit. */
function sources() {
  const isSource = (path) => /\.(ts|tsx)$/.test(path) && !path.endsWith('.d.ts');
  if (ref) {
    const git = (...command) =>
      execFileSync('git', ['-C', root, ...command], { encoding: 'utf8', maxBuffer: 1 << 28 });
    return git('ls-tree', '-r', '--name-only', ref, 'src')
      .split('\n')
      .filter(isSource)
      .map((path) => ({ path, text: git('show', `${ref}:${path}`) }));
  }
  const walk = (dir) =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = `${dir}/${name}`;
      return statSync(join(root, path)).isDirectory() ? walk(path) : [path];
    });
  return walk('src')
    .filter(isSource)
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/**
 * The layer of a repository path: src/<folder>/... or the folder itself (`../domain` is its
 * index), and `root` for the composition root (src/compose.ts, src/main.tsx, src/boot.tsx).
 */
function layerOf(path) {
  const parts = path.split('/');
  if (parts.length === 2 && /^(compose|main|boot)(\.tsx?)?$/.test(parts[1])) return 'root';
  return parts[1];
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

/** Every relative import of a file: the imported path and whether it is type-only. */
function importsOf({ path, text }) {
  const found = [];
  for (const match of text.matchAll(IMPORT)) {
    const [, , typeKeyword, clause, specifier] = match;
    if (!specifier.startsWith('.')) continue;
    if (match[1] === 'export' && !clause) continue;
    // `import { type A, type B }` is type-only too.
    const names = clause?.match(/\{([^}]*)\}/)?.[1];
    const allTypes =
      names !== undefined &&
      !/^\s*\w/.test(
        clause
          .replace(/\{[^}]*\}/, '')
          .replace(/from\s*$/, '')
          .trim() || 'x',
      ) &&
      names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith('type '));
    const target = normalize(join(dirname(path), specifier));
    found.push({ target: relative('.', target), typeOnly: Boolean(typeKeyword) || allTypes });
  }
  return found;
}

const files = sources();
/** `from -> to` -> { imports, typeOnly, files } between different layers. */
const edges = new Map();
const perFile = [];
for (const file of files) {
  const from = layerOf(file.path);
  for (const { target, typeOnly } of importsOf(file)) {
    const to = layerOf(target);
    if (to === from || !target.startsWith('src/')) continue;
    const key = `${from} -> ${to}`;
    const edge = edges.get(key) ?? {
      from,
      to,
      imports: 0,
      typeOnly: 0,
      files: new Set(),
      values: new Set(),
    };
    edge.imports += 1;
    if (typeOnly) edge.typeOnly += 1;
    else
      edge.values.add(
        target
          .split('/')
          .slice(2)
          .join('/')
          .replace(/\.tsx?$/, '') || 'index',
      );
    edge.files.add(file.path);
    edges.set(key, edge);
    if (detail === from) perFile.push(`${file.path} -> ${target}${typeOnly ? ' (type)' : ''}`);
  }
}

if (detail) {
  console.log(perFile.sort().join('\n'));
} else {
  const ORDER = ['root', 'ui', 'store', 'cli', 'viewer', 'dicom', 'domain', 'i18n'];
  const rank = (layer) => (ORDER.includes(layer) ? ORDER.indexOf(layer) : ORDER.length);
  const rows = [...edges.values()].sort(
    (a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to),
  );
  console.log(`Import graph of src/ at ${ref ?? 'the working tree'} (${files.length} files)\n`);
  console.log('| from | to | imports | type-only | files | modules imported for values |');
  console.log('| ---- | -- | ------: | --------: | ----: | --------------------------- |');
  for (const e of rows) {
    const values = [...e.values].sort().join(', ');
    console.log(
      `| ${e.from} | ${e.to} | ${e.imports} | ${e.typeOnly} | ${e.files.size} | ${values} |`,
    );
  }
  const upward = rows.filter(
    (e) => e.from !== 'root' && rank(e.to) < rank(e.from) && e.to !== 'root',
  );
  console.log(
    `\nUpward edges (against ui -> store -> viewer -> dicom -> domain): ${upward.length}`,
  );
  for (const e of upward) console.log(`- ${e.from} -> ${e.to}`);
}
