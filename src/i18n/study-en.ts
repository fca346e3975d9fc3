/** English text of the study file, the worklists and the roster's words (docs/campaign.md). */
export const studyEn = {
  open: 'Open study file…',
  loaded: 'Study {{id}} ({{source}})',
  close: 'Close study',
  loading: 'Loading the study…',
  refused: 'Study file {{source}} not loaded ({{count}} problems):',
  wholeFile: '(whole file)',
  worklist: {
    heading: 'Worklist: {{name}} ({{id}})',
    progress: '{{signed}} of {{total}} signed',
    next: 'Open the next case',
    nextKey: 'Key {{key}} opens the next unsigned case.',
    allSigned: 'All your cases are signed.',
    position: 'No.',
    patient: 'Patient',
    state: 'State',
    open: 'Open',
    notInStudy: '{{id}} is not a reader of study {{study}}: no worklist.',
    noCases: 'No cases in this study for {{id}}.',
  },
  adjudication: {
    heading: 'Adjudication: {{name}} ({{id}})',
    summary:
      '{{discordant}} discordant of {{total}} cases; {{waiting}} waiting for two signed reads (reads in this browser).',
    discordances: '{{count}} discordances',
    none: 'No case to adjudicate yet.',
    hint: 'Adjudicate in Central review.',
  },
  signer: {
    registered: 'signed by {{name}}, registered key',
    registeredWebAuthn: 'signed by {{name}}, registered key (WebAuthn, user verified)',
    'not-signed': 'the read is not signed',
    'no-key': 'signed without a key, so the signer cannot be checked against the study roster',
    'not-verified': 'the key signature was not verified',
    'unknown-key':
      'unknown key: no reader of the study registered this key (signed as {{signerId}}, {{signerName}})',
    'roster-mismatch':
      'roster mismatch: the key is registered to {{readerId}} ({{name}}), but the read is signed as {{signerId}} ({{signerName}})',
  },
  sign: {
    loading: 'the read is still loading',
    gaps: '{{count}} missing before signing; sign anyway with a reason',
    failed: 'signing failed: {{message}}',
  },
};
