/**
 * The event store of a backtest run, counting its appends. Only the run writes to its scratch
 * database, and only through this store, so an unchanged count means unchanged tables: the
 * projector's catch-up and the runner's reads of open positions and P&L can be skipped between
 * steps where nothing was recorded (most of a week's 100-odd stop and resolution checks).
 */
import { EventStore } from "../../events/event-store.ts";

export class CountingEventStore extends EventStore {
  #appends = 0;

  /** Append calls so far (attempted: a failed one counts too, to err on the side of re-reading). */
  get appends(): number {
    return this.#appends;
  }

  override async append(...args: Parameters<EventStore["append"]>): ReturnType<EventStore["append"]> {
    try {
      return await super.append(...args);
    } finally {
      this.#appends++;
    }
  }

  override async appendMany(
    ...args: Parameters<EventStore["appendMany"]>
  ): ReturnType<EventStore["appendMany"]> {
    try {
      return await super.appendMany(...args);
    } finally {
      this.#appends++;
    }
  }
}
