/** English UI text of the DICOMweb panel: server, search, retrieve (src/ui/DicomWebPanel.tsx). */
export const dicomwebEn = {
  timeout: 'Time limit per request (s)',
  retry: 'Retry',
  openFailed: 'The studies could not be opened (see the message above).',
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
    timeout: 'The DICOMweb server at {{url}} did not answer within {{seconds}} s.',
    network:
      'Could not reach the DICOMweb server at {{url}} (server down, wrong address, or no CORS).',
    unauthorized:
      'The DICOMweb server refused access (HTTP {{status}}) at {{url}}: check the token.',
    'not-found': 'Not found (HTTP 404) at {{url}}: is the server URL the DICOMweb root?',
    http: 'The DICOMweb server failed (HTTP {{status}}) at {{url}}.',
    'not-dicomweb': 'No DICOMweb answer at {{url}}: is the server URL right?',
  },
} as const;
