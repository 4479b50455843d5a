// The learner's decision and its cookie encoding.
//
// Cookie value (format 1), fields joined by "|":
//   1 | <consent id> | <revision> | <decided at, unix seconds, base 36> | <accepted categories> | <accepted services> | <checksum>
// Lists are ids joined by "+". Every character is one a cookie value may hold unescaped, so the
// value is readable as is (a data-protection officer can read it from the browser).
// The checksum (FNV-1a) is no signature: it makes a truncated, hand-edited or foreign value
// count as no choice, so that garbage never turns into consent.

export interface Choice {
  /** Random id, shown to the learner so they can quote it; kept when they change their mind. */
  id: string;
  /** The config revision the choice was made under. */
  revision: number;
  /** Decision time, milliseconds since the epoch (stored with second precision). */
  decidedAt: number;
  /** Accepted optional categories (`session` is implied). */
  categories: string[];
  /** Accepted services. */
  services: string[];
}

export type Verdict = 'valid' | 'revision-changed' | 'expired' | 'from-the-future';

export const FORMAT_VERSION = '1';
/** Larger values are not read at all: a browser caps a cookie at 4096 bytes anyway. */
export const MAX_ENCODED_LENGTH = 4000;
/** Clock skew we tolerate before a decision time "from the future" counts as tampered. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const CONSENT_ID = /^[A-Za-z0-9-]{8,64}$/;

export function encodeChoice(choice: Choice): string {
  const body = [
    FORMAT_VERSION,
    choice.id,
    String(choice.revision),
    Math.floor(choice.decidedAt / 1000).toString(36),
    [...choice.categories].sort().join('+'),
    [...choice.services].sort().join('+'),
  ].join('|');
  return `${body}|${checksum(body)}`;
}

/** The choice in a cookie value, or null for anything the encoder did not write. */
export function decodeChoice(value: unknown): Choice | null {
  if (typeof value !== 'string' || value.length > MAX_ENCODED_LENGTH) return null;
  const fields = value.split('|');
  if (fields.length !== 7) return null;
  const [version, id, revision, time, categories, services, sum] = fields;
  if (version !== FORMAT_VERSION || sum !== checksum(fields.slice(0, 6).join('|'))) return null;
  if (!CONSENT_ID.test(id) || !/^-?\d{1,15}$/.test(revision) || !/^[0-9a-z]{1,9}$/.test(time)) return null;
  const categoryList = splitIds(categories);
  const serviceList = splitIds(services);
  if (!categoryList || !serviceList) return null;
  return {
    id,
    revision: Number(revision),
    decidedAt: parseInt(time, 36) * 1000,
    categories: categoryList,
    services: serviceList,
  };
}

/**
 * Whether a decoded choice still counts under the current config. A refusal of everything
 * optional outlives a revision change: nothing was consented to that a change could
 * invalidate, and asking again would nag (contract §5). It lapses only when it expires.
 */
export function judgeChoice(choice: Choice, revision: number, lifetimeDays: number, now: number): Verdict {
  if (choice.revision !== revision && !isRefusal(choice)) return 'revision-changed';
  if (choice.decidedAt > now + FUTURE_TOLERANCE_MS) return 'from-the-future';
  if (now >= expiresAt(choice, lifetimeDays)) return 'expired';
  return 'valid';
}

/** Nothing optional accepted: no category, no service. */
const isRefusal = (choice: Choice): boolean => choice.categories.length + choice.services.length === 0;

export function expiresAt(choice: Choice, lifetimeDays: number): number {
  return choice.decidedAt + lifetimeDays * DAY_MS;
}

function splitIds(list: string): string[] | null {
  if (list === '') return [];
  const ids = list.split('+');
  if (!ids.every((id) => ID.test(id)) || new Set(ids).size !== ids.length) return null;
  return ids;
}

/** FNV-1a, 32 bit, base 36: short, and enough to reject edited or truncated values. */
export function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
