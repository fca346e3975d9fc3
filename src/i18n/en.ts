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
  role: {
    CT: 'CT {{phase}}',
    DWI: 'DWI b={{b}}',
    ADC: 'ADC map',
    T1: 'T1-weighted',
    T2: 'T2-weighted',
    EOB: 'EOB {{phase}}',
    other: 'Other',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
