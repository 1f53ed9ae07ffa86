import { describe, expect, test } from "bun:test";
import { InvalidResponse } from "../errors.ts";
import { marketJson, orderJson } from "../testing.ts";
import { type InvalidResponseReport, validate } from "../validate.ts";
import { exchangeStatusResponse, getSeriesResponse } from "./exchange.ts";
import {
  getHistoricalCandlesticksResponse,
  getLiveCandlesticksResponse,
  getTradesResponse,
} from "./history.ts";
import { getMarketResponse, getMarketsResponse } from "./market.ts";
import { getOrderbookResponse, getOrderbooksResponse } from "./orderbook.ts";
import { cancelOrderV2Response, createOrderV2Response, getOrdersResponse } from "./orders.ts";
import {
  getBalanceResponse,
  getFillsResponse,
  getPositionsResponse,
  getSettlementsResponse,
} from "./portfolio.ts";

function expectInvalid(
  endpoint: string,
  schema: Parameters<typeof validate>[1],
  data: unknown,
  field: string,
) {
  const reports: InvalidResponseReport[] = [];
  let thrown: unknown;
  try {
    validate(endpoint, schema, data, (r) => reports.push(r));
  } catch (e) {
    thrown = e;
  }
  expect<unknown>(thrown).toBeInstanceOf(InvalidResponse);
  const err = thrown as InvalidResponse;
  expect<unknown>(err.endpoint).toBe(endpoint);
  expect<unknown>(err.field).toBe(field);
  expect<unknown>(reports).toHaveLength(1);
  expect<unknown>(reports[0]?.field).toBe(field);
  expect<unknown>(reports[0]?.endpoint).toBe(endpoint);
  return { err, report: reports[0] as InvalidResponseReport };
}

describe("market schema", () => {
  test("parses fixed-point strings into exact integers and times into epoch ms", () => {
    const r = validate("GET /markets", getMarketsResponse, { markets: [marketJson("KX-A")], cursor: "abc" });
    expect<unknown>(r.cursor).toBe("abc");
    const m = r.markets[0];
    expect<unknown>(m?.yesBid).toBe(950_000);
    expect<unknown>(m?.yesAsk).toBe(960_000);
    expect<unknown>(m?.yesBidSize).toBe(10_000);
    expect<unknown>(m?.volume).toBe(123_400);
    expect<unknown>(m?.closeTime).toBe(Date.parse("2026-02-01T00:00:00Z"));
    expect<unknown>(m?.priceRanges).toEqual([{ start: 0, end: 1_000_000, step: 10_000 }] as never);
    expect<unknown>(m?.status).toBe("active");
    expect<unknown>(m?.settlementValue).toBeNull();
  });

  test("6-decimal prices stay exact", () => {
    const m = validate("GET /markets/{ticker}", getMarketResponse, {
      market: marketJson("KX-A", { yes_bid_dollars: "0.954321" }),
    });
    expect<unknown>(m.yesBid).toBe(954_321);
  });

  test("a null cursor is the last page", () => {
    expect<unknown>(validate("GET /markets", getMarketsResponse, { markets: [], cursor: null }).cursor).toBe(
      "",
    );
  });

  test("a float price is rejected with the field named", () => {
    const { err, report } = expectInvalid(
      "GET /markets",
      getMarketsResponse,
      { markets: [marketJson("KX-A"), marketJson("KX-B", { yes_ask_dollars: 0.96 })], cursor: "" },
      "markets.1.yes_ask_dollars",
    );
    expect<unknown>(report.sample).toBe("0.96");
    expect<unknown>(err.message).toContain("markets.1.yes_ask_dollars");
  });

  test("a price above $1, a bad count, an unknown status and a bad time are all rejected", () => {
    expectInvalid(
      "GET /markets/{ticker}",
      getMarketResponse,
      { market: marketJson("X", { yes_bid_dollars: "1.2" }) },
      "market.yes_bid_dollars",
    );
    expectInvalid(
      "GET /markets/{ticker}",
      getMarketResponse,
      { market: marketJson("X", { volume_fp: "1.234" }) },
      "market.volume_fp",
    );
    expectInvalid(
      "GET /markets/{ticker}",
      getMarketResponse,
      { market: marketJson("X", { status: "open" }) },
      "market.status",
    );
    expectInvalid(
      "GET /markets/{ticker}",
      getMarketResponse,
      { market: marketJson("X", { close_time: "soon" }) },
      "market.close_time",
    );
  });

  test("a missing required field is rejected", () => {
    const m = marketJson("X");
    delete m.close_time;
    expectInvalid("GET /markets/{ticker}", getMarketResponse, { market: m }, "market.close_time");
  });

  test("a non-JSON body (string) is rejected at the root", () => {
    expectInvalid("GET /markets", getMarketsResponse, "<html>oops</html>", "");
  });
});

