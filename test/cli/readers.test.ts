/**
 * `npm run reads -- readers` and `compare` with consensus reads, on the campaign of
 * test/domain/stats/monitoringFixtures.ts written as read files (the figures are worked out by
 * hand in test/domain/stats/readerMonitoring.test.ts); and the review screen's reader table
 * computed from the same files giving the same figures.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReads } from '../../src/cli/reads.ts';
import { exportReadJson, importReadJson, type Read } from '../../src/domain/index.ts';
import { loadedRead, reviewMonitoring } from '../../src/store/review.ts';
import { sha256 } from '../domain/fixtures.ts';
import { buildCampaign } from '../domain/stats/monitoringFixtures.ts';
import { fixtureDir, writeFixture } from './fixtures.ts';

const run = (...argv: string[]) => runReads(argv, (file) => readFile(file, 'utf8'), { sha256 });
const squeezed = (text: string) => text.split('\n').map((line) => line.replace(/ {2,}/g, ' | '));

interface ReadersJson {
  ok: boolean;
  cases: number;
  casesWithConsensus: number;
  campaignDisagreementIndex: number;
  campaignAdjudicationRate: number;
  methods: { kappaInterval: string; gapCapMinutes: number };
  readers: {
    readerId: string;
    cases: number;
    casesAdjudicated: number;
    discordances: number;
    overruled: number;
    disagreementIndex: number;
    readingTime: { medianSeconds: number };
    agreement: { rows: { item: string; kappa: number }[] };
  }[];
}

let files: string[] = [];
let readerFiles: string[] = [];

/** File name of a read: patient, reader (or consensus). */
function nameOf(read: Read): string {
  return `${read.patientId}-${read.consensus ? 'consensus' : read.reader.id}.json`;
}

beforeAll(async () => {
  const dir = fixtureDir();
  const { reads } = await buildCampaign();
  files = reads.map((read) =>
    writeFixture(
      dir,
      nameOf(read),
      exportReadJson(read, { now: () => '2026-03-10T12:00:00.000Z' }),
    ),
  );
  readerFiles = files.filter((f) => !f.endsWith('-consensus.json'));
});

describe('readers', () => {
  it('gives the hand-worked figures of the campaign as JSON', async () => {
    const result = await run('readers', '--json', ...files);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as ReadersJson;
    expect([json.ok, json.cases, json.casesWithConsensus]).toEqual([true, 5, 4]);
    expect(json.campaignAdjudicationRate).toBe(0.8);
    expect(json.campaignDisagreementIndex).toBeCloseTo(9 / 14, 12);
    expect(
      json.readers.map((r) => [
        r.readerId,
        r.cases,
        r.casesAdjudicated,
        r.discordances,
        r.overruled,
        r.readingTime.medianSeconds,
      ]),
    ).toEqual([
      ['reader-a', 5, 4, 7, 5, 90],
      ['reader-b', 5, 4, 7, 4, 180],
    ]);
    expect(json.readers[1]?.agreement.rows.find((r) => r.item === 'CT')?.kappa).toBeCloseTo(
      6 / 11,
      12,
    );
    expect(json.methods.kappaInterval).toMatch(/Fleiss-Cohen-Everitt/);
    expect(json.methods.gapCapMinutes).toBe(5);
  });

  it('prints the reader table as text', async () => {
    const result = await run('readers', ...files);
    expect(result.exitCode).toBe(0);
    const lines = squeezed(result.stdout);
    // reader, name, cases, adjudicated, rate, discordances, overruled, index, median m:ss
    expect(lines).toContain('reader-a | Dr A | 5 | 4 | 80.0% | 7 | 5 | 0.714 | 1:30');
    expect(lines).toContain('reader-b | Dr B | 5 | 4 | 80.0% | 7 | 4 | 0.571 | 3:00');
    expect(result.stdout).toContain('disagreement index 0.643');
  });

  it('--gap-cap changes the cap: B’s M01 and M05 grow, the medians stay', async () => {
    const json = JSON.parse(
      (await run('readers', '--json', '--gap-cap', '30', ...files)).stdout,
    ) as ReadersJson;
    expect(json.methods.gapCapMinutes).toBe(30);
    expect(json.readers.map((r) => r.readingTime.medianSeconds)).toEqual([90, 180]);
    expect((await run('compare', '--gap-cap', '30', ...files)).exitCode).toBe(2);
    expect((await run('readers', '--gap-cap', '0', ...files)).exitCode).toBe(2);
  });
});

describe('compare with consensus reads', () => {
  it('adds the adjudication rate and each reader’s acceptance; the consensus reads are not compared', async () => {
    const result = await run('compare', '--json', ...files);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as {
      patients: unknown[];
      adjudication: {
        adjudicationRate: number;
        readers: {
          readerId: string;
          discordances: number;
          accepted: number;
          acceptanceRate: number;
        }[];
      };
    };
    expect(json.patients).toHaveLength(5);
    expect(json.adjudication.adjudicationRate).toBe(0.8);
    // A upheld 2 of 7, B 3 of 7 (readerMonitoring.test.ts).
    expect(json.adjudication.readers.map((r) => [r.readerId, r.discordances, r.accepted])).toEqual([
      ['reader-a', 7, 2],
      ['reader-b', 7, 3],
    ]);
    expect(json.adjudication.readers[1]?.acceptanceRate).toBeCloseTo(3 / 7, 12);
    const text = squeezed((await run('compare', ...files)).stdout);
    expect(text).toContain('reader-b | 7 | 3 | 42.9% | 0.571');
  });

  it('without consensus reads has no adjudication figures', async () => {
    const json = JSON.parse((await run('compare', '--json', ...readerFiles)).stdout) as {
      adjudication: unknown;
    };
    expect(json.adjudication).toBeNull();
  });
});

describe('the review screen and the CLI give the same reader monitoring', () => {
  it('on the same files', async () => {
    const cli = JSON.parse((await run('readers', '--json', ...files)).stdout) as Record<
      string,
      unknown
    >;
    // The screen's path: each file imported as the review store does, in reverse load order.
    const loaded = [];
    for (const file of [...files].reverse()) {
      const result = await importReadJson(await readFile(file, 'utf8'), { sha256 });
      if (!result.ok) throw new Error(`${file} does not import`);
      loaded.push(loadedRead(result.read, { kind: 'file', name: file }));
    }
    const screen = reviewMonitoring({ reads: loaded, built: [] });
    const { command, ok, methods, problems, ...figures } = cli;
    expect([command, ok, problems]).toEqual(['readers', true, []]);
    expect(methods).toBeDefined();
    expect(JSON.parse(JSON.stringify(screen))).toEqual(figures);
  });
});
