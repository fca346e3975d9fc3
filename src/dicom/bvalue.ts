/**
 * Diffusion b-value of one MR instance, read from the standard tag or from the vendors' private
 * tags (docs/domain.md §3, "DWI b=N"). Pure: works over a tiny accessor, so it is testable without
 * files and runs in a worker.
 */

/** Read access to one data set. Tags are 8 upper-case hex digits, group then element. */
export interface TagReader {
  /** The element's value as trimmed text (multi-valued: joined by `\`), or undefined if absent. */
  text(tag: string): string | undefined;
  /** A binary floating-point value (FL or FD, chosen by the element's length), or undefined. */
  float(tag: string): number | undefined;
  /**
   * Whether the data set holds any element of `group` (4 upper-case hex digits). Optional: it
   * only spares the search for a vendor's private creator in a group the data set does not have.
   */
  hasGroup?(group: string): boolean;
}

/** The groups (4 upper-case hex digits) of tags keyed as `ggggeeee`, for {@link TagReader.hasGroup}. */
export function groupsOfTags(tags: Iterable<string>, prefix = 0): Set<string> {
  const groups = new Set<string>();
  for (const tag of tags) groups.add(tag.slice(prefix, prefix + 4).toUpperCase());
  return groups;
}

/** Private creators and the vendor names that identify a block when the creator was stripped. */
const SIEMENS = { group: '0019', element: '0C', creator: 'SIEMENS MR HEADER', maker: 'SIEMENS' };
const GE = { group: '0043', element: '39', creator: 'GEMS_PARM_01', maker: 'GE' };
const PHILIPS = {
  group: '2001',
  element: '03',
  creator: 'PHILIPS IMAGING DD 001',
  maker: 'PHILIPS',
};

/** GE adds 10^9 (and sometimes other large offsets) to the b-value in (0043,1039). */
const GE_B_MODULUS = 100000;

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Resolves a private element to its actual tag. Private creators live at (gggg,0010)-(gggg,00FF)
 * and reserve block xx00-xxFF (PS3.5 §7.8.1); a vendor's element (gggg,10ee) moves to (gggg,11ee)
 * when its creator sits at (gggg,0011). When no creator element is present at all (stripped by an
 * anonymiser) the conventional block 10 is trusted only if (0008,0070) Manufacturer names the
 * vendor.
 */
function privateTag(
  get: TagReader,
  block: { group: string; element: string; creator: string; maker: string },
): string | undefined {
  let anyCreator = false;
  // Up to 240 creator slots per vendor and instance: not searched where the group is absent.
  const groupAbsent = get.hasGroup?.(block.group) === false;
  for (let slot = 0x10; slot <= 0xff && !groupAbsent; slot += 1) {
    const creator = get.text(`${block.group}00${hex2(slot)}`);
    if (creator === undefined) continue;
    anyCreator = true;
    if (creator.trim().toUpperCase() === block.creator) {
      return `${block.group}${hex2(slot)}${block.element}`;
    }
  }
  if (anyCreator) return undefined;
  const maker = (get.text('00080070') ?? '').toUpperCase();
  return maker.includes(block.maker) ? `${block.group}10${block.element}` : undefined;
}

/** First value of an IS/DS element as a finite number. */
function firstNumber(get: TagReader, tag: string): number | undefined {
  const raw = get.text(tag);
  if (raw === undefined) return undefined;
  const first = raw.split('\\')[0]?.trim() ?? '';
  if (first === '') return undefined;
  const value = Number(first);
  return Number.isFinite(value) ? value : undefined;
}

function finiteNonNegative(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads the diffusion b-value (s/mm²) in order of trust:
 * 1. (0018,9087) Diffusion b-value, FD (standard);
 * 2. Siemens (0019,100C) B_value, IS, creator "SIEMENS MR HEADER";
 * 3. GE (0043,1039) Slop_int_6..9, IS, first value modulo 100000 (GE may add 1e9), creator
 *    "GEMS_PARM_01";
 * 4. Philips (2001,1003) Diffusion_B_Factor, FL, creator "Philips Imaging DD 001".
 * Returns undefined when none is present (not a DWI image, or an unknown vendor).
 */
export function readBValue(get: TagReader): number | undefined {
  const standard = finiteNonNegative(get.float('00189087'));
  if (standard !== undefined) return standard;

  const siemensTag = privateTag(get, SIEMENS);
  const siemens =
    siemensTag === undefined ? undefined : finiteNonNegative(firstNumber(get, siemensTag));
  if (siemens !== undefined) return siemens;

  const geTag = privateTag(get, GE);
  const ge = geTag === undefined ? undefined : finiteNonNegative(firstNumber(get, geTag));
  if (ge !== undefined) return ge % GE_B_MODULUS;

  const philipsTag = privateTag(get, PHILIPS);
  const philips = philipsTag === undefined ? undefined : finiteNonNegative(get.float(philipsTag));
  // FL carries rounding noise (e.g. 799.99994): b-values are whole numbers in practice.
  return philips === undefined ? undefined : Math.round(philips);
}
