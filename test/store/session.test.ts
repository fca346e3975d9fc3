/**
 * The read session with the in-memory repository and node's Web Crypto: dispatch -> seal ->
 * save, undo/redo of every command type as inverse commands, conflict detection, signed reads.
 */
import { describe, expect, it } from 'vitest';
import {
  deriveReadStatuses,
  verifyAuditChain,
  type Read,
  type Reader,
} from '../../src/domain/index.ts';
import {
  MemoryReadRepository,
  fingerprintOf,
  type ReadRepository,
} from '../../src/store/reads/repository.ts';
import { openReadSession, type ReadSession } from '../../src/store/reads/session.ts';
import type { CommandInputs, CommandKind } from '../../src/domain/undo.ts';
import { webSha256 } from '../../src/store/reads/webSha256.ts';
import { makeContext, makeImagePoint } from '../domain/fixtures.ts';

const reader: Reader = { id: 'r1', name: 'Dr One' };

async function open(repository: ReadRepository = new MemoryReadRepository(), who = reader) {
  const session = openReadSession('DREAM-001', {
    repository,
    sha256: webSha256,
    // Real UUIDs: two sessions must not make the same read id.
    context: { now: makeContext().now, newId: () => crypto.randomUUID() },
    reader: who,
  });
  await until(session, (s) => s.phase === 'ready');
  await session.flushed();
  return { session, repository };
}

async function until(
  session: ReadSession,
  ok: (s: ReturnType<ReadSession['store']['get']>) => boolean,
) {
  for (let i = 0; i < 200 && !ok(session.store.get()); i++)
    await new Promise((r) => setTimeout(r, 1));
  expect(ok(session.store.get())).toBe(true);
}

function read(session: ReadSession): Read {
  const value = session.store.get().read;
  if (!value) throw new Error('no read');
  return value;
}

/** What the screen derives: statuses (without ids: undo of a removal re-registers the lesion). */
function derived(r: Read) {
  return {
    statuses: deriveReadStatuses(r).map((row) => row.derived),
    lesions: r.lesions
      .filter((l) => !l.removed)
      .map(({ segment, baselineDiameterMm, assessments }) => ({
        segment,
        baselineDiameterMm,
        assessments,
      })),
    timepointAssignment: r.timepointAssignment,
  };
}

const cell = { lesionId: 'L1', timepoint: 'preop', modality: 'CT' } as const;

