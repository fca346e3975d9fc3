/**
 * The reader monitoring the review screen shows (src/domain/stats/readerMonitoring.ts): the
 * domain's `monitorReaders` over every read loaded into the review and the consensus reads built
 * here, the same function the batch CLI's `readers` command calls on read files, so both give
 * identical figures on the same reads.
 */
import {
  monitorReaders,
  type MonitoringOptions,
  type Read,
  type ReaderMonitoring,
} from '../../domain';
import type { LoadedRead } from './reads';

/** What of the review state the monitoring needs. */
export interface MonitoringSource {
  readonly reads: readonly LoadedRead[];
  /** Consensus reads built in this review (a built one may not be loaded as a file). */
  readonly built: readonly Read[];
}

/** The loaded reads and the built consensus reads, each version once. */
export function monitoringReads(source: MonitoringSource): Read[] {
  const reads = source.reads.map((r) => r.read);
  const seen = new Set(reads.map((r) => r.versionId));
  return [...reads, ...source.built.filter((r) => !seen.has(r.versionId))];
}

/** The reader monitoring of the review's reads. */
export function reviewMonitoring(
  source: MonitoringSource,
  options: MonitoringOptions = {},
): ReaderMonitoring {
  return monitorReaders(monitoringReads(source), options);
}
