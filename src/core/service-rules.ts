// The rules of one service in the config (`services[i]`): its id, category and preset first
// (without them there is no service), the preset's options, then the table of its other keys.
// Part of the config rules (config-rules.ts), walked the same way.

import { ID_PATTERN, isObject, type ConsentConfig, type Service } from './config';
import { is, localized, url, type Rule, type Table, type Walk } from './rule-kit';
import { STORAGE_KEY_PATTERN, compileCookieRule } from './cookie-rule';
import { trackerHosts, trackerInSession } from './trackers';

/** A service's list of cookie or storage-key rules: each one compiled, a bad one reported and left out. */
function ruleList(key: 'cookies' | 'storage', exact?: RegExp): Rule<Service> {
  return {
    ok: Array.isArray,
    put(service, rules: unknown[], walk, at) {
      rules.forEach((rule, i) => {
        const compiled = compileCookieRule(rule, exact);
        if (compiled) service[key].push(compiled);
        else walk.report('error', `services.${key}[]`, `${at.path}${key}[${i}]`, rule, at.details);
      });
    },
  };
}

const SERVICE: Table<Service> = {
  label: localized,
  description: localized,
  provider: { ok: is('string') },
  country: { ok: is('string') },
  transferBasis: localized,
  dataSent: localized,
  privacyPolicyUrl: { ok: url },
  src: {
    ok: (v) => typeof v === 'string' || Array.isArray(v),
    put(service, src: unknown, walk, at) {
      const list: unknown[] = typeof src === 'string' ? [src] : (src as unknown[]);
      list.forEach((u, i) =>
        url(u) ? service.src.push(u as string) : walk.report('error', 'services.src[]', `${at.path}src${typeof src === 'string' ? '' : `[${i}]`}`, u, at.details),
      );
    },
  },
  cookies: ruleList('cookies'),
  storage: ruleList('storage', STORAGE_KEY_PATTERN),
  onAccept: { ok: is('function') },
  onReject: { ok: is('function') },
};

export function readService(config: ConsentConfig, value: unknown, index: number, walk: Walk) {
  const path = `services[${index}]`;
  if (!isObject(value)) return walk.report('error', 'services.entry', path, value);
  const { id, category, preset } = value;
  const known = config.categories.map((c) => c.id);
  const leftOut = (key: string, code: string, got: unknown, ...details: string[]) => walk.report('error', code, `${path}${key}`, got, details);
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return leftOut('.id', 'services.id', id);
  if (config.services.some((s) => s.id === id)) return leftOut('.id', 'services.id:taken', id, id);
  if (typeof category !== 'string' || !known.includes(category)) return leftOut('.category', 'services.category', category, id, known.join(', '));
  const spec = typeof preset === 'string' && Object.prototype.hasOwnProperty.call(walk.presets, preset) ? walk.presets[preset] : undefined;
  if (preset !== undefined && !spec) return leftOut('.preset', 'services.preset', preset, id, Object.keys(walk.presets).join(', '));

  const service: Service = { id, category, src: [], cookies: [], storage: [], options: {} };
  if (spec) {
    service.preset = preset as string;
    for (const [name, option] of Object.entries(spec.options)) {
      const given = value[name];
      if (given === undefined) {
        if (option.required) return leftOut(`.${name}`, 'services.option:missing', given, id, preset as string, name);
      } else if ((typeof given === 'string' || typeof given === 'number') && option.pattern.test(String(given))) {
        service.options[name] = String(given);
      } else return leftOut(`.${name}`, 'services.option', given, id, preset as string, name);
    }
    for (const rule of spec.cookies) service.cookies.push(compileCookieRule(rule)!);
  }
  // id, category and preset were read above: without them there is no service.
  walk.table(SERVICE, value, service, { path: `${path}.`, code: 'services', details: [id] }, ['id', 'category', 'preset', ...Object.keys(spec?.options ?? {})]);
  // A tracker is never strictly necessary: refused in `session` (core/trackers.ts), so it stays blocked.
  if (trackerInSession(service)) return leftOut('.category', 'services.category:tracker', category, id, trackerHosts(service).join(', '));
  config.services.push(service);
}
