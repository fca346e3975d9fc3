import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/domain';
import { displayDateTime } from '../../src/ui/time';

describe('displayDateTime (the zone of this process)', () => {
  it.each(['2026-12-06T12:17:28.123Z', '2026-07-01T00:00:00Z'])(
    'shows %s with the offset this zone has at that instant',
    (at) => {
      const offset = -new Date(at).getTimezoneOffset();
      expect(displayDateTime(at)).toBe(formatDateTime(at, offset));
      expect(displayDateTime(at)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC[+-]\d{2}:\d{2}$/);
    },
  );

  it('shows an invalid instant as given', () => {
    expect(displayDateTime('garbage')).toBe('garbage');
  });
});
