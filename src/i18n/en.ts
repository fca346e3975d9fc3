/** English UI text. Every key here must exist in ja.ts too (the type checks it). */
export const en = {
  app: {
    title: 'DREAM Reader',
    subtitle: 'Disappearing liver metastases review',
    language: 'Language',
  },
  library: {
    heading: 'Patients',
    loading: 'Reading {{read}} of {{total}} files',
    problems: '{{count}} problems',
    error: 'Could not load: {{message}}',
    reading: 'Reading files',
    cancel: 'Cancel',
    empty: 'No patients found.',
    timepoints: 'Timepoints',
    series: '{{count}} series',
    noPatientId: '(no patient id)',
    open: 'Open',
  },
  patient: {
    back: 'Patients',
    heading: 'Patient {{id}}',
    timepoint: {
      baseline: 'Baseline',
      preop: 'Pre-op',
      followup: 'Follow-up {{n}}',
    },
    images: '{{count}} images',
    slice: 'Slice {{index}} / {{count}}',
    loadingImage: 'Loading…',
    imageError: 'Image not shown: {{message}}',
  },
  tree: {
    label: 'Series',
    examTimepoint: 'Timepoint of the exam of {{date}}',
    seriesRole: 'Role of series {{description}}',
    automatic: 'Back to automatic',
    source: {
      'trial-tag': 'from the trial tag',
      'date-order': 'by study date',
      reader: 'set by the reader',
    },
  },
  files: {
    heading: 'Local files',
    openFiles: 'Open files…',
    openFolder: 'Open folder…',
    dropHint: 'or drop DICOM files, folders or ZIP archives anywhere on this window',
    dropHere: 'Drop to open',
    summary:
      '{{files}} files read: {{instances}} DICOM objects, {{problems}} unreadable, {{dicomdirs}} DICOMDIR skipped',
    cancelled: 'Loading cancelled.',
  },
  role: {
    CT: 'CT {{phase}}',
    DWI: 'DWI b={{b}}',
    ADC: 'ADC map',
    T1: 'T1-weighted',
    T2: 'T2-weighted',
    EOB: 'EOB {{phase}}',
    other: 'Other',
  },
  dicomweb: {
    heading: 'DICOMweb server',
    url: 'Server URL',
    token: 'Access token (optional)',
    patientId: 'Patient ID',
    patientName: 'Patient name',
    studyDate: 'Study date (YYYYMMDD)',
    search: 'Search',
    searching: 'Searching…',
    results: 'Studies found',
    noResults: 'No studies match.',
    columns: {
      patientId: 'Patient ID',
      patientName: 'Name',
      studyDate: 'Date',
      description: 'Description',
      modalities: 'Modalities',
      series: 'Series',
    },
    open: 'Open',
    openAll: 'Open all',
    error: {
      network:
        'Could not reach the DICOMweb server at {{url}} (server down, wrong address, or no CORS).',
      unauthorized:
        'The DICOMweb server refused access (HTTP {{status}}) at {{url}}: check the token.',
      'not-found': 'Not found (HTTP 404) at {{url}}: is the server URL the DICOMweb root?',
      http: 'The DICOMweb server failed (HTTP {{status}}) at {{url}}.',
      'not-dicomweb': 'No DICOMweb answer at {{url}}: is the server URL right?',
    },
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
