/**
 * The application of a consensus plan (consensusPlan.ts, docs/domain.md §7): the consensus read
 * is an ordinary `Read` of the same schema, by the adjudicator, built with the ordinary commands
 * so that its audit trail records every step, each with the reason the plan worked out (e.g.
 * `adjudication L3~L5/CT: accepted reader 2 [r2] (disappeared) — fat-sat artefact on CT`, or
 * `agreed by both readers`).
 *
 * The existing commands take no reason for draft reads, so the reason is written onto the
 * pending (not yet sealed) entries that each command just appended; sealing then hashes it.
 */
import { recordAudit } from '../audit.ts';
import { addLesion, assignTimepoint, createRead, nextLesionId, setCall } from '../commands.ts';
import { consensusBlockOf } from '../integrity/consensus.ts';
import type { CommandContext, Read } from '../model.ts';
import type { ConsensusPlan } from './consensusPlan.ts';
import {
  sourceRef,
  type ConsensusLesionProvenance,
  type ConsensusProvenance,
} from './provenance.ts';

/**
 * Runs the commands of a plan: `createRead` with the adjudicator as reader and the consensus
 * block of the two source reads; `assignTimepoint` for each agreed assignment; per planned
 * lesion `addLesion` then `setCall` for each of its set calls at the status timepoint.
 *
 * @returns the draft consensus read with unsealed audit entries, and its provenance
 */
export function applyConsensusPlan(
  plan: ConsensusPlan,
  ctx: CommandContext,
): { readonly read: Read; readonly provenance: ConsensusProvenance } {
  const { read1, read2, adjudicator, config } = plan;
  let read = withReason(
    undefined,
    createRead(
      {
        patientId: read1.patientId,
        reader: adjudicator,
        config,
        consensus: consensusBlockOf([read1, read2]),
      },
      ctx,
    ),
    plan.createReason,
  );

  for (const { studyInstanceUid, timepoint } of plan.timepoints) {
    read = withReason(
      read,
      assignTimepoint(read, { studyInstanceUid, timepoint }, ctx),
      'agreed by both readers',
    );
  }

  const lesions: ConsensusLesionProvenance[] = [];
  for (const planned of plan.lesions) {
    const lesionId = nextLesionId(read);
    read = withReason(
      read,
      addLesion(
        read,
        {
          segment: planned.segment,
          baselineLocation: planned.baselineLocation,
          baselineDiameterMm: planned.baselineDiameterMm,
        },
        ctx,
      ),
      planned.addReason,
    );
    for (const { modality, call, reason } of planned.calls) {
      read = withReason(
        read,
        setCall(read, { lesionId, timepoint: config.statusTimepoint, modality, call }, ctx),
        reason,
      );
    }
    lesions.push({ lesionId, ...planned.provenance });
  }

  return {
    read,
    provenance: {
      read1: sourceRef(read1),
      read2: sourceRef(read2),
      adjudicatorId: adjudicator.id,
      timepoint: config.statusTimepoint,
      lesions,
      rejected: plan.rejected,
      decisions: plan.decisions,
    },
  };
}

/**
 * Writes `reason` on the pending audit entries that a command appended (those of `after` beyond
 * `before`'s pending entries; all of them when `before` is undefined). An existing reason (an
 * amendment's) is kept in front.
 */
function withReason(before: Read | undefined, after: Read, reason: string): Read {
  const from = before?.pendingAudit.length ?? 0;
  if (after.pendingAudit.length === from) return after;
  const kept = after.pendingAudit.slice(0, from);
  let read: Read = { ...after, pendingAudit: kept };
  for (const entry of after.pendingAudit.slice(from)) {
    const { seq, reason: existing, ...record } = entry;
    void seq;
    read = recordAudit(read, {
      ...record,
      reason: existing === undefined ? reason : `${existing}; ${reason}`,
    });
  }
  return read;
}
