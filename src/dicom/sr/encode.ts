/**
 * A read version as a DICOM Comprehensive 3D SR, TID 1500 Measurement Report (docs/sr.md), built
 * with dcmjs's low-level dataset writer from the read's own values. The coded content is what
 * other DICOM software reads; the "DREAM read record" TEXT item keeps the rest of the read file
 * (audit trail, signature meaning, configuration, ...) so that an import gives back the very same
 * read, checked against the coded content.
 */
import dcmjs from 'dcmjs';
import { toReadFile, type Read, type Sha256 } from '../../domain/index.ts';
import {
  CONCEPTS,
  DREAM_SCHEME,
  DREAM_SCHEME_IDENTIFICATION,
  SOP_CLASSES,
  VALUES,
} from './codes.ts';
import { codeItem, container, imageItem, personItem, textItem, type Item } from './content.ts';
import { exactNumbers } from './exact.ts';
import { ImageCollector, lesionGroups, type ReferencedImage, type SopClassOf } from './groups.ts';
import { srUids, trackingUid, type SrUids } from './uids.ts';

/** Options of the SR export. */
export interface SrExportOptions {
  readonly sha256: Sha256;
  /** The SOP class of a referenced image; defaults per modality group (groups.ts). */
  readonly sopClassOf?: SopClassOf;
}

/** The identity of the Part 10 files this app writes (Implementation Version Name <= 16). */
export const IMPLEMENTATION_CLASS_UID = '2.25.238288189758435217146900471282129381868';
export const IMPLEMENTATION_VERSION_NAME = 'DREAM_SR_1';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** DICOM DA and TM of a UTC ISO 8601 time. */
export function dicomDateTime(iso: string): { date: string; time: string } {
  const [date = '', rest = ''] = iso.split('T');
  const [hms = '', fraction = ''] = rest.replace(/Z$/, '').split('.');
  const time = hms.replaceAll(':', '') + (fraction === '' ? '' : `.${fraction}`);
  return { date: date.replaceAll('-', ''), time };
}

const dt = (iso: string) => {
  const { date, time } = dicomDateTime(iso);
  return `${date}${time}+0000`;
};

/**
 * The "DREAM read record": the read file's JSON without what the SR codes (the lesions' segment,
 * baseline place and size, assessments) and without the derived statuses, so every other field,
 * including any the schema gains later, travels as is; plus the exact values of the numbers the
 * coded content can only hold approximately (single-precision SCOORD3D coordinates, ADC in
 * another unit). An import uses an exact value only where it encodes to the coded one.
 */
export function readRecord(read: Read): string {
  const { statuses, lesions, ...rest } = toReadFile(read, read.updatedAt);
  void statuses;
  const bare = lesions.map((lesion) => {
    const { segment, baselineLocation, baselineDiameterMm, assessments, ...kept } = lesion;
    void [segment, baselineLocation, baselineDiameterMm, assessments];
    return kept;
  });
  return JSON.stringify({ read: { ...rest, lesions: bare }, exact: exactNumbers(read) });
}

function evidence(images: readonly ReferencedImage[]): Item[] {
  const studies = new Map<string, Map<string, ReferencedImage[]>>();
  for (const image of images) {
    const series = studies.get(image.studyInstanceUid) ?? new Map<string, ReferencedImage[]>();
    studies.set(image.studyInstanceUid, series);
    series.set(image.seriesInstanceUid, [...(series.get(image.seriesInstanceUid) ?? []), image]);
  }
  return [...studies].map(([study, series]) => ({
    StudyInstanceUID: study,
    ReferencedSeriesSequence: [...series].map(([uid, list]) => ({
      SeriesInstanceUID: uid,
      ReferencedSOPSequence: list.map((i) => ({
        ReferencedSOPClassUID: i.sopClassUid,
        ReferencedSOPInstanceUID: i.sopInstanceUid,
      })),
    })),
  }));
}

async function predecessor(read: Read, uids: SrUids, sha256: Sha256): Promise<Item> {
  const previous = read.previousVersion;
  if (previous === undefined) return {};
  // The previous version is a signed record, last changed when it was signed.
  const before = await srUids(read, sha256, {
    version: previous.version,
    versionId: previous.versionId,
    state: 'signed',
    updatedAt: previous.signature.at,
  });
  return {
    PredecessorDocumentsSequence: [
      {
        StudyInstanceUID: uids.study,
        ReferencedSeriesSequence: [
          {
            SeriesInstanceUID: uids.series,
            ReferencedSOPSequence: [
              {
                ReferencedSOPClassUID: SOP_CLASSES.comprehensive3dSr,
                ReferencedSOPInstanceUID: before.sopInstance,
              },
            ],
          },
        ],
      },
    ],
  };
}

function verification(read: Read): Item {
  if (read.state.kind !== 'signed') return { VerificationFlag: 'UNVERIFIED' };
  const signature = read.state.signature;
  return {
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: [
      {
        VerifyingObserverName: [{ Alphabetic: signature.signerName }],
        VerifyingOrganization: 'DREAM',
        VerificationDateTime: dt(signature.at),
        VerifyingObserverIdentificationCodeSequence: [
          {
            CodeValue: signature.signerId,
            CodingSchemeDesignator: DREAM_SCHEME,
            CodeMeaning: signature.signerName.slice(0, 64),
          },
        ],
      },
    ],
  };
}

