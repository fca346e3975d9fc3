/**
 * The data of a DREAM read: plain, serialisable, readonly types. No behaviour lives here except
 * small constant tables and constructors for the branded types (see docs/domain.md §3, §4, §5).
 */
import type { CouinaudSegment } from './couinaud.ts';

// Re-exported so that the whole data model is importable from one module.
export * from './couinaud.ts';

/** Modality groups the study configuration can require (docs/domain.md §5). */
export type ModalityGroup = 'CT' | 'DWI' | 'T1T2' | 'EOB';

/** All modality groups, in the order readers see them and reasons list them. */
export const MODALITY_GROUPS: readonly ModalityGroup[] = ['CT', 'DWI', 'T1T2', 'EOB'];

/** Words used for each modality group in reasons and on screen (the seed's wording). */
export const MODALITY_LABELS: Readonly<Record<ModalityGroup, string>> = {
  CT: 'CT',
  DWI: 'DWI',
  T1T2: 'T1/T2',
  EOB: 'contrast MRI (EOB)',
};

/** A reader's call for one lesion on one modality; `undefined` (absent) means unset. */
export type Call = 'present' | 'disappeared' | 'not-evaluable';

/** All calls that can be set (unset is the absence of a call). */
export const CALLS: readonly Call[] = ['present', 'disappeared', 'not-evaluable'];

/** A follow-up timepoint id; N is a positive integer (checked by `isTimepointId`). */
export type FollowUpTimepointId = `followup-${number}`;

/** A timepoint of the trial (docs/domain.md §3). */
export type TimepointId = 'baseline' | 'preop' | FollowUpTimepointId;

const FOLLOW_UP_PATTERN = /^followup-([1-9][0-9]*)$/;

/**
 * Whether a string is a valid timepoint id. The template literal type alone admits
 * `followup-1.5` or `followup--2`, so imports and commands check with this.
 */
export function isTimepointId(value: string): value is TimepointId {
  return value === 'baseline' || value === 'preop' || FOLLOW_UP_PATTERN.test(value);
}

/** Whether a timepoint is a follow-up one (the only kind where site recurrence is recorded). */
export function isFollowUpTimepoint(value: TimepointId): value is FollowUpTimepointId {
  return FOLLOW_UP_PATTERN.test(value);
}

declare const worldPointBrand: unique symbol;

/**
 * A point in patient coordinates (DICOM LPS, millimetres). Branded so that canvas or voxel-index
 * coordinates of the viewer can never be stored as lesion geometry by mistake.
 */
export type WorldPoint = {
  readonly x: number;
  readonly y: number;
  readonly z: number;
} & { readonly [worldPointBrand]: 'WorldPoint' };

/**
 * Makes a `WorldPoint` (LPS mm). Throws a `RangeError` for a non-finite coordinate, because a NaN
 * would silently break distance matching between readers.
 */
export function worldPoint(x: number, y: number, z: number): WorldPoint {
  if (![x, y, z].every(Number.isFinite)) {
    throw new RangeError(`world point needs finite coordinates, got (${x}, ${y}, ${z})`);
  }
  return { x, y, z } as WorldPoint;
}

/**
 * A world point with the image it was placed on, so that the place can be shown again and
 * written to DICOM SR (referenced SOP instance and frame) and checked against the frame of
 * reference before distances are compared.
 */
export interface ImagePoint {
  readonly point: WorldPoint;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  /** 1-based frame number (DICOM convention); 1 for single-frame images. */
  readonly frameNumber: number;
  readonly frameOfReferenceUid: string;
}

/** Lesion id `L1`, `L2`, ...: stable, never reused within a read (docs/domain.md §4). */
export type LesionId = `L${number}`;

/** What a reader records for one lesion at one timepoint on one modality group. */
export interface ModalityAssessment {
  readonly call?: Call;
  /** Longest diameter in mm. */
  readonly diameterMm?: number;
  /** Mean ADC in the ROI, in 10^-3 mm²/s (the unit shown; vendor units converted upstream). */
  readonly adcMean?: number;
  /** Standard deviation of ADC in the ROI, 10^-3 mm²/s. */
  readonly adcSd?: number;
  /** Number of pixels in the ADC ROI. */
  readonly adcPixels?: number;
  /** Where a disappeared lesion was, so the site can be found at surgery and follow-up. */
  readonly sitePoint?: ImagePoint;
  readonly comment?: string;
}

/** Recurrence at the site of a lesion, recorded at follow-up timepoints only. */
export type SiteRecurrence = 'yes' | 'no';

/** All that is recorded for one lesion at one timepoint. */
export interface TimepointAssessment {
  readonly modalities: Partial<Readonly<Record<ModalityGroup, ModalityAssessment>>>;
  /** Only at `followup-N`: is there a recurrence at this lesion's site? unset = not assessed. */
  readonly recurrence?: SiteRecurrence;
}

/** A removed lesion keeps its id reserved and its data, so the audit trail stays readable. */
export interface LesionRemoval {
  readonly at: string;
  readonly reason?: string;
}

