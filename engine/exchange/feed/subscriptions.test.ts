import { describe, expect, test } from "bun:test";
import type { Centis, Micros } from "../../money/money.ts";
import { LiveBook } from "./live-book.ts";
import { Subscriptions } from "./subscriptions.ts";

describe("LiveBook", () => {
  test("snapshot then deltas; a level reaching zero disappears", () => {
    const b = new LiveBook("A");
    expect(b.fresh).toBe(false);
    b.applySnapshot(
      [{ price: 950_000 as Micros, size: 1000 as Centis }],
      [{ price: 30_000 as Micros, size: 500 as Centis }],
    );
    expect(b.fresh).toBe(true);
    expect(b.applyDelta("yes", 960_000 as Micros, 200)).toBe(true);
    expect(b.applyDelta("no", 30_000 as Micros, -500)).toBe(true);
    expect(b.toOrderBook()).toEqual({
      ticker: "A",
      yesBids: [
        { price: 960_000, size: 200 },
        { price: 950_000, size: 1000 },
      ],
      noBids: [],
    } as never);
  });

  test("a delta below zero breaks the book until the next snapshot", () => {
    const b = new LiveBook("A");
    b.applySnapshot([], []);
    expect(b.applyDelta("yes", 950_000 as Micros, -100)).toBe(false);
    expect(b.fresh).toBe(false);
    b.applySnapshot([], []);
    expect(b.fresh).toBe(true);
  });
});

describe("Subscriptions", () => {
  test("a new connection subscribes the account channels; market channels wait for a watch list", () => {
    const s = new Subscriptions(["ticker", "orderbook_delta", "fill", "user_orders", "market_lifecycle_v2"]);
    const cmds = s.reset();
    expect(cmds.map((c) => c.cmd === "subscribe" && c.params.channels[0])).toEqual([
      "fill",
      "user_orders",
      "market_lifecycle_v2",
    ]);
    const w = s.watch(["A", "B"]);
    expect(w).toEqual([
      { id: 4, cmd: "subscribe", params: { channels: ["ticker"], market_tickers: ["A", "B"] } },
      { id: 5, cmd: "subscribe", params: { channels: ["orderbook_delta"], market_tickers: ["A", "B"] } },
    ]);
  });

  test("markets watched while a subscribe is in flight are added once it is confirmed", () => {
    const s = new Subscriptions(["orderbook_delta"]);
    s.reset();
    const [sub] = s.watch(["A"]);
    expect(s.watch(["B"])).toEqual([]); // pending
    const after = s.onSubscribed(sub?.id, "orderbook_delta", 7);
    expect(after).toEqual([
      {
        id: 2,
        cmd: "update_subscription",
        params: { sids: [7], market_tickers: ["B"], action: "add_markets" },
      },
    ]);
    expect(s.unwatch(["A"])).toEqual([
      {
        id: 3,
        cmd: "update_subscription",
        params: { sids: [7], market_tickers: ["A"], action: "delete_markets" },
      },
    ]);
    expect(s.unwatch(["B"])).toEqual([{ id: 4, cmd: "unsubscribe", params: { sids: [7] } }]);
    expect(s.sidOf("orderbook_delta")).toBeNull();
  });

  test("sequence: baseline, in order, gap; replies only advance when exactly next", () => {
    const s = new Subscriptions(["orderbook_delta"]);
    s.reset();
    const [sub] = s.watch(["A"]);
    s.onSubscribed(sub?.id, "orderbook_delta", 3);
    expect(s.checkSeq(3, 1)).toEqual({ ok: true });
    expect(s.checkSeq(3, 2)).toEqual({ ok: true });
    s.noteReplySeq(3, 9); // unrelated number: ignored
    expect(s.checkSeq(3, 3)).toEqual({ ok: true });
    s.noteReplySeq(3, 4); // exactly next: counted
    expect(s.checkSeq(3, 5)).toEqual({ ok: true });
    expect(s.checkSeq(3, 7)).toEqual({ ok: false, expected: 6, got: 7 });
    expect(s.checkSeq(3, 8)).toEqual({ ok: true }); // new baseline
    expect(s.checkSeq(3, 8)).toEqual({ ok: false, expected: 9, got: 8 }); // a repeat is a gap too
  });

  test("resubscribe drops the old sid and subscribes again with the watch list", () => {
    const s = new Subscriptions(["orderbook_delta"]);
    s.reset();
    const [sub] = s.watch(["A", "B"]);
    s.onSubscribed(sub?.id, "orderbook_delta", 3);
    expect(s.resubscribe("orderbook_delta")).toEqual([
      { id: 2, cmd: "unsubscribe", params: { sids: [3] } },
      { id: 3, cmd: "subscribe", params: { channels: ["orderbook_delta"], market_tickers: ["A", "B"] } },
    ]);
    expect(s.channelOfSid(3)).toBeNull();
    expect(s.snapshotCommand(["A"])).toBeNull(); // no sid until confirmed
  });
});
