/**
 * The study store (src/store/study.ts): a file's text or a URL from an allowed origin, kept in
 * storage, blinding and roster exposed; and the study's roster applied to JSON imports of the
 * read session (src/store/reads/studySigner.ts), with the CLI's words and refusals.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sealAudit, signatureVerifier, type Roster } from '../../src/domain/index.ts';
import { MemoryReadRepository } from '../../src/store/reads/repository.ts';
import { openReadSession } from '../../src/store/reads/session.ts';
import { webSha256 } from '../../src/store/reads/webSha256.ts';
import { createReviewStore } from '../../src/store/review.ts';
import { storeReadSr } from '../../src/store/srPacs.ts';
import { createStudyStore, type StudyStoreDeps } from '../../src/store/study.ts';
import { makeContext } from '../domain/fixtures.ts';
import { makeKey } from '../domain/integrity/keys.ts';
import { server } from './fakeDicomWeb.ts';

const EXAMPLE = readFileSync(
  new URL('../../public/study/dream-sample.study.json', import.meta.url),
  'utf8',
);

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

function deps(overrides: Partial<StudyStoreDeps> = {}): StudyStoreDeps & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    storage: memoryStorage(),
    base: 'http://app.test/index.html',
    allowedOrigins: () => ['http://app.test', 'http://pacs.test'],
    fetch: (input) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      asked.push(url);
      const ok = url.endsWith('/study.json');
      return Promise.resolve(new Response(ok ? EXAMPLE : 'gone', { status: ok ? 200 : 404 }));
    },
    ...overrides,
  };
}

describe('study store', () => {
  it('loads a file, exposes blinding and roster, keeps it, closes it', () => {
    const d = deps();
    const store = createStudyStore(d);
    expect(store.blinding()).toEqual({ enabled: false });
    expect(store.loadText(EXAMPLE, 'example.json')).toBe(true);
    expect(store.store.get().study?.studyId).toBe('DREAM-SAMPLE');
    expect(store.blinding()).toEqual({ enabled: true });
    expect(store.store.get().roster).toBeUndefined(); // the example's readers have no key yet
    const again = createStudyStore(d);
    expect(again.store.get()).toMatchObject({
      source: 'example.json',
      blinding: { enabled: true },
    });
    again.close();
    expect(createStudyStore(d).store.get().study).toBeUndefined();
  });

  it('a refused file keeps the study loaded and names every problem', () => {
    const store = createStudyStore(deps());
    store.loadText(EXAMPLE, 'example.json');
    expect(store.loadText('{"schemaVersion":1}', 'bad.json')).toBe(false);
    const state = store.store.get();
    expect(state.study?.studyId).toBe('DREAM-SAMPLE');
    expect(state.failedSource).toBe('bad.json');
    expect(state.problems.map((p) => p.path)).toEqual(['studyId', 'readers', 'cases', 'readOrder']);
  });

  it.each<[string, string, boolean, RegExp | undefined, number]>([
    ['same origin, relative', '/study/study.json', true, undefined, 1],
    ['the DICOMweb server', 'http://pacs.test/files/study.json', true, undefined, 1],
    ['another origin', 'https://elsewhere.test/study.json', false, /neither this app/, 0],
    ['an HTTP error', '/missing.json', false, /HTTP 404/, 1],
  ])('URL: %s', async (_name, url, ok, problem, fetched) => {
    const d = deps();
    const store = createStudyStore(d);
    expect(await store.loadUrl(url)).toBe(ok);
    expect(d.asked).toHaveLength(fetched);
    if (problem) expect(store.store.get().problems[0]?.message).toMatch(problem);
    else expect(store.store.get().study?.studyId).toBe('DREAM-SAMPLE');
  });
});

describe('JSON import with the study’s roster', () => {
  const keyP = makeKey();
  const keyQ = makeKey();
  const reader = { id: 'R01', name: 'Dr Ito' };

  async function signedExport(roster: () => Roster | undefined) {
    const key = await keyP;
    const session = openReadSession('DREAM-001', {
      repository: new MemoryReadRepository(),
      sha256: webSha256,
      context: { now: makeContext().now, newId: () => crypto.randomUUID() },
      reader,
      signer: key.signBytes,
      verify: signatureVerifier(crypto.subtle),
      roster,
    });
    for (let i = 0; i < 200 && session.store.get().phase !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 1));
    }
    session.dispatch('addLesion', { segment: 'VI' });
    const signed = await session.sign({
      signerName: 'Dr Ito',
      meaning: 'Author',
      signAnywayReason: 'test',
    });
    expect(signed).toBe(true);
    return { session, text: (await session.exportJson()).text };
  }

  const entry = async (
    readerId: string,
    key: Promise<{ publicKey: Roster['readers'][0]['publicKey'] }>,
  ) => ({
    readerId,
    name: `Roster ${readerId}`,
    role: 'reader',
    publicKey: (await key).publicKey,
  });

  it.each<[string, () => Promise<Roster | undefined>, string | undefined, string | undefined]>([
    ['no study roster: nothing checked', () => Promise.resolve(undefined), undefined, undefined],
    [
      'registered key',
      async () => ({ schemaVersion: 1, readers: [await entry('R01', keyP)] }),
      'registered',
      undefined,
    ],
    [
      'key registered to another reader',
      async () => ({ schemaVersion: 1, readers: [await entry('R02', keyP)] }),
      'roster-mismatch',
      'state.signature.signerId',
    ],
    [
      'unknown key',
      async () => ({ schemaVersion: 1, readers: [await entry('R01', keyQ)] }),
      'unknown-key',
      'state.signature.proof.publicKey',
    ],
  ])('%s', async (_name, makeRoster, code, path) => {
    const roster = await makeRoster();
    const { session, text } = await signedExport(() => roster);
    const result = await session.importJson(text);
    if (path === undefined) {
      expect(result).toMatchObject({ ok: true });
      expect(result.ok && result.signer?.code).toBe(code ?? undefined);
      if (code)
        expect(result.ok && result.signer?.message).toBe('signed by Roster R01, registered key');
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toBe(path);
    expect(
      result.problems[0] && 'signer' in result.problems[0] && result.problems[0].signer?.code,
    ).toBe(code);
  });
});

/** A read signed by R01 "Dr Ito" with a fresh key: the session's read and its JSON export. */
async function signedByIto() {
  const key = await makeKey();
  const session = openReadSession('DREAM-001', {
    repository: new MemoryReadRepository(),
    sha256: webSha256,
    context: { now: makeContext().now, newId: () => crypto.randomUUID() },
    reader: { id: 'R01', name: 'Dr Ito' },
    signer: key.signBytes,
  });
  for (let i = 0; i < 200 && session.store.get().phase !== 'ready'; i++) {
    await new Promise((r) => setTimeout(r, 1));
  }
  const signInput = { signerName: 'Dr Ito', meaning: 'Author', signAnywayReason: 'test' };
  expect(await session.sign(signInput)).toBe(true);
  const read = session.store.get().read;
  if (!read) throw new Error('no signed read');
  return { key, read, text: (await session.exportJson()).text };
}

