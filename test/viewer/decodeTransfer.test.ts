import { describe, expect, it } from 'vitest';
import { decodeTransferables } from '../../src/viewer/decodeTransfer.ts';

const marked = { transferPixelData: true };

describe('decodeTransferables', () => {
  it('transfers the buffer of a marked decode task whose bytes fill it', () => {
    const pixelData = new Uint8Array(16);
    expect(
      decodeTransferables('dicomImageLoader', 'decodeTask', { pixelData, options: marked }),
    ).toEqual([pixelData.buffer]);
  });

  it('copies a view into a larger buffer (a Part 10 file) even when marked', () => {
    const file = new ArrayBuffer(64);
    for (const pixelData of [new Uint8Array(file, 32, 32), new Uint8Array(file, 0, 16)]) {
      expect(
        decodeTransferables('dicomImageLoader', 'decodeTask', { pixelData, options: marked }),
      ).toEqual([]);
    }
  });

  it('copies unmarked tasks, progressive retrieval and other workers or methods', () => {
    const pixelData = new Uint8Array(16);
    const cases: [string, string, unknown][] = [
      ['dicomImageLoader', 'decodeTask', { pixelData, options: {} }],
      ['dicomImageLoader', 'decodeTask', { pixelData }],
      ['dicomImageLoader', 'decodeTask', { pixelData, options: { transferPixelData: 'yes' } }],
      [
        'dicomImageLoader',
        'decodeTask',
        { pixelData, options: { transferPixelData: true, retrieveOptions: {} } },
      ],
      ['polySeg', 'decodeTask', { pixelData, options: marked }],
      ['dicomImageLoader', 'otherTask', { pixelData, options: marked }],
      ['dicomImageLoader', 'decodeTask', { pixelData: pixelData.buffer, options: marked }],
      ['dicomImageLoader', 'decodeTask', undefined],
    ];
    for (const [worker, method, args] of cases) {
      expect(decodeTransferables(worker, method, args)).toEqual([]);
    }
  });
});
