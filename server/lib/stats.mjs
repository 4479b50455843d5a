// The figures behind the admin page's charts, in one pass over the receipts of a window
// (the same code for both databases). Memory stays bounded: per day, per revision and per
// distinct on/off pattern of the categories, never per receipt.
//
// A "decision" is every receipt but `reask` (that one only notes that a stored choice
// lapsed). Its kind: accept (every optional category on), reject (every optional one off)
// or partial. Which categories are optional is read off the data: per revision, a category
// that was off in at least one receipt is optional; one that was always on is required.

const DAY = 86_400_000;
const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of an instant, in the platform's time zone (Europe/Berlin). */
export const dayOf = (ms) => berlinDay.format(ms);

export async function computeStats(records, { from, to }) {
  const perDay = new Map();
  const patterns = new Map(); // revision → Map(pattern JSON → { categories, count, day[] })
  const signals = { gpc: { yes: 0, no: 0, unknown: 0 }, minor: { yes: 0, no: 0, unknown: 0 } };
  let decisions = 0;
  let reasks = 0;
  for await (const record of records) {
    let receipt;
    try {
      receipt = JSON.parse(record.body);
    } catch {
      continue;
    }
    if (receipt.action === 'reask') {
      reasks++;
      continue;
    }
    decisions++;
    const day = dayOf(Date.parse(record.serverTime));
    const categories = Object.entries(receipt.categories ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
    const key = JSON.stringify(categories);
    let byRevision = patterns.get(receipt.revision);
    if (!byRevision) patterns.set(receipt.revision, (byRevision = new Map()));
    let pattern = byRevision.get(key);
    if (!pattern) byRevision.set(key, (pattern = { categories, count: 0, days: new Map() }));
    pattern.count++;
    pattern.days.set(day, (pattern.days.get(day) ?? 0) + 1);
    for (const name of ['gpc', 'minor']) {
      const value = receipt.signals?.[name];
      signals[name][value === true ? 'yes' : value === false ? 'no' : 'unknown']++;
    }
  }

  const kinds = () => ({ accept: 0, reject: 0, partial: 0 });
  const byRevision = [];
  const byCategory = new Map();
  for (const [revision, byPattern] of [...patterns].sort((a, b) => a[0] - b[0])) {
    const optional = new Set();
    for (const { categories } of byPattern.values()) for (const [id, on] of categories) if (!on) optional.add(id);
    const counts = kinds();
    for (const { categories, count, days } of byPattern.values()) {
      const flags = categories.filter(([id]) => optional.has(id)).map(([, on]) => on);
      const kind = flags.every(Boolean) ? 'accept' : flags.some(Boolean) ? 'partial' : 'reject';
      counts[kind] += count;
      for (const [day, n] of days) {
        if (!perDay.has(day)) perDay.set(day, kinds());
        perDay.get(day)[kind] += n;
      }
      for (const [id, on] of categories) {
        if (!optional.has(id)) continue;
        if (!byCategory.has(id)) byCategory.set(id, { on: 0, off: 0 });
        byCategory.get(id)[on ? 'on' : 'off'] += count;
      }
    }
    byRevision.push({ revision, ...counts });
  }

  // Every day of the window, also those without a decision.
  const days = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += DAY) {
    const day = dayOf(t);
    if (days.length && days[days.length - 1].day === day) continue;
    days.push({ day, ...(perDay.get(day) ?? kinds()) });
  }
  const lastDay = dayOf(Date.parse(to) - 1);
  if (!days.length || days[days.length - 1].day !== lastDay) days.push({ day: lastDay, ...(perDay.get(lastDay) ?? kinds()) });

  return {
    decisions,
    reasks,
    days,
    byRevision,
    byCategory: [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, c]) => ({ id, ...c })),
    signals,
  };
}
