// The pieces the config rules are written in: a finding, a key's rule, a table of them, the
// walk that reads a table, and the common checks. config-rules.ts and service-rules.ts use them.

import { isLocalized, type PresetSpec } from './config';
import { isSafeUrl } from './url';

/** One thing wrong with the config. `code` names the rule (its texts are in the diagnostics). */
export interface Finding {
  level: 'error' | 'warning';
  code: string;
  /** Config path, e.g. `services[2].category`. */
  path: string;
  /** The raw value that broke the rule. */
  value?: unknown;
  /** What the text needs besides: the service id, the keys that are known, … */
  details?: string[];
}

export type Raw = Record<string, unknown>;
/** Where a table is walked: the path for findings, and the code prefix of its rules. */
export interface Place {
  path: string;
  code: string;
  details?: string[];
}
export interface Walk {
  report(level: Finding['level'], code: string, path: string, value?: unknown, details?: string[]): void;
  table<T>(table: Table<T>, raw: Raw, target: T, at: Place, moreKeys?: string[]): void;
  presets: Record<string, PresetSpec>;
}
/**
 * A key's rule. `ok` says whether a value is accepted (a string names a variant of the problem,
 * e.g. "max"); `put` stores an accepted value (default: as is); `fail` is what a rejected one
 * still does (an invalid revision must match no stored choice).
 */
export interface Rule<T> {
  ok(value: unknown, target: T, walk: Walk, at: Place): boolean | string;
  put?(target: T, value: never, walk: Walk, at: Place): void;
  fail?(target: T, value: unknown): void;
}
export type Table<T> = Record<string, Rule<T>>;

export const is = (type: string) => (value: unknown) => typeof value === type;
export const oneOf = (...options: unknown[]) => (value: unknown) => options.includes(value);
export const url = (value: unknown) => typeof value === 'string' && isSafeUrl(value);
export const localized = { ok: isLocalized };
