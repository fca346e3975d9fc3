import { describe, expect, it } from 'vitest';
import * as domain from '../../src/domain/index.ts';

describe('domain public API', () => {
  it.each([
    'createRead',
    'addLesion',
    'removeLesion',
    'setSegment',
    'setBaseline',
    'setCall',
    'setMeasurement',
    'setSitePoint',
    'setComment',
    'setRecurrence',
    'assignTimepoint',
    'sign',
    'amend',
    'deriveLesionStatus',
    'deriveReadStatuses',
    'deriveSiteRecurrence',
    'sealAudit',
    'verifyAuditChain',
    'canonicalJson',
    'attempt',
  ])('exports %s', (name) => {
    expect(typeof (domain as Record<string, unknown>)[name]).toBe('function');
  });

  it('does not export the synchronous audit writer (only commands append entries)', () => {
    expect(domain).not.toHaveProperty('recordAudit');
  });
});