describe("order book schema", () => {
  test("merges, sorts best first and drops empty levels", () => {
    const book = validate("GET /markets/{ticker}/orderbook", getOrderbookResponse("KX-A"), {
      orderbook_fp: {
        yes_dollars: [
          ["0.9000", "5.00"],
          ["0.9500", "10.00"],
          ["0.9000", "2.50"],
          ["0.9300", "0.00"],
        ],
        no_dollars: null,
      },
    });
    expect<unknown>(book).toEqual({
      ticker: "KX-A",
      yesBids: [
        { price: 950_000, size: 1000 },
        { price: 900_000, size: 750 },
      ],
      noBids: [],
    } as never);
  });

  test("batched books carry their tickers", () => {
    const books = validate("GET /markets/orderbooks", getOrderbooksResponse, {
      orderbooks: [
        { ticker: "A", orderbook_fp: { yes_dollars: [], no_dollars: [["0.0400", "3.00"]] } },
        { ticker: "B", orderbook_fp: { yes_dollars: [["0.5000", "1.00"]], no_dollars: [] } },
      ],
    });
    expect<unknown>(books.map((b) => b.ticker)).toEqual(["A", "B"]);
    expect<unknown>(books[0]?.noBids).toEqual([{ price: 40_000, size: 300 }] as never);
  });

  test("a level priced at 0 or 1, or not a pair, is rejected", () => {
    expectInvalid(
      "GET /markets/{ticker}/orderbook",
      getOrderbookResponse("X"),
      { orderbook_fp: { yes_dollars: [["1.0000", "1.00"]], no_dollars: [] } },
      "orderbook_fp.yes_dollars.0",
    );
    expectInvalid(
      "GET /markets/{ticker}/orderbook",
      getOrderbookResponse("X"),
      { orderbook_fp: { yes_dollars: [["0.5000"]], no_dollars: [] } },
      "orderbook_fp.yes_dollars.0",
    );
  });
});

describe("order schemas", () => {
  test("create V2 response", () => {
    const r = validate("POST /portfolio/events/orders", createOrderV2Response, {
      order_id: "o1",
      client_order_id: "c1",
      fill_count: "10.00",
      remaining_count: "0.00",
      average_fill_price: "0.9600",
      average_fee_paid: "0.0027",
      ts_ms: 1767571200000,
    });
    expect<unknown>(r).toEqual({
      orderId: "o1",
      clientOrderId: "c1",
      fillCount: 1000,
      remainingCount: 0,
      averageFillPrice: 960_000,
      averageFee: 2_700,
      time: 1767571200000,
    } as never);
  });

  test("orders listing", () => {
    const r = validate("GET /portfolio/orders", getOrdersResponse, { orders: [orderJson()], cursor: "" });
    expect<unknown>(r.items[0]?.takerFees).toBe(27_000);
    expect<unknown>(r.items[0]?.bookSide).toBe("bid");
    expect<unknown>(r.items[0]?.expirationTime).toBeNull();
  });

  test("bad order status and bad cancel count are rejected", () => {
    expectInvalid(
      "GET /portfolio/orders",
      getOrdersResponse,
      { orders: [orderJson({ status: "pending" })], cursor: "" },
      "orders.0.status",
    );
    expectInvalid(
      "DELETE /portfolio/events/orders/{id}",
      cancelOrderV2Response,
      { order_id: "o", reduced_by: "-1.00", ts_ms: 1 },
      "reduced_by",
    );
  });
});

