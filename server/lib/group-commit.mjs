// Group commit: receipts that arrive while a commit is running wait and then go into one
// transaction together, so that one fsync acknowledges many. Each caller's promise resolves
// only after the transaction that holds its row has committed.

export class GroupCommit {
  /**
   * @param {(rows: any[]) => Promise<boolean[]> | boolean[]} write commits all rows in one
   *   transaction; returns for each row whether it was new (false: a duplicate eventId).
   * @param {{ maxBatch?: number, maxInFlight?: number }} [options]
   */
  constructor(write, { maxBatch = 512, maxInFlight = 1 } = {}) {
    this.write = write;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    /** @type {{ row: any, resolve: (stored: boolean) => void, reject: (error: Error) => void }[]} */
    this.queue = [];
    this.inFlight = 0;
    this.scheduled = false;
    this.batches = 0;
    this.rows = 0;
  }

  /** @returns {Promise<boolean>} whether the row was new, once it is committed */
  add(row) {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.schedule();
    });
  }

  schedule() {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate: let the event loop read the requests that are already waiting first.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  async flush() {
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.inFlight++;
    try {
      const stored = await this.write(batch.map((entry) => entry.row));
      this.batches++;
      this.rows += batch.length;
      batch.forEach((entry, i) => entry.resolve(Boolean(stored[i])));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  /** Resolves once everything queued so far is committed (or failed). */
  async drain() {
    while (this.queue.length || this.inFlight) await new Promise((r) => setTimeout(r, 5));
  }
}
