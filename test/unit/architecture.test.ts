// The layering rules from the README's "How it works", checked on the source: the core is pure,
// and a returning learner's script never pulls in the UI libraries.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import de from '../../locales/de.json';
import en from '../../locales/en.json';

const src = join(__dirname, '../../src');
const read = (dir: string) =>
  readdirSync(join(src, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(src, dir, f), 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('layering', () => {
  it('the core imports nothing but other core modules', () => {
    const core = read('core');
    expect(core.length).toBeGreaterThan(4);
    for (const { file, text } of core) {
      for (const spec of importsOf(text)) expect(`${file} → ${spec}`).toMatch(/ → \.\/[a-z-]+$/);
    }
  });

  it('the core touches no browser globals', () => {
    const globals = /\b(window|document|navigator|localStorage|location|globalThis)\b/;
    for (const { file, text } of read('core')) {
      const code = text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(`${file}: ${globals.exec(code)?.[0] ?? 'none'}`).toBe(`${file}: none`);
    }
  });

  it('no code outside a future ui/ folder imports preact or i18next', () => {
    for (const dir of ['core', 'browser', '.']) {
      for (const { file, text } of read(dir)) {
        for (const spec of importsOf(text)) expect(`${file} → ${spec}`).not.toMatch(/ → (preact|i18next)/);
      }
    }
  });

  it('no eval, new Function or string timers anywhere in src/', () => {
    for (const dir of ['core', 'browser', '.']) {
      for (const { file, text } of read(dir)) {
        expect(`${file}: ${/\beval\s*\(|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/.exec(text)?.[0] ?? 'clean'}`).toBe(`${file}: clean`);
      }
    }
  });
});

describe('locales', () => {
  const keys = (obj: object, prefix = ''): string[] =>
    Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

  it('German and English have the same keys, all non-empty strings', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
    const values = (obj: object): unknown[] => Object.values(obj).flatMap((v) => (typeof v === 'object' && v !== null ? values(v) : [v]));
    for (const value of [...values(de), ...values(en)]) {
      expect(typeof value).toBe('string');
      expect((value as string).trim()).not.toBe('');
    }
  });

  it('have the names the contract fixes (§2, §7)', () => {
    expect([de.banner.acceptAll, de.banner.rejectAll, de.banner.settings]).toEqual(['Alle akzeptieren', 'Alle ablehnen', 'Einstellungen']);
    expect([en.banner.acceptAll, en.banner.rejectAll, en.banner.settings]).toEqual(['Accept all', 'Reject all', 'Settings']);
    expect([de.preferences.save, en.preferences.save]).toEqual(['Auswahl speichern', 'Save selection']);
    expect([de.reopen, en.reopen]).toEqual(['Cookie-Einstellungen', 'Cookie settings']);
    expect([de.categories.session.label, de.categories.analytics.label, de.categories.functional.label]).toEqual(['Sitzungs-Cookies', 'Analyse-Cookies', 'Funktionale Cookies']);
    expect([en.categories.session.label, en.categories.analytics.label, en.categories.functional.label]).toEqual(['Session cookies', 'Analytics cookies', 'Functional cookies']);
  });
});
