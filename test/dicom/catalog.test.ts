import { describe, expect, it } from 'vitest';
import { buildCatalog, frameImageId, type CatalogInstance } from '../../src/dicom/catalog.ts';
import type { InstanceHeader } from '../../src/dicom/header.ts';
import { roleKey } from '../../src/dicom/roles.ts';
import { makeInstance } from './fixtures.ts';

type H = Partial<InstanceHeader>;

/** A series of `n` axial slices at z = 0, 5, 10, ... given in reverse order. */
function stack(n: number, header: H): CatalogInstance[] {
  return Array.from({ length: n }, (_, i) =>
    makeInstance({
      ...header,
      instanceNumber: n - i,
      imagePositionPatient: [0, 0, 5 * (n - 1 - i)],
    }),
  );
}

describe('buildCatalog: grouping', () => {
  const ct = stack(3, {
    modality: 'CT',
    seriesInstanceUid: 'ct',
    seriesNumber: 2,
    seriesDescription: 'PORTAL',
  });
  const t2 = stack(2, { seriesInstanceUid: 't2', seriesNumber: 5, seriesDescription: 't2_haste' });
  const hbp = stack(2, {
    seriesInstanceUid: 'hbp',
    seriesNumber: 9,
    seriesDescription: 't1_vibe_hbp',
  });
  const adc = stack(2, {
    seriesInstanceUid: 'adc',
    seriesNumber: 8,
    imageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC'],
  });
  const catalog = buildCatalog([...hbp, ...t2, ...adc, ...ct]);

  it('builds one patient, one timepoint, one exam', () => {
    expect(catalog.problems).toEqual([]);
    expect(catalog.patients).toHaveLength(1);
    const patient = catalog.patients[0];
    expect(patient?.patientId).toBe('DREAM-001');
    expect(patient?.patientName).toBe('ANON^ONE');
    expect(patient?.timepoints.map((t) => [t.id, t.source])).toEqual([['baseline', 'date-order']]);
    const exam = patient?.timepoints[0]?.exams[0];
    expect(exam?.modalities).toEqual(['CT', 'MR']);
  });

  it('orders series by role, then series number', () => {
    const series = catalog.patients[0]?.timepoints[0]?.exams[0]?.series ?? [];
    expect(series.map((s) => roleKey(s.role))).toEqual(['CT_PORTAL', 'ADC', 'T2', 'EOB_HBP']);
    expect(series[0]).toMatchObject({
      key: 'ct',
      seriesInstanceUid: 'ct',
      description: 'PORTAL',
      seriesNumber: 2,
      modality: 'CT',
    });
  });

  it('sorts instances along the slice normal', () => {
    const ctSeries = catalog.patients[0]?.timepoints[0]?.exams[0]?.series[0];
    expect(ctSeries?.instances.map((i) => i.header.imagePositionPatient?.[2])).toEqual([0, 5, 10]);
  });
});

describe('buildCatalog: instance order', () => {
  it.each<[string, H[], number[]]>([
    // Sagittal: normal = row (0,1,0) x column (0,0,-1) = (-1,0,0), so larger x comes first.
    [
      'by position along a sagittal normal',
      [
        {
          instanceNumber: 1,
          imageOrientationPatient: [0, 1, 0, 0, 0, -1],
          imagePositionPatient: [-10, 0, 0],
        },
        {
          instanceNumber: 2,
          imageOrientationPatient: [0, 1, 0, 0, 0, -1],
          imagePositionPatient: [20, 0, 0],
        },
      ],
      [2, 1],
    ],
    [
      'by instance number without positions',
      [
        { instanceNumber: 3, imagePositionPatient: undefined },
        { instanceNumber: 1, imagePositionPatient: undefined },
      ],
      [1, 3],
    ],
    [
      'by instance number at the same position',
      [
        { instanceNumber: 2, imagePositionPatient: [0, 0, 0] },
        { instanceNumber: 1, imagePositionPatient: [0, 0, 0] },
      ],
      [1, 2],
    ],
  ])('%s', (_name, headers, expected) => {
    const catalog = buildCatalog(
      headers.map((h) => makeInstance({ seriesDescription: 'T2', ...h })),
    );
    const series = catalog.patients[0]?.timepoints[0]?.exams[0]?.series[0];
    expect(series?.instances.map((i) => i.header.instanceNumber)).toEqual(expected);
  });
});

