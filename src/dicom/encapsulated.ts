/**
 * The item structure of encapsulated pixel data (PS3.5 A.4): after the (7FE0,0010) element header
 * of undefined length come a Basic Offset Table item (FFFE,E000, possibly empty), one or more
 * fragment items (FFFE,E000) and the Sequence Delimitation Item (FFFE,E0DD). A file cut short
 * still parses up to Pixel Data, so the indexer walks these item headers against the file's size
 * to tell a whole file from a cut one before the decoder ever sees it.
 *
 * Pure and synchronous: the walk is given the bytes it has (a window of the file) and asks for the
 * offset it needs next when an item header lies outside them, so the caller reads only the 8-byte
 * item headers (src/dicom/indexing/indexFile.ts reads them from a Blob), never the fragments
 * (docs/stack.md §7).
 */

/** Item (FFFE,E000) and Sequence Delimitation Item (FFFE,E0DD), as little-endian group, element. */
const ITEM_GROUP = 0xfffe;
const ITEM = 0xe000;
const SEQUENCE_DELIMITER = 0xe0dd;
const ITEM_HEADER_BYTES = 8;
const UNDEFINED_LENGTH = 0xffffffff;

/** Where a walk stands: the offset of the next item header, and what it has passed. */
export interface ItemWalkPosition {
  /** File offset of the next item header. */
  offset: number;
  /** Items passed so far, the Basic Offset Table included. */
  items: number;
}

/** Bytes of the file from `start`: the head read first, or a window read further on. */
export interface FileWindow {
  start: number;
  bytes: Uint8Array;
}

/** What one call of {@link walkItems} found. */
export type ItemWalkStep =
  /** The next item header lies outside the window: read the file from `at.offset` and go on. */
  | { kind: 'need'; at: ItemWalkPosition }
  /** The delimiter was reached inside the file; `fragments` excludes the offset table. */
  | { kind: 'complete'; fragments: number; end: number }
  | { kind: 'truncated'; message: string }
  | { kind: 'corrupt'; message: string };

/** The start of a walk: the first item header follows the Pixel Data element's header. */
export function walkStart(dataOffset: number): ItemWalkPosition {
  return { offset: dataOffset, items: 0 };
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

function fragmentCount(fragments: number): string {
  return `${fragments} fragment${fragments === 1 ? '' : 's'}`;
}

function itemName(items: number): string {
  return items === 0 ? 'the Basic Offset Table item' : `fragment ${items}`;
}

/**
 * Walks item headers from `from` while they lie inside `window`, checking each against
 * `fileSize`: an item running past the end of the file, or a file that ends before the delimiter,
 * is `truncated`; a tag other than an item or the delimiter, an item of undefined length, or pixel
 * data without a fragment (or fewer fragments than `frames`) is `corrupt`. Every step moves at
 * least 8 bytes forward, so the walk ends on any input.
 */
export function walkItems(
  from: ItemWalkPosition,
  window: FileWindow,
  fileSize: number,
  frames = 1,
): ItemWalkStep {
  const view = new DataView(window.bytes.buffer, window.bytes.byteOffset, window.bytes.byteLength);
  const windowEnd = window.start + window.bytes.byteLength;
  let { offset, items } = from;
  for (;;) {
    if (offset + ITEM_HEADER_BYTES > fileSize) {
      const passed = fragmentCount(items - 1);
      const where =
        items === 0
          ? "at the Basic Offset Table item's header"
          : offset === fileSize
            ? `after ${passed}`
            : `inside an item header after ${passed}`;
      return {
        kind: 'truncated',
        message: `The pixel data ends early: the file ends ${where}, before the sequence delimiter (FFFE,E0DD).`,
      };
    }
    if (offset < window.start || offset + ITEM_HEADER_BYTES > windowEnd) {
      return { kind: 'need', at: { offset, items } };
    }
    const at = offset - window.start;
    const group = view.getUint16(at, true);
    const element = view.getUint16(at + 2, true);
    const length = view.getUint32(at + 4, true);
    if (group === ITEM_GROUP && element === SEQUENCE_DELIMITER && items > 0) {
      const fragments = items - 1;
      const needed = Math.max(1, frames);
      if (fragments < needed) {
        return {
          kind: 'corrupt',
          message: `The pixel data holds ${fragmentCount(fragments)} for ${needed} frame${needed === 1 ? '' : 's'}.`,
        };
      }
      return { kind: 'complete', fragments, end: offset + ITEM_HEADER_BYTES };
    }
    if (group !== ITEM_GROUP || element !== ITEM) {
      return {
        kind: 'corrupt',
        message: `The pixel data is not encapsulated as items: ${itemName(items)} has tag (${hex(group)},${hex(element)}) at byte ${offset}.`,
      };
    }
    if (length === UNDEFINED_LENGTH) {
      return {
        kind: 'corrupt',
        message: `The pixel data's ${itemName(items)} has an undefined length.`,
      };
    }
    const end = offset + ITEM_HEADER_BYTES + length;
    if (end > fileSize) {
      return {
        kind: 'truncated',
        message: `The pixel data ends early: ${itemName(items)} declares ${length} bytes, the file ends after ${fileSize - offset - ITEM_HEADER_BYTES}.`,
      };
    }
    offset = end;
    items++;
  }
}
