/** English UI text of storing reads in a PACS and loading them back (src/ui/StoreInPacs.tsx). */
export const pacsEn = {
  store: {
    button: 'Store in PACS',
    titleReady: 'Store this signed read as a DICOM SR on {{server}}, beside the images',
    titleNotSigned: 'Sign the read first: only a signed read is stored in the PACS',
    titleNoServer:
      'This patient’s images did not come from a DICOMweb server: open the study from the PACS to store the read there',
    storing: 'Storing the SR of version {{version}} in the PACS…',
    retrying: 'Storing the SR of version {{version}} in the PACS… (attempt {{attempt}})',
    stored: 'Stored in the PACS: version {{version}}, SOP Instance UID {{uid}}',
    versions: 'Versions in the PACS: {{versions}}',
    serverSaid: 'The server said: {{detail}}',
    dismiss: 'Dismiss',
    error: {
      'not-signed': 'Not stored: only a signed read is stored in the PACS.',
      conflict:
        'Not stored: the PACS refused the SR as conflicting with what it holds (HTTP {{status}}).',
      unauthorized: 'Not stored: the PACS refused access (HTTP {{status}}): check the token.',
      refused: 'Not stored: the PACS refused the SR (HTTP {{status}}).',
      unavailable: 'Not stored: the PACS failed (HTTP {{status}}), also after retrying.',
      timeout: 'Not stored: the PACS at {{server}} did not answer in time, also after retrying.',
      network: 'Not stored: the PACS at {{server}} could not be reached, also after retrying.',
    },
  },
  review: {
    heading: 'From a PACS (DICOMweb)',
    url: 'Server URL',
    patients: 'Patient IDs (optional; spaces or commas between them)',
    load: 'Load reads from the PACS',
    loaded: 'DREAM SRs found in the PACS: {{found}}; loaded: {{loaded}}.',
    failed: 'The reads of the PACS could not be loaded: {{message}}',
    origin: 'PACS (SR {{uid}})',
  },
} as const;
