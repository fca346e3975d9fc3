import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../src/dicom/header.ts';
import {
  classifySeries,
  roleKey,
  roleLabel,
  roleRank,
  type SeriesRole,
} from '../../src/dicom/roles.ts';
import { makeHeader } from './fixtures.ts';

type H = Partial<InstanceHeader>;
const ct = (h: H): H => ({ modality: 'CT', ...h });
const mr = (h: H): H => ({ modality: 'MR', ...h });

describe('classifySeries: CT phase', () => {
  it.each<[string, H, SeriesRole['kind'], string]>([
    ['no agent, no words', ct({}), 'CT', 'non-contrast'],
    ['agent NONE', ct({ contrastBolusAgent: 'NONE' }), 'CT', 'non-contrast'],
    [
      'agent, 30 s',
      ct({
        contrastBolusAgent: 'Iomeron',
        contrastBolusStartTime: '100000',
        acquisitionTime: '100030',
      }),
      'CT',
      'arterial',
    ],
    [
      'agent, 44.9 s',
      ct({
        contrastBolusAgent: 'Iomeron',
        contrastBolusStartTime: '100000',
        acquisitionTime: '100044.9',
      }),
      'CT',
      'arterial',
    ],
    [
      'agent, 45 s',
      ct({
        contrastBolusAgent: 'Iomeron',
        contrastBolusStartTime: '100000',
        acquisitionTime: '100045',
      }),
      'CT',
      'portal-venous',
    ],
    [
      'agent, 70 s',
      ct({
        contrastBolusAgent: 'Iomeron',
        contrastBolusStartTime: '100000',
        acquisitionTime: '100110',
      }),
      'CT',
      'portal-venous',
    ],
    [
      'agent, 120 s',
      ct({
        contrastBolusAgent: 'Iomeron',
        contrastBolusStartTime: '100000',
        acquisitionTime: '100200',
      }),
      'CT',
      'portal-venous',
    ],
    [
      'agent, 180 s',
      ct({
        contrastBolusAgent: 'Iomeron',
        contrastBolusStartTime: '100000',
        acquisitionTime: '100300',
      }),
      'CT',
      'delayed',
    ],
    [
      'agent, before injection',
      ct({
        contrastBolusAgent: 'Iomeron',
        contrastBolusStartTime: '100000',
        acquisitionTime: '095900',
      }),
      'CT',
      'non-contrast',
    ],
    [
      'agent, series time used when no acquisition time',
      ct({ contrastBolusAgent: 'Iomeron', contrastBolusStartTime: '100000', seriesTime: '100110' }),
      'CT',
      'portal-venous',
    ],
    [
      'timing beats description',
      ct({
        contrastBolusAgent: 'Iomeron',
        contrastBolusStartTime: '100000',
        acquisitionTime: '100030',
        seriesDescription: 'PORTAL',
      }),
      'CT',
      'arterial',
    ],
    [
      'agent, no timing, words PV',
      ct({ contrastBolusAgent: 'Iomeron', seriesDescription: 'Abdomen PV 3mm' }),
      'CT',
      'portal-venous',
    ],
    ['agent, no timing, no words', ct({ contrastBolusAgent: 'Iomeron' }), 'CT', 'unknown'],
    ['no agent, ARTERIAL', ct({ seriesDescription: 'Liver ARTERIAL 2.0' }), 'CT', 'arterial'],
    ['no agent, ART token', ct({ seriesDescription: 'LIVER_ART_1mm' }), 'CT', 'arterial'],
    ['no agent, PORTAL', ct({ seriesDescription: 'Portal venous 5mm' }), 'CT', 'portal-venous'],
    ['no agent, DELAY', ct({ seriesDescription: 'DELAY 3 min' }), 'CT', 'delayed'],
    ['no agent, NATIVE', ct({ seriesDescription: 'NATIVE 5mm' }), 'CT', 'non-contrast'],
    ['no agent, NON-CON', ct({ seriesDescription: 'NON-CON liver' }), 'CT', 'non-contrast'],
    ['no agent, says contrast', ct({ seriesDescription: 'ABD C+ 5mm' }), 'CT', 'unknown'],
    [
      'PARTIAL does not mean arterial',
      ct({ seriesDescription: 'PARTIAL VOLUME' }),
      'CT',
      'non-contrast',
    ],
  ])('%s', (_name, header, kind, phase) => {
    const role = classifySeries([makeHeader(header)]);
    expect(role).toEqual({ kind, phase });
  });
});

