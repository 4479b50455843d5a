// Property-based tests with a seeded generator (reproducible; no extra dependency):
// the cookie decoder and the config validator never throw, and garbage never becomes consent.
import { describe, expect, it } from 'vitest';
import { decodeChoice, encodeChoice, type Choice } from '../../../src/core/choice';
import { validateConfig } from '../../../src/diagnostics/validate';
import { permissionsFor } from '../../../src/core/policy';
import { generators } from './generators';

const CASES = 10_000;

describe('decodeChoice (property)', () => {
  const { config } = validateConfig({
    services: [{ id: 'ga', category: 'analytics' }, { id: 'matomo', category: 'analytics' }, { id: 'prefs', category: 'functional' }],
  });
  const noConsent = (value: unknown) => {
    const choice = decodeChoice(value);
    const permissions = permissionsFor(config, choice, { minor: false });
    return !permissions.categories.analytics && !permissions.categories.functional && !Object.values(permissions.services).some(Boolean);
  };

  it(`never throws and never yields consent for ${CASES} random values`, () => {
    const g = generators(1);
    for (let i = 0; i < CASES; i++) {
      const input = i % 3 === 0 ? g.value() : i % 3 === 1 ? g.string(300) : ['1', g.string(12), String(g.int(9)), g.string(6), 'analytics+functional', 'ga', g.string(7)].join('|');
      expect(() => decodeChoice(input)).not.toThrow();
      expect(noConsent(input)).toBe(true);
    }
  }, 30_000);

  it(`a stored refusal changed in any one place (${CASES} mutations) never becomes consent`, () => {
    const g = generators(2);
    const original: Choice = { id: '3b241101-e2bb-4255-8caf-4136c566a962', revision: 1, decidedAt: 1_790_000_000_000, categories: [], services: [] };
    const value = encodeChoice(original);
    for (let i = 0; i < CASES; i++) {
      const chars = [...value];
      const at = g.int(chars.length);
      const kind = g.int(3);
      if (kind === 0) chars[at] = g.pick([...'abcdefghijklmnopqrstuvwxyz0123456789|+-']);
      else if (kind === 1) chars.splice(at, 0, ...'+analytics');
      else chars.splice(at, 1 + g.int(4));
      const mutated = chars.join('');
      if (mutated === value) continue;
      // A refusal stays a refusal: no mutation turns it into consent, and the checksum makes
      // every changed value count as no choice at all (never as a different choice).
      expect(noConsent(mutated)).toBe(true);
      expect({ mutated, decoded: decodeChoice(mutated) }).toEqual({ mutated, decoded: null });
    }
  }, 30_000);

  it('round-trips every choice the encoder writes', () => {
    const g = generators(3);
    const names = ['analytics', 'functional', 'marketing', 'embeds', 'ga', 'matomo', 'x_1', 'y-2'];
    for (let i = 0; i < 2000; i++) {
      const choice: Choice = {
        id: crypto.randomUUID(),
        revision: g.int(1000),
        decidedAt: g.int(2_000_000_000) * 1000,
        categories: [...new Set(Array.from({ length: g.int(4) }, () => g.pick(names)))].sort(),
        services: [...new Set(Array.from({ length: g.int(6) }, () => g.pick(names)))].sort(),
      };
      expect(decodeChoice(encodeChoice(choice))).toEqual(choice);
    }
  }, 30_000);
});

describe('validateConfig (property)', () => {
  it(`never throws for ${CASES} random configs, and keeps only well-formed services`, () => {
    const g = generators(4);
    for (let i = 0; i < CASES; i++) {
      const raw = i % 2 === 0 ? g.value() : { revision: g.value(), services: Array.from({ length: g.int(6) }, () => g.value(1)), categories: g.value(1), cookie: g.value(1) };
      let result!: ReturnType<typeof validateConfig>;
      expect(() => (result = validateConfig(raw))).not.toThrow();
      const { config, problems } = result;
      const categories = config.categories.map((c) => c.id);
      expect(categories.slice(0, 3)).toEqual(['session', 'analytics', 'functional']);
      expect(new Set(config.services.map((s) => s.id)).size).toBe(config.services.length);
      for (const service of config.services) {
        expect(service.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/);
        expect(categories).toContain(service.category);
        expect(service.src.every((url) => !/^\s*javascript:/i.test(url))).toBe(true);
        for (const hook of [service.onAccept, service.onReject]) expect(hook === undefined || typeof hook === 'function').toBe(true);
      }
      expect(config.cookie.expiresDays).toBeGreaterThan(0);
      expect(config.cookie.expiresDays).toBeLessThanOrEqual(395);
      for (const problem of problems) expect(problem.message.length).toBeGreaterThan(10);
      // Nothing optional is on before a decision, whatever the config said.
      const permissions = permissionsFor(config, null, { minor: false });
      expect(Object.entries(permissions.categories).filter(([, on]) => on).map(([id]) => id)).toEqual(['session']);
    }
  }, 30_000);
});
