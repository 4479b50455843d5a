// --retention-days: receipts older than that are deleted (the one delete there is), at start
// and then every six hours. What the period is, the data-protection officer decides: proof of
// consent is needed as long as the consent is relied on, plus the period for claims.

const DAY = 86_400_000;

export async function purgeOlderThan(store, days, now = Date.now()) {
  return store.purgeBefore(new Date(now - days * DAY).toISOString());
}

/** Purges now and every `everyMs`; returns a stop function. */
export function startRetention(store, days, { everyMs = 6 * 3600_000, log = () => {} } = {}) {
  const run = async () => {
    try {
      const n = await purgeOlderThan(store, days);
      log(`retention: deleted ${n} receipt(s) older than ${days} days`);
    } catch (error) {
      log(`retention: purge failed: ${error?.message ?? error}`);
    }
  };
  const first = run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { done: first, stop: () => clearInterval(timer) };
}
