// The layering rules from the README's "How it works", checked on the source: the core is pure,
// and a returning learner's script never pulls in the UI libraries.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import de from '../../locales/de.json';
import en from '../../locales/en.json';

const src = join(__dirname, '../../src');
/** Every source file under src/, .tsx included, with its folder ('.' for the entries). */
const sources = (readdirSync(src, { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => ({ file: f, folder: f.includes('/') ? f.split('/')[0] : '.', text: readFileSync(join(src, f), 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
const code = (text: string) => text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');

/**
 * The README's arrows ("How it works"): which folders each folder may import. The entries
 * (src/*.ts: boot, index, consent, check, embed) wire everything and may import anything.
 */
const MAY_IMPORT: Record<string, string[]> = {
  core: ['core'],
  'contracts.ts': ['core', 'locales'],
  vendors: ['core', 'contracts.ts', 'vendors'],
  browser: ['core', 'contracts.ts', 'browser', 'locales'],
  diagnostics: ['core', 'contracts.ts', 'vendors', 'diagnostics'],
  controller: ['core', 'contracts.ts', 'browser', 'vendors', 'controller'],
  ui: ['core', 'contracts.ts', 'browser', 'vendors', 'ui', 'locales', 'preact', 'i18next', 'virtual:first-layer-texts'],
};

/** The folder (or package) an import of `file` lands in. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.split('/')[0];
  const parts = [...file.split('/').slice(0, -1)];
  for (const step of spec.split('/')) {
    if (step === '..') parts.pop();
    else if (step !== '.') parts.push(step);
  }
  if (parts[0] === '..') return parts[1];
  return parts.length === 1 ? `${parts[0]}.ts` : parts[0];
}

describe('layering', () => {
  it('covers every folder of src/', () => {
    const folders = new Set(sources.map((s) => s.folder));
    for (const folder of folders) if (folder !== '.') expect(Object.keys(MAY_IMPORT)).toContain(folder);
    expect(sources.length).toBeGreaterThan(40);
  });

  it('no import points up: each folder imports only the folders below it', () => {
    for (const { file, folder, text } of sources) {
      const rule = MAY_IMPORT[folder === '.' ? file : folder];
      if (!rule) continue; // an entry
      for (const spec of importsOf(text)) expect(rule, `${file} imports ${spec}`).toContain(target(file, spec));
    }
  });

  it('the arrow check would catch an upward import (self-test)', () => {
    expect(target('core/policy.ts', '../controller/start')).toBe('controller');
    expect(target('ui/App.tsx', '../contracts')).toBe('contracts.ts');
    expect(target('browser/page-api.ts', '../../locales/de.json')).toBe('locales');
    expect(MAY_IMPORT.core).not.toContain(target('core/policy.ts', '../browser/host'));
    expect(importsOf("import type { A } from '../consent';\nexport { b } from './b';")).toEqual(['../consent', './b']);
  });

  it('the core touches no browser globals', () => {
    const globals = /\b(window|document|navigator|localStorage|sessionStorage|location|globalThis)\b/;
    const core = sources.filter((s) => s.folder === 'core');
    expect(core.length).toBeGreaterThan(8);
    for (const { file, text } of core) expect(`${file}: ${globals.exec(code(text))?.[0] ?? 'none'}`).toBe(`${file}: none`);
  });

  it('only the UI imports preact or i18next', () => {
    for (const { file, folder, text } of sources) {
      if (folder === 'ui') continue;
      for (const spec of importsOf(text)) expect(`${file} → ${spec}`).not.toMatch(/ → (preact|i18next)/);
    }
  });

  it('no eval, new Function or string timers anywhere in src/', () => {
    for (const { file, text } of sources) {
      expect(`${file}: ${/\beval\s*\(|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/.exec(code(text))?.[0] ?? 'clean'}`).toBe(`${file}: clean`);
    }
  });

  it('files stay small: none over 250 lines', () => {
    for (const { file, text } of sources) expect(`${file}: ${text.split('\n').length > 250 ? 'too long' : 'ok'}`).toBe(`${file}: ok`);
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
