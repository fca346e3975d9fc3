import { describe, expect, it } from 'vitest';
import { groupsOfTags, readBValue, type TagReader } from '../../src/dicom/bvalue.ts';

type Tags = Record<string, string | number>;

/** Strings are text elements, numbers are binary floats (FD/FL). */
function reader(tags: Tags): TagReader {
  return {
    text: (tag) => (typeof tags[tag] === 'string' ? tags[tag] : undefined),
    float: (tag) => (typeof tags[tag] === 'number' ? tags[tag] : undefined),
  };
}

const SIEMENS_CREATOR = { '00190010': 'SIEMENS MR HEADER' };
const GE_CREATOR = { '00430010': 'GEMS_PARM_01' };
const PHILIPS_CREATOR = { '20010010': 'Philips Imaging DD 001' };

describe('readBValue', () => {
  it.each<[string, Tags, number | undefined]>([
    ['no tags at all', {}, undefined],
    ['standard (0018,9087)', { '00189087': 800 }, 800],
    ['standard b=0', { '00189087': 0 }, 0],
    ['standard negative is ignored', { '00189087': -5 }, undefined],
    ['Siemens (0019,100C) with creator', { ...SIEMENS_CREATOR, '0019100C': '1000' }, 1000],
    ['Siemens creator in block 11', { '00190011': 'SIEMENS MR HEADER', '0019110C': '50' }, 50],
    [
      'Siemens value at 10 ignored when the creator sits at 11',
      { '00190011': 'SIEMENS MR HEADER', '0019100C': '50' },
      undefined,
    ],
    [
      'Siemens without creator, Manufacturer SIEMENS',
      { '00080070': 'SIEMENS', '0019100C': '600' },
      600,
    ],
    ['Siemens tag with neither creator nor Manufacturer', { '0019100C': '600' }, undefined],
    ['Siemens tag under another creator', { '00190010': 'OTHER', '0019100C': '600' }, undefined],
    ['GE first value', { ...GE_CREATOR, '00431039': '800\\8\\0\\0' }, 800],
    ['GE with the 1e9 offset', { ...GE_CREATOR, '00431039': '1000000800\\8\\0\\0' }, 800],
    ['GE b=0 with the 1e9 offset', { ...GE_CREATOR, '00431039': '1000000000\\8\\0\\0' }, 0],
    [
      'GE without creator, Manufacturer GE',
      { '00080070': 'GE MEDICAL SYSTEMS', '00431039': '50\\8' },
      50,
    ],
    ['GE malformed value', { ...GE_CREATOR, '00431039': 'abc\\8' }, undefined],
    ['Philips (2001,1003) FL', { ...PHILIPS_CREATOR, '20011003': 1000 }, 1000],
    ['Philips FL rounding noise', { ...PHILIPS_CREATOR, '20011003': 799.99994 }, 800],
    [
      'Philips without creator, Manufacturer Philips',
      { '00080070': 'Philips', '20011003': 150 },
      150,
    ],
    [
      'precedence: standard over Siemens',
      { '00189087': 800, ...SIEMENS_CREATOR, '0019100C': '50' },
      800,
    ],
    [
      'precedence: Siemens over GE',
      { ...SIEMENS_CREATOR, '0019100C': '50', ...GE_CREATOR, '00431039': '800' },
      50,
    ],
    [
      'precedence: GE over Philips',
      { ...GE_CREATOR, '00431039': '600', ...PHILIPS_CREATOR, '20011003': 800 },
      600,
    ],
    [
      'empty standard falls through to Philips',
      { '00189087': Number.NaN, ...PHILIPS_CREATOR, '20011003': 400 },
      400,
    ],
  ])('%s', (_name, tags, expected) => {
    expect(readBValue(reader(tags))).toBe(expected);
    // A reader that tells which groups it holds finds the same value.
    const groups = groupsOfTags(Object.keys(tags));
    expect(readBValue({ ...reader(tags), hasGroup: (group) => groups.has(group) })).toBe(expected);
  });

  it('does not search for private creators in a group the reader says is absent', () => {
    const asked: string[] = [];
    const tags: Tags = { '00080060': 'CT', '00080070': 'SIEMENS', '0019100C': '600' };
    const plain = reader(tags);
    const counting: TagReader = {
      text: (tag) => {
        asked.push(tag);
        return plain.text(tag);
      },
      float: (tag) => plain.float(tag),
      hasGroup: (group) => group === '0008',
    };
    // No creator anywhere: the conventional block is trusted on the Manufacturer, as before.
    expect(readBValue(counting)).toBe(600);
    expect(asked.filter((tag) => /^(0019|0043|2001)00/.test(tag))).toEqual([]);
  });
});

describe('groupsOfTags', () => {
  it('takes the first four hex digits, upper-cased, after an optional prefix', () => {
    expect([...groupsOfTags(['0019100c', '00190010', '7FE00010'])]).toEqual(['0019', '7FE0']);
    expect([...groupsOfTags(['x00431039', 'x00080070'], 1)]).toEqual(['0043', '0008']);
  });
});
