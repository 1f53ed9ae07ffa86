import { EVENTS_CHANNEL } from "../../../events/store/append.ts";
import { headPosition, readAll } from "../../../events/store/read.ts";
import { formatPosition, type LogPosition, type StoredEvent } from "../../../events/store/types.ts";
import type { Database } from "../../db/database.ts";
import { allProjections } from "../../projections/index.ts";
import { type Clock, systemClock } from "../../time/clock.ts";
import { Topic } from "./topic.ts";

export interface LogBatch {
  events: StoredEvent[];
  head: string;
  truncated: boolean;
}

export interface LiveFeedOptions {
  /** Quiet time after a NOTIFY before reading: a burst of appends becomes one batch. */
  debounceMs?: number;
  /** …but never longer than this after the first NOTIFY of a burst (a market sync never ends). */
  maxWaitMs?: number;
  /** How long one read waits for the projections to reach the log head (then the poll retries). */
  projectionWaitMs?: number;
  /** Most events carried by one notification. */
  maxBatch?: number;
  /**
   * Fallback read while anyone is subscribed: a NOTIFY can arrive while an older transaction still
   * holds the snapshot horizon, and then nothing is readable yet and no second NOTIFY will come.
   */
  pollMs?: number;
  onError?: (error: unknown) => void;
  /**
   * Debounce and wait deadlines are real elapsed time (they pair with setTimeout), never market
   * time: an accelerated simulation must not shorten them. Injected so tests can pin it.
   */
  wallClock?: Clock;
}

/**
 * The log, live, for subscriptions: LISTEN on the event store's NOTIFY channel, debounce, read what
 * committed since the last read (commit-safe order, like every reader) and publish it; then wait
 * for the projections to apply it and publish "projected", so overviewChanged never reads a stale
 * table. Started by the first subscriber; one reader serves every subscriber.
 */
export class LiveFeed {
  /** Each committed batch. */
  readonly log = new Topic<LogBatch>();
  /** The log head, once the projections have applied everything up to it. */
  readonly projected = new Topic<string>();
  readonly #db: Database;
  readonly #o: Required<Omit<LiveFeedOptions, "onError" | "wallClock">> & Pick<LiveFeedOptions, "onError">;
  #cursor: LogPosition = { transactionId: "0", globalPosition: 0 };
  #started: Promise<void> | null = null;
  #unlisten: (() => Promise<void>) | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #poll: ReturnType<typeof setInterval> | null = null;
  /** The newest head announced on `log` but not yet on `projected`. */
  #unprojected: LogPosition | null = null;
  #burstStart: number | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  readonly #wall: Clock;
  constructor(db: Database, options: LiveFeedOptions) {
    this.#db = db;
    this.#wall = options.wallClock ?? systemClock;
    this.#o = {
      debounceMs: 200,
      maxWaitMs: 1000,
      projectionWaitMs: 2000,
      maxBatch: 1000,
      pollMs: 1000,
      ...options,
    };
  }

  ensureStarted(): Promise<void> {
    this.#started ??= (async () => {
      // Subscribers see what commits from now on; history is the `events` query's job.
      this.#cursor = (await headPosition(this.#db)) ?? this.#cursor;
      this.#unlisten = await this.#db.listen(EVENTS_CHANNEL, () => this.#schedule());
      if (this.#stopped) return;
      this.#poll = setInterval(() => {
        if (this.log.subscribers + this.projected.subscribers > 0) this.#schedule();
      }, this.#o.pollMs);
      this.#poll.unref?.();
    })().catch((error) => {
      // The next subscriber tries again rather than inheriting a failure for ever.
      this.#started = null;
      throw error;
    });
    return this.#started;
  }

  /** Reads and publishes now (tests, and anyone who knows something changed). */
  async poke(): Promise<void> {
    await this.ensureStarted();
    await this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#poll) clearInterval(this.#poll);
    await this.#running?.catch(() => {});
    if (this.#started) await this.#started.catch(() => {});
    await this.#unlisten?.().catch(() => {});
  }

  #schedule() {
    if (this.#stopped) return;
    const now = this.#wall.now();
    this.#burstStart ??= now;
    if (this.#timer) clearTimeout(this.#timer);
    const wait = Math.max(0, Math.min(this.#o.debounceMs, this.#burstStart + this.#o.maxWaitMs - now));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#burstStart = null;
      void this.#run();
    }, wait);
  }

  /** One reader at a time; a NOTIFY during a read makes it read again afterwards. */
  #run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          await this.#tick();
        } catch (error) {
          this.#o.onError?.(error);
        }
      } while (this.#again && !this.#stopped);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #tick() {
    const events = await readAll(this.#db, { after: this.#cursor, limit: this.#o.maxBatch });
    if (events.length > 0) {
      let truncated = false;
      const last = events[events.length - 1] as StoredEvent;
      this.#cursor = last.position;
      if (events.length === this.#o.maxBatch) {
        // A flood (market sync): announce the first batch and jump to the head; no subscriber wants
        // ten thousand observations pushed at it, and `events` can page through them.
        const head = await headPosition(this.#db);
        if (head) this.#cursor = head;
        truncated = true;
      }
      // Every account's events: each subscriber narrows to its request's account (log-appended.ts),
      // so one reader serves dashboards looking at different accounts.
      this.log.publish({ events, head: formatPosition(this.#cursor), truncated });
      this.#unprojected = this.#cursor;
    }
    // Nobody listening for projections: do not poll the checkpoints for nothing.
    const target = this.#unprojected;
    if (target === null || this.projected.subscribers === 0) return;
    // Projections lagging past the wait stay pending: the next poll looks again, so the last
    // overview a subscriber gets is never older than the log.
    if (await this.#waitForProjections(target)) {
      if (this.#unprojected === target) this.#unprojected = null;
      this.projected.publish(formatPosition(target));
    }
  }

  async #waitForProjections(target: LogPosition): Promise<boolean> {
    const names = allProjections.map((p) => p.name);
    const deadline = this.#wall.now() + this.#o.projectionWaitMs;
    while (!this.#stopped && this.#wall.now() < deadline) {
      const [row] = await this.#db.query<{ caught: number }>(
        `SELECT count(*)::int AS caught FROM projection_checkpoints
         WHERE projection IN (SELECT jsonb_array_elements_text($1::text::jsonb))
           AND (transaction_id, global_position) >= ($2::text::xid8, $3::bigint)`,
        [JSON.stringify(names), target.transactionId, target.globalPosition],
      );
      if ((row?.caught ?? 0) >= names.length) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }
}
