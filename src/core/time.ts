// Times as the page API and the receipts give them: ISO 8601 in UTC, like Date#toISOString.
// Worked out by arithmetic because a page's first Date formatting costs a few milliseconds on a
// slow device (V8 sets up its date machinery), and a returning visit formats one time only.

const DAY_MS = 86_400_000;
const two = (n: number) => String(n).padStart(2, '0');

/** `new Date(ms).toISOString()` for the years 1970–9999 (what a consent can carry). */
export function isoTime(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  // Days since 1970-01-01 to year, month, day: H. Hinnant's civil_from_days, in 400-year eras.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const seconds = Math.floor(inDay / 1000);
  return (
    `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}` +
    `T${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${String(inDay % 1000).padStart(3, '0')}Z`
  );
}
