// Cookie rules run against names a sibling subdomain may choose: refused are back-references,
// quantified groups that repeat or branch (`(a+)+`, `(a|ab)*`) and over MAX_QUANTIFIERS quantifiers.

export const MAX_QUANTIFIERS = 3;

export function isSafePattern(source: string): boolean {
  if (/\\[1-9k]/.test(source)) return false;
  // Escapes and classes become x; group syntax `(?:` and a lazy `?` are no quantifiers.
  let s = source.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x').replace(/\(\?(<?[=!]|:|<\w+>)/g, '(').replace(/([*+?}])\?/g, '$1');
  if ((s.match(/[*+?]|\{\d/g) ?? []).length > MAX_QUANTIFIERS) return false;
  // Innermost groups first: Q if it repeats or branches inside.
  for (let before = ''; before !== s; ) {
    before = s;
    s = s.replace(/\(([^()]*)\)/g, (_, inner: string) => (/[*+?{|Q]/.test(inner) ? 'Q' : 'x'));
  }
  return !/Q[*+?{]/.test(s);
}