/** One lesion of the per-patient registry (docs/domain.md §4). */
export interface Lesion {
  readonly id: LesionId;
  readonly segment?: CouinaudSegment;
  readonly baselineLocation?: ImagePoint;
  /** Baseline longest diameter, mm. */
  readonly baselineDiameterMm?: number;
  readonly createdAt: string;
  readonly removed?: LesionRemoval;
  readonly assessments: Partial<Readonly<Record<TimepointId, TimepointAssessment>>>;
}

/** Study settings: where the public record is silent, the rule is a setting (docs/domain.md). */
export interface StudyConfig {
  /** Modalities that must all show disappearance for a cDLM; never empty. */
  readonly requiredModalities: readonly ModalityGroup[];
  /** Max distance (mm) between baseline locations for two readers' lesions to match. */
  readonly matchDistanceMm: number;
  /** The post-chemotherapy timepoint at which the status is derived. */
  readonly statusTimepoint: TimepointId;
  /** Follow-up (months) without recurrence needed for a left-in-situ cDLM to count non-viable. */
  readonly minFollowUpMonths: number;
}

/** The default configuration: all four modality groups required, 15 mm, preop, 24 months. */
export const DEFAULT_STUDY_CONFIG: StudyConfig = {
  requiredModalities: MODALITY_GROUPS,
  matchDistanceMm: 15,
  statusTimepoint: 'preop',
  minFollowUpMonths: 24,
};

/** The person reading (id from the site's login or the central review's reader list). */
export interface Reader {
  readonly id: string;
  readonly name: string;
}

/** A P-256 public key as a JSON Web Key (RFC 7517/7518), public part only. */
export interface EcPublicKeyJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  /** base64url of the 32-byte x coordinate. */
  readonly x: string;
  /** base64url of the 32-byte y coordinate. */
  readonly y: string;
}

/**
 * The signer's key signature over the signed content (docs/record-integrity.md): ECDSA P-256
 * with SHA-256 over the same canonical bytes whose SHA-256 is `contentHash`, made by a
 * non-extractable WebCrypto key kept in the browser.
 */
export interface EcdsaSignatureProof {
  readonly algorithm: 'ECDSA-P256-SHA256';
  readonly publicKey: EcPublicKeyJwk;
  /** base64url of the IEEE P1363 signature (r || s, 64 bytes), as WebCrypto writes it. */
  readonly value: string;
}

/**
 * A WebAuthn assertion (ES256) whose challenge is the 32 bytes of `contentHash`: the
 * authenticator signed `authenticatorData || SHA-256(clientDataJSON)` after verifying the user
 * (docs/record-integrity.md). All byte fields are base64url without padding, as the browser
 * returned them.
 */
export interface WebAuthnSignatureProof {
  readonly algorithm: 'WebAuthn-ES256';
  readonly publicKey: EcPublicKeyJwk;
  readonly credentialId: string;
  readonly authenticatorData: string;
  readonly clientDataJSON: string;
  /** The ASN.1 DER ECDSA signature the authenticator returned. */
  readonly value: string;
}

export type SignatureProof = EcdsaSignatureProof | WebAuthnSignatureProof;

/** An electronic signature (21 CFR 11.50: name, date and time, meaning; 11.70: linking). */
export interface Signature {
  readonly signerName: string;
  readonly signerId: string;
  /** UTC ISO 8601. */
  readonly at: string;
  /** e.g. "Author", "Review", "Approval". */
  readonly meaning: string;
  /**
   * sha256 hex of the signed content and the audit head (docs/record-integrity.md); absent on
   * signatures made before schema version 2.
   */
  readonly contentHash?: string;
  /** The signer's key signature over that content; absent when signed without a key. */
  readonly proof?: SignatureProof;
}

/** One source read of a consensus read: which signed version it was built from. */
export interface ConsensusSource {
  readonly readId: string;
  readonly version: number;
  readonly versionId: string;
  readonly readerId: string;
  /** The source's `contentHash` when it was signed with one. */
  readonly signatureHash?: string;
}

/** Marks a read as a consensus of other reads (central review), with its sources. */
export interface ConsensusBlock {
  readonly sources: readonly ConsensusSource[];
}

/** Lifecycle state; `signed` is read-only (see lifecycle.ts). */
export type ReadState =
  | { readonly kind: 'draft' }
  | { readonly kind: 'signed'; readonly signature: Signature }
  | { readonly kind: 'amended'; readonly reason: string; readonly at: string };

/** The signed version an amendment was made from. */
export interface VersionRef {
  readonly versionId: string;
  readonly version: number;
  readonly signature: Signature;
}

/** A JSON value as stored in audit entries. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/** Things a command can do, as named in the audit trail. */
export type AuditAction =
  | 'create-read'
  | 'add-lesion'
  | 'remove-lesion'
  | 'restore-lesion'
  | 'set-segment'
  | 'set-baseline'
  | 'set-call'
  | 'set-measurement'
  | 'set-site-point'
  | 'set-comment'
  | 'set-recurrence'
  | 'assign-timepoint'
  | 'record-exam-qc'
  | 'set-exam-not-evaluable'
  | 'sign'
  | 'amend';

