/**
 * DICOM encoding of one rendered instance with dcmjs (no hand-written writer): a naturalized
 * dataset per instance, denaturalized and written as explicit VR little endian, either with native
 * pixel data or with the frame JPEG-LS lossless coded (CharLS, scripts/sample/jpegls.mjs) and
 * encapsulated as one fragment after a basic offset table.
 */
import dcmjs from 'dcmjs';
import { encodeJpegLs, JPEG_LS_LOSSLESS } from './jpegls.mjs';
import { ADC_SLOPE, CT_INTERCEPT } from './render.mjs';
import { uidFromName } from './random.mjs';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

/** MR manufacturer per b-value tag style (standard-tag DICOM from a Siemens scanner). */
const MR_MANUFACTURER = { standard: 'SIEMENS', siemens: 'SIEMENS', ge: 'GE MEDICAL SYSTEMS' };

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/**
 * A decimal string without binary floating-point noise (DS is at most 16 characters).
 * @param {number} x
 */
export function ds(x) {
  return String(Number(x.toFixed(4)));
}

/** (0012,0051) per timepoint key. */
const TIMEPOINT_DESCRIPTION = {
  baseline: 'Before chemotherapy',
  preop: 'Pre-operative',
  'followup-1': 'Follow-up',
};

/**
 * Patient, clinical trial and de-identification attributes shared by every instance of a patient.
 * The birth date stays empty on purpose: no real-looking birth date in sample data.
 * @param {any} patient
 * @param {string} tp timepoint key
 */
function patientModule(patient, tp) {
  const ds = {
    PatientName: patient.name,
    PatientID: patient.id,
    PatientBirthDate: '',
    PatientSex: patient.sex,
    PatientIdentityRemoved: 'YES',
    DeidentificationMethod: 'Synthetic phantom data, pseudonymous subject id',
  };
  if (!patient.trial) return ds;
  return {
    ...ds,
    ClinicalTrialSponsorName: 'EORTC',
    ClinicalTrialProtocolID: 'EORTC-1527',
    ClinicalTrialProtocolName: 'DREAM',
    ClinicalTrialSiteID: 'SITE-01',
    ClinicalTrialSiteName: 'Synthetic Site',
    ClinicalTrialSubjectID: patient.id,
    ClinicalTrialTimePointID: tp,
    ClinicalTrialTimePointDescription: TIMEPOINT_DESCRIPTION[tp],
    ClinicalTrialCoordinatingCenterName: 'EORTC Headquarters',
  };
}

/**
 * Study, series, equipment, frame of reference and plane geometry of one instance.
 * @param {any} ctx {patient, tp, date, exam, series, instance}
 */
function commonModules(ctx) {
  const { date, exam, series, instance } = ctx;
  const g = series.grid ?? exam.grid;
  const origin = -((g.size - 1) / 2) * g.spacing;
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    SOPClassUID: exam.kind === 'CT' ? CT_IMAGE_STORAGE : MR_IMAGE_STORAGE,
    SOPInstanceUID: instance.uid,
    StudyDate: date,
    SeriesDate: date,
    AcquisitionDate: date,
    ContentDate: date,
    StudyTime: exam.start,
    SeriesTime: series.time,
    AcquisitionTime: series.time,
    ContentTime: series.time,
    AccessionNumber: exam.accession,
    Modality: exam.kind,
    Manufacturer: exam.kind === 'CT' ? 'DREAM Synthetic' : MR_MANUFACTURER[exam.bValueTag],
    ManufacturerModelName: exam.kind === 'CT' ? 'Phantom CT' : 'Phantom MR',
    SoftwareVersions: 'dream-sample 1',
    ReferringPhysicianName: '',
    StudyDescription: exam.description,
    SeriesDescription: series.description,
    ...patientModule(ctx.patient, ctx.tp),
    BodyPartExamined: 'ABDOMEN',
    SliceThickness: ds(g.thickness),
    PatientPosition: 'HFS',
    StudyInstanceUID: exam.studyUid,
    SeriesInstanceUID: series.uid,
    StudyID: exam.studyId,
    SeriesNumber: String(series.number),
    AcquisitionNumber: '1',
    InstanceNumber: String(instance.number),
    ImagePositionPatient: [origin, origin, instance.z].map(ds),
    ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
    FrameOfReferenceUID: exam.frameUid,
    PositionReferenceIndicator: '',
    SliceLocation: ds(instance.z),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: g.size,
    Columns: g.size,
    PixelSpacing: [ds(g.spacing), ds(g.spacing)],
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
  };
}

/**
 * Contrast/Bolus module for post-contrast series (the agent names drive role detection).
 * @param {any} exam
 * @param {any} series
 */
function contrastModule(exam, series) {
  if (!series.contrast) return {};
  const ct = series.contrast === 'CT';
  return {
    ContrastBolusAgent: ct ? exam.ctAgent : exam.eobAgent,
    ContrastBolusRoute: 'IV',
    ContrastBolusVolume: ct ? '100' : '10',
    ContrastBolusStartTime: exam.injection,
    ContrastBolusIngredient: ct ? 'IODINE' : 'GADOLINIUM',
  };
}

/**
 * CT Image module: Int16 stored values with HU = stored - 1024, liver window.
 */
function ctModule() {
  return {
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    KVP: '120',
    ConvolutionKernel: 'B30f',
    PixelRepresentation: 1,
    RescaleIntercept: ds(CT_INTERCEPT),
    RescaleSlope: '1',
    RescaleType: 'HU',
    WindowCenter: '60',
    WindowWidth: '400',
  };
}

