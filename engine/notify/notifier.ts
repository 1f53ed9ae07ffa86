import type { DomainEvent } from "../../events/codec.ts";
import type { EventStore } from "../../events/event-store.ts";
import type { Subscription } from "../../events/store/subscribe.ts";
import { comparePositions } from "../../events/store/types.ts";
import type { Database } from "../db/database.ts";
import { recordError } from "../jobs/record-error.ts";
import type { Logger } from "../log.ts";
import type { ChannelTarget } from "./channels/target.ts";
import { NOTIFY_ERROR_SOURCE_PREFIX, NOTIFYING_EVENT_TYPES, notificationFrom } from "./from-event.ts";
import type { Notification } from "./notification.ts";
import { type Fetch, postJson } from "./post.ts";
import { loadPreferences } from "./preferences.ts";
import { DEFAULT_RETRY, type RetryOutcome, type RetryPolicy, type Sleeper, withRetry } from "./retry.ts";
import { route } from "./route.ts";
import {
  deferNotification,
  dueNotifications,
  forgetDeferred,
  loadCheckpoint,
  saveCheckpoint,
  startingPosition,
} from "./store.ts";

export interface NotifierOptions {
  db: Database;
  /** Records delivery failures (ErrorRecorded, source "notify:<channel>"); its clock is the notifier's. */
  store: EventStore;
  timezone: string;
  targets: readonly ChannelTarget[];
  /** Removed from anything recorded about a failure. */
  secrets: readonly string[];
  log: Logger;
  fetch?: Fetch;
  /** Backoff waits; the default is a real timer that shutdown cuts short. */
  sleep?: Sleeper;
  retry?: RetryPolicy;
  /** Per HTTP attempt. */
  timeoutMs?: number;
  /** Only the engine that leads sends, so two engines never both announce a trade. */
  isActive?: () => boolean;
  pollIntervalMs?: number;
  /** How often held-back notifications are checked; 0: only when releaseDue() is called. */
  releaseIntervalMs?: number;
}

/** Thrown inside a batch to leave it unhandled (cursor not moved): offered again later. */
class NotNow extends Error {
  override readonly name = "NotNow";
}

/**
 * Sends notifications for what happens in the log, beside the engine and never inside its trading
 * path: each channel follows the log on its own subscription from its own checkpoint, moved after
 * every event it has dealt with, so a restart neither repeats nor misses one (short of a crash
 * between a service's 200 and the checkpoint write: delivery is at least once). A slow or dead
 * service delays only its own channel; a delivery that still fails after the retries is recorded
 * and skipped. Nothing here throws into the engine.
 */
export class Notifier {
  readonly #o: NotifierOptions;
  readonly #accountId: string;
  readonly #subs: Subscription[] = [];
  readonly #abort = new AbortController();
  #timer: ReturnType<typeof setInterval> | null = null;
  #releasing: Promise<number> | null = null;

  constructor(options: NotifierOptions) {
    this.#o = options;
    this.#accountId = options.store.context.accountId;
  }

  get channels(): string[] {
    return this.#o.targets.map((t) => t.channel);
  }

