// Seeded random values for the property tests (reproducible; no extra dependency).

/** mulberry32: a small, fast, seeded PRNG. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generators(seed: number) {
  const next = random(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-_|+. ;=%"\\<>\u00e4\u20ac\u{1F36A}\u0000';
  const string = (max = 40) => Array.from({ length: int(max) }, () => pick([...ALPHABET])).join('');
  const ids = ['session', 'analytics', 'functional', 'marketing', 'ga', 'matomo', '', 'a b', '__proto__', 'constructor'];
  const value = (depth = 0): unknown => {
    switch (int(depth > 2 ? 7 : 10)) {
      case 0: return string();
      case 1: return int(1000) - 500 + (next() < 0.3 ? 0.5 : 0);
      case 2: return next() < 0.5;
      case 3: return null;
      case 4: return undefined;
      case 5: return pick(ids);
      case 6: return pick([NaN, Infinity, -0, 2 ** 60, '/(/', '/^_ga/', 'javascript:alert(1)', () => 1]);
      case 7: return Array.from({ length: int(5) }, () => value(depth + 1));
      default: {
        const obj: Record<string, unknown> = {};
        const keys = ['id', 'category', 'preset', 'cookies', 'src', 'label', 'revision', 'services', 'categories', 'cookie', 'expiresDays', 'measurementId', 'url', 'siteId', 'minorsAllowed', 'texts', 'onAccept', string(8)];
        for (let i = int(6); i > 0; i--) obj[pick(keys)] = value(depth + 1);
        return obj;
      }
    }
  };
  return { next, int, pick, string, value, ids };
}
