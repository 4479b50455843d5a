// "Did you mean": the closest known spelling of a mistyped key.

/** A close spelling among `options` (case-insensitive, edit distance ≤ 2). */
export function closest(key: string, options: string[]): string | undefined {
  const a = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const option of options) {
    const d = editDistance(a, option.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [option, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
