/** Record integrity (docs/record-integrity.md): replay, content hash, signer binding. */
export {
  checkReadIntegrity,
  type IntegrityCheck,
  type IntegrityProblem,
  type IntegrityReport,
} from './checkRead.ts';
export { replayAudit, type ReplayDivergence, type ReplayReport } from './replay.ts';
