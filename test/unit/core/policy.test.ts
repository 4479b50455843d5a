import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/diagnostics/validate';
import { applyDecision, diffPermissions, isOfferable, permissionsFor } from '../../../src/core/policy';
import type { Choice } from '../../../src/core/choice';

const { config } = validateConfig({
  categories: { embeds: { label: 'Tools', minorsAllowed: false } },
  services: [
    { id: 'ga', category: 'analytics' },
    { id: 'matomo', category: 'analytics' },
    { id: 'prefs', category: 'functional' },
    { id: 'login', category: 'session' },
    { id: 'bbb', category: 'embeds' },
  ],
});
const adult = { minor: false };
const minor = { minor: true };
const choiceWith = (categories: string[], services: string[]): Choice => ({ id: 'abcdefgh', revision: 1, decidedAt: 0, categories, services });

describe('permissionsFor', () => {
  it('allows only session before a decision', () => {
    expect(permissionsFor(config, null, adult)).toEqual({
      categories: { session: true, analytics: false, functional: false, embeds: false },
      services: { ga: false, matomo: false, prefs: false, login: true, bbb: false },
    });
  });

  it('follows the stored choice, service by service', () => {
    const p = permissionsFor(config, choiceWith(['analytics'], ['matomo']), adult);
    expect(p.categories).toEqual({ session: true, analytics: true, functional: false, embeds: false });
    expect(p.services).toMatchObject({ ga: false, matomo: true, prefs: false, login: true });
  });

  it('allows a service accepted on its own (embed "always allow") with its category off', () => {
    expect(permissionsFor(config, choiceWith([], ['bbb']), adult).services.bbb).toBe(true);
  });

  it('narrows a stored adult choice for a minor: only minorsAllowed categories stay', () => {
    const p = permissionsFor(config, choiceWith(['analytics', 'functional', 'embeds'], ['ga', 'prefs', 'bbb']), minor);
    expect(p.categories).toEqual({ session: true, analytics: false, functional: true, embeds: false });
    expect(p.services).toMatchObject({ ga: false, prefs: true, bbb: false, login: true });
  });

  it('ignores ids in a choice that the config does not know', () => {
    const p = permissionsFor(config, choiceWith(['marketing'], ['hotjar']), adult);
    expect(Object.keys(p.categories)).not.toContain('marketing');
    expect(Object.keys(p.services)).not.toContain('hotjar');
  });
});

describe('applyDecision', () => {
  it('accept all: every optional category and its services', () => {
    const all = { analytics: true, functional: true, embeds: true };
    expect(applyDecision(config, null, { categories: all }, adult)).toEqual({
      categories: ['analytics', 'functional', 'embeds'],
      services: ['ga', 'matomo', 'prefs', 'bbb'],
    });
  });

  it('accept all for a minor leaves out what minors may not be offered', () => {
    const all = { analytics: true, functional: true, embeds: true };
    expect(applyDecision(config, null, { categories: all }, minor)).toEqual({ categories: ['functional'], services: ['prefs'] });
    expect(isOfferable(config, 'analytics', minor)).toBe(false);
    expect(isOfferable(config, 'session', minor)).toBe(true);
    expect(isOfferable(config, 'nope', adult)).toBe(false);
  });

  it('a named category sets its services unless a service is named too', () => {
    expect(applyDecision(config, null, { categories: { analytics: true }, services: { ga: false } }, adult)).toEqual({
      categories: ['analytics'],
      services: ['matomo'],
    });
  });

  it('categories left out keep their state, and so do their services', () => {
    const previous = choiceWith(['analytics', 'functional'], ['matomo', 'prefs']);
    expect(applyDecision(config, previous, { categories: { functional: false } }, adult)).toEqual({
      categories: ['analytics'],
      services: ['matomo'],
    });
  });

  it('a service can be allowed alone', () => {
    expect(applyDecision(config, null, { categories: {}, services: { bbb: true } }, adult)).toEqual({ categories: [], services: ['bbb'] });
  });

  it('never stores session or unknown ids', () => {
    const result = applyDecision(config, null, { categories: { session: false, nope: true }, services: { login: false, nope: true } }, adult);
    expect(result).toEqual({ categories: [], services: [] });
  });
});

describe('diffPermissions', () => {
  it('lists what was granted and what was revoked', () => {
    const before = permissionsFor(config, choiceWith(['analytics'], ['ga', 'matomo']), adult);
    const after = permissionsFor(config, choiceWith(['functional'], ['prefs', 'matomo']), adult);
    expect(diffPermissions(before, after)).toEqual({
      granted: { categories: { functional: true }, services: { prefs: true } },
      revoked: { categories: { analytics: true }, services: { ga: true } },
    });
  });
});
