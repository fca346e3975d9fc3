import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, csvTimepoints, hasValue } from '../../src/domain/exportCsv.ts';
import { exportReadCsv, exportReadJson } from '../../src/domain/exportRead.ts';
import { MODALITY_GROUPS, type Read } from '../../src/domain/model.ts';
import { goldenReads } from './goldenReads.ts';
import { deepFreeze, makeLesion, makeRead } from './fixtures.ts';

const now = () => '2026-03-01T12:00:00.000Z';

/** Splits RFC 4180 text into records of fields (test-side parser). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

describe('exportReadJson', () => {
  it('refuses unsealed audit entries and a non-UTC clock', async () => {
    const { draft } = await goldenReads();
    const pending = { ...draft, pendingAudit: [{ ...draft.audit[0]! }] };
    expect(() => exportReadJson(pending, { now })).toThrow(/seal/);
    expect(() => exportReadJson(draft, { now: () => '2026-03-01 12:00' })).toThrow(/UTC/);
  });

  it('writes keys in a fixed order whatever order the read holds them in', async () => {
    const { draft } = await goldenReads();
    const [l1, ...rest] = draft.lesions;
    const shuffled: Read = deepFreeze({
      ...draft,
      timepointAssignment: Object.fromEntries(Object.entries(draft.timepointAssignment).reverse()),
      lesions: [
        {
          ...l1!,
          assessments: { preop: l1!.assessments.preop!, baseline: l1!.assessments.baseline! },
        },
        ...rest,
      ],
    });
    const text = exportReadJson(shuffled, { now });
    expect(text).toBe(exportReadJson(draft, { now }));
    expect(Object.keys(JSON.parse(text) as object).slice(0, 3)).toEqual([
      'schemaVersion',
      'exportedAt',
      'readId',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('never contains a patient name or birth date', async () => {
    const { amended } = await goldenReads();
    expect(exportReadJson(amended, { now })).not.toMatch(/patientName|birth|PatientBirthDate/i);
  });
});

describe('exportReadCsv', () => {
  it('has one row per live lesion x timepoint x modality with a value, and the header', async () => {
    for (const read of Object.values(await goldenReads())) {
      const records = parseCsv(exportReadCsv(read));
      const live = read.lesions.filter((l) => l.removed === undefined);
      const withValue = live.flatMap((l) =>
        csvTimepoints(read).flatMap((tp) =>
          MODALITY_GROUPS.filter((m) => hasValue(l.assessments[tp]?.modalities[m])),
        ),
      );
      expect(records[0]).toEqual([...CSV_COLUMNS]);
      expect(records.filter((r) => r[CSV_COLUMNS.indexOf('modality')] !== '').length - 1).toBe(
        withValue.length,
      );
      expect(records.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    }
  });

  it('puts the derived status on the status timepoint rows only', async () => {
    const { draft } = await goldenReads();
    const rows = parseCsv(exportReadCsv(draft)).slice(1);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const preopCt = rows.filter(
      (r) => r[col('timepoint')] === 'preop' && r[col('modality')] === 'CT',
    );
    expect(
      preopCt.map((r) => [r[col('lesion_id')], r[col('derived_status')], r[col('ct_dlm')]]),
    ).toEqual([
      ['L1', 'cDLM', 'true'],
      ['L2', 'partial DLM', 'true'],
      ['L3', 'visible', 'false'],
      ['L4', 'incomplete', 'true'],
    ]);
    expect(
      rows
        .filter((r) => r[col('timepoint')] === 'baseline')
        .every((r) => r[col('derived_status')] === ''),
    ).toBe(true);
  });

  it('quotes commas, quotes and newlines (RFC 4180) and round-trips them', async () => {
    const { draft } = await goldenReads();
    const csv = exportReadCsv(draft);
    expect(csv).toContain('"motion, ""breathing"" artefact\nrepeat?"');
    const comments = parseCsv(csv).map((r) => r[CSV_COLUMNS.indexOf('comment')]);
    expect(comments).toContain('motion, "breathing" artefact\nrepeat?');
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-2 mm smaller', "'-2 mm smaller"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a=b', 'a=b'],
    [12.5, '12.5'],
    [true, 'true'],
    [undefined, ''],
    ['plain', 'plain'],
    ['line\r\nbreak', '"line\r\nbreak"'],
  ])('defends and quotes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('defends injected comments inside a full export', () => {
    const read = makeRead({
      nextLesionNumber: 2,
      lesions: [
        makeLesion({
          assessments: { preop: { modalities: { CT: { call: 'present', comment: '=cmd|calc' } } } },
        }),
      ],
    });
    expect(exportReadCsv(read)).toContain(",'=cmd|calc,");
  });
});
