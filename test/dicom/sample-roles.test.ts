/**
 * Every series of the bundled sample lands in the role and timepoint that ground-truth.json names,
 * through the same header parsing and cataloguing the app runs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseInstanceHeader } from '../../src/dicom/header';
import { buildCatalog, dwiAcquisitions, type CatalogInstance } from '../../src/dicom/catalog';
import { roleKey } from '../../src/dicom/roles';

const sampleDir = resolve(import.meta.dirname, '../../sample-dicom');

interface TruthSeries {
  role: string;
  seriesInstanceUid: string;
  bValues?: number[];
}
interface Truth {
  patients: {
    patientId: string;
    timepoints: {
      timepoint: string;
      exams: { kind: string; studyInstanceUid: string; series: TruthSeries[] }[];
    }[];
  }[];
}

const truth = JSON.parse(readFileSync(join(sampleDir, 'ground-truth.json'), 'utf8')) as Truth;
const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as {
  files: string[];
};
const instances: CatalogInstance[] = manifest.files.map((file) => ({
  source: file,
  header: parseInstanceHeader(new Uint8Array(readFileSync(join(sampleDir, file)))),
}));
const catalog = buildCatalog(instances);

/** Expected [patient, timepoint, study, series key, role key] rows; DWI expands per b-value. */
const expected = truth.patients.flatMap((patient) =>
  patient.timepoints.flatMap((timepoint) =>
    timepoint.exams.flatMap((exam) =>
      exam.series.flatMap((series) =>
        series.bValues
          ? series.bValues.map((b) => [
              patient.patientId,
              timepoint.timepoint,
              exam.studyInstanceUid,
              `${series.seriesInstanceUid}:b${b}`,
              `DWI_${b}`,
            ])
          : [
              [
                patient.patientId,
                timepoint.timepoint,
                exam.studyInstanceUid,
                series.seriesInstanceUid,
                series.role,
              ],
            ],
      ),
    ),
  ),
);

const actual = catalog.patients.flatMap((patient) =>
  patient.timepoints.flatMap((timepoint) =>
    timepoint.exams.flatMap((exam) =>
      exam.series.map((series) => [
        patient.patientId,
        timepoint.id,
        exam.studyInstanceUid,
        series.key,
        roleKey(series.role),
      ]),
    ),
  ),
);

describe('the sample catalogue matches ground-truth.json', () => {
  it('loads every file without a problem', () => {
    expect(catalog.problems).toEqual([]);
  });

  it.each(expected)('%s %s %s series %s is %s', (...row) => {
    expect(actual).toContainEqual(row);
  });

  it('has no series that ground truth does not name', () => {
    expect(actual).toHaveLength(expected.length);
  });
});

/** Each MR exam's b-values by study UID, over every DWI series ground truth lists for it. */
const dwiExams = truth.patients.flatMap((patient) =>
  patient.timepoints.flatMap((timepoint) =>
    timepoint.exams
      .filter((exam) => exam.series.some((series) => series.bValues))
      .map((exam) => ({
        patientId: patient.patientId,
        studyInstanceUid: exam.studyInstanceUid,
        dwiSeries: exam.series.filter((series) => series.bValues).length,
        bValues: exam.series.flatMap((series) => series.bValues ?? []).sort((a, b) => a - b),
      })),
  ),
);

describe('each sample DWI exam is one acquisition, however it was sent', () => {
  it('covers an exam sent as one series per b-value', () => {
    expect(dwiExams.some((exam) => exam.dwiSeries > 1)).toBe(true);
  });

  it.each(dwiExams)(
    '$patientId $studyInstanceUid: one DWI acquisition with b=$bValues',
    ({ studyInstanceUid, bValues }) => {
      const exam = catalog.patients
        .flatMap((patient) => patient.timepoints.flatMap((timepoint) => timepoint.exams))
        .find((candidate) => candidate.studyInstanceUid === studyInstanceUid);
      const dwi = (exam?.series ?? []).filter((series) => series.role.kind === 'DWI');
      const groups = dwiAcquisitions(dwi);
      expect(groups).toHaveLength(1);
      const shown = groups[0]!.map((stack) =>
        stack.role.kind === 'DWI' ? (stack.role.bValue ?? -1) : -1,
      );
      expect(shown.sort((a, b) => a - b)).toEqual(bValues);
    },
  );
});
