/**
 * Provenance of a consensus read (docs/domain.md §7): where every value of the consensus came
 * from, returned beside the read. The same sources are written as reasons into the read's audit
 * trail (consensusApply.ts); this is the structured form, which the review store and the consensus
 * panel show.
 */
import type { LesionId, ModalityGroup, Read, TimepointId } from '../model.ts';
import type { AdjudicationDecision, FieldSource } from './decisions.ts';
import type { ReaderSide } from './discordance.ts';

/** The read version a consensus was built from. */
export interface SourceReadRef {
  readonly readId: string;
  readonly versionId: string;
  readonly version: number;
  readonly readerId: string;
}

/** Provenance of one consensus lesion. */
export interface ConsensusLesionProvenance {
  /** The lesion's id in the consensus read. */
  readonly lesionId: LesionId;
  readonly reader1LesionId?: LesionId;
  readonly reader2LesionId?: LesionId;
  /** Baseline distance of a matched pair, mm. */
  readonly distanceMm?: number;
  /** `agreed` for a matched pair, else the reader whose registration was accepted. */
  readonly presence: FieldSource;
  readonly segment: FieldSource;
  readonly baselineLocation: FieldSource;
  readonly baselineDiameterMm: FieldSource;
  /** Per modality group, the source of the call at the status timepoint. */
  readonly calls: Readonly<Record<ModalityGroup, FieldSource>>;
  /** Source of the derived status (`adjudicator` if neither reader's status). */
  readonly status: FieldSource;
  /** Ids of the discordances settled for this lesion. */
  readonly decisions: readonly string[];
}

/** Provenance of a consensus read, returned beside it. */
export interface ConsensusProvenance {
  readonly read1: SourceReadRef;
  readonly read2: SourceReadRef;
  readonly adjudicatorId: string;
  readonly timepoint: TimepointId;
  /** In consensus registry order. */
  readonly lesions: readonly ConsensusLesionProvenance[];
  /** Unpaired lesions the adjudicator left out, with the deciding discordance. */
  readonly rejected: readonly {
    readonly side: ReaderSide;
    readonly lesionId: LesionId;
    readonly discordanceId: string;
  }[];
  readonly decisions: readonly AdjudicationDecision[];
}

/** The version of `read` a consensus is built from. */
export function sourceRef(read: Read): SourceReadRef {
  return {
    readId: read.readId,
    versionId: read.versionId,
    version: read.version,
    readerId: read.reader.id,
  };
}