describe("portfolio schemas", () => {
  test("balance uses the exact dollar string; cents fields become micros", () => {
    const b = validate("GET /portfolio/balance", getBalanceResponse, {
      balance: 12345,
      balance_dollars: "123.4567",
      portfolio_value: 20000,
      updated_ts: 1767571200,
    });
    expect<unknown>(b).toEqual({
      balance: 123_456_700,
      portfolioValue: 200_000_000,
      updatedTime: 1767571200000,
    } as never);
  });

  test("positions are signed", () => {
    const p = validate("GET /portfolio/positions", getPositionsResponse, {
      market_positions: [
        {
          ticker: "A",
          exchange_index: 0,
          total_traded_dollars: "9.60",
          position_fp: "-10.00",
          market_exposure_dollars: "9.60",
          realized_pnl_dollars: "0.00",
          fees_paid_dollars: "0.03",
          last_updated_ts: "2026-01-05T00:00:00Z",
        },
      ],
      event_positions: [],
    });
    expect<unknown>(p.items[0]?.position).toBe(-1000);
    expect<unknown>(p.cursor).toBe("");
  });

  test("fills and settlements", () => {
    const f = validate("GET /portfolio/fills", getFillsResponse, {
      fills: [
        {
          fill_id: "f1",
          exchange_index: 0,
          trade_id: "t1",
          order_id: "o1",
          ticker: "A",
          market_ticker: "A",
          outcome_side: "no",
          book_side: "ask",
          action: "buy",
          count_fp: "3.00",
          yes_price_dollars: "0.0300",
          no_price_dollars: "0.9700",
          is_taker: true,
          fee_cost: "0.0062",
          created_time: "2026-01-05T00:00:01Z",
        },
      ],
      cursor: "n",
    });
    expect<unknown>(f.items[0]).toMatchObject({
      outcomeSide: "no",
      count: 300,
      noPrice: 970_000,
      fee: 6_200,
    });
    const s = validate("GET /portfolio/settlements", getSettlementsResponse, {
      settlements: [
        {
          ticker: "A",
          exchange_index: 0,
          event_ticker: "E",
          market_result: "yes",
          yes_count_fp: "10.00",
          yes_total_cost_dollars: "9.60",
          no_count_fp: "0.00",
          no_total_cost_dollars: "0.00",
          revenue: 1000,
          settled_time: "2026-02-01T02:00:00Z",
          fee_cost: "0.00",
        },
      ],
    });
    expect<unknown>(s.items[0]).toMatchObject({ revenue: 10_000_000, yesCount: 1000, marketResult: "yes" });
    expectInvalid(
      "GET /portfolio/fills",
      getFillsResponse,
      { fills: [{ fill_id: "x" }], cursor: "" },
      "fills.0.trade_id",
    );
  });
});

describe("series, status, history", () => {
  test("series fee schedule is exact", () => {
    const s = validate("GET /series/{ticker}", getSeriesResponse, {
      series: {
        ticker: "KX",
        frequency: "daily",
        title: "T",
        category: "Economics",
        categories: [],
        tags: null,
        settlement_sources: null,
        contract_url: "",
        contract_terms_url: "",
        fee_type: "quadratic_with_maker_fees",
        fee_multiplier: 0.5,
        additional_prohibitions: null,
      },
    });
    expect<unknown>(s.fees).toEqual({ feeType: "quadratic_with_maker_fees", multiplier: 5000 } as never);
    expect<unknown>(s.tags).toEqual([]);
  });

  test("an unknown fee type is rejected (fees must never be guessed)", () => {
    expectInvalid(
      "GET /series/{ticker}",
      getSeriesResponse,
      {
        series: {
          ticker: "KX",
          frequency: "",
          title: "",
          category: "",
          fee_type: "mystery",
          fee_multiplier: 1,
        },
      },
      "series.fee_type",
    );
  });

  test("exchange status", () => {
    expect<unknown>(
      validate("GET /exchange/status", exchangeStatusResponse, {
        exchange_active: true,
        trading_active: false,
      }),
    ).toEqual({ exchangeActive: true, tradingActive: false, estimatedResumeTime: null });
  });

  test("trades and candlesticks (live and historical names)", () => {
    const t = validate("GET /markets/trades", getTradesResponse, {
      trades: [
        {
          trade_id: "t",
          ticker: "A",
          count_fp: "2.00",
          yes_price_dollars: "0.9700",
          no_price_dollars: "0.0300",
          taker_outcome_side: "yes",
          taker_book_side: "bid",
          created_time: "2026-01-05T00:00:00Z",
          is_block_trade: false,
        },
      ],
      cursor: "",
    });
    expect<unknown>(t.items[0]?.yesPrice).toBe(970_000);
    const live = validate("GET candles", getLiveCandlesticksResponse, {
      ticker: "A",
      candlesticks: [
        {
          end_period_ts: 1767571200,
          yes_bid: { open_dollars: "0.9", low_dollars: "0.9", high_dollars: "0.95", close_dollars: "0.95" },
          yes_ask: { open_dollars: "0.91", low_dollars: "0.91", high_dollars: "0.96", close_dollars: "0.96" },
          price: { open_dollars: null, mean_dollars: "0.93" },
          volume_fp: "5.00",
          open_interest_fp: "7.00",
        },
      ],
    });
    expect<unknown>(live[0]).toMatchObject({ endPeriodTime: 1767571200000, volume: 500 });
    expect<unknown>(live[0]?.price.mean).toBe(930_000);
    expect<unknown>(live[0]?.price.open).toBeNull();
    const hist = validate("GET hcandles", getHistoricalCandlesticksResponse, {
      ticker: "A",
      candlesticks: [
        {
          end_period_ts: 1767571200,
          yes_bid: { open: "0.9", low: "0.9", high: "0.95", close: "0.95" },
          yes_ask: { open: "0.91", low: "0.91", high: "0.96", close: "0.96" },
          price: { open: null, low: null, high: null, close: null, mean: null, previous: "0.9" },
          volume: "5.00",
          open_interest: "7.00",
        },
      ],
    });
    expect<unknown>(hist[0]?.yesAsk.close).toBe(960_000);
  });
});