describe('classifySeries: MR roles', () => {
  it.each<[string, H[], SeriesRole]>([
    [
      'ImageType ADC',
      [
        mr({
          imageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC'],
          seriesDescription: 'ep2d_diff',
        }),
      ],
      { kind: 'ADC' },
    ],
    [
      'ADC beats b-values',
      [mr({ imageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC'], bValue: 800 })],
      { kind: 'ADC' },
    ],
    ['description ADC', [mr({ seriesDescription: 'ep2d_diff_b50_800_ADC' })], { kind: 'ADC' }],
    [
      'description apparent diffusion',
      [mr({ seriesDescription: 'Apparent Diffusion Coefficient (mm2/s)' })],
      { kind: 'ADC' },
    ],
    [
      'Philips ISOTROPIC without b',
      [
        mr({
          manufacturer: 'Philips Medical Systems',
          diffusionDirectionality: 'ISOTROPIC',
          seriesDescription: 'DWI',
        }),
      ],
      { kind: 'ADC' },
    ],
    [
      'Philips ISOTROPIC derived',
      [
        mr({
          manufacturer: 'Philips',
          diffusionDirectionality: 'ISOTROPIC',
          imageType: ['DERIVED', 'PRIMARY'],
          bValue: 1000,
        }),
      ],
      { kind: 'ADC' },
    ],
    [
      'Philips ISOTROPIC trace with b is DWI',
      [mr({ manufacturer: 'Philips', diffusionDirectionality: 'ISOTROPIC', bValue: 800 })],
      { kind: 'DWI', bValue: 800 },
    ],
    [
      'ISOTROPIC from another vendor is DWI',
      [mr({ manufacturer: 'SIEMENS', diffusionDirectionality: 'ISOTROPIC', bValue: 800 })],
      { kind: 'DWI', bValue: 800 },
    ],
    ['b-value tag', [mr({ bValue: 800 })], { kind: 'DWI', bValue: 800 }],
    ['b=0', [mr({ bValue: 0 })], { kind: 'DWI', bValue: 0 }],
    [
      'mixed b-values: b unknown',
      [mr({ bValue: 50 }), mr({ bValue: 800 })],
      { kind: 'DWI', bValue: undefined },
    ],
    [
      'description DWI',
      [mr({ seriesDescription: 'DWI liver' })],
      { kind: 'DWI', bValue: undefined },
    ],
    [
      'description ep2d_diff',
      [mr({ seriesDescription: 'ep2d_diff_b50_800_tra' })],
      { kind: 'DWI', bValue: undefined },
    ],
    [
      'description diffusion',
      [mr({ seriesDescription: 'Diffusion 3 scan' })],
      { kind: 'DWI', bValue: undefined },
    ],
    ['T2 HASTE', [mr({ seriesDescription: 't2_haste_tra_mbh' })], { kind: 'T2' }],
    ['T2W SPAIR', [mr({ seriesDescription: 'T2W_SPAIR' })], { kind: 'T2' }],
    ['TSE', [mr({ seriesDescription: 'tse_tra_fs' })], { kind: 'T2' }],
    ['T1 VIBE plain', [mr({ seriesDescription: 't1_vibe_fs_tra' })], { kind: 'T1' }],
    ['T1 in/opposed', [mr({ seriesDescription: 't1_fl2d_opp-in_tra' })], { kind: 'T1' }],
    ['Dixon', [mr({ seriesDescription: 'DIXON W' })], { kind: 'T1' }],
    ['TE >= 60 ms', [mr({ echoTime: 90, repetitionTime: 2000 })], { kind: 'T2' }],
    ['TR < 800, TE < 30', [mr({ echoTime: 2.4, repetitionTime: 5 })], { kind: 'T1' }],
    ['TE 40, TR 3000', [mr({ echoTime: 40, repetitionTime: 3000 })], { kind: 'other' }],
    ['nothing known', [mr({})], { kind: 'other' }],
    ['PET', [makeHeader({ modality: 'PT' })], { kind: 'other' }],
  ])('%s', (_name, headers, expected) => {
    expect(classifySeries(headers.map((h) => makeHeader(h)))).toEqual(expected);
  });

  it('returns other for no headers', () => {
    expect(classifySeries([])).toEqual({ kind: 'other' });
  });
});

describe('roleLabel, roleKey, roleRank', () => {
  it.each<[SeriesRole, string, string]>([
    [{ kind: 'CT', phase: 'non-contrast' }, 'CT non-contrast', 'CT_NONCONTRAST'],
    [{ kind: 'CT', phase: 'arterial' }, 'CT arterial', 'CT_ARTERIAL'],
    [{ kind: 'CT', phase: 'portal-venous' }, 'CT portal venous', 'CT_PORTAL'],
    [{ kind: 'CT', phase: 'delayed' }, 'CT delayed', 'CT_DELAYED'],
    [{ kind: 'CT', phase: 'unknown' }, 'CT (phase unknown)', 'CT_UNKNOWN'],
    [{ kind: 'DWI', bValue: 800 }, 'DWI b=800', 'DWI_800'],
    [{ kind: 'DWI', bValue: undefined }, 'DWI (b unknown)', 'DWI_UNKNOWN'],
    [{ kind: 'ADC' }, 'ADC map', 'ADC'],
    [{ kind: 'T2' }, 'T2-weighted', 'T2'],
    [{ kind: 'T1' }, 'T1-weighted', 'T1'],
    [{ kind: 'EOB', phase: 'pre' }, 'EOB pre-contrast', 'EOB_PRE'],
    [{ kind: 'EOB', phase: 'arterial' }, 'EOB arterial', 'EOB_ARTERIAL'],
    [{ kind: 'EOB', phase: 'portal' }, 'EOB portal venous', 'EOB_PORTAL'],
    [{ kind: 'EOB', phase: 'transitional' }, 'EOB transitional', 'EOB_TRANSITIONAL'],
    [{ kind: 'EOB', phase: 'hbp' }, 'EOB hepatobiliary (HBP)', 'EOB_HBP'],
    [{ kind: 'other' }, 'Other', 'OTHER'],
  ])('%j', (role, label, key) => {
    expect(roleLabel(role)).toBe(label);
    expect(roleKey(role)).toBe(key);
  });

  it('ranks CT, DWI by b, ADC, T2, T1, EOB pre..hbp, other', () => {
    const roles: SeriesRole[] = [
      { kind: 'other' },
      { kind: 'EOB', phase: 'hbp' },
      { kind: 'EOB', phase: 'pre' },
      { kind: 'T1' },
      { kind: 'T2' },
      { kind: 'ADC' },
      { kind: 'DWI', bValue: 800 },
      { kind: 'DWI', bValue: 50 },
      { kind: 'CT', phase: 'portal-venous' },
      { kind: 'CT', phase: 'non-contrast' },
    ];
    const sorted = [...roles].sort((a, b) => {
      const [ra, sa] = roleRank(a);
      const [rb, sb] = roleRank(b);
      return ra - rb || sa - sb;
    });
    expect(sorted.map(roleKey)).toEqual([
      'CT_NONCONTRAST',
      'CT_PORTAL',
      'DWI_50',
      'DWI_800',
      'ADC',
      'T2',
      'T1',
      'EOB_PRE',
      'EOB_HBP',
      'OTHER',
    ]);
  });
});
