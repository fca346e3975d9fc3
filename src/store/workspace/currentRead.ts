/**
 * The reading workspace's read: the read of the reader set in this browser, opened when a reader
 * is set, closed (handed back to the composition root, which closes it after its saves) when the
 * reader changes or the workspace goes. The workspace (workspace.ts) keeps the read in its state
 * and is told each change through `setRead`.
 */
import type { Reader } from '../../domain';
import type { ReadSession } from '../reads';
import type { WorkspaceDeps } from './state';

export class CurrentRead {
  private reader: Reader | undefined;

  constructor(
    private readonly deps: Pick<WorkspaceDeps, 'openRead' | 'closeRead' | 'reader'>,
    private readonly patientId: () => string,
    private readonly read: () => ReadSession | undefined,
    /** `fresh`: a new reader's read (what it recorded starts empty). */
    private readonly setRead: (read: ReadSession | undefined, fresh: boolean) => void,
  ) {}

  /** Opens the read of the reader now set (closing the previous reader's). */
  follow(): void {
    const reader = this.deps.reader.get();
    // One read per reader id (a renamed reader keeps editing the same read).
    if (reader?.id === this.reader?.id) return;
    this.close();
    this.reader = reader;
    this.setRead(reader ? this.deps.openRead(this.patientId(), reader) : undefined, true);
  }

  close(): void {
    const read = this.read();
    if (read && this.reader) this.deps.closeRead(this.patientId(), read, this.reader);
    this.setRead(undefined, false);
  }
}