/** The SR of one read version as a naturalized dcmjs dataset, with its UIDs. */
export async function encodeReadSr(
  read: Read,
  options: SrExportOptions,
): Promise<{ dataset: Item; uids: SrUids }> {
  const { sha256 } = options;
  const uids = await srUids(read, sha256);
  const images = new ImageCollector(options.sopClassOf ?? (() => undefined));
  const groups: Item[] = [];
  for (const lesion of read.lesions) {
    groups.push(...lesionGroups(read, lesion, await trackingUid(read, lesion.id, sha256), images));
  }
  const referenced = [...images.images.values()];
  const root: Item[] = [
    codeItem('HAS CONCEPT MOD', CONCEPTS.language, VALUES.english),
    codeItem('HAS OBS CONTEXT', CONCEPTS.observerType, VALUES.person),
    personItem('HAS OBS CONTEXT', CONCEPTS.personObserverName, read.reader.name),
    textItem('HAS OBS CONTEXT', CONCEPTS.personObserverLogin, read.reader.id),
    codeItem('HAS CONCEPT MOD', CONCEPTS.procedureReported, VALUES.imagingProcedure),
  ];
  if (referenced.length > 0) {
    root.push(
      container('CONTAINS', CONCEPTS.imageLibrary, [
        container(
          'CONTAINS',
          CONCEPTS.imageLibraryGroup,
          referenced.map((image) => imageItem('CONTAINS', undefined, image)),
        ),
      ]),
    );
  }
  root.push(container('CONTAINS', CONCEPTS.imagingMeasurements, groups));
  root.push(textItem('CONTAINS', CONCEPTS.readRecord, readRecord(read)));

  const created = dicomDateTime(read.createdAt);
  const content = dicomDateTime(read.updatedAt);
  const { RelationshipType, ...document } = container('CONTAINS', CONCEPTS.report, root, '1500');
  void RelationshipType;
  const dataset: Item = {
    SpecificCharacterSet: 'ISO_IR 192',
    CodingSchemeIdentificationSequence: [DREAM_SCHEME_IDENTIFICATION],
    SOPClassUID: SOP_CLASSES.comprehensive3dSr,
    SOPInstanceUID: uids.sopInstance,
    InstanceCreationDate: content.date,
    InstanceCreationTime: content.time,
    TimezoneOffsetFromUTC: '+0000',
    PatientName: [{ Alphabetic: read.patientId }],
    PatientID: read.patientId,
    PatientBirthDate: '',
    PatientSex: '',
    StudyInstanceUID: uids.study,
    StudyDate: created.date,
    StudyTime: created.time,
    ReferringPhysicianName: '',
    StudyID: '',
    AccessionNumber: '',
    StudyDescription: 'DREAM reads',
    Modality: 'SR',
    SeriesInstanceUID: uids.series,
    SeriesNumber: 1,
    SeriesDescription: `DREAM read ${read.readId}`.slice(0, 64),
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'DREAM Reader',
    InstanceNumber: read.version,
    ContentDate: content.date,
    ContentTime: content.time,
    CompletionFlag: read.state.kind === 'signed' ? 'COMPLETE' : 'PARTIAL',
    ...verification(read),
    ...(await predecessor(read, uids, sha256)),
    PerformedProcedureCodeSequence: [],
    ...(referenced.length > 0
      ? { CurrentRequestedProcedureEvidenceSequence: evidence(referenced) }
      : {}),
    ...document,
  };
  return { dataset, uids };
}

/** A naturalized dataset as DICOM Part 10 bytes (explicit VR little endian). */
export function writePart10(dataset: Item): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const dict = new DicomDict({
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [str(dataset.SOPClassUID)] },
    '00020003': { vr: 'UI', Value: [str(dataset.SOPInstanceUID)] },
    '00020010': { vr: 'UI', Value: [EXPLICIT_VR_LITTLE_ENDIAN] },
    '00020012': { vr: 'UI', Value: [IMPLEMENTATION_CLASS_UID] },
    '00020013': { vr: 'SH', Value: [IMPLEMENTATION_VERSION_NAME] },
  });
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}

/** The file name of a read version's SR or JSON: read id and version, safe for any file system. */
export function readFileName(readId: string, version: number, extension: string): string {
  return `${readId.replace(/[^A-Za-z0-9._-]/g, '_')}-v${version}.${extension}`;
}

/** One read version as SR Part 10 bytes, with its UIDs and file name. */
export async function exportReadSr(
  read: Read,
  options: SrExportOptions,
): Promise<{ bytes: Uint8Array; uids: SrUids; fileName: string }> {
  const { dataset, uids } = await encodeReadSr(read, options);
  return {
    bytes: writePart10(dataset),
    uids,
    fileName: readFileName(read.readId, read.version, 'dcm'),
  };
}
