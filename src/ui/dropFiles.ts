/**
 * Files out of a drop: DataTransfer items -> FileSystemEntry (webkitGetAsEntry), folders walked
 * recursively, each file named by its path inside the drop ("folder/sub/file.dcm").
 */
import type { LocalFile } from '../dicom/sources/local';

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** readEntries returns at most ~100 entries per call (Chromium): call until it returns none. */
async function childrenOf(entry: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = entry.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: LocalFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    out.push({ file, name: entry.fullPath.replace(/^\//, '') || file.name });
  } else if (entry.isDirectory) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

/**
 * Collects every file of a drop. The entries are taken synchronously, because the browser empties
 * the DataTransfer once the drop handler returns; the walk itself is async.
 */
export function filesOfDrop(data: DataTransfer): Promise<LocalFile[]> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    const file = item.getAsFile();
    if (entry) entries.push(entry);
    else if (file) loose.push(file);
  }
  return (async () => {
    const out: LocalFile[] = loose.map((file) => ({ file, name: file.name }));
    for (const entry of entries) await walk(entry, out);
    return out;
  })();
}

/** Files of an <input type=file>, named by their folder-relative path when a folder was picked. */
export function filesOfInput(list: FileList | null): LocalFile[] {
  return Array.from(list ?? []).map((file) => ({
    file,
    name: file.webkitRelativePath || file.name,
  }));
}
