import { describe, expect, it } from 'vitest';
import dicomParser from 'dicom-parser';
import { dropPixelBytes } from '../../src/viewer/fileBytes';
import { writeDicom } from '../dicom/fixtures';

const parse = (bytes: Uint8Array) => dicomParser.parseDicom(bytes);

describe('dropPixelBytes', () => {
  it('cuts a single-frame file before its Pixel Data and keeps the header readable', () => {
    const dataSet = parse(
      writeDicom({
        PatientID: 'DREAM-001',
        ImagePositionPatient: [1, 2, -30.5],
        ReferencedImageSequence: [{ ReferencedSOPInstanceUID: '1.2.3.9' }],
      }),
    );
    const before = dataSet.byteArray.length;
    const pixelsAt = dataSet.elements['x7fe00010']?.dataOffset ?? 0;
    expect(dropPixelBytes(dataSet)).toBe(before - pixelsAt);
    expect(dataSet.byteArray.length).toBe(pixelsAt);
    expect(dataSet.string('x00100020')).toBe('DREAM-001');
    expect(dataSet.string('x00200032')).toBe('1\\2\\-30.5');
    const item = dataSet.elements['x00081140']?.items?.[0]?.dataSet;
    // Nested items no longer hold the whole file either.
    expect(item?.byteArray).toBe(dataSet.byteArray);
    expect(item?.string('x00081155')).toBe('1.2.3.9');
  });

  it('leaves multi-frame files and files without pixels alone', () => {
    const frames = parse(writeDicom({ NumberOfFrames: '2' }));
    const length = frames.byteArray.length;
    expect(dropPixelBytes(frames)).toBe(0);
    expect(frames.byteArray.length).toBe(length);
    expect(dropPixelBytes(parse(writeDicom({ PatientID: 'X' }, { pixels: false })))).toBe(0);
  });
});
