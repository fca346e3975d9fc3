/**
 * Fixture files of the CLI tests, generated at test time with the app's own commands (create,
 * add lesion, set call, sign, seal, export), so they never go stale against the schema. The
 * designs (which lesion has which calls and outcome) are in reads.test.ts, where the expected
 * numbers are worked out by hand.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealAudit } from '../../src/domain/audit.ts';
import { addLesion, createRead, setCall } from '../../src/domain/commands.ts';
import { exportReadJson } from '../../src/domain/exportRead.ts';
import { signRead } from '../../src/domain/integrity/signing.ts';
import {
  MODALITY_GROUPS,
  worldPoint,
  type Call,
  type CommandContext,
  type CouinaudSegment,
  type Read,
  type Reader,
} from '../../src/domain/model.ts';
import { makeImagePoint, sha256 } from '../domain/fixtures.ts';

/** Calls at preop in CT, DWI, T1/T2, EOB order: D disappeared, P present, N not evaluable, - unset. */
export type CallCode = string;

const CALL_OF: Readonly<Record<string, Call | undefined>> = {
  D: 'disappeared',
  P: 'present',
  N: 'not-evaluable',
  '-': undefined,
};

/** One lesion of a designed read: where it is at baseline and its preop calls. */
export interface LesionSpec {
  readonly segment: CouinaudSegment;
  /** Baseline location, mm (LPS), all in one frame of reference. */
  readonly at: readonly [number, number, number];
  readonly calls: CallCode;
}

/** A designed read. */
export interface ReadSpec {
  readonly patientId: string;
  readonly reader: Reader;
  readonly lesions: readonly LesionSpec[];
}

/** A deterministic context whose ids carry a prefix (so reads of one test never share ids). */
function context(prefix: string): CommandContext {
  let ticks = 0;
  let ids = 0;
  const t0 = Date.parse('2026-02-01T08:00:00.000Z');
  return {
    now: () => new Date(t0 + 1000 * ticks++).toISOString(),
    newId: () => `${prefix}-${++ids}`,
  };
}

/** Builds, signs and seals a read with the domain commands. */
export async function buildRead(spec: ReadSpec, idPrefix: string): Promise<Read> {
  const ctx = context(idPrefix);
  let read = createRead({ patientId: spec.patientId, reader: spec.reader }, ctx);
  for (const [index, lesion] of spec.lesions.entries()) {
    const lesionId = `L${index + 1}` as const;
    read = addLesion(
      read,
      {
        segment: lesion.segment,
        baselineLocation: makeImagePoint({ point: worldPoint(...lesion.at) }),
        baselineDiameterMm: 12,
      },
      ctx,
    );
    MODALITY_GROUPS.forEach((modality, m) => {
      const code = lesion.calls[m] ?? '-';
      if (!(code in CALL_OF)) throw new Error(`unknown call code ${code}`);
      const call = CALL_OF[code];
      if (call !== undefined) {
        read = setCall(read, { lesionId, timepoint: 'preop', modality, call }, ctx);
      }
    });
  }
  read = await signRead(read, { signerName: spec.reader.name, meaning: 'Author' }, ctx, { sha256 });
  return sealAudit(read, sha256);
}

/** The export file text of a designed read. */
export async function readFileText(spec: ReadSpec, idPrefix: string): Promise<string> {
  return exportReadJson(await buildRead(spec, idPrefix), {
    now: () => '2026-03-01T12:00:00.000Z',
  });
}

/** A fresh temporary folder for one test file's fixtures. */
export function fixtureDir(): string {
  return mkdtempSync(join(tmpdir(), 'dream-reads-cli-'));
}

/** Writes a file into the folder and returns its path. */
export function writeFixture(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