/**
 * MR Image module and sequence parameters plausible for a 1.5 T liver protocol.
 * @param {any} exam
 * @param {any} series
 * @param {any} instance
 */
function mrModule(exam, series, instance) {
  const p = series.mr;
  const m = {
    ImageType:
      series.role === 'ADC'
        ? ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC']
        : ['ORIGINAL', 'PRIMARY', 'OTHER', 'M', 'ND'],
    ScanningSequence: p.seq,
    SequenceVariant: p.variant,
    ScanOptions: p.options,
    MRAcquisitionType: p.acq,
    SequenceName: series.role === 'DWI' ? `${p.name}${instance.b}t` : p.name,
    SpacingBetweenSlices: ds(exam.grid.thickness),
    RepetitionTime: ds(p.tr),
    EchoTime: ds(p.te),
    EchoTrainLength: String(p.etl),
    FlipAngle: ds(p.flip),
    NumberOfAverages: '1',
    ImagingFrequency: '63.676',
    ImagedNucleus: '1H',
    EchoNumbers: '1',
    MagneticFieldStrength: '1.5',
    PixelRepresentation: 0,
    WindowCenter: ds(series.window[0]),
    WindowWidth: ds(series.window[1]),
  };
  if (series.role === 'ADC') Object.assign(m, adcScaling());
  if (series.role === 'DWI' && (exam.bValueTag ?? 'standard') === 'standard') {
    m.DiffusionBValue = instance.b;
  }
  return m;
}

/**
 * Real value = stored * 0.5 + 0, in µm²/s (10^-6 mm²/s), stated both as a rescale and as a Real
 * World Value Mapping with UCUM units, so readers need not guess the vendor's unit.
 */
function adcScaling() {
  return {
    RescaleIntercept: '0',
    RescaleSlope: ds(ADC_SLOPE),
    RescaleType: 'US',
    RealWorldValueMappingSequence: [
      {
        LUTExplanation: 'Apparent Diffusion Coefficient',
        LUTLabel: 'ADC',
        MeasurementUnitsCodeSequence: [
          { CodeValue: 'um2/s', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'um2/s' },
        ],
        RealWorldValueFirstValueMapped: 0,
        RealWorldValueLastValueMapped: 65535,
        RealWorldValueIntercept: 0,
        RealWorldValueSlope: ADC_SLOPE,
        _vrMap: { RealWorldValueFirstValueMapped: 'US', RealWorldValueLastValueMapped: 'US' },
      },
    ],
  };
}

/**
 * Encode one instance to bytes. With `jpegLs` the frame is stored JPEG-LS lossless (the sample);
 * without, as native little-endian words (the bench's large study, which times reading them).
 * @param {any} ctx {patient, tp, date, exam, series, instance}
 * @param {Int16Array | Uint16Array} pixels
 * @param {{jpegLs?: boolean}} [options]
 * @returns {Buffer}
 */
export function encodeInstance(ctx, pixels, options = {}) {
  const { exam, series, instance } = ctx;
  const size = (series.grid ?? exam.grid).size;
  const pixelData = options.jpegLs
    ? { PixelData: [encodeJpegLs(pixels, size, size).buffer], _vrMap: { PixelData: 'OB' } }
    : { PixelData: [pixels.buffer], _vrMap: { PixelData: 'OW' } };
  const dataset = {
    ...commonModules(ctx),
    ...contrastModule(exam, series),
    ...(exam.kind === 'CT' ? ctModule() : mrModule(exam, series, instance)),
    ...(options.jpegLs ? { LossyImageCompression: '00' } : {}),
    ...pixelData,
  };
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: options.jpegLs ? JPEG_LS_LOSSLESS : EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: uidFromName('implementation'),
    ImplementationVersionName: 'DREAMSAMPLE1',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  if (series.role === 'DWI' && exam.bValueTag === 'siemens')
    addSiemensBValue(dict.dict, instance.b);
  if (series.role === 'DWI' && exam.bValueTag === 'ge') addGeBValue(dict.dict, instance.b);
  // One fragment per frame (dcmjs would otherwise cut the code stream into 20 KB fragments).
  return Buffer.from(dict.write({ allowInvalidVRLength: false, fragmentMultiframe: false }));
}

/**
 * Siemens keeps the b-value in the private tag (0019,100C) (creator "SIEMENS MR HEADER",
 * block 0x10), not in the standard tag; DREAM-002 mimics that so the reader's fallback is used.
 * @param {Record<string, any>} dict denaturalized dataset
 * @param {number} b
 */
function addSiemensBValue(dict, b) {
  dict['00190010'] = { vr: 'LO', Value: ['SIEMENS MR HEADER'] };
  dict['0019100C'] = { vr: 'IS', Value: [b] };
}

/**
 * GE keeps the b-value in (0043,1039) Slop_int_6..9 (creator "GEMS_PARM_01", block 0x10), the
 * first value offset by 10^9 as GE scanners write it; DREAM-003 mimics that.
 * @param {Record<string, any>} dict denaturalized dataset
 * @param {number} b
 */
function addGeBValue(dict, b) {
  dict['00430010'] = { vr: 'LO', Value: ['GEMS_PARM_01'] };
  dict['00431039'] = { vr: 'IS', Value: [1e9 + b, 8, 0, 0] };
}
