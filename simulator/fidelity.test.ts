/**
 * Fidelity: the official SDK (kalshi-typescript) drives every endpoint our engine uses, and every
 * response must match the SDK's documented model exactly (fields, types, fixed-point formats).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { AxiosError } from "axios";
import type { RunningSimulator } from "./index.ts";
import { favouriteTicker, sdkClients, startTestSimulator, TEST_START } from "./testing/harness.ts";
import { COUNT_FP, checkModel, DOLLARS } from "./testing/sdk-model.ts";

let sim: RunningSimulator;
let sdk: ReturnType<typeof sdkClients>;
let fav: string;

const expectModel = (model: string, value: unknown) => expect(checkModel(model, value)).toEqual([]);

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    return (e as AxiosError).response?.status ?? -1;
  }
}

beforeAll(async () => {
  sim = await startTestSimulator({ tier: "prime" });
  sdk = sdkClients(sim);
  fav = favouriteTicker(sim);
});
afterAll(async () => {
  await sim.stop();
});

describe("market data", () => {
  test("GET /markets pages with cursors and every market matches Market", async () => {
    let cursor: string | undefined;
    let total = 0;
    let pages = 0;
    do {
      const r = await sdk.markets.getMarkets(97, cursor);
      expectModel("GetMarketsResponse", r.data);
      total += r.data.markets.length;
      cursor = r.data.cursor || undefined;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    const historical = sim.exchange.catalog.markets.filter((m) => sim.exchange.isHistorical(m)).length;
    expect(total).toBe(sim.exchange.catalog.markets.length - historical);
  });

  test("GET /markets filters: status, event, series, tickers, close window", async () => {
    const open = await sdk.markets.getMarkets(
      1000,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      "open",
    );
    expect(open.data.markets.length).toBeGreaterThan(0);
    expect(open.data.markets.every((m) => m.status === "active")).toBe(true);
    const closed = await sdk.markets.getMarkets(
      1000,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      "settled",
    );
    expect(closed.data.markets.every((m) => m.status === "finalized")).toBe(true);
    const m = (await sdk.markets.getMarket(fav)).data.market;
    const byEvent = await sdk.markets.getMarkets(100, undefined, m.event_ticker);
    expect(byEvent.data.markets.map((x) => x.event_ticker)).toContain(m.event_ticker);
    expect(byEvent.data.markets.every((x) => x.event_ticker === m.event_ticker)).toBe(true);
    const byTickers = await sdk.markets.getMarkets(
      100,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      fav,
    );
    expect(byTickers.data.markets.map((x) => x.ticker)).toEqual([fav]);
    const now = Math.floor(TEST_START / 1000);
    const soon = await sdk.markets.getMarkets(
      1000,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      now + 3 * 86400,
      now,
    );
    expect(soon.data.markets.length).toBeGreaterThan(0);
    for (const x of soon.data.markets)
      expect(Date.parse(x.close_time) / 1000).toBeLessThanOrEqual(now + 3 * 86400);
    // Timestamp families are mutually exclusive, as on Kalshi.
    expect(
      await status(
        sdk.markets.getMarkets(10, undefined, undefined, undefined, now, undefined, undefined, now + 10),
      ),
    ).toBe(400);
    expect(await status(sdk.markets.getMarkets(1001))).toBe(400);
  });

  test("GET /markets/{ticker} matches GetMarketResponse; liquidity is always 0.0000", async () => {
    const r = await sdk.markets.getMarket(fav);
    expectModel("GetMarketResponse", r.data);
    expect(r.data.market.liquidity_dollars).toBe("0.0000");
    expect(await status(sdk.markets.getMarket("NO-SUCH-MARKET"))).toBe(404);
  });

  test("order books: bids only, [price_dollars, count_fp], depth, batch of tickers", async () => {
    const r = await sdk.markets.getMarketOrderbook(fav, 3);
    expectModel("GetMarketOrderbookResponse", r.data);
    const { yes_dollars, no_dollars } = r.data.orderbook_fp;
    for (const [price, size, ...rest] of [...yes_dollars, ...no_dollars]) {
      expect(price).toMatch(DOLLARS);
      expect(size).toMatch(COUNT_FP);
      expect(rest).toEqual([]);
    }
    expect(yes_dollars.length).toBeLessThanOrEqual(3);
    expect(yes_dollars.length).toBeGreaterThan(0);
    expect(no_dollars.length).toBeGreaterThan(0);
    const market = (await sdk.markets.getMarket(fav)).data.market;
    const bestYesBid = Math.max(...yes_dollars.map((l) => Number(l[0])));
    const bestNoBid = Math.max(...no_dollars.map((l) => Number(l[0])));
    expect(bestYesBid.toFixed(4)).toBe(market.yes_bid_dollars);
    // A NO bid at q is a YES ask at 1 − q.
    expect((1 - bestNoBid).toFixed(4)).toBe(market.yes_ask_dollars);
    const other =
      sim.exchange.catalog.markets.find((m) => m.ticker !== fav && !sim.exchange.isHistorical(m))?.ticker ??
      fav;
    const many = await sdk.markets.getMarketOrderbooks([fav, other]);
    expectModel("GetMarketOrderbooksResponse", many.data);
    expect(many.data.orderbooks.map((o) => o.ticker)).toEqual([fav, other]);
  });

  test("events, series, exchange status", async () => {
    const events = await sdk.events.getEvents(50, undefined, true);
    expectModel("GetEventsResponse", events.data);
    expect(events.data.cursor).not.toBe("");
    const first = events.data.events[0];
    expect(first).toBeDefined();
    const one = await sdk.events.getEvent(first?.event_ticker ?? "", true);
    expectModel("GetEventResponse", one.data);
    const series = await sdk.markets.getSeries(first?.series_ticker ?? "", true);
    expectModel("GetSeriesResponse", series.data);
    const list = await sdk.markets.getSeriesList();
    expectModel("GetSeriesListResponse", list.data);
    const st = await sdk.exchange.getExchangeStatus();
    expectModel("ExchangeStatus", st.data);
    expect(st.data.trading_active).toBe(true);
  });

  test("trades and candlesticks", async () => {
    const trades = await sdk.markets.getTrades(50, undefined, fav);
    expectModel("GetTradesResponse", trades.data);
    expect(trades.data.trades.length).toBeGreaterThan(0);
    const times = trades.data.trades.map((t) => Date.parse(t.created_time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const all = await sdk.markets.getTrades(20);
    expectModel("GetTradesResponse", all.data);
    const m = sim.exchange.market(fav);
    const series = sim.exchange.catalog.seriesOf(m).ticker;
    const now = Math.floor(sim.exchange.t / 1000);
    const candles = await sdk.markets.getMarketCandlesticks(series, fav, now - 6 * 3600, now, 60);
    expectModel("GetMarketCandlesticksResponse", candles.data);
    expect(candles.data.candlesticks.length).toBeGreaterThan(0);
    expect(await status(sdk.markets.getMarketCandlesticks(series, fav, now - 3600, now, 5 as 60))).toBe(400);
  });

  test("historical endpoints", async () => {
    const cutoff = await sdk.historical.getHistoricalCutoff();
    expectModel("GetHistoricalCutoffResponse", cutoff.data);
    const hist = await sdk.historical.getHistoricalMarkets(100);
    expectModel("GetMarketsResponse", hist.data);
    expect(hist.data.markets.length).toBeGreaterThan(0);
    const h = hist.data.markets[0];
    expect(h?.status).toBe("finalized");
    expect(["yes", "no"]).toContain(h?.result ?? "");
    const one = await sdk.historical.getHistoricalMarket(h?.ticker ?? "");
    expectModel("GetMarketResponse", one.data);
    // A market archived behind the cutoff is gone from the live endpoint.
    expect(await status(sdk.markets.getMarket(h?.ticker ?? ""))).toBe(404);
    const close = Math.floor(Date.parse(h?.close_time ?? "") / 1000);
    const candles = await sdk.historical.getMarketCandlesticksHistorical(
      h?.ticker ?? "",
      close - 86400,
      close,
      60,
    );
    expectModel("GetMarketCandlesticksHistoricalResponse", candles.data);
    expect(candles.data.candlesticks.length).toBeGreaterThan(0);
    const trades = await sdk.historical.getTradesHistorical(h?.ticker, undefined, undefined, 10);
    expectModel("GetTradesResponse", trades.data);
    expect(trades.data.trades.length).toBeGreaterThan(0);
    expectModel("GetFillsResponse", (await sdk.historical.getFillsHistorical()).data);
    expectModel("GetOrdersResponse", (await sdk.historical.getHistoricalOrders()).data);
  });
});

describe("account, orders and portfolio", () => {
  test("limits and endpoint costs", async () => {
    const limits = await sdk.account.getAccountApiLimits();
    expectModel("GetAccountApiLimitsResponse", limits.data);
    expect(limits.data.usage_tier).toBe("prime");
    const costs = await sdk.account.getAccountEndpointCosts();
    expectModel("GetAccountEndpointCostsResponse", costs.data);
    expect(costs.data.default_cost).toBe(10);
  });

  test("order lifecycle: create (taker fill + resting), get, list, cancel, duplicate 409", async () => {
    const market = (await sdk.markets.getMarket(fav)).data.market;
    const taker = await sdk.orders.createOrderV2({
      ticker: fav,
      side: "bid",
      count: "5",
      price: market.yes_ask_dollars,
      time_in_force: "immediate_or_cancel",
      self_trade_prevention_type: "taker_at_cross",
      client_order_id: "fid-taker-1",
    });
    expect(taker.status).toBe(201);
    expectModel("CreateOrderV2Response", taker.data);
    expect(taker.data.fill_count).toBe("5.00");
    expect(taker.data.average_fill_price).toBe(market.yes_ask_dollars);

    const restPrice = (Number(market.yes_bid_dollars) - 0.05).toFixed(2);
    const resting = await sdk.orders.createOrderV2({
      ticker: fav,
      side: "bid",
      count: "3.50",
      price: restPrice,
      time_in_force: "good_till_canceled",
      self_trade_prevention_type: "taker_at_cross",
      client_order_id: "fid-rest-1",
    });
    expectModel("CreateOrderV2Response", resting.data);
    expect(resting.data.remaining_count).toBe("3.50");

    const dup = status(
      sdk.orders.createOrderV2({
        ticker: fav,
        side: "bid",
        count: "1",
        price: restPrice,
        time_in_force: "good_till_canceled",
        self_trade_prevention_type: "taker_at_cross",
        client_order_id: "fid-rest-1",
      }),
    );
    expect(await dup).toBe(409);

    const got = await sdk.orders.getOrder(resting.data.order_id);
    expectModel("GetOrderResponse", got.data);
    expect(got.data.order.status).toBe("resting");
    expect(got.data.order.client_order_id).toBe("fid-rest-1");

    const list = await sdk.orders.getOrders(fav, undefined, undefined, undefined, "resting");
    expectModel("GetOrdersResponse", list.data);
    expect(list.data.orders.map((o) => o.order_id)).toContain(resting.data.order_id);

    const cancel = await sdk.orders.cancelOrderV2(resting.data.order_id);
    expectModel("CancelOrderV2Response", cancel.data);
    expect(cancel.data.reduced_by).toBe("3.50");
    expect((await sdk.orders.getOrder(resting.data.order_id)).data.order.status).toBe("canceled");
    expect(await status(sdk.orders.cancelOrderV2(resting.data.order_id))).toBe(404);
    expect(
      await status(
        sdk.orders.createOrderV2({
          ticker: fav,
          side: "bid",
          count: "1",
          price: "0.955",
          time_in_force: "immediate_or_cancel",
          self_trade_prevention_type: "maker",
        }),
      ),
    ).toBe(sim.exchange.market(fav).structure === "linear_cent" ? 400 : 201);
  });

  test("batched create and cancel (V2)", async () => {
    const market = (await sdk.markets.getMarket(fav)).data.market;
    const low = (Number(market.yes_bid_dollars) - 0.1).toFixed(2);
    const created = await sdk.orders.batchCreateOrdersV2({
      orders: [
        {
          ticker: fav,
          side: "bid",
          count: "1",
          price: low,
          time_in_force: "good_till_canceled",
          self_trade_prevention_type: "maker",
          client_order_id: "b1",
        },
        {
          ticker: "NO-SUCH",
          side: "bid",
          count: "1",
          price: low,
          time_in_force: "good_till_canceled",
          self_trade_prevention_type: "maker",
          client_order_id: "b2",
        },
      ],
    });
    expectModel("BatchCreateOrdersV2Response", created.data);
    expect(created.data.orders[0]?.order_id).toBeDefined();
    expect(created.data.orders[1]?.error?.code).toBe("not_found");
    const cancel = await sdk.orders.batchCancelOrdersV2({
      orders: [{ order_id: created.data.orders[0]?.order_id ?? "" }],
    });
    expectModel("BatchCancelOrdersV2Response", cancel.data);
    expect(cancel.data.orders[0]?.reduced_by).toBe("1.00");
  });

  test("balance, positions, fills, settlements", async () => {
    sim.exchange.settle(fav, "yes", 0);
    const bal = await sdk.portfolio.getBalance();
    expectModel("GetBalanceResponse", bal.data);
    const pos = await sdk.portfolio.getPositions();
    expectModel("GetPositionsResponse", pos.data);
    expect(pos.data.market_positions.some((p) => p.ticker === fav)).toBe(true);
    const fills = await sdk.portfolio.getFills(fav);
    expectModel("GetFillsResponse", fills.data);
    expect(fills.data.fills.length).toBeGreaterThan(0);
    const settlements = await sdk.portfolio.getSettlements();
    expectModel("GetSettlementsResponse", settlements.data);
    const s = settlements.data.settlements.find((x) => x.ticker === fav);
    expect(s?.market_result).toBe("yes");
    expect(s?.yes_count_fp).toBe("5.00");
    expect(s?.revenue).toBe(500);
    // The ledger behind these responses reconciles to the micro.
    expect(sim.exchange.ledger().reconciliation.balanced).toBe(true);
    expect(bal.data.balance).toBe(Math.floor(sim.exchange.ledger().available / 10_000));
  });

  test("cancel all resting orders (204)", async () => {
    const market = (await sdk.markets.getMarket(fav)).data.market;
    expect(market.status).toBe("finalized");
    const other = sim.exchange.catalog.markets.find(
      (m) => m.ticker !== fav && sim.exchange.bookOf(m)?.bids[0] !== undefined,
    );
    const low = ((other?.book?.bids[0]?.price ?? 500_000) / 1e6 - 0.05).toFixed(2);
    await sdk.orders.createOrderV2({
      ticker: other?.ticker ?? "",
      side: "bid",
      count: "1",
      price: Number(low) > 0 ? low : "0.01",
      time_in_force: "good_till_canceled",
      self_trade_prevention_type: "maker",
    });
    const r = await sdk.orders.cancelAllOrders();
    expect(r.status).toBe(204);
    expect(
      (await sdk.orders.getOrders(undefined, undefined, undefined, undefined, "resting")).data.orders,
    ).toEqual([]);
  });

  test("private endpoints refuse unsigned requests", async () => {
    const r = await fetch(`${sim.baseUrl}/portfolio/balance`);
    expect(r.status).toBe(401);
    const body = (await r.json()) as { error: { code: string } };
    expect(body.error.code).toBe("authentication_error");
    const pub = await fetch(`${sim.baseUrl}/markets?limit=1`);
    expect(pub.status).toBe(200);
  });
});
