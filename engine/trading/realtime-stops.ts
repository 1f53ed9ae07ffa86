import type { TickerUpdate } from "../exchange/feed/events.ts";
import type { LiveFeed } from "../exchange/feed/feed.ts";
import type { Micros } from "../money/money.ts";
import { evaluateStopLoss } from "../risk/stop-loss.ts";
import { closePosition } from "./close-position.ts";
import type { TradingDeps } from "./deps.ts";
import { openPositions } from "./read-model.ts";

/**
 * The real-time stop-loss path: the live feed's ticker for every market we hold, checked on every
 * update. The seed's worst case was two hours between a collapse and the sale; this is one tick.
 * The 2-hourly job stays as the safety net for a feed that is down.
 */
export class RealtimeStops {
  #held = new Map<string, { tradeId: string; side: "yes" | "no" }[]>();
  #off: (() => void) | null = null;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(
    readonly deps: TradingDeps,
    readonly feed: LiveFeed,
    readonly isLeader: () => boolean,
  ) {}

  start(): void {
    this.#off = this.feed.on((e) => {
      if (e.type === "ticker") this.#onTicker(e.update);
    });
  }

  /** Re-reads open positions and (un)subscribes their markets. Call after anything that trades. */
  async refresh(): Promise<void> {
    const open = await openPositions(this.deps.db, this.deps.config.accountId);
    const next = new Map<string, { tradeId: string; side: "yes" | "no" }[]>();
    for (const t of open) {
      const list = next.get(t.contract_id) ?? [];
      list.push({ tradeId: t.id, side: t.side as "yes" | "no" });
      next.set(t.contract_id, list);
    }
    const gone = [...this.#held.keys()].filter((k) => !next.has(k));
    const added = [...next.keys()].filter((k) => !this.#held.has(k));
    this.#held = next;
    if (gone.length) this.feed.unwatch(gone);
    if (added.length) this.feed.watch(added);
  }

  #onTicker(update: TickerUpdate): void {
    if (!this.isLeader()) return;
    const positions = this.#held.get(update.ticker);
    if (!positions) return;
    const quote = { yesBid: update.yesBid, yesAsk: update.yesAsk, noBid: null, noAsk: null };
    for (const p of positions) {
      const decision = evaluateStopLoss(p.side, quote, this.deps.config.trading.stopLossThreshold);
      if (decision.action !== "stop") continue;
      const work = closePosition(this.deps, p.tradeId, {
        reason: "stop_loss",
        triggerBid: decision.bid as Micros,
        source: "realtime",
      })
        .then(() => this.refresh())
        .catch((error) => this.deps.log.error("real-time stop failed", { tradeId: p.tradeId, error }));
      this.#pending.add(work);
      void work.finally(() => this.#pending.delete(work));
    }
  }

  /** Waits for stops already under way (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.all([...this.#pending]);
  }

  stop(): void {
    this.#off?.();
    this.#off = null;
  }
}
