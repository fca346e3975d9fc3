/** Baseline calls in the SR: worded as where the lesion is seen, read back as stored calls. */
import { describe, expect, it } from 'vitest';
import {
  BASELINE_CALL_CODES,
  CALL_CODES,
  callCode,
  callOfCode,
} from '../../../src/dicom/sr/codes.ts';
import type { Item } from '../../../src/dicom/sr/content.ts';
import { readPart10 } from '../../../src/dicom/sr/dataset.ts';
import { decodeCodedContent } from '../../../src/dicom/sr/decode.ts';
import { encodeReadSr, writePart10 } from '../../../src/dicom/sr/encode.ts';
import {
  CALLS,
  addLesion,
  createRead,
  sealAudit,
  setCall,
  type Call,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from '../../../src/domain/index.ts';
import { makeContext, sha256 } from '../../domain/fixtures.ts';

const CALLS_SET: [TimepointId, ModalityGroup, Call][] = [
  ['baseline', 'CT', 'present'],
  ['baseline', 'DWI', 'disappeared'],
  ['baseline', 'EOB', 'not-evaluable'],
  ['preop', 'CT', 'disappeared'],
  ['preop', 'DWI', 'present'],
];

async function readWithBaselineCalls(): Promise<Read> {
  const ctx = makeContext();
  let read = createRead({ patientId: 'P1', reader: { id: 'r1', name: 'Dr One' } }, ctx);
  read = addLesion(read, {}, ctx);
  for (const [timepoint, modality, call] of CALLS_SET) {
    read = setCall(read, { lesionId: 'L1', timepoint, modality, call }, ctx);
  }
  return sealAudit(read, sha256);
}

/** Every call value code in document order, depth first. */
function callValues(item: Item, out: string[] = []): string[] {
  const name = (item.ConceptNameCodeSequence as Item[] | undefined)?.[0];
  const value = (item.ConceptCodeSequence as Item[] | undefined)?.[0];
  if (name?.CodeValue === 'CALL' && typeof value?.CodeValue === 'string') {
    out.push(value.CodeValue);
  }
  const content = item.ContentSequence;
  if (Array.isArray(content)) for (const child of content) callValues(child as Item, out);
  return out;
}

/** Rewrites call value codes (an SR written before the baseline codes existed). */
function recode(item: Item, from: string, to: string): Item {
  const name = (item.ConceptNameCodeSequence as Item[] | undefined)?.[0];
  const value = (item.ConceptCodeSequence as Item[] | undefined)?.[0];
  const changed =
    name?.CodeValue === 'CALL' && value?.CodeValue === from
      ? { ...item, ConceptCodeSequence: [{ ...value, CodeValue: to }] }
      : item;
  const content = changed.ContentSequence;
  return Array.isArray(content)
    ? { ...changed, ContentSequence: content.map((c) => recode(c as Item, from, to)) }
    : changed;
}

describe('SR call codes per timepoint', () => {
  it.each(CALLS)('%s: baseline code of its own, the same code read back', (call) => {
    const atBaseline = callCode('baseline', call);
    expect(callOfCode('baseline', atBaseline)).toBe(call);
    expect(callCode('preop', call)).toEqual(CALL_CODES[call]);
    expect(callOfCode('preop', CALL_CODES[call])).toBe(call);
    // Older SR files wrote the later-timepoint codes at baseline too: still read.
    expect(callOfCode('baseline', CALL_CODES[call])).toBe(call);
  });

  it('never writes PRESENT or DISAPPEARED at baseline', () => {
    expect(callCode('baseline', 'present')).toEqual(BASELINE_CALL_CODES.seen);
    expect(callCode('baseline', 'disappeared')).toEqual(BASELINE_CALL_CODES['not-seen']);
    expect(callOfCode('preop', BASELINE_CALL_CODES.seen)).toBeUndefined();
  });

  it('writes SEEN/NOTSEEN in the baseline group and decodes them to the stored calls', async () => {
    const read = await readWithBaselineCalls();
    const { dataset } = await encodeReadSr(read, { sha256 });
    expect(callValues(dataset)).toEqual(['SEEN', 'NOTSEEN', 'NOTEVAL', 'DISAPPEARED', 'PRESENT']);
    const coded = decodeCodedContent(readPart10(writePart10(dataset)), {});
    expect(coded.problems).toEqual([]);
    const lesion = coded.lesions.get('L1');
    for (const [timepoint, modality, call] of CALLS_SET) {
      expect(lesion?.assessments[timepoint]?.modalities[modality]?.call).toBe(call);
    }
    const legacy = recode(recode(dataset, 'SEEN', 'PRESENT'), 'NOTSEEN', 'DISAPPEARED');
    const old = decodeCodedContent(readPart10(writePart10(legacy)), {});
    expect(old.problems).toEqual([]);
    expect(old.lesions.get('L1')?.assessments.baseline?.modalities).toEqual(
      lesion?.assessments.baseline?.modalities,
    );
  });
});
