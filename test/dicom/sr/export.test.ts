/**
 * The SR export of every fixture read (the designed read in all its states, a CLI read, the two
 * sample reads of the review) checked by the outside tools: dciodvfy (dicom3tools) must report no
 * error, dsrdump (dcmtk) must parse the document and list one Tracking Identifier per lesion and
 * timepoint. Exports are deterministic: the same bytes, SOP Instance UIDs and Tracking UIDs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupTimepoints } from '../../../src/dicom/sr/groups.ts';
import { exportReadSr } from '../../../src/dicom/sr/index.ts';
import type { Read } from '../../../src/domain/index.ts';
import { sha256 } from '../../domain/fixtures.ts';
import { discordantReads } from '../../e2e/review-fixtures.ts';
import { cliRead, consensusRead, designedReads, goldenFileReads } from './fixtures.ts';

interface Exported {
  readonly name: string;
  readonly read: Read;
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly sopInstanceUid: string;
}

/** 4 designed, 1 CLI, 2 sample, 1 consensus, 6 golden files (schema v1 and v2). */
const COUNT = 14;
const INDICES = Array.from({ length: COUNT }, (_, i) => i);
const dir = mkdtempSync(join(tmpdir(), 'dream-sr-'));
let exported: Exported[] = [];

async function exportAll(): Promise<Exported[]> {
  const [draft, signed1, amended, signed2] = await designedReads();
  const { reader1, reader2 } = await discordantReads();
  const reads: [string, Read][] = [
    ['designed draft', draft],
    ['designed signed v1', signed1],
    ['designed amended v2', amended],
    ['designed signed v2', signed2],
    ['cli read', await cliRead()],
    ['sample reader 1', reader1.read],
    ['sample reader 2', reader2.read],
    ['sample consensus', await consensusRead()],
    ...(await goldenFileReads()).map(([name, read]): [string, Read] => [`golden ${name}`, read]),
  ];
  const out: Exported[] = [];
  for (const [name, read] of reads) {
    const { bytes, uids, fileName } = await exportReadSr(read, { sha256 });
    const file = join(dir, `${name.replaceAll(' ', '-')}-${fileName}`);
    writeFileSync(file, bytes);
    out.push({ name, read, file, bytes, sopInstanceUid: uids.sopInstance });
  }
  return out;
}

/** Runs a tool; dciodvfy and dsrdump write their findings on stderr. */
function tool(command: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Tracking Identifier and Time Point of each Measurement Group, in document order. */
function dsrdumpGroups(output: string): string[] {
  const groups: string[] = [];
  let current: { id?: string; tp?: string } | undefined;
  for (const line of output.split('\n')) {
    if (line.includes('CONTAINER:(,,"Measurement Group")')) {
      current = {};
      groups.push('');
    }
    const id = /TEXT:\(,,"Tracking Identifier"\)="([^"]*)"/.exec(line)?.[1];
    const tp = /TEXT:\(,,"Time Point"\)="([^"]*)"/.exec(line)?.[1];
    if (current !== undefined && (id !== undefined || tp !== undefined)) {
      if (id !== undefined) current.id = id;
      if (tp !== undefined) current.tp = tp;
      groups[groups.length - 1] = `${current.id ?? '?'}@${current.tp ?? '?'}`;
    }
  }
  return groups;
}

beforeAll(async () => {
  exported = await exportAll();
}, 60_000);