describe('dispatch', () => {
  it('creates a read, applies a command, seals the audit with SHA-256 and saves it', async () => {
    const { session, repository } = await open();
    expect(session.dispatch('addLesion', { segment: 'VI' })).toBe(true);
    expect(session.dispatch('setCall', { ...cell, call: 'disappeared' })).toBe(true);
    expect(session.store.get().save.kind).toBe('saving');
    await session.flushed();
    const state = session.store.get();
    expect(state.save).toEqual({ kind: 'saved' });
    const stored = await repository.get(read(session).readId);
    expect(stored?.audit.map((e) => e.action)).toEqual(['create-read', 'add-lesion', 'set-call']);
    expect(stored?.pendingAudit).toEqual([]);
    expect(await verifyAuditChain(stored?.audit ?? [], webSha256)).toEqual({ ok: true });
    expect(stored?.audit[2]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reopens the latest read of the patient by the same reader', async () => {
    const { session, repository } = await open();
    session.dispatch('addLesion', { segment: 'VII' });
    await session.flushed();
    const again = await open(repository);
    expect(read(again.session).readId).toBe(read(session).readId);
    expect(read(again.session).lesions[0]?.segment).toBe('VII');
    const other = await open(repository, { id: 'r2', name: 'Dr Two' });
    expect(read(other.session).readId).not.toBe(read(session).readId);
  });

  it('refuses an invalid command with the domain message and changes nothing', async () => {
    const { session } = await open();
    const before = read(session);
    expect(session.dispatch('setCall', { ...cell, call: 'present' })).toBe(false);
    expect(session.store.get().refusal?.code).toBe('unknown-lesion');
    expect(read(session)).toBe(before);
  });
});

/** Each command type, with the setup it needs. */
const CASES: {
  [K in CommandKind]: { setup: [CommandKind, unknown][]; kind: K; input: CommandInputs[K] };
}[CommandKind][] = [
  { setup: [], kind: 'addLesion', input: { segment: 'VI', baselineDiameterMm: 16 } },
  {
    setup: [
      ['addLesion', { segment: 'VI', baselineDiameterMm: 16 }],
      ['setCall', { ...cell, call: 'disappeared' }],
      ['setMeasurement', { ...cell, diameterMm: 4, adcMean: 1.2 }],
      ['setComment', { ...cell, comment: 'faint' }],
      ['setSitePoint', { ...cell, sitePoint: makeImagePoint() }],
      ['setRecurrence', { lesionId: 'L1', timepoint: 'followup-1', recurrence: 'no' }],
    ],
    kind: 'removeLesion',
    input: { lesionId: 'L1', reason: 'not a lesion' },
  },
  {
    setup: [['addLesion', { segment: 'VI' }]],
    kind: 'setSegment',
    input: { lesionId: 'L1', segment: 'IVb' },
  },
  {
    setup: [['addLesion', { baselineDiameterMm: 10 }]],
    kind: 'setBaseline',
    input: { lesionId: 'L1', diameterMm: 12, location: makeImagePoint() },
  },
  {
    setup: [
      ['addLesion', {}],
      ['setCall', { ...cell, call: 'present' }],
    ],
    kind: 'setCall',
    input: { ...cell, call: 'disappeared' },
  },
  {
    setup: [
      ['addLesion', {}],
      ['setMeasurement', { ...cell, diameterMm: 9 }],
    ],
    kind: 'setMeasurement',
    input: { ...cell, diameterMm: 7, adcMean: 1.1 },
  },
  {
    setup: [['addLesion', {}]],
    kind: 'setSitePoint',
    input: { ...cell, sitePoint: makeImagePoint() },
  },
  {
    setup: [
      ['addLesion', {}],
      ['setComment', { ...cell, comment: 'a' }],
    ],
    kind: 'setComment',
    input: { ...cell, comment: 'b' },
  },
  {
    setup: [['addLesion', {}]],
    kind: 'setRecurrence',
    input: { lesionId: 'L1', timepoint: 'followup-2', recurrence: 'yes' },
  },
  {
    setup: [['assignTimepoint', { studyInstanceUid: '1.2.3', timepoint: 'baseline' }]],
    kind: 'assignTimepoint',
    input: { studyInstanceUid: '1.2.3', timepoint: 'preop' },
  },
];

describe('undo and redo', () => {
  it.each(CASES)(
    '$kind: undo restores the derived state, redo repeats it, both audited',
    async (c) => {
      const { session, repository } = await open();
      for (const [kind, input] of c.setup) {
        expect(session.dispatch(kind, input as never)).toBe(true);
      }
      const before = derived(read(session));
      expect(session.dispatch(c.kind, c.input as never)).toBe(true);
      const after = derived(read(session));
      expect(after).not.toEqual(before);
      const audited = read(session).audit.length + read(session).pendingAudit.length;

      expect(session.undo()).toBe(true);
      expect(derived(read(session))).toEqual(before);
      const afterUndo = read(session).audit.length + read(session).pendingAudit.length;
      expect(afterUndo).toBeGreaterThan(audited);

      expect(session.redo()).toBe(true);
      expect(derived(read(session))).toEqual(after);
      expect(read(session).audit.length + read(session).pendingAudit.length).toBeGreaterThan(
        afterUndo,
      );

      // Undo again after redo: the stacks stay consistent through re-registered lesion ids.
      expect(session.undo()).toBe(true);
      expect(derived(read(session))).toEqual(before);
      await session.flushed();
      expect(session.store.get().save).toEqual({ kind: 'saved' });
      const stored = await repository.get(read(session).readId);
      expect(await verifyAuditChain(stored?.audit ?? [], webSha256)).toEqual({ ok: true });
    },
  );

  it('undoes a whole sequence back to the empty read and redoes it', async () => {
    const { session } = await open();
    const empty = derived(read(session));
    session.dispatch('addLesion', { segment: 'VI' });
    session.dispatch('setCall', { ...cell, call: 'disappeared' });
    session.dispatch('addLesion', { segment: 'VIII' });
    session.dispatch('setCall', { ...cell, lesionId: 'L2', call: 'present' });
    const full = derived(read(session));
    while (session.undo());
    expect(derived(read(session))).toEqual(empty);
    while (session.redo());
    expect(derived(read(session))).toEqual(full);
    expect(session.store.get().canRedo).toBe(false);
  });

  it('a new command clears the redo stack', async () => {
    const { session } = await open();
    session.dispatch('addLesion', {});
    session.undo();
    expect(session.store.get().canRedo).toBe(true);
    session.dispatch('addLesion', {});
    expect(session.store.get().canRedo).toBe(false);
  });
});

describe('conflicts', () => {
  it('refuses to save over a read another tab saved since, and flags the conflict', async () => {
    const repository = new MemoryReadRepository();
    const a = await open(repository);
    const b = await open(repository);
    expect(read(b.session).readId).toBe(read(a.session).readId);
    a.session.dispatch('addLesion', { segment: 'VI' });
    await a.session.flushed();
    b.session.dispatch('addLesion', { segment: 'II' });
    await b.session.flushed();
    expect(b.session.store.get().conflict).toBe(true);
    expect(b.session.store.get().save.kind).toBe('error');
    const stored = await repository.get(read(a.session).readId);
    expect(stored?.lesions.map((l) => l.segment)).toEqual(['VI']);
    // Further edits are refused until the tab takes over.
    expect(b.session.dispatch('addLesion', {})).toBe(false);
    expect(b.session.store.get().refusal?.code).toBe('conflict');
    await b.session.takeOver();
    expect(b.session.store.get().conflict).toBe(false);
    expect(read(b.session).lesions.map((l) => l.segment)).toEqual(['VI']);
    expect(b.session.dispatch('setSegment', { lesionId: 'L1', segment: 'VII' })).toBe(true);
    await b.session.flushed();
    expect(b.session.store.get().save).toEqual({ kind: 'saved' });
    // ... and now A is the one that is behind.
    a.session.dispatch('addLesion', {});
    await a.session.flushed();
    expect(a.session.store.get().conflict).toBe(true);
  });

  it('the repository put is a compare-and-swap on the audit fingerprint', async () => {
    const { session, repository } = await open();
    const saved = read(session);
    expect(await repository.put(saved, null)).toEqual({ ok: false, stored: fingerprintOf(saved) });
    expect(await repository.put(saved, fingerprintOf(saved))).toEqual({ ok: true });
  });
});

/** The test reads have gaps (no baseline place, no calls): signed anyway, with a reason. */
const signAnyway = { signerName: 'Dr One', meaning: 'Author', signAnywayReason: 'test read' };

describe('signed reads', () => {
  it('refuses to sign a read with gaps without a reason, and signs it with one', async () => {
    const { session } = await open();
    session.dispatch('addLesion', { segment: 'VI' });
    expect(await session.sign({ signerName: 'Dr One', meaning: 'Author' })).toBe(false);
    expect(session.store.get().refusal).toEqual({
      code: 'invalid-input',
      message: '7 missing before signing; sign anyway with a reason',
      text: { key: 'study.sign.gaps', params: { count: 7 } },
    });
    expect(await session.sign(signAnyway)).toBe(true);
    await session.flushed();
    const sealed = read(session);
    expect(sealed.state.kind).toBe('signed');
    expect(sealed.audit.at(-1)).toMatchObject({
      action: 'sign',
      reason: 'signed anyway: test read',
    });
  });

  it('refuses every edit, undo included, with a clear message; amend makes a new version', async () => {
    const { session, repository } = await open();
    session.dispatch('addLesion', { segment: 'VI' });
    expect(await session.sign(signAnyway)).toBe(true);
    await session.flushed();
    expect(read(session).state.kind).toBe('signed');
    const signed = read(session);
    expect(session.dispatch('setSegment', { lesionId: 'L1', segment: 'II' })).toBe(false);
    expect(session.store.get().refusal).toEqual({
      code: 'read-signed',
      message: expect.stringContaining('signed') as string,
    });
    expect(session.undo()).toBe(false);
    expect(read(session)).toBe(signed);
    expect(session.amend('')).toBe(false);
    expect(session.amend('segment was wrong')).toBe(true);
    expect(session.dispatch('setSegment', { lesionId: 'L1', segment: 'II' })).toBe(true);
    await session.flushed();
    const stored = await repository.get(signed.readId);
    expect(stored?.version).toBe(2);
    expect(stored?.audit.at(-1)?.reason).toBe('segment was wrong');
  });

  it('keeps every signed version when an amendment replaces the working read', async () => {
    const { session, repository } = await open();
    session.dispatch('addLesion', { segment: 'VI' });
    expect(await session.sign(signAnyway)).toBe(true);
    await session.flushed();
    expect(session.amend('L1 is in II')).toBe(true);
    session.dispatch('setSegment', { lesionId: 'L1', segment: 'II' });
    await session.flushed();
    // Before the amendment is signed, only version 1 is a signed record; it still says VI.
    let versions = await repository.versions(read(session).readId);
    expect(versions.map((v) => [v.version, v.state.kind, v.lesions[0]?.segment])).toEqual([
      [1, 'signed', 'VI'],
    ]);
    expect(await session.sign(signAnyway)).toBe(true);
    await session.flushed();
    versions = await repository.versions(read(session).readId);
    expect(versions.map((v) => [v.version, v.lesions[0]?.segment])).toEqual([
      [1, 'VI'],
      [2, 'II'],
    ]);
    const files = await session.signedVersions();
    expect(files.map((f) => f.fileName)).toEqual([
      expect.stringMatching(/-v1\.json$/),
      expect.stringMatching(/-v2\.json$/),
    ]);
    expect((JSON.parse(files[0]?.text ?? '{}') as { version?: number }).version).toBe(1);
  });
});

describe('export and import', () => {
  it('exports JSON named <patient>-<reader id>-v<version> and imports it back', async () => {
    const { session } = await open();
    session.dispatch('addLesion', { segment: 'VI' });
    const file = await session.exportJson();
    expect(file.fileName).toBe('DREAM-001-r1-v1.json');
    expect(JSON.parse(file.text)).toMatchObject({
      patientId: 'DREAM-001',
      lesions: [{ id: 'L1' }],
    });
    expect((await session.importJson(file.text)).ok).toBe(true);
    expect((await session.exportCsv()).fileName).toMatch(/-v1\.csv$/);
  });

  it('writes the loaded study’s id in the CSV’s study_id, and none without a study', async () => {
    const csvStudyIds = async (studyId?: () => string | undefined) => {
      const session = openReadSession('DREAM-001', {
        repository: new MemoryReadRepository(),
        sha256: webSha256,
        context: { now: makeContext().now, newId: () => crypto.randomUUID() },
        reader,
        ...(studyId && { studyId }),
      });
      await until(session, (s) => s.phase === 'ready');
      session.dispatch('addLesion', { segment: 'VI', baselineDiameterMm: 12 });
      const [head, ...rows] = (await session.exportCsv()).text.trim().split(/\r?\n/);
      const column = head?.split(',').indexOf('study_id') ?? -1;
      expect(column).toBeGreaterThanOrEqual(0);
      expect(rows.length).toBeGreaterThan(0);
      return new Set(rows.map((row) => row.split(',')[column]));
    };
    expect(await csvStudyIds(() => 'DREAM-SAMPLE')).toEqual(new Set(['DREAM-SAMPLE']));
    expect(await csvStudyIds()).toEqual(new Set(['']));
  });

  it('a broken file gives every problem with its path and changes nothing', async () => {
    const { session } = await open();
    session.dispatch('addLesion', { segment: 'VI' });
    const file = JSON.parse((await session.exportJson()).text) as Record<string, unknown>;
    const before = read(session);
    const broken = { ...file, version: 0, lesions: [{ id: 'X1' }] };
    const result = await session.importJson(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(['version', 'lesions[0].id']),
      );
    }
    expect(read(session)).toBe(before);
  });
});