/** A review whose study roster registers `key` for `readerId` as "Roster Ito". */
function reviewWithRoster(
  readerId: string,
  key: Awaited<ReturnType<typeof makeKey>>,
  fetch?: typeof globalThis.fetch,
) {
  return createReviewStore({
    sha256: webSha256,
    verify: signatureVerifier(crypto.subtle),
    context: makeContext(),
    repository: () => new MemoryReadRepository(),
    ...(fetch && { fetch }),
    roster: () => ({
      schemaVersion: 1,
      readers: [{ readerId, name: 'Roster Ito', role: 'reader', publicKey: key.publicKey }],
    }),
  });
}

describe('central review loads with the study’s roster', () => {
  it('names the registered signer of a file, refuses a key registered to another reader', async () => {
    const { key, text } = await signedByIto();
    const good = reviewWithRoster('R01', key);
    await good.loadFiles([{ name: 'a.json', text }]);
    expect(good.store.get().reads).toHaveLength(1);
    expect(good.store.get().signers?.map((s) => [s.file, s.signer.message])).toEqual([
      ['a.json', 'signed by Roster Ito, registered key'],
    ]);
    const bad = reviewWithRoster('R02', key);
    await bad.loadFiles([{ name: 'a.json', text }]);
    expect(bad.store.get().reads).toHaveLength(0);
    expect(bad.store.get().fileProblems).toEqual([
      {
        file: 'a.json',
        problems: [expect.objectContaining({ path: 'state.signature.signerId' })],
      },
    ]);
    expect(bad.store.get().fileProblems[0]?.problems[0]?.message).toMatch(/^roster mismatch/);
  });

  it('checks an SR loaded from the PACS against the roster as it checks a file', async () => {
    const { key, read } = await signedByIto();
    const pacs = server();
    const settings = { url: 'https://pacs.test/dicom-web' };
    const deps = { sha256: webSha256, fetch: pacs.fetch, wait: () => Promise.resolve() };
    expect((await storeReadSr(await sealAudit(read, webSha256), settings, deps)).ok).toBe(true);
    const sop = [...pacs.instances.keys()][0];

    const good = reviewWithRoster('R01', key, pacs.fetch);
    await good.loadFromPacs(settings, ['DREAM-001']);
    expect(good.store.get().reads.map((r) => r.origin.kind)).toEqual(['pacs']);
    expect(good.store.get().signers?.map((s) => [s.file, s.signer.message])).toEqual([
      [`SR ${sop}`, 'signed by Roster Ito, registered key'],
    ]);
    const bad = reviewWithRoster('R02', key, pacs.fetch);
    await bad.loadFromPacs(settings, ['DREAM-001']);
    expect(bad.store.get().reads).toHaveLength(0);
    expect(bad.store.get().pacsLoad).toEqual({ kind: 'loaded', found: 1, loaded: 0 });
    expect(bad.store.get().fileProblems[0]?.problems[0]?.message).toMatch(/^roster mismatch/);
  });
});
