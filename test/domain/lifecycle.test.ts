import { describe, expect, it } from 'vitest';
import { addLesion, createRead, setCall } from '../../src/domain/commands.ts';
import { attempt, type DomainErrorCode } from '../../src/domain/errors.ts';
import {
  amend,
  nextLifecycleState,
  sign,
  type LifecycleEvent,
  type LifecycleState,
} from '../../src/domain/lifecycle.ts';
import type { CommandContext, Read } from '../../src/domain/model.ts';
import { EDITS, deepFreeze, makeContext, makeReader } from './fixtures.ts';

const signer = { signerName: 'Dr Reader One', meaning: 'Author' };

function draft(ctx: CommandContext): Read {
  const read = createRead({ patientId: 'DREAM-001-0001', reader: makeReader() }, ctx);
  return addLesion(read, { segment: 'VI' }, ctx);
}

function inState(state: LifecycleState, ctx: CommandContext): Read {
  const d = draft(ctx);
  if (state === 'draft') return d;
  const signed = sign(d, signer, ctx);
  return state === 'signed' ? signed : amend(signed, 'late pathology review', ctx);
}

function codeOf(fn: () => unknown): DomainErrorCode | undefined {
  const result = attempt(fn);
  return result.ok ? undefined : result.error.code;
}

const doEvent: Record<LifecycleEvent, (read: Read, ctx: CommandContext) => Read> = {
  sign: (r, c) => sign(r, signer, c),
  amend: (r, c) => amend(r, 'correction', c),
  edit: (r, c) =>
    setCall(r, { lesionId: 'L1', timepoint: 'preop', modality: 'DWI', call: 'present' }, c),
};

describe('transition table', () => {
  it.each<
    [LifecycleState, LifecycleEvent, LifecycleState | undefined, DomainErrorCode | undefined]
  >([
    ['draft', 'edit', 'draft', undefined],
    ['draft', 'sign', 'signed', undefined],
    ['draft', 'amend', undefined, 'invalid-transition'],
    ['signed', 'edit', undefined, 'read-signed'],
    ['signed', 'sign', undefined, 'invalid-transition'],
    ['signed', 'amend', 'amended', undefined],
    ['amended', 'edit', 'amended', undefined],
    ['amended', 'sign', 'signed', undefined],
    ['amended', 'amend', undefined, 'invalid-transition'],
  ])('%s --%s--> %s', (from, event, to, error) => {
    expect(nextLifecycleState(from, event)).toBe(to);
    const ctx = makeContext();
    const read = deepFreeze(inState(from, ctx));
    const result = attempt(() => doEvent[event](read, ctx));
    if (to === undefined) {
      expect(result.ok ? undefined : result.error.code).toBe(error);
    } else {
      expect(result.ok && result.value.state.kind).toBe(to);
    }
  });

  it.each(EDITS)('a signed read refuses %s', (_name, command) => {
    const ctx = makeContext();
    const signed = inState('signed', ctx);
    expect(codeOf(() => command(signed, ctx))).toBe('read-signed');
  });
});

describe('sign', () => {
  it('records signer, UTC time and meaning, and audits it', () => {
    const ctx = makeContext();
    const signed = sign(draft(ctx), { signerName: ' Dr Reader One ', meaning: 'Author' }, ctx);
    expect(signed.state).toEqual({
      kind: 'signed',
      signature: {
        signerName: 'Dr Reader One',
        signerId: 'reader-1',
        at: signed.updatedAt,
        meaning: 'Author',
      },
    });
    expect(signed.updatedAt).toMatch(/Z$/);
    expect(signed.pendingAudit.at(-1)).toMatchObject({
      action: 'sign',
      before: { state: 'draft', version: 1 },
      after: { state: 'signed', version: 1, signerName: 'Dr Reader One', meaning: 'Author' },
    });
  });

  it.each([
    ['empty name', { signerName: ' ', meaning: 'Author' }],
    ['empty meaning', { signerName: 'Dr X', meaning: '' }],
  ])('refuses %s', (_name, input) => {
    const ctx = makeContext();
    expect(codeOf(() => sign(draft(ctx), input, ctx))).toBe('invalid-input');
  });
});

describe('amend', () => {
  it('makes a new version that references the signed one and leaves that one untouched', () => {
    const ctx = makeContext();
    const signed = deepFreeze(inState('signed', ctx));
    const amended = amend(signed, '  pathology showed a second lesion ', ctx);
    expect(signed.state.kind).toBe('signed');
    expect(amended).toMatchObject({
      readId: signed.readId,
      version: 2,
      previousVersion: {
        versionId: signed.versionId,
        version: 1,
        signature: signed.state.kind === 'signed' ? signed.state.signature : undefined,
      },
      state: { kind: 'amended', reason: 'pathology showed a second lesion' },
    });
    expect(amended.versionId).not.toBe(signed.versionId);
    expect(amended.pendingAudit.at(-1)).toMatchObject({
      action: 'amend',
      reason: 'pathology showed a second lesion',
      before: { version: 1, versionId: signed.versionId },
      after: { version: 2, versionId: amended.versionId },
    });
  });

  it.each(['', '   '])('requires a reason (%j)', (reason) => {
    const ctx = makeContext();
    expect(codeOf(() => amend(inState('signed', ctx), reason, ctx))).toBe('invalid-input');
  });

  it('writes the amendment reason on every change of the amended version, then signs v2 and amends to v3', () => {
    const ctx = makeContext();
    let read = inState('amended', ctx);
    read = doEvent.edit(read, ctx);
    read = addLesion(read, {}, ctx);
    expect(read.pendingAudit.slice(-2).map((e) => e.reason)).toEqual([
      'late pathology review',
      'late pathology review',
    ]);
    read = sign(read, { signerName: 'Dr Reader One', meaning: 'Author' }, ctx);
    expect(read).toMatchObject({ version: 2, state: { kind: 'signed' } });
    expect(read.pendingAudit.at(-1)?.reason).toBe('late pathology review');
    const v3 = amend(read, 'typo in segment', ctx);
    expect(v3).toMatchObject({
      version: 3,
      previousVersion: { version: 2, versionId: read.versionId },
    });
    // One continuous trail over all versions: nothing of v1 or v2 is dropped.
    expect(v3.pendingAudit.map((e) => e.seq)).toEqual(v3.pendingAudit.map((_e, i) => i + 1));
    expect(v3.pendingAudit.map((e) => e.action)).toEqual([
      'create-read',
      'add-lesion',
      'sign',
      'amend',
      'set-call',
      'add-lesion',
      'sign',
      'amend',
    ]);
  });
});

describe('a signed read answers read-signed before anything else', () => {
  it.each<[string, (read: Read, ctx: CommandContext) => Read]>([
    [
      'unknown lesion',
      (r, c) =>
        setCall(r, { lesionId: 'L99', timepoint: 'preop', modality: 'CT', call: 'present' }, c),
    ],
    ['invalid input', (r, c) => addLesion(r, { baselineDiameterMm: -1 }, c)],
    [
      'no-op edit',
      (r, c) =>
        setCall(r, { lesionId: 'L1', timepoint: 'preop', modality: 'CT', call: undefined }, c),
    ],
  ])('%s', (_name, command) => {
    const ctx = makeContext();
    expect(codeOf(() => command(inState('signed', ctx), ctx))).toBe('read-signed');
  });
});