  async start(): Promise<void> {
    for (const target of this.#o.targets) {
      const from = await startingPosition(this.#o.db, this.#accountId, target.channel);
      this.#subs.push(
        this.#o.store.subscribe({
          from,
          types: NOTIFYING_EVENT_TYPES,
          batchSize: 100,
          pollIntervalMs: this.#o.pollIntervalMs ?? 1000,
          handle: (batch) => this.#handle(target, batch),
          onError: (error) => {
            if (!(error instanceof NotNow))
              this.#o.log.warn("notifier: will retry", { channel: target.channel, error });
          },
        }),
      );
    }
    const every = this.#o.releaseIntervalMs ?? 60_000;
    if (every > 0) {
      this.#timer = setInterval(() => void this.releaseDue().catch(() => {}), every);
    }
  }

  /** Resolves once every channel has dealt with everything readable in the log now. */
  async caughtUp(): Promise<void> {
    await Promise.all(this.#subs.map((s) => s.caughtUp()));
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    if (this.#timer) clearInterval(this.#timer);
    await Promise.all(this.#subs.map((s) => s.stop()));
    await this.#releasing?.catch(() => {});
  }

  get #stopping(): boolean {
    return this.#abort.signal.aborted;
  }

  async #handle(target: ChannelTarget, batch: DomainEvent[]): Promise<void> {
    if (this.#stopping || !(this.#o.isActive?.() ?? true)) throw new NotNow();
    const { db, timezone } = this.#o;
    const done = await loadCheckpoint(db, this.#accountId, target.channel);
    const prefs = (await loadPreferences(db, this.#accountId)).get(target.channel);
    for (const event of batch) {
      if (done && comparePositions(event.position, done) <= 0) continue; // another leader sent it
      if (this.#stopping) throw new NotNow();
      const n = event.metadata.accountId === this.#accountId ? notificationFrom(event) : null;
      if (n && prefs) {
        const decision = route(n, prefs, this.#o.store.context.clock.now(), timezone);
        if (decision.action === "send") {
          const outcome = await this.#send(target, n);
          if (outcome.interrupted) throw new NotNow();
        } else if (decision.action === "defer") {
          await deferNotification(db, target.channel, n, decision.until);
        }
      }
      await saveCheckpoint(db, this.#accountId, target.channel, event.position);
    }
  }

  /** Sends what quiet hours held back once their window has ended. Returns how many were sent. */
  releaseDue(): Promise<number> {
    this.#releasing ??= this.#release().finally(() => {
      this.#releasing = null;
    });
    return this.#releasing;
  }

  async #release(): Promise<number> {
    if (this.#stopping || !(this.#o.isActive?.() ?? true)) return 0;
    const { db } = this.#o;
    const now = this.#o.store.context.clock.now();
    const prefs = await loadPreferences(db, this.#accountId);
    let sent = 0;
    for (const target of this.#o.targets) {
      const p = prefs.get(target.channel);
      for (const n of await dueNotifications(db, this.#accountId, target.channel, now)) {
        // Turned off or unsubscribed since it was held back: the user no longer wants it.
        if (p?.enabled && p.kinds.includes(n.kind)) {
          const outcome = await this.#send(target, n);
          if (outcome.interrupted) return sent;
          if (outcome.ok) sent++;
        }
        await forgetDeferred(db, this.#accountId, target.channel, n.eventId);
      }
    }
    return sent;
  }

  async #send(target: ChannelTarget, n: Notification): Promise<RetryOutcome> {
    const fetchFn: Fetch = this.#o.fetch ?? ((url, init) => fetch(url, init));
    const outcome = await withRetry(
      () => postJson(fetchFn, target.request(n), this.#o.timeoutMs ?? 10_000, this.#abort.signal),
      this.#o.retry ?? DEFAULT_RETRY,
      this.#o.sleep ?? this.#defaultSleep,
      () => this.#stopping,
    );
    if (!outcome.ok && !outcome.interrupted && outcome.error) {
      const context = {
        channel: target.channel,
        destination: target.destination,
        kind: n.kind,
        eventId: n.eventId,
        eventType: n.eventType,
        attempts: outcome.attempts,
        status: outcome.error.status,
      };
      this.#o.log.warn("notification not delivered", { ...context, error: outcome.error.message });
      await recordError(
        this.#o.store,
        this.#o.secrets,
        `${NOTIFY_ERROR_SOURCE_PREFIX}${target.channel}`,
        outcome.error,
        context,
      );
    }
    return outcome;
  }

  #defaultSleep: Sleeper = (ms) =>
    new Promise<void>((resolve) => {
      if (this.#stopping) return resolve();
      const timer = setTimeout(resolve, ms);
      this.#abort.signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
}
