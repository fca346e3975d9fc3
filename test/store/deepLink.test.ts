import { describe, expect, it } from 'vitest';
import {
  formatDeepLink,
  isLinkableServerUrl,
  linkedServerSettings,
  parseDeepLink,
  patientOfStudies,
  samePlace,
  type DeepLink,
  type ReadingPlace,
} from '../../src/store/deepLink.ts';

const UID1 = '1.2.826.0.1.3680043.8.498.1';
const UID2 = '1.2.826.0.1.3680043.8.498.2';

describe('parseDeepLink', () => {
  it.each<[string, string, DeepLink]>([
    ['nothing', '', {}],
    ['other parameters only', '?lang=ja&sample=off', {}],
    ['a patient', '?patient=DREAM-001', { place: { patientId: 'DREAM-001' } }],
    [
      'patient, timepoint and lesion',
      '?patient=DREAM-001&timepoint=preop&lesion=L2',
      { place: { patientId: 'DREAM-001', timepoint: 'preop', lesionId: 'L2' } },
    ],
    [
      'a follow-up timepoint',
      '?patient=P&timepoint=followup-2',
      { place: { patientId: 'P', timepoint: 'followup-2' } },
    ],
    ['an encoded patient id', '?patient=A%20B%2F1', { place: { patientId: 'A B/1' } }],
    ['a bad timepoint is left out', '?patient=P&timepoint=later', { place: { patientId: 'P' } }],
    ['a bad lesion is left out', '?patient=P&lesion=L0', { place: { patientId: 'P' } }],
    ['a lesion that is not an id', '?patient=P&lesion=L2x', { place: { patientId: 'P' } }],
    ['timepoint and lesion without a patient', '?timepoint=preop&lesion=L1', {}],
    ['an empty patient', '?patient=%20', {}],
    [
      'DICOMweb studies, comma-separated',
      `?dicomweb=${encodeURIComponent('http://pacs:8042/dicom-web')}&StudyInstanceUIDs=${UID1},${UID2}`,
      { dicomweb: { url: 'http://pacs:8042/dicom-web', studyInstanceUids: [UID1, UID2] } },
    ],
    [
      'DICOMweb studies, repeated and duplicated',
      `?dicomweb=/dicom-web&StudyInstanceUIDs=${UID1}&StudyInstanceUIDs=${UID2}%2C${UID1}`,
      { dicomweb: { url: '/dicom-web', studyInstanceUids: [UID1, UID2] } },
    ],
    [
      'bad UIDs are dropped',
      `?dicomweb=/dicom-web&StudyInstanceUIDs=abc,1..2,${UID1},01.2`,
      { dicomweb: { url: '/dicom-web', studyInstanceUids: [UID1] } },
    ],
    ['no valid UID', '?dicomweb=/dicom-web&StudyInstanceUIDs=abc', {}],
    ['UIDs without a server', `?StudyInstanceUIDs=${UID1}`, {}],
    [
      'a server with credentials is refused',
      `?dicomweb=${encodeURIComponent('https://user:secret@pacs/dicom-web')}&StudyInstanceUIDs=${UID1}`,
      {},
    ],
    [
      'a server with a query (a token?) is refused',
      `?dicomweb=${encodeURIComponent('https://pacs/dicom-web?access_token=x')}&StudyInstanceUIDs=${UID1}`,
      {},
    ],
    [
      'studies and the patient to open',
      `?dicomweb=/dicom-web&StudyInstanceUIDs=${UID1}&patient=DREAM-002`,
      {
        place: { patientId: 'DREAM-002' },
        dicomweb: { url: '/dicom-web', studyInstanceUids: [UID1] },
      },
    ],
  ])('%s', (_name, search, expected) => {
    expect(parseDeepLink(search)).toEqual(expected);
  });
});

