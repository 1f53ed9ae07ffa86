/**
 * Subscription bookkeeping for one WebSocket connection, free of I/O so it can be tested alone:
 * which channel has which sid, which markets each market channel carries, which commands are in
 * flight, and each subscription's last sequence number.
 *
 * Market channels (ticker, orderbook_delta) follow the watched set: subscribe when it becomes
 * non-empty, then update_subscription add_markets / delete_markets as it changes, unsubscribe
 * when it empties. The account and exchange channels (fill, user_orders, market_lifecycle_v2)
 * are subscribed once per connection without a market filter.
 */
import { type FeedChannel, MARKET_CHANNELS } from "./events.ts";

export type UpdateAction = "add_markets" | "delete_markets" | "get_snapshot";

export type Command =
  | { id: number; cmd: "subscribe"; params: { channels: FeedChannel[]; market_tickers?: string[] } }
  | { id: number; cmd: "unsubscribe"; params: { sids: number[] } }
  | {
      id: number;
      cmd: "update_subscription";
      params: { sids: number[]; market_tickers: string[]; action: UpdateAction };
    };

interface Sub {
  channel: FeedChannel;
  sid: number | null;
  /** Id of the subscribe command awaiting its `subscribed` reply. */
  pendingId: number | null;
  /** Markets the server was asked to carry on this sid. */
  markets: Set<string>;
  lastSeq: number | null;
}

export interface InFlight {
  channel: FeedChannel;
  cmd: Command["cmd"];
  action?: UpdateAction;
}

export type SeqCheck = { ok: true } | { ok: false; expected: number; got: number };

export class Subscriptions {
  readonly #subs = new Map<FeedChannel, Sub>();
  readonly #watched = new Set<string>();
  readonly #inFlight = new Map<number, InFlight>();
  #nextId = 1;

  constructor(channels: readonly FeedChannel[]) {
    for (const channel of channels) this.#subs.set(channel, this.#blank(channel));
  }

  get watched(): ReadonlySet<string> {
    return this.#watched;
  }

