import { describe, expect, it } from 'vitest';
import { chooseRenderingPath, renderingSetting } from '../../src/viewer/renderingPath';

const GPU = { webgl: true, softwareRasterizer: false, majorPerformanceCaveat: false };
const SWIFTSHADER = { webgl: true, softwareRasterizer: true, majorPerformanceCaveat: false };
const MASKED_SOFTWARE = { webgl: true, softwareRasterizer: false, majorPerformanceCaveat: true };
const NO_WEBGL = { webgl: false, softwareRasterizer: false, majorPerformanceCaveat: false };

describe('chooseRenderingPath', () => {
  it.each([
    ['auto', GPU, 'gpu'],
    ['auto', SWIFTSHADER, 'cpu'],
    ['auto', MASKED_SOFTWARE, 'cpu'],
    ['auto', NO_WEBGL, 'cpu'],
    ['gpu', SWIFTSHADER, 'gpu'],
    ['gpu', NO_WEBGL, 'cpu'],
    ['gpu', MASKED_SOFTWARE, 'gpu'],
    ['cpu', GPU, 'cpu'],
    ['cpu', SWIFTSHADER, 'cpu'],
  ] as const)('%s on %j draws on the %s', (setting, probe, path) => {
    expect(chooseRenderingPath(setting, probe)).toBe(path);
  });
});

describe('renderingSetting', () => {
  it.each([
    ['', null, 'auto'],
    ['?render=cpu', null, 'cpu'],
    ['?viewer-test&render=gpu', 'cpu', 'gpu'],
    ['?render=auto', 'gpu', 'auto'],
    ['', 'gpu', 'gpu'],
    ['?render=fast', 'nonsense', 'auto'],
  ])('URL %j with stored %j is %s', (search, stored, setting) => {
    expect(renderingSetting(search, stored)).toBe(setting);
  });
});
