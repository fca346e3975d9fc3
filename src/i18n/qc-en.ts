/** English text of the acquisition QC of exams (series tree badge, lesion panel notice). */
export const qcEn = {
  badge: 'QC',
  ok: 'QC passed',
  problems_one: 'QC: {{count}} finding',
  problems_other: 'QC: {{count}} findings',
  notEvaluableBadge: 'Not evaluable',
  details: 'Acquisition QC of this exam',
  none: 'Nothing to check in this exam.',
  level: {
    pass: 'passed',
    warn: 'warning',
    fail: 'failed',
    unknown: 'unknown',
  },
  finding: {
    hbpFail:
      "HBP {{minutes}} min after injection — under the study's minimum {{min}} min ({{rec}} recommended)",
    hbpWarn: 'HBP {{minutes}} min after injection — under the recommended {{rec}} min',
    hbpPass: 'HBP {{minutes}} min after injection',
    hbpMissing: 'EOB MRI without a hepatobiliary phase',
    hbpUnknown: 'HBP delay unknown: no contrast start time and no dynamic series times',
    dwiPass: 'DWI with {{count}} b-values',
    dwiFail:
      'DWI with {{count}} b-values — the study needs {{need}}, one of them at least {{high}} s/mm²',
    dwiMissing: 'No DWI series',
    adcPass: 'ADC map present or computable',
    adcFail: 'No ADC map, and too few DWI b-values to compute one',
    thickness: '{{series}}: slices {{value}} mm thick (maximum {{max}} mm)',
    missing: '{{series}}: about {{value}} missing slices',
    duplicated: '{{series}}: {{value}} duplicated slice positions',
    agent: '{{series}}: post-contrast series without a contrast agent in its header',
  },
  markLabel: 'Why this exam is not evaluable',
  mark: 'Mark not evaluable',
  clear: 'Evaluable again',
  marked: 'Not evaluable: {{reason}}',
  markedGroups: 'Calls on {{groups}} at {{timepoint}} count as not evaluable.',
  notice:
    'An exam at {{timepoint}} is marked not evaluable ({{reason}}): its {{groups}} calls count as not evaluable.',
  reasonRequired: 'A reason is required.',
  signedNote: 'The read is signed: amend it to change this.',
} as const;
