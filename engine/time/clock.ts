/**
 * Time is injected. Domain code asks a Clock, never the wall, so a replay or a backtest of last
 * month decides exactly what the live engine decided then.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The only place in the engine that reads the wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to: for tests, replays and backtests. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: number | string | Date) {
    this.#now = typeof start === "number" ? start : new Date(start).getTime();
    if (!Number.isFinite(this.#now)) throw new RangeError(`ManualClock start ${String(start)} is not a time`);
  }
  now(): number {
    return this.#now;
  }
  set(to: number | string | Date): void {
    const next = typeof to === "number" ? to : new Date(to).getTime();
    if (next < this.#now) throw new RangeError("ManualClock cannot go backwards");
    this.#now = next;
  }
  advance(ms: number): void {
    if (ms < 0) throw new RangeError("ManualClock cannot go backwards");
    this.#now += ms;
  }
}

export const isoAt = (clock: Clock): string => new Date(clock.now()).toISOString();
