import { describe, expect, it } from 'vitest';
import { newConsentId } from '../../src/browser/env';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newConsentId', () => {
  it('uses crypto.randomUUID where there is one', () => {
    expect(newConsentId({ randomUUID: () => '11111111-2222-4333-8444-555555555555' } as Partial<Crypto>)).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('falls back to getRandomValues, then to Math.random, always a v4 UUID', () => {
    const fromBytes = newConsentId({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => (a && (a as unknown as Uint8Array).fill(0xff), a) } as Partial<Crypto>);
    expect(fromBytes).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(newConsentId(undefined)).toMatch(UUID_V4);
    expect(newConsentId({ randomUUID: () => { throw new Error('insecure context'); } } as unknown as Partial<Crypto>)).toMatch(UUID_V4);
    const ids = new Set(Array.from({ length: 200 }, () => newConsentId(undefined)));
    expect(ids.size).toBe(200);
  });
});