describe('buildCatalog: DWI split by b-value', () => {
  const dwi = [0, 1, 2].flatMap((slice) =>
    [50, 400, 800].map((b) =>
      makeInstance({
        seriesInstanceUid: 'dwi',
        bValue: b,
        instanceNumber: slice * 3 + b,
        imagePositionPatient: [0, 0, slice * 5],
      }),
    ),
  );
  const extra = makeInstance({
    seriesInstanceUid: 'dwi',
    seriesDescription: 'ep2d_diff',
    bValue: undefined,
  });

  it('makes one stack per b-value, sorted by b, and drops no frame', () => {
    const catalog = buildCatalog([...dwi, extra]);
    const series = catalog.patients[0]?.timepoints[0]?.exams[0]?.series ?? [];
    expect(series.map((s) => [s.key, roleKey(s.role), s.instances.length])).toEqual([
      ['dwi:b50', 'DWI_50', 3],
      ['dwi:b400', 'DWI_400', 3],
      ['dwi:b800', 'DWI_800', 3],
      ['dwi:bnone', 'DWI_UNKNOWN', 1],
    ]);
    expect(series.reduce((n, s) => n + s.instances.length, 0)).toBe(10);
  });

  it('keeps an ADC series whole even when it carries b-values', () => {
    const adc = [50, 800].map((b) =>
      makeInstance({
        seriesInstanceUid: 'adc',
        bValue: b,
        imageType: ['DERIVED', 'PRIMARY', 'ADC'],
      }),
    );
    const series = buildCatalog(adc).patients[0]?.timepoints[0]?.exams[0]?.series ?? [];
    expect(series.map((s) => s.key)).toEqual(['adc']);
  });
});

describe('buildCatalog: problems', () => {
  it.each<[string, H, string]>([
    ['SR', { modality: 'SR', hasPixelData: false }, 'no pixel data (SR)'],
    ['SEG', { modality: 'SEG', hasPixelData: false }, 'no pixel data (SEG)'],
    ['RTSTRUCT', { modality: 'RTSTRUCT', hasPixelData: false }, 'no pixel data (RTSTRUCT)'],
    [
      'no modality',
      { modality: '', sopClassUid: '1.2.840.10008.5.1.4.1.1.88.22', hasPixelData: false },
      'no pixel data (1.2.840.10008.5.1.4.1.1.88.22)',
    ],
    [
      'deflated',
      { transferSyntaxUid: '1.2.840.10008.1.2.1.99' },
      'unsupported transfer syntax 1.2.840.10008.1.2.1.99',
    ],
  ])('excludes %s and reports it', (_name, header, reason) => {
    const keep = makeInstance({ seriesDescription: 'T2' });
    const catalog = buildCatalog([keep, makeInstance(header, 'file:bad')]);
    expect(catalog.problems).toEqual([{ source: 'file:bad', reason }]);
    expect(catalog.patients[0]?.timepoints[0]?.exams[0]?.series[0]?.instances).toEqual([keep]);
  });

  it('reports each duplicate SOP Instance UID once and keeps the first', () => {
    const first = makeInstance({ sopInstanceUid: '9.9' }, 'a');
    const catalog = buildCatalog([
      first,
      makeInstance({ sopInstanceUid: '9.9' }, 'b'),
      makeInstance({ sopInstanceUid: '9.9' }, 'c'),
    ]);
    expect(catalog.problems).toEqual([
      { source: 'b', reason: 'duplicate SOP Instance UID 9.9 (kept a)' },
      { source: 'c', reason: 'duplicate SOP Instance UID 9.9 (kept a)' },
    ]);
    expect(catalog.patients[0]?.timepoints[0]?.exams[0]?.series[0]?.instances).toEqual([first]);
  });

  it('keeps a displayable copy even when an undisplayable copy of the same UID came first', () => {
    const bigEndian = makeInstance(
      { sopInstanceUid: '9.9', transferSyntaxUid: '1.2.840.10008.1.2.2' },
      'be',
    );
    const good = makeInstance({ sopInstanceUid: '9.9' }, 'le');
    const catalog = buildCatalog([bigEndian, good]);
    expect(catalog.problems).toEqual([
      { source: 'be', reason: 'unsupported transfer syntax 1.2.840.10008.1.2.2' },
    ]);
    expect(catalog.patients[0]?.timepoints[0]?.exams[0]?.series[0]?.instances).toEqual([good]);
  });

  it('returns an empty catalog for no instances', () => {
    expect(buildCatalog([])).toEqual({ patients: [], problems: [] });
  });
});

