/**
 * The projector a backtest needs: catchUp returns only once every event the run has appended is
 * applied. The live projector reads below the server's snapshot horizon (pg_snapshot_xmin), which
 * is cluster-wide on PostgreSQL: someone else's open transaction, in any database on the server,
 * holds it back and the tables lag for a moment. Live trading tolerates that; a backtest must not,
 * or the same run would see different tables on a busy server. Only this run writes to its
 * scratch database and all its writes have committed, so waiting for the horizon is bounded by
 * other sessions' transactions, never by ours.
 */
import { eventsBeyondHorizon } from "../../events/store/read.ts";
import { Projector } from "../projections/projector.ts";

// A safety bound on waiting for the database, in real elapsed time: it never reaches the run's results.
const WAIT_MS = 60_000;

export class SettledProjector extends Projector {
  #appends: (() => number) | null = null;
  #settledAt = -1;

  /**
   * Skip catching up while `appends()` (the run's CountingEventStore) is where it was at the last
   * complete catch-up: nothing new was recorded, so there is nothing to apply. Only for a
   * database this run alone writes to.
   */
  skipWhileUnchanged(appends: () => number): this {
    this.#appends = appends;
    return this;
  }

  override async catchUp(): Promise<number> {
    const mark = this.#appends?.();
    if (mark !== undefined && mark === this.#settledAt) return 0;
    const n = await this.#settle();
    if (mark !== undefined) this.#settledAt = mark;
    return n;
  }

  async #settle(): Promise<number> {
    // PGlite is one session: nothing but this run can hold its horizon back.
    if (this.db.kind === "pglite") return super.catchUp();
    const deadline = performance.now() + WAIT_MS;
    let total = await super.catchUp();
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      if ((await eventsBeyondHorizon(this.db)) === 0) {
        // Everything is readable now; whatever became readable since the last step is applied here.
        total += await super.catchUp();
        if ((await eventsBeyondHorizon(this.db)) === 0) return total;
      }
      if (performance.now() > deadline)
        throw new Error(
          "backtest: the database's snapshot horizon did not pass this run's events within 60 s",
        );
      await Bun.sleep(pause);
      total += await super.catchUp();
    }
  }
}
