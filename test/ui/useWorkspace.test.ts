import { describe, expect, it } from 'vitest';
import type { WorkspaceState } from '../../src/store/workspace';
import { sameBut } from '../../src/ui/useWorkspace';

/** Only the fields the comparison looks at; the rest of a real state plays no part. */
const state = (fields: Record<string, unknown>) => fields as unknown as WorkspaceState;

describe('sameBut (what a slice step re-renders)', () => {
  const statuses = { 'vp-r0c0': { state: 'loading' } };
  const layout = '2x4';
  const base = state({ layout, statuses, tool: 'Length' });

  it('ignores the skipped field only', () => {
    const stepped = state({ layout, statuses: { 'vp-r0c0': { state: 'ready' } }, tool: 'Length' });
    expect(sameBut(base, stepped, 'statuses')).toBe(true);
    expect(sameBut(base, stepped, 'layout')).toBe(false);
  });

  it('sees any other field change, by identity', () => {
    expect(sameBut(base, state({ layout: '1x1', statuses, tool: 'Length' }), 'statuses')).toBe(
      false,
    );
    const sameLooking = state({ layout, statuses, tool: 'Length', measurements: [] });
    expect(sameBut(base, sameLooking, 'statuses')).toBe(false);
    expect(
      sameBut(
        state({ layout, statuses, read: {} }),
        state({ layout, statuses, read: {} }),
        'statuses',
      ),
    ).toBe(false);
  });
});
