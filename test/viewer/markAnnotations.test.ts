import { describe, expect, it } from 'vitest';
import {
  LESION_MARK_TOOL,
  drawingAnnotation,
  markAnnotation,
  sameMark,
  type MarkSpec,
} from '../../src/viewer/markAnnotations.ts';

const spec: MarkSpec = {
  uid: 'dream-mark:L1:baseline',
  label: 'L1',
  imageId: 'wadouri:ct/12.dcm',
  point: [-93.7, -14.2, -574.5],
  frameOfReferenceUid: '1.2.3',
  viewPlaneNormal: [0, 0, 1],
  radiusMm: 11,
};

describe('markAnnotation', () => {
  it('is a locked annotation of the mark tool on the recorded image, labelled', () => {
    const annotation = markAnnotation(spec);
    expect(annotation).toMatchObject({
      annotationUID: spec.uid,
      isLocked: true,
      isVisible: true,
      metadata: {
        toolName: LESION_MARK_TOOL,
        referencedImageId: spec.imageId,
        FrameOfReferenceUID: '1.2.3',
        viewPlaneNormal: [0, 0, 1],
      },
      data: { label: 'L1', radiusMm: 11, handles: { points: [[-93.7, -14.2, -574.5]] } },
    });
    // cornerstone may write into it: it shares no array with the spec.
    expect(annotation.data.handles.points[0]).not.toBe(spec.point);
  });

  it('is the same mark until the label, image or place changes', () => {
    const annotation = markAnnotation(spec);
    expect(sameMark(annotation, spec)).toBe(true);
    expect(sameMark(annotation, { ...spec, label: 'L2' })).toBe(false);
    expect(sameMark(annotation, { ...spec, imageId: 'wadouri:ct/13.dcm' })).toBe(false);
    expect(sameMark(annotation, { ...spec, point: [-93.7, -14.2, -570] })).toBe(false);
  });
});

describe('drawingAnnotation', () => {
  it('gives a saved drawing back its tool, handles and plane, with stats to recompute', () => {
    const annotation = drawingAnnotation({
      uid: 'd1',
      tool: 'Length',
      imageId: 'wadouri:ct/12.dcm',
      points: [
        [0, 0, 5],
        [20, 0, 5],
      ],
      frameOfReferenceUid: '1.2.3',
      viewPlaneNormal: [0, 0, 1],
      viewUp: [0, -1, 0],
    });
    expect(annotation).toMatchObject({
      annotationUID: 'd1',
      invalidated: true,
      isLocked: false,
      metadata: {
        toolName: 'Length',
        referencedImageId: 'wadouri:ct/12.dcm',
        FrameOfReferenceUID: '1.2.3',
        viewPlaneNormal: [0, 0, 1],
        viewUp: [0, -1, 0],
      },
      data: {
        cachedStats: {},
        handles: {
          points: [
            [0, 0, 5],
            [20, 0, 5],
          ],
        },
      },
    });
  });
});
