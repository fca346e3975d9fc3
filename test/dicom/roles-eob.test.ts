import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../src/dicom/header.ts';
import { classifySeries, type SeriesRole } from '../../src/dicom/roles.ts';
import { makeHeader } from './fixtures.ts';

type H = Partial<InstanceHeader>;
const mr = (h: H): H => ({ modality: 'MR', ...h });
const EOB = 'Gd-EOB-DTPA (Primovist)';

describe('classifySeries: EOB phase', () => {
  const at = (acquisitionTime: string, h: H = {}): H =>
    mr({
      contrastBolusAgent: EOB,
      contrastBolusStartTime: '100000',
      acquisitionTime,
      seriesDescription: 't1_vibe_fs',
      ...h,
    });
  it.each<[string, H, string]>([
    ['before injection', at('095900'), 'pre'],
    ['20 s', at('100020'), 'arterial'],
    ['60 s', at('100100'), 'portal'],
    ['3 min', at('100300'), 'transitional'],
    ['9 min 59 s', at('100959'), 'transitional'],
    ['10 min', at('101000'), 'hbp'],
    ['20 min', at('102000'), 'hbp'],
    [
      'agent Primovist, no timing, words HBP',
      mr({ contrastBolusAgent: 'Primovist', seriesDescription: 'T1 VIBE HBP' }),
      'hbp',
    ],
    [
      'agent gadoxetate, words 20MIN',
      mr({ contrastBolusAgent: 'gadoxetate disodium', seriesDescription: 't1_vibe_20MIN' }),
      'hbp',
    ],
    [
      'agent Eovist, words 5 min',
      mr({ contrastBolusAgent: 'EOVIST', seriesDescription: 'vibe 5 min' }),
      'transitional',
    ],
    [
      'agent EOB, words TRANS',
      mr({ contrastBolusAgent: EOB, seriesDescription: 'vibe trans' }),
      'transitional',
    ],
    [
      'agent EOB, words portal',
      mr({ contrastBolusAgent: EOB, seriesDescription: 'vibe portal' }),
      'portal',
    ],
    [
      'agent EOB, words arterial',
      mr({ contrastBolusAgent: EOB, seriesDescription: 'vibe_art' }),
      'arterial',
    ],
    ['no agent, HEPATOBILIARY', mr({ seriesDescription: 'Hepatobiliary phase' }), 'hbp'],
    ['no agent, T1 with PRE', mr({ seriesDescription: 't1_vibe_pre' }), 'pre'],
    ['no agent, T1 with ART', mr({ seriesDescription: 't1_vibe_art' }), 'arterial'],
    ['no agent, named EOB', mr({ seriesDescription: 'EOB dynamic' }), 'pre'],
  ])('%s', (_name, header, phase) => {
    expect(classifySeries([makeHeader(header)])).toEqual({ kind: 'EOB', phase });
  });

  it.each<[string, H, SeriesRole]>([
    [
      'another agent stays T1',
      mr({ contrastBolusAgent: 'Dotarem', seriesDescription: 't1_vibe_art' }),
      { kind: 'T1' },
    ],
    [
      'EOB agent without timing or words stays T1',
      mr({ contrastBolusAgent: EOB, seriesDescription: 't1_vibe' }),
      { kind: 'T1' },
    ],
    [
      'T2 after EOB stays T2',
      mr({
        contrastBolusAgent: EOB,
        seriesDescription: 't2_haste',
        contrastBolusStartTime: '100000',
        acquisitionTime: '101500',
      }),
      { kind: 'T2' },
    ],
    [
      'TRANSVERSAL is not transitional',
      mr({ seriesDescription: 'T1 TRANSVERSAL' }),
      { kind: 'T1' },
    ],
  ])('%s', (_name, header, expected) => {
    expect(classifySeries([makeHeader(header)])).toEqual(expected);
  });
});
