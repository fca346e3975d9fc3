/**
 * pydicom's test files: a corpus of odd, broken and exotic DICOM objects (truncated files, files
 * without meta header, big endian, deflate, SR, RT, DICOMDIR, non-DICOM data files). It is fetched
 * from the Debian package on first use, NOT committed: it is pydicom's (MIT/other licences) and
 * several megabytes. Needs `apt-get download` (apt lists present; CI runs `apt-get update` first).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the corpus is cached between runs (node_modules/.cache is gitignored with node_modules). */
export const PYDICOM_CACHE = resolve('node_modules/.cache/pydicom-corpus');

const INNER = 'usr/lib/python3/dist-packages/pydicom/data/test_files';

/** Ensures the corpus is in {@link PYDICOM_CACHE} and returns that folder. */
export function pydicomCorpus(): Promise<string> {
  if (existsSync(PYDICOM_CACHE)) return Promise.resolve(PYDICOM_CACHE);
  const work = mkdtempSync(join(tmpdir(), 'pydicom-deb-'));
  try {
    execFileSync('apt-get', ['download', 'python3-pydicom'], { cwd: work, stdio: 'pipe' });
    const deb = readdirSync(work).find((name) => name.endsWith('.deb'));
    if (deb === undefined) throw new Error('apt-get download python3-pydicom gave no .deb');
    const root = join(work, 'root');
    execFileSync('dpkg', ['-x', join(work, deb), root], { stdio: 'pipe' });
    // Copy to a sibling, then rename: a half-copied cache never looks complete.
    const partial = `${PYDICOM_CACHE}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(join(root, INNER), partial, { recursive: true });
    renameSync(partial, PYDICOM_CACHE);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return Promise.resolve(PYDICOM_CACHE);
}
