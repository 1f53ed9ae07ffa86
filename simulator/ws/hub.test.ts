/** WebSocket: commands, snapshot + deltas with seq, private channels, lifecycle, heartbeat. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { RunningSimulator } from "../index.ts";
import { control, favouriteTicker, signedFetch, startTestSimulator } from "../testing/harness.ts";
import { COUNT_FP, DOLLARS } from "../testing/sdk-model.ts";
import { WsClient, type WsMessage } from "../testing/ws-client.ts";

let sim: RunningSimulator;
let ticker: string;

beforeAll(async () => {
  sim = await startTestSimulator({ tier: "prime", heartbeatMs: 150, markets: 200 });
  ticker = favouriteTicker(sim);
});
afterAll(async () => {
  await sim.stop();
});

type Book = { yes: Map<string, number>; no: Map<string, number> };

function applySnapshot(m: WsMessage): Book {
  const msg = m.msg as Record<string, unknown>;
  const side = (levels: unknown) =>
    new Map(((levels as string[][] | undefined) ?? []).map(([p, c]) => [p ?? "", Number(c)]));
  return { yes: side(msg.yes_dollars_fp), no: side(msg.no_dollars_fp) };
}

function applyDelta(book: Book, m: WsMessage): void {
  const msg = m.msg as unknown as { price_dollars: string; delta_fp: string; side: "yes" | "no" };
  const side = book[msg.side];
  const next = Math.round(((side.get(msg.price_dollars) ?? 0) + Number(msg.delta_fp)) * 100) / 100;
  if (next === 0) side.delete(msg.price_dollars);
  else side.set(msg.price_dollars, next);
}

async function restBook(t: string): Promise<Book> {
  const r = (await (await signedFetch(sim, "GET", `/markets/${t}/orderbook`)).json()) as {
    orderbook_fp: { yes_dollars: string[][]; no_dollars: string[][] };
  };
  const side = (l: string[][]) => new Map(l.map(([p, c]) => [p ?? "", Number(c)]));
  return { yes: side(r.orderbook_fp.yes_dollars), no: side(r.orderbook_fp.no_dollars) };
}

describe("orderbook_delta", () => {
  test("subscribed → orderbook_snapshot (seq 1) → orderbook_delta (seq +1 each) that rebuild the REST book", async () => {
    const c = await WsClient.connect(sim);
    const id = c.send("subscribe", { channels: ["orderbook_delta"], market_ticker: ticker });
    const sub = await c.next((m) => m.id === id);
    expect(sub).toEqual({
      id,
      type: "subscribed",
      msg: { channel: "orderbook_delta", sid: expect.any(Number) },
    } as never);
    const sid = sub.msg?.sid as unknown as number;
    const snap = await c.next((m) => m.type === "orderbook_snapshot");
    expect(snap.sid).toBe(sid);
    expect(snap.seq).toBe(1);
    expect((snap.msg as Record<string, unknown>).market_ticker).toBe(ticker);
    const book = applySnapshot(snap);
    expect(book).toEqual(await restBook(ticker));

    // Time passes: makers re-quote; then a user trade takes liquidity.
    for (let i = 0; i < 5; i++) await control(sim, "/advance", { duration: "10m" });
    const ask = Number([...(await restBook(ticker)).no.keys()].sort().at(-1));
    const r = await signedFetch(sim, "POST", "/portfolio/events/orders", {
      ticker,
      side: "bid",
      count: "2",
      price: (1 - ask).toFixed(2),
      time_in_force: "immediate_or_cancel",
      self_trade_prevention_type: "taker_at_cross",
    });
    expect(r.status).toBe(201);
    await c.settle();
    const deltas = c.messages.filter((m) => m.type === "orderbook_delta");
    expect(deltas.length).toBeGreaterThan(0);
    let seq = 1;
    for (const d of deltas) {
      expect(d.sid).toBe(sid);
      expect(d.seq).toBe(++seq);
      const msg = d.msg as Record<string, string>;
      expect(DOLLARS.test(msg.price_dollars ?? "")).toBe(true);
      expect(COUNT_FP.test(msg.delta_fp ?? "")).toBe(true);
      expect(["yes", "no"]).toContain(msg.side ?? "");
      applyDelta(book, d);
    }
    expect(book).toEqual(await restBook(ticker));
    c.close();
  });

  test("update_subscription: add_markets (snapshot), get_snapshot (with id), delete_markets; list; unsubscribe", async () => {
    const c = await WsClient.connect(sim);
    const other = favouriteTicker(sim, 1);
    const id = c.send("subscribe", { channels: ["orderbook_delta"], market_tickers: [ticker] });
    const sid = (await c.next((m) => m.id === id && m.type === "subscribed")).msg?.sid as unknown as number;
    await c.next((m) => m.type === "orderbook_snapshot");
    const add = c.send("update_subscription", {
      sids: [sid],
      market_tickers: [other],
      action: "add_markets",
    });
    const snap = await c.next((m) => m.type === "orderbook_snapshot");
    expect((snap.msg as Record<string, unknown>).market_ticker).toBe(other);
    expect(snap.seq).toBe(2);
    const ok = await c.next((m) => m.id === add);
    expect(ok).toEqual({
      id: add,
      sid,
      seq: 3,
      type: "ok",
      msg: { market_tickers: [ticker, other] },
    } as never);
    const get = c.send("update_subscription", { sid, market_ticker: ticker, action: "get_snapshot" });
    const again = await c.next((m) => m.id === get);
    expect(again.type).toBe("orderbook_snapshot");
    expect(again.seq).toBe(4);
    const del = c.send("update_subscription", { sid, market_tickers: [other], action: "delete_markets" });
    expect((await c.next((m) => m.id === del)).msg).toEqual({ market_tickers: [ticker] } as never);
    const list = c.send("list_subscriptions");
    expect((await c.next((m) => m.id === list)).msg).toEqual([{ channel: "orderbook_delta", sid }] as never);
    const un = c.send("unsubscribe", { sids: [sid] });
    const gone = await c.next((m) => m.id === un);
    expect(gone.type).toBe("unsubscribed");
    expect(gone.sid).toBe(sid);
    c.close();
  });

  test("errors carry Kalshi's codes", async () => {
    const c = await WsClient.connect(sim);
    const code = async (cmd: string, params?: Record<string, unknown>) => {
      const id = c.send(cmd, params);
      const m = await c.next((x) => x.id === id);
      expect(m.type).toBe("error");
      return (m.msg as Record<string, unknown>).code;
    };
    expect(await code("dance")).toBe(5);
    expect(await code("subscribe")).toBe(2);
    expect(await code("subscribe", { channels: [] })).toBe(3);
    expect(await code("subscribe", { channels: ["nope"] })).toBe(8);
    expect(await code("subscribe", { channels: ["orderbook_delta"] })).toBe(14);
    expect(await code("unsubscribe", { sids: [999] })).toBe(7);
    expect(await code("update_subscription", { sids: [1, 2], action: "add_markets" })).toBe(12);
    c.raw("{oops");
    expect(((await c.next((m) => m.type === "error")).msg as Record<string, unknown>).code).toBe(1);
    c.close();
  });
});

describe("other channels", () => {
  test("ticker (initial snapshot), fill, user_orders, market_positions, market_lifecycle_v2 — each with seq", async () => {
    const c = await WsClient.connect(sim);
    const t = favouriteTicker(sim, 2);
    c.send("subscribe", { channels: ["ticker"], market_tickers: [t], send_initial_snapshot: true });
    const tick = await c.next((m) => m.type === "ticker");
    expect(tick.seq).toBe(1);
    expect((tick.msg as Record<string, unknown>).market_ticker).toBe(t);
    expect(DOLLARS.test((tick.msg as Record<string, string>).yes_bid_dollars ?? "")).toBe(true);
    c.send("subscribe", { channels: ["fill", "user_orders", "market_positions", "market_lifecycle_v2"] });
    await c.settle();
    const ask = (await restBook(t)).no;
    const price = (1 - Math.max(...[...ask.keys()].map(Number))).toFixed(2);
    const r = await signedFetch(sim, "POST", "/portfolio/events/orders", {
      ticker: t,
      side: "bid",
      count: "3",
      price,
      time_in_force: "immediate_or_cancel",
      self_trade_prevention_type: "taker_at_cross",
      client_order_id: "ws-1",
    });
    expect(r.status).toBe(201);
    const fill = await c.next((m) => m.type === "fill");
    expect(fill.msg).toMatchObject({
      market_ticker: t,
      client_order_id: "ws-1",
      count_fp: "3.00",
      is_taker: true,
      book_side: "bid",
      post_position_fp: "3.00",
    });
    const order = await c.next((m) => m.type === "user_order");
    expect(order.msg).toMatchObject({
      ticker: t,
      status: "executed",
      fill_count_fp: "3.00",
      client_order_id: "ws-1",
    });
    const pos = await c.next((m) => m.type === "market_position");
    expect(pos.msg).toMatchObject({ market_ticker: t, position_fp: "3.00" });
    const tick2 = await c.next((m) => m.type === "ticker");
    expect(tick2.seq).toBe(2);
    await control(sim, "/settle", { ticker: t, result: "yes", finalize_after: "1m" });
    const determined = await c.next(
      (m) =>
        m.type === "market_lifecycle_v2" && (m.msg as Record<string, unknown>).event_type === "determined",
    );
    expect(determined.msg).toMatchObject({ market_ticker: t, result: "yes", settlement_value: "1.0000" });
    await control(sim, "/advance", { duration: "2m" });
    const settled = await c.next(
      (m) => m.type === "market_lifecycle_v2" && (m.msg as Record<string, unknown>).event_type === "settled",
    );
    expect(settled.msg).toMatchObject({ market_ticker: t });
    const flat = await c.next(
      (m) => m.type === "market_position" && (m.msg as Record<string, unknown>).position_fp === "0.00",
    );
    expect(flat.msg).toMatchObject({ market_ticker: t });
    // Every subscription's seq rises by exactly 1.
    const bySid = new Map<number, number[]>();
    for (const m of c.messages)
      if (m.sid !== undefined && m.seq !== undefined) bySid.set(m.sid, [...(bySid.get(m.sid) ?? []), m.seq]);
    for (const seqs of bySid.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    c.close();
  });

  test("Ping frames with body 'heartbeat' arrive on the heartbeat interval", async () => {
    const c = await WsClient.connect(sim);
    await Bun.sleep(400);
    expect(c.pings.length).toBeGreaterThanOrEqual(1);
    expect(c.pings.every((p) => p === "heartbeat")).toBe(true);
    c.close();
  });
});

describe("scripted faults (scenario actions)", () => {
  test("silence_websockets: an open socket gets no heartbeat, no data and no reply; a new one works", async () => {
    const c = await WsClient.connect(sim);
    await Bun.sleep(400);
    expect(c.pings.length).toBeGreaterThanOrEqual(1);
    expect((await control(sim, "/actions", { action: "silence_websockets" })).status).toBe(200);
    const [pings, messages] = [c.pings.length, c.messages.length];
    c.send("subscribe", { channels: ["ticker"], market_ticker: ticker });
    await Bun.sleep(600); // four heartbeat intervals
    expect([c.pings.length, c.messages.length]).toEqual([pings, messages]);
    c.close();
    const fresh = await WsClient.connect(sim);
    const id = fresh.send("subscribe", { channels: ["ticker"], market_ticker: ticker });
    expect((await fresh.next((m) => m.id === id)).type).toBe("subscribed");
    fresh.close();
  });

  test("sequence_gap: the next delta is lost and its seq skipped; later deltas keep counting", async () => {
    const c = await WsClient.connect(sim);
    const id = c.send("subscribe", { channels: ["orderbook_delta"], market_ticker: ticker });
    const sid = (await c.next((m) => m.id === id)).msg?.sid as unknown as number;
    await c.next((m) => m.type === "orderbook_snapshot");
    expect(
      (await control(sim, "/actions", { action: "sequence_gap", channel: "orderbook_delta", ticker })).status,
    ).toBe(200);
    for (const yes_price of ["0.91", "0.89", "0.93"])
      await control(sim, "/actions", { action: "set_price", ticker, yes_price, pinned: true });
    await c.settle();
    const seqs = c.messages.filter((m) => m.sid === sid && m.seq !== undefined).map((m) => m.seq as number);
    expect(seqs[0]).toBe(1);
    expect(seqs[1]).toBe(3); // seq 2 was the lost delta
    expect(seqs.slice(1)).toEqual(seqs.slice(1).map((_, i) => i + 3));
    c.close();
  });
});
