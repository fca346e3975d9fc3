/**
 * The consensus block (schema v2, docs/record-integrity.md): a consensus read names the signed
 * source versions it was built from and their signature hashes, instead of being recognised by
 * an audit reason.
 */
import type { ConsensusBlock, Read } from '../model.ts';

/** The consensus block of a read built from `sources`. */
export function consensusBlockOf(sources: readonly Read[]): ConsensusBlock {
  return {
    sources: sources.map((read) => {
      const hash = read.state.kind === 'signed' ? read.state.signature.contentHash : undefined;
      return {
        readId: read.readId,
        version: read.version,
        versionId: read.versionId,
        readerId: read.reader.id,
        ...(hash !== undefined && { signatureHash: hash }),
      };
    }),
  };
}

/** Whether a read may stand for its patient in the endpoint (`endpoint` without options). */
export function isSignedConsensus(read: Read): boolean {
  return read.consensus !== undefined && read.state.kind === 'signed';
}
