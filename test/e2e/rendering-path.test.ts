/**
 * Rendering path by capability: the `render` URL parameter forces cornerstone's CPU or WebGL path,
 * `auto` picks the CPU exactly where WebGL runs on a software rasterizer, and both paths draw the
 * same sample pixels
 * (within a small tolerance: the two paths interpolate and round differently).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import { expectAllReady, appUrl } from './reading-helpers';
import { canvasStats } from './viewports';

const browser = useBrowserSession();

/** Opens DREAM-001's reading grid with a rendering setting; returns the path actually used. */
async function openWith(page: Page, render: string): Promise<string | undefined> {
  await page.goto(appUrl(`viewer-test&render=${render}`));
  await page
    .locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]')
    .click({ timeout: 60_000 });
  await expect.poll(() => page.locator('[data-testid="viewport"]').count()).toBeGreaterThan(0);
  await expectAllReady(page);
  return page.evaluate(() => window.__dreamViewer?.renderingPath());
}

/** Grey levels of viewport `index`'s canvas, once it shows lit pixels. */
async function greys(page: Page, index: number): Promise<{ width: number; grey: number[] }> {
  await expect
    .poll(async () => (await canvasStats(page, index)).lit, { timeout: 10_000 })
    .toBeGreaterThan(0.05);
  return page.evaluate((i) => {
    const viewports = document.querySelectorAll('[data-testid="viewport"]');
    const canvas = viewports[i]?.querySelector('canvas');
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return { width: 0, grey: [] };
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const grey: number[] = [];
    for (let p = 0; p < data.length; p += 4) grey.push(data[p] ?? 0);
    return { width: canvas.width, grey };
  }, index);
}

describe('rendering path', () => {
  it('auto draws on the CPU exactly when WebGL runs on a software rasterizer', async () => {
    const { page, errors } = browser();
    const path = await openWith(page, 'auto');
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return info && gl ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    });
    const software = /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
    expect(path).toBe(software ? 'cpu' : 'gpu');
    expect(errors).toEqual([]);
  });

  it('CPU and WebGL paths draw the same pixels on the sample', async () => {
    const { page, errors } = browser();
    expect(await openWith(page, 'gpu')).toBe('gpu');
    // CT portal venous (cell 0) and the ADC map with its rescale slope (cell 2).
    const gpu = [await greys(page, 0), await greys(page, 2)];
    expect(await openWith(page, 'cpu')).toBe('cpu');
    const cpu = [await greys(page, 0), await greys(page, 2)];
    for (const [k, a] of gpu.entries()) {
      const b = cpu[k];
      expect(b?.width).toBe(a.width);
      expect(b?.grey.length).toBe(a.grey.length);
      let sum = 0;
      a.grey.forEach((value, p) => (sum += Math.abs(value - (b?.grey[p] ?? 0))));
      // Mean grey difference per pixel, out of 255.
      expect(sum / a.grey.length).toBeLessThan(2);
    }
    expect(errors).toEqual([]);
  });
});