  get channels(): FeedChannel[] {
    return [...this.#subs.keys()];
  }

  sidOf(channel: FeedChannel): number | null {
    return this.#subs.get(channel)?.sid ?? null;
  }

  channelOfSid(sid: number): FeedChannel | null {
    for (const s of this.#subs.values()) if (s.sid === sid) return s.channel;
    return null;
  }

  marketsOf(channel: FeedChannel): ReadonlySet<string> {
    return this.#subs.get(channel)?.markets ?? new Set();
  }

  inFlight(id: number): InFlight | undefined {
    return this.#inFlight.get(id);
  }

  /** A new connection: forget every sid and subscribe from scratch. */
  reset(): Command[] {
    this.#inFlight.clear();
    const out: Command[] = [];
    for (const channel of this.#subs.keys()) {
      this.#subs.set(channel, this.#blank(channel));
      const c = this.#subscribe(channel);
      if (c) out.push(c);
    }
    return out;
  }

  watch(tickers: readonly string[]): Command[] {
    for (const t of tickers) this.#watched.add(t);
    return this.#reconcileAll();
  }

  unwatch(tickers: readonly string[]): Command[] {
    for (const t of tickers) this.#watched.delete(t);
    return this.#reconcileAll();
  }

  /** Drops markets from the watched set without sending anything (a resubscribe follows). */
  forget(tickers: readonly string[]): void {
    for (const t of tickers) this.#watched.delete(t);
  }

  /** `subscribed` reply: record the sid, then bring its markets in line with the watched set. */
  onSubscribed(id: number | undefined, channel: FeedChannel, sid: number): Command[] {
    if (id !== undefined) this.#inFlight.delete(id);
    const sub = this.#subs.get(channel);
    if (!sub) return [];
    sub.sid = sid;
    sub.pendingId = null;
    sub.lastSeq = null;
    return this.#reconcile(sub);
  }

  /** A command failed. Returns what it was, and forgets a failed subscribe so it can be retried. */
  onCommandError(id: number): InFlight | undefined {
    const f = this.#inFlight.get(id);
    this.#inFlight.delete(id);
    if (f?.cmd === "subscribe") {
      const sub = this.#subs.get(f.channel);
      if (sub && sub.pendingId === id) sub.pendingId = null;
    }
    return f;
  }

  onCommandDone(id: number): void {
    this.#inFlight.delete(id);
  }

  /** Drop the channel's subscription (if any) and subscribe it again from scratch. */
  resubscribe(channel: FeedChannel): Command[] {
    const sub = this.#subs.get(channel);
    if (!sub) return [];
    const out: Command[] = [];
    if (sub.sid !== null) out.push(this.#command("unsubscribe", channel, { sids: [sub.sid] }));
    this.#subs.set(channel, this.#blank(channel));
    const c = this.#subscribe(channel);
    if (c) out.push(c);
    return out;
  }

  /** update_subscription get_snapshot on the order-book subscription. */
  snapshotCommand(tickers: readonly string[]): Command | null {
    const sub = this.#subs.get("orderbook_delta");
    if (!sub || sub.sid === null || tickers.length === 0) return null;
    return this.#update(sub, "get_snapshot", [...tickers]);
  }

  /**
   * Sequence check for a data message. The first message after `subscribed` sets the baseline;
   * after a gap the baseline moves to the message that revealed it (what was lost is recovered
   * by resnapshot or REST reconciliation, not by waiting).
   */
  checkSeq(sid: number, seq: number): SeqCheck {
    const sub = this.#bySid(sid);
    if (!sub) return { ok: true };
    const last = sub.lastSeq;
    sub.lastSeq = seq;
    if (last === null || seq === last + 1) return { ok: true };
    return { ok: false, expected: last + 1, got: seq };
  }

  /**
   * Command replies (`ok`, `unsubscribed`) may carry a seq. Whether it counts in the data
   * sequence is not documented, so it is taken only when it is exactly the next number: either
   * way no false gap is raised.
   */
  noteReplySeq(sid: number, seq: number): void {
    const sub = this.#bySid(sid);
    if (sub && sub.lastSeq !== null && seq === sub.lastSeq + 1) sub.lastSeq = seq;
  }

  #bySid(sid: number): Sub | undefined {
    for (const s of this.#subs.values()) if (s.sid === sid) return s;
    return undefined;
  }

  #blank(channel: FeedChannel): Sub {
    return { channel, sid: null, pendingId: null, markets: new Set(), lastSeq: null };
  }

  #command<C extends Command["cmd"]>(
    cmd: C,
    channel: FeedChannel,
    params: Extract<Command, { cmd: C }>["params"],
    action?: UpdateAction,
  ): Command {
    const id = this.#nextId++;
    this.#inFlight.set(id, { channel, cmd, action });
    return { id, cmd, params } as Command;
  }

  #subscribe(channel: FeedChannel): Command | null {
    const sub = this.#subs.get(channel);
    if (!sub || sub.sid !== null || sub.pendingId !== null) return null;
    const isMarket = MARKET_CHANNELS.has(channel);
    if (isMarket && this.#watched.size === 0) return null;
    const params: Extract<Command, { cmd: "subscribe" }>["params"] = { channels: [channel] };
    if (isMarket) {
      params.market_tickers = [...this.#watched];
      sub.markets = new Set(this.#watched);
    }
    const c = this.#command("subscribe", channel, params);
    sub.pendingId = c.id;
    return c;
  }

  #update(sub: Sub, action: UpdateAction, tickers: string[]): Command {
    return this.#command(
      "update_subscription",
      sub.channel,
      { sids: [sub.sid as number], market_tickers: tickers, action },
      action,
    );
  }

  #reconcileAll(): Command[] {
    const out: Command[] = [];
    for (const sub of this.#subs.values()) out.push(...this.#reconcile(sub));
    return out;
  }

  #reconcile(sub: Sub): Command[] {
    if (!MARKET_CHANNELS.has(sub.channel)) return [];
    if (sub.pendingId !== null) return []; // the `subscribed` reply reconciles
    if (sub.sid === null) {
      const c = this.#subscribe(sub.channel);
      return c ? [c] : [];
    }
    if (this.#watched.size === 0) {
      // Kalshi may refuse to delete a subscription's last market; unsubscribing is unambiguous.
      const c = this.#command("unsubscribe", sub.channel, { sids: [sub.sid] });
      this.#subs.set(sub.channel, this.#blank(sub.channel));
      return [c];
    }
    const add = [...this.#watched].filter((t) => !sub.markets.has(t));
    const del = [...sub.markets].filter((t) => !this.#watched.has(t));
    const out: Command[] = [];
    if (add.length > 0) out.push(this.#update(sub, "add_markets", add));
    if (del.length > 0) out.push(this.#update(sub, "delete_markets", del));
    for (const t of add) sub.markets.add(t);
    for (const t of del) sub.markets.delete(t);
    return out;
  }
}
