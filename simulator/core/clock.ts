/**
 * The simulator's market clock. Market evolution reads only this clock; rate limits and auth
 * staleness read the real wall clock, because they are about how fast a real client really calls.
 *
 *   real         market time = wall time (+ any jumps)
 *   accelerated  market time = start + (wall − wallStart) × factor (+ jumps); 10,080 = a week a minute
 *   manual       market time moves only when advance() is called (tests)
 */
import type { Clock } from "../../engine/time/clock.ts";

export type ClockMode =
  | { mode: "real" }
  | { mode: "accelerated"; factor: number; start?: number }
  | { mode: "manual"; start: number };

export class SimClock implements Clock {
  readonly mode: ClockMode["mode"];
  readonly factor: number;
  readonly #wall: Clock;
  readonly #start: number;
  readonly #wallStart: number;
  #offset = 0;
  #last = Number.NEGATIVE_INFINITY;

  constructor(config: ClockMode, wall: Clock) {
    this.#wall = wall;
    this.mode = config.mode;
    this.#wallStart = wall.now();
    if (config.mode === "real") {
      this.factor = 1;
      this.#start = this.#wallStart;
    } else if (config.mode === "accelerated") {
      if (!(config.factor > 0) || !Number.isFinite(config.factor)) {
        throw new RangeError(`accelerated clock factor must be a positive number, got ${config.factor}`);
      }
      this.factor = config.factor;
      this.#start = config.start ?? this.#wallStart;
    } else {
      if (!Number.isFinite(config.start))
        throw new RangeError("manual clock needs a start time (ms since epoch)");
      this.factor = 0;
      this.#start = config.start;
    }
  }

  /** Market time, in ms since the epoch. Never goes backwards even if the wall clock does. */
  now(): number {
    const elapsed = this.mode === "manual" ? 0 : (this.#wall.now() - this.#wallStart) * this.factor;
    const t = Math.floor(this.#start + elapsed + this.#offset);
    if (t > this.#last) this.#last = t;
    return this.#last;
  }

  /** Jumps market time forward. Allowed in every mode: a test can skip a dull night in real mode. */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.#offset += ms;
  }

  get start(): number {
    return this.#start;
  }
}
