import { describe, expect, it } from 'vitest';
import { isoTime } from '../../../src/core/time';
import { generators } from './generators';

describe('isoTime', () => {
  it('is Date#toISOString for edge days: the epoch, leap days, month and year ends, 2100 (no leap year), 9999', () => {
    const days = ['1970-01-01T00:00:00.000Z', '2000-02-29T12:34:56.789Z', '2024-02-29T23:59:59.999Z', '2026-12-31T23:59:59.999Z',
      '2027-01-01T00:00:00.000Z', '2100-02-28T00:00:00.001Z', '2100-03-01T00:00:00.000Z', '2400-02-29T06:07:08.009Z', '9999-12-31T23:59:59.999Z'];
    for (const text of days) expect(isoTime(Date.parse(text))).toBe(text);
  });

  it('is Date#toISOString for 20,000 random times between 1970 and 9999', () => {
    const end = Date.parse('9999-12-31T23:59:59.999Z');
    const g = generators(11); // seeded: a failure names a time that fails again
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(g.next() * end);
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