describe('isLinkableServerUrl', () => {
  it.each<[string, boolean]>([
    ['https://pacs.example/dicom-web', true],
    ['http://127.0.0.1:8042/dicom-web/', true],
    ['/dicom-web', true],
    ['', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['https://u@pacs/dicom-web', false],
    ['https://pacs/dicom-web#t', false],
    ['http://[bad', false],
  ])('%s -> %s', (url, expected) => {
    expect(isLinkableServerUrl(url)).toBe(expected);
  });
});

describe('formatDeepLink', () => {
  const place: ReadingPlace = { patientId: 'DREAM-001', timepoint: 'preop', lesionId: 'L2' };
  it.each<[string, string, ReadingPlace | undefined, string]>([
    ['a place on an empty query', '', place, '?patient=DREAM-001&timepoint=preop&lesion=L2'],
    [
      'other parameters are kept',
      '?lang=ja',
      place,
      '?lang=ja&patient=DREAM-001&timepoint=preop&lesion=L2',
    ],
    ['a patient only', '?lesion=L3&timepoint=baseline', { patientId: 'P' }, '?patient=P'],
    ['the list: place parameters go', '?lang=ja&patient=P&lesion=L1', undefined, '?lang=ja'],
    ['the list: nothing left', '?patient=P', undefined, ''],
    [
      'the list: DICOMweb parameters go',
      `?dicomweb=%2Fdicom-web&StudyInstanceUIDs=${UID1},${UID2}&patient=P`,
      undefined,
      '',
    ],
    [
      'a patient of linked studies: they stay',
      `?dicomweb=%2Fdicom-web&StudyInstanceUIDs=${UID1},${UID2}`,
      { patientId: 'P' },
      `?dicomweb=%2Fdicom-web&StudyInstanceUIDs=${UID1},${UID2}&patient=P`,
    ],
    ['an id that needs encoding', '', { patientId: 'A B&C' }, '?patient=A+B%26C'],
  ])('%s', (_name, search, at, expected) => {
    expect(formatDeepLink(search, at)).toBe(expected);
  });

  it.each<ReadingPlace>([
    { patientId: 'DREAM-001' },
    { patientId: 'P 1/2', timepoint: 'followup-3', lesionId: 'L12' },
    place,
  ])('round-trips %j', (at) => {
    expect(parseDeepLink(formatDeepLink('?lang=en', at)).place).toEqual(at);
  });
});

describe('samePlace', () => {
  it.each<[ReadingPlace | undefined, ReadingPlace | undefined, boolean]>([
    [undefined, undefined, true],
    [{ patientId: 'P' }, { patientId: 'P' }, true],
    [{ patientId: 'P' }, undefined, false],
    [{ patientId: 'P', lesionId: 'L1' }, { patientId: 'P', lesionId: 'L2' }, false],
    [{ patientId: 'P', timepoint: 'preop' }, { patientId: 'P' }, false],
  ])('%j %j', (a, b, expected) => {
    expect(samePlace(a, b)).toBe(expected);
  });
});

describe('linkedServerSettings', () => {
  const root = (url: string) => new URL(url, 'http://app.test/').href.replace(/\/+$/, '');
  const saved = { url: 'http://app.test/dicom-web', token: 'secret', timeoutSeconds: 10 };
  it.each<[string, string, ReturnType<typeof linkedServerSettings>]>([
    [
      'the saved server: its token',
      '/dicom-web/',
      { url: '/dicom-web/', token: 'secret', timeoutSeconds: 10 },
    ],
    [
      'another server: no token',
      'https://elsewhere/dicom-web',
      { url: 'https://elsewhere/dicom-web', timeoutSeconds: 10 },
    ],
  ])('%s', (_name, link, expected) => {
    expect(linkedServerSettings(link, saved, root)).toEqual(expected);
  });

  it('no saved token: none sent', () => {
    expect(linkedServerSettings('/dicom-web', { url: '/dicom-web' }, root)).toEqual({
      url: '/dicom-web',
    });
  });
});

describe('patientOfStudies', () => {
  const patients = [
    { patientId: 'A', timepoints: [{ exams: [{ studyInstanceUid: UID1 }] }] },
    { patientId: 'B', timepoints: [{ exams: [] }, { exams: [{ studyInstanceUid: UID2 }] }] },
  ];
  it.each<[string[], string | undefined]>([
    [[UID2], 'B'],
    [[UID1, UID2], 'A'],
    [['9.9', UID2], 'B'],
    [['9.9'], undefined],
    [[], undefined],
  ])('%j -> %s', (uids, expected) => {
    expect(patientOfStudies(patients, uids)).toBe(expected);
  });
});
