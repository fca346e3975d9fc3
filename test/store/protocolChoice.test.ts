import { describe, expect, it } from 'vitest';
import type { CatalogPatient } from '../../src/dicom/catalog.ts';
import { protocolChoices, studyKeyOf } from '../../src/store/protocolChoice.ts';

const patient = (id: string, ...uids: string[]): CatalogPatient => ({
  patientId: id,
  patientName: '',
  timepoints: uids.map((uid, i) => ({
    id: i === 0 ? 'baseline' : 'preop',
    source: 'date-order',
    exams: [
      { studyInstanceUid: uid, studyDate: '', studyDescription: '', modalities: [], series: [] },
    ],
  })),
});

describe('studyKeyOf', () => {
  it('names the patient and its studies, whatever their order', () => {
    expect(studyKeyOf(patient('P', '1.2', '1.10'))).toBe('P|1.10,1.2');
    expect(studyKeyOf(patient('P', '1.10', '1.2'))).toBe(studyKeyOf(patient('P', '1.2', '1.10')));
    expect(studyKeyOf(patient('P', '1.2'))).not.toBe(studyKeyOf(patient('P', '1.2', '1.10')));
    expect(studyKeyOf(patient('Q', '1.2'))).not.toBe(studyKeyOf(patient('P', '1.2')));
  });
});

describe('protocolChoices', () => {
  it('keeps a protocol per study key', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    } as Storage;
    const choices = protocolChoices(() => storage);
    expect(choices.load('P|1')).toBeUndefined();
    choices.save('P|1', 'ct');
    choices.save('P|2', 'mr');
    expect(choices.load('P|1')).toBe('ct');
    expect(choices.load('P|2')).toBe('mr');
  });

  it('shrugs off a storage that fails (private mode, quota)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    } as unknown as Storage;
    const choices = protocolChoices(() => broken);
    expect(() => choices.save('P|1', 'ct')).not.toThrow();
    expect(choices.load('P|1')).toBeUndefined();
  });
});