describe('buildCatalog: patients and timepoints', () => {
  const study = (patientId: string, uid: string, studyDate: string, tag = ''): CatalogInstance =>
    makeInstance({
      patientId,
      studyInstanceUid: uid,
      seriesInstanceUid: `${uid}.1`,
      studyDate,
      clinicalTrialTimePointId: tag,
    });

  it.each<[string, CatalogInstance[], string[]]>([
    [
      'date order',
      [study('P', 'c', '20241201'), study('P', 'a', '20240101'), study('P', 'b', '20240601')],
      ['baseline:date-order:a', 'preop:date-order:b', 'followup-1:date-order:c'],
    ],
    [
      'same date, one timepoint',
      [study('P', 'b', '20240101'), study('P', 'a', '20240101')],
      ['baseline:date-order:a,b'],
    ],
    [
      'trial tags',
      [
        study('P', 'a', '20240101', 'FU 1'),
        study('P', 'b', '20240601', 'Screening'),
        study('P', 'c', '20240301', 'Post-chemo'),
      ],
      ['baseline:trial-tag:b', 'preop:trial-tag:c', 'followup-1:trial-tag:a'],
    ],
    [
      'unknown tag keeps its id',
      [study('P', 'a', '20240101', 'BL'), study('P', 'b', '20240601', 'Week 12')],
      ['baseline:trial-tag:a', 'week-12:trial-tag:b'],
    ],
  ])('%s', (_name, instances, expected) => {
    const patient = buildCatalog(instances).patients[0];
    const flat = patient?.timepoints.map(
      (t) => `${t.id}:${t.source}:${t.exams.map((e) => e.studyInstanceUid).join(',')}`,
    );
    expect(flat).toEqual(expected);
  });

  it('sorts patients by id and is deterministic', () => {
    const instances = [
      study('P2', 'x', '20240101'),
      study('P1', 'y', '20240101'),
      study('P10', 'z', '20240101'),
    ];
    const once = buildCatalog(instances);
    expect(once.patients.map((p) => p.patientId)).toEqual(['P1', 'P10', 'P2']);
    expect(buildCatalog(instances)).toEqual(once);
  });
});

describe('multi-frame instances', () => {
  it.each([
    ['wadouri:http://x/a.dcm', 2, 'wadouri:http://x/a.dcm?frame=2'],
    ['dicomfile:7', 3, 'dicomfile:7?frame=3'],
    ['wadouri:http://x/a?b=1', 2, 'wadouri:http://x/a?b=1&frame=2'],
    [
      'wadors:http://x/studies/1/series/2/instances/3/frames/1',
      4,
      'wadors:http://x/studies/1/series/2/instances/3/frames/4',
    ],
  ])('frameImageId(%s, %d) = %s', (source, frame, expected) => {
    expect(frameImageId(source, frame)).toBe(expected);
  });

  it('gives every frame its own entry, in frame order, and drops none', () => {
    const multi = makeInstance({ sopInstanceUid: 'M', numberOfFrames: 3 }, 'dicomfile:1');
    const single = makeInstance({ sopInstanceUid: 'S', seriesInstanceUid: 'other' }, 'dicomfile:2');
    const catalog = buildCatalog([multi, single]);
    const series = catalog.patients[0]?.timepoints[0]?.exams[0]?.series ?? [];
    const multiSeries = series.find((s) =>
      s.instances.some((i) => i.header.sopInstanceUid === 'M'),
    );
    expect(multiSeries?.instances.map((i) => [i.source, i.frame])).toEqual([
      ['dicomfile:1?frame=1', 1],
      ['dicomfile:1?frame=2', 2],
      ['dicomfile:1?frame=3', 3],
    ]);
    expect(catalog.problems).toEqual([]);
  });
});
