import { describe, expect, it } from 'vitest';
import { checksum, decodeChoice, encodeChoice, expiresAt, judgeChoice, type Choice } from '../../../src/core/choice';

const DAY = 24 * 60 * 60 * 1000;
const choice: Choice = {
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  revision: 4,
  decidedAt: Date.UTC(2026, 10, 27, 12, 0, 0),
  categories: ['functional', 'analytics'],
  services: ['matomo', 'google-analytics'],
};

describe('encodeChoice / decodeChoice', () => {
  it('round-trips a choice (lists sorted, time to the second)', () => {
    const decoded = decodeChoice(encodeChoice({ ...choice, decidedAt: choice.decidedAt + 456 }));
    expect(decoded).toEqual({
      ...choice,
      categories: ['analytics', 'functional'],
      services: ['google-analytics', 'matomo'],
    });
  });

  it('round-trips an all-rejected choice', () => {
    const rejected = { ...choice, categories: [], services: [] };
    expect(decodeChoice(encodeChoice(rejected))).toEqual(rejected);
  });

  it('writes only characters js-cookie leaves unescaped, readable as is', () => {
    const value = encodeChoice(choice);
    expect(value).toMatch(/^[A-Za-z0-9|+_-]+$/);
    expect(value.startsWith('1|3b241101-e2bb-4255-8caf-4136c566a962|4|')).toBe(true);
    expect(value).toContain('|analytics+functional|google-analytics+matomo|');
  });

  it('stays well under 300 bytes for the default config with both analytics presets', () => {
    const all = { ...choice, categories: ['analytics', 'functional'], services: ['google-analytics', 'matomo'] };
    const cookie = `asmeronexa_consent=${encodeChoice(all)}`;
    expect(cookie.length).toBeLessThan(300);
  });

  it('treats garbled, truncated, edited or foreign values as no choice', () => {
    const value = encodeChoice(choice);
    const tampered = [
      undefined, null, 42, '', 'true', 'yes', '{"analytics":true}', 'analytics',
      value.slice(0, -1),
      value.slice(1),
      value.replace('analytics+functional', 'analytics+functional+marketing'),
      value.replace('|4|', '|5|'),
      value.replace('1|', '2|'),
      `${value}|`,
      value.replace(/\|[^|]*$/, '|0'),
      value.split('|').slice(0, 6).join('|'),
      value + 'x'.repeat(5000),
    ];
    for (const input of tampered) expect(decodeChoice(input)).toBeNull();
  });

  it('refuses a valid checksum over malformed fields (a forged value)', () => {
    const forge = (fields: string[]) => {
      const body = fields.join('|');
      return `${body}|${checksum(body)}`;
    };
    expect(decodeChoice(forge(['1', 'id with space', '1', 'abc', '', '']))).toBeNull();
    expect(decodeChoice(forge(['1', 'abcdefgh', '1.5', 'abc', '', '']))).toBeNull();
    expect(decodeChoice(forge(['1', 'abcdefgh', '1', 'ABC', '', '']))).toBeNull();
    expect(decodeChoice(forge(['1', 'abcdefgh', '1', 'abc', 'a++b', '']))).toBeNull();
    expect(decodeChoice(forge(['1', 'abcdefgh', '1', 'abc', 'a+a', '']))).toBeNull();
    expect(decodeChoice(forge(['1', 'abcdefgh', '1', 'abc', '', '<script>']))).toBeNull();
    expect(decodeChoice(forge(['1', 'abcdefgh', '1', 'abc', 'analytics', '']))).toEqual({
      id: 'abcdefgh', revision: 1, decidedAt: parseInt('abc', 36) * 1000, categories: ['analytics'], services: [],
    });
  });
});

describe('judgeChoice', () => {
  const now = choice.decidedAt + 10 * DAY;

  it('is valid with the same revision within its lifetime', () => {
    expect(judgeChoice(choice, 4, 182, now)).toBe('valid');
  });

  it('asks again when the revision changed, up or down', () => {
    expect(judgeChoice(choice, 5, 182, now)).toBe('revision-changed');
    expect(judgeChoice(choice, 3, 182, now)).toBe('revision-changed');
  });

  it('expires after the configured lifetime', () => {
    expect(judgeChoice(choice, 4, 182, choice.decidedAt + 182 * DAY - 1)).toBe('valid');
    expect(judgeChoice(choice, 4, 182, choice.decidedAt + 182 * DAY)).toBe('expired');
    expect(judgeChoice(choice, 4, 5, now)).toBe('expired');
    expect(expiresAt(choice, 1)).toBe(choice.decidedAt + DAY);
  });

  it('refuses a decision time far in the future, tolerates small clock skew', () => {
    expect(judgeChoice(choice, 4, 182, choice.decidedAt - 60_000)).toBe('valid');
    expect(judgeChoice(choice, 4, 182, choice.decidedAt - 2 * DAY)).toBe('from-the-future');
  });
});