/** An audit entry as a synchronous command writes it, before hashing (see audit.ts). */
export interface PendingAuditEntry {
  /** 1-based, continuous over the whole read including all versions. */
  readonly seq: number;
  /** UTC ISO 8601. */
  readonly at: string;
  readonly readerId: string;
  readonly action: AuditAction;
  /** What was changed, e.g. `L1/preop/CT`; absent for read-level actions. */
  readonly target?: string;
  readonly before: JsonValue;
  readonly after: JsonValue;
  /** Required reason when a signed read is amended (and on every change of the amendment). */
  readonly reason?: string;
}

/** A sealed (hash-chained) audit entry. */
export interface AuditEntry extends PendingAuditEntry {
  /** Hash of the previous entry, or `GENESIS_HASH` for the first. */
  readonly prevHash: string;
  /** sha256 hex of the canonical JSON of this entry without `hash`. */
  readonly hash: string;
}

/**
 * A series the reader used at a timepoint, with its role (e.g. `CT portal venous`, `DWI b=800`,
 * `ADC`, `EOB HBP`). The role is kept as the words src/dicom classified it with, or the reader's
 * override (docs/domain.md §3: the override is saved), so the domain does not fix that vocabulary.
 */
export interface SeriesUse {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly role: string;
}

/** The level of an acquisition QC finding: `unknown` when the headers do not tell. */
export type QcLevel = 'pass' | 'warn' | 'fail' | 'unknown';

/** One acquisition QC finding of an exam, as computed from its headers (docs/domain.md §11). */
export interface QcFindingRecord {
  /** The check, e.g. `hbp-delay`, `dwi-b-values`, `slice-thickness`. */
  readonly check: string;
  readonly level: QcLevel;
  /** The series concerned (the viewer's series key); absent for exam-level findings. */
  readonly series?: string;
  /** The measured value: minutes, b-value count, mm, number of slices. */
  readonly value?: number;
  /** The finding in English words, as the checks wrote it. */
  readonly message: string;
}

/** The reader's decision that an exam cannot be used for reading (docs/domain.md §11). */
export interface ExamNotEvaluable {
  readonly reason: string;
  /** UTC ISO 8601. */
  readonly at: string;
}

/**
 * The acquisition QC of one exam (study) the read was read on, as it was when recorded: its
 * timepoint, the modality groups it provides, the thresholds and the findings; and whether the
 * reader marked it not evaluable.
 */
export interface ExamQc {
  readonly timepoint: TimepointId;
  /** The modality groups this exam provides (CT; DWI, T1T2, EOB for an MRI). */
  readonly groups: readonly ModalityGroup[];
  /** The study's thresholds the findings were computed with, by name. */
  readonly thresholds: Readonly<Record<string, number>>;
  readonly findings: readonly QcFindingRecord[];
  /** UTC ISO 8601 of the last recording that changed it. */
  readonly recordedAt: string;
  readonly notEvaluable?: ExamNotEvaluable;
}

/** One reader's read of one patient (the unit that is signed, exported and compared). */
export interface Read {
  readonly schemaVersion: 3;
  /** Stays the same over all versions of this read. */
  readonly readId: string;
  /** 1 for the original, +1 per amendment. */
  readonly version: number;
  /** Unique per version. */
  readonly versionId: string;
  readonly previousVersion?: VersionRef;
  /** Pseudonymous subject id, never the patient's name. */
  readonly patientId: string;
  readonly reader: Reader;
  /** Present on a consensus read: the signed reads it was built from. */
  readonly consensus?: ConsensusBlock;
  readonly config: StudyConfig;
  /** StudyInstanceUID -> timepoint, as assigned automatically or by the reader. */
  readonly timepointAssignment: Readonly<Record<string, TimepointId>>;
  /** The series used per timepoint (optional: absent until the reader's hanging is recorded). */
  readonly seriesUsed?: Partial<Readonly<Record<TimepointId, readonly SeriesUse[]>>>;
  /** StudyInstanceUID -> acquisition QC of that exam (schema v3; absent until recorded). */
  readonly examQc?: Readonly<Record<string, ExamQc>>;
  readonly lesions: readonly Lesion[];
  /** Number of the next lesion id; only grows, so ids are never reused. */
  readonly nextLesionNumber: number;
  readonly state: ReadState;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Sealed, hash-chained audit trail. */
  readonly audit: readonly AuditEntry[];
  /** Entries written by commands and not yet sealed by `sealAudit`. */
  readonly pendingAudit: readonly PendingAuditEntry[];
}

/** Injected non-determinism for commands: the clock (UTC ISO string) and an id source. */
export interface CommandContext {
  readonly now: () => string;
  readonly newId: () => string;
}