describe('SR export checked by dciodvfy and dsrdump', () => {
  it('exports every fixture read', () => {
    expect(exported.map((e) => e.name)).toHaveLength(COUNT);
  });

  it.each(INDICES)('fixture %i passes dciodvfy without an error', (index) => {
    const { file } = exported[index] as Exported;
    const { output } = tool('dciodvfy', file);
    expect(output).toContain('Comprehensive3DSR');
    expect(output.split('\n').filter((line) => line.startsWith('Error'))).toEqual([]);
  });

  it.each(INDICES)(
    'fixture %i: dsrdump lists one Tracking Identifier per lesion and timepoint',
    (index) => {
      const { file, read } = exported[index] as Exported;
      const { status, output } = tool('dsrdump', file);
      expect(status).toBe(0);
      const expected = read.lesions.flatMap((lesion) =>
        groupTimepoints(read, lesion).map((tp) => `${lesion.id}@${tp}`),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(dsrdumpGroups(output)).toEqual(expected);
    },
  );

  it('a signed read is VERIFIED by its signer; a draft is UNVERIFIED and PARTIAL', () => {
    const signed = tool('dsrdump', (exported[3] as Exported).file).output;
    expect(signed).toMatch(/Verification Flag\s*: VERIFIED/);
    expect(signed).toMatch(/Verifying Observers : 2026-02-01 \d\d:\d\d:\d\d \+00:00, 山田 太郎/);
    expect(signed).toMatch(/Completion Flag\s*: COMPLETE/);
    const draft = tool('dsrdump', (exported[0] as Exported).file).output;
    expect(draft).toMatch(/Verification Flag\s*: UNVERIFIED/);
    expect(draft).toMatch(/Completion Flag\s*: PARTIAL/);
  });
});

describe('SR export is deterministic', () => {
  it('two exports give the same bytes and SOP Instance UIDs', async () => {
    for (const e of exported) {
      const again = await exportReadSr(e.read, { sha256 });
      expect(again.uids.sopInstance).toBe(e.sopInstanceUid);
      expect(again.bytes).toEqual(e.bytes);
    }
  }, 60_000);

  it('an amendment names the signed version it amends as predecessor', () => {
    const predecessor = (file: string) =>
      /Predecessor Docs\s*: (\d+)/.exec(tool('dsrdump', file).output)?.[1];
    expect(predecessor((exported[0] as Exported).file)).toBeUndefined();
    expect(predecessor((exported[3] as Exported).file)).toBe('1');
    const v2 = tool(
      'dcmdump',
      '+P',
      '0040,a360',
      '+P',
      '0008,1155',
      (exported[3] as Exported).file,
    );
    expect(v2.output).toContain((exported[1] as Exported).sopInstanceUid);
  });

  it('every read version has its own SOP Instance UID', () => {
    const built = exported.filter((e) => !e.name.startsWith('golden'));
    expect(new Set(built.map((e) => e.sopInstanceUid)).size).toBe(built.length);
    // A golden v1 file and its v2 twin are the same read version (the migration changes no
    // content), so they share their UID; the draft, signed and amended versions differ.
    const golden = new Map<string, Set<string>>();
    for (const e of exported.filter((x) => x.name.startsWith('golden'))) {
      const kind = e.name.replace(/-v\d-/, '-');
      golden.set(kind, (golden.get(kind) ?? new Set()).add(e.sopInstanceUid));
    }
    expect([...golden.values()].map((uids) => uids.size)).toEqual([1, 1, 1]);
    expect(new Set([...golden.values()].flatMap((uids) => [...uids])).size).toBe(3);
  });

  it('a lesion keeps its Tracking UID over timepoints, versions and re-exports', () => {
    const trackingUids = (file: string) => {
      const out = tool('dsrdump', file).output;
      const pairs = [
        ...out.matchAll(
          /"Tracking Identifier"\)="(L\d+)">\n.*?"Tracking Unique Identifier"\)="([\d.]+)"/g,
        ),
      ];
      const byLesion = new Map<string, Set<string>>();
      for (const [, id = '', uid = ''] of pairs) {
        byLesion.set(id, (byLesion.get(id) ?? new Set()).add(uid));
      }
      return byLesion;
    };
    const versions = exported.slice(0, 4).map((e) => trackingUids(e.file));
    const first = versions[0] as Map<string, Set<string>>;
    expect([...first.keys()]).toEqual(['L1', 'L2', 'L3', 'L4']);
    for (const [lesion, uids] of first) {
      expect(uids.size, `${lesion} one UID over its timepoints`).toBe(1);
      for (const other of versions) expect(other.get(lesion)).toEqual(uids);
    }
    const all = [...first.values()].map((s) => [...s][0]);
    expect(new Set(all).size).toBe(all.length);
  });
});
