// What is allowed right now: the config's categories and services, the stored choice,
// and what the page told us about the learner (a minor). Everything optional defaults to off.

import type { ConsentConfig } from './config';
import type { Choice } from './choice';

export interface Permissions {
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
}

export interface Signals {
  /** A known minor: categories without `minorsAllowed` stay off, whatever was stored. */
  minor: boolean;
}

export function permissionsFor(config: ConsentConfig, choice: Choice | null, signals: Signals): Permissions {
  const categories: Record<string, boolean> = {};
  for (const category of config.categories) {
    categories[category.id] =
      category.required || (!!choice && choice.categories.includes(category.id) && isOfferable(config, category.id, signals));
  }
  const services: Record<string, boolean> = {};
  for (const service of config.services) {
    services[service.id] =
      categories[service.category] && isRequired(config, service.category)
        ? true
        : !!choice && choice.services.includes(service.id) && isOfferable(config, service.category, signals);
  }
  return { categories, services };
}

/** Whether the learner may switch this category on at all. */
export function isOfferable(config: ConsentConfig, categoryId: string, signals: Signals): boolean {
  const category = config.categories.find((c) => c.id === categoryId);
  return !!category && (category.required || !signals.minor || category.minorsAllowed);
}

function isRequired(config: ConsentConfig, categoryId: string): boolean {
  return !!config.categories.find((c) => c.id === categoryId)?.required;
}

export interface Decision {
  /** Category id → on/off. Categories left out keep their current state (off if none). */
  categories: Record<string, boolean>;
  /** Service id → on/off. Services left out follow their category when it is named, else keep their state. */
  services?: Record<string, boolean>;
}

/**
 * The accepted categories and services after a decision. Ids not in the config are ignored;
 * categories the learner may not be offered (minor) stay off.
 */
export function applyDecision(
  config: ConsentConfig,
  previous: Choice | null,
  decision: Decision,
  signals: Signals,
): { categories: string[]; services: string[] } {
  const categories: string[] = [];
  for (const category of config.categories) {
    if (category.required || !isOfferable(config, category.id, signals)) continue;
    const named = decision.categories[category.id];
    const on = typeof named === 'boolean' ? named : !!previous?.categories.includes(category.id);
    if (on) categories.push(category.id);
  }
  const services: string[] = [];
  for (const service of config.services) {
    if (isRequired(config, service.category) || !isOfferable(config, service.category, signals)) continue;
    const explicit = decision.services?.[service.id];
    const categoryNamed = typeof decision.categories[service.category] === 'boolean';
    const on =
      typeof explicit === 'boolean'
        ? explicit
        : categoryNamed || !previous
          ? categories.includes(service.category)
          : previous.services.includes(service.id);
    if (on) services.push(service.id);
  }
  return { categories, services };
}

export interface Change {
  granted: Permissions;
  revoked: Permissions;
}

/** Which categories and services were switched on, and which off, between two states. */
export function diffPermissions(before: Permissions, after: Permissions): Change {
  const change: Change = { granted: { categories: {}, services: {} }, revoked: { categories: {}, services: {} } };
  for (const kind of ['categories', 'services'] as const) {
    const keys = new Set([...Object.keys(before[kind]), ...Object.keys(after[kind])]);
    for (const key of keys) {
      const was = !!before[kind][key];
      const is = !!after[kind][key];
      if (!was && is) change.granted[kind][key] = true;
      if (was && !is) change.revoked[kind][key] = true;
    }
  }
  return change;
}
